/**
 * Delimited text (`;`, `,` or tab) into a Table. papaparse does the CSV work — delimiter
 * guessing, quoting, doubled quotes, line breaks inside quoted fields; this module adds what
 * the viewer needs on top: the header, the line each row starts on, rows that do not fit the
 * header (reported, but still shown), and which columns hold numbers.
 *
 * Rules:
 * - The first row that is not blank is the header. Blank rows (nothing but spaces and
 *   delimiters) are skipped wherever they are, so a trailing empty line is no row.
 * - A row with fewer fields than the header is padded with empty cells. A row with more keeps
 *   the extra fields in its last cell, joined by the delimiter: the usual cause is an unquoted
 *   delimiter in the last, free-text column (SSB's message), which this restores as written.
 *   Extra fields that are all empty (a delimiter at the end of the line) are dropped quietly.
 * - A quote that is never closed would swallow the rest of the file into one field. Instead
 *   that row is read as its own line split at the delimiter, reported, and reading goes on
 *   with the next line. After MAX_QUOTE_RECOVERIES such rows the file is clearly not quoted
 *   CSV (a stray `"` on every line): the rest is read with quotes as ordinary characters.
 * - Numeric columns as in norwegianNumber.ts (`isNumericColumn`).
 *
 * Work is linear in the file size: one papaparse pass (plus one re-start per recovered
 * quote), one count of line breaks, one pass for the numeric columns.
 */
import { parse } from 'papaparse';
import { msg } from '../i18n';
import type { MalformedRows, Table, TableColumn } from './feedbackModel';
import { isNumericColumn } from './norwegianNumber';

export type Delimiter = ';' | ',' | '\t';

export const DELIMITERS: readonly Delimiter[] = [';', ',', '\t'];

export interface DelimitedTable {
  table: Table;
  delimiter: Delimiter;
  /** False when no delimiter gave consistent rows (one column, or prose) and the fallback was used. */
  delimiterDetected: boolean;
  malformed: MalformedRows;
}

export interface DelimitedTableOptions {
  /** Used when no delimiter can be detected; default `;`, the Norwegian CSV separator. */
  fallbackDelimiter?: Delimiter;
}

/** Examples kept in MalformedRows; the count covers all. */
export const MAX_MALFORMED_EXAMPLES = 5;
/** An example's text is cut here, so one broken row cannot fill the view. */
const MAX_EXAMPLE_CHARS = 200;
/** Unclosed quotes recovered per file; each re-starts papaparse on the rest of the file, so this bounds the work. */
const MAX_QUOTE_RECOVERIES = 20;
/** papaparse guesses the delimiter from this many rows. */
const GUESS_ROWS = 10;
/** Used as papaparse's quote character once quotes are off: a noncharacter that text does not contain. */
const NO_QUOTE = '\uFFFF';

export function parseDelimitedTable(input: string, options: DelimitedTableOptions = {}): DelimitedTable {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const guessed = guessDelimiter(text);
  const delimiter = guessed ?? options.fallbackDelimiter ?? ';';
  const builder = new TableBuilder(text, delimiter);
  readRows(text, delimiter, builder);
  return { table: builder.table(), delimiter, delimiterDetected: guessed !== undefined, malformed: builder.malformed };
}

/** papaparse's guess among `;`, `,` and tab: the one giving the most consistent field counts over the first rows. */
function guessDelimiter(text: string): Delimiter | undefined {
  const preview = parse<string[]>(text, {
    preview: GUESS_ROWS,
    skipEmptyLines: 'greedy',
    delimitersToGuess: [...DELIMITERS],
  });
  if (preview.errors.some((error) => error.code === 'UndetectableDelimiter')) return undefined;
  const found = preview.meta.delimiter;
  return DELIMITERS.find((delimiter) => delimiter === found);
}

interface RawRow {
  fields: string[];
  /** 1-based line where the row starts. */
  line: number;
  /** Offsets of the row in the text, its line break included. */
  start: number;
  end: number;
  /** Problems papaparse or the recovery found (quotes). */
  problems: string[];
}

/**
 * Feeds every row to the builder, with its line. A row whose quote is never closed is read as
 * its own line, and papaparse re-starts after it (see the module comment).
 */
