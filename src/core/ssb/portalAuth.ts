/**
 * Signing in to SSB's file portal (MOVEit Transfer REST API v1, shared/docs/moveit-rest-api.md
 * §1) and keeping the session: the password grant, refresh at half-life, requests with a
 * fresh bearer token, and revoking both tokens on sign-out. Tokens, passwords and token
 * request bodies are never logged; `invalid_grant` is never retried.
 */
import type { Dispatcher } from 'undici';
import { msg } from '../i18n';
import { send, sendJson, type HttpResponse } from '../net/http';
import { classifyRequestError, httpError, NetworkError } from '../net/networkError';
import { withRetry, type RetryOptions } from '../net/retry';
import { checkSsbPassword, MINIMUM_LENGTH } from './passwordRules';
import { PasswordChangeRequired, SsbSignInError, type PasswordRequirements } from './ssbErrors';
import { SignInGuard } from './signInGuard';

export interface PortalAuthOptions {
  orgId?: string;
  guard?: SignInGuard;
  retry?: RetryOptions;
  now?: () => number;
}

/** A request for a resource endpoint, sent with the session's bearer token. */
export interface AuthorizedRequest {
  method: 'GET' | 'PATCH';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

interface Tokens {
  access: string;
  refresh: string;
  obtainedAt: number;
  expiresInMs: number;
}

export class PortalAuth {
  private tokens: Tokens | undefined;
  private credentials: { username: string; password: string } | undefined;

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

  /**
   * Password grant. `newPassword` completes a required password change; it is checked
   * against SSB's rules here first, since every refused attempt counts towards lockout.
   */
  async signIn(username: string, password: string, newPassword?: string): Promise<void> {
    const guard = this.guard();
    const wait = guard.waitFor(username);
    if (wait > 0) {
      throw new SsbSignInError(
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
    if (newPassword !== undefined) {
      const problems = checkSsbPassword(newPassword, username);
      if (problems.length > 0) throw new PasswordChangeRequired(SSB_RULES, problems);
    }
    const form: Record<string, string> = {
      grant_type: 'password',
      username,
      password,
      ...(this.options.orgId ? { orgId: this.options.orgId } : {}),
      ...(newPassword !== undefined ? { new_password: newPassword } : {}),
    };
    const response = await this.tokenRequest(form);
    if (response.status === 200) {
      guard.recordSuccess(username);
      this.credentials = { username, password: newPassword ?? password };
      this.tokens = toTokens(response.json, this.now());
      return;
    }
    const body = (response.json ?? {}) as {
      error?: string;
      error_description?: string;
      password_requirements?: Record<string, unknown>;
    };
    if (body.error === 'password_change_required') {
      const requirements = readRequirements(body.password_requirements);
      throw new PasswordChangeRequired(
        requirements,
        newPassword !== undefined ? checkSsbPassword(newPassword, username) : [],
        body.error_description ?? '',
      );
    }
    if (body.error === 'invalid_grant') {
      guard.recordFailure(username);
      const attempts = guard.failedAttempts(username);
      const message =
        attempts > 1
          ? msg(
              'SSB did not accept the user name or password for {0} ({1} failed attempts in a row).',
              username,
              attempts,
            )
          : msg('SSB did not accept the user name or password for {0}.', username);
      throw new SsbSignInError(
        'http',
        message,
        msg(
          'Check the password (set it again if it changed). SSB suspends the account after a few wrong attempts; a suspended account must be reopened by SSB (iplos@ssb.no).',
        ),
        `invalid_grant: ${body.error_description ?? ''}`,
        { status: response.status },
      );
    }
    throw httpError(this.baseUrl, response.status, body.error_description ?? body.error ?? msg('sign-in failed'));
  }

  /** Revokes both tokens (CVE-2026-15967: a refresh token must not outlive the session). */
  async signOut(): Promise<void> {
    const tokens = this.tokens;
    this.tokens = undefined;
    this.credentials = undefined;
    if (!tokens) return;
    for (const token of [tokens.access, tokens.refresh]) {
      await sendJson(this.dispatcher, {
        method: 'POST',
        url: this.url('/api/v1/token/revoke'),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token }).toString(),
      }).catch(() => undefined);
    }
  }

