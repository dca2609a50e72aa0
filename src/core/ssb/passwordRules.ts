/**
 * Password rules for SSB's file portal. The server's own rules come with a required password
 * change (MOVEit `password_requirements`, shared/docs/moveit-rest-api.md §1 [V S1]) and are
 * then checked in full; only when it sends none do the letter's rules apply (at least 6
 * characters, a letter and a digit, not resembling the user name). Checking here first saves
 * a refused attempt. `no_dictionary_words` cannot be checked here: it is a note, not a blocker.
 *
 * "Resemble" is interpreted as: contains the user name, its part before "@", or any
 * name part of 4+ characters (split on @ . - _), also reversed, ignoring case.
 */
import { msg } from '../i18n';

export const MINIMUM_LENGTH = 6;

export type UsernameRule = 'None' | 'MustNotMatch' | 'MustNotContain' | 'MustNotResemble';

export interface PasswordRequirements {
  minimumLength: number;
  usernameRule: UsernameRule;
  lettersAndNumbers: boolean;
  mixedCase: boolean;
  nonAlphanumeric: boolean;
  /** Cannot be checked here (no dictionary); said as a note. */
  noDictionaryWords: boolean;
  /** false: the letter's rules, because the server sent none. */
  fromServer: boolean;
}

/** The letter's rules (Helsedirektoratet 23.11.2016), when the server sends none of its own. */
export const LETTER_RULES: Readonly<PasswordRequirements> = {
  minimumLength: MINIMUM_LENGTH,
  usernameRule: 'MustNotResemble',
  lettersAndNumbers: true,
  mixedCase: false,
  nonAlphanumeric: false,
  noDictionaryWords: false,
  fromServer: false,
};

const USERNAME_RULES: readonly string[] = ['None', 'MustNotMatch', 'MustNotContain', 'MustNotResemble'];

/** The server's `password_requirements` (snake_case, as sent); the letter's rules when it sent none. */
export function requirementsFrom(raw: unknown): PasswordRequirements {
  if (typeof raw !== 'object' || raw === null || Object.keys(raw).length === 0) return { ...LETTER_RULES };
  const body = raw as Record<string, unknown>;
  const flag = (name: string, fallback: boolean): boolean =>
    typeof body[name] === 'boolean' ? (body[name] as boolean) : fallback;
  const rule = body.username_match_requirement;
  return {
    minimumLength:
      typeof body.minimum_length === 'number' && body.minimum_length >= 0
        ? body.minimum_length
        : LETTER_RULES.minimumLength,
    usernameRule:
      typeof rule === 'string' && USERNAME_RULES.includes(rule) ? (rule as UsernameRule) : 'MustNotResemble',
    lettersAndNumbers: flag('require_letters_numbers', LETTER_RULES.lettersAndNumbers),
    mixedCase: flag('require_mixed_case', false),
    nonAlphanumeric: flag('require_non_alphanumeric', false),
    noDictionaryWords: flag('no_dictionary_words', false),
    fromServer: true,
  };
}

export type PasswordProblem =
  | 'too-short'
  | 'needs-letter-and-digit'
  | 'needs-mixed-case'
  | 'needs-non-alphanumeric'
  | 'matches-username'
  | 'contains-username'
  | 'resembles-username';

/** Every rule of `requirements` the password breaks (none: it may be sent). */
export function checkPassword(
  password: string,
  username: string,
  requirements: Readonly<PasswordRequirements> = LETTER_RULES,
): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if ([...password].length < requirements.minimumLength) problems.push('too-short');
  if (requirements.lettersAndNumbers && (!/\p{L}/u.test(password) || !/\p{Nd}/u.test(password)))
    problems.push('needs-letter-and-digit');
  if (requirements.mixedCase && (!/\p{Lu}/u.test(password) || !/\p{Ll}/u.test(password)))
    problems.push('needs-mixed-case');
  if (requirements.nonAlphanumeric && !/[^\p{L}\p{Nd}]/u.test(password)) problems.push('needs-non-alphanumeric');
  const usernameProblem = usernameProblemOf(password, username, requirements.usernameRule);
  if (usernameProblem) problems.push(usernameProblem);
  return problems;
}

