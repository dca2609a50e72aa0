/**
 * One HTTP request over the transport's dispatcher. Redirects are followed here, not by
 * undici, so that the `Authorization` header is dropped whenever a redirect leaves the
 * origin (MOVEit's folder-scoped downloads answer 302). Network failures become
 * NetworkErrors, a cancel the core's CancelledError; HTTP statuses are returned for the
 * caller to interpret.
 */
import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { msg } from '../i18n';
import { classifyRequestError, httpError, redactUrl } from './networkError';
import { undici } from './undiciLazy';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
  url: string;
  headers?: Record<string, string>;
  body?: string | Buffer | Readable;
  signal?: AbortSignal;
  maxRedirects?: number;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The final URL after redirects. */
  url: string;
  body: Dispatcher.ResponseData['body'];
}

/**
 * One line per request for a log: method, URL without query string, status (or the
 * failure), time to the response headers. Never headers or bodies: they carry tokens,
 * passwords and PINs.
 */
export interface RequestLogEntry {
  method: string;
  url: string;
  status?: number;
  error?: string;
  ms: number;
}

export type RequestLogger = (entry: RequestLogEntry) => void;

const requestLoggers = new WeakMap<Dispatcher, RequestLogger>();

/** Logs every request sent over this dispatcher (the transport registers its logger here). */
export function logRequestsOf(dispatcher: Dispatcher, logger: RequestLogger): void {
  requestLoggers.set(dispatcher, logger);
}

export async function send(dispatcher: Dispatcher, input: HttpRequest): Promise<HttpResponse> {
  let url = input.url;
  let headers = { ...input.headers };
  const logger = requestLoggers.get(dispatcher);
  for (let redirects = 0; ; redirects++) {
    let response: Dispatcher.ResponseData;
    const started = performance.now();
    try {
      response = await undici().request(url, {
        method: input.method,
        headers,
        body: input.body,
        signal: input.signal,
        dispatcher,
      });
    } catch (error) {
      const classified = classifyRequestError(error, url, input.signal);
      logger?.({
        method: input.method,
        url: redactUrl(url),
        error: classified.code,
        ms: Math.round(performance.now() - started),
      });
      throw classified;
    }
    logger?.({
      method: input.method,
      url: redactUrl(url),
      status: response.statusCode,
      ms: Math.round(performance.now() - started),
    });
    const location = response.headers.location;
    if (
      response.statusCode >= 300 &&
      response.statusCode < 400 &&
      typeof location === 'string' &&
      (input.method === 'GET' || input.method === 'HEAD')
    ) {
      await response.body.dump().catch(() => undefined);
      if (redirects >= (input.maxRedirects ?? 5)) throw httpError(url, response.statusCode, msg('too many redirects'));
      const next = new URL(location, url);
      if (next.protocol !== 'https:')
        throw httpError(url, response.statusCode, msg('refusing to follow a redirect to {0}', next.protocol));
      if (next.origin !== new URL(url).origin) headers = withoutAuthorization(headers);
      url = next.toString();
      continue;
    }
    return { status: response.statusCode, headers: response.headers, url, body: response.body };
  }
}

/** Sends and parses a JSON answer (any status); failures as in send. */
export async function sendJson(
  dispatcher: Dispatcher,
  input: HttpRequest,
): Promise<{ status: number; headers: HttpResponse['headers']; json: unknown }> {
  const response = await send(dispatcher, { ...input, headers: { accept: 'application/json', ...input.headers } });
  let text: string;
  try {
    text = await response.body.text();
  } catch (error) {
    throw classifyRequestError(error, input.url, input.signal);
  }
  let json: unknown;
  try {
    json = text.length > 0 ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, json };
}

function withoutAuthorization(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'authorization'));
}
