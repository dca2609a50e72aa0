/**
 * The pre-send check of an IPLOS batch extract (see shared/docs/domain.md, "extract format").
 *
 * The file is streamed once through a SAX parser: well-formed XML, root `Melding`,
 * `Kommune/@kommuneNr` equal to the profile's municipality, the period inside the reporting
 * year, and counts of clients (`Bruker`) and services (`Tjeneste`). Only a handful of
 * numbers are kept while reading, never anything per client, so a 1 GiB extract is checked
 * in bounded memory. The check is structural only: unknown elements and attributes are
 * ignored, and no schema version is assumed. Namespace prefixes are ignored (`ipl:Melding`
 * counts as `Melding`).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { msg } from '../i18n';
import { abortError, throwIfAborted, type CancelledError } from '../abort';
import { TagStartTracker } from './tagPosition';

export type ExtractProblemCode =
  | 'not-found'
  | 'empty-file'
  | 'not-well-formed'
  | 'wrong-root'
  | 'not-batch'
  | 'missing-municipality'
  | 'municipality-mismatch'
  | 'missing-period'
  | 'period-outside-year'
  | 'no-clients';

export interface ExtractProblem {
  code: ExtractProblemCode;
  /** Says what is wrong and what to do (English, or translated by the host: see core/i18n). */
  message: string;
  /** One-based line of the element concerned (the `<` of its start tag), or of the XML error. */
  line?: number;
  /** One-based column, counted in Unicode characters; absent when it cannot be known. */
  column?: number;
}

export interface ExtractCheckResult {
  /** True when there are no problems. */
  ok: boolean;
  /** File size in bytes (0 when the file is missing). */
  size: number;
  /** Name of the root element, as found (with any namespace prefix). */
  root?: string;
  /** `Kommune/@kommuneNr` as found in the file (the first `Kommune` element). */
  municipality?: string;
  /** `Melding/@fraDatoPeriode` and `@tilDatoPeriode` as found (both present). */
  period?: { from: string; to: string };
  /** The reporting year: `options.year`, else the year of `fraDatoPeriode`. */
  year?: number;
  /** `Melding/@uttakDato`, as found. */
  extractedAt?: string;
  /** `navnEPJ`, `versjonEPJ` and `leverandor` of `Melding`, where present. */
  epj?: { name?: string; version?: string; vendor?: string };
  /** Number of `Bruker` elements. Counts up to the error when the XML is not well-formed. */
  clients: number;
  /** Number of `Tjeneste` elements. Counts up to the error when the XML is not well-formed. */
  services: number;
  problems: ExtractProblem[];
}

export interface ExtractCheckOptions {
  /** The profile's municipality number (four digits), compared with `Kommune/@kommuneNr`. */
  municipality: string;
  /** The reporting year; without it, the year of `fraDatoPeriode` is used. */
  year?: number;
  /** Cancels the check: the promise rejects with a CancelledError (named `AbortError`). */
  signal?: AbortSignal;
  /**
   * Called after every chunk read (bytes read so far) and once when the check is done, with
   * bytesDone = bytesTotal (also when it stopped early at an XML error). Not throttled.
   */
  onProgress?: (progress: { bytesDone: number; bytesTotal: number }) => void;
}

/**
 * Read size; the `encoding` option decodes with a StringDecoder, so no character is split
 * between chunks. 64 KiB, not 1 MiB: decoded strings over 128 KiB go straight to V8's old
 * generation and wait for a full GC, which doubled peak RSS (measured by the index benchmark).
 */
const CHUNK_BYTES = 64 * 1024;
/** At most this many problems of one code from repeated elements (several `Kommune`), so a hostile file cannot grow the list. */
const MAX_REPEATED_PROBLEMS = 10;

const ROOT = 'Melding';
const MUNICIPALITY = 'Kommune';
const CLIENT = 'Bruker';
const SERVICE = 'Tjeneste';

interface Position {
  line?: number;
  column?: number;
}

interface IsoDate {
  raw: string;
  year: number;
  /** `YYYY-MM-DD`, comparable as a string. */
  day: string;
}

