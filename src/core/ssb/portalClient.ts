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
import { send, type HttpResponse } from '../net/http';
import { classifyRequestError, httpError, NetworkError } from '../net/networkError';
import { withRetry } from '../net/retry';
import { PortalAuth, type AuthorizedRequest, type PortalAuthOptions } from './portalAuth';
import type { PasswordRequirements } from './passwordRules';
import { hashPrefix, localFileError, receiveToPart, type DownloadProgress } from './portalDownload';
import { PortalLinkError } from './portalLinkError';
import { newestFirst, requestResource, requireVerifiable, type ResourceRequest } from './portalRequest';
import {
  parseJsonBody,
  readFile,
  readFileDetails,
  readFolder,
  readInfo,
  readPage,
  readUser,
  type PortalInfo,
  type PortalUserSummary,
} from './portalShapes';
import { PortalInfoNeedsSignIn, UnexpectedResponseError, type ResponseContext } from './unexpectedResponse';

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

const PER_PAGE = 200;

export class SsbPortalClient {
  /** Sign-in, tokens and sign-out (portalAuth.ts); the resource methods below only ask it for requests. */
  private readonly auth: PortalAuth;

  constructor(
    private readonly dispatcher: Dispatcher,
    /** e.g. https://filsluse.ssb.no */
    readonly baseUrl: string,
    private readonly options: PortalAuthOptions = {},
  ) {
    this.auth = new PortalAuth(dispatcher, baseUrl, options);
  }

  get signedIn(): boolean {
    return this.auth.signedIn;
  }

  get username(): string | undefined {
    return this.auth.username;
  }

  /**
   * Password grant. `newPassword` completes a required password change; it is checked
   * against SSB's rules here first, since every refused attempt counts towards lockout.
   */
  signIn(username: string, password: string, newPassword?: string): Promise<void> {
    return this.auth.signIn(username, password, newPassword);
  }

  /** Revokes both tokens (`POST /api/v1/token/revoke`, one per token) within a bound: a refresh token must not outlive the session. */
  signOut(timeoutMs?: number): Promise<void> {
    return this.auth.signOut(timeoutMs);
  }

  /** The server's password rules, once a required password change has sent them. */
  get passwordRequirements(): PasswordRequirements | undefined {
    return this.auth.passwordRequirements;
  }

  /**
   * PublicOrgModel, asked without a token (it is read before signing in). The Swagger marks
   * `/info` as authenticated, so a server may answer 401/403: that is a PortalInfoNeedsSignIn
   * (the portal is reachable), for the caller to accept.
   */
  async info(signal?: AbortSignal): Promise<PortalInfo> {
    const path = `/api/v1/info${this.options.orgId ? `?orgId=${this.options.orgId}` : ''}`;
    const response = await send(this.dispatcher, {
      method: 'GET',
      url: this.url(path),
      headers: { accept: 'application/json' },
      ...(signal ? { signal } : {}),
    });
    const text = await response.body.text().catch((error: unknown) => {
      throw classifyRequestError(error, this.baseUrl, signal);
    });
    const header = response.headers['content-type'];
    const context = {
      request: 'GET /api/v1/info',
      status: response.status,
      contentType: (Array.isArray(header) ? header[0] : header) ?? '',
    };
    if (response.status === 401 || response.status === 403) throw new PortalInfoNeedsSignIn(context, text);
    if (response.status !== 200) throw httpError(this.baseUrl, response.status, 'info', response.headers);
    return readInfo(parseJsonBody(text, context), context);
  }

  async self(signal?: AbortSignal): Promise<PortalUserSummary> {
    return this.resource({ method: 'GET', path: '/api/v1/users/self', ...opt(signal) }, readUser);
  }

  /**
   * The folder at exactly `path` (case-insensitive, as MOVEit compares paths), e.g.
   * /Home/Ekstern/iplos/<user>/frassb, or undefined. `path=` is a mask whose wildcard rules
   * are not documented, so a search may match several folders: every page is read and only
   * an exact match counts — never the first folder of the search (that was /Home).
   */
  async folderByPath(path: string, signal?: AbortSignal): Promise<PortalFolder | undefined> {
    const folders = await this.allPages(`/api/v1/folders?path=${encodeURIComponent(path)}`, readFolder, signal);
    const wanted = path.replace(/\/+$/, '').toLowerCase();
    return folders.find((folder) => folder.path.replace(/\/+$/, '').toLowerCase() === wanted);
  }

