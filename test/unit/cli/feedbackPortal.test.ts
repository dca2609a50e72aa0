/**
 * `iplos feedback` and `iplos check` (the bundled dist/cli.js) against a portal that does not
 * answer as documented (sandbox faults): an HTML login page, a null hash, a folder mask that
 * matches several folders, an ignored sort field, /info needing a token; and `feedback wait`
 * counting only frassb's new files.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { runCliProcess, type CliRun } from '../../helpers/cli';
import type { DemoMunicipality } from '../../sandbox/demoData';
import { startSandbox, writeSandboxFiles, type Sandbox } from '../../sandbox/server';

describe('iplos feedback / check against a portal that answers unexpectedly', () => {
  let sandbox: Sandbox;
  let hamar: DemoMunicipality;
  let state: string;
  let env: Record<string, string>;
  let frassbId: number;
  let tilssbId: number;

  before(async () => {
    state = await mkdtemp(join(tmpdir(), 'iplos-cli-portal-'));
    sandbox = await startSandbox({ port: 0, stateDir: join(state, 'sandbox') });
    await writeSandboxFiles(sandbox.info);
    hamar = sandbox.info.municipalities[0] as DemoMunicipality;
    frassbId = sandbox.portal.folderByPath(`/Home/Ekstern/iplos/${hamar.username}/frassb`)?.id as number;
    tilssbId = sandbox.portal.folderByPath(`/Home/Ekstern/iplos/${hamar.username}/tilssb`)?.id as number;
    const stamps: [string, string][] = [
      ['b_middle.zip', '2025-03-02T09:00:00'],
      ['a_newest.zip', '2025-03-10T08:00:00'],
      ['c_oldest.zip', '2025-01-15T23:59:59'],
    ];
    for (const [name, stamp] of stamps) {
      const file = await sandbox.portal.addFile(frassbId, name, Buffer.from(name), {
        username: 'frassb',
        fullName: 'SSB',
      });
      file.uploadStamp = stamp;
    }
    const { IPLOS_SSB_PASSWORD: _a, IPLOS_FEEDBACK_KEY: _b, ...clean } = process.env as Record<string, string>;
    env = {
      ...clean,
      IPLOS_CONFIG: join(sandbox.info.stateDir, 'iplos.config.json'),
      XDG_STATE_HOME: join(state, 'xdg'),
      IPLOS_SSB_PASSWORD: hamar.password,
      IPLOS_FEEDBACK_KEY: hamar.feedbackKeys.test,
    };
  });
  beforeEach(() => sandbox.faults.clear());
  after(async () => {
    await sandbox.stop();
    await rm(state, { recursive: true, force: true });
  });

  const iplos = (args: string[]): Promise<CliRun> => runCliProcess(args, env);

  it('an HTML login page with status 200: exit 1, one line naming the status and content type and what to check', async () => {
    for (const path of ['/api/v1/folders$', `/api/v1/folders/${frassbId}/files`]) {
      sandbox.faults.set({ htmlPage: [{ path }] });
      const result = await iplos(['feedback', 'list']);
      assert.equal(result.status, 1, result.stdout + result.stderr);
      assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
      assert.match(
        result.stderr,
        /^iplos feedback: SSB's portal gave an answer that is not what its API documents \(HTTP 200, text\/html/,
      );
      assert.match(result.stderr, /proxy or login page/);
      assert.doesNotMatch(result.stderr, /TypeError|reading 'items'/);
    }
  });

  it('a folder mask matching several folders: the exact frassb is used; files newest first although the sort field is ignored', async () => {
    sandbox.faults.set({ folderMaskMatchesSeveral: { perPage: 1 }, ignoreFileSort: true });
    const result = await iplos(['feedback', 'list', '--json']);
    assert.equal(result.status, 0, result.stderr);
    const files = JSON.parse(result.stdout) as { name: string; folderID: number }[];
    assert.deepEqual(
      files.map((file) => file.name),
      ['a_newest.zip', 'b_middle.zip', 'c_oldest.zip'],
    );
    assert.ok(files.every((file) => file.folderID === frassbId));
  });

  it('feedback download --latest with hash: null: exit 1, "no checksum", nothing downloaded', async () => {
    sandbox.faults.set({ nullHash: true, ignoreFileSort: true });
    const out = join(state, 'out-null-hash');
    const result = await iplos(['feedback', 'download', '--latest', '--out', out]);
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.match(result.stderr, /no checksum \(SHA-1\) for "a_newest\.zip"/);
    assert.deepEqual(await readdir(out).catch(() => []), []);
  });

  it('feedback wait counts only new files in frassb: a new file in tilssb is not feedback', async () => {
    for (const file of sandbox.portal.filesIn(frassbId)) file.isNew = false;
    const stray = await sandbox.portal.addFile(tilssbId, 'kvittering.txt', Buffer.from('x'), {
      username: hamar.username,
      fullName: 'Hamar',
    });
    const waited = await iplos(['feedback', 'wait', '--timeout', '1', '--interval', '1']);
    assert.equal(waited.status, 1, waited.stdout + waited.stderr);
    assert.match(waited.stderr, /no new feedback/);
    const fresh = await sandbox.portal.addFile(frassbId, '040300_iplos_2025_test.zip', Buffer.from('z'), {
      username: 'frassb',
      fullName: 'SSB',
    });
    const found = await iplos(['feedback', 'wait', '--timeout', '5', '--interval', '1', '--json']);
    assert.equal(found.status, 0, found.stderr);
    assert.deepEqual(
      (JSON.parse(found.stdout) as { id: string }[]).map((file) => file.id),
      [fresh.id],
    );
    await sandbox.portal.deleteFile(stray.id);
  });

  it('iplos check: /info answering 401 or 403 without a token still passes ssb-info (reachable, needs sign-in)', async () => {
    for (const status of [401, 403] as const) {
      sandbox.faults.set({ infoRequiresToken: { status } });
      const result = await iplos(['check', '--json', '--only', 'ssb-info']);
      const report = JSON.parse(result.stdout) as { results: { id: string; status: string; detail: string }[] };
      const info = report.results.find((entry) => entry.id === 'ssb-info');
      assert.equal(info?.status, 'pass', result.stdout + result.stderr);
      assert.match(info?.detail ?? '', new RegExp(`HTTP ${status}`));
    }
  });
});
