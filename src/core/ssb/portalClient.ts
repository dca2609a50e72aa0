/**
 * SSB's file portal (MOVEit Transfer REST API v1, shared/docs/moveit-rest-api.md) as the
 * municipality's user sees it: sign in, find the `frassb` folder, list and poll files,
 * download them verified, mark them read. Follows the reference's client rules: tokens
 * never logged, refresh at half-life, revoke both tokens on sign-out, `invalid_grant` never
 * retried, `Authorization` dropped on cross-origin redirects, full TLS verification.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { Dispatcher } from 'undici';
import { msg } from '../i18n';
import { LocalFileError } from '../localFileError';
import { sendJson, type HttpResponse } from '../net/http';
import { classifyRequestError, httpError, NetworkError } from '../net/networkError';
import { withRetry } from '../net/retry';
import { PortalAuth, type AuthorizedRequest, type PortalAuthOptions } from './portalAuth';
import type { PasswordRequirements } from './passwordRules';
import { PortalLinkError } from './portalLinkError';

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

export interface DownloadProgress {
  bytesDone: number;
  bytesTotal: number;
}

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

  /** Revokes both tokens (CVE-2026-15967: a refresh token must not outlive the session), within a bound. */
  signOut(timeoutMs?: number): Promise<void> {
    return this.auth.signOut(timeoutMs);
  }

  /** The server's password rules, once a required password change has sent them. */
  get passwordRequirements(): PasswordRequirements | undefined {
    return this.auth.passwordRequirements;
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
    const hash = start > 0 ? await hashPrefix(partPath, start) : createHash('sha1');
    let done = start;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        done += chunk.length;
        hash.update(chunk);
        options.onProgress?.({ bytesDone: done, bytesTotal: details.size });
        callback(null, chunk);
      },
    });
    try {
      await pipeline(
        response.body,
        counter,
        createWriteStream(partPath, { flags: start > 0 ? 'a' : 'w', highWaterMark: 1024 * 1024 }),
        ...(options.signal ? [{ signal: options.signal }] : []),
      );
    } catch (error) {
      if (typeof (error as NodeJS.ErrnoException).syscall === 'string' && (error as NodeJS.ErrnoException).path)
        throw localFileError(error, partPath);
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

  private authorized(request: Parameters<PortalAuth['authorized']>[0]): Promise<unknown> {
    return this.auth.authorized(request);
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

async function hashPrefix(path: string, length: number): Promise<Hash> {
  const hash = createHash('sha1');
  for await (const chunk of createReadStream(path, { start: 0, end: length - 1, highWaterMark: 1024 * 1024 }))
    hash.update(chunk as Buffer);
  return hash;
}

/** A portal file name as a local file name: no folders, nothing Windows refuses. */
function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').replace(/^\.+/, '_');
  return cleaned.length > 0 ? cleaned : 'nedlasting.zip';
}

/** A local disk problem (no folder, no permission, disk full) — not the network's fault. */
function localFileError(error: unknown, path: string): LocalFileError {
  const code = (error as NodeJS.ErrnoException).code ?? 'error';
  return new LocalFileError(msg('Cannot write "{0}" ({1}).', path, code), {
    remedy:
      code === 'ENOSPC'
        ? msg('The disk is full; free some space and download again.')
        : msg('Check that the folder exists and that you may write to it.'),
    detail: `${code}: ${(error as Error).message}`,
    cause: error,
  });
}
