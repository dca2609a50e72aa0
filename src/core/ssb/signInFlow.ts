/**
 * The conversation with MOVEit's token endpoint for one password sign-in
 * (shared/docs/moveit-rest-api.md §1 [V S1]): the password grant, then, as the server asks,
 * the security notice (`accept_security_notice_required` 3985: show /info's notice text,
 * resubmit with `accept_security_notice=true` only if the user accepts), the one-time code
 * (`mfa_required` 2028: resubmit `grant_type=otp` with `mfa_access_token` and `otp`; the
 * e-mail code via `POST /api/v1/token/otp`), 412 (MFA not set up) and a required password
 * change (3988 with the server's `password_requirements`). Only `invalid_grant` on the
 * password counts towards the guard; a wrong one-time code or a refused new password does
 * not. Nothing here is ever retried by itself.
 */
import { CancelledError } from '../abort';
import { msg } from '../i18n';
import { httpError } from '../net/networkError';
import { checkPassword, requirementsFrom, type PasswordRequirements } from './passwordRules';
import {
  MfaSetupRequired,
  OneTimeCodeRejected,
  PasswordChangeRequired,
  SignInNeedsUser,
  SsbSignInError,
} from './ssbErrors';
import type { SignInGuard } from './signInGuard';
import type { SecurityNotice, SignInPrompts } from './signInPrompts';

/** How the flow reaches the server (PortalAuth provides it; no token or form is ever logged). */
export interface TokenEndpoint {
  baseUrl: string;
  request(form: Record<string, string>): Promise<{ status: number; json: unknown }>;
  /** `POST /api/v1/token/otp` with the `mfa_access_token` → the masked e-mail address. */
  sendEmailCode(mfaAccessToken: string): Promise<string>;
  securityNotice(): Promise<SecurityNotice>;
}

export interface PasswordSignIn {
  username: string;
  password: string;
  newPassword?: string;
  orgId?: string;
  guard: SignInGuard;
  prompts?: SignInPrompts;
  /** The server's rules from an earlier `password_change_required`, to check `newPassword` against. */
  requirements?: PasswordRequirements;
  /** Told the server's rules whenever it sends them. */
  onRequirements?: (requirements: PasswordRequirements) => void;
}

interface TokenErrorBody {
  error?: string;
  error_description?: string;
  mfa_access_token?: string;
  password_requirements?: unknown;
  mfa_supported_methods?: { is_mfa_authenticator_enabled?: boolean; is_mfa_email_enabled?: boolean };
}

/** Signs in; resolves to the 200 body (TokenAcquiredModel). */
export async function signInWithPassword(endpoint: TokenEndpoint, input: PasswordSignIn): Promise<unknown> {
  const { username, guard } = input;
  const wait = guard.waitFor(username);
  if (wait > 0) throw throttled(guard, username, wait);
  if (input.newPassword !== undefined) {
    const requirements = input.requirements ?? requirementsFrom(undefined);
    const problems = checkPassword(input.newPassword, username, requirements);
    if (problems.length > 0) throw new PasswordChangeRequired(requirements, problems);
  }
  let form: Record<string, string> = {
    grant_type: 'password',
    username,
    password: input.password,
    ...(input.orgId ? { orgId: input.orgId } : {}),
    ...(input.newPassword !== undefined ? { new_password: input.newPassword } : {}),
  };
  // Each step adds what the server asked for; a step never repeats (at most notice, then code).
  for (let step = 0; step < 4; step++) {
    const response = await endpoint.request(form);
    if (response.status === 200) {
      guard.recordSuccess(username);
      return response.json;
    }
    if (response.status === 412) throw new MfaSetupRequired(username, endpoint.baseUrl);
    const body = (response.json ?? {}) as TokenErrorBody;
    const otpSent = form.grant_type === 'otp';
    switch (body.error) {
      case 'accept_security_notice_required': {
        if (form.accept_security_notice === 'true') break;
        if (!input.prompts) throw new SignInNeedsUser('security-notice', username);
        const accepted = await input.prompts.acceptSecurityNotice(await endpoint.securityNotice());
        if (!accepted) throw new CancelledError(msg("Sign-in cancelled: SSB's security notice was not accepted."));
        form = { ...form, accept_security_notice: 'true' };
        continue;
      }
      case 'mfa_required': {
        if (otpSent) throw new OneTimeCodeRejected(`mfa_required after an otp grant: ${body.error_description ?? ''}`);
        if (!input.prompts) throw new SignInNeedsUser('one-time-code', username);
        const mfaToken = body.mfa_access_token ?? '';
        const methods = body.mfa_supported_methods ?? {};
        const email = methods.is_mfa_email_enabled === true;
        const code = await input.prompts.oneTimeCode({
          username,
          authenticator: methods.is_mfa_authenticator_enabled !== false,
          email,
          ...(email ? { sendEmailCode: () => endpoint.sendEmailCode(mfaToken) } : {}),
        });
        if (!code?.trim()) throw new CancelledError(msg('Sign-in cancelled.'));
        form = { ...form, grant_type: 'otp', mfa_access_token: mfaToken, otp: code.trim() };
        continue;
      }
      case 'password_change_required': {
        const requirements = requirementsFrom(body.password_requirements);
        input.onRequirements?.(requirements);
        const description = body.error_description ?? '';
        if (input.newPassword === undefined) throw new PasswordChangeRequired(requirements, [], description);
        // SSB refused the new password: its rules, not a wrong password (not counted by the guard).
        const problems = checkPassword(input.newPassword, username, requirements);
        throw new PasswordChangeRequired(requirements, problems, description, problems.length === 0);
      }
      case 'invalid_grant':
        if (otpSent) throw new OneTimeCodeRejected(`invalid_grant on the otp grant: ${body.error_description ?? ''}`);
        throw wrongPassword(guard, username, body.error_description ?? '', response.status);
    }
    throw httpError(endpoint.baseUrl, response.status, body.error_description ?? body.error ?? msg('sign-in failed'));
  }
  throw httpError(endpoint.baseUrl, 400, msg('sign-in failed'));
}

function throttled(guard: SignInGuard, username: string, wait: number): SsbSignInError {
  return new SsbSignInError(
    'http',
    msg(
      'Signing in to SSB failed {0} times in a row; the next attempt is held back for {1} s.',
      guard.failedAttempts(username),
      Math.ceil(wait / 1000),
    ),
    msg(
      'SSB suspends the account after a few wrong passwords. Check the password (it is case-sensitive) before trying again.',
    ),
    'sign-in throttled',
    { status: 400 },
  );
}

function wrongPassword(guard: SignInGuard, username: string, serverSaid: string, status: number): SsbSignInError {
  guard.recordFailure(username);
  const attempts = guard.failedAttempts(username);
  const message =
    attempts > 1
      ? msg('SSB did not accept the user name or password for {0} ({1} failed attempts in a row).', username, attempts)
      : msg('SSB did not accept the user name or password for {0}.', username);
  return new SsbSignInError(
    'http',
    message,
    msg(
      'Check the password (set it again if it changed). SSB suspends the account after a few wrong attempts; a suspended account must be reopened by SSB (iplos@ssb.no).',
    ),
    `invalid_grant: ${serverSaid}`,
    { status },
  );
}
