import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { request } from 'undici';
import { HttpsClient } from '../../helpers/httpsClient';
import { tempDir } from '../../helpers/tempDir';
import type { SandboxInfo } from '../../sandbox/server';

const REPO = join(__dirname, '..', '..', '..');

/** Starts `npm run sandbox`'s script as a user would, and waits for its READY line. */
async function startCli(
  state: string,
): Promise<{ child: ChildProcessWithoutNullStreams; info: SandboxInfo; output: () => string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/sandbox/cli.ts', '--port', '0', '--state', state, '--feedback-delay', '0'],
    { cwd: REPO },
  );
  let output = '';
  child.stdout.on('data', (data: Buffer) => (output += data.toString()));
  child.stderr.on('data', (data: Buffer) => (output += data.toString()));
  const info = await new Promise<SandboxInfo>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no READY line:\n${output}`)), 30_000);
    child.stdout.on('data', () => {
      const line = output.split('\n').find((candidate) => candidate.startsWith('SANDBOX READY '));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line.slice('SANDBOX READY '.length)) as SandboxInfo);
      }
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}:\n${output}`)));
  });
  return { child, info, output: () => output };
}

async function stop(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  return exited;
}

describe('npm run sandbox', () => {
  it('prints SANDBOX READY, writes sandbox.json and a secret-free CLI configuration, serves HTTPS, and stops cleanly on SIGTERM', async () => {
    const state = await tempDir();
    const { child, info, output } = await startCli(state);
    try {
      assert.match(info.ssbUrl, /^https:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(info.ipisTestUrl, `${info.ssbUrl}/SendemodulTEST`);
      assert.equal(info.ipisProductionUrl, `${info.ssbUrl}/Sendemodul`);
      assert.equal(info.caFile, join(state, 'ca.pem'));
      assert.deepEqual(
        info.municipalities.map((m) => m.number),
        ['0403', '0301', '5001'],
      );
      assert.ok(
        info.municipalities.every(
          (m) => m.password && m.kostraPin && m.encryptionKey && m.feedbackKeys.test === '123456',
        ),
      );
      assert.deepEqual(JSON.parse(await readFile(join(state, 'sandbox.json'), 'utf8')), info);

      const configText = await readFile(join(state, 'iplos.config.json'), 'utf8');
      const config = JSON.parse(configText) as {
        environment: string;
        activeMunicipality: string;
        caFile: string;
        endpoints: { ssbUrl: string; ipisTestUrl: string };
        municipalities: { ssbUsername: string }[];
      };
      assert.equal(config.environment, 'test');
      assert.equal(config.activeMunicipality, '0403');
      assert.equal(config.caFile, info.caFile);
      assert.equal(config.endpoints.ssbUrl, info.ssbUrl);
      assert.equal(config.municipalities[0]?.ssbUsername, 'postmottak@hamar.kommune.no');
      const hamar = info.municipalities[0] as SandboxInfo['municipalities'][number];
      for (const secret of [hamar.password, hamar.kostraPin, hamar.encryptionKey, hamar.feedbackKeys.production])
        assert.ok(!configText.includes(secret), 'no secrets in the CLI configuration');

      const client = new HttpsClient(info.caFile);
      assert.equal((await client.call('GET', `${info.ssbUrl}/api/v1/info`)).status, 200);
      assert.equal((await client.call('GET', `${info.ipisTestUrl}/api/v1/status`)).status, 200);
      await client.close();
      // Without the sandbox's CA, TLS verification fails: nothing is trusted by accident.
      await assert.rejects(
        request(`${info.ssbUrl}/api/v1/info`),
        (error: Error & { code?: string; cause?: { code?: string } }) =>
          /UNABLE_TO_VERIFY|SELF_SIGNED|CERT/.test(`${error.code} ${error.cause?.code} ${error.message}`),
      );
    } finally {
      assert.equal(await stop(child), 0, output());
    }
    assert.match(output(), /sandbox stopped/);
  });

  it('keeps its CA across restarts with the same state folder, so a configured CA file stays valid', async () => {
    const state = await tempDir();
    const first = await startCli(state);
    const caBefore = await readFile(first.info.caFile, 'utf8');
    await stop(first.child);
    const second = await startCli(state);
    try {
      assert.equal(await readFile(second.info.caFile, 'utf8'), caBefore);
      const client = new HttpsClient(second.info.caFile);
      assert.equal((await client.call('GET', `${second.info.ssbUrl}/api/v1/info`)).status, 200);
      await client.close();
    } finally {
      await stop(second.child);
    }
  });

  it('rejects unknown options with exit code 2 and usage', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/sandbox/cli.ts', '--bogus'], { cwd: REPO });
    let output = '';
    child.stderr.on('data', (data: Buffer) => (output += data.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    assert.equal(code, 2);
    assert.match(output, /Usage: npm run sandbox/);
  });
});
