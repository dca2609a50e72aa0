/**
 * SSB's file portal (MOVEit Transfer REST API v1, shared/docs/moveit-rest-api.md) as the
 * municipality's user sees it: sign in, find the `frassb` folder, list and poll files,
 * download them verified, mark them read. Follows the reference's client rules: tokens
 * never logged, refresh at half-life, revoke both tokens on sign-out, `invalid_grant` never
 * retried, `Authorization` dropped on cross-origin redirects, full TLS verification.
 */
import { mkdir, rename, rm, stat, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import type { Dispatcher } from 'undici';
import { msg } from '../i18n';
import { LocalFileError } from '../localFileError';
import { send, sendJson } from '../net/http';
import { classifyRequestError, httpError, NetworkError } from '../net/networkError';
import { withRetry, type RetryOptions } from '../net/retry';
import { checkSsbPassword, MINIMUM_LENGTH } from './passwordRules';
import { hashPrefix, localFileError, receiveToPart, type DownloadProgress } from './portalDownload';
import { PortalLinkError } from './portalLinkError';
import { PasswordChangeRequired, SsbSignInError, type PasswordRequirements } from './ssbErrors';
import { SignInGuard } from './signInGuard';

export interface PortalFile {
  id: string;
  name: string;
  path: string;
  size: number;
  uploadStamp: string;
  uploadUsername: string;
  folderID: number;
  isNew: boolean;
}

export interface PortalFileDetails extends PortalFile {
  hash: string;
  uploadUserFullName: string;
  uploadIntegrity: number;
  uploadComment: string;
}

export interface PortalFolder {
  id: number;
  parentId: number;
  name: string;
  path: string;
  folderType: string;
  subfolderCount?: number;
  totalFileCount?: number;
}

export type { DownloadProgress } from './portalDownload';

interface Tokens {
  access: string;
  refresh: string;
  obtainedAt: number;
  expiresInMs: number;
}

const PER_PAGE = 200;

export class SsbPortalClient {
  private tokens: Tokens | undefined;
  private credentials: { username: string; password: string } | undefined;

  constructor(
    private readonly dispatcher: Dispatcher,
    /** e.g. https://filsluse.ssb.no */
    readonly baseUrl: string,
    private readonly options: { orgId?: string; guard?: SignInGuard; retry?: RetryOptions; now?: () => number } = {},
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

  /** Revokes both tokens (`POST /api/v1/token/revoke`, one per token): a refresh token must not outlive the session. */
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

  async info(signal?: AbortSignal): Promise<Record<string, unknown>> {
    const response = await sendJson(this.dispatcher, {
      method: 'GET',
      url: this.url(`/api/v1/info${this.options.orgId ? `?orgId=${this.options.orgId}` : ''}`),
      ...(signal ? { signal } : {}),
    });
    if (response.status !== 200) throw httpError(this.baseUrl, response.status, 'info');
    return response.json as Record<string, unknown>;
  }

  async self(signal?: AbortSignal): Promise<{ username: string; fullName: string; homeFolderID: number }> {
    return (await this.getJson('/api/v1/users/self', signal)) as {
      username: string;
      fullName: string;
      homeFolderID: number;
    };
  }

  /** The folder at `path` (e.g. /Home/Ekstern/iplos/<user>/frassb), or undefined. */
  async folderByPath(path: string, signal?: AbortSignal): Promise<PortalFolder | undefined> {
    const folders = await this.allPages<PortalFolder>(`/api/v1/folders?path=${encodeURIComponent(path)}`, signal);
    return folders.find((folder) => folder.path.toLowerCase() === path.toLowerCase()) ?? folders[0];
  }

  async folder(id: number, signal?: AbortSignal): Promise<PortalFolder> {
    return (await this.getJson(`/api/v1/folders/${id}`, signal)) as PortalFolder;
  }

  async subfolders(id: number, signal?: AbortSignal): Promise<PortalFolder[]> {
    return this.allPages<PortalFolder>(`/api/v1/folders/${id}/subfolders?sortField=name`, signal);
  }

  /** One page, for views that page lazily ("More…"). */
  async filesPage(
    folderId: number,
    page: number,
    perPage = 50,
    signal?: AbortSignal,
  ): Promise<{ items: PortalFile[]; totalItems: number; totalPages: number }> {
    const body = (await this.getJson(
      `/api/v1/folders/${folderId}/files?page=${page}&perPage=${perPage}&sortField=datetime&sortDirection=desc`,
      signal,
    )) as { items: PortalFile[]; paging: { totalItems: number; totalPages: number } };
    return { items: body.items, totalItems: body.paging.totalItems, totalPages: body.paging.totalPages };
  }

  async files(folderId: number, options: { newOnly?: boolean; signal?: AbortSignal } = {}): Promise<PortalFile[]> {
    return this.allPages<PortalFile>(
      `/api/v1/folders/${folderId}/files?sortField=datetime&sortDirection=desc${options.newOnly ? '&newOnly=true' : ''}`,
      options.signal,
    );
  }

  /** Every file visible to the user that is new (for polling), across all pages. */
  async newFiles(signal?: AbortSignal): Promise<PortalFile[]> {
    return this.allPages<PortalFile>('/api/v1/files?newOnly=true&sortField=uploadstamp&sortDirection=desc', signal);
  }

  async fileDetails(id: string, signal?: AbortSignal): Promise<PortalFileDetails> {
    return (await this.getJson(`/api/v1/files/${encodeURIComponent(id)}`, signal)) as PortalFileDetails;
  }

  async markRead(id: string, read = true, signal?: AbortSignal): Promise<void> {
    await this.authorized({
      method: 'PATCH',
      path: `/api/v1/files/${encodeURIComponent(id)}`,
      json: { isNew: !read },
      ...(signal ? { signal } : {}),
    });
  }

  /**
   * Downloads a file to `<folder>/<name>`: streamed to `<name>.part`, resumed with Range
   * after an interruption (a 200 instead of 206 restarts cleanly), size and SHA-1 checked
   * against the portal's metadata, renamed only then, and marked read. On failure or
   * cancel the `.part` file is removed.
   */
  async download(
    fileId: string,
    folder: string,
    options: { signal?: AbortSignal; onProgress?: (progress: DownloadProgress) => void; markRead?: boolean } = {},
  ): Promise<{ path: string; details: PortalFileDetails }> {
    const details = await this.fileDetails(fileId, options.signal);
    const finalPath = join(folder, safeFileName(details.name));
    const partPath = `${finalPath}.part`;
    await mkdir(folder, { recursive: true }).catch((error: unknown) => {
      throw localFileError(error, folder);
    });
    try {
      await rm(partPath, { force: true });
      const sha1 = await withRetry(async () => this.downloadOnce(details, partPath, options), {
        ...this.options.retry,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      const size = (await stat(partPath)).size;
      if (size !== details.size || !sameHash(sha1, details.hash)) {
        const message =
          size === details.size
            ? msg('The downloaded "{0}" does not match SSB\'s checksum (SHA-1 differs).', details.name)
            : msg(
                'The downloaded "{0}" does not match SSB\'s checksum ({1} bytes instead of {2}).',
                details.name,
                size,
                details.size,
              );
        throw new NetworkError(
          'integrity',
          message,
          msg(
            'Nothing was kept. Download it again; if it keeps failing, tell SSB (the file may be damaged on the portal).',
          ),
          `expected ${details.size} B sha1 ${details.hash}, got ${size} B sha1 ${sha1}`,
        );
      }
      await rename(partPath, finalPath);
    } catch (error) {
      await rm(partPath, { force: true });
      throw error;
    }
    if (options.markRead !== false) await this.markRead(fileId, true, options.signal).catch(() => undefined);
    return { path: finalPath, details };
  }

  /**
   * A link from SSB's "New File Notification" e-mail (`human.aspx?…Arg06=<folder>&Arg07=<file>`)
   * → the file it names. Arg06 is the folder id (verified in public links); the file id
   * argument is not documented, so every long number is tried and checked against the folder.
   */
  async resolveNotificationLink(link: string, signal?: AbortSignal): Promise<PortalFileDetails> {
    let url: URL;
    try {
      url = new URL(link.trim());
    } catch {
      throw new PortalLinkError(
        msg('That is not a link.'),
        msg('Paste the whole link from the e-mail, starting with https://.'),
        'unparseable link',
      );
    }
    const args = new Map([...url.searchParams].map(([name, value]) => [name.toLowerCase(), value]));
    const folderId = Number(args.get('arg06'));
    if (!Number.isInteger(folderId) || folderId <= 0)
      throw new PortalLinkError(
        msg("The link does not name a folder on SSB's portal."),
        msg('Paste the link from SSB\'s "New File Notification" e-mail.'),
        `no Arg06 in ${url.pathname}`,
      );
    const candidates = [...args.entries()]
      .filter(([name, value]) => /^arg\d+$/.test(name) && name !== 'arg06' && /^\d{5,}$/.test(value))
      .map(([, value]) => value);
    for (const candidate of candidates) {
      const details = await this.fileDetails(candidate, signal).catch(() => undefined);
      if (details && details.folderID === folderId) return details;
    }
    const files = await this.files(folderId, signal ? { signal } : {});
    const newest = files.find((file) => candidates.includes(file.id)) ?? files[0];
    if (!newest)
      throw new PortalLinkError(
        msg('The folder in the link holds no files (any more).'),
        msg('Look in the SSB folders view; the file may have been replaced by a newer one.'),
        `folder ${folderId} empty`,
      );
    return this.fileDetails(newest.id, signal);
  }

  /** One attempt; returns the SHA-1 of the whole `.part` file (hashed while it streams in). */
  private async downloadOnce(
    details: PortalFileDetails,
    partPath: string,
    options: { signal?: AbortSignal; onProgress?: (progress: DownloadProgress) => void },
  ): Promise<string> {
    const have = await stat(partPath).then(
      (info) => info.size,
      () => 0,
    );
    const headers: Record<string, string> = have > 0 ? { range: `bytes=${have}-` } : {};
    const response = await this.authorizedRaw({
      method: 'GET',
      path: `/api/v1/files/${encodeURIComponent(details.id)}/download`,
      headers: { accept: 'application/octet-stream', ...headers },
      ...(options.signal ? { signal: options.signal } : {}),
    });
    let start = have;
    if (response.status === 200 && have > 0) {
      await truncate(partPath, 0); // the server ignored the range: start over
      start = 0;
    } else if (response.status === 416) {
      await response.body.dump().catch(() => undefined);
      await truncate(partPath, 0);
      throw new NetworkError('connection-reset', msg('The download has to start over.'), '', 'HTTP 416 on resume', {
        retryable: true,
      });
    } else if (response.status !== 200 && response.status !== 206) {
      await response.body.dump().catch(() => undefined);
      throw httpError(this.baseUrl, response.status, 'download');
    }
    // The hash covers the bytes already on disk (a resumed download) and then the stream.
    const hash = await hashPrefix(partPath, start);
    let done: number;
    try {
      done = await receiveToPart(response.body, partPath, {
        start,
        hash,
        bytesTotal: details.size,
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (error) {
      if (error instanceof LocalFileError) throw error;
      throw classifyRequestError(error, this.baseUrl, options.signal);
    }
    if (done < details.size)
      throw new NetworkError(
        'connection-reset',
        msg('The download was cut off.'),
        msg('It is resumed automatically.'),
        `got ${done} of ${details.size} bytes`,
        { retryable: true },
      );
    return hash.digest('hex');
  }

  private async getJson(path: string, signal?: AbortSignal): Promise<unknown> {
    return this.authorized({ method: 'GET', path, ...(signal ? { signal } : {}) });
  }

  private async allPages<T>(path: string, signal?: AbortSignal): Promise<T[]> {
    const items: T[] = [];
    const separator = path.includes('?') ? '&' : '?';
    for (let page = 1; ; page++) {
      const body = (await this.getJson(`${path}${separator}page=${page}&perPage=${PER_PAGE}`, signal)) as {
        items: T[];
        paging: { totalPages: number };
      };
      items.push(...body.items);
      if (page >= body.paging.totalPages || body.items.length === 0) return items;
    }
  }

  private async authorized(request: {
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
  private async authorizedRaw(request: {
    method: 'GET' | 'PATCH';
    path: string;
    headers?: Record<string, string>;
    body?: string;
    signal?: AbortSignal;
  }) {
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

/** MOVEit's `hash` encoding is not documented: accept hex or base64 SHA-1. */
function sameHash(hex: string, reported: string): boolean {
  const value = reported.trim();
  if (/^[0-9a-f]{40}$/i.test(value)) return value.toLowerCase() === hex;
  return Buffer.from(hex, 'hex').toString('base64') === value;
}

/** A portal file name as a local file name: no folders, nothing Windows refuses. */
function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').replace(/^\.+/, '_');
  return cleaned.length > 0 ? cleaned : 'nedlasting.zip';
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
