/**
 * A table as a CSV file Norwegian Excel opens right: `;`-separated (the list separator of
 * Norwegian Excel), CRLF line ends, a field quoted when it holds `;`, `"` or a line break,
 * and a UTF-8 byte order mark first so æøå come out right. Write the string as UTF-8.
 *
 * Cells that a spreadsheet would run as a formula are neutralised here, the one place every
 * export goes through (the feedback viewer's Export CSV / Copy rows, the history's CSV and
 * `iplos history --csv`): feedback values and messages come from outside, file names too.
 */
import { isNorwegianNumber } from '../feedback/norwegianNumber';

export function toExcelCsv(rows: readonly (readonly string[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvField).join(';')).join('\r\n')}\r\n`;
}

function csvField(value: string): string {
  if (startsFormula(value)) return `"'${value.replace(/"/g, '""')}"`;
  return /[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * OWASP's "CSV Injection" page lists the characters that make a cell a formula when they
 * come first — `=`, `+`, `-`, `@`, tab and carriage return — and recommends prefixing such a
 * cell with a single quote inside the quoted field, so the spreadsheet reads it as text.
 * White space before `=`, `+`, `-` or `@` counts as first too (` =1+1`): importers that
 * trim cells (LibreOffice's "Trim spaces") would otherwise see the formula; a visible quote
 * is the lesser cost. A plain number stays as it is, so `-12` and `-1,5` remain numbers:
 * "plain number" is exactly what the feedback viewer shows as a number
 * (`isNorwegianNumber`: optional `-`, digits in groups of three or ungrouped, an optional
 * `,` or `.` decimal part, an optional `%`, surrounding white space ignored) — nothing
 * a spreadsheet could evaluate.
 */
export function startsFormula(value: string): boolean {
  return /^(?:\s*[=+\-@]|[\t\r])/.test(value) && !isNorwegianNumber(value);
}
