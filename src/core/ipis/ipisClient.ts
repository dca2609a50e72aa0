/**
 * The IPIS send module's API as the project assumes it (test/sandbox/README.md, "IPIS
 * send module"): Basic auth with kommunenummer + KOSTRA PIN; submissions, parts, status,
 * completion. Only transport-level mapping here; the send procedure is in sendSubmission.
 */
import { createReadStream } from 'node:fs';
import { Transform } from 'node:stream';
import type { Dispatcher } from 'undici';
import { msg } from '../i18n';
import { sendJson, send } from '../net/http';
import { httpError, NetworkError } from '../net/networkError';

export type Environment = 'test' | 'production';

export interface CreateSubmission {
  municipality: string;
  bydel: string;
  year: number;
  fileName: string;
  partCount: number;
  totalSize: number;
  sha256: string;
  clientReference: string;
}

export interface SubmissionStatus {
  id: string;
  environment: Environment;
  status: 'open' | 'complete';
  partCount: number;
  parts: { index: number; received: boolean; size?: number; sha256?: string }[];
  missingParts: number[];
  receipt?: Receipt;
}

export interface Receipt {
  receiptId: string;
  submissionId: string;
  completedAt: string;
  totalSize: number;
  sha256: string;
  parts: { index: number; size: number; sha256: string }[];
}

export interface PartAcknowledgement {
  index: number;
  size: number;
  sha256: string;
}

export class IpisError extends NetworkError {}

export class IpisClient {
  constructor(
    private readonly dispatcher: Dispatcher,
    /** The send module's base URL (…/SendemodulTEST or …/Sendemodul). */
    readonly baseUrl: string,
    private readonly credentials: { municipality: string; kostraPin: string },
  ) {}

  async status(signal?: AbortSignal): Promise<{ environment: Environment; service: string }> {
    const response = await sendJson(this.dispatcher, {
      method: 'GET',
      url: this.url('/api/v1/status'),
      ...(signal ? { signal } : {}),
    });
    if (response.status !== 200) throw this.error(response.status, response.json, response.headers);
    return response.json as { environment: Environment; service: string };
  }

  async create(body: CreateSubmission, signal?: AbortSignal): Promise<SubmissionStatus> {
    const response = await sendJson(this.dispatcher, {
      method: 'POST',
      url: this.url('/api/v1/submissions'),
      headers: { ...this.auth(), 'content-type': 'application/json' },
      body: JSON.stringify(body),
      ...(signal ? { signal } : {}),
    });
    if (response.status !== 201 && response.status !== 200)
      throw this.error(response.status, response.json, response.headers);
    return response.json as SubmissionStatus;
  }

  async get(id: string, signal?: AbortSignal): Promise<SubmissionStatus> {
    const response = await sendJson(this.dispatcher, {
      method: 'GET',
      url: this.url(`/api/v1/submissions/${encodeURIComponent(id)}`),
      headers: this.auth(),
      ...(signal ? { signal } : {}),
    });
    if (response.status !== 200) throw this.error(response.status, response.json, response.headers);
    return response.json as SubmissionStatus;
  }

  /** Streams one part from disk; `onBytes` is called as bytes leave. */
  async uploadPart(
    id: string,
    index: number,
    part: { path: string; size: number; sha256: string },
    options: { signal?: AbortSignal; onBytes?: (bytes: number) => void } = {},
  ): Promise<PartAcknowledgement> {
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        options.onBytes?.(chunk.length);
        done(null, chunk);
      },
    });
    const body = createReadStream(part.path, { highWaterMark: 256 * 1024 }).pipe(counter);
    const response = await send(this.dispatcher, {
      method: 'PUT',
      url: this.url(`/api/v1/submissions/${encodeURIComponent(id)}/parts/${index}`),
      headers: {
        ...this.auth(),
        'content-type': 'application/octet-stream',
        'content-length': String(part.size),
        'x-content-sha256': part.sha256,
      },
      body,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const json = await response.body.json().catch(() => undefined);
    if (response.status !== 201 && response.status !== 200) throw this.error(response.status, json, response.headers);
    return json as PartAcknowledgement;
  }

  async complete(id: string, signal?: AbortSignal): Promise<Receipt> {
    const response = await sendJson(this.dispatcher, {
      method: 'POST',
      url: this.url(`/api/v1/submissions/${encodeURIComponent(id)}/complete`),
      headers: this.auth(),
      ...(signal ? { signal } : {}),
    });
    if (response.status !== 200) throw this.error(response.status, response.json, response.headers);
    return response.json as Receipt;
  }

  private url(path: string): string {
    return `${this.baseUrl.replace(/\/+$/, '')}${path}`;
  }

  private auth(): Record<string, string> {
    return {
      authorization: `Basic ${Buffer.from(`${this.credentials.municipality}:${this.credentials.kostraPin}`).toString('base64')}`,
    };
  }

  /** Maps the protocol's error answers to messages that say what to do. */
  private error(status: number, json: unknown, headers: Record<string, string | string[] | undefined>): NetworkError {
    const body = (json ?? {}) as { error?: string; message?: string; missingParts?: number[] };
    const said = body.message ? ` (${body.message})` : '';
    const url = this.baseUrl;
    switch (status) {
      case 401:
        return new IpisError(
          'http',
          msg('The send module did not accept municipality {0} with this KOSTRA PIN.', this.credentials.municipality),
          msg('Check the municipality number and set the KOSTRA PIN again (it is in the letter from SSB / KOSTRA).'),
          `HTTP 401 ${body.error ?? ''}${said}`,
          { status },
        );
      case 403: {
        const message = body.message
          ? msg('The send module refused this submission ({0}).', body.message)
          : msg('The send module refused this submission.');
        return new IpisError(
          'http',
          message,
          msg('Check that the extract is for the municipality you are signed in as.'),
          `HTTP 403 ${body.error ?? ''}`,
          { status },
        );
      }
      case 404: {
        const message = body.message
          ? msg('The send module does not know this submission ({0}).', body.message)
          : msg('The send module does not know this submission.');
        return new IpisError(
          'http',
          message,
          msg('Start a new send; nothing was lost on your side.'),
          `HTTP 404 ${body.error ?? ''}`,
          { status },
        );
      }
      case 409: {
        const conflict = body.message
          ? msg('The send module reports a conflict ({0}).', body.message)
          : msg('The send module reports a conflict.');
        const message =
          body.error === 'parts_missing'
            ? msg('The send module is still missing parts {0}.', (body.missingParts ?? []).join(', '))
            : conflict;
        return new IpisError(
          'http',
          message,
          msg('Resume the send from the submission history.'),
          `HTTP 409 ${body.error ?? ''}${said}`,
          { status },
        );
      }
      case 413: {
        const message = body.message
          ? msg('The send module refused a part as too large ({0}).', body.message)
          : msg('The send module refused a part as too large.');
        return new IpisError(
          'http',
          message,
          msg('Lower the setting "IPLOS: Max Part Size MiB" and send again.'),
          `HTTP 413 ${body.error ?? ''}`,
          { status },
        );
      }
      case 422: {
        const message = body.message
          ? msg('The send module received a part that does not match its checksum ({0}).', body.message)
          : msg('The send module received a part that does not match its checksum.');
        return new IpisError(
          'integrity',
          message,
          msg('The file changed on the way or on disk; send again (a retry re-reads the part).'),
          `HTTP 422 ${body.error ?? ''}${said}`,
          { status },
        );
      }
      default:
        return httpError(url, status, body.message ?? body.error ?? '', headers);
    }
  }
}
