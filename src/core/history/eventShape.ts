import {
  HISTORY_EVENT_VERSION,
  type ArchiveInfo,
  type ExtractInfo,
  type HistoryEvent,
  type PartInfo,
  type SubmissionEnvironment,
  type SubmissionReceipt,
} from './historyEvents';

/** Longer failure reasons are cut: a reason is a short note, not a place for server bodies. */
export const MAX_REASON_LENGTH = 500;

export type EventCheck = { ok: true; event: HistoryEvent } | { ok: false; problem: string };

/**
 * Checks that `value` is a history event and returns a copy holding only the fields this
 * version knows. Used both ways:
 * - writing: whatever object a caller passes (say, one spread from options that also carry
 *   the archive key), only the known fields reach the file, and the endpoint loses any
 *   credentials, query or fragment;
 * - reading: a line written by a newer version is seen as version 1 sees it (its known
 *   fields; later versions only add fields), and a line of the wrong shape is rejected
 *   instead of surfacing as a half-filled record.
 * Never throws on bad content: the result says what is wrong.
 */
export function checkHistoryEvent(value: unknown): EventCheck {
  try {
    return { ok: true, event: project(value) };
  } catch (error) {
    if (error instanceof ShapeError) return { ok: false, problem: error.message };
    throw error;
  }
}

class ShapeError extends Error {}

type Fields = Record<string, unknown>;

function project(value: unknown): HistoryEvent {
  const o = object(value, 'event');
  const version = o.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < HISTORY_EVENT_VERSION)
    throw new ShapeError('version must be an integer ≥ 1');
  const base = { version: HISTORY_EVENT_VERSION, at: time(o, 'at') } as const;
  switch (o.type) {
    case 'submission-intent':
      return {
        type: o.type,
        ...base,
        clientReference: text(o, 'clientReference'),
        environment: environment(o, 'environment'),
        municipality: digits(o, 'municipality', 4),
        bydel: digits(o, 'bydel', 2),
        year: integer(o, 'year', 0),
        extract: extract(o.extract),
        archive: archive(o.archive),
      };
    case 'submission-created':
      return {
        type: o.type,
        ...base,
        submissionId: text(o, 'submissionId'),
        clientReference: text(o, 'clientReference'),
        environment: environment(o, 'environment'),
        endpoint: endpoint(o, 'endpoint'),
        municipality: digits(o, 'municipality', 4),
        bydel: digits(o, 'bydel', 2),
        year: integer(o, 'year', 0),
        extract: extract(o.extract),
        archive: archive(o.archive),
        parts: parts(o.parts),
      };
    case 'part-sent':
      return {
        type: o.type,
        ...base,
        submissionId: text(o, 'submissionId'),
        index: integer(o, 'index', 1),
        size: integer(o, 'size', 0),
        sha256: text(o, 'sha256'),
      };
    case 'submission-completed':
      return { type: o.type, ...base, submissionId: text(o, 'submissionId'), receipt: receipt(o.receipt) };
    case 'submission-failed': {
      const reason = o.reason;
      if (typeof reason !== 'string') throw new ShapeError('reason must be a string');
      if (typeof o.resumable !== 'boolean') throw new ShapeError('resumable must be true or false');
      if (o.cancelled !== undefined && typeof o.cancelled !== 'boolean')
        throw new ShapeError('cancelled must be true or false');
      return {
        type: o.type,
        ...base,
        submissionId: text(o, 'submissionId'),
        reason: reason.length > MAX_REASON_LENGTH ? `${reason.slice(0, MAX_REASON_LENGTH - 1)}…` : reason,
        resumable: o.resumable,
        ...(o.cancelled !== undefined ? { cancelled: o.cancelled } : {}),
      };
    }
    case 'feedback-downloaded': {
      if ((o.decryptedTo === undefined) !== (o.files === undefined))
        throw new ShapeError('decryptedTo and files go together');
      return {
        type: o.type,
        ...base,
        fileId: text(o, 'fileId'),
        fileName: text(o, 'fileName'),
        size: integer(o, 'size', 0),
        sha1: text(o, 'sha1'),
        municipality: digits(o, 'municipality', 4),
        ...(o.year !== undefined ? { year: integer(o, 'year', 0) } : {}),
        ...(o.bydel !== undefined ? { bydel: digits(o, 'bydel', 2) } : {}),
        ...(o.environment !== undefined ? { environment: environment(o, 'environment') } : {}),
        ...(o.downloadedTo !== undefined ? { downloadedTo: text(o, 'downloadedTo') } : {}),
        ...(o.decryptedTo !== undefined ? { decryptedTo: text(o, 'decryptedTo'), files: strings(o, 'files') } : {}),
      };
    }
    default:
      throw new ShapeError(typeof o.type === 'string' ? `unknown type "${o.type.slice(0, 40)}"` : 'type is missing');
  }
}

