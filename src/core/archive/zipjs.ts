/**
 * zip.js settings for Node, applied once before any use (see shared/docs/zip-aes.md):
 * no web workers (Node 20 has none; zip.js would silently run in-process anyway) and
 * zip.js's own inflate instead of CompressionStream on its (rare) read path.
 */
import type * as ZipJs from '@zip.js/zip.js';
import { ReadableStream as NodeReadableStream } from 'node:stream/web';

let loaded: typeof ZipJs | undefined;

/** zip.js, loaded and configured on first use (it takes ~15 ms to load; the extension's activation does not need it). */
export function zipJs(): typeof ZipJs {
  if (!loaded) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require('@zip.js/zip.js') as typeof ZipJs;
    loaded.configure({ useWebWorkers: false, useCompressionStream: false, chunkSize: 512 * 1024 });
  }
  return loaded;
}

/** An async iterable of bytes as the web ReadableStream zip.js reads (Node's `ReadableStream.from`). */
export function toWebStream(source: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  return NodeReadableStream.from(source) as unknown as ReadableStream<Uint8Array>;
}
