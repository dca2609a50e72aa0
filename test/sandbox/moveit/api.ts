/**
 * The MOVEit Transfer REST API v1 as SSB's file portal would answer it — the endpoints,
 * fields, envelopes and status codes in shared/docs/moveit-rest-api.md. Where the
 * reference marks behaviour as unverified, the sandbox picks one reading and the README
 * says which.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Faults } from '../faults';
import { readJson, sendJson, type RequestContext, type Router } from '../http/router';
import {
  errorModel,
  fileDetailsModel,
  folderContentItemModel,
  simpleFileModel,
  simpleFolderModel,
  publicOrgModel,
  userDetailsModel,
} from './models';
import { type Portal, type PortalFile, type PortalFolder, portalTimestamp } from './portal';
import { DEFAULT_SECURITY_NOTICE, registerTokenRoutes } from './tokenRoutes';
import type { TokenStore } from './tokens';
import { readUpload, UPLOAD_HASH_TYPES } from './uploadReader';

export interface MoveItDependencies {
  portal: Portal;
  tokens: TokenStore;
  faults: Faults;
  /** One-time tokens for cross-origin download redirects. */
  redirectTokens: Map<string, { fileId: string; username: string }>;
  /** IIS's maxAllowedContentLength: a declared upload body above it is refused with 413 (none by default). */
  maxUploadContentLength?: () => number | undefined;
}

const MAX_PER_PAGE = 200;

