/**
 * Reads a decrypted feedback folder into what the viewer shows: every regular file directly
 * in the folder, each as the error list, a table, plain text or "other".
 *
 * - Not recursive, and symbolic links are skipped, never followed: the folder came out of a
 *   zip from outside, and a link could point anywhere on the machine. Files are opened with
 *   O_NOFOLLOW where the platform has it, so a file swapped for a link after the listing is
 *   not followed either.
 * - `.csv`, `.tsv`, `.skv` and `.txt` are decoded (textEncoding.ts) and parsed
 *   (delimitedTable.ts). A `.txt` is only a table when it looks like one (`looksTabular`);
 *   otherwise, like SSB's les_meg.txt, it is shown as text. The others are always tables.
 * - `.xlsx` is read by spreadsheetTable.ts; a workbook that cannot be read is "other", with
 *   the reason.
 * - Anything else is "other", unread. So is a file above `maxFileBytes`: reading and parsing
 *   it would hold the extension host for too long and take too much memory.
 * - Order: error lists, then tables by name, then text, then others.
 */
import { constants } from 'node:fs';
import { open, readdir, type FileHandle } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { formatBytes } from '../format/norwegian';
import { msg } from '../i18n';
import { LocalFileError } from '../localFileError';
import { abortError, throwIfAborted, type CancelledError } from '../abort';
import { parseDelimitedTable, type Delimiter, type DelimitedTable } from './delimitedTable';
import { readErrorList } from './errorList';
import type { FeedbackFile, FeedbackSet, OtherFile, TableSource } from './feedbackModel';
import { readSpreadsheetTable, SpreadsheetError } from './spreadsheetTable';
import { decodeText } from './textEncoding';

export interface ReadFeedbackOptions {
  /** Cancels the read: the promise rejects with a CancelledError (named `AbortError`). */
  signal?: AbortSignal;
  /** Files larger than this are listed with a reason instead of read. Default 200 MiB. */
  maxFileBytes?: number;
}

export const DEFAULT_MAX_FILE_BYTES = 200 * 1024 * 1024;

/** Read as delimited text, with the delimiter to fall back to when none is detected. */
const TEXT_TABLE_EXTENSIONS: ReadonlyMap<string, Delimiter> = new Map([
  ['.csv', ';'],
  ['.skv', ';'],
  ['.tsv', '\t'],
  ['.txt', ';'],
]);
const SPREADSHEET_EXTENSION = '.xlsx';

/** A `.txt` with more rows than this share of malformed ones is prose, not a table. */
const MAX_MALFORMED_SHARE_FOR_TEXT = 0.1;

const KIND_ORDER: Readonly<Record<FeedbackFile['kind'], number>> = { 'error-list': 0, table: 1, text: 2, other: 3 };

export async function readFeedbackFolder(folder: string, options: ReadFeedbackOptions = {}): Promise<FeedbackSet> {
  const { signal } = options;
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  throwIfAborted(signal, cancelled);
  const absolute = resolve(folder);
  let entries;
  try {
    entries = await readdir(absolute, { withFileTypes: true });
  } catch (error) {
    throw folderError(absolute, error);
  }
  const files: FeedbackFile[] = [];
  for (const entry of entries) {
    throwIfAborted(signal, cancelled);
    if (entry.isSymbolicLink() || !entry.isFile()) continue;
    const file = await readFeedbackFile(join(absolute, entry.name), entry.name, maxFileBytes, signal);
    if (file) files.push(file);
  }
  files.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.name.localeCompare(b.name, 'nb'));
  return { folder: absolute, files };
}

