import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { it } from 'node:test';
import { CLI } from '../../helpers/cli';
import { sevenZip } from '../../helpers/sevenZip';
import { tempDir } from '../../helpers/tempDir';

// On a real terminal (a pty from util-linux `script`) the CLI asks for the key without echo.
it('asks for the key on a terminal without echoing it', async () => {
  const dir = await tempDir();
  await writeFile(join(dir, 'uttrekk.xml'), '<Melding/>');
  const key = 'Tast-Inn-7788';
  const command = `${process.execPath} ${CLI} encrypt ${join(dir, 'uttrekk.xml')} --out ${join(dir, 'out')}`;
  const { IPLOS_KEY: _unset, ...env } = process.env;
  const child = spawn('script', ['-qec', command, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let screen = '';
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no prompt; screen: ${screen}`)), 20_000);
    child.stdout.on('data', (data: Buffer) => {
      screen += data.toString();
      if (screen.includes('Encryption key: ')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  child.stdin.write(`${key}\r`);
  assert.equal(await exited, 0, screen);
  assert.match(screen, /Encrypted uttrekk\.xml/);
  assert.ok(!screen.includes(key), 'the key was not echoed');
  assert.match(sevenZip(['t', `-p${key}`, join(dir, 'out', 'uttrekk.zip')]), /Everything is Ok/);
});