export function registerMoveItApi(router: Router, deps: MoveItDependencies): void {
  const { portal, faults } = deps;

  registerTokenRoutes(router, deps);

  router.add('GET', '/api/v1/info', (ctx) => {
    // Answered without a token unless the infoRequiresToken fault asks for one (S1 marks it authenticated).
    const needed = faults.current.infoRequiresToken;
    if (needed && !authenticatedUser(ctx, deps)) {
      if (needed.html)
        return void ctx.res
          .writeHead(needed.status, { 'Content-Type': 'text/html; charset=utf-8' })
          .end('<html><body>Access denied</body></html>');
      const title = needed.status === 401 ? 'Unauthorized' : 'Forbidden';
      return sendJson(
        ctx.res,
        needed.status,
        errorModel(needed.status, title, 'Missing, invalid or expired access token.'),
      );
    }
    const notice = faults.current.securityNotice;
    sendJson(
      ctx.res,
      200,
      publicOrgModel(
        `${ctx.url.protocol}//${ctx.url.host}`,
        notice
          ? { label: notice.label ?? DEFAULT_SECURITY_NOTICE.label, text: notice.text ?? DEFAULT_SECURITY_NOTICE.text }
          : undefined,
      ),
    );
  });

  router.add('GET', '/api/v1/users/self', (ctx) => {
    const username = authenticate(ctx, deps);
    const user = username ? portal.user(username) : undefined;
    if (user) sendJson(ctx.res, 200, userDetailsModel(portal, user));
  });

  router.add('GET', '/api/v1/folders', (ctx) => {
    const user = authenticate(ctx, deps);
    if (!user) return;
    const pathMask = ctx.query('path');
    const nameMask = ctx.query('name');
    // The folderMaskMatchesSeveral fault: the mask matches everything, a few to a page.
    const several = faults.current.folderMaskMatchesSeveral;
    const folders = portal
      .visibleFolders(user)
      .filter((folder) => several || (matchesMask(folder.path, pathMask) && matchesMask(folder.name, nameMask)));
    const query = several ? withQuery(ctx, { perPage: String(several.perPage ?? 2), sortField: 'path' }) : ctx;
    sendPage(
      query,
      folders,
      { path: (f) => f.path, name: (f) => f.name, type: (f) => f.folderType },
      'path',
      (folder) => simpleFolderModel(portal, folder),
    );
  });

  router.add('GET', '/api/v1/folders/:id', (ctx) => {
    const folder = visibleFolder(ctx, deps);
    if (folder) sendJson(ctx.res, 200, { ...simpleFolderModel(portal, folder), description: '', isArchive: false });
  });

  router.add('GET', '/api/v1/folders/:id/subfolders', (ctx) => {
    const folder = visibleFolder(ctx, deps);
    if (!folder) return;
    const nameMask = ctx.query('name');
    const subfolders = portal.subfolders(folder.id).filter((child) => matchesMask(child.name, nameMask));
    sendPage(
      ctx,
      subfolders,
      { name: (f) => f.name, path: (f) => f.path, type: (f) => f.folderType },
      'name',
      (child) => simpleFolderModel(portal, child),
    );
  });

  router.add('GET', '/api/v1/folders/:id/files', (ctx) => {
    const folder = visibleFolder(ctx, deps);
    if (!folder) return;
    const files = portal.filesIn(folder.id).filter((file) => !isTrue(ctx.query('newOnly')) || file.isNew);
    // The ignoreFileSort fault: sortField is not documented for this endpoint; a server may ignore it.
    const query = faults.current.ignoreFileSort ? withQuery(ctx, { sortField: 'name', sortDirection: 'asc' }) : ctx;
    sendPage(query, files, fileSorts(portal), 'name', (file) => simpleFileModel(portal, file));
  });

  router.add('GET', '/api/v1/folders/:id/content', (ctx) => {
    const folder = visibleFolder(ctx, deps);
    if (!folder) return;
    const items: { folder?: PortalFolder; file?: PortalFile }[] = [
      ...portal.subfolders(folder.id).map((child) => ({ folder: child })),
      ...portal.filesIn(folder.id).map((file) => ({ file })),
    ];
    sendPage(
      ctx,
      items,
      {
        type: (item) => (item.folder ? '0' : '1'),
        name: (item) => item.folder?.name ?? item.file?.name ?? '',
        time: (item) => item.folder?.lastContentChangeTime ?? item.file?.uploadStamp ?? '',
        size: (item) => item.file?.size ?? 0,
      },
      'type',
      (item) => folderContentItemModel(portal, item),
    );
  });

  router.add('GET', '/api/v1/files', (ctx) => {
    const user = authenticate(ctx, deps);
    if (!user) return;
    const since = ctx.query('sinceDate');
    const sinceTime = since ? Date.parse(since) : undefined;
    if (since && Number.isNaN(sinceTime))
      return sendJson(ctx.res, 400, errorModel(400, 'Bad Request', `sinceDate "${since}" is not a date.`));
    const files = portal
      .visibleFiles(user)
      .filter((file) => !isTrue(ctx.query('newOnly')) || file.isNew)
      .filter((file) => sinceTime === undefined || Date.parse(file.uploadStamp) >= (sinceTime as number));
    sendPage(ctx, files, fileSorts(portal), 'name', (file) => simpleFileModel(portal, file), {
      currentTimestamp: portalTimestamp(),
    });
  });

  router.add('GET', '/api/v1/files/:id', (ctx) => {
    const file = visibleFile(ctx, deps);
    if (file) sendJson(ctx.res, 200, fileDetailsModel(portal, file, detailFaults(faults)));
  });

  router.add('PATCH', '/api/v1/files/:id', async (ctx) => {
    const file = visibleFile(ctx, deps);
    if (!file) return;
    const body = (await readJson(ctx.req).catch(() => undefined)) as { isNew?: unknown; name?: unknown } | undefined;
    if (
      !body ||
      (body.isNew !== undefined && typeof body.isNew !== 'boolean') ||
      (body.name !== undefined && typeof body.name !== 'string')
    ) {
      return sendJson(
        ctx.res,
        400,
        errorModel(400, 'Bad Request', 'Body must be JSON with isNew (boolean) and/or name (string).'),
      );
    }
    if (typeof body.isNew === 'boolean') file.isNew = body.isNew;
    if (typeof body.name === 'string' && body.name.length > 0) file.name = body.name;
    sendJson(ctx.res, 200, fileDetailsModel(portal, file, detailFaults(faults)));
  });

  router.add('DELETE', '/api/v1/files/:id', async (ctx) => {
    const file = visibleFile(ctx, deps);
    if (!file) return;
    await portal.deleteFile(file.id);
    ctx.res.writeHead(204).end();
  });

  router.add('GET', '/api/v1/files/:id/download', (ctx) => {
    // A one-time token from a redirect stands in for the bearer token (no Authorization expected).
    const redirect = ctx.query('redirectToken');
    if (redirect) {
      const grant = deps.redirectTokens.get(redirect);
      deps.redirectTokens.delete(redirect);
      const file = grant && grant.fileId === ctx.params.id ? portal.files.get(grant.fileId) : undefined;
      if (!file)
        return sendJson(
          ctx.res,
          401,
          errorModel(401, 'Unauthorized', 'The download link is invalid or was used already.'),
        );
      return sendFileContent(ctx, file, faults);
    }
    const file = visibleFile(ctx, deps);
    if (file) sendFileContent(ctx, file, faults);
  });

  // Folder-scoped download answers with a redirect to the other host name of this server:
  // a different origin, so a correct client must not carry its Authorization header along.
  router.add('GET', '/api/v1/folders/:folderId/files/:id/download', (ctx) => {
    const file = visibleFile(ctx, deps);
    if (!file) return;
    if (String(file.folderId) !== ctx.params.folderId)
      return sendJson(ctx.res, 404, errorModel(404, 'Not Found', 'The file is not in that folder.'));
    const token = randomBytes(16).toString('hex');
    deps.redirectTokens.set(token, { fileId: file.id, username: authenticatedUser(ctx, deps) ?? '' });
    const [hostname, port] = (ctx.req.headers.host ?? '').split(':');
    const otherHost = hostname === 'localhost' ? '127.0.0.1' : 'localhost';
    ctx.res
      .writeHead(302, {
        Location: `https://${otherHost}:${port}/api/v1/files/${file.id}/download?redirectToken=${token}`,
      })
      .end();
  });

  router.add('POST', '/api/v1/folders/:id/files', async (ctx) => {
    const folder = visibleFolder(ctx, deps);
    if (!folder) return;
    const upload = await readUpload(ctx, portal.uploadFolder, deps.maxUploadContentLength?.());
    if ('error' in upload) {
      const title = upload.status === 413 ? 'Payload Too Large' : 'Bad Request';
      const headers: Record<string, string> = upload.status === 413 ? { connection: 'close' } : {};
      return sendJson(ctx.res, upload.status, errorModel(upload.status, title, upload.error), headers);
    }
    const refuse = async (status: number, body: unknown): Promise<void> => {
      await rm(upload.diskPath, { force: true });
      sendJson(ctx.res, status, body);
    };
    if (!UPLOAD_HASH_TYPES.includes(upload.hashType))
      return refuse(400, errorModel(400, 'Bad Request', `hashtype must be one of ${UPLOAD_HASH_TYPES.join(', ')}.`));
    if (upload.hash && upload.actualHash?.toLowerCase() !== upload.hash.toLowerCase()) {
      return refuse(422, {
        ...errorModel(422, 'Unprocessable Entity', 'The file does not match its hash.'),
        errors: [
          {
            field: 'hash',
            rejected: upload.hash,
            message: `${upload.hashType} of the uploaded file is ${upload.actualHash}`,
          },
        ],
      });
    }
    const user = portal.user(authenticatedUser(ctx, deps) ?? '');
    if (!user) return refuse(401, errorModel(401, 'Unauthorized', 'Missing, invalid or expired access token.'));
    const file = await portal.addStoredFile(folder.id, upload.fileName, upload, {
      username: user.username,
      fullName: user.fullName,
      comment: upload.comments ?? '',
      ip: ctx.req.socket.remoteAddress ?? '',
    });
    sendJson(ctx.res, 201, fileDetailsModel(portal, file));
  });

  // The classic web interface link from "New File Notification" e-mails.
  router.add('GET', '/human.aspx', (ctx) => {
    const folderId = Number(ctx.query('Arg06'));
    const fileId = ctx.query('Arg07');
    const folder = portal.folders.get(folderId);
    const files = folder ? portal.filesIn(folder.id).filter((file) => !fileId || file.id === fileId) : [];
    const rows = files
      .map(
        (file) =>
          `<tr><td>${file.id}</td><td>${escapeHtml(file.name)}</td><td>${file.size}</td><td>${file.uploadStamp}</td></tr>`,
      )
      .join('');
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>MOVEit Transfer (sandbox)</title></head><body><h1>${escapeHtml(folder?.path ?? 'Unknown folder')}</h1><table><tr><th>Tracking #</th><th>Name</th><th>Size</th><th>Uploaded</th></tr>${rows}</table></body></html>`;
    ctx.res.writeHead(folder ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' }).end(html);
  });
}

const FILE_SORTS: Record<string, (file: PortalFile) => string | number> = {
  name: (file) => file.name,
  size: (file) => file.size,
  datetime: (file) => file.uploadStamp,
  uploadstamp: (file) => file.uploadStamp,
};

function fileSorts(portal: Portal): Record<string, (file: PortalFile) => string | number> {
  return { ...FILE_SORTS, path: (file) => `${portal.folders.get(file.folderId)?.path ?? ''}/${file.name}` };
}

/** The request as if these query parameters had been sent (for faults that ignore what was asked). */
function withQuery(ctx: RequestContext, overrides: Record<string, string>): RequestContext {
  const lowered = Object.fromEntries(Object.entries(overrides).map(([name, value]) => [name.toLowerCase(), value]));
  return { ...ctx, query: (name) => lowered[name.toLowerCase()] ?? ctx.query(name) };
}

function detailFaults(faults: Faults): { wrongSha1: boolean; nullHash: boolean } {
  return { wrongSha1: faults.current.wrongSha1 === true, nullHash: faults.current.nullHash === true };
}

function authenticatedUser(ctx: RequestContext, deps: MoveItDependencies): string | undefined {
  const header = ctx.req.headers.authorization ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(header);
  return match ? deps.tokens.userOf(match[1] as string) : undefined;
}

/**
 * The signed-in user, or a 401 ErrorModel answer (missing, invalid or expired token); with
 * the fault `expiredTokenStatus: 403`, an expired or revoked token gets 403 (Swagger lists only 403).
 */
function authenticate(ctx: RequestContext, deps: MoveItDependencies): string | undefined {
  const user = authenticatedUser(ctx, deps);
  const bearer = /^Bearer\s+(.+)$/i.exec(ctx.req.headers.authorization ?? '')?.[1];
  if (!user && bearer && deps.faults.current.expiredTokenStatus === 403 && deps.tokens.wasIssued(bearer)) {
    sendJson(ctx.res, 403, errorModel(403, 'Forbidden', 'The access token has expired or was revoked.'));
    return undefined;
  }
  if (!user)
    sendJson(ctx.res, 401, errorModel(401, 'Unauthorized', 'Missing, invalid or expired access token.'), {
      'WWW-Authenticate': 'Bearer',
    });
  return user;
}

function visibleFolder(ctx: RequestContext, deps: MoveItDependencies): PortalFolder | undefined {
  const user = authenticate(ctx, deps);
  if (!user) return undefined;
  const folder = deps.portal.folders.get(Number(ctx.params.id));
  if (!folder) {
    sendJson(ctx.res, 404, errorModel(404, 'Not Found', `Folder ${ctx.params.id} was not found.`));
    return undefined;
  }
  if (!deps.portal.canSee(user, folder)) {
    sendJson(ctx.res, 403, errorModel(403, 'Forbidden', 'You do not have permission to access this folder.'));
    return undefined;
  }
  return folder;
}

function visibleFile(ctx: RequestContext, deps: MoveItDependencies): PortalFile | undefined {
  const user = authenticate(ctx, deps);
  if (!user) return undefined;
  const file = deps.portal.files.get(ctx.params.id ?? '');
  const folder = file ? deps.portal.folders.get(file.folderId) : undefined;
  if (!file || !folder) {
    sendJson(ctx.res, 404, errorModel(404, 'Not Found', `File ${ctx.params.id} was not found.`));
    return undefined;
  }
  if (!deps.portal.canSee(user, folder)) {
    sendJson(ctx.res, 403, errorModel(403, 'Forbidden', 'You do not have permission to access this file.'));
    return undefined;
  }
  return file;
}

/** Sends a file (or the requested range), with the download faults applied. */
function sendFileContent(ctx: RequestContext, file: PortalFile, faults: Faults): void {
  const { res } = ctx;
  const range = /^bytes=(\d+)-(\d*)$/.exec(ctx.req.headers.range ?? '');
  let start = 0;
  let end = file.size - 1;
  let status = 200;
  if (range) {
    start = Number(range[1]);
    end = range[2] ? Math.min(Number(range[2]), file.size - 1) : file.size - 1;
    if (start >= file.size || start > end) {
      res.writeHead(416, { 'Content-Range': `bytes */${file.size}` }).end();
      return;
    }
    status = 206;
  }
  file.downloadCount++;
  const headers: Record<string, string | number> = {
    'Content-Type': 'application/octet-stream',
    'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    'Content-Length': end - start + 1,
    'Accept-Ranges': 'bytes',
  };
  if (status === 206) headers['Content-Range'] = `bytes ${start}-${end}/${file.size}`;
  res.writeHead(status, headers);
  const dropAfter = faults.takeDownloadDrop();
  const corruptAt = faults.takeCorruptDownload() ? Math.floor(file.size / 2) : -1;
  let position = start;
  let sent = 0;
  const stream = createReadStream(file.diskPath, { start, end, highWaterMark: 64 * 1024 });
  stream.on('data', (chunk) => {
    let bytes = chunk as Buffer;
    if (corruptAt >= position && corruptAt < position + bytes.length) {
      bytes = Buffer.from(bytes);
      bytes[corruptAt - position] = (bytes[corruptAt - position] as number) ^ 0xff;
    }
    position += bytes.length;
    if (dropAfter !== undefined && sent + bytes.length >= dropAfter) {
      res.write(bytes.subarray(0, Math.max(0, dropAfter - sent)));
      stream.destroy();
      res.socket?.destroy();
      return;
    }
    sent += bytes.length;
    if (!res.write(bytes)) {
      stream.pause();
      res.once('drain', () => stream.resume());
    }
  });
  stream.on('end', () => res.end());
  stream.on('error', () => res.destroy());
}

function sendPage<T>(
  ctx: RequestContext,
  items: T[],
  sorts: Record<string, (item: T) => string | number>,
  defaultSort: string,
  toModel: (item: T) => unknown,
  extra: Record<string, unknown> = {},
): void {
  const page = Math.max(1, Number.parseInt(ctx.query('page') ?? '1', 10) || 1);
  const perPage = Math.min(MAX_PER_PAGE, Math.max(1, Number.parseInt(ctx.query('perPage') ?? '25', 10) || 25));
  const sortField = (ctx.query('sortField') ?? defaultSort).toLowerCase();
  const key = sorts[sortField] ?? (sorts[defaultSort] as (item: T) => string | number);
  const descending = /^desc/i.test(ctx.query('sortDirection') ?? 'asc');
  const sorted = [...items].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'nb');
    return descending ? -order : order;
  });
  const totalPages = Math.max(1, Math.ceil(sorted.length / perPage));
  sendJson(ctx.res, 200, {
    ...extra,
    items: sorted.slice((page - 1) * perPage, page * perPage).map(toModel),
    paging: { page, perPage, totalItems: sorted.length, totalPages },
    sorting: [{ sortField: sorts[sortField] ? sortField : defaultSort, sortDirection: descending ? 'desc' : 'asc' }],
  });
}

/** MOVEit masks: `*` and `?` wildcards, case-insensitive; no mask matches everything. */
function matchesMask(value: string, mask: string | undefined): boolean {
  if (!mask) return true;
  const pattern = mask
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${pattern}$`, 'i').test(value);
}

function isTrue(value: string | undefined): boolean {
  return value !== undefined && /^(true|1)$/i.test(value);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
