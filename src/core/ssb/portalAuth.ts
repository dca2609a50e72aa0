/**
 * Signing in to SSB's file portal (MOVEit Transfer REST API v1, shared/docs/moveit-rest-api.md
 * §1, §5) and keeping the session: the password grant with its MFA / security-notice /
 * password-change steps (signInFlow.ts), refresh at half-life — one `refresh_token` grant at a
 * time, shared by every waiting request —, a request that meets 401 (or 403 with a token past
 * half-life) renews once and is repeated once, and sign-out revokes both tokens within a
 * bound. Tokens, passwords and token request bodies are never logged.
 */
import type { Dispatcher } from 'undici';
import { msg } from '../i18n';
import { send, sendJson, type HttpResponse } from '../net/http';
import { httpError, NetworkError } from '../net/networkError';
import type { RetryOptions } from '../net/retry';
import type { PasswordRequirements } from './passwordRules';
import { signInWithPassword, type TokenEndpoint } from './signInFlow';
import { SignInGuard } from './signInGuard';
import type { SecurityNotice, SignInPrompts } from './signInPrompts';
import { SsbSignInError } from './ssbErrors';

export interface PortalAuthOptions {
  orgId?: string;
  guard?: SignInGuard;
  retry?: RetryOptions;
  now?: () => number;
  /** How to ask the user for a one-time code or the acceptance of SSB's notice; without it those fail clearly. */
  prompts?: SignInPrompts;
}

/** A request for a resource endpoint, sent with the session's bearer token. */
export interface AuthorizedRequest {
  method: 'GET' | 'PATCH';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

/** How long sign-out waits for the revokes before giving up (at shutdown, at the end of a CLI command). */
export const SIGN_OUT_TIMEOUT_MS = 2000;

interface Tokens {
  access: string;
  refresh: string;
  obtainedAt: number;
  expiresInMs: number;
}

export class PortalAuth {
  private tokens: Tokens | undefined;
  private credentials: { username: string; password: string } | undefined;
  /** The one renewal under way; every request that needs a fresh token waits for it. */
  private renewal: Promise<void> | undefined;
  /** The server's password rules, once it has sent them. */
  private requirements: PasswordRequirements | undefined;

  constructor(
    private readonly dispatcher: Dispatcher,
    readonly baseUrl: string,
    private readonly options: PortalAuthOptions = {},
  ) {}

  get signedIn(): boolean {
    return this.tokens !== undefined;
  }

  get username(): string | undefined {
    return this.credentials?.username;
  }

  /** The server's `password_requirements` from the last `password_change_required`, if any. */
  get passwordRequirements(): PasswordRequirements | undefined {
    return this.requirements;
  }

  /**
   * Password grant (with the steps the server asks for). `newPassword` completes a required
   * password change; it is checked against the server's rules (else the letter's) first.
   */
  async signIn(username: string, password: string, newPassword?: string): Promise<void> {
    const json = await signInWithPassword(this.endpoint(), {
      username,
      password,
      guard: this.guard(),
      ...(newPassword !== undefined ? { newPassword } : {}),
      ...(this.options.orgId ? { orgId: this.options.orgId } : {}),
      ...(this.options.prompts ? { prompts: this.options.prompts } : {}),
      ...(this.requirements ? { requirements: this.requirements } : {}),
      onRequirements: (requirements) => (this.requirements = requirements),
    });
    this.credentials = { username, password: newPassword ?? password };
    this.tokens = toTokens(json, this.now());
  }

