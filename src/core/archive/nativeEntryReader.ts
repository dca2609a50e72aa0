/**
 * The fast read path: WinZip-AES (or unencrypted) entries that are stored or deflated are
 * decrypted with OpenSSL and inflated with node:zlib on the thread pool, overlapping the
 * two, instead of zip.js's WASM/JS AES. Anything else goes through zip.js.
 */
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw, crc32 } from 'node:zlib';
import { createWriteStream } from 'node:fs';
import type { Entry } from '@zip.js/zip.js';
import { CancelledError, isCancellation } from '../abort';
import { msg } from '../i18n';
import { ArchiveError } from './archiveError';
import type { VolumeReader } from './volumeSet';
import {
  AES_MAC_LENGTH,
  AES_VERIFIER_LENGTH,
  WinZipAesStream,
  deriveAesKeys,
  macMatches,
  saltLengthOf,
  type AesStrength,
} from './winzipAes';

const LOCAL_HEADER_SIGNATURE = 0x04034b50;
const LOCAL_HEADER_LENGTH = 30;

export function canReadNatively(entry: Entry): boolean {
  if (entry.zipCrypto) return false;
  if (entry.encrypted && !entry.extraFieldAES) return false;
  return entry.compressionMethod === 0 || entry.compressionMethod === 8;
}

/** Offset of the entry's data, or undefined when the local header is not where the central directory says. */
export async function locateData(volume: VolumeReader, entry: Entry): Promise<number | undefined> {
  if (entry.offset + LOCAL_HEADER_LENGTH > volume.size) return undefined;
  const header = await volume.read(entry.offset, LOCAL_HEADER_LENGTH);
  if (header.readUInt32LE(0) !== LOCAL_HEADER_SIGNATURE) return undefined;
  return entry.offset + LOCAL_HEADER_LENGTH + header.readUInt16LE(26) + header.readUInt16LE(28);
}

interface AesLayout {
  strength: AesStrength;
  salt: Buffer;
  verifier: Buffer;
  cipherStart: number;
  cipherLength: number;
}

async function aesLayout(volume: VolumeReader, entry: Entry, dataStart: number): Promise<AesLayout> {
  const strength = entry.extraFieldAES?.strength as AesStrength;
  if (strength !== 1 && strength !== 2 && strength !== 3) {
    throw new ArchiveError(
      'UNSUPPORTED',
      msg('"{0}" uses an unknown AES strength ({1}).', entry.filename, String(strength)),
    );
  }
  const saltLength = saltLengthOf(strength);
  const overhead = saltLength + AES_VERIFIER_LENGTH + AES_MAC_LENGTH;
  if (entry.compressedSize < overhead)
    throw new ArchiveError(
      'CORRUPT',
      msg('"{0}" is too short to be an AES entry: the archive is damaged.', entry.filename),
    );
  const head = await volume.read(dataStart, saltLength + AES_VERIFIER_LENGTH);
  return {
    strength,
    salt: head.subarray(0, saltLength),
    verifier: head.subarray(saltLength),
    cipherStart: dataStart + saltLength + AES_VERIFIER_LENGTH,
    cipherLength: entry.compressedSize - overhead,
  };
}

/** True when the key opens this AES entry (2-byte verifier; a 1-in-65 536 false match is caught by the MAC later). */
export async function aesKeyFits(
  volume: VolumeReader,
  entry: Entry,
  dataStart: number,
  password: Uint8Array,
): Promise<boolean> {
  const layout = await aesLayout(volume, entry, dataStart);
  return deriveAesKeys(password, layout.salt, layout.strength).verifier.equals(layout.verifier);
}

export interface NativeReadOptions {
  password: Uint8Array | undefined;
  destination: string;
  onBytes: (length: number) => void;
  signal?: AbortSignal;
}

