/**
 * The check of a Norwegian fødselsnummer and D-nummer, after Skatteetaten's public description
 * of the number: 11 digits = date of birth DDMMYY + individual number III + two check digits,
 * each mod 11 (weights 3 7 6 1 8 9 4 5 2 and 5 4 3 2 7 6 5 4 3 2; a remainder giving 10 means
 * the number cannot exist). A D-nummer has 4 added to the first digit (day 41–71). The
 * individual number decides the century (000–499 1900s; 500–749 with YY ≥ 54 1800s; 500–999
 * with YY ≤ 39 2000s; 900–999 with YY ≥ 40 1900s), so the date is checked in that century.
 * Not accepted: synthetic test numbers (month + 40 or + 80) and the 2032 rules with free check
 * digits — neither occurs in a production extract today.
 */
import { daysInMonth } from './isoDate';

export type IdentityKind = 'fodselsnummer' | 'd-nummer';

export type IdentityProblem = 'not-11-digits' | 'not-a-date' | 'check-digits';

const WEIGHTS_1 = [3, 7, 6, 1, 8, 9, 4, 5, 2] as const;
const WEIGHTS_2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;

/** Why `value` is not a valid number of the kind, or undefined when it is. */
export function identityNumberProblem(value: string, kind: IdentityKind): IdentityProblem | undefined {
  if (!/^\d{11}$/.test(value)) return 'not-11-digits';
  const digits = Array.from(value, Number);
  let day = Number(value.slice(0, 2));
  if (kind === 'd-nummer') day -= 40;
  const month = Number(value.slice(2, 4));
  const year = birthYear(Number(value.slice(4, 6)), Number(value.slice(6, 9)));
  if (year === undefined || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return 'not-a-date';
  const first = checkDigit(digits, WEIGHTS_1);
  const second = checkDigit(digits, WEIGHTS_2);
  if (first !== digits[9] || second !== digits[10]) return 'check-digits';
  return undefined;
}

/** The check digit for the weights (over the first weights.length digits), or -1 when none exists (remainder 1). */
export function checkDigit(digits: readonly number[], weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += (digits[i] ?? 0) * (weights[i] ?? 0);
  const digit = 11 - (sum % 11);
  if (digit === 11) return 0;
  return digit === 10 ? -1 : digit;
}

/** The four-digit year from YY and the individual number, or undefined for a combination that is not issued. */
function birthYear(yy: number, individual: number): number | undefined {
  if (individual <= 499) return 1900 + yy;
  if (individual <= 749 && yy >= 54) return 1800 + yy;
  if (yy <= 39) return 2000 + yy;
  if (individual >= 900) return 1900 + yy;
  return undefined;
}

export const IDENTITY_WEIGHTS = { first: WEIGHTS_1, second: WEIGHTS_2 } as const;