  /**
   * Revokes both tokens (`POST /api/v1/token/revoke`, one per token: a refresh token must not
   * outlive the session), in parallel, giving up after `timeoutMs`: a shutdown or a script
   * never hangs on it.
   */
  async signOut(timeoutMs = SIGN_OUT_TIMEOUT_MS): Promise<void> {
    const tokens = this.tokens;
    this.tokens = undefined;
    this.credentials = undefined;
    if (!tokens) return;
    const signal = AbortSignal.timeout(timeoutMs);
    await Promise.all(
      [tokens.access, tokens.refresh].map((token) =>
        sendJson(this.dispatcher, {
          method: 'POST',
          url: this.url('/api/v1/token/revoke'),
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ token }).toString(),
          signal,
        }).catch(() => undefined),
      ),
    );
  }

  /** Sends with a fresh enough token; see sendAuthorized. */
  async authorizedRaw(request: AuthorizedRequest): Promise<HttpResponse & { renewed: boolean }> {
    const { response, renewed } = await this.sendAuthorized(request);
    return Object.assign(response, { renewed });
  }

  /**
   * Sends with a fresh enough token. On 401 — or 403 with a token past half-life (a server
   * may say 403 for an expired token) — renews once and repeats once; `renewed` says so.
   */
  private async sendAuthorized(request: AuthorizedRequest): Promise<{ response: HttpResponse; renewed: boolean }> {
    await this.ensureFreshToken();
    const attempt = (tokens: Tokens | undefined) =>
      send(this.dispatcher, {
        method: request.method,
        url: this.url(request.path),
        headers: { ...request.headers, authorization: `Bearer ${tokens?.access ?? ''}` },
        ...(request.body !== undefined ? { body: request.body } : {}),
        ...(request.signal ? { signal: request.signal } : {}),
      });
    const used = this.tokens;
    const response = await attempt(used);
    const stale = response.status === 401 || (response.status === 403 && used !== undefined && this.pastHalfLife(used));
    if (!stale) return { response, renewed: false };
    await response.body.dump().catch(() => undefined);
    // Another request may have renewed the session meanwhile: then its tokens are used.
    if (this.tokens === used) await this.renew();
    return { response: await attempt(this.tokens), renewed: true };
  }

  /** Refresh once the access token is past half its life. */
  private async ensureFreshToken(): Promise<void> {
    if (this.renewal) await this.renewal;
    if (!this.tokens) throw notSignedIn();
    if (this.pastHalfLife(this.tokens)) await this.renew();
  }

  private pastHalfLife(tokens: Tokens): boolean {
    return this.now() - tokens.obtainedAt >= tokens.expiresInMs / 2;
  }

  /** Single flight: one renewal at a time, its result for every waiter. */
  private renew(): Promise<void> {
    this.renewal ??= this.renewSession().finally(() => {
      this.renewal = undefined;
    });
    return this.renewal;
  }

  /** Refresh token first; if that is refused, sign in again with the session's password. */
  private async renewSession(): Promise<void> {
    if (!this.tokens || !this.credentials) throw notSignedIn();
    const refreshed = await this.tokenRequest({ grant_type: 'refresh_token', refresh_token: this.tokens.refresh });
    if (refreshed.status === 200) {
      this.tokens = toTokens(refreshed.json, this.now());
      return;
    }
    const { username, password } = this.credentials;
    this.tokens = undefined;
    await this.signIn(username, password);
  }

  private endpoint(): TokenEndpoint {
    return {
      baseUrl: this.baseUrl,
      request: (form) => this.tokenRequest(form),
      sendEmailCode: async (mfaAccessToken) => {
        const response = await sendJson(this.dispatcher, {
          method: 'POST',
          url: this.url('/api/v1/token/otp'),
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ mfa_access_token: mfaAccessToken }).toString(),
        });
        if (response.status !== 200) throw httpError(this.baseUrl, response.status, msg('sending the code failed'));
        return String((response.json as { user?: { masked_email?: unknown } })?.user?.masked_email ?? '');
      },
      securityNotice: () => this.securityNotice(),
    };
  }

  /**
   * SSB's notice from `GET /api/v1/info`: S1's PublicOrgModel carries its text as
   * `securityNotice`; a title (`securityNoticeLabel`) is read where a server sends one [U].
   */
  private async securityNotice(): Promise<SecurityNotice> {
    const response = await sendJson(this.dispatcher, {
      method: 'GET',
      url: this.url(`/api/v1/info${this.options.orgId ? `?orgId=${encodeURIComponent(this.options.orgId)}` : ''}`),
    });
    if (response.status !== 200) throw httpError(this.baseUrl, response.status, 'info');
    const body = (response.json ?? {}) as { securityNoticeLabel?: unknown; securityNotice?: unknown };
    return {
      label: typeof body.securityNoticeLabel === 'string' ? body.securityNoticeLabel : '',
      text: typeof body.securityNotice === 'string' ? body.securityNotice : '',
    };
  }

  private async tokenRequest(form: Record<string, string>): Promise<{ status: number; json: unknown }> {
    return sendJson(this.dispatcher, {
      method: 'POST',
      url: this.url('/api/v1/token'),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
  }

  private guard(): SignInGuard {
    return (this.options.guard ??= new SignInGuard(this.options.now));
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private url(path: string): string {
    return `${this.baseUrl.replace(/\/+$/, '')}${path}`;
  }
}

function notSignedIn(): SsbSignInError {
  return new SsbSignInError('http', msg('Not signed in to SSB.'), msg('Sign in to SSB first.'), 'no session');
}

function toTokens(json: unknown, now: number): Tokens {
  const body = json as { access_token?: string; refresh_token?: string; expires_in?: number };
  if (!body?.access_token || !body.refresh_token)
    throw new NetworkError(
      'http',
      msg("SSB's portal answered the sign-in without tokens."),
      msg('Try again later.'),
      'malformed token response',
    );
  return {
    access: body.access_token,
    refresh: body.refresh_token,
    obtainedAt: now,
    expiresInMs: (body.expires_in ?? 1200) * 1000,
  };
}