function readRows(text: string, delimiter: Delimiter, builder: TableBuilder): void {
  let offset = 0;
  let line = 1;
  let linebreak: Linebreak | undefined;
  let recoveries = 0;
  while (offset < text.length) {
    const base = offset;
    const quotes = recoveries < MAX_QUOTE_RECOVERIES;
    let resumeAt: number | undefined;
    parse<string[]>(base === 0 ? text : text.slice(base), {
      delimiter,
      ...(linebreak === undefined ? {} : { newline: linebreak }),
      ...(quotes ? {} : { quoteChar: NO_QUOTE }),
      step: (result, parser) => {
        linebreak ??= asLinebreak(result.meta.linebreak);
        const start = offset;
        const end = base + result.meta.cursor;
        if (result.errors.some((error) => error.code === 'MissingQuotes')) {
          recoveries++;
          const breakAt = text.indexOf(linebreak, start);
          const lineEnd = breakAt < 0 ? text.length : breakAt;
          const next = breakAt < 0 ? text.length : breakAt + linebreak.length;
          const problem =
            recoveries < MAX_QUOTE_RECOVERIES
              ? msg('a quote is opened but never closed')
              : msg('a quote is opened but never closed; there are so many that quotes are ignored from here on');
          builder.add({
            fields: text.slice(start, lineEnd).split(delimiter),
            line,
            start,
            end: next,
            problems: [problem],
          });
          line++;
          offset = next;
          resumeAt = next;
          parser.abort();
          return;
        }
        const problems = result.errors.some((error) => error.code === 'InvalidQuotes')
          ? [msg('a quote inside a quoted field is not doubled')]
          : [];
        builder.add({ fields: result.data, line, start, end, problems });
        line += countLineBreaks(text, start, end, linebreak);
        offset = end;
      },
    });
    if (resumeAt === undefined) break;
  }
}

type Linebreak = '\r\n' | '\n' | '\r';

function asLinebreak(found: string): Linebreak {
  return found === '\r\n' || found === '\r' ? found : '\n';
}

function countLineBreaks(text: string, start: number, end: number, linebreak: string): number {
  // Count '\n' for both '\r\n' and '\n' files (an LF inside a quoted field of a CRLF file, as
  // Excel writes them, is a line for the user too); '\r' only for old Mac files.
  const mark = linebreak === '\r' ? '\r' : '\n';
  let count = 0;
  for (let at = text.indexOf(mark, start); at >= 0 && at < end; at = text.indexOf(mark, at + 1)) count++;
  return count;
}

class TableBuilder {
  private header: string[] | undefined;
  private readonly rows: string[][] = [];
  private readonly rowLines: number[] = [];
  readonly malformed: MalformedRows = { count: 0, examples: [] };

  constructor(
    private readonly text: string,
    private readonly delimiter: Delimiter,
  ) {}

  add(row: RawRow): void {
    if (row.fields.every((field) => field.trim() === '')) return;
    if (this.header === undefined) {
      this.header = row.fields;
      if (row.problems.length > 0) this.report(row, row.problems);
      return;
    }
    const width = this.header.length;
    const problems = [...row.problems];
    let cells = row.fields;
    if (cells.length < width) {
      problems.push(
        cells.length === 1
          ? msg('{0} field where the header has {1}', cells.length, width)
          : msg('{0} fields where the header has {1}', cells.length, width),
      );
      cells = [...cells, ...new Array<string>(width - cells.length).fill('')];
    } else if (cells.length > width) {
      const extra = cells.slice(width);
      if (extra.some((field) => field !== '')) {
        problems.push(
          msg('{0} fields where the header has {1}; the extra ones are kept in the last column', cells.length, width),
        );
        cells = [...cells.slice(0, width - 1), cells.slice(width - 1).join(this.delimiter)];
      } else {
        cells = cells.slice(0, width);
      }
    }
    if (problems.length > 0) this.report(row, problems);
    this.rows.push(cells);
    this.rowLines.push(row.line);
  }

  table(): Table {
    const header = this.header ?? [];
    const columns: TableColumn[] = header.map((name, index) => ({ name, numeric: isNumericColumn(this.rows, index) }));
    return { columns, rows: this.rows, rowLines: this.rowLines };
  }

  private report(row: RawRow, problems: string[]): void {
    this.malformed.count++;
    if (this.malformed.examples.length >= MAX_MALFORMED_EXAMPLES) return;
    const raw = this.text
      .slice(row.start, Math.min(row.end, row.start + MAX_EXAMPLE_CHARS + 2))
      .replace(/\r?\n$|\r$/, '');
    const text = raw.length > MAX_EXAMPLE_CHARS ? `${raw.slice(0, MAX_EXAMPLE_CHARS)}…` : raw;
    this.malformed.examples.push({ line: row.line, problem: problems.join('; '), text });
  }
}
