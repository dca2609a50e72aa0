/**
 * The typed message protocol between the feedback viewer's host (src/extension/feedback)
 * and its webview (media/feedback). Plain data only: no vscode, no Node. The webview never
 * sends a path or a command to run — only ids (file index, row index) that the host
 * resolves against its own copy of the feedback set. A viewer document is either SSB's
 * feedback (a decrypted folder) or the local control of an extract (`localControl` set):
 * both are error lists in the same shape.
 */
import type { ColumnRole, MalformedRows, Severity, TableSource } from '../core/feedback/feedbackModel';
import type { RoundCounts, RoundStatus } from '../core/rounds/compareRounds';

export type { ColumnRole, RoundCounts, RoundStatus, Severity };

export interface ViewColumn {
  name: string;
  role?: ColumnRole;
  numeric: boolean;
}

/** What the catalogue says about an error code, in the UI language. */
export interface ViewCatalogueEntry {
  title: string;
  meaning: string;
  fix: string;
  /** What the rule rests on (the rule's source), when the code is one of the control's rules. */
  source?: string;
}

export interface ViewErrorRow {
  /** Index into the file's rows. */
  row: number;
  brukerNr: string;
  code: string;
  severity: Severity;
  severityText: string;
  /** The client's record was found in the extract: "Go to record" can jump there. */
  located: boolean;
  /** Where in the extract the finding is (the local control knows): "Go to record" needs no client. */
  at?: { line: number; column: number };
  /** Compared with another round: `fixed` rows are the earlier round's (no record to go to). */
  status?: RoundStatus;
}

interface ViewFileBase {
  /** Index of the file in the set: the id the webview sends back. */
  id: number;
  name: string;
  size: number;
}

export interface ViewTableFile extends ViewFileBase {
  kind: 'error-list' | 'table';
  source: TableSource;
  columns: ViewColumn[];
  rows: string[][];
  malformed: MalformedRows;
  /** Error lists only, in row order. */
  errors?: ViewErrorRow[];
}

export interface ViewTextFile extends ViewFileBase {
  kind: 'text';
  text: string;
}

export interface ViewOtherFile extends ViewFileBase {
  kind: 'other';
  reason: string;
}

export type ViewFile = ViewTableFile | ViewTextFile | ViewOtherFile;

export interface ViewExtract {
  /** The extract's file name (no folder), or undefined when it is not known. */
  name?: string;
  /** Why records cannot be located, when they cannot. */
  problem?: string;
  /** Clients of the error list found in the extract / looked for. */
  located: number;
  wanted: number;
}

/** What the viewer shows about a local control (the document's header). */
export interface ViewLocalControl {
  /** When it ran, as the officer reads it (nb-NO date and time). */
  checkedAt: string;
  clients: number;
  services: number;
  /** A fatal gate stopped the control: the other rules did not run. */
  fatal: boolean;
  /** The extract changed after the control ran: lines may be off until it runs again. */
  stale: boolean;
  /** Rules with more findings than listed. */
  capped: { ruleId: string; shown: number; total: number }[];
}

export interface ViewSet {
  /** Identifies the set for the panel serializer (the host checks it before use): a feedback folder, or `local-control:` and the extract's path. */
  key: string;
  title: string;
  files: ViewFile[];
  extract: ViewExtract;
  /** Catalogue entries for the codes in the set. */
  catalogue: Record<string, ViewCatalogueEntry>;
  /** UI strings in the user's language (the host translates; see feedbackStrings.ts). */
  strings: Record<string, string>;
  /** BCP 47 locale for numbers and dates: always nb-NO. */
  locale: string;
  /** Set for a local control document. */
  localControl?: ViewLocalControl;
  /** Set while the feedback is compared with an earlier round (the error list has a Status column). */
  comparison?: ViewComparison;
}

/** What the feedback is compared with, and the counts its chips show. */
export interface ViewComparison {
  /** The earlier round's key (its folder), kept in the state so a reload compares again; the host checks it. */
  key: string;
  /** The earlier round as the officer reads it ("040300_iplos_2025_test, downloaded 10.01.2026 10:00"). */
  label: string;
  counts: RoundCounts;
}

/** Host → webview. */
export type HostMessage =
  | { type: 'load'; set: ViewSet }
  | { type: 'extract'; extract: ViewExtract; located: { file: number; rows: number[] }[] }
  | { type: 'busy'; message: string | undefined }
  | { type: 'error'; message: string };

/** Webview → host. */
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'goToRecord'; file: number; row: number }
  | { type: 'openFile'; file: number }
  | { type: 'copyRows'; file: number; rows: number[] }
  | { type: 'exportRows'; file: number; rows: number[] }
  | { type: 'chooseExtract' }
  /** Run the local control of the document's extract again. */
  | { type: 'validateAgain' }
  /** Choose an earlier round to compare with (the host asks, default: the round before). */
  | { type: 'compareWith' }
  | { type: 'stopComparing' };

/** What the webview keeps with getState/setState (survives hiding and reloads). */
export interface ViewState {
  key: string;
  activeFile: number;
  files: Record<number, FileViewState>;
  /** The earlier round compared with (ViewComparison.key), so a reload compares again. */
  comparedWith?: string;
}

export interface FileViewState {
  sortColumn?: number;
  sortDescending?: boolean;
  filterText?: string;
  severity?: Severity | '';
  code?: string;
  groupByCode?: boolean;
  /** Only rows of this status (a comparison's chips). */
  status?: RoundStatus | '';
  selectedRow?: number;
  scrollTop?: number;
}

export function isWebviewMessage(value: unknown): value is WebviewMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  const index = (key: string): boolean => Number.isInteger(message[key]) && (message[key] as number) >= 0;
  const rows = (): boolean =>
    Array.isArray(message.rows) &&
    message.rows.length <= 1_000_000 &&
    message.rows.every((row) => Number.isInteger(row) && row >= 0);
  switch (message.type) {
    case 'ready':
    case 'chooseExtract':
    case 'validateAgain':
    case 'compareWith':
    case 'stopComparing':
      return true;
    case 'goToRecord':
      return index('file') && index('row');
    case 'openFile':
      return index('file');
    case 'copyRows':
    case 'exportRows':
      return index('file') && rows();
    default:
      return false;
  }
}