export async function extractNatively(
  volume: VolumeReader,
  entry: Entry,
  dataStart: number,
  options: NativeReadOptions,
): Promise<void> {
  let aes: WinZipAesStream | undefined;
  let start = dataStart;
  let length = entry.compressedSize;
  let macPosition = 0;
  if (entry.encrypted) {
    if (!options.password) throw new ArchiveError('WRONG_KEY', msg('The archive is encrypted: a key is needed.'));
    const layout = await aesLayout(volume, entry, dataStart);
    const keys = deriveAesKeys(options.password, layout.salt, layout.strength);
    if (!keys.verifier.equals(layout.verifier)) throw wrongKey();
    aes = new WinZipAesStream(keys, 'decrypt');
    start = layout.cipherStart;
    length = layout.cipherLength;
    macPosition = start + length;
  }
  // AE-2 stores CRC 0 and relies on the MAC; everything else carries a real CRC-32.
  const checkCrc = !(entry.extraFieldAES?.vendorVersion === 2);
  let crc = 0;
  let size = 0;

  // Few chunks in flight: every extra megabyte of fresh memory costs page faults. Stored data
  // takes larger chunks: per chunk it pays the stream's bookkeeping and two OpenSSL calls.
  const readChunk = entry.compressionMethod === 0 ? 1024 * 1024 : 256 * 1024;
  const stages: (NodeJS.ReadableStream | NodeJS.WritableStream | Transform)[] = [
    Readable.from(volume.stream(start, start + length, readChunk), { highWaterMark: 2 }),
  ];
  if (aes) {
    const cipher = aes;
    stages.push(
      new Transform({ transform: (chunk: Buffer, _enc, done: TransformCallback) => done(null, cipher.update(chunk)) }),
    );
  }
  if (entry.compressionMethod === 8) stages.push(createInflateRaw({ chunkSize: 256 * 1024 }));
  stages.push(
    new Transform({
      transform(chunk: Buffer, _enc, done: TransformCallback) {
        try {
          options.onBytes(chunk.length);
          size += chunk.length;
          if (checkCrc) crc = crc32(chunk, crc);
          done(null, chunk);
        } catch (error) {
          done(error as Error);
        }
      },
    }),
  );
  stages.push(createWriteStream(options.destination, { flags: 'wx', highWaterMark: 1024 * 1024 }));
  try {
    await (pipeline as (...args: unknown[]) => Promise<void>)(
      ...stages,
      options.signal ? { signal: options.signal } : {},
    );
    if (aes) {
      const stored = await volume.read(macPosition, AES_MAC_LENGTH);
      if (!macMatches(stored, aes.authenticationCode())) throw failedMac(entry);
    }
  } catch (error) {
    throw translate(error, entry);
  }
  checkSizeAndCrc(entry, size, checkCrc, crc);
}

function failedMac(entry: Entry): ArchiveError {
  return new ArchiveError(
    'CORRUPT',
    msg(
      '"{0}" failed its integrity check (AES authentication code): the archive is damaged or was altered. Fetch it again.',
      entry.filename,
    ),
  );
}

function checkSizeAndCrc(entry: Entry, size: number, checkCrc: boolean, crc: number): void {
  if (size !== entry.uncompressedSize) {
    throw new ArchiveError(
      'CORRUPT',
      msg(
        '"{0}" has {1} bytes, its header says {2}: the archive is damaged.',
        entry.filename,
        size,
        entry.uncompressedSize,
      ),
    );
  }
  if (checkCrc && crc >>> 0 !== (entry.signature ?? 0) >>> 0) {
    throw new ArchiveError(
      'CORRUPT',
      msg('"{0}" failed its CRC-32 check: the archive is damaged. Fetch it again.', entry.filename),
    );
  }
}

export function wrongKey(): ArchiveError {
  return new ArchiveError(
    'WRONG_KEY',
    msg(
      "Wrong key: the archive cannot be opened with it. Check the key (test files from SSB use 123456; production files have the municipality's own key).",
    ),
  );
}

function translate(error: unknown, entry: Entry): unknown {
  if (error instanceof ArchiveError || error instanceof CancelledError) return error;
  const code = (error as { code?: string }).code;
  if (isCancellation(error)) return new CancelledError(msg('Cancelled. Nothing was kept.'), { cause: error });
  if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR' || code === 'ERR_ZLIB_INFLATE') {
    return new ArchiveError(
      'CORRUPT',
      msg(
        '"{0}" cannot be decompressed: the archive is damaged (or the key is wrong). Fetch it again.',
        entry.filename,
      ),
      { cause: error },
    );
  }
  return error;
}
