/**
 * An archive on disk: one `.zip`, a numbered set `x.zip.001, x.zip.002, …` (a plain byte
 * split, as 7-Zip writes and reads it), or a PKZIP spanned set `x.z01, x.z02, …, x.zip`.
 */
import { open, readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { msg } from '../i18n';
import { ArchiveError } from './archiveError';

export interface VolumeSet {
  kind: 'single' | 'numbered' | 'spanned';
  parts: { path: string; size: number }[];
}

const NUMBERED = /^(.*)\.(\d{3})$/;
const SPANNED = /^(.*)\.z(\d{2,})$/i;

export async function resolveVolumeSet(input: string): Promise<VolumeSet> {
  await sizeOf(input);
  const name = basename(input);
  const folder = dirname(input);
  const numbered = NUMBERED.exec(name);
  if (numbered) return { kind: 'numbered', parts: await collectNumbered(folder, numbered[1] as string) };
  const spanned = SPANNED.exec(name);
  if (spanned) return { kind: 'spanned', parts: await collectSpanned(folder, spanned[1] as string) };
  if (/\.zip$/i.test(name)) {
    const stem = name.slice(0, -4);
    const siblings = await readdir(folder);
    if (siblings.some((file) => file.toLowerCase() === `${stem.toLowerCase()}.z01`)) {
      return { kind: 'spanned', parts: await collectSpanned(folder, stem) };
    }
  }
  return { kind: 'single', parts: [{ path: input, size: await sizeOf(input) }] };
}

async function collectNumbered(folder: string, stem: string): Promise<VolumeSet['parts']> {
  const numbers = await siblingNumbers(folder, new RegExp(`^${escape(stem)}\\.(\\d{3})$`));
  const highest = Math.max(...numbers);
  const parts: VolumeSet['parts'] = [];
  for (let n = 1; n <= highest; n++) {
    const path = join(folder, `${stem}.${String(n).padStart(3, '0')}`);
    if (!numbers.includes(n)) throw missingPart(basename(path), highest);
    parts.push({ path, size: await sizeOf(path) });
  }
  return parts;
}

async function collectSpanned(folder: string, stem: string): Promise<VolumeSet['parts']> {
  const numbers = await siblingNumbers(folder, new RegExp(`^${escape(stem)}\\.z(\\d{2,})$`, 'i'));
  const highest = Math.max(...numbers);
  const parts: VolumeSet['parts'] = [];
  const entries = await readdir(folder);
  const find = (wanted: string): string | undefined =>
    entries.find((file) => file.toLowerCase() === wanted.toLowerCase());
  for (let n = 1; n <= highest; n++) {
    const file = find(`${stem}.z${String(n).padStart(2, '0')}`);
    if (!file) throw missingPart(`${stem}.z${String(n).padStart(2, '0')}`, highest + 1);
    parts.push({ path: join(folder, file), size: await sizeOf(join(folder, file)) });
  }
  const last = find(`${stem}.zip`);
  if (!last) throw missingPart(`${stem}.zip`, highest + 1);
  parts.push({ path: join(folder, last), size: await sizeOf(join(folder, last)) });
  return parts;
}

async function siblingNumbers(folder: string, pattern: RegExp): Promise<number[]> {
  const numbers: number[] = [];
  for (const file of await readdir(folder)) {
    const match = pattern.exec(file);
    if (match) numbers.push(Number(match[1]));
  }
  return numbers;
}

function missingPart(name: string, expected: number): ArchiveError {
  return new ArchiveError(
    'MISSING_PART',
    msg(
      'Part "{0}" of the split archive is missing (the set has at least {1} parts). Put all parts in the same folder and try again.',
      name,
      expected,
    ),
  );
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    throw new ArchiveError(
      'INPUT_NOT_FOUND',
      msg('Cannot read "{0}": the file does not exist or is not accessible.', path),
      { cause: error },
    );
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Random access over the parts as if they were one file (numbered and single sets). */
export class VolumeReader {
  readonly size: number;

  constructor(private readonly parts: VolumeSet['parts']) {
    this.size = parts.reduce((sum, part) => sum + part.size, 0);
  }

  async read(position: number, length: number): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.stream(position, position + length)) chunks.push(chunk);
    const bytes = Buffer.concat(chunks);
    if (bytes.length !== length) throw truncated();
    return bytes;
  }

  /** Yields the bytes in [start, end) in chunks of at most `chunkSize`. */
  async *stream(start: number, end: number, chunkSize = 1024 * 1024): AsyncGenerator<Buffer> {
    if (end > this.size) throw truncated();
    let partStart = 0;
    for (const part of this.parts) {
      const partEnd = partStart + part.size;
      if (end > partStart && start < partEnd) {
        const handle = await open(part.path, 'r');
        try {
          let position = Math.max(start, partStart);
          const stop = Math.min(end, partEnd);
          while (position < stop) {
            const length = Math.min(chunkSize, stop - position);
            const buffer = Buffer.allocUnsafeSlow(length);
            const { bytesRead } = await handle.read(buffer, 0, length, position - partStart);
            if (bytesRead === 0) throw truncated();
            position += bytesRead;
            yield bytesRead === length ? buffer : buffer.subarray(0, bytesRead);
          }
        } finally {
          await handle.close();
        }
      }
      partStart = partEnd;
    }
  }
}

function truncated(): ArchiveError {
  return new ArchiveError(
    'TRUNCATED',
    msg('The archive ends too early: it is incomplete (an interrupted download or copy?). Fetch it again.'),
  );
}
