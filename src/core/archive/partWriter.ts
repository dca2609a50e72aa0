import { createHash, randomBytes, type Hash } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { msg } from '../i18n';

/** Smaller parts would only multiply requests; 7-Zip itself has no lower limit. */
export const MIN_PART_SIZE = 64 * 1024;

export interface WrittenPart {
  name: string;
  size: number;
  sha256: string;
}

/**
 * Receives the zip as one byte stream and cuts it into parts of at most `maxPartSize`
 * bytes — a plain byte split that 7-Zip reads back as `x.zip.001, x.zip.002, …` once all
 * parts lie in one folder. Parts are written under temporary names and renamed by
 * `commit()` only after the whole zip was written: `x.zip` when it fits in one part,
 * numbered parts otherwise. `discard()` removes everything.
 */
export class PartWriter {
  private readonly token = randomBytes(4).toString('hex');
  private readonly parts: { temp: string; size: number; hash: Hash }[] = [];
  private handle: FileHandle | undefined;

  constructor(
    private readonly folder: string,
    private readonly archiveName: string,
    private readonly maxPartSize: number,
  ) {
    if (!Number.isSafeInteger(maxPartSize) || maxPartSize < MIN_PART_SIZE)
      throw new RangeError(msg('The part size must be at least 64 KiB.'));
  }

  stream(): WritableStream<Uint8Array> {
    return new WritableStream<Uint8Array>(
      { write: (chunk) => this.write(chunk), close: () => this.closeCurrent() },
      new ByteLengthQueuingStrategy({ highWaterMark: 1024 * 1024 }),
    );
  }

  /** Final names in order: `[x.zip]` or `[x.zip.001, x.zip.002, …]`. */
  finalNames(): string[] {
    if (this.parts.length === 1) return [this.archiveName];
    return this.parts.map((_, index) => `${this.archiveName}.${String(index + 1).padStart(3, '0')}`);
  }

  async commit(): Promise<WrittenPart[]> {
    await this.closeCurrent();
    const names = this.finalNames();
    const written: WrittenPart[] = [];
    for (const [index, part] of this.parts.entries()) {
      const name = names[index] as string;
      await rename(part.temp, join(this.folder, name));
      written.push({ name, size: part.size, sha256: part.hash.digest('hex') });
    }
    return written;
  }

  async discard(): Promise<void> {
    await this.handle?.close().catch(() => undefined);
    this.handle = undefined;
    await Promise.all(this.parts.map((part) => rm(part.temp, { force: true })));
  }

  private async write(chunk: Uint8Array): Promise<void> {
    let offset = 0;
    while (offset < chunk.length) {
      let current = this.parts.at(-1);
      if (!current || !this.handle || current.size === this.maxPartSize) {
        await this.closeCurrent();
        current = {
          temp: join(this.folder, `.${this.archiveName}.${this.parts.length + 1}.${this.token}.partial`),
          size: 0,
          hash: createHash('sha256'),
        };
        this.parts.push(current);
        this.handle = await open(current.temp, 'wx');
      }
      const take = Math.min(this.maxPartSize - current.size, chunk.length - offset);
      const slice = chunk.subarray(offset, offset + take);
      await this.handle.write(slice);
      current.hash.update(slice);
      current.size += take;
      offset += take;
    }
  }

  private async closeCurrent(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    if (handle) {
      await handle.sync();
      await handle.close();
    }
  }
}