  async folder(id: number, signal?: AbortSignal): Promise<PortalFolder> {
    return this.resource({ method: 'GET', path: `/api/v1/folders/${id}`, ...opt(signal) }, readFolder);
  }

  async subfolders(id: number, signal?: AbortSignal): Promise<PortalFolder[]> {
    return this.allPages(`/api/v1/folders/${id}/subfolders?sortField=name`, readFolder, signal);
  }

  /**
   * One page, for views that page lazily ("More…"), newest first within the page.
   * `sortField=datetime` is sent as a hint only (documented for /files, not for this
   * endpoint): a server that ignores it gives its own order across pages.
   */
  async filesPage(
    folderId: number,
    page: number,
    perPage = 50,
    signal?: AbortSignal,
  ): Promise<{ items: PortalFile[]; totalItems: number; totalPages: number }> {
    const body = await this.resource(
      {
        method: 'GET',
        path: `/api/v1/folders/${folderId}/files?page=${page}&perPage=${perPage}&sortField=datetime&sortDirection=desc`,
        ...opt(signal),
      },
      (json, context) => readPage(json, context, readFile),
    );
    return { ...body, items: newestFirst(body.items) };
  }

  /** All files of a folder across all pages, newest first by `uploadStamp` (sorted here: see newestFirst). */
  async files(folderId: number, options: { newOnly?: boolean; signal?: AbortSignal } = {}): Promise<PortalFile[]> {
    const files = await this.allPages(
      `/api/v1/folders/${folderId}/files?sortField=datetime&sortDirection=desc${options.newOnly ? '&newOnly=true' : ''}`,
      readFile,
      options.signal,
    );
    return newestFirst(files);
  }

  /**
   * Every new file visible to the user in ANY folder, newest first. Not for feedback: SSB's
   * feedback is what lands in the municipality's frassb folder (`files(frassbId, { newOnly })`).
   */
  async newFiles(signal?: AbortSignal): Promise<PortalFile[]> {
    const files = await this.allPages(
      '/api/v1/files?newOnly=true&sortField=uploadstamp&sortDirection=desc',
      readFile,
      signal,
    );
    return newestFirst(files);
  }

  async fileDetails(id: string, signal?: AbortSignal): Promise<PortalFileDetails> {
    return this.resource(
      { method: 'GET', path: `/api/v1/files/${encodeURIComponent(id)}`, ...opt(signal) },
      readFileDetails,
    );
  }

  /**
   * PATCH isNew (S1: `PATCH /files/{Id}` body `{"isNew"?}`, answers FileDetailsModel). An
   * empty 204 is accepted; a body must be a file model.
   */
  async markRead(id: string, read = true, signal?: AbortSignal): Promise<void> {
    await this.resource(
      { method: 'PATCH', path: `/api/v1/files/${encodeURIComponent(id)}`, json: { isNew: !read }, ...opt(signal) },
      (json, context) => (json === undefined ? undefined : readFile(json, context)),
    );
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
    requireVerifiable(details); // no SHA-1, no download: see requireVerifiable for why
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
      const details = await this.fileDetails(candidate, signal).catch((error: unknown) => {
        if (error instanceof UnexpectedResponseError) throw error; // a proxy page, not a wrong candidate
        return undefined;
      });
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

  /** A resource endpoint, its answer checked by `read` (see portalRequest). */
  private resource<T>(request: ResourceRequest, read: (body: unknown, context: ResponseContext) => T): Promise<T> {
    return requestResource((raw) => this.authorizedRaw(raw), this.baseUrl, request, read, this.options.retry);
  }

  private async allPages<T>(
    path: string,
    readItem: (item: unknown, context: ResponseContext, at: string) => T,
    signal?: AbortSignal,
  ): Promise<T[]> {
    const items: T[] = [];
    const separator = path.includes('?') ? '&' : '?';
    for (let page = 1; ; page++) {
      const body = await this.resource(
        { method: 'GET', path: `${path}${separator}page=${page}&perPage=${PER_PAGE}`, ...opt(signal) },
        (json, context) => readPage(json, context, readItem),
      );
      items.push(...body.items);
      if (page >= body.totalPages || body.items.length === 0) return items;
    }
  }

  private authorizedRaw(request: AuthorizedRequest): Promise<HttpResponse> {
    return this.auth.authorizedRaw(request);
  }

  private url(path: string): string {
    return `${this.baseUrl.replace(/\/+$/, '')}${path}`;
  }
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

function opt(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal ? { signal } : {};
}
