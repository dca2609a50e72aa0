import { msg } from '../i18n';
import { NetworkError } from '../net/networkError';
import type { PasswordProblem } from './passwordRules';

/** Sign-in outcomes that need the user, not a retry. */
export class SsbSignInError extends NetworkError {}

export interface PasswordRequirements {
  minimumLength: number;
  letterAndDigit: boolean;
  usernameRule: string;
}

/** SSB requires a new password before signing in (MOVEit `password_change_required`). */
export class PasswordChangeRequired extends SsbSignInError {
  constructor(
    readonly requirements: PasswordRequirements,
    /** Set when a proposed new password was refused (locally or by SSB). */
    readonly problems: PasswordProblem[] = [],
    serverSaid = '',
  ) {
    super(
      'http',
      problems.length > 0
        ? msg("SSB requires a new password, and the proposed one breaks SSB's rules ({0}).", problems.join(', '))
        : msg('SSB requires you to choose a new password before signing in.'),
      msg(
        'Choose a password with at least {0} characters, a letter and a digit, not resembling the user name.',
        requirements.minimumLength,
      ),
      `password_change_required ${serverSaid}`.trim(),
      { status: 400 },
    );
  }
}
