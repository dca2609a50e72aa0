/**
 * The webview's UI strings come from the host, already translated in the language of
 * `iplos.language` (src/extension/localize.ts), so one translation bundle covers the
 * extension and its webview; a change of language sends them again.
 */
let table: Record<string, string> = {};

export function setStrings(strings: Record<string, string>): void {
  table = strings;
}

/** The string for `key` with `{0}`, `{1}` … filled in; the key itself if missing (visible in tests). */
export function t(key: string, ...args: (string | number)[]): string {
  const text = table[key] ?? key;
  return text.replace(/\{(\d+)\}/g, (match, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? match : String(value);
  });
}

let numberFormat = new Intl.NumberFormat('nb-NO');

export function setLocale(locale: string): void {
  numberFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
}

export function formatNumber(value: number): string {
  return numberFormat.format(value);
}
