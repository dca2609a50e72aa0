/**
 * MOVEit's token endpoints as SSB's portal would answer them (shared/docs/moveit-rest-api.md
 * §1 [V S1]): `POST /api/v1/token` with the password, refresh_token and otp grants and the
 * token error bodies — snake_case `{error, error_description, error_code, …}` — for
 * `invalid_grant`, `accept_security_notice_required` (3985), `password_change_required`
 * (3988, with `password_requirements`), `mfa_required` (2028, with `mfa_supported_methods`)
 * and 412 (MFA not set up); `POST /api/v1/token/otp` (the e-mail code) and
 * `POST /api/v1/token/revoke`. The order of the steps (notice, password change, MFA) and
 * the 412 body are the sandbox's reading [U].
 */
import type { ServerResponse } from 'node:http';
import { checkPassword, requirementsFrom } from '../../../src/core/ssb/passwordRules';
import type { Faults } from '../faults';
import { readForm, sendJson, type Router } from '../http/router';
import { ORG_ID, type Portal, type PortalUser, portalTimestamp } from './portal';
import type { TokenStore } from './tokens';

/** The one-time code the sandbox accepts unless a fault names another. */
export const DEFAULT_OTP = '246810';
export const DEFAULT_SECURITY_NOTICE = {
  label: 'Sikkerhetsmelding',
  text: 'Denne tjenesten er kun for autoriserte brukere. All bruk logges.',
};

const DEFAULT_TOKEN_LIFETIME = 1200;
const DEFAULT_LOCKOUT = 5;

/** The server's default `password_requirements` (the letter's rules). */
const DEFAULT_REQUIREMENTS = {
  minimum_length: 6,
  username_match_requirement: 'MustNotResemble',
  require_letters_numbers: true,
  no_dictionary_words: false,
  require_mixed_case: false,
  require_non_alphanumeric: false,
};

