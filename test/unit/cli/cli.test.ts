import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { writeExtract } from '../../fixtures/extractGenerator';
import { CLI } from '../../helpers/cli';
import { sha256File } from '../../helpers/files';
import { listTree, tempDir } from '../../helpers/tempDir';

const SECRET = 'Sv4rt-Hemmelig-42';

function iplos(
  args: string[],
  env: Record<string, string> = {},
): { status: number | null; stdout: string; stderr: string } {
  const { IPLOS_KEY: _ignored, ...base } = process.env;
  return spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...base, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe('iplos CLI (bundled dist/cli.js)', () => {
  it('documents itself: overview and per-command help exit 0, no command exits 2', () => {
    const help = iplos(['--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /encrypt/);
    assert.match(help.stdout, /decrypt/);
    const encryptHelp = iplos(['encrypt', '--help']);
    assert.equal(encryptHelp.status, 0);
    assert.match(encryptHelp.stdout, /--part-size <MiB>/);
    assert.match(encryptHelp.stdout, /IPLOS_KEY/);
    assert.match(iplos(['decrypt', '--help']).stdout, /--max-ratio/);
    assert.equal(iplos([]).status, 2);
  });

  it('usage errors exit 2 with one clear message', () => {
    const unknown = iplos(['krypter']);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown command "krypter"/);
    const noOut = iplos(['encrypt', 'fil.xml'], { IPLOS_KEY: SECRET });
    assert.equal(noOut.status, 2);
    assert.match(noOut.stderr, /missing --out/);
    const tinyParts = iplos(['encrypt', 'fil.xml', '--out', 'x', '--part-size', '0.01'], { IPLOS_KEY: SECRET });
    assert.equal(tinyParts.status, 2);
    assert.match(tinyParts.stderr, /at least 0.0625 MiB/);
    const badOption = iplos(['encrypt', 'fil.xml', '--out', 'x', '--fast'], { IPLOS_KEY: SECRET });
    assert.equal(badOption.status, 2);
    assert.match(badOption.stderr, /--fast/);
  });

  it('never takes the key as an argument', () => {
    for (const args of [
      ['encrypt', 'f.xml', '--out', 'x', '--key', SECRET],
      ['decrypt', 'f.zip', '--out', 'x', `--key=${SECRET}`],
      ['decrypt', 'f.zip', '--password', SECRET],
    ]) {
      const result = iplos(args);
      assert.equal(result.status, 2, args.join(' '));
      assert.match(result.stderr, /not accepted: a secret on the command line/);
      assert.ok(!result.stderr.includes(SECRET) && !result.stdout.includes(SECRET), 'the secret is not echoed');
    }
  });

  it('without a key file, variable or terminal it says where a key can come from', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'a.xml'), '<Melding/>');
    const result = iplos(['encrypt', join(dir, 'a.xml'), '--out', join(dir, 'out')]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /--key-file <path> or set IPLOS_KEY/);
  });

  it('encrypts with the key from IPLOS_KEY, prints the manifest with --json, and decrypts with --key-file', async () => {
    const dir = await tempDir();
    const input = join(dir, 'IPLOS_0403_2025.xml');
    await writeExtract(input, { municipality: '0403', year: 2025, clients: 3000, seed: 2 });
    const encrypted = iplos(['encrypt', input, '--out', join(dir, 'out'), '--part-size', '0.0625', '--json'], {
      IPLOS_KEY: SECRET,
    });
    assert.equal(encrypted.status, 0, encrypted.stderr);
    const manifest = JSON.parse(encrypted.stdout) as {
      plaintext: { sha256: string; size: number };
      parts: { name: string; size: number; sha256: string }[];
    };
    assert.equal(manifest.plaintext.sha256, await sha256File(input));
    assert.ok(manifest.parts.length > 1);
    assert.deepEqual(
      manifest.parts.map((part) => part.name),
      await listTree(join(dir, 'out')),
    );

    await writeFile(join(dir, 'key.txt'), `${SECRET}\n`);
    const decrypted = iplos([
      'decrypt',
      join(dir, 'out', 'IPLOS_0403_2025.zip.001'),
      '--out',
      join(dir, 'back'),
      '--key-file',
      join(dir, 'key.txt'),
    ]);
    assert.equal(decrypted.status, 0, decrypted.stderr);
    assert.match(decrypted.stdout, /Extracted 1 file\(s\)/);
    assert.equal(await sha256File(join(dir, 'back', 'IPLOS_0403_2025.xml')), manifest.plaintext.sha256);
    for (const output of [encrypted.stdout, encrypted.stderr, decrypted.stdout, decrypted.stderr])
      assert.ok(!output.includes(SECRET));
  });

  it('a failed operation exits 1 with one line on stderr and no secret in it', async () => {
    const dir = await tempDir();
    const input = join(dir, 'a.xml');
    await writeExtract(input, { municipality: '0403', year: 2025, clients: 5 });
    assert.equal(iplos(['encrypt', input, '--out', join(dir, 'out')], { IPLOS_KEY: SECRET }).status, 0);
    const wrong = iplos(['decrypt', join(dir, 'out', 'a.zip'), '--out', join(dir, 'back')], {
      IPLOS_KEY: `${SECRET}x`,
    });
    assert.equal(wrong.status, 1);
    assert.equal(wrong.stderr.trim().split('\n').length, 1);
    assert.match(wrong.stderr, /^iplos decrypt: Wrong key/);
    assert.ok(!wrong.stderr.includes(SECRET));
    const missing = iplos(['decrypt', join(dir, 'nope.zip'), '--out', join(dir, 'back')], { IPLOS_KEY: SECRET });
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /does not exist/);
  });
});