  /** A JSON request: 2xx → the parsed body; 403 and 404 → errors in words; retried as the retry options say. */
  async authorized(request: {
    method: 'GET' | 'PATCH';
    path: string;
    json?: unknown;
    signal?: AbortSignal;
  }): Promise<unknown> {
    return withRetry(
      async () => {
        const response = await this.authorizedRaw({
          ...request,
          headers: request.json !== undefined ? { 'content-type': 'application/json' } : {},
          ...(request.json !== undefined ? { body: JSON.stringify(request.json) } : {}),
        });
        const text = await response.body.text().catch((error: unknown) => {
          throw classifyRequestError(error, this.baseUrl, request.signal);
        });
        const json = text ? safeJson(text) : undefined;
        if (response.status >= 200 && response.status < 300) return json;
        const error = (json ?? {}) as { detail?: string; title?: string };
        if (response.status === 403) {
          const message = error.detail
            ? msg("SSB's portal refused access: {0}.", error.detail)
            : msg("SSB's portal refused access.");
          throw new NetworkError(
            'http',
            message,
            msg("Check that the SSB user is the municipality's (the folder belongs to another user otherwise)."),
            `HTTP 403 ${request.path}`,
            { status: 403 },
          );
        }
        if (response.status === 404) {
          const message = error.detail
            ? msg("Not found on SSB's portal: {0}.", error.detail)
            : msg("Not found on SSB's portal.");
          throw new NetworkError(
            'http',
            message,
            msg('The file or folder may have been removed; refresh the view.'),
            `HTTP 404 ${request.path}`,
            { status: 404 },
          );
        }
        throw httpError(this.baseUrl, response.status, error.detail ?? error.title ?? '', response.headers);
      },
      { ...this.options.retry, ...(request.signal ? { signal: request.signal } : {}) },
    );
  }

  /** Sends with a fresh enough token; on 401 refreshes (or signs in again) once and repeats. */
  async authorizedRaw(request: AuthorizedRequest): Promise<HttpResponse> {
    await this.ensureFreshToken();
    const attempt = () =>
      send(this.dispatcher, {
        method: request.method,
        url: this.url(request.path),
        headers: { ...request.headers, authorization: `Bearer ${this.tokens?.access ?? ''}` },
        ...(request.body !== undefined ? { body: request.body } : {}),
        ...(request.signal ? { signal: request.signal } : {}),
      });
    let response = await attempt();
    if (response.status === 401 || response.status === 403) {
      const wasExpired = response.status === 401;
      if (wasExpired) {
        await response.body.dump().catch(() => undefined);
        await this.renewSession();
        response = await attempt();
      }
    }
    return response;
  }

  /** Refresh once the access token is past half its life. */
  private async ensureFreshToken(): Promise<void> {
    if (!this.tokens)
      throw new SsbSignInError('http', msg('Not signed in to SSB.'), msg('Sign in to SSB first.'), 'no session');
    if (this.now() - this.tokens.obtainedAt >= this.tokens.expiresInMs / 2) await this.renewSession();
  }

  /** Refresh token first; if that is refused, sign in again with the session's password. */
  private async renewSession(): Promise<void> {
    if (!this.tokens || !this.credentials)
      throw new SsbSignInError('http', msg('Not signed in to SSB.'), msg('Sign in to SSB first.'), 'no session');
    const refreshed = await this.tokenRequest({ grant_type: 'refresh_token', refresh_token: this.tokens.refresh });
    if (refreshed.status === 200) {
      this.tokens = toTokens(refreshed.json, this.now());
      return;
    }
    const { username, password } = this.credentials;
    this.tokens = undefined;
    await this.signIn(username, password);
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

// The letter's rules (Helsedirektoratet 23.11.2016), when the server sends none of its own.
const SSB_RULES: PasswordRequirements = {
  minimumLength: MINIMUM_LENGTH,
  letterAndDigit: true,
  usernameRule: 'MustNotResemble',
};

function readRequirements(raw: Record<string, unknown> | undefined): PasswordRequirements {
  return {
    minimumLength: typeof raw?.minimum_length === 'number' ? raw.minimum_length : SSB_RULES.minimumLength,
    letterAndDigit: raw?.require_letters_numbers !== false,
    usernameRule:
      typeof raw?.username_match_requirement === 'string' ? raw.username_match_requirement : SSB_RULES.usernameRule,
  };
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

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
