import { openAsBlob } from 'node:fs';
import { lstat, mkdir, mkdtemp, rename, rm, utimes } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { foldersBetween } from '../paths/pathComparison';
import type { Entry, FileEntry, ZipReader } from '@zip.js/zip.js';
import { CancelledError, isCancellation } from '../abort';
import { msg } from '../i18n';
import { ArchiveError, isArchiveError } from './archiveError';
import { ExtractionGuard } from './extractionGuard';
import { openFileSink } from './fileSink';
import { legacyNameDecoder, type LegacyEncoding } from './legacyFilenames';
import { withDefaults, type ExtractionLimits } from './limits';
import { aesKeyFits, canReadNatively, extractNatively, locateData, wrongKey } from './nativeEntryReader';
import { checkEntryName, destinationInside } from './safeEntryPath';
import { resolveVolumeSet, VolumeReader, type VolumeSet } from './volumeSet';
import { zipJs } from './zipjs';

export interface DecryptOptions {
  /** The archive key (password). Not needed for unencrypted archives. */
  key?: string | Uint8Array;
  limits?: Partial<ExtractionLimits>;
  /** Replace files that already exist in the target folder (default: refuse). */
  overwrite?: boolean;
  /** Code page for entry names without the UTF-8 flag (default cp850, Windows in Norway). */
  legacyEncoding?: LegacyEncoding;
  signal?: AbortSignal;
  onProgress?: (progress: { bytesDone: number; bytesTotal: number }) => void;
}

export interface ExtractedFile {
  /** Entry name as stored in the archive (decoded). */
  name: string;
  /** Absolute path of the extracted file. */
  path: string;
  size: number;
}

export interface DecryptResult {
  files: ExtractedFile[];
  encrypted: boolean;
  volumes: number;
}

interface PlannedEntry {
  entry: FileEntry;
  segments: string[];
  relativePath: string;
}

/**
 * Extracts an AES (or ZipCrypto, or plain) zip — single file or the first part of a split
 * set — into `outDir`. Everything is checked before a byte is written (names, sizes, key),
 * written into a staging folder inside `outDir`, and moved into place only when every
 * entry has passed its integrity check; on any failure nothing is left behind.
 */
