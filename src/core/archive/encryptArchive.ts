import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { CancelledError, isCancellation } from '../abort';
import { msg } from '../i18n';
import { ArchiveError } from './archiveError';
import { parallelDeflate } from './parallelDeflate';
import { PartWriter, type WrittenPart } from './partWriter';
import { WinZipAesStream, deriveAesKeys, newSalt } from './winzipAes';
import { toWebStream, zipJs } from './zipjs';

export interface EncryptOptions {
  /** The encryption key (password) of the municipality. */
  key: string | Uint8Array;
  /** Largest part in bytes; a larger zip is split into `.zip.001, .zip.002, …`. Default: no split. */
  maxPartSize?: number;
  /** Archive file name (default: the input's name with `.zip` instead of its extension). */
  archiveName?: string;
  /** Deflate level 1–9 (default 6). */
  level?: number;
  /** Replace an earlier archive of the same name, including stale parts (default: refuse). */
  overwrite?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: { bytesDone: number; bytesTotal: number }) => void;
}

export interface EncryptManifest {
  plaintext: { name: string; size: number; sha256: string };
  archive: { name: string; size: number; encryption: 'AES-256'; format: 'WinZip AE-2'; compression: 'deflate' };
  /** One entry when not split; otherwise the numbered parts in order. */
  parts: WrittenPart[];
  createdAt: string;
}

export const DEFAULT_LEVEL = 6;
const BLOCK_SIZE = 1024 * 1024;
const NUMBERED_PART = /\.\d{3}$/;

/**
 * Extract file → AES-256 zip (WinZip AE-2, deflate, UTF-8 name), split into parts when it
 * exceeds `maxPartSize`. The hot path is native: deflate runs on all cores (pigz-style
 * blocks on the libuv pool) and AES-CTR + HMAC-SHA1 on OpenSSL; zip.js writes the zip
 * container around the already-encrypted bytes (`passThrough`), including Zip64.
 */
export async function encryptArchive(input: string, outDir: string, options: EncryptOptions): Promise<EncryptManifest> {
  const source = resolve(input);
  const info = await stat(source).catch((error: unknown) => {
    throw new ArchiveError(
      'INPUT_NOT_FOUND',
      msg('Cannot read "{0}": the file does not exist or is not accessible.', input),
      { cause: error },
    );
  });
  if (!info.isFile()) throw new ArchiveError('INPUT_NOT_FOUND', msg('"{0}" is not a file.', input));
  if (info.size === 0)
    throw new ArchiveError(
      'EMPTY_INPUT',
      msg('"{0}" is empty (0 bytes). Run the extract from the EPJ again; an empty file cannot be sent.', input),
    );
  const password = typeof options.key === 'string' ? Buffer.from(options.key, 'utf8') : Buffer.from(options.key);
  if (password.length === 0)
    throw new ArchiveError('WRONG_KEY', msg("The encryption key is empty. Set the municipality's encryption key."));

  const entryName = basename(source);
  const archiveName = options.archiveName ?? `${basename(source, extname(source))}.zip`;
  const folder = resolve(outDir);
  await mkdir(folder, { recursive: true });
  const previous = await previousOutputs(folder, archiveName);
  if (previous.length > 0 && !options.overwrite) {
    throw new ArchiveError(
      'OUTPUT_EXISTS',
      msg(
        '"{0}" already exists in {1}. Remove it, choose another folder, or allow overwriting.',
        String(previous[0]),
        folder,
      ),
    );
  }

  const parts = new PartWriter(folder, archiveName, options.maxPartSize ?? Number.MAX_SAFE_INTEGER);
  const plaintextHash = createHash('sha256');
  try {
    const salt = newSalt(3);
    const keys = deriveAesKeys(password, salt, 3);
    const aes = new WinZipAesStream(keys, 'encrypt');
    let bytesDone = 0;
    const reportProgress = options.onProgress;
    async function* plaintext(): AsyncGenerator<Buffer> {
      for await (const chunk of createReadStream(source, {
        highWaterMark: BLOCK_SIZE,
        ...(options.signal ? { signal: options.signal } : {}),
      })) {
        const bytes = chunk as Buffer;
        plaintextHash.update(bytes);
        bytesDone += bytes.length;
        reportProgress?.({ bytesDone, bytesTotal: info.size });
        yield bytes;
      }
    }
    async function* entryData(): AsyncGenerator<Buffer> {
      yield Buffer.concat([salt, keys.verifier]);
      for await (const block of parallelDeflate(plaintext(), {
        level: options.level ?? DEFAULT_LEVEL,
        blockSize: BLOCK_SIZE,
      })) {
        yield aes.update(block);
      }
      yield aes.authenticationCode();
    }
    const writer = new (zipJs().ZipWriter)(parts.stream());
    await writer.add(entryName, toWebStream(entryData()), {
      passThrough: true,
      encrypted: true,
      encryptionStrength: 3,
      compressionMethod: 8,
      uncompressedSize: info.size,
      lastModDate: info.mtime,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    await writer.close();
    if (bytesDone !== info.size)
      throw new ArchiveError(
        'CORRUPT',
        msg(
          '"{0}" changed size while it was being read. Wait until the EPJ has finished writing it, then try again.',
          input,
        ),
      );
    if (options.overwrite) await Promise.all(previous.map((name) => rm(join(folder, name), { force: true })));
    const written = await parts.commit();
    return {
      plaintext: { name: entryName, size: info.size, sha256: plaintextHash.digest('hex') },
      archive: {
        name: archiveName,
        size: written.reduce((sum, part) => sum + part.size, 0),
        encryption: 'AES-256',
        format: 'WinZip AE-2',
        compression: 'deflate',
      },
      parts: written,
      createdAt: new Date().toISOString(),
    };
  } catch (error) {
    await parts.discard();
    if (options.signal?.aborted || isCancellation(error))
      throw new CancelledError(msg('Cancelled. No archive was written.'), { cause: error });
    throw error;
  }
}

/** `x.zip` and every `x.zip.NNN` already in the folder: all of them would mix with a new set. */
async function previousOutputs(folder: string, archiveName: string): Promise<string[]> {
  const names = await readdir(folder);
  return names.filter(
    (name) => name === archiveName || (name.startsWith(`${archiveName}.`) && NUMBERED_PART.test(name)),
  );
}
