/**
 * Builds zips that no well-behaved tool would write (hostile names, symlinks, lying
 * headers, legacy code pages) with zip.js, in memory — they are small by design.
 */
import { writeFile } from 'node:fs/promises';
import {
  SplitDataWriter,
  Uint8ArrayReader,
  Uint8ArrayWriter,
  ZipWriter,
  type ZipWriterAddDataOptions,
} from '@zip.js/zip.js';
import { zipJs } from '../../src/core/archive/zipjs';

export interface FixtureEntry {
  name: string;
  content?: string | Uint8Array;
  options?: ZipWriterAddDataOptions;
}

export async function buildZip(
  entries: FixtureEntry[],
  options: ConstructorParameters<typeof ZipWriter>[1] = {},
): Promise<Uint8Array> {
  zipJs(); // configured as the archive core configures it
  const writer = new ZipWriter(new Uint8ArrayWriter(), options);
  for (const entry of entries) {
    const content = typeof entry.content === 'string' ? new TextEncoder().encode(entry.content) : entry.content;
    await writer.add(entry.name, content === undefined ? undefined : new Uint8ArrayReader(content), entry.options);
  }
  return writer.close();
}

export async function writeZip(
  path: string,
  entries: FixtureEntry[],
  options: ConstructorParameters<typeof ZipWriter>[1] = {},
): Promise<void> {
  await writeFile(path, await buildZip(entries, options));
}

/** A PKZIP spanned set (`.z01, .z02, …, .zip`) as WinZip/zip.js write it. */
export async function writeSpannedZip(
  stem: string,
  entries: FixtureEntry[],
  partSize: number,
  options: ConstructorParameters<typeof ZipWriter>[1] = {},
): Promise<string[]> {
  zipJs(); // configured as the archive core configures it
  const chunks: Uint8ArrayWriter[] = [];
  async function* disks(): AsyncGenerator<{ writable: WritableStream<Uint8Array> } | Uint8ArrayWriter, boolean> {
    while (true) {
      const disk = new Uint8ArrayWriter();
      chunks.push(disk);
      yield disk;
    }
  }
  const writer = new ZipWriter(new SplitDataWriter(disks(), partSize), options);
  for (const entry of entries) {
    const content = typeof entry.content === 'string' ? new TextEncoder().encode(entry.content) : entry.content;
    await writer.add(entry.name, content === undefined ? undefined : new Uint8ArrayReader(content), entry.options);
  }
  await writer.close();
  const parts = await Promise.all(chunks.map((chunk) => chunk.getData()));
  const used = parts.filter((part) => part.length > 0);
  const names = used.map((_, index) =>
    index === used.length - 1 ? `${stem}.zip` : `${stem}.z${String(index + 1).padStart(2, '0')}`,
  );
  await Promise.all(used.map((part, index) => writeFile(names[index] as string, part)));
  return names;
}

const CP850_NORWEGIAN: Record<string, number> = { æ: 0x91, Æ: 0x92, å: 0x86, Å: 0x8f, ø: 0x9b, Ø: 0x9d };
const CP437_NORWEGIAN: Record<string, number> = { æ: 0x91, Æ: 0x92, å: 0x86, Å: 0x8f };

/** Encodes a name the way a Windows PC with that OEM code page writes it (no UTF-8 flag). */
export function encodeLegacyName(text: string, page: 'cp850' | 'cp437'): Uint8Array {
  const table = page === 'cp850' ? CP850_NORWEGIAN : CP437_NORWEGIAN;
  return Uint8Array.from(
    [...text].map((character) => {
      const code = table[character] ?? character.charCodeAt(0);
      if (code > 0xff || (code >= 0x80 && table[character] === undefined))
        throw new Error(`${character} is not in ${page}`);
      return code;
    }),
  );
}