export async function decryptArchive(
  input: string,
  outDir: string,
  options: DecryptOptions = {},
): Promise<DecryptResult> {
  const limits = withDefaults(options.limits);
  const volumes = await resolveVolumeSet(input);
  const total = volumes.parts.reduce((sum, part) => sum + part.size, 0);
  if (total === 0)
    throw new ArchiveError(
      'EMPTY_INPUT',
      msg('"{0}" is empty (0 bytes): it is not an archive. Fetch it again.', input),
    );
  const password = typeof options.key === 'string' ? Buffer.from(options.key, 'utf8') : options.key;
  const volume = volumes.kind === 'spanned' ? undefined : new VolumeReader(volumes.parts);

  const reader = await openZipReader(volumes);
  try {
    const entries = await readEntries(reader, volumes, options.legacyEncoding ?? 'cp850');
    const plan = planEntries(entries, limits);
    await checkKey(plan, volume, password);
    const root = resolve(outDir);
    await mkdir(root, { recursive: true });
    if (!options.overwrite) await refuseExisting(root, plan);
    const staging = await mkdtemp(join(root, '.iplos-unpack-'));
    try {
      const guard = new ExtractionGuard(limits);
      const bytesTotal = plan.reduce((sum, item) => sum + item.entry.uncompressedSize, 0);
      const files: ExtractedFile[] = [];
      for (const item of plan) {
        options.signal?.throwIfAborted();
        const staged = destinationInside(staging, item.segments);
        await mkdir(dirname(staged), { recursive: true });
        const count = guard.forEntry(item.entry.filename, item.entry.uncompressedSize, item.entry.compressedSize);
        const onBytes = (length: number): void => {
          count(length);
          options.onProgress?.({ bytesDone: guard.bytesWritten, bytesTotal });
        };
        await extractEntry(item.entry, volume, staged, password, onBytes, options.signal);
        await utimes(staged, item.entry.lastModDate, item.entry.lastModDate).catch(() => undefined);
        files.push({
          name: item.entry.filename,
          path: destinationInside(root, item.segments),
          size: item.entry.uncompressedSize,
        });
      }
      await moveIntoPlace(staging, root, plan);
      return { files, encrypted: plan.some((item) => item.entry.encrypted), volumes: volumes.parts.length };
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  } catch (error) {
    if (isCancellation(error) && !(error instanceof CancelledError))
      throw new CancelledError(msg('Cancelled. Nothing was kept.'), { cause: error });
    throw error;
  } finally {
    await reader.close().catch(() => undefined);
  }
}

async function openZipReader(volumes: VolumeSet): Promise<ZipReader<unknown>> {
  const blobs = await Promise.all(volumes.parts.map((part) => openAsBlob(part.path)));
  const { BlobReader, ZipReader } = zipJs();
  if (volumes.kind === 'spanned') return new ZipReader(blobs.map((blob) => new BlobReader(blob)));
  return new ZipReader(new BlobReader(blobs.length === 1 ? (blobs[0] as Blob) : new Blob(blobs)));
}

async function readEntries(reader: ZipReader<unknown>, volumes: VolumeSet, encoding: LegacyEncoding): Promise<Entry[]> {
  try {
    return await reader.getEntries({ decodeText: legacyNameDecoder(encoding), filenameValidation: 'tolerant' });
  } catch (error) {
    throw await explainUnreadable(error, volumes);
  }
}

/** zip.js says "end of central directory not found" for three different user situations. */
async function explainUnreadable(error: unknown, volumes: VolumeSet): Promise<ArchiveError> {
  const first = volumes.parts[0] as VolumeSet['parts'][number];
  const head = await new VolumeReader([first]).read(0, Math.min(4, first.size)).catch(() => Buffer.alloc(0));
  const looksLikeZip = head.length === 4 && head.readUInt32LE(0) === 0x04034b50;
  const spannedStart = head.length === 4 && head.readUInt32LE(0) === 0x08074b50;
  if (volumes.kind !== 'single' && (looksLikeZip || spannedStart)) {
    return new ArchiveError(
      'MISSING_PART',
      msg(
        'The split archive has {0} part(s) but its end is missing: the last part is probably not in the folder. Put all parts together and try again.',
        volumes.parts.length,
      ),
      { cause: error },
    );
  }
  if (looksLikeZip) {
    return new ArchiveError(
      'TRUNCATED',
      msg(
        'The archive is incomplete: it starts like a zip but its end is missing (an interrupted download or copy?). Fetch it again.',
      ),
      { cause: error },
    );
  }
  return new ArchiveError(
    'NOT_A_ZIP',
    msg(
      'This file is not a zip archive. Check that you picked the file from SSB (a .zip) or the first part of a split set (.zip.001).',
    ),
    { cause: error },
  );
}

function planEntries(entries: Entry[], limits: ExtractionLimits): PlannedEntry[] {
  if (entries.length > limits.maxEntries) {
    throw new ArchiveError(
      'TOO_LARGE',
      msg(
        'The archive holds {0} entries, more than the limit of {1}. Nothing was extracted.',
        entries.length,
        limits.maxEntries,
      ),
    );
  }
  const plan: PlannedEntry[] = [];
  const seen = new Set<string>();
  let declared = 0;
  for (const entry of entries) {
    const checked = checkEntryName(entry.filename);
    if (!checked.ok)
      throw new ArchiveError(
        'UNSAFE_ENTRY',
        msg('Refused: the archive contains "{0}", and {1}. Nothing was extracted.', entry.filename, checked.reason),
      );
    if (entry.symlink)
      throw new ArchiveError(
        'UNSAFE_ENTRY',
        msg(
          'Refused: "{0}" is a symbolic link, which could point outside the target folder. Nothing was extracted.',
          entry.filename,
        ),
      );
    if (entry.directory) continue;
    // Windows and SMB shares do not tell names apart by case: `A.txt` and `a.txt` are one file there.
    const key = checked.segments.join('/').toLowerCase();
    if (seen.has(key))
      throw new ArchiveError(
        'UNSAFE_ENTRY',
        msg(
          'Refused: the archive holds "{0}" twice, so one would silently replace the other. Nothing was extracted.',
          entry.filename,
        ),
      );
    seen.add(key);
    declared += entry.uncompressedSize;
    if (declared > limits.maxTotalBytes) {
      throw new ArchiveError(
        'TOO_LARGE',
        msg(
          'The archive declares more than {0} bytes of content, the configured limit. Nothing was extracted.',
          limits.maxTotalBytes,
        ),
      );
    }
    if (
      entry.uncompressedSize > limits.ratioGraceBytes &&
      entry.uncompressedSize / Math.max(1, entry.compressedSize) > limits.maxRatio
    ) {
      throw new ArchiveError(
        'SUSPICIOUS_RATIO',
        msg(
          '"{0}" would expand more than {1} times its compressed size, which is typical of a zip bomb. Nothing was extracted.',
          entry.filename,
          limits.maxRatio,
        ),
      );
    }
    plan.push({ entry: entry as FileEntry, segments: checked.segments, relativePath: checked.segments.join(sep) });
  }
  return plan;
}

/** Tests the key on every encrypted entry before anything is written. */
async function checkKey(
  plan: PlannedEntry[],
  volume: VolumeReader | undefined,
  password: Uint8Array | undefined,
): Promise<void> {
  for (const { entry } of plan) {
    if (!entry.encrypted) continue;
    if (!password || password.length === 0)
      throw new ArchiveError('WRONG_KEY', msg('The archive is encrypted: give its key.'));
    const dataStart = volume && canReadNatively(entry) ? await locateData(volume, entry) : undefined;
    if (volume && dataStart !== undefined) {
      if (!(await aesKeyFits(volume, entry, dataStart, password))) throw wrongKey();
      continue;
    }
    try {
      await entry.getData(new WritableStream(), { rawPassword: password, checkPasswordOnly: true });
    } catch (error) {
      throw translateZipJsError(error, entry);
    }
  }
}

async function extractEntry(
  entry: FileEntry,
  volume: VolumeReader | undefined,
  destination: string,
  password: Uint8Array | undefined,
  onBytes: (length: number) => void,
  signal: AbortSignal | undefined,
): Promise<void> {
  const dataStart = volume && canReadNatively(entry) ? await locateData(volume, entry) : undefined;
  if (volume && dataStart !== undefined) {
    await extractNatively(volume, entry, dataStart, { password, destination, onBytes, ...(signal ? { signal } : {}) });
    return;
  }
  const { stream, handle } = await openFileSink(destination, (chunk) => onBytes(chunk.length));
  try {
    await entry.getData(stream, {
      ...(password ? { rawPassword: password } : {}),
      checkSignature: true,
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    throw translateZipJsError(error, entry);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

function translateZipJsError(error: unknown, entry: Entry): unknown {
  if (isArchiveError(error) || error instanceof CancelledError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/password/i.test(message)) return wrongKey();
  if (isCancellation(error)) return new CancelledError(msg('Cancelled. Nothing was kept.'), { cause: error });
  if (/compression method not supported|encryption method not supported/i.test(message)) {
    return new ArchiveError(
      'UNSUPPORTED',
      msg(
        '"{0}" uses a method this tool cannot read ({1}). Ask the sender for a standard AES-256/deflate zip.',
        entry.filename,
        message,
      ),
      { cause: error },
    );
  }
  if (/signature|authentication|crc|invalid|out of bounds|not found|unexpected end/i.test(message)) {
    return new ArchiveError(
      'CORRUPT',
      msg('"{0}" failed its integrity check: the archive is damaged ({1}). Fetch it again.', entry.filename, message),
      { cause: error },
    );
  }
  return error;
}

async function refuseExisting(root: string, plan: PlannedEntry[]): Promise<void> {
  for (const item of plan) {
    const target = destinationInside(root, item.segments);
    if (await exists(target)) {
      throw new ArchiveError(
        'OUTPUT_EXISTS',
        msg('"{0}" already exists in {1}. Choose another folder, or allow overwriting.', relative(root, target), root),
      );
    }
  }
}

/** Moves staged files into place, refusing to pass through symlinks planted in the target folder. */
async function moveIntoPlace(staging: string, root: string, plan: PlannedEntry[]): Promise<void> {
  const moved: string[] = [];
  try {
    for (const item of plan) {
      const target = destinationInside(root, item.segments);
      await assertNoSymlinkBetween(root, dirname(target));
      await mkdir(dirname(target), { recursive: true });
      await rename(destinationInside(staging, item.segments), target);
      moved.push(target);
    }
  } catch (error) {
    await Promise.all(moved.map((path) => rm(path, { force: true })));
    throw error;
  }
}

async function assertNoSymlinkBetween(root: string, folder: string): Promise<void> {
  // foldersBetween compares as the platform does (a drive root `C:\` as the target too).
  for (const current of foldersBetween(root, folder)) {
    const info = await lstat(current).catch(() => undefined);
    if (info?.isSymbolicLink()) {
      throw new ArchiveError(
        'UNSAFE_ENTRY',
        msg(
          'Refused: "{0}" in the target folder is a symbolic link; extracting through it could write outside the folder.',
          relative(root, current),
        ),
      );
    }
  }
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}
