/**
 * A table as a CSV file Norwegian Excel opens right: `;`-separated (the list separator of
 * Norwegian Excel), CRLF line ends, a field quoted when it holds `;`, `"` or a line break,
 * and a UTF-8 byte order mark first so æøå come out right. Write the string as UTF-8.
 */
export function toExcelCsv(rows: readonly (readonly string[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvField).join(';')).join('\r\n')}\r\n`;
}

function csvField(value: string): string {
  return /[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
