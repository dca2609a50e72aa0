/**
 * The streaming half of a portal download: a response body into the `.part` file, hashed
 * (SHA-1) as it goes, in bounded memory whatever the file size.
 *
 * The body arrives in TLS-record-sized pieces (at most 16 KiB, RFC 8446 §5.1), about 65 000
 * of them per GiB. A CPU profile of the earlier pipeline (body → Transform that hashed and
 * counted → fs write stream) had its time in the fs write calls and in per-piece hashing;
 * here each piece is only copied into one of a few fixed blocks, and a full block is hashed
 * in one call and written with one positional write while the next block fills. No stream
 * stage, no `Buffer.concat`, no allocation per piece; memory is BLOCK_COUNT × blockSize.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { addAbortSignal, type Readable } from 'node:stream';
import { msg } from '../i18n';
import { LocalFileError } from '../localFileError';

export interface DownloadProgress {
  bytesDone: number;
  bytesTotal: number;
}

/** 1 MiB: large enough that a write or a hash call per block costs little, small enough for frequent progress. */
export const BLOCK_SIZE = 1024 * 1024;
/** One block filling, up to two being written: the writes overlap the network without holding more. */
const BLOCK_COUNT = 3;

/**
 * Writes `body` to `partPath` from byte `start` (the bytes before it are already there, and
 * already in `hash`), updating `hash` with every byte written. Returns the file's length
 * afterwards. A file error is a LocalFileError; anything the body throws (the network, a
 * cancel) is rethrown as it is, for the caller to classify. A cancel destroys the body at
 * once (`addAbortSignal`), and so does leaving the loop by an error (the async iterator's
 * contract), so the connection is not left streaming.
 */
export async function receiveToPart(
  body: Readable,
  partPath: string,
  options: {
    start: number;
    hash: Hash;
    bytesTotal: number;
    onProgress?: (progress: DownloadProgress) => void;
    signal?: AbortSignal;
    blockSize?: number;
  },
): Promise<number> {
  const blockSize = options.blockSize ?? BLOCK_SIZE;
  if (options.signal) addAbortSignal(options.signal, body);
  // Not 'a': with O_APPEND, Linux ignores the position of a positional write.
  const handle = await open(partPath, options.start > 0 ? 'r+' : 'w').catch((error: unknown) => {
    body.destroy();
    throw localFileError(error, partPath);
  });
  const free: Buffer[] = Array.from({ length: BLOCK_COUNT }, () => Buffer.allocUnsafe(blockSize));
  const writing: { block: Buffer; done: Promise<unknown> }[] = [];
  let block = free.pop() as Buffer;
  let filled = 0;
  let position = options.start;

  /** Hashes the filled part of the block, starts its write, and takes a free block (waiting for a write if none is free). */
  const flush = async (): Promise<void> => {
    if (filled === 0) return;
    const data = block.subarray(0, filled);
    options.hash.update(data);
    // The outcome is kept (never an unhandled rejection) and looked at when the block is taken back.
    writing.push({ block, done: writeAll(handle, data, position).then(noError, (error: unknown) => error) });
    position += filled;
    filled = 0;
    options.onProgress?.({ bytesDone: position, bytesTotal: options.bytesTotal });
    if (free.length === 0) await reclaim();
    block = free.pop() as Buffer;
  };
  const reclaim = async (): Promise<void> => {
    const oldest = writing.shift();
    if (!oldest) return;
    const error = await oldest.done;
    if (error !== undefined) throw localFileError(error, partPath);
    free.push(oldest.block);
  };

  try {
    for await (const chunk of body as AsyncIterable<Uint8Array>) {
      let offset = 0;
      while (offset < chunk.length) {
        const taken = Math.min(chunk.length - offset, blockSize - filled);
        block.set(taken === chunk.length ? chunk : chunk.subarray(offset, offset + taken), filled);
        filled += taken;
        offset += taken;
        if (filled === blockSize) await flush();
      }
    }
    options.signal?.throwIfAborted();
    await flush();
    while (writing.length > 0) await reclaim();
  } catch (error) {
    if (error instanceof LocalFileError) throw error;
    // What arrived before a cut is kept, so the next attempt resumes from there with Range;
    // a write that failed meanwhile is the error to report (the file has a gap).
    while (writing.length > 0) await reclaim();
    if (filled > 0) await writeAll(handle, block.subarray(0, filled), position).catch(() => undefined);
    throw error;
  } finally {
    // Every write has settled before the file is closed, whatever happened.
    await Promise.all(writing.map((entry) => entry.done));
    await handle.close().catch(() => undefined);
  }
  return position;
}

/** A new SHA-1 over the first `length` bytes of `path` (the part a resumed download already has). */
export async function hashPrefix(path: string, length: number): Promise<Hash> {
  const hash = createHash('sha1');
  if (length === 0) return hash;
  for await (const chunk of createReadStream(path, { start: 0, end: length - 1, highWaterMark: BLOCK_SIZE }))
    hash.update(chunk as Buffer);
  return hash;
}

/** A local disk problem (no folder, no permission, disk full) — not the network's fault. */
export function localFileError(error: unknown, path: string): LocalFileError {
  if (error instanceof LocalFileError) return error;
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

/** A positional write may write less than asked (a signal, a full disk): write the rest. */
async function writeAll(handle: FileHandle, data: Buffer, position: number): Promise<void> {
  let written = 0;
  while (written < data.length) {
    const { bytesWritten } = await handle.write(data, written, data.length - written, position + written);
    if (bytesWritten === 0) throw Object.assign(new Error('no bytes written'), { code: 'EIO' });
    written += bytesWritten;
  }
}

function noError(): undefined {
  return undefined;
}
