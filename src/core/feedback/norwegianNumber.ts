/**
 * Numbers as they appear in SSB's control tables: Norwegian `1 234,5` (the thousands
 * separator a space, a no-break space U+00A0 or a narrow no-break space U+202F, as
 * `Intl.NumberFormat('nb-NO')` writes), or plain `1234.5` as programs write them.
 *
 * The rules, strictest where a wrong "yes" would mislead (a column of codes shown and sorted
 * as quantities):
 * - optional sign: `-` or the minus sign U+2212 (`Intl` writes `−12,5`); no `+`;
 * - digits, either ungrouped or in groups of three after the first group of one to three;
 * - optionally a decimal part: `,` or `.` followed by at least one digit. `.` is only ever a
 *   decimal point, never a thousands separator, so `1.234` is 1.234 and `1.234,5` and dates
 *   like `31.12.2025` are not numbers;
 * - optionally a trailing percent sign, with or without a space before it (`12,5 %`): the
 *   result is the number as written (12.5), so a percent column still sorts as numbers;
 * - a leading zero followed by more digits is not a number: `0403` is Hamar's municipality
 *   number and `00` a bydel, codes that must keep their zeros and never be summed. `0`,
 *   `0,5` and `-0,25` are numbers.
 * Exponents, `Infinity`, `NaN`, an empty string and a bare `,5` or `5,` are not numbers.
 * Surrounding white space (also no-break spaces) is ignored.
 */

const GROUP_SEPARATOR = '[ \\u00A0\\u202F]';
const NUMBER_PATTERN = new RegExp(
  `^([-\\u2212])?(\\d{1,3}(?:${GROUP_SEPARATOR}\\d{3})+|\\d+)(?:[.,](\\d+))?(?:${GROUP_SEPARATOR}?%)?$`,
);
/** Also the no-break spaces, which `String.prototype.trim` removes as well; kept explicit for the reader. */
const SURROUNDING_SPACE = /^[\s\u00A0\u202F]+|[\s\u00A0\u202F]+$/g;
const GROUP_SEPARATORS = new RegExp(GROUP_SEPARATOR, 'g');

export function parseNorwegianNumber(text: string): number | undefined {
  const trimmed = text.replace(SURROUNDING_SPACE, '');
  const match = NUMBER_PATTERN.exec(trimmed);
  if (!match) return undefined;
  const [, sign, integerPart = '', fraction] = match;
  const digits = integerPart.replace(GROUP_SEPARATORS, '');
  if (digits.length > 1 && digits.startsWith('0')) return undefined;
  const value = Number(`${digits}${fraction === undefined ? '' : `.${fraction}`}`);
  if (!Number.isFinite(value)) return undefined;
  return sign === undefined ? value : -value;
}

/** True when the text is a number by the rules above. */
export function isNorwegianNumber(text: string): boolean {
  return parseNorwegianNumber(text) !== undefined;
}

/**
 * A column is numeric when it has at least one non-empty cell and every non-empty cell is a
 * number. A column with a single code like `0403` among numbers is therefore not numeric.
 */
export function isNumericColumn(rows: readonly (readonly string[])[], index: number): boolean {
  let sawNumber = false;
  for (const row of rows) {
    const cell = row[index] ?? '';
    if (cell.trim() === '') continue;
    if (!isNorwegianNumber(cell)) return false;
    sawNumber = true;
  }
  return sawNumber;
}