/** The letter's rules, with another minimum length. */
export function checkSsbPassword(
  password: string,
  username: string,
  minimumLength = MINIMUM_LENGTH,
): PasswordProblem[] {
  return checkPassword(password, username, { ...LETTER_RULES, minimumLength });
}

function usernameProblemOf(password: string, username: string, rule: UsernameRule): PasswordProblem | undefined {
  const candidate = password.toLowerCase();
  const name = username.toLowerCase();
  if (name.length === 0 || rule === 'None') return undefined;
  if (rule === 'MustNotMatch') return candidate === name ? 'matches-username' : undefined;
  if (rule === 'MustNotContain') return candidate.includes(name) ? 'contains-username' : undefined;
  return resemblesUsername(candidate, name) ? 'resembles-username' : undefined;
}

function resemblesUsername(candidate: string, name: string): boolean {
  const parts = new Set([name, name.split('@')[0] ?? '', ...name.split(/[@.\-_]+/).filter((part) => part.length >= 4)]);
  for (const part of parts) {
    if (part.length === 0) continue;
    if (candidate.includes(part) || candidate.includes([...part].reverse().join(''))) return true;
  }
  return false;
}

/**
 * The rules a proposed password breaks, in words ("SSB requires: …"); undefined when it keeps
 * them. The second argument is the requirements (or, as before, only a minimum length).
 */
export function describePasswordProblems(
  problems: readonly PasswordProblem[],
  rules: number | Readonly<PasswordRequirements> = LETTER_RULES,
): string | undefined {
  const minimumLength = typeof rules === 'number' ? rules : rules.minimumLength;
  const messages = problems.map((problem) => {
    switch (problem) {
      case 'too-short':
        return msg('at least {0} characters', minimumLength);
      case 'needs-letter-and-digit':
        return msg('at least one letter and one digit');
      case 'needs-mixed-case':
        return msg('both upper-case and lower-case letters');
      case 'needs-non-alphanumeric':
        return msg('at least one character that is neither a letter nor a digit');
      case 'matches-username':
        return msg('must not be the user name');
      case 'contains-username':
        return msg('must not contain the user name');
      case 'resembles-username':
        return msg('must not contain or resemble the user name');
    }
  });
  return messages.length > 0 ? msg('SSB requires: {0}', messages.join('; ')) : undefined;
}

/** All the rules in words, for a prompt ("SSB requires: …"), with the note on dictionary words. */
export function describePasswordRules(requirements: Readonly<PasswordRequirements>): string {
  const all: PasswordProblem[] = ['too-short'];
  if (requirements.lettersAndNumbers) all.push('needs-letter-and-digit');
  if (requirements.mixedCase) all.push('needs-mixed-case');
  if (requirements.nonAlphanumeric) all.push('needs-non-alphanumeric');
  const usernameProblem = USERNAME_PROBLEM[requirements.usernameRule];
  if (usernameProblem) all.push(usernameProblem);
  const note = passwordNote(requirements);
  const rules = describePasswordProblems(all, requirements) ?? '';
  return note ? `${rules}. ${note}` : rules;
}

const USERNAME_PROBLEM: Record<UsernameRule, PasswordProblem | undefined> = {
  None: undefined,
  MustNotMatch: 'matches-username',
  MustNotContain: 'contains-username',
  MustNotResemble: 'resembles-username',
};

/** What cannot be checked here (dictionary words), or undefined. A note, never a blocker. */
export function passwordNote(requirements: Readonly<PasswordRequirements>): string | undefined {
  return requirements.noDictionaryWords
    ? msg('SSB also refuses dictionary words; that cannot be checked here.')
    : undefined;
}
