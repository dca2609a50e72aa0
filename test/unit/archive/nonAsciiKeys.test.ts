/**
 * Keys outside ASCII (issue 16): what 7-Zip (the real `7zz`) does with them both ways, the
 * warning the core gives, the CLI printing it (without the key), and the sandbox's demo keys
 * being plain ASCII so a demo never meets the problem.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { decryptArchive, encryptArchive, isAsciiKey, nonAsciiKeyWarning } from '../../../src/core/archive';
import { DEMO_MUNICIPALITIES } from '../../sandbox/demoData';
import { CLI } from '../../helpers/cli';
import { sevenZip } from '../../helpers/sevenZip';
import { tempDir } from '../../helpers/tempDir';

const NON_ASCII = 'hamar-nøkkel-æøå-2025';
// Every printable ASCII character a municipality might put in a key, space and quotes included.
const ASCII = 'Hamar 2025!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

describe('keys outside ASCII', () => {
  it('7-Zip opens our archive made with a non-ASCII key (UTF-8 bytes) and refuses a near miss', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'uttrekk.xml'), '<Melding/>\n');
    const manifest = await encryptArchive(join(dir, 'uttrekk.xml'), join(dir, 'out'), { key: NON_ASCII });
    const zip = join(dir, 'out', manifest.archive.name);
    sevenZip(['x', `-p${NON_ASCII}`, `-o${join(dir, 'x')}`, zip]);
    assert.equal(await readFile(join(dir, 'x', 'uttrekk.xml'), 'utf8'), '<Melding/>\n');
    assert.throws(() => sevenZip(['t', '-phamar-nokkel-aoa-2025', zip]), /Wrong password/);
  });

  it('7-Zip 26 refuses to write a zip with a non-ASCII key (so no 7-Zip zip of that kind exists to read)', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'a.txt'), 'x');
    assert.throws(
      () => sevenZip(['a', '-tzip', '-mem=AES256', `-p${NON_ASCII}`, join(dir, 'a.zip'), 'a.txt'], dir),
      /E_INVALIDARG|invalid/i,
    );
  });

  it('an ASCII key with spaces and punctuation works both ways with 7-Zip', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'feilliste.csv'), 'brukernr;feilkode\n100001;T01\n');
    sevenZip(['a', '-tzip', '-mem=AES256', `-p${ASCII}`, join(dir, 'ssb.zip'), 'feilliste.csv'], dir);
    await decryptArchive(join(dir, 'ssb.zip'), join(dir, 'ours'), { key: ASCII });
    assert.equal(await readFile(join(dir, 'ours', 'feilliste.csv'), 'utf8'), 'brukernr;feilkode\n100001;T01\n');

    const manifest = await encryptArchive(join(dir, 'feilliste.csv'), join(dir, 'enc'), { key: ASCII });
    sevenZip(['x', `-p${ASCII}`, `-o${join(dir, 'theirs')}`, join(dir, 'enc', manifest.archive.name)]);
    assert.equal(await readFile(join(dir, 'theirs', 'feilliste.csv'), 'utf8'), 'brukernr;feilkode\n100001;T01\n');
  });

  it('the core warns for a non-ASCII encryption or feedback key, never for ASCII, and never repeats the key', () => {
    assert.equal(isAsciiKey(ASCII), true);
    assert.equal(isAsciiKey(NON_ASCII), false);
    assert.equal(nonAsciiKeyWarning(ASCII, 'encryption'), undefined);
    assert.equal(nonAsciiKeyWarning('123456', 'feedback'), undefined);
    const encryption = nonAsciiKeyWarning(NON_ASCII, 'encryption') ?? '';
    const feedback = nonAsciiKeyWarning(NON_ASCII, 'feedback') ?? '';
    assert.match(encryption, /7-Zip/);
    assert.match(encryption, /A–Z/);
    assert.match(feedback, /SSB/);
    for (const text of [encryption, feedback]) assert.ok(!text.includes(NON_ASCII) && !text.includes('hamar'));
  });

  it('iplos encrypt with a non-ASCII key still encrypts and warns on stderr, without the key', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'fil.xml'), '<Melding/>\n');
    const run = (key: string) =>
      spawnSync(process.execPath, [CLI, 'encrypt', 'fil.xml', '--out', 'out', '--overwrite'], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, IPLOS_KEY: key },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    const warned = run(NON_ASCII);
    assert.equal(warned.status, 0, warned.stderr);
    assert.match(warned.stderr, /outside ASCII/);
    assert.ok(!warned.stderr.includes(NON_ASCII) && !warned.stdout.includes(NON_ASCII));
    const quiet = run(ASCII);
    assert.equal(quiet.status, 0, quiet.stderr);
    assert.doesNotMatch(quiet.stderr, /outside ASCII/);
  });

  it("the sandbox's demo keys are ASCII", () => {
    for (const municipality of DEMO_MUNICIPALITIES) {
      assert.ok(isAsciiKey(municipality.encryptionKey), `${municipality.number} encryption key`);
      assert.ok(isAsciiKey(municipality.feedbackKeys.test), `${municipality.number} test feedback key`);
      assert.ok(isAsciiKey(municipality.feedbackKeys.production), `${municipality.number} production feedback key`);
    }
  });
});
