/**
 * Two correction rounds of one municipality through the real HTTP path: the shipped CLI sends two
 * extracts to the sandbox (IPIS on loopback), SSB's feedback for each is downloaded, verified and
 * decrypted from its portal (MOVEit on loopback), and `iplos feedback compare` on the two history
 * entries must say exactly which errors round 2 fixed, which are new and which remain — known
 * from what the generator planted, not from the code under test.
 *
 * Round 1 plants T01 ×3, F01 ×2, B01 ×2, D01 ×1; round 2 is the same municipality's data with two
 * of the T01 fixed and, in those two clients, a new I01; the F01 clients stay, but the generator
 * draws their variable anew, so an F01 on another variable is fixed + new. The register rows only
 * SSB makes (R01, R02; seed 4 has some) remain.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CompareJson } from '../../../src/cli/compareOutput';
import { buildHistory, HistoryStore } from '../../../src/core/history';
import { summariseFeedbackRounds } from '../../../src/core/rounds';
import { writeExtract, type ExtractOptions } from '../../fixtures/extractGenerator';
import { runCliProcess } from '../../helpers/cli';
import type { DemoMunicipality } from '../../sandbox/demoData';
import { startSandbox, writeSandboxFiles, type Sandbox } from '../../sandbox/server';
import { ssbOnlyFindings } from '../../sandbox/ssb/ssbCheck';

const BASE = { municipality: '0403', year: 2025, clients: 2500, seed: 4 } as const;
const ROUND_1: ExtractOptions = { ...BASE, plant: { T01: 3, F01: 2, B01: 2, D01: 1 } };
const ROUND_2: ExtractOptions = { ...BASE, plant: { T01: 1, I01: 2, F01: 2, B01: 2, D01: 1 } };

/** What SSB's list holds for an extract, as `brukerNr|code|variable`: the planted errors and SSB's register rows. */
async function expectedRows(path: string, options: ExtractOptions): Promise<string[]> {
  await mkdir(dirname(path), { recursive: true });
  const summary = await writeExtract(path, options);
  const register = await ssbOnlyFindings(path, options.municipality, options.year);
  return [
    ...summary.expected.map((error) => `${error.brukerNr}|${error.code}|${error.variable}`),
    ...register.map((finding) => `${finding.brukerNr}|${finding.ruleId}|${finding.variable}`),
  ];
}

describe('sandbox: two feedback rounds of one municipality, compared exactly', { timeout: 5 * 60_000 }, () => {
  let sandbox: Sandbox;
  let state: string;
  let env: Record<string, string>;

  before(async () => {
    state = await mkdtemp(join(tmpdir(), 'iplos-rounds-'));
    sandbox = await startSandbox({ port: 0, stateDir: join(state, 'sandbox') });
    await writeSandboxFiles(sandbox.info);
    const hamar = sandbox.info.municipalities[0] as DemoMunicipality;
    const { IPLOS_KEY: _a, IPLOS_FEEDBACK_KEY: _b, ...clean } = process.env as Record<string, string>;
    env = {
      ...clean,
      IPLOS_CONFIG: join(sandbox.info.stateDir, 'iplos.config.json'),
      XDG_STATE_HOME: join(state, 'xdg'),
      IPLOS_SSB_PASSWORD: hamar.password,
      IPLOS_KOSTRA_PIN: hamar.kostraPin,
      IPLOS_ENCRYPTION_KEY: hamar.encryptionKey,
    };
  });

  after(async () => {
    await sandbox.stop();
    await rm(state, { recursive: true, force: true });
  });

  /** Send → SSB's feedback → download + decrypt; the submission id and the folder. */
  async function roundTrip(path: string): Promise<{ submissionId: string; folder: string }> {
    const sent = await runCliProcess(['send', path, '--json', '--send-with-errors'], env);
    assert.equal(sent.status, 0, sent.stderr);
    const { submissionId } = JSON.parse(sent.stdout) as { submissionId: string };
    const published = await sandbox.waitForFeedback('0403', { submissionId });
    const downloaded = await runCliProcess(
      ['feedback', 'download', published.fileId, '--out', join(state, 'feedback'), '--json'],
      env,
    );
    assert.equal(downloaded.status, 0, downloaded.stderr);
    return { submissionId, folder: (JSON.parse(downloaded.stdout) as { folder: string }).folder };
  }

  it('round 2 fixed exactly the errors taken out, the planted new ones are new, the rest remains', async () => {
    const first = join(state, 'round1', 'IPLOS_0403_2025.xml');
    const second = join(state, 'round2', 'IPLOS_0403_2025.xml');
    const before1 = await expectedRows(first, ROUND_1);
    const after2 = await expectedRows(second, ROUND_2);
    const r1 = await roundTrip(first);
    const r2 = await roundTrip(second);
    assert.notEqual(r1.folder, r2.folder, 'round 2 is decrypted beside round 1, not over it');
    assert.deepEqual((await readdir(join(state, 'feedback'))).filter((name) => !name.endsWith('.zip')).sort(), [
      '040300_iplos_2025_test',
      '040300_iplos_2025_test-2',
    ]);

    const compared = await runCliProcess(['feedback', 'compare', r1.submissionId, r2.submissionId, '--json'], env);
    assert.equal(compared.status, 0, compared.stderr);
    const json = JSON.parse(compared.stdout) as CompareJson;
    const rowsOf = (status: string): string[] =>
      json.rows
        .filter((row) => row.status === status)
        .map((row) => `${row.brukerNr}|${row.code}|${row.variable}`)
        .sort();
    const expectedFixed = before1.filter((key) => !after2.includes(key)).sort();
    const expectedNew = after2.filter((key) => !before1.includes(key)).sort();
    const expectedRemaining = after2.filter((key) => before1.includes(key)).sort();
    assert.deepEqual(rowsOf('fixed'), expectedFixed);
    assert.deepEqual(rowsOf('new'), expectedNew);
    assert.deepEqual(rowsOf('remaining'), expectedRemaining);
    // What the plan says in words: two T01 fixed, two I01 new in their clients, an F01 whose variable
    // changed (the generator draws it anew) is fixed + new; B01 and D01 remain.
    const codes = (keys: string[], code: string): number => keys.filter((key) => key.includes(`|${code}|`)).length;
    assert.equal(codes(expectedFixed, 'T01'), 2);
    assert.equal(codes(expectedNew, 'I01'), 2);
    assert.equal(codes(expectedFixed, 'F01'), codes(expectedNew, 'F01'));
    assert.equal(codes(expectedRemaining, 'B01') + codes(expectedRemaining, 'D01'), 3);
    assert.ok(
      expectedRemaining.some((key) => /\|R0[12]\|/.test(key)),
      "SSB's register rows remain",
    );
    assert.deepEqual(json.counts, {
      fixed: expectedFixed.length,
      new: expectedNew.length,
      remaining: expectedRemaining.length,
    });

    // The Submission history's summary (what the view shows) says the same.
    const history = buildHistory(
      (await new HistoryStore(join(state, 'xdg', 'iplos-innsending', 'history.jsonl')).readEvents()).events,
    );
    const summaries = await summariseFeedbackRounds(history);
    const latest = history.feedback.find((record) => record.decryptedTo === r2.folder);
    assert.ok(latest);
    assert.deepEqual(summaries.get(latest.fileId)?.change, json.counts);
  });
});
