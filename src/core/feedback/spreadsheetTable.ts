/**
 * An `.xlsx` workbook into a Table, read by read-excel-file. The first sheet that has any
 * non-empty cell is shown; its first non-empty row is the header, fully empty rows are
 * skipped, as in delimited files. Cells become the text a user expects to see:
 * - numbers plainly (`1234.5`, at most 15 significant digits as Excel shows them, so
 *   floating-point noise like 0.30000000000000004 does not appear);
 * - dates as ISO `YYYY-MM-DD`, or `YYYY-MM-DD HH:MM:SS` when the cell has a time of day;
 * - booleans as `TRUE` / `FALSE`; empty cells as ''.
 * `rowLines` holds the sheet's row numbers (the header is usually row 1).
 *
 * Anything the library cannot read (not a zip, an old `.xls`, damaged XML) becomes a
 * SpreadsheetError whose message says what is wrong; the folder reader shows the file as
 * "other" with that reason.
 */
import type { MalformedRows, Table } from './feedbackModel';
import { IplosError } from '../errors';
import { msg } from '../i18n';
import { isNumericColumn } from './norwegianNumber';

export interface SpreadsheetTable {
  table: Table;
  /** Name of the sheet shown; undefined when the workbook has no data at all. */
  sheet: string | undefined;
  /** Always empty for now: a sheet's rows cannot have the wrong field count. Kept for a uniform shape. */
  malformed: MalformedRows;
}

export class SpreadsheetError extends IplosError {
  override readonly name = 'SpreadsheetError';
  declare readonly code: 'spreadsheet';

  constructor(message: string, options: { cause?: unknown } = {}) {
    super('spreadsheet', message, options);
  }
}

/** What read-excel-file returns per sheet; cells are string, number, boolean, Date or null. */
interface Sheet {
  sheet: string;
  data: readonly (readonly unknown[])[];
}

/** Excel shows at most 15 significant digits; more would be floating-point noise. */
const SIGNIFICANT_DIGITS = 15;

export async function readSpreadsheetTable(bytes: Buffer): Promise<SpreadsheetTable> {
  let sheets: Sheet[];
  try {
    // read-excel-file is an ES module; this CommonJS build loads it on first use (and the
    // extension does not pay for it until someone opens a workbook).
    const { default: readXlsxFile } = await import('read-excel-file/node');
    sheets = await readXlsxFile(bytes);
  } catch (error) {
    throw new SpreadsheetError(describeReadError(error), { cause: error });
  }
  const empty: SpreadsheetTable = {
    table: { columns: [], rows: [], rowLines: [] },
    sheet: undefined,
    malformed: { count: 0, examples: [] },
  };
  for (const { sheet, data } of sheets) {
    const rows = data.map((row) => row.map(cellText));
    const headerIndex = rows.findIndex((row) => !isBlank(row));
    if (headerIndex < 0) continue;
    const header = rows[headerIndex] ?? [];
    const width = Math.max(header.length, ...rows.map((row) => row.length));
    const body: string[][] = [];
    const rowLines: number[] = [];
    for (let index = headerIndex + 1; index < rows.length; index++) {
      const row = rows[index] ?? [];
      if (isBlank(row)) continue;
      body.push(padded(row, width));
      rowLines.push(index + 1);
    }
    const names = padded(header, width);
    return {
      ...empty,
      sheet,
      table: {
        columns: names.map((name, index) => ({ name, numeric: isNumericColumn(body, index) })),
        rows: body,
        rowLines,
      },
    };
  }
  return { ...empty, ...(sheets[0] ? { sheet: sheets[0].sheet } : {}) };
}

/** The text of one cell. The library's CellValue type names `typeof Date` where it means a Date instance. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number')
    return Number.isFinite(value) ? String(Number(value.toPrecision(SIGNIFICANT_DIGITS))) : String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return isoDate(value);
  return String(value);
}

/** read-excel-file gives dates as UTC instants of the sheet's local date and time. */
function isoDate(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  const iso = date.toISOString();
  const day = iso.slice(0, 10);
  const time = iso.slice(11, 19);
  return time === '00:00:00' ? day : `${day} ${time}`;
}

function isBlank(row: readonly string[]): boolean {
  return row.every((cell) => cell.trim() === '');
}

function padded(row: string[], width: number): string[] {
  return row.length >= width ? row : [...row, ...new Array<string>(width - row.length).fill('')];
}

/** By name and code, not instanceof: the library ships separate CommonJS and ES classes. */
function describeReadError(error: unknown): string {
  const { name, code } = (error ?? {}) as { name?: unknown; code?: unknown };
  if (name === 'InvalidInputError') {
    switch (code) {
      case 'XLS_FILE_NOT_SUPPORTED':
        // Excel also stores password-protected workbooks in this container.
        return msg(
          'This is an old Excel 97–2003 workbook (.xls) or a password-protected workbook, which cannot be shown here. Open it in Excel, or save it as .xlsx or .csv without a password.',
        );
      case 'NO_DATA':
        return msg('The workbook file is empty (0 bytes). Download the feedback from SSB again.');
      default:
        return msg(
          'The file is not a valid .xlsx workbook: it is damaged or not an Excel file. Open it in Excel to check, or download the feedback from SSB again.',
        );
    }
  }
  const detail = error instanceof Error ? error.message : String(error);
  if (name === 'InvalidSpreadsheetError') {
    return msg(
      "The workbook's contents are damaged ({0}). Open it in Excel to check, or download the feedback from SSB again.",
      detail,
    );
  }
  return msg(
    'The file could not be read as an .xlsx workbook ({0}). Open it in Excel to check, or download the feedback from SSB again.',
    detail,
  );
}