/** One file; undefined when it turned out not to be a regular file (replaced by a link or a folder meanwhile). */
async function readFeedbackFile(
  path: string,
  name: string,
  maxFileBytes: number,
  signal: AbortSignal | undefined,
): Promise<FeedbackFile | undefined> {
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP' || code === 'ENOENT') return undefined;
    return other(
      name,
      0,
      msg(
        'The file could not be opened ({0}). Close any program that has it open, and check that you may read it.',
        code ?? String(error),
      ),
    );
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return undefined;
    const size = info.size;
    const extension = extname(name).toLowerCase();
    const fallbackDelimiter = TEXT_TABLE_EXTENSIONS.get(extension);
    if (fallbackDelimiter === undefined && extension !== SPREADSHEET_EXTENSION)
      return other(name, size, notATableReason(extension));
    if (size > maxFileBytes) {
      return other(
        name,
        size,
        msg(
          'The file is {0}, more than the {1} the viewer reads. Open it in another program.',
          formatBytes(size),
          formatBytes(maxFileBytes),
        ),
      );
    }
    let bytes: Buffer;
    try {
      bytes = await handle.readFile(signal ? { signal } : {});
    } catch (error) {
      throwIfAborted(signal, cancelled);
      return other(
        name,
        size,
        msg(
          'The file could not be read ({0}). Close any program that has it open, and try again.',
          (error as NodeJS.ErrnoException).code ?? String(error),
        ),
      );
    }
    if (extension === SPREADSHEET_EXTENSION) return await readWorkbook(name, size, bytes);
    return readTextFile(name, size, bytes, extension, fallbackDelimiter ?? ';');
  } finally {
    await handle.close();
  }
}

async function readWorkbook(name: string, size: number, bytes: Buffer): Promise<FeedbackFile> {
  try {
    const { table, sheet, malformed } = await readSpreadsheetTable(bytes);
    const source: TableSource = { encoding: 'xlsx', delimiter: '', ...(sheet === undefined ? {} : { sheet }) };
    const errorList = readErrorList(table);
    if (errorList)
      return { kind: 'error-list', name, size, source, table: errorList.table, errors: errorList.errors, malformed };
    return { kind: 'table', name, size, source, table, malformed };
  } catch (error) {
    if (error instanceof SpreadsheetError) return other(name, size, error.message);
    throw error;
  }
}

function readTextFile(
  name: string,
  size: number,
  bytes: Buffer,
  extension: string,
  fallbackDelimiter: Delimiter,
): FeedbackFile {
  const { text, encoding } = decodeText(bytes);
  const parsed = parseDelimitedTable(text, { fallbackDelimiter });
  if (extension === '.txt' && !looksTabular(parsed)) return { kind: 'text', name, size, text, encoding };
  const source: TableSource = { encoding, delimiter: parsed.delimiter };
  const errorList = readErrorList(parsed.table);
  if (errorList)
    return {
      kind: 'error-list',
      name,
      size,
      source,
      table: errorList.table,
      errors: errorList.errors,
      malformed: parsed.malformed,
    };
  return { kind: 'table', name, size, source, table: parsed.table, malformed: parsed.malformed };
}

/**
 * A `.txt` is a table when a delimiter was detected, the header has at least two columns, and
 * at most a tenth of the rows do not fit it. A read-me (one column, or sentences with a comma
 * here and there) fails one of these.
 */
function looksTabular(parsed: DelimitedTable): boolean {
  if (!parsed.delimiterDetected || parsed.table.columns.length < 2) return false;
  return parsed.malformed.count <= parsed.table.rows.length * MAX_MALFORMED_SHARE_FOR_TEXT;
}

function notATableReason(extension: string): string {
  if (extension === '.xls')
    return msg('This is an old Excel 97–2003 workbook (.xls), which cannot be shown here. Open it in Excel.');
  return msg('Not a table the viewer can show. Open it with the program your computer uses for this kind of file.');
}

function other(name: string, size: number, reason: string): OtherFile {
  return { kind: 'other', name, size, reason };
}

/** The messages say what to do, so there is no separate remedy. */
function folderError(folder: string, error: unknown): LocalFileError {
  const code = (error as NodeJS.ErrnoException).code;
  const options = { detail: `${code ?? 'no code'}: ${(error as Error)?.message ?? String(error)}`, cause: error };
  if (code === 'ENOENT')
    return new LocalFileError(
      msg('The feedback folder "{0}" does not exist. Download and decrypt the feedback again.', folder),
      options,
    );
  if (code === 'ENOTDIR')
    return new LocalFileError(
      msg('"{0}" is a file, not a feedback folder. Choose the folder the feedback was decrypted into.', folder),
      options,
    );
  if (code === 'EACCES' || code === 'EPERM')
    return new LocalFileError(
      msg('The feedback folder "{0}" cannot be read ({1}). Check that you have access to it.', folder, code),
      options,
    );
  return new LocalFileError(
    msg('The feedback folder "{0}" could not be read ({1}).', folder, code ?? String(error)),
    options,
  );
}

function cancelled(signal: AbortSignal | undefined): CancelledError {
  return abortError(msg('Reading the feedback was cancelled.'), signal);
}
