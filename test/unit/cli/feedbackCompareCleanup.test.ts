/**
 * `iplos feedback compare` on zips leaves no decrypted folder (personal data) beside them: not
 * when it is ended by SIGTERM while it waits at the key prompt (a real terminal: a pty from
 * util-linux `script`), and a folder a killed compare left long ago is swept at the next start.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { it } from 'node:test';
import { CLI } from '../../helpers/cli';
import { runCliInProcess } from '../../helpers/cliInProcess';
import { csv } from '../../sandbox/ssb/feedbackFiles';
import { encryptFeedback } from '../../sandbox/ssb/processing';
import { tempDir } from '../../helpers/tempDir';

const FILES = [
  {
    name: 'feilliste.csv',
    content: Buffer.from(
      csv([
        ['Brukernr', 'Feilkode', 'Melding'],
        ['1', 'T01', 'Ukjent tjenestetype'],
      ]),
    ),
  },
];

async function zips(): Promise<{ dir: string; testZip: string; productionZip: string }> {
  const dir = await tempDir();
  const testZip = join(dir, '040300_iplos_2025_test.zip');
  const productionZip = join(dir, '040300_iplos_2025.zip');
  await writeFile(testZip, await encryptFeedback(FILES, '123456'));
  await writeFile(productionZip, await encryptFeedback(FILES, 'hemmelig-nokkel-9'));
  return { dir, testZip, productionZip };
}

it("SIGTERM at the key prompt: the earlier side's decrypted folder is removed", async () => {
  const { dir, testZip, productionZip } = await zips();
  const pidFile = join(dir, 'cli.pid');
  // The test zip is decrypted first (SSB's test key); the production zip then asks for its key.
  const command = `echo $$ > ${pidFile}; exec ${process.execPath} ${CLI} feedback compare ${testZip} ${productionZip}`;
  const { IPLOS_FEEDBACK_KEY: _unset, ...env } = process.env;
  const child = spawn('script', ['-qec', command, '/dev/null'], {
    env: { ...env, XDG_STATE_HOME: join(dir, 'state') },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let screen = '';
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no prompt; screen: ${screen}`)), 20_000);
    child.stdout.on('data', (data: Buffer) => {
      screen += data.toString();
      if (screen.includes('Feedback key: ')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  const waiting = (await readdir(dir)).filter((name) => name.startsWith('.iplos-compare-'));
  assert.equal(waiting.length, 1, 'the test zip is decrypted while the prompt waits');
  process.kill(Number((await readFile(pidFile, 'utf8')).trim()), 'SIGTERM');
  await exited;
  assert.deepEqual(
    (await readdir(dir)).filter((name) => name.startsWith('.iplos-compare-')),
    [],
    'no decrypted folder left',
  );
});

it('a stale .iplos-compare-* folder beside the zip is swept at start; a fresh one is left alone', async () => {
  const { dir, testZip } = await zips();
  const stale = join(dir, '.iplos-compare-stale');
  const fresh = join(dir, '.iplos-compare-fresh');
  await mkdir(stale);
  await writeFile(join(stale, 'feilliste.csv'), 'personal data');
  await mkdir(fresh);
  const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
  await utimes(stale, twoHoursAgo, twoHoursAgo);
  const run = await runCliInProcess(['feedback', 'compare', testZip, testZip, '--json'], {
    XDG_STATE_HOME: join(dir, 'state'),
  });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(
    (await readdir(dir)).filter((name) => name.startsWith('.iplos-compare-')),
    ['.iplos-compare-fresh'],
  );
});
