/**
 * SSB's password rules for the file portal, from the letter: at least 6 characters, at
 * least one letter and one digit, and it must not contain or resemble the user name.
 * The portal enforces them (MOVEit `password_requirements`); checking them here first
 * saves a failed attempt — and failed attempts count towards an account lockout.
 *
 * "Resemble" is interpreted as: contains the user name, its part before "@", or any
 * name part of 4+ characters (split on @ . - _), also reversed, ignoring case.
 */
import { msg } from '../i18n';

export const MINIMUM_LENGTH = 6;

export type PasswordProblem = 'too-short' | 'needs-letter-and-digit' | 'resembles-username';

export function checkSsbPassword(
  password: string,
  username: string,
  minimumLength = MINIMUM_LENGTH,
): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if ([...password].length < minimumLength) problems.push('too-short');
  if (!/\p{L}/u.test(password) || !/\p{Nd}/u.test(password)) problems.push('needs-letter-and-digit');
  if (resemblesUsername(password, username)) problems.push('resembles-username');
  return problems;
}

function resemblesUsername(password: string, username: string): boolean {
  const candidate = password.toLowerCase();
  const name = username.toLowerCase();
  if (name.length === 0) return false;
  const parts = new Set([name, name.split('@')[0] ?? '', ...name.split(/[@.\-_]+/).filter((part) => part.length >= 4)]);
  for (const part of parts) {
    if (part.length === 0) continue;
    if (candidate.includes(part) || candidate.includes([...part].reverse().join(''))) return true;
  }
  return false;
}

/** The rules a proposed password breaks, in words ("SSB requires: …"); undefined when it keeps them. */
export function describePasswordProblems(
  problems: readonly PasswordProblem[],
  minimumLength = MINIMUM_LENGTH,
): string | undefined {
  const messages = problems.map((problem) => {
    switch (problem) {
      case 'too-short':
        return msg('at least {0} characters', minimumLength);
      case 'needs-letter-and-digit':
        return msg('at least one letter and one digit');
      case 'resembles-username':
        return msg('must not contain or resemble the user name');
    }
  });
  return messages.length > 0 ? msg('SSB requires: {0}', messages.join('; ')) : undefined;
}
