import assert from 'node:assert/strict';
import { mkdir, readFile, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CancelledError } from '../../../src/core/abort';
import { decryptArchive, encryptArchive, type ArchiveErrorCode } from '../../../src/core/archive';
import { writeExtract } from '../../fixtures/extractGenerator';
import { flipByte } from '../../helpers/files';
import { sevenZip } from '../../helpers/sevenZip';
import { listTree, tempDir } from '../../helpers/tempDir';
import { Uint8ArrayReader, ZipReader } from '@zip.js/zip.js';
import { buildZip, writeSpannedZip, writeZip } from '../../helpers/zipFixtures';

const KEY = '123456';

/** Asserts the promise fails with `code` (a cancel: the core's CancelledError) and that `folder` holds nothing afterwards. */
async function rejectsLeavingNothing(
  promise: Promise<unknown>,
  code: ArchiveErrorCode | 'cancelled',
  folder: string,
  message?: RegExp,
): Promise<void> {
  await assert.rejects(promise, (error: Error & { code?: string }) => {
    assert.equal(error.code, code, `expected ${code}, got ${error.code}: ${error.message}`);
    if (code === 'cancelled') assert.ok(error instanceof CancelledError, `a CancelledError, not ${error.name}`);
    if (message) assert.match(error.message, message);
    return true;
  });
  assert.deepEqual(await listTree(folder), [], `nothing may be left in ${folder}`);
}

async function ourArchive(dir: string, options: { clients?: number; maxPartSize?: number } = {}): Promise<string[]> {
  const input = join(dir, 'uttrekk.xml');
  await writeExtract(input, { municipality: '0403', year: 2025, clients: options.clients ?? 300, seed: 9 });
  const manifest = await encryptArchive(input, join(dir, 'zip'), {
    key: KEY,
    ...(options.maxPartSize ? { maxPartSize: options.maxPartSize } : {}),
  });
  return manifest.parts.map((part) => join(dir, 'zip', part.name));
}

describe('encrypt: bad input', () => {
  it('refuses an empty extract', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'tom.xml'), '');
    await rejectsLeavingNothing(
      encryptArchive(join(dir, 'tom.xml'), join(dir, 'out'), { key: KEY }),
      'EMPTY_INPUT',
      join(dir, 'out'),
      /empty/,
    );
  });

  it('reports a missing extract', async () => {
    const dir = await tempDir();
    await rejectsLeavingNothing(
      encryptArchive(join(dir, 'finnes-ikke.xml'), join(dir, 'out'), { key: KEY }),
      'INPUT_NOT_FOUND',
      join(dir, 'out'),
    );
  });

  it('refuses an empty key', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'a.xml'), '<Melding/>');
    await rejectsLeavingNothing(
      encryptArchive(join(dir, 'a.xml'), join(dir, 'out'), { key: '' }),
      'WRONG_KEY',
      join(dir, 'out'),
    );
  });

  it('refuses to mix with an earlier archive, and --overwrite removes its stale parts', async () => {
    const dir = await tempDir();
    const parts = await ourArchive(dir, { clients: 3000, maxPartSize: 64 * 1024 });
    assert.ok(parts.length >= 3);
    const input = join(dir, 'uttrekk.xml');
    await assert.rejects(encryptArchive(input, join(dir, 'zip'), { key: KEY }), { code: 'OUTPUT_EXISTS' });
    const again = await encryptArchive(input, join(dir, 'zip'), { key: KEY, overwrite: true });
    assert.deepEqual(await listTree(join(dir, 'zip')), [again.archive.name], 'only the new single archive remains');
  });

  it('cancels cleanly: no archive and no partial files', async () => {
    const dir = await tempDir();
    const input = join(dir, 'uttrekk.xml');
    await writeExtract(input, { municipality: '0403', year: 2025, targetBytes: 24 * 1024 * 1024 });
    const controller = new AbortController();
    const run = encryptArchive(input, join(dir, 'out'), {
      key: KEY,
      maxPartSize: 1024 * 1024,
      signal: controller.signal,
      onProgress: ({ bytesDone }) => {
        if (bytesDone > 4 * 1024 * 1024) controller.abort();
      },
    });
    await rejectsLeavingNothing(run, 'cancelled', join(dir, 'out'), /^Cancelled\. No archive was written\.$/);
  });
});

