/**
 * An xs:date as IPLOS writes it (`YYYY-MM-DD`, optionally with a time zone, Source A
 * Annotations: "Følger ISO 8601 standard: CCYY-MM-DD"), checked against the calendar so that
 * 2025-02-30 is not a date.
 */

export interface IsoDate {
  /** As written (trimmed). */
  raw: string;
  year: number;
  /** `YYYY-MM-DD`, comparable as a string. */
  day: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:Z|[+-]\d{2}:\d{2})?$/;

export function parseIsoDate(value: string): IsoDate | undefined {
  const raw = value.trim();
  const match = DATE.exec(raw);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { raw, year, day: `${match[1]}-${match[2]}-${match[3]}` };
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
