/**
 * Sign-in outcomes on SSB's file portal that need the user, not a retry: a required
 * password change, a one-time code SSB refused, MFA not set up (412), access refused
 * even with a fresh token. Each says what happened and what to do.
 */
import { msg } from '../i18n';
import { NetworkError } from '../net/networkError';
import { describePasswordProblems, describePasswordRules, type PasswordProblem } from './passwordRules';
import type { PasswordRequirements } from './passwordRules';

export type { PasswordRequirements } from './passwordRules';

/** Sign-in outcomes that need the user, not a retry. */
export class SsbSignInError extends NetworkError {}

/** SSB requires a new password before signing in (MOVEit `password_change_required`, 3988). */
export class PasswordChangeRequired extends SsbSignInError {
  constructor(
    readonly requirements: PasswordRequirements,
    /** Set when a proposed new password was refused (locally or by SSB). */
    readonly problems: PasswordProblem[] = [],
    serverSaid = '',
    /** SSB refused the proposed new password although it keeps the rules known here. */
    readonly refusedByServer = false,
  ) {
    super(
      'http',
      passwordChangeMessage(problems, requirements, refusedByServer),
      describePasswordRules(requirements),
      `password_change_required ${serverSaid}`.trim(),
      { status: 400 },
    );
  }
}

function passwordChangeMessage(
  problems: readonly PasswordProblem[],
  requirements: PasswordRequirements,
  refusedByServer: boolean,
): string {
  if (problems.length > 0)
    return msg(
      "SSB requires a new password, and the proposed one breaks SSB's rules ({0}).",
      describePasswordProblems(problems, requirements) ?? '',
    );
  if (refusedByServer) return msg('SSB refused the new password (it may be too common or used before).');
  return msg('SSB requires you to choose a new password before signing in.');
}

/** SSB refused the one-time code (MFA). Never retried: a new code must be asked for. */
export class OneTimeCodeRejected extends SsbSignInError {
  constructor(detail: string) {
    super(
      'http',
      msg('SSB did not accept the one-time code.'),
      msg(
        'Sign in again and enter a new code (codes expire after a short while); check the device or e-mail it came to.',
      ),
      detail,
      { status: 400 },
    );
  }
}

/** SSB asks for a one-time code or the acceptance of its notice, and there is no way to ask the user here. */
export class SignInNeedsUser extends SsbSignInError {
  constructor(
    readonly needs: 'one-time-code' | 'security-notice',
    username: string,
  ) {
    super(
      'http',
      needs === 'one-time-code'
        ? msg('SSB requires a one-time code (two-step verification) to sign in as {0}.', username)
        : msg('SSB requires {0} to accept its security notice before signing in.', username),
      msg('Sign in where you can be asked: in VS Code, or with the CLI in a terminal (or set IPLOS_SSB_OTP).'),
      `${needs === 'one-time-code' ? 'mfa_required' : 'accept_security_notice_required'} with no one to ask`,
      { status: needs === 'one-time-code' ? 401 : 400 },
    );
  }
}

/** HTTP 412 on the token request: two-step verification must first be set up in the web portal. */
export class MfaSetupRequired extends SsbSignInError {
  constructor(username: string, portalUrl: string) {
    super(
      'http',
      msg('SSB requires two-step verification (MFA) for {0}, and it is not set up yet.', username),
      msg(
        "Sign in once in SSB's web portal ({0}) and set up two-step verification there; then sign in here again.",
        portalUrl,
      ),
      'HTTP 412 on POST /api/v1/token',
      { status: 412 },
    );
  }
}

/** The portal refused a request (403) also with a fresh token. */
export class AccessRefused extends NetworkError {
  constructor(serverSaid: string, path: string, afterRenewal: boolean) {
    super(
      'http',
      serverSaid ? msg("SSB's portal refused access: {0}.", serverSaid) : msg("SSB's portal refused access."),
      afterRenewal
        ? msg(
            "It refused also after signing in again. Check that the SSB user is the municipality's and still active; otherwise ask SSB (iplos@ssb.no).",
          )
        : msg("Check that the SSB user is the municipality's (the folder belongs to another user otherwise)."),
      `HTTP 403 ${path}${afterRenewal ? ' (after renewing the session)' : ''}`,
      { status: 403 },
    );
  }
}