export async function checkExtract(path: string, options: ExtractCheckOptions): Promise<ExtractCheckResult> {
  const { signal, onProgress } = options;
  throwIfAborted(signal, cancelled);
  const result: ExtractCheckResult = { ok: false, size: 0, clients: 0, services: 0, problems: [] };
  const problems = result.problems;

  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) {
      problems.push({
        code: 'not-found',
        message: msg('"{0}" is a folder, not a file. Choose the extract file the EPJ exported.', path),
      });
      return result;
    }
    size = info.size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      problems.push({
        code: 'not-found',
        message: msg(
          'The extract file "{0}" does not exist. Check the path, or export the extract from the EPJ again.',
          path,
        ),
      });
      return result;
    }
    throw error;
  }
  result.size = size;
  throwIfAborted(signal, cancelled);
  if (size === 0) {
    problems.push({
      code: 'empty-file',
      message: msg('The extract file "{0}" is empty (0 bytes). Export the extract from the EPJ again.', path),
    });
    return result;
  }

  const parser = new SaxesParser<{ position: true; xmlns: false }>({ position: true, xmlns: false });
  /** Set by the first XML error or a wrong root: stop reading, ignore any further events. */
  let stopped = false;
  let xmlError = false;
  let depth = 0;
  let rootPosition: Position = {};
  let firstMunicipalityPosition: Position | undefined;
  let sawMunicipality = false;
  let mismatches = 0;
  const mismatchedNumbers = new Set<string>();
  // Raw position at `opentagstart`, turned into the start of the tag only when a problem needs it.
  const tags = new TagStartTracker(parser);

  const tagPosition = (name: string): Position => {
    const { line, column } = tags.start(name);
    return column === undefined ? { line } : { line, column };
  };

  const onRoot = (tag: SaxesTagPlain): void => {
    const rootName = copyString(tag.name);
    result.root = rootName;
    rootPosition = tagPosition(rootName);
    if (localName(rootName) !== ROOT) {
      problems.push({
        code: 'wrong-root',
        message: msg(
          'The root element is <{0}>, but an IPLOS extract starts with <{1}>. This is not an IPLOS batch extract: choose the file the EPJ exported for IPLOS.',
          rootName,
          ROOT,
        ),
        ...rootPosition,
      });
      stopped = true;
      return;
    }
    const attributes = detached(tag.attributes, [
      'navnEPJ',
      'versjonEPJ',
      'leverandor',
      'uttakDato',
      'meldingstype',
      'fraDatoPeriode',
      'tilDatoPeriode',
    ]);
    const epj = {
      ...optional('name', attributes['navnEPJ']),
      ...optional('version', attributes['versjonEPJ']),
      ...optional('vendor', attributes['leverandor']),
    };
    if (Object.keys(epj).length > 0) result.epj = epj;
    if (attributes['uttakDato'] !== undefined) result.extractedAt = attributes['uttakDato'].trim();

    const type = attributes['meldingstype']?.trim();
    const notBatch = type !== undefined && type !== 'B';
    if (notBatch) {
      problems.push({
        code: 'not-batch',
        message: msg(
          '<{0}> has meldingstype="{1}", but the yearly IPLOS extract is a batch message (meldingstype="B"). Export the yearly batch extract from the EPJ.',
          rootName,
          type,
        ),
        ...rootPosition,
      });
    }
    checkPeriod(attributes['fraDatoPeriode'], attributes['tilDatoPeriode'], notBatch);
  };

  const checkPeriod = (fromRaw: string | undefined, toRaw: string | undefined, notBatch: boolean): void => {
    const from = fromRaw?.trim();
    const to = toRaw?.trim();
    if (from !== undefined && to !== undefined) result.period = { from, to };
    const fromDate = from === undefined ? undefined : parseIsoDate(from);
    const toDate = to === undefined ? undefined : parseIsoDate(to);
    result.year = options.year ?? fromDate?.year;

    const absent = [
      from === undefined || from === '' ? 'fraDatoPeriode' : undefined,
      to === undefined || to === '' ? 'tilDatoPeriode' : undefined,
    ].filter((name): name is string => name !== undefined);
    // A non-batch message has no period by design; not-batch already says what to do.
    if (absent.length > 0 && !notBatch) {
      const root = String(result.root);
      problems.push({
        code: 'missing-period',
        message:
          absent.length === 2
            ? msg(
                '<{0}> has no {1} and no {2}, so the reporting period is unknown. Export the yearly batch extract from the EPJ; it states the period (fraDatoPeriode and tilDatoPeriode).',
                root,
                'fraDatoPeriode',
                'tilDatoPeriode',
              )
            : msg(
                '<{0}> has no {1}, so the reporting period is unknown. Export the yearly batch extract from the EPJ; it states the period (fraDatoPeriode and tilDatoPeriode).',
                root,
                absent[0] as string,
              ),
        ...rootPosition,
      });
    }
    const invalid = [
      from && !fromDate ? { name: 'fraDatoPeriode', value: from } : undefined,
      to && !toDate ? { name: 'tilDatoPeriode', value: to } : undefined,
    ].filter((attribute): attribute is { name: string; value: string } => attribute !== undefined);
    if (invalid.length > 0) {
      const root = String(result.root);
      const [first, second] = invalid as [{ name: string; value: string }, { name: string; value: string } | undefined];
      problems.push({
        code: 'missing-period',
        message: second
          ? msg(
              '<{0}> has {1}="{2}" and {3}="{4}", which is not a date (YYYY-MM-DD), so the reporting period is unknown. Export the extract from the EPJ again.',
              root,
              first.name,
              first.value,
              second.name,
              second.value,
            )
          : msg(
              '<{0}> has {1}="{2}", which is not a date (YYYY-MM-DD), so the reporting period is unknown. Export the extract from the EPJ again.',
              root,
              first.name,
              first.value,
            ),
        ...rootPosition,
      });
    }
    if (fromDate && toDate && fromDate.day > toDate.day) {
      problems.push({
        code: 'period-outside-year',
        message: msg(
          'The reporting period runs backwards: fraDatoPeriode {0} is after tilDatoPeriode {1}. Export the extract from the EPJ again with a valid period.',
          fromDate.raw,
          toDate.raw,
        ),
        ...rootPosition,
      });
    }
    const year = result.year;
    if (year === undefined) return;
    const outside = [fromDate, toDate].some((date) => date !== undefined && date.year !== year);
    if (outside) {
      const start = fromDate?.raw ?? from ?? '?';
      const end = toDate?.raw ?? to ?? '?';
      problems.push({
        code: 'period-outside-year',
        message:
          options.year === undefined
            ? msg(
                'The reporting period is {0} to {1}, which is not inside the reporting year {2} (the year of fraDatoPeriode). Export the extract for {2} (1 January to 31 December {2}), or choose the right reporting year.',
                start,
                end,
                year,
              )
            : msg(
                'The reporting period is {0} to {1}, which is not inside the reporting year {2}. Export the extract for {2} (1 January to 31 December {2}), or choose the right reporting year.',
                start,
                end,
                year,
              ),
        ...rootPosition,
      });
    }
  };

  const onMunicipality = (tag: SaxesTagPlain): void => {
    sawMunicipality = true;
    const position = tagPosition(tag.name);
    firstMunicipalityPosition ??= position;
    const number = detached(tag.attributes, ['kommuneNr'])['kommuneNr']?.trim();
    if (number === undefined || number === '') {
      if (problemCount('missing-municipality') < MAX_REPEATED_PROBLEMS) {
        problems.push({
          code: 'missing-municipality',
          message: msg(
            '<{0}> has no municipality number (kommuneNr), so the extract cannot be matched to municipality {1}. Export the extract from the EPJ again.',
            tag.name,
            options.municipality,
          ),
          ...position,
        });
      }
      return;
    }
    result.municipality ??= number;
    if (number !== options.municipality && !mismatchedNumbers.has(number) && mismatches < MAX_REPEATED_PROBLEMS) {
      mismatchedNumbers.add(number);
      mismatches++;
      problems.push({
        code: 'municipality-mismatch',
        message: msg(
          'The extract is for municipality {0} (kommuneNr), but the active profile is for municipality {1}. Choose the extract for {1}, or switch to the profile for {0}.',
          number,
          options.municipality,
        ),
        ...position,
      });
    }
  };

  const problemCount = (code: ExtractProblemCode): number =>
    problems.reduce((n, problem) => n + (problem.code === code ? 1 : 0), 0);

  parser.on('opentagstart', () => {
    tags.mark();
  });
  parser.on('opentag', (tag) => {
    if (stopped) return;
    depth++;
    if (depth === 1) return onRoot(tag);
    const name = localName(tag.name);
    if (name === CLIENT) result.clients++;
    else if (name === SERVICE) result.services++;
    else if (depth === 2 && name === MUNICIPALITY) onMunicipality(tag);
    // A self-closing tag is followed by its closetag event, so depth stays right.
  });
  parser.on('closetag', () => {
    depth--;
  });
  parser.on('error', (error) => {
    if (stopped) return;
    stopped = true;
    xmlError = true;
    const line = parser.line;
    const column = parser.column;
    const reason = error.message.replace(/^\d+:\d+: /, '').replace(/\.$/, '');
    problems.push({
      code: 'not-well-formed',
      message: msg(
        'The extract is not well-formed XML at {0}:{1} (line {0}, column {1}): {2}. The file is damaged or incomplete: export it again from the EPJ, and do not edit it by hand.',
        line,
        column,
        reason,
      ),
      line,
      column,
    });
  });

  const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES, encoding: 'utf8' });
  const onAbort = (): void => {
    stream.destroy(cancelled(signal));
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      throwIfAborted(signal, cancelled);
      tags.feed(chunk);
      parser.write(chunk);
      onProgress?.({ bytesDone: stream.bytesRead, bytesTotal: Math.max(size, stream.bytesRead) });
      if (stopped) break;
    }
    throwIfAborted(signal, cancelled);
    if (!stopped) parser.close();
  } catch (error) {
    throwIfAborted(signal, cancelled);
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    stream.destroy();
  }

  // Missing things are only known once the whole file was read.
  const complete = !xmlError && result.root !== undefined && localName(result.root) === ROOT;
  if (complete) {
    if (!sawMunicipality) {
      problems.push({
        code: 'missing-municipality',
        message: msg(
          'The extract has no <{0}> element with a municipality number (kommuneNr) under <{1}>, so it cannot be matched to municipality {2}. Export the extract from the EPJ again.',
          MUNICIPALITY,
          String(result.root),
          options.municipality,
        ),
        ...rootPosition,
      });
    }
    if (result.clients === 0) {
      problems.push({
        code: 'no-clients',
        message: msg(
          'The extract contains no clients (no <{0}> elements). Check the period and the selection in the EPJ, and export the extract again.',
          CLIENT,
        ),
        ...(firstMunicipalityPosition ?? rootPosition),
      });
    }
  }
  // The check is done, also when it stopped early: the last report is always complete.
  const bytesTotal = Math.max(size, stream.bytesRead);
  onProgress?.({ bytesDone: bytesTotal, bytesTotal });
  result.ok = problems.length === 0;
  return result;
}

/**
 * Copies of the named attribute values. saxes slices values out of the 1 MiB chunk, and V8
 * keeps a slice's parent string alive; a result kept in a view must not hold a chunk.
 */
function detached(attributes: Record<string, string>, names: string[]): Record<string, string | undefined> {
  const copy: Record<string, string | undefined> = {};
  for (const name of names) {
    const value = attributes[name];
    if (value !== undefined) copy[name] = copyString(value);
  }
  return copy;
}

function copyString(value: string): string {
  return Buffer.from(value, 'utf8').toString('utf8');
}

/** The name without a namespace prefix. */
function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  const trimmed = value?.trim();
  return trimmed ? ({ [key]: trimmed } as Partial<Record<K, string>>) : {};
}

/** An xs:date (`YYYY-MM-DD`, optionally with a time zone) that exists in the calendar. */
function parseIsoDate(raw: string): IsoDate | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:Z|[+-]\d{2}:\d{2})?$/.exec(raw);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return { raw, year, day: `${match[1]}-${match[2]}-${match[3]}` };
}

function cancelled(signal: AbortSignal | undefined): CancelledError {
  return abortError(msg('The extract check was cancelled.'), signal);
}
