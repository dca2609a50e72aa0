/**
 * A WritableStream onto a file that awaits every write and queues by bytes, not by
 * chunk count: `Writable.toWeb(createWriteStream())` lets zip.js run ahead without bound
 * in Node 20 (shared/docs/zip-aes.md, pitfall 1).
 */
import { open, type FileHandle } from 'node:fs/promises';

export async function openFileSink(
  path: string,
  beforeWrite?: (chunk: Uint8Array) => void,
): Promise<{ stream: WritableStream<Uint8Array>; handle: FileHandle }> {
  const handle = await open(path, 'wx');
  const stream = new WritableStream<Uint8Array>(
    {
      async write(chunk) {
        beforeWrite?.(chunk);
        await handle.write(chunk);
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: 1024 * 1024 }),
  );
  return { stream, handle };
}
