/**
 * Numbers, sizes, dates and durations as Norwegian users read them (nb-NO: `1 234,5`,
 * `30.11.2026, 14:05`), whatever the UI language. Shared by the extension, the webviews
 * and the CLI.
 */
const LOCALE = 'nb-NO';

/** Made on first use: building Intl formatters loads ICU data (~7 ms), which activation need not pay. */
function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}
const integerFormat = lazy(() => new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 }));
const decimalFormat = lazy(() => new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1, minimumFractionDigits: 0 }));
const dateTimeFormat = lazy(
  () => new Intl.DateTimeFormat(LOCALE, { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Oslo' }),
);
const dateFormat = lazy(() => new Intl.DateTimeFormat(LOCALE, { dateStyle: 'short', timeZone: 'Europe/Oslo' }));

export function formatInteger(value: number): string {
  return integerFormat().format(value);
}

export function formatDecimal(value: number): string {
  return decimalFormat().format(value);
}

/** Decimal units (kB = 1000 B), as Windows Explorer's neighbours and SSB's portal show them. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? formatInteger(value) : formatDecimal(value)} ${units[unit]}`;
}

export function formatRate(bytesPerSecond: number): string {
  return `${formatBytes(bytesPerSecond)}/s`;
}

/** "30.11.2026, 14:05" in Norwegian time; the raw text when it is not a date. */
export function formatDateTime(value: string | number | Date): string {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : dateTimeFormat().format(date);
}

export function formatDate(value: string | number | Date): string {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : dateFormat().format(date);
}

/** "45 s", "3 min", "1 t 5 min" — a time left or a duration. */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  if (total < 60) return `${total} s`;
  const minutes = Math.round(total / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} t ${minutes % 60} min`;
}

/** "850 ms", "1,2 s". */
export function formatMilliseconds(ms: number): string {
  return ms < 1000 ? `${formatInteger(ms)} ms` : `${formatDecimal(ms / 1000)} s`;
}
