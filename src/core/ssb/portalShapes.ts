/**
 * Hand-written guards for every answer the SSB portal client reads, after the models in
 * shared/docs/moveit-rest-api.md §2 (Swagger S1): PagedModel, SimpleFileResourceModel,
 * FileDetailsModel, SimpleFolderModel, UserDetailsModel, PublicOrgModel. A wrong answer
 * (an HTML login page with status 200, JSON without `items`) becomes an
 * UnexpectedResponseError instead of a TypeError further on. The guards are strict on the
 * fields the client acts on (ids, names, sizes, stamps, `isNew`, paging) and lenient on
 * display-only ones (a missing uploader is ''). Ids are read in both documented readings:
 * a number or a string of digits (the reference: "ID types are inconsistent").
 */
import type { PortalFile, PortalFileDetails, PortalFolder } from './portalClient';
import { UnexpectedResponseError, type ResponseContext } from './unexpectedResponse';

type Json = Record<string, unknown>;

/** The content types the reference lists for JSON answers (and any `+json`). */
export function isJsonContentType(contentType: string): boolean {
  return /^(application\/json|text\/json|application\/[\w.-]+\+json)\s*(;|$)/i.test(contentType.trim());
}

/** The body of a 2xx answer as JSON, or an UnexpectedResponseError (not JSON, or not said to be). */
export function parseJsonBody(text: string, context: ResponseContext): unknown {
  const looksLike = text.trimStart().startsWith('<') ? 'an HTML/XML page' : 'not JSON';
  if (!isJsonContentType(context.contentType))
    throw new UnexpectedResponseError(context, `the content type is not JSON; the body is ${looksLike}`);
  try {
    return JSON.parse(text);
  } catch {
    throw new UnexpectedResponseError(context, `the body is ${looksLike} (${text.length} characters)`);
  }
}

export interface PortalUserSummary {
  username: string;
  fullName: string;
  homeFolderID: number;
}

/** PublicOrgModel (GET /info): all fields optional; only their kinds are checked. */
export interface PortalInfo {
  id?: string;
  name?: string;
  baseURL?: string;
  allowPassChangeRequests?: boolean;
  [field: string]: unknown;
}

export interface PortalPage<T> {
  items: T[];
  totalItems: number;
  totalPages: number;
}

/** Reads one model out of a JSON value; throws UnexpectedResponseError naming the field. */
class Reader {
  constructor(private readonly context: ResponseContext) {}

  fail(at: string, problem: string): never {
    throw new UnexpectedResponseError(this.context, `${at || 'the body'} ${problem}`);
  }

  object(value: unknown, at: string): Json {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      this.fail(at, `must be an object, is ${kind(value)}`);
    return value as Json;
  }

  string(object: Json, key: string, at: string): string {
    const value = object[key];
    if (typeof value !== 'string') this.fail(join(at, key), `must be a string, is ${kind(value)}`);
    return value;
  }

  /** A display-only text: '' when null or missing, refused when of another kind. */
  text(object: Json, key: string, at: string): string {
    const value = object[key];
    if (value === undefined || value === null) return '';
    if (typeof value !== 'string') this.fail(join(at, key), `must be a string, is ${kind(value)}`);
    return value;
  }

  integer(object: Json, key: string, at: string): number {
    const value = object[key];
    if (typeof value !== 'number' || !Number.isSafeInteger(value))
      this.fail(join(at, key), `must be an integer, is ${kind(value)}`);
    return value;
  }

  optionalInteger(object: Json, key: string, at: string): number | undefined {
    return object[key] === undefined || object[key] === null ? undefined : this.integer(object, key, at);
  }

  /** A folder id: int32 in the models, a string in path parameters; either is read as a number. */
  numericId(object: Json, key: string, at: string): number {
    const value = object[key];
    if (typeof value === 'string' && /^\d{1,15}$/.test(value)) return Number(value);
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
    return this.fail(join(at, key), `must be a numeric id, is ${kind(value)}`);
  }

  /** A file id ("tracking number"): a string in the models; a number is accepted and carried as a string. */
  stringId(object: Json, key: string, at: string): string {
    const value = object[key];
    if (typeof value === 'string' && value.length > 0) return value;
    if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
    return this.fail(join(at, key), `must be a file id (string), is ${kind(value)}`);
  }

  boolean(object: Json, key: string, at: string): boolean {
    const value = object[key];
    if (typeof value !== 'boolean') this.fail(join(at, key), `must be a boolean, is ${kind(value)}`);
    return value;
  }

