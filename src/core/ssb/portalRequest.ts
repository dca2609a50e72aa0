/**
 * One request to a resource endpoint of SSB's portal (MOVEit REST API v1), read and checked:
 * a 2xx answer must be JSON of the documented model (portalShapes), anything else becomes the
 * error a user can act on (403: the wrong user; 404: removed; 5xx and 429 retried). Also the
 * client's own rules for what the server does not promise: the newest file first by
 * `uploadStamp`, and no download without a SHA-1 to verify it against.
 */
import type { HttpResponse } from '../net/http';
import { msg } from '../i18n';
import { classifyRequestError, httpError, NetworkError } from '../net/networkError';
import { withRetry, type RetryOptions } from '../net/retry';
import type { PortalFile, PortalFileDetails } from './portalClient';
import { parseJsonBody } from './portalShapes';
import { AccessRefused } from './ssbErrors';
import { UnverifiableFileError, type ResponseContext } from './unexpectedResponse';

export interface ResourceRequest {
  method: 'GET' | 'PATCH';
  path: string;
  json?: unknown;
  signal?: AbortSignal;
}

/** The client's authenticated sender (token; renewed once on 401 or a stale 403 — `renewed` says so). */
export type RawSender = (request: {
  method: 'GET' | 'PATCH';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}) => Promise<HttpResponse & { renewed?: boolean }>;

/** Sends, retries what may pass, and hands the parsed 2xx body to `read` (undefined for an empty 204). */
export async function requestResource<T>(
  send: RawSender,
  baseUrl: string,
  request: ResourceRequest,
  read: (body: unknown, context: ResponseContext) => T,
  retry: RetryOptions = {},
): Promise<T> {
  return withRetry(
    async () => {
      const response = await send({
        method: request.method,
        path: request.path,
        headers: {
          accept: 'application/json',
          ...(request.json !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(request.json !== undefined ? { body: JSON.stringify(request.json) } : {}),
        ...(request.signal ? { signal: request.signal } : {}),
      });
      const text = await response.body.text().catch((error: unknown) => {
        throw classifyRequestError(error, baseUrl, request.signal);
      });
      const header = response.headers['content-type'];
      const context: ResponseContext = {
        request: `${request.method} ${request.path.split('?')[0] ?? request.path}`,
        status: response.status,
        contentType: (Array.isArray(header) ? header[0] : header) ?? '',
      };
      if (response.status >= 200 && response.status < 300) {
        const body = response.status === 204 && text.length === 0 ? undefined : parseJsonBody(text, context);
        return read(body, context);
      }
      throw statusError(baseUrl, request.path, response, text);
    },
    { ...retry, ...(request.signal ? { signal: request.signal } : {}) },
  );
}

/** A non-2xx answer → what the user can do about it (ErrorModel's detail quoted when there is one). */
function statusError(
  baseUrl: string,
  path: string,
  response: HttpResponse & { renewed?: boolean },
  text: string,
): NetworkError {
  const error = errorModel(text);
  if (response.status === 403) return new AccessRefused(error.detail ?? '', path, response.renewed === true);
  if (response.status === 404) {
    const message = error.detail
      ? msg("Not found on SSB's portal: {0}.", error.detail)
      : msg("Not found on SSB's portal.");
    return new NetworkError(
      'http',
      message,
      msg('The file or folder may have been removed; refresh the view.'),
      `HTTP 404 ${path}`,
      { status: 404 },
    );
  }
  return httpError(baseUrl, response.status, error.detail ?? error.title ?? '', response.headers);
}

function errorModel(text: string): { detail?: string; title?: string } {
  try {
    const parsed = JSON.parse(text) as { detail?: unknown; title?: unknown } | null;
    return {
      ...(typeof parsed?.detail === 'string' ? { detail: parsed.detail } : {}),
      ...(typeof parsed?.title === 'string' ? { title: parsed.title } : {}),
    };
  } catch {
    return {};
  }
}

/**
 * Newest first, by `uploadStamp` as the server wrote it. The client does not trust the
 * server's order: `sortField=datetime` is documented for `GET /files` only, not for
 * `/folders/{id}/files` (S1). The stamp has no time zone ("2018-02-08T14:48:08"), so it is
 * compared as text, never parsed into this machine's zone; the fixed-width ISO form sorts
 * as text. Equal stamps: the larger tracking number (issued later) first.
 */
export function newestFirst<T extends Pick<PortalFile, 'id' | 'uploadStamp'>>(files: readonly T[]): T[] {
  return [...files].sort((a, b) => {
    if (a.uploadStamp !== b.uploadStamp) return a.uploadStamp < b.uploadStamp ? 1 : -1;
    if (a.id.length !== b.id.length) return b.id.length - a.id.length;
    if (a.id === b.id) return 0;
    return a.id < b.id ? 1 : -1;
  });
}

/**
 * A download must be verifiable: the portal's `hash` is the only SHA-1 there is (S1:
 * "SHA-1 hash of the file"; hex or base64 is unverified, so both are accepted). Without it
 * the file is not downloaded. Decided so rather than "size only, with a warning" because a
 * size check cannot tell a damaged or substituted file of the same length, the history
 * records the download as verified with its SHA-1, and a portal that omits the hash is not
 * answering as MOVEit documents — the user is told to ask SSB rather than handed a file
 * nobody checked.
 */
export function requireVerifiable(details: PortalFileDetails): void {
  const hash = details.hash.trim();
  const hex = /^[0-9a-f]{40}$/i.test(hash);
  const base64 = /^[A-Za-z0-9+/]{27}=$/.test(hash);
  if (!hex && !base64) throw new UnverifiableFileError(details.id, details.name, hash);
}