export function registerTokenRoutes(
  router: Router,
  deps: { portal: Portal; tokens: TokenStore; faults: Faults },
): void {
  const { portal, tokens, faults } = deps;
  const lifetime = (): number => faults.current.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME;
  const listed = (names: readonly string[] | undefined, user: PortalUser): boolean =>
    (names ?? []).some((name) => name.toLowerCase() === user.username.toLowerCase());
  const requirementsOf = (user: PortalUser): Record<string, unknown> => {
    const perUser = Object.entries(faults.current.passwordRequirements ?? {}).find(
      ([name]) => name.toLowerCase() === user.username.toLowerCase(),
    )?.[1];
    return { ...DEFAULT_REQUIREMENTS, ...perUser };
  };

  /** Signs the user in: applies a new password, then issues the tokens. */
  const complete = (res: ServerResponse, user: PortalUser, newPassword: string | undefined): void => {
    if (newPassword !== undefined) {
      user.password = newPassword;
      user.forceChangePassword = false;
      user.passwordChangeStamp = portalTimestamp();
      faults.merge({
        forcePasswordChange: (faults.current.forcePasswordChange ?? []).filter(
          (name) => name.toLowerCase() !== user.username.toLowerCase(),
        ),
      });
    }
    user.failedLogins = 0;
    user.lastLoginStamp = portalTimestamp();
    sendJson(res, 200, tokens.issue(user.username, lifetime()));
  };

  router.add('POST', '/api/v1/token', async ({ req, res }) => {
    const form = await readForm(req);
    const grant = form.get('grant_type');
    if (grant === 'refresh_token') {
      const pair = tokens.refresh(form.get('refresh_token') ?? '', lifetime());
      return pair
        ? sendJson(res, 200, pair)
        : tokenError(res, 400, 'invalid_grant', 'Invalid or expired refresh token.');
    }
    if (grant === 'otp') {
      const pending = tokens.pendingMfa(form.get('mfa_access_token') ?? '', true);
      const user = pending ? portal.user(pending.username) : undefined;
      if (!pending || !user || user.status === 'Suspended')
        return tokenError(res, 400, 'invalid_grant', 'The multi-factor sign-on has expired; sign on again.');
      if ((form.get('otp') ?? '') !== (faults.current.mfa?.code ?? DEFAULT_OTP))
        return tokenError(res, 400, 'invalid_grant', 'Invalid one-time passcode.');
      return complete(res, user, pending.newPassword);
    }
    if (grant !== 'password')
      return tokenError(res, 400, 'unsupported_grant_type', `Grant type "${grant ?? ''}" is not supported here.`);
    const username = form.get('username') ?? '';
    const password = form.get('password') ?? '';
    if (!username || !password) return tokenError(res, 400, 'invalid_request', 'username and password are required.');
    const user = portal.user(username);
    // Unknown user, wrong password and suspended account all look the same from outside.
    const invalid = (): void =>
      tokenError(res, 400, 'invalid_grant', 'Invalid username/password or not allowed to sign on from this location.');
    if (!user || user.status === 'Suspended') return invalid();
    if (user.password !== password) {
      user.failedLogins++;
      if (user.failedLogins >= (faults.current.lockoutThreshold ?? DEFAULT_LOCKOUT)) user.status = 'Suspended';
      return invalid();
    }
    if (listed(faults.current.securityNotice?.users, user) && form.get('accept_security_notice') !== 'true')
      return sendJson(res, 400, {
        error: 'accept_security_notice_required',
        error_code: 3985,
        error_description: 'You must accept the security notice before you can sign on.',
        mfa_access_token: tokens.issueMfa(user.username),
        user: { org_id: ORG_ID },
      });
    let newPassword: string | undefined;
    if (user.forceChangePassword || listed(faults.current.forcePasswordChange, user)) {
      const proposed = form.get('new_password');
      const requirements = requirementsOf(user);
      const problems =
        proposed === null ? ['required'] : checkPassword(proposed, user.username, requirementsFrom(requirements));
      if (proposed === null || problems.length > 0)
        return sendJson(res, 400, {
          error: 'password_change_required',
          error_code: 3988,
          error_description:
            proposed === null
              ? 'You must change your password before you can sign on.'
              : `The new password does not meet the requirements: ${problems.join(', ')}.`,
          mfa_access_token: tokens.issueMfa(user.username),
          password_requirements: requirements,
          user: { org_id: ORG_ID },
        });
      newPassword = proposed;
    }
    if (listed(faults.current.mfaSetupRequired, user))
      return tokenError(
        res,
        412,
        'mfa_setup_required',
        'Multi-factor authentication must be set up before signing on.',
      );
    const mfa = faults.current.mfa;
    if (mfa && listed(mfa.users, user))
      return sendJson(res, 401, {
        error: 'mfa_required',
        error_code: 2028,
        error_description: 'Multi-factor authentication is required.',
        mfa_access_token: tokens.issueMfa(user.username, newPassword),
        mfa_supported_methods: {
          is_mfa_authenticator_enabled: mfa.authenticator ?? true,
          is_mfa_email_enabled: mfa.email ?? false,
        },
      });
    complete(res, user, newPassword);
  });

  router.add('POST', '/api/v1/token/otp', async ({ req, res }) => {
    const form = await readForm(req);
    const pending = tokens.pendingMfa(form.get('mfa_access_token') ?? '', false);
    const user = pending ? portal.user(pending.username) : undefined;
    if (!user || !faults.current.mfa?.email)
      return tokenError(res, 400, 'invalid_request', 'No e-mail code can be sent for this sign-on.');
    sendJson(res, 200, { user: { masked_email: maskEmail(user.email) } });
  });

  router.add('POST', '/api/v1/token/revoke', async ({ req, res }) => {
    const form = await readForm(req);
    const known = tokens.revoke(form.get('token') ?? '');
    sendJson(res, 200, { message: known ? 'Token revoked.' : 'Token not found; nothing to revoke.' });
  });
}

export function tokenError(res: ServerResponse, status: number, error: string, description: string): void {
  sendJson(res, status, { error, error_description: description, error_code: error === 'invalid_grant' ? 2400 : 0 });
}

/** p*******@hamar.kommune.no */
function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}${'*'.repeat(Math.max(local.length - 1, 3))}@${domain}`;
}