  array(object: Json, key: string, at: string): unknown[] {
    const value = object[key];
    if (!Array.isArray(value)) this.fail(join(at, key), `must be an array, is ${kind(value)}`);
    return value;
  }
}

export function readFile(body: unknown, context: ResponseContext, at = ''): PortalFile {
  const read = new Reader(context);
  const file = read.object(body, at);
  const size = read.integer(file, 'size', at);
  if (size < 0) read.fail(join(at, 'size'), 'must not be negative');
  return {
    id: read.stringId(file, 'id', at),
    name: read.string(file, 'name', at),
    path: read.text(file, 'path', at),
    size,
    uploadStamp: read.string(file, 'uploadStamp', at),
    uploadUsername: read.text(file, 'uploadUsername', at),
    folderID: read.numericId(file, 'folderID', at),
    isNew: read.boolean(file, 'isNew', at),
  };
}

/**
 * FileDetailsModel. `hash` is '' when the portal gives none (null or missing): the details
 * can still be shown, but download refuses such a file (requireVerifiable).
 */
export function readFileDetails(body: unknown, context: ResponseContext): PortalFileDetails {
  const read = new Reader(context);
  const details = read.object(body, '');
  return {
    ...readFile(details, context),
    hash: read.text(details, 'hash', ''),
    uploadUserFullName: read.text(details, 'uploadUserFullName', ''),
    uploadIntegrity: read.optionalInteger(details, 'uploadIntegrity', '') ?? 0,
    uploadComment: read.text(details, 'uploadComment', ''),
  };
}

/** SimpleFolderModel (and the part of FolderDetailsModel the client reads). */
export function readFolder(body: unknown, context: ResponseContext, at = ''): PortalFolder {
  const read = new Reader(context);
  const folder = read.object(body, at);
  const subfolderCount = read.optionalInteger(folder, 'subfolderCount', at);
  const totalFileCount = read.optionalInteger(folder, 'totalFileCount', at);
  return {
    id: read.numericId(folder, 'id', at),
    parentId: folder.parentId === null || folder.parentId === undefined ? 0 : read.numericId(folder, 'parentId', at),
    name: read.string(folder, 'name', at),
    path: read.string(folder, 'path', at),
    folderType: read.text(folder, 'folderType', at),
    ...(subfolderCount !== undefined ? { subfolderCount } : {}),
    ...(totalFileCount !== undefined ? { totalFileCount } : {}),
  };
}

/** PagedModel<T>: `items` read one by one, `paging.totalItems` and `paging.totalPages`. */
export function readPage<T>(
  body: unknown,
  context: ResponseContext,
  readItem: (item: unknown, context: ResponseContext, at: string) => T,
): PortalPage<T> {
  const read = new Reader(context);
  const page = read.object(body, '');
  const items = read.array(page, 'items', '').map((item, index) => readItem(item, context, `items[${index}]`));
  const paging = read.object(page.paging, 'paging');
  return {
    items,
    totalItems: read.integer(paging, 'totalItems', 'paging'),
    totalPages: read.integer(paging, 'totalPages', 'paging'),
  };
}

/** UserDetailsModel: the fields the session uses (homeFolderID is int64; a string of digits is accepted). */
export function readUser(body: unknown, context: ResponseContext): PortalUserSummary {
  const read = new Reader(context);
  const user = read.object(body, '');
  return {
    username: read.string(user, 'username', ''),
    fullName: read.text(user, 'fullName', ''),
    homeFolderID: read.numericId(user, 'homeFolderID', ''),
  };
}

/** PublicOrgModel: an object; `id` is a string in S1 (a number is accepted and carried as a string). */
export function readInfo(body: unknown, context: ResponseContext): PortalInfo {
  const read = new Reader(context);
  const info = read.object(body, '');
  const id = info.id === undefined || info.id === null ? undefined : read.stringId(info, 'id', '');
  const optionalText = (key: string): string | undefined =>
    info[key] === undefined || info[key] === null ? undefined : read.string(info, key, '');
  const name = optionalText('name');
  const baseURL = optionalText('baseURL');
  const allowPassChangeRequests =
    info.allowPassChangeRequests === undefined ? undefined : read.boolean(info, 'allowPassChangeRequests', '');
  return {
    ...info,
    ...(id !== undefined ? { id } : {}),
    ...(name !== undefined ? { name } : {}),
    ...(baseURL !== undefined ? { baseURL } : {}),
    ...(allowPassChangeRequests !== undefined ? { allowPassChangeRequests } : {}),
  };
}

function join(at: string, key: string): string {
  return at ? `${at}.${key}` : key;
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value === undefined) return 'missing';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
