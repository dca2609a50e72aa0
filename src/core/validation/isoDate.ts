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

/** The last few inputs and results: one element's rules parse the same dates several times. */
const recent: { input: string; date: IsoDate | undefined }[] = [];
const RECENT = 4;

export function parseIsoDate(value: string): IsoDate | undefined {
  for (const entry of recent) if (entry.input === value) return entry.date;
  const date = parse(value);
  if (recent.length >= RECENT) recent.shift();
  recent.push({ input: value, date });
  return date;
}

/** `YYYY-MM-DD` then nothing, `Z` or `±hh:mm`; read by character codes (this runs for every date of the file). */
function parse(value: string): IsoDate | undefined {
  const raw = value.trim();
  const length = raw.length;
  if (length !== 10 && length !== 11 && length !== 16) return undefined;
  if (raw.charCodeAt(4) !== DASH || raw.charCodeAt(7) !== DASH) return undefined;
  const year = digits(raw, 0, 4);
  const month = digits(raw, 5, 7);
  const day = digits(raw, 8, 10);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (length === 11 && raw.charCodeAt(10) !== Z) return undefined;
  if (length === 16 && !isZoneOffset(raw)) return undefined;
  return { raw, year, day: length === 10 ? raw : raw.slice(0, 10) };
}

const DASH = 0x2d;
const Z = 0x5a;
const ZERO = 0x30;

/** The number written in `text[from, to)` by decimal digits only, or -1. */
function digits(text: string, from: number, to: number): number {
  let number = 0;
  for (let i = from; i < to; i++) {
    const digit = text.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) return -1;
    number = number * 10 + digit;
  }
  return number;
}

/** `+hh:mm` or `-hh:mm` after the date. */
function isZoneOffset(raw: string): boolean {
  const sign = raw.charCodeAt(10);
  return (
    (sign === 0x2b || sign === DASH) &&
    digits(raw, 11, 13) >= 0 &&
    raw.charCodeAt(13) === 0x3a &&
    digits(raw, 14, 16) >= 0
  );
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
