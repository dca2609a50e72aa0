import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { SeededRandom } from '../fixtures/random';

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Deterministic, moderately compressible text (like an extract) of an exact size. */
export async function writeTextFile(path: string, size: number, seed = 7): Promise<void> {
  const random = new SeededRandom(seed);
  const words = [
    'Bruker',
    'Tjeneste',
    'tjenesteType',
    'fraDato',
    'tilDato',
    'æøå',
    'ÆØÅ',
    '2025-01-01',
    'timerPerUke',
    '<',
    '/>',
    '\n',
  ];
  const parts: string[] = [];
  let length = 0;
  while (length < size) {
    const word = `${random.pick(words)}${random.int(0, 999)} `;
    parts.push(word);
    length += Buffer.byteLength(word);
  }
  await writeFile(path, Buffer.from(parts.join('')).subarray(0, size));
}

/** Flips bits of one byte in place (simulated corruption). */
export function flipByte(bytes: Uint8Array, index: number, mask = 0x01): void {
  bytes[index] = (bytes[index] as number) ^ mask;
}
