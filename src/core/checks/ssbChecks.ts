/**
 * 'ssb-info' and 'ssb-login': does SSB's file portal answer (through the product's transport
 * and proxy), and does the stored SSB password sign in? The sign-in is tried once only and
 * respects the session's guard: SSB suspends accounts after a few wrong passwords.
 */
import { msg } from '../i18n';
import { redactUrl } from '../net/networkError';
import { SsbPortalClient } from '../ssb/portalClient';
import { PasswordChangeRequired, SsbSignInError } from '../ssb/ssbErrors';
import type { PortalInfo } from '../ssb/portalShapes';
import { PortalInfoNeedsSignIn } from '../ssb/unexpectedResponse';
import { failure, type CheckDefinition, type Outcome } from './checkDefinition';

export const ssbInfo: CheckDefinition = {
  async run({ config, signal, transport }) {
    const shown = redactUrl(config.ssbUrl);
    try {
      const client = new SsbPortalClient(
        (await transport()).dispatcher,
        config.ssbUrl,
        config.ssbOrgId ? { orgId: config.ssbOrgId } : {},
      );
      let info: PortalInfo;
      try {
        info = await client.info(signal);
      } catch (error) {
        if (!(error instanceof PortalInfoNeedsSignIn)) throw error;
        return infoNeedsSignIn(error, shown);
      }
      const name = typeof info?.name === 'string' ? info.name : undefined;
      const baseUrl = typeof info?.baseURL === 'string' ? info.baseURL : undefined;
      if (!name && !baseUrl) {
        return {
          status: 'fail',
          detail: msg(
            "{0} answered, but not as SSB's file portal (no organisation in /api/v1/info). A proxy or login page may be answering instead.",
            shown,
          ),
          remedy: msg(
            'Check the setting "IPLOS: Endpoints: Ssb Url" (https://filsluse.ssb.no) and the proxy settings.',
          ),
          data: { url: shown, errorKind: 'http' },
        };
      }
      const orgId = typeof info?.id === 'string' || typeof info?.id === 'number' ? String(info.id) : undefined;
      const detail = baseUrl
        ? msg('{0} answers: {1} ({2}).', shown, name ?? 'SSB', baseUrl)
        : msg('{0} answers: {1}.', shown, name ?? 'SSB');
      return {
        status: 'pass',
        detail,
        data: {
          url: shown,
          ...(name ? { organisation: name } : {}),
          ...(baseUrl ? { baseURL: baseUrl } : {}),
          ...(orgId ? { orgId } : {}),
        },
      };
    } catch (error) {
      if (signal.aborted) throw error;
      return failure(error, config.ssbUrl, { url: shown });
    }
  },
};

export const ssbLogin: CheckDefinition = {
  async run({ config, signal, transport }) {
    const credentials = config.ssbCredentials;
    if (!credentials) {
      return {
        status: 'skip',
        detail: msg('No SSB password is stored for this municipality, so signing in was not tried.'),
        remedy: msg(
          "Store the municipality's SSB password (kept in the operating system's secure storage) to include this check.",
        ),
      };
    }
    const { username } = credentials;
    const client = new SsbPortalClient((await transport()).dispatcher, config.ssbUrl, {
      ...(config.ssbOrgId ? { orgId: config.ssbOrgId } : {}),
      ...(config.ssbSignInGuard ? { guard: config.ssbSignInGuard } : {}),
    });
    try {
      // One attempt only: a wrong password is never retried (SSB suspends the account).
      await client.signIn(username, credentials.password);
    } catch (error) {
      if (signal.aborted) throw error;
      if (error instanceof PasswordChangeRequired) {
        return {
          status: 'warn',
          detail: msg('SSB knows {0}, but requires a new password before signing in.', username),
          remedy: `${msg('Sign in to SSB in IPLOS Innsending and choose a new password.')} ${error.remedy}`,
          data: { username, errorKind: 'password-change-required' },
        };
      }
      if (error instanceof SsbSignInError) {
        return {
          status: 'fail',
          detail: error.message,
          remedy: error.remedy,
          data: {
            username,
            errorKind: 'sign-in',
            ...(error.detail.startsWith('invalid_grant') ? { errorCode: 'invalid_grant' } : {}),
          },
        };
      }
      return failure(error, config.ssbUrl, { username });
    }
    await client.signOut().catch(() => undefined);
    return {
      status: 'pass',
      detail: msg('Signed in to SSB as {0} (and signed out again).', username),
      data: { username },
    };
  },
};

/**
 * `/info` is asked without a token, but the Swagger marks it authenticated: 401/403 means
 * the portal is reachable and wants a sign-in, never a failure on its own. A JSON error
 * body is MOVEit's own answer (pass); an HTML page may be a proxy's or firewall's (warn).
 */
function infoNeedsSignIn(error: PortalInfoNeedsSignIn, shown: string): Outcome {
  const data = { url: shown, httpStatus: error.context.status, signInRequired: true };
  if (error.answeredAsPortal)
    return {
      status: 'pass',
      detail: msg(
        '{0} answers (HTTP {1}: its organisation details need a signed-in user; the sign-in check tells whether the password works).',
        shown,
        error.context.status,
      ),
      data,
    };
  return {
    status: 'warn',
    detail: msg(
      "{0} answers HTTP {1} with {2} instead of MOVEit's JSON: a proxy or firewall may be asking for a sign-in.",
      shown,
      error.context.status,
      error.context.contentType || msg('no content type'),
    ),
    remedy: msg('Check the proxy settings; if the sign-in check passes, the portal is reached.'),
    data,
  };
}
