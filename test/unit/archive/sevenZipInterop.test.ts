import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { decryptArchive, encryptArchive } from '../../../src/core/archive';
import { writeExtract } from '../../fixtures/extractGenerator';
import { sha256File } from '../../helpers/files';
import { sevenZip } from '../../helpers/sevenZip';
import { listTree, tempDir } from '../../helpers/tempDir';
import { encodeLegacyName, writeSpannedZip, writeZip } from '../../helpers/zipFixtures';

const KEY = '123456';

describe('interop with real 7-Zip (7zz)', () => {
  it('7-Zip tests and extracts our single archive, byte-identical, and sees AES-256 deflate', async () => {
    const dir = await tempDir();
    const input = join(dir, 'IPLOS_0403_2025.xml');
    await writeExtract(input, { municipality: '0403', year: 2025, clients: 2000, seed: 5 });
    const manifest = await encryptArchive(input, join(dir, 'out'), { key: KEY });
    const zip = join(dir, 'out', manifest.archive.name);
    const listing = sevenZip(['l', '-slt', `-p${KEY}`, zip]);
    assert.match(listing, /Method = AES-256 Deflate/);
    assert.match(listing, /Path = IPLOS_0403_2025\.xml/);
    sevenZip(['t', `-p${KEY}`, zip]);
    sevenZip(['x', `-p${KEY}`, `-o${join(dir, 'x')}`, zip]);
    assert.equal(await sha256File(join(dir, 'x', 'IPLOS_0403_2025.xml')), manifest.plaintext.sha256);
  });

  it('7-Zip extracts our split sets once all parts lie in one folder', async () => {
    const dir = await tempDir();
    const input = join(dir, 'extract æøå.xml');
    await writeExtract(input, { municipality: '0403', year: 2025, clients: 15000, seed: 6 });
    for (const partSize of [64 * 1024, 200 * 1024]) {
      const out = join(dir, `parts-${partSize}`);
      const manifest = await encryptArchive(input, out, { key: KEY, maxPartSize: partSize });
      assert.ok(manifest.parts.length >= 3, `expected a real split, got ${manifest.parts.length} part(s)`);
      const output = sevenZip([
        'x',
        `-p${KEY}`,
        `-o${join(dir, `x-${partSize}`)}`,
        join(out, manifest.parts[0]?.name as string),
      ]);
      assert.match(output, new RegExp(`Volumes = ${manifest.parts.length}`));
      assert.equal(await sha256File(join(dir, `x-${partSize}`, 'extract æøå.xml')), manifest.plaintext.sha256);
    }
  });

  it('7-Zip rejects our archive with a wrong key (it really is encrypted)', async () => {
    const dir = await tempDir();
    const input = join(dir, 'a.xml');
    await writeExtract(input, { municipality: '0403', year: 2025, clients: 10 });
    const manifest = await encryptArchive(input, join(dir, 'out'), { key: KEY });
    assert.throws(() => sevenZip(['t', '-pwrong', join(dir, 'out', manifest.archive.name)]), /Wrong password/);
  });

  it('reads 7-Zip AES-256 zips with several entries, folders, an empty file and æøå names', async () => {
    const dir = await tempDir();
    const source = join(dir, 'src');
    await mkdir(join(source, 'tilbakemelding', 'kontrolltabeller'), { recursive: true });
    const files: Record<string, string> = {
      'tilbakemelding/feilliste æøå ÆØÅ.csv': 'brukernr;feilkode\n100001;T01\n',
      'tilbakemelding/kontrolltabeller/tjenester per måned.csv': 'måned;antall\njanuar;12\n',
      'tilbakemelding/tom.txt': '',
      'les meg.txt': 'Tilbakemelding fra SSB',
    };
    for (const [name, text] of Object.entries(files)) await writeFile(join(source, name), text);
    for (const method of ['AES256', 'AES192', 'AES128']) {
      const zip = join(dir, `ssb-${method}.zip`);
      sevenZip(['a', '-tzip', `-mem=${method}`, `-p${KEY}`, zip, '.'], source);
      const out = join(dir, `out-${method}`);
      const result = await decryptArchive(zip, out, { key: KEY });
      assert.equal(result.encrypted, true);
      assert.deepEqual(
        result.files.map((file) => file.name.replaceAll('\\', '/')).sort(),
        Object.keys(files).sort(),
        method,
      );
      for (const [name, text] of Object.entries(files))
        assert.equal(await readFile(join(out, name), 'utf8'), text, `${method} ${name}`);
      assert.ok(!(await listTree(out)).some((name) => name.includes('.iplos-unpack')), 'no staging folder left');
    }
  });

  it('reads a legacy ZipCrypto zip made by 7-Zip, and rejects a wrong key for it', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'feilliste.csv'), 'brukernr;feilkode\n100002;T07\n');
    const zip = join(dir, 'legacy.zip');
    sevenZip(['a', '-tzip', `-p${KEY}`, zip, 'feilliste.csv'], dir); // 7-Zip's zip default is ZipCrypto
    assert.match(sevenZip(['l', '-slt', `-p${KEY}`, zip]), /Method = ZipCrypto/);
    await decryptArchive(zip, join(dir, 'out'), { key: KEY });
    assert.equal(await readFile(join(dir, 'out', 'feilliste.csv'), 'utf8'), 'brukernr;feilkode\n100002;T07\n');
    await assert.rejects(decryptArchive(zip, join(dir, 'wrong'), { key: 'feil' }), { code: 'WRONG_KEY' });
    assert.deepEqual(await listTree(join(dir, 'wrong')), []);
  });

  it('decodes Windows code page names (CP850 by default, CP437 on request)', async () => {
    const dir = await tempDir();
    const name = 'feilliste æøå ÆØÅ.csv';
    await writeZip(join(dir, 'cp850.zip'), [{ name, content: 'x' }], {
      password: KEY,
      useUnicodeFileNames: false,
      encodeText: (text) => encodeLegacyName(text, 'cp850'),
    });
    const cp850 = await decryptArchive(join(dir, 'cp850.zip'), join(dir, 'out850'), { key: KEY });
    assert.equal(cp850.files[0]?.name, name);
    assert.deepEqual(await listTree(join(dir, 'out850')), [name]);

    const cp437Name = 'tabell æå ÆÅ.csv';
    await writeZip(join(dir, 'cp437.zip'), [{ name: cp437Name, content: 'y' }], {
      password: KEY,
      useUnicodeFileNames: false,
      encodeText: (text) => encodeLegacyName(text, 'cp437'),
    });
    const cp437 = await decryptArchive(join(dir, 'cp437.zip'), join(dir, 'out437'), {
      key: KEY,
      legacyEncoding: 'cp437',
    });
    assert.equal(cp437.files[0]?.name, cp437Name);
  });

  it('reads Zip64 archives (forced Zip64 records) through the native path, and 7-Zip agrees', async () => {
    const dir = await tempDir();
    const content = 'Zip64 '.repeat(100_000);
    const zip = join(dir, 'zip64.zip');
    await writeZip(zip, [{ name: 'stor.xml', content }], { password: KEY, zip64: true });
    assert.match(sevenZip(['l', '-slt', `-p${KEY}`, zip]), /Characteristics = .*Zip64/);
    await decryptArchive(zip, join(dir, 'out'), { key: KEY });
    assert.equal(await readFile(join(dir, 'out', 'stor.xml'), 'utf8'), content);
  });

  it('reads a PKZIP spanned set (.z01 … .zip) given any of its parts', async () => {
    const dir = await tempDir();
    const content = Array.from({ length: 40_000 }, (_, i) => `<Bruker brukerNr="${i}"/>`).join('\n');
    const names = await writeSpannedZip(join(dir, 'spent'), [{ name: 'uttrekk.xml', content }], 128 * 1024, {
      password: KEY,
      level: 0,
    });
    assert.ok(names.length >= 3, `expected several disks, got ${names.length}`);
    assert.match(sevenZip(['t', `-p${KEY}`, join(dir, 'spent.zip')]), /Everything is Ok/);
    for (const first of [names[0] as string, names.at(-1) as string]) {
      const out = join(dir, `out-${names.indexOf(first)}`);
      await decryptArchive(first, out, { key: KEY });
      assert.equal(await readFile(join(out, 'uttrekk.xml'), 'utf8'), content);
    }
  });
});