describe('decrypt: bad input', () => {
  it('wrong key: a clear error before anything is written', async () => {
    const dir = await tempDir();
    const [zip] = await ourArchive(dir);
    await rejectsLeavingNothing(
      decryptArchive(zip as string, join(dir, 'out'), { key: '654321' }),
      'WRONG_KEY',
      join(dir, 'out'),
      /Wrong key.*123456/,
    );
  });

  it('no key for an encrypted archive', async () => {
    const dir = await tempDir();
    const [zip] = await ourArchive(dir);
    await rejectsLeavingNothing(
      decryptArchive(zip as string, join(dir, 'out'), {}),
      'WRONG_KEY',
      join(dir, 'out'),
      /key/,
    );
  });

  it('truncated archive (interrupted download)', async () => {
    const dir = await tempDir();
    const [zip] = await ourArchive(dir);
    const size = (await readFile(zip as string)).length;
    await truncate(zip as string, Math.floor(size / 2));
    await rejectsLeavingNothing(
      decryptArchive(zip as string, join(dir, 'out'), { key: KEY }),
      'TRUNCATED',
      join(dir, 'out'),
      /incomplete/,
    );
  });

  it('one corrupted byte in the encrypted data fails the integrity check and leaves no file', async () => {
    const dir = await tempDir();
    const [zip] = await ourArchive(dir, { clients: 2000 });
    const bytes = await readFile(zip as string);
    flipByte(bytes, Math.floor(bytes.length / 2));
    await writeFile(zip as string, bytes);
    await rejectsLeavingNothing(
      decryptArchive(zip as string, join(dir, 'out'), { key: KEY }),
      'CORRUPT',
      join(dir, 'out'),
    );
  });

  it('a changed authentication code (the last 10 bytes of the entry) is caught by the MAC check', async () => {
    const dir = await tempDir();
    const [zip] = await ourArchive(dir);
    const bytes = await readFile(zip as string);
    const [entry] = await new ZipReader(new Uint8ArrayReader(bytes)).getEntries();
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const dataStart =
      (entry?.offset as number) +
      30 +
      view.getUint16((entry?.offset as number) + 26, true) +
      view.getUint16((entry?.offset as number) + 28, true);
    flipByte(bytes, dataStart + (entry?.compressedSize as number) - 1, 0x80);
    await writeFile(zip as string, bytes);
    await rejectsLeavingNothing(
      decryptArchive(zip as string, join(dir, 'out'), { key: KEY }),
      'CORRUPT',
      join(dir, 'out'),
      /authentication code/,
    );
  });

  it('a corrupted byte in an unencrypted stored entry fails the CRC-32 check', async () => {
    const dir = await tempDir();
    const content = 'brukernr;feilkode\n'.repeat(2000);
    const bytes = await buildZip([{ name: 'feilliste.csv', content, options: { level: 0 } }]);
    flipByte(bytes, 30 + 'feilliste.csv'.length + 1000, 0x04);
    const zip = join(dir, 'crc.zip');
    await writeFile(zip, bytes);
    await rejectsLeavingNothing(decryptArchive(zip, join(dir, 'out'), {}), 'CORRUPT', join(dir, 'out'), /CRC-32/);
  });

  it('not a zip, and an empty file', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'brev.pdf'), '%PDF-1.4 this is not a zip at all');
    await rejectsLeavingNothing(
      decryptArchive(join(dir, 'brev.pdf'), join(dir, 'out'), { key: KEY }),
      'NOT_A_ZIP',
      join(dir, 'out'),
      /not a zip/,
    );
    await writeFile(join(dir, 'tom.zip'), '');
    await rejectsLeavingNothing(
      decryptArchive(join(dir, 'tom.zip'), join(dir, 'out'), { key: KEY }),
      'EMPTY_INPUT',
      join(dir, 'out'),
    );
  });

  const hostileNames = [
    '../utenfor.txt',
    'mappe/../../utenfor.txt',
    'mappe\\..\\..\\utenfor.txt',
    '/etc/utenfor.txt',
    '\\\\server\\share\\utenfor.txt',
    'C:\\Windows\\utenfor.txt',
    'C:utenfor.txt',
    'CON',
    'mappe/aux.csv',
    'LPT1.txt',
    'nul.',
    'fil.txt:skjult',
    'fil\u0000.txt',
  ];
  for (const name of hostileNames) {
    it(`refuses the entry name ${JSON.stringify(name)} and writes nothing anywhere`, async () => {
      const dir = await tempDir();
      const zip = join(dir, 'fiendtlig.zip');
      await writeZip(
        zip,
        [
          { name: 'ok.txt', content: 'ok' },
          { name, content: 'fiendtlig' },
        ],
        { password: KEY },
      );
      const target = join(dir, 'a', 'b', 'out');
      await rejectsLeavingNothing(decryptArchive(zip, target, { key: KEY }), 'UNSAFE_ENTRY', target);
      assert.deepEqual(await listTree(dir), ['fiendtlig.zip'], 'nothing written outside the target either');
    });
  }

  it('refuses symbolic link entries', async () => {
    const dir = await tempDir();
    const zip = join(dir, 'lenke.zip');
    await writeZip(zip, [{ name: 'lenke', content: '/etc/passwd', options: { unixMode: 0o120777 } }]);
    await rejectsLeavingNothing(
      decryptArchive(zip, join(dir, 'out'), { key: KEY }),
      'UNSAFE_ENTRY',
      join(dir, 'out'),
      /symbolic link/,
    );
  });

  it('refuses to extract through a symbolic link planted in the target folder', async () => {
    const dir = await tempDir();
    const outside = join(dir, 'utenfor');
    await mkdir(outside);
    const target = join(dir, 'out');
    await mkdir(target);
    await symlink(outside, join(target, 'mappe'));
    const zip = join(dir, 'a.zip');
    await writeZip(zip, [{ name: 'mappe/fil.txt', content: 'x' }], { password: KEY });
    await assert.rejects(decryptArchive(zip, target, { key: KEY }), { code: 'UNSAFE_ENTRY' });
    assert.deepEqual(await listTree(outside), [], 'nothing reached the folder the link points to');
    assert.deepEqual(await listTree(target), ['mappe'], 'only the planted link remains');
  });

  it('refuses two entries with the same name (one would replace the other)', async () => {
    const dir = await tempDir();
    const zip = join(dir, 'dobbel.zip');
    await writeZip(zip, [
      { name: 'feilliste.csv', content: 'a' },
      { name: 'FEILLISTE.csv', content: 'b' },
    ]);
    await rejectsLeavingNothing(decryptArchive(zip, join(dir, 'out'), {}), 'UNSAFE_ENTRY', join(dir, 'out'), /twice/);
  });

  it('zip bomb: refuses an entry whose declared ratio is too high', async () => {
    const dir = await tempDir();
    const zip = join(dir, 'bombe.zip');
    await writeZip(zip, [{ name: 'nuller.bin', content: new Uint8Array(20 * 1024 * 1024) }], { password: KEY });
    await rejectsLeavingNothing(
      decryptArchive(zip, join(dir, 'out'), { key: KEY }),
      'SUSPICIOUS_RATIO',
      join(dir, 'out'),
      /zip bomb/,
    );
  });

  it('zip bomb: a header that lies about the size is caught while writing, and nothing is kept', async () => {
    const dir = await tempDir();
    const bytes = await buildZip([{ name: 'nuller.bin', content: new Uint8Array(3 * 1024 * 1024) }]);
    patchCentralDirectoryUncompressedSize(bytes, 1000);
    const zip = join(dir, 'loegn.zip');
    await writeFile(zip, bytes);
    await rejectsLeavingNothing(
      decryptArchive(zip, join(dir, 'out'), {}),
      'CORRUPT',
      join(dir, 'out'),
      /beyond the size its header declares/,
    );
  });

  it('caps the total size and the number of entries (configurable)', async () => {
    const dir = await tempDir();
    const zip = join(dir, 'mange.zip');
    await writeZip(
      zip,
      [1, 2, 3].map((n) => ({ name: `fil${n}.txt`, content: 'x'.repeat(5000) })),
      { password: KEY },
    );
    await rejectsLeavingNothing(
      decryptArchive(zip, join(dir, 'out'), { key: KEY, limits: { maxTotalBytes: 12_000 } }),
      'TOO_LARGE',
      join(dir, 'out'),
    );
    await rejectsLeavingNothing(
      decryptArchive(zip, join(dir, 'out'), { key: KEY, limits: { maxEntries: 2 } }),
      'TOO_LARGE',
      join(dir, 'out'),
      /3 entries/,
    );
    const ok = await decryptArchive(zip, join(dir, 'out'), {
      key: KEY,
      limits: { maxTotalBytes: 15_000, maxEntries: 3 },
    });
    assert.equal(ok.files.length, 3);
  });

  it('a missing part in the middle or at the end of a numbered split set', async () => {
    const dir = await tempDir();
    const parts = await ourArchive(dir, { clients: 3000, maxPartSize: 64 * 1024 });
    assert.ok(parts.length >= 3);
    await rm(parts[1] as string);
    await rejectsLeavingNothing(
      decryptArchive(parts[0] as string, join(dir, 'out'), { key: KEY }),
      'MISSING_PART',
      join(dir, 'out'),
      /uttrekk\.zip\.002/,
    );

    const dir2 = await tempDir();
    const parts2 = await ourArchive(dir2, { clients: 3000, maxPartSize: 64 * 1024 });
    await rm(parts2.at(-1) as string);
    await rejectsLeavingNothing(
      decryptArchive(parts2[0] as string, join(dir2, 'out'), { key: KEY }),
      'MISSING_PART',
      join(dir2, 'out'),
      /last part/,
    );
  });

  it('a missing disk of a PKZIP spanned set', async () => {
    const dir = await tempDir();
    const content = Array.from({ length: 40_000 }, (_, i) => `<Bruker brukerNr="${i}"/>`).join('\n');
    const names = await writeSpannedZip(join(dir, 'spent'), [{ name: 'uttrekk.xml', content }], 128 * 1024, {
      password: KEY,
      level: 0,
    });
    await rm(names[1] as string);
    await rejectsLeavingNothing(
      decryptArchive(join(dir, 'spent.zip'), join(dir, 'out'), { key: KEY }),
      'MISSING_PART',
      join(dir, 'out'),
      /spent\.z02/,
    );
  });

  it('refuses to overwrite existing files unless asked, and leaves them untouched', async () => {
    const dir = await tempDir();
    const [zip] = await ourArchive(dir);
    await mkdir(join(dir, 'out'));
    await writeFile(join(dir, 'out', 'uttrekk.xml'), 'mitt eget arbeid');
    await assert.rejects(decryptArchive(zip as string, join(dir, 'out'), { key: KEY }), { code: 'OUTPUT_EXISTS' });
    assert.equal(await readFile(join(dir, 'out', 'uttrekk.xml'), 'utf8'), 'mitt eget arbeid');
    assert.deepEqual(await listTree(join(dir, 'out')), ['uttrekk.xml']);
    await decryptArchive(zip as string, join(dir, 'out'), { key: KEY, overwrite: true });
    assert.notEqual(await readFile(join(dir, 'out', 'uttrekk.xml'), 'utf8'), 'mitt eget arbeid');
  });

  it('an unsupported compression method (LZMA) gets a clear error', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'a.txt'), 'lzma '.repeat(1000));
    sevenZip(['a', '-tzip', '-mm=LZMA', '-mem=AES256', `-p${KEY}`, join(dir, 'lzma.zip'), 'a.txt'], dir);
    await rejectsLeavingNothing(
      decryptArchive(join(dir, 'lzma.zip'), join(dir, 'out'), { key: KEY }),
      'UNSUPPORTED',
      join(dir, 'out'),
      /cannot read/,
    );
  });

  it('cancels cleanly during extraction', async () => {
    const dir = await tempDir();
    const input = join(dir, 'stor.xml');
    await writeExtract(input, { municipality: '0403', year: 2025, targetBytes: 32 * 1024 * 1024 });
    const manifest = await encryptArchive(input, join(dir, 'zip'), { key: KEY });
    const controller = new AbortController();
    const run = decryptArchive(join(dir, 'zip', manifest.archive.name), join(dir, 'out'), {
      key: KEY,
      signal: controller.signal,
      onProgress: ({ bytesDone }) => {
        if (bytesDone > 2 * 1024 * 1024) controller.abort();
      },
    });
    await rejectsLeavingNothing(run, 'cancelled', join(dir, 'out'), /^Cancelled\. Nothing was kept\.$/);
  });
});

/** Rewrites the uncompressed size of the first central directory record (a lying header). */
function patchCentralDirectoryUncompressedSize(bytes: Uint8Array, size: number): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let offset = bytes.length - 22; offset >= 0; offset--) {
    if (view.getUint32(offset, true) === 0x06054b50) {
      const centralDirectory = view.getUint32(offset + 16, true);
      assert.equal(view.getUint32(centralDirectory, true), 0x02014b50);
      view.setUint32(centralDirectory + 24, size, true);
      return;
    }
  }
  throw new Error('no end of central directory record');
}
