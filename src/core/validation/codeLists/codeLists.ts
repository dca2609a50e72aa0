/**
 * The code lists the rules check against, as data with their source: one JSON per list
 * (Volven/Helsedirektoratet OID as the file name). A code is `valid`, `expired` (in the list
 * but marked "Utgått": a different finding from an unknown code), or `unknown`.
 */
import list3101 from './3101.json';
import list7371 from './7371.json';
import list8471 from './8471.json';
import list9032 from './9032.json';
import list9151 from './9151.json';

export interface CodeListEntry {
  code: string;
  text: string;
  /** Set when the list marks the code "Utgått": the list's own comment. */
  expired?: string;
  /** 9032 only: the identity type gives a KPR identity (XPR(ipl).docx). */
  kprIdentity?: boolean;
}

export interface CodeList {
  /** The list's OID, e.g. "9151". */
  id: string;
  name: string;
  /** Document and place the codes were copied from. */
  source: string;
  codes: readonly CodeListEntry[];
}

export type CodeListId = '3101' | '7371' | '8471' | '9032' | '9151';

export type CodeStatus = 'valid' | 'expired' | 'unknown';

const LISTS: Readonly<Record<CodeListId, CodeList>> = {
  '3101': list3101,
  '7371': list7371,
  '8471': list8471,
  '9032': list9032,
  '9151': list9151,
};

/** Per list, code → entry: built once, so a lookup per element is one Map.get. */
const INDEX = new Map<CodeListId, Map<string, CodeListEntry>>(
  Object.entries(LISTS).map(([id, list]) => [
    id as CodeListId,
    new Map(list.codes.map((entry) => [entry.code, entry])),
  ]),
);

export function codeList(id: CodeListId): CodeList {
  return LISTS[id];
}

/** Every code list, by id. */
export function codeLists(): readonly CodeList[] {
  return Object.values(LISTS);
}

/** The entry for a code as written (surrounding spaces ignored), or undefined. */
export function codeEntry(id: CodeListId, code: string): CodeListEntry | undefined {
  const codes = INDEX.get(id);
  return codes?.get(code) ?? codes?.get(code.trim());
}

export function codeStatus(id: CodeListId, code: string): CodeStatus {
  const entry = codeEntry(id, code);
  if (entry === undefined) return 'unknown';
  return entry.expired === undefined ? 'valid' : 'expired';
}
