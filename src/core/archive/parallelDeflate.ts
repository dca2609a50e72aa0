import { availableParallelism } from 'node:os';
import { constants, deflateRaw, type ZlibOptions } from 'node:zlib';
import { promisify } from 'node:util';

const deflateRawAsync = promisify<Buffer, ZlibOptions, Buffer>(deflateRaw);

/** Deflate's window: each block is primed with the last 32 KiB of the block before it. */
const WINDOW = 32 * 1024;

export interface ParallelDeflateOptions {
  level: number;
  /** Input bytes per block; each block is one call into zlib on the libuv thread pool. */
  blockSize: number;
  /** Blocks compressed at once. */
  concurrency?: number;
}

/**
 * Raw deflate of a byte stream on several cores, the way pigz does it: the input is cut
 * into blocks, each block is compressed on its own (primed with the previous 32 KiB as
 * dictionary, so the ratio stays within a fraction of a percent of one stream) and ends
 * with a sync flush, so the outputs concatenate into one valid deflate stream. Output
 * order is input order. Memory stays at about `concurrency` × 2 blocks.
 */
export async function* parallelDeflate(
  source: AsyncIterable<Uint8Array>,
  options: ParallelDeflateOptions,
): AsyncGenerator<Buffer> {
  const concurrency = Math.max(1, options.concurrency ?? availableParallelism());
  const inFlight: Promise<Buffer>[] = [];
  let dictionary: Buffer | undefined;
  let held: Buffer | undefined;

  const start = (block: Buffer, last: boolean): void => {
    const zlibOptions: ZlibOptions = {
      level: options.level,
      finishFlush: last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH,
      ...(dictionary ? { dictionary } : {}),
    };
    inFlight.push(deflateRawAsync(block, zlibOptions));
    dictionary =
      block.length >= WINDOW
        ? block.subarray(block.length - WINDOW)
        : Buffer.concat([dictionary ?? Buffer.alloc(0), block]).subarray(-WINDOW);
  };

  for await (const block of rechunk(source, options.blockSize)) {
    // Hold one block back: only when the source ends do we know which block is last.
    if (held) start(held, false);
    held = block;
    while (inFlight.length >= concurrency) yield await (inFlight.shift() as Promise<Buffer>);
  }
  if (held) start(held, true);
  else inFlight.push(deflateRawAsync(Buffer.alloc(0), { level: options.level }));
  while (inFlight.length > 0) yield await (inFlight.shift() as Promise<Buffer>);
}

/** Re-cuts a byte stream into blocks of exactly `size` bytes (the last may be shorter). */
export async function* rechunk(source: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Buffer> {
  let parts: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of source) {
    let offset = 0;
    while (offset < chunk.length) {
      const take = Math.min(size - length, chunk.length - offset);
      parts.push(chunk.subarray(offset, offset + take));
      length += take;
      offset += take;
      if (length === size) {
        yield parts.length === 1 ? toBuffer(parts[0] as Uint8Array) : Buffer.concat(parts, length);
        parts = [];
        length = 0;
      }
    }
  }
  if (length > 0) yield Buffer.concat(parts, length);
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}
