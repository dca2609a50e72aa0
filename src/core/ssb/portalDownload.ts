/**
 * The streaming half of a portal download: a response body into the `.part` file, hashed
 * (SHA-1) as it goes, in bounded memory whatever the file size.
 *
 * The body arrives in TLS-record-sized pieces (at most 16 KiB, RFC 8446 §5.1), 65 536 per
 * GiB. A CPU profile of the earlier pipeline (body → a Transform that hashed and counted →
 * an fs write stream; `npm run bench:network -- --cpu-prof`) had its main-thread time in the
 * write stream's `writeBuffers` and in SHA-1 `update`; here each piece is only copied into
 * one of a few fixed blocks, and a full block is hashed in one call and written with one
 * positional write while the next block fills. No stream stage, no `Buffer.concat`, no
 * allocation per piece; memory is BLOCK_COUNT × blockSize.
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
 * cancel) is rethrown as it is, for the caller to classify. On any error the body is
 * destroyed (a cancel does that at once, through `addAbortSignal`), so the connection is
 * not left streaming, and every write has settled and the file is closed before the
 * promise settles.
 *
 * The body is read through `data` events, not an async iterator: a flowing stream hands
 * each piece straight from the HTTP parser to the handler, without a `read()` and a
 * promise per piece (the profile's stream machinery, next to the copy itself).
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
  const writing = new Set<Promise<void>>();
  let position = options.start;
  try {
    await new Promise<void>((resolve, reject) => {
      /** The block being filled; none while every block is being written (the body is paused then). */
      let block: Buffer | undefined = free.pop();
      let filled = 0;
      /** The rest of a piece that arrived when no block was free. */
      let held: Buffer | undefined;
      let ended = false;
      let failure: unknown;
      let settled = false;

      const finishIfDone = (): void => {
        if (settled || !ended || held) return;
        if (filled > 0 && failure === undefined) flush(); // the last, partial block
        if (writing.size > 0) return;
        settled = true;
        body.off('data', take);
        failure ??= options.signal?.aborted ? options.signal.reason : undefined;
        if (failure === undefined) resolve();
        else reject(failure);
      };
      /** Hashes the filled part of the block and starts its write; takes the next free block, if any. */
      const flush = (): void => {
        const written = block as Buffer;
        const data = written.subarray(0, filled);
        options.hash.update(data);
        const write: Promise<void> = writeAll(handle, data, position).then(
          () => {
            writing.delete(write);
            free.push(written);
            refill();
            finishIfDone();
          },
          (error: unknown) => {
            writing.delete(write);
            if (!(failure instanceof LocalFileError)) failure = localFileError(error, partPath);
            stop();
          },
        );
        writing.add(write);
        position += filled;
        filled = 0;
        options.onProgress?.({ bytesDone: position, bytesTotal: options.bytesTotal });
        block = free.pop();
      };
      const take = (chunk: Buffer): void => {
        let offset = 0;
        while (offset < chunk.length) {
          if (!block) {
            held = chunk.subarray(offset);
            body.pause(); // resumed when a write finishes and frees a block
            return;
          }
          const taken = Math.min(chunk.length - offset, blockSize - filled);
          block.set(taken === chunk.length ? chunk : chunk.subarray(offset, offset + taken), filled);
          filled += taken;
          offset += taken;
          if (filled === blockSize) flush();
        }
      };
      const refill = (): void => {
        if (block || settled || failure !== undefined) return;
        block = free.pop();
        const rest = held;
        held = undefined;
        if (rest) take(rest);
        if (!held && !ended) body.resume();
      };
      /** After a failure: no more data; what is being written settles first. */
      const stop = (): void => {
        held = undefined;
        ended = true;
        body.destroy();
        finishIfDone();
      };

      body.on('data', take);
      body.once('end', () => {
        ended = true;
        finishIfDone();
      });
      body.on('error', (error: unknown) => {
        if (settled || ended) return;
        failure ??= error;
        // What arrived before a cut is kept (written after the blocks before it), so the next
        // attempt resumes from there with Range.
        if (filled > 0 && block) flush();
        stop();
      });
    });
  } finally {
    // Every write has settled before the file is closed, whatever happened.
    await Promise.all(writing);
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