function object(value: unknown, name: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ShapeError(`${name} must be an object`);
  return value as Fields;
}

function text(o: Fields, key: string): string {
  const value = o[key];
  if (typeof value !== 'string' || value === '') throw new ShapeError(`${key} must be a non-empty string`);
  return value;
}

function strings(o: Fields, key: string): string[] {
  const value = o[key];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
    throw new ShapeError(`${key} must be a list of strings`);
  return [...(value as string[])];
}

function integer(o: Fields, key: string, min: number): number {
  const value = o[key];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min)
    throw new ShapeError(`${key} must be an integer ≥ ${min}`);
  return value;
}

function digits(o: Fields, key: string, count: number): string {
  const value = o[key];
  if (typeof value !== 'string' || !new RegExp(`^[0-9]{${count}}$`).test(value))
    throw new ShapeError(`${key} must be ${count} digits`);
  return value;
}

function time(o: Fields, key: string): string {
  const value = text(o, key);
  if (Number.isNaN(Date.parse(value))) throw new ShapeError(`${key} must be an ISO time`);
  return value;
}

function environment(o: Fields, key: string): SubmissionEnvironment {
  const value = o[key];
  if (value !== 'test' && value !== 'production') throw new ShapeError(`${key} must be "test" or "production"`);
  return value;
}

/**
 * A base URL only: user info (user:password@), query and fragment could carry secrets.
 * A clean URL is kept exactly as given, since callers use it again to resume.
 */
function endpoint(o: Fields, key: string): string {
  const value = text(o, key);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ShapeError(`${key} must be a URL`);
  }
  if (!url.username && !url.password && !url.search && !url.hash && !/[?#]/.test(value)) return value;
  // `https://host` has the path '/', which the caller did not write: leave it off again.
  const path = url.pathname === '/' && !/^[^?#]*\/\/[^/?#]*\/[?#]?/.test(value) ? '' : url.pathname;
  return `${url.protocol}//${url.host}${path}`;
}

function extract(value: unknown): ExtractInfo {
  const o = object(value, 'extract');
  return { path: text(o, 'path'), name: text(o, 'name'), size: integer(o, 'size', 0), sha256: text(o, 'sha256') };
}

function archive(value: unknown): ArchiveInfo {
  const o = object(value, 'archive');
  return { name: text(o, 'name'), totalSize: integer(o, 'totalSize', 0), sha256: text(o, 'sha256') };
}

function receipt(value: unknown): SubmissionReceipt {
  const o = object(value, 'receipt');
  return {
    receiptId: text(o, 'receiptId'),
    completedAt: time(o, 'completedAt'),
    totalSize: integer(o, 'totalSize', 0),
    sha256: text(o, 'sha256'),
  };
}

function parts(value: unknown): PartInfo[] {
  if (!Array.isArray(value) || value.length === 0) throw new ShapeError('parts must be a non-empty list');
  const result = value.map((item: unknown): PartInfo => {
    const o = object(item, 'part');
    return {
      index: integer(o, 'index', 1),
      name: text(o, 'name'),
      size: integer(o, 'size', 0),
      sha256: text(o, 'sha256'),
    };
  });
  // Missing parts are computed by index, so each index may occur only once.
  if (new Set(result.map((part) => part.index)).size !== result.length)
    throw new ShapeError('part indexes must be unique');
  return result;
}
