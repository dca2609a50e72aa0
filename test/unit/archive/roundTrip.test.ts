import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { decryptArchive, encryptArchive } from '../../../src/core/archive';
import { writeExtract } from '../../fixtures/extractGenerator';
import { sha256File, writeTextFile } from '../../helpers/files';
import { listTree, tempDir } from '../../helpers/tempDir';
import { CLI } from '../../helpers/cli';

const KEY = 'hemmelig-nøkkel-0403';

describe('encrypt → decrypt round trips', () => {
  it('round-trips a small extract and reports a correct manifest', async () => {
    const dir = await tempDir();
    const input = join(dir, 'IPLOS_0403_2025.xml');
    await writeExtract(input, { municipality: '0403', year: 2025, clients: 50, seed: 3 });
    const manifest = await encryptArchive(input, join(dir, 'out'), { key: KEY });
    assert.equal(manifest.archive.name, 'IPLOS_0403_2025.zip');
    assert.equal(manifest.parts.length, 1);
    assert.equal(manifest.parts[0]?.name, 'IPLOS_0403_2025.zip');
    assert.equal(manifest.plaintext.sha256, await sha256File(input));
    assert.equal(manifest.parts[0]?.sha256, await sha256File(join(dir, 'out', 'IPLOS_0403_2025.zip')));
    assert.deepEqual(await listTree(join(dir, 'out')), ['IPLOS_0403_2025.zip']);

    const result = await decryptArchive(join(dir, 'out', 'IPLOS_0403_2025.zip'), join(dir, 'back'), { key: KEY });
    assert.deepEqual(
      result.files.map((file) => file.name),
      ['IPLOS_0403_2025.xml'],
    );
    assert.equal(await sha256File(join(dir, 'back', 'IPLOS_0403_2025.xml')), manifest.plaintext.sha256);
    assert.deepEqual(await listTree(join(dir, 'back')), ['IPLOS_0403_2025.xml']);
  });

  it('round-trips a one-byte file and a file with an æøå name', async () => {
    const dir = await tempDir();
    const input = join(dir, 'tilbakemelding æøå ÆØÅ.txt');
    await writeFile(input, 'x');
    const manifest = await encryptArchive(input, join(dir, 'out'), { key: KEY });
    const result = await decryptArchive(join(dir, 'out', manifest.parts[0]?.name as string), join(dir, 'back'), {
      key: KEY,
    });
    assert.equal(result.files[0]?.name, 'tilbakemelding æøå ÆØÅ.txt');
    assert.equal(await sha256File(join(dir, 'back', 'tilbakemelding æøå ÆØÅ.txt')), manifest.plaintext.sha256);
  });

  it('round-trips every deflate level and incompressible data', async () => {
    const dir = await tempDir();
    const input = join(dir, 'random.bin');
    await writeFile(input, (await import('node:crypto')).randomBytes(3 * 1024 * 1024 + 17));
    for (const level of [1, 6, 9]) {
      const out = join(dir, `out${level}`);
      const manifest = await encryptArchive(input, out, { key: KEY, level });
      await decryptArchive(join(out, manifest.archive.name), join(dir, `back${level}`), { key: KEY });
      assert.equal(
        await sha256File(join(dir, `back${level}`, 'random.bin')),
        manifest.plaintext.sha256,
        `level ${level}`,
      );
    }
  });

  it('splits into numbered parts at several part sizes and reads them back from any part', async () => {
    const dir = await tempDir();
    const input = join(dir, 'extract.xml');
    await writeExtract(input, { municipality: '0301', year: 2025, clients: 4000, seed: 11 });
    const single = await encryptArchive(input, join(dir, 'single'), { key: KEY, level: 1 });
    const zipSize = single.archive.size;
    assert.ok(zipSize > 3 * 64 * 1024, `the fixture must be large enough to split (zip is ${zipSize} bytes)`);

    const cases = [
      { partSize: 64 * 1024, parts: Math.ceil(zipSize / (64 * 1024)) },
      { partSize: 100_000, parts: Math.ceil(zipSize / 100_000) },
      { partSize: zipSize - 1, parts: 2 }, // the last part holds a single byte
      { partSize: zipSize, parts: 1 }, // fits exactly: no split
    ];
    for (const { partSize, parts } of cases) {
      const out = join(dir, `split-${partSize}`);
      const manifest = await encryptArchive(input, out, { key: KEY, level: 1, maxPartSize: partSize });
      assert.equal(manifest.parts.length, parts, `part size ${partSize}`);
      assert.equal(manifest.archive.size, zipSize);
      for (const [index, part] of manifest.parts.entries()) {
        assert.equal(part.name, parts === 1 ? 'extract.zip' : `extract.zip.${String(index + 1).padStart(3, '0')}`);
        assert.ok(part.size <= partSize);
        assert.equal(part.sha256, await sha256File(join(out, part.name)));
      }
      const lastPart = manifest.parts.at(-1)?.name as string;
      await decryptArchive(join(out, lastPart), join(dir, `back-${partSize}`), { key: KEY });
      assert.equal(await sha256File(join(dir, `back-${partSize}`, 'extract.xml')), single.plaintext.sha256);
    }
  });

  it('streams: the bundled CLI round-trips a 128 MiB extract with bounded memory', async () => {
    const dir = await tempDir();
    const input = join(dir, 'big.xml');
    await writeTextFile(input, 128 * 1024 * 1024);
    const env = { ...process.env, IPLOS_KEY: 'k' };
    const peakRss = (args: string[]): number => {
      // GNU time prints the child's peak resident set (KiB) as the last stderr line.
      const child = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, CLI, ...args], { encoding: 'utf8', env });
      assert.equal(child.status, 0, child.stderr);
      return Number(child.stderr.trim().split('\n').at(-1)) * 1024;
    };
    const encryptRss = peakRss(['encrypt', input, '--out', join(dir, 'out'), '--part-size', '16']);
    const decryptRss = peakRss(['decrypt', join(dir, 'out', 'big.zip.001'), '--out', join(dir, 'back')]);
    assert.equal(await sha256File(join(dir, 'back', 'big.xml')), await sha256File(input));
    // Holding the file would cost 128 MiB on top of the ~90 MiB of node + zip.js.
    for (const [step, rss] of [
      ['encrypt', encryptRss],
      ['decrypt', decryptRss],
    ] as const) {
      assert.ok(rss < 160 * 1024 * 1024, `${step} peak RSS ${(rss / 2 ** 20).toFixed(0)} MiB`);
    }
  });
});
