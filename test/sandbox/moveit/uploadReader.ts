/**
 * Reads a MOVEit plain upload (`POST /folders/{Id}/files`, multipart/form-data with `file`,
 * `hashtype`, `hash`, `comments`; shared/docs/moveit-rest-api.md "Upload") straight to a file
 * in the portal's folder, hashing as the bytes go, so a 1 GiB upload never sits in memory and
 * is never cut short: the sandbox once kept at most 512 MiB and still answered 201.
 *
 * The size limit plays IIS's `maxAllowedContentLength`: the reference says files above it
 * need `Transfer-Encoding: chunked`, so a *declared* Content-Length above the limit is
 * refused (413, before the body is read) and a chunked body is not limited. The status is an
 * assumption: IIS request filtering reports 404.13, an ASP.NET limit 413; the sandbox answers
 * 413 Payload Too Large (RFC 9110 §15.5.14), which a client can tell from a missing folder.
 */
import { createHash, randomUUID, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import busboy from 'busboy';
import type { RequestContext } from '../http/router';

export interface StoredUpload {
  fileName: string;
  /** The bytes, in a file of the portal's folder (the caller keeps it or deletes it). */
  diskPath: string;
  size: number;
  sha1: string;
  /** The hash the client asked to be checked, in its algorithm (undefined when it sent none). */
  hash?: string;
  hashType: string;
  /** The same algorithm over the bytes received. */
  actualHash?: string;
  comments?: string;
}

interface ReceivedFile {
  fileName: string;
  diskPath: string;
  size: number;
  sha1: string;
  hash?: Hash;
  hashedAs?: string;
}

export type UploadOutcome = StoredUpload | { error: string; status: 400 | 413 };

/** The hash types the upload endpoint documents. */
export const UPLOAD_HASH_TYPES = ['sha-1', 'sha-256', 'sha-384', 'sha-512'];

export async function readUpload(
  ctx: RequestContext,
  folder: string,
  maxContentLength?: number,
): Promise<UploadOutcome> {
  if (!/^multipart\/form-data/i.test(ctx.req.headers['content-type'] ?? ''))
    return { error: 'Expected multipart/form-data with a "file" field.', status: 400 };
  const declared = Number(ctx.req.headers['content-length'] ?? Number.NaN);
  if (maxContentLength !== undefined && Number.isFinite(declared) && declared > maxContentLength) {
    // Read and drop the body, so the client gets to read the answer instead of a reset.
    ctx.req.resume();
    return {
      error: `The request is ${declared} bytes; this server accepts at most ${maxContentLength} (maxAllowedContentLength). Send larger files chunked.`,
      status: 413,
    };
  }

  const fields: Record<string, string> = {};
  // In a holder: TypeScript does not see the assignment in the callback and narrows a `let` to never.
  const received: { file?: ReceivedFile } = {};
  const writes: Promise<void>[] = [];
  const parser = busboy({ headers: ctx.req.headers });
  parser.on('field', (name, value) => {
    fields[name.toLowerCase()] = value;
  });
  parser.on('file', (name, stream, info) => {
    if (name.toLowerCase() !== 'file' || received.file) return void stream.resume();
    const diskPath = join(folder, `upload-${randomUUID()}`);
    const sha1 = createHash('sha1');
    // The hash the client names is computed on the way when its fields come first (they usually do).
    const wanted = (fields.hashtype ?? 'sha-1').toLowerCase();
    const other =
      wanted !== 'sha-1' && UPLOAD_HASH_TYPES.includes(wanted) ? createHash(wanted.replace('-', '')) : undefined;
    const entry: ReceivedFile = {
      fileName: info.filename ?? 'upload.bin',
      diskPath,
      size: 0,
      sha1: '',
      ...(other ? { hash: other, hashedAs: wanted } : {}),
    };
    received.file = entry;
    const count = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        entry.size += chunk.length;
        sha1.update(chunk);
        other?.update(chunk);
        done(null, chunk);
      },
    });
    const write = pipeline(stream, count, createWriteStream(diskPath)).then(() => {
      entry.sha1 = sha1.digest('hex');
    });
    // Handled here as well: it can reject before the parse does, while nothing awaits it yet.
    write.catch(() => undefined);
    writes.push(write);
  });
  const parsed = new Promise<void>((resolve, reject) => {
    parser.on('close', resolve);
    parser.on('error', reject);
  });
  // On a malformed or truncated body the pipeline, the parser and the file's write all reject: each is
  // awaited (or settled) here, so none goes unhandled — an unhandled rejection would end the sandbox.
  parsed.catch(() => undefined);
  try {
    await Promise.all([pipeline(ctx.req, parser), parsed]);
    await Promise.all(writes);
  } catch (error) {
    await Promise.allSettled(writes);
    if (received.file) await rm(received.file.diskPath, { force: true });
    return { error: `Malformed multipart body: ${(error as Error).message}`, status: 400 };
  }
  const file = received.file;
  if (!file) return { error: 'The "file" field is missing.', status: 400 };
  const hashType = (fields.hashtype ?? 'sha-1').toLowerCase();
  const stored: StoredUpload = {
    fileName: file.fileName,
    diskPath: file.diskPath,
    size: file.size,
    sha1: file.sha1,
    hashType,
    ...(fields.hash ? { hash: fields.hash } : {}),
    ...(fields.comments ? { comments: fields.comments } : {}),
  };
  if (fields.hash && UPLOAD_HASH_TYPES.includes(hashType)) {
    if (hashType === 'sha-1') stored.actualHash = file.sha1;
    else if (file.hash && file.hashedAs === hashType) stored.actualHash = file.hash.digest('hex');
    else stored.actualHash = await hashFile(file.diskPath, hashType);
  }
  return stored;
}

/** The named hash of a stored file (when `hashtype` came after the file in the form). */
async function hashFile(path: string, hashType: string): Promise<string> {
  const hash = createHash(hashType.replace('-', ''));
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
