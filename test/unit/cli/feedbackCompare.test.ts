/**
 * `iplos feedback compare` on real feedback the sandbox's SSB writes for two generated extracts:
 * two folders, a test zip (SSB's test key) and a production zip (the key from the environment),
 * and two history entries by submission id. Text, JSON (stable `format`) and CSV for Excel.
 */
import assert from 'node:assert/strict';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { HistoryStore, type HistoryEvent } from '../../../src/core/history';
import { COMPARE_JSON_FORMAT, type CompareJson } from '../../../src/cli/compareOutput';
import { writeExtract, type ExtractOptions } from '../../fixtures/extractGenerator';
import { runCliInProcess } from '../../helpers/cliInProcess';
import { parseSemicolonCsv } from '../../helpers/semicolonCsv';
import { tempDir } from '../../helpers/tempDir';
import { csv, feedbackFiles, type FeedbackFile } from '../../sandbox/ssb/feedbackFiles';
import { encryptFeedback } from '../../sandbox/ssb/processing';
import { ssbCheck } from '../../sandbox/ssb/ssbCheck';

interface Round {
  files: FeedbackFile[];
  /** Each row's identity as the test sees it: client, code, service, variable. */
  keys: string[];
}

async function round(dir: string, name: string, options: ExtractOptions): Promise<Round> {
  const extract = join(dir, `${name}.xml`);
  await writeExtract(extract, options);
  const result = await ssbCheck(extract, options.municipality, options.year);
  const files = feedbackFiles(result, { municipality: '0403', bydel: '00', year: 2025, environment: 'test' });
  return { files, keys: result.rows.map((row) => `${row.brukerNr}|${row.code}|${row.serviceType}|${row.variable}`) };
}

async function folderOf(parent: string, name: string, files: FeedbackFile[]): Promise<string> {
  const folder = join(parent, name);
  await mkdir(folder, { recursive: true });
  for (const file of files) await writeFile(join(folder, file.name), file.content);
  return folder;
}

/** The expected change, worked out from the rows' identities (each at most once here, so sets do). */
function expectedCounts(earlier: Round, later: Round): { fixed: number; new: number; remaining: number } {
  const before = new Set(earlier.keys);
  const after = new Set(later.keys);
  const remaining = [...after].filter((key) => before.has(key)).length;
  return { fixed: before.size - remaining, new: after.size - remaining, remaining };
}

describe('iplos feedback compare', () => {
  let dir: string;
  let first: Round;
  let second: Round;
  let firstFolder: string;
  let secondFolder: string;
  const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ XDG_STATE_HOME: join(dir, 'state'), ...extra });

  before(async () => {
    dir = await tempDir();
    const base = { municipality: '0403', year: 2025, clients: 300, seed: 21 } as const;
    first = await round(dir, 'round1', { ...base, plant: { T01: 3, F01: 2, B01: 2 } });
    second = await round(dir, 'round2', { ...base, plant: { T01: 1, B01: 2, D01: 2 } });
    assert.equal(new Set(first.keys).size, first.keys.length, 'no duplicate rows in this fixture');
    firstFolder = await folderOf(join(dir, 'feedback'), '040300_iplos_2025_test', first.files);
    secondFolder = await folderOf(join(dir, 'feedback'), '040300_iplos_2025_test-2', second.files);
  });

  it('two folders, JSON: the exact counts, a stable format, every row with its status', async () => {
    const run = await runCliInProcess(['feedback', 'compare', firstFolder, secondFolder, '--json'], env());
    assert.equal(run.status, 0, run.stderr);
    const json = JSON.parse(run.stdout) as CompareJson;
    assert.equal(json.format, COMPARE_JSON_FORMAT);
    const expected = expectedCounts(first, second);
    assert.deepEqual(json.counts, expected);
    assert.ok(expected.fixed > 0 && expected.new > 0 && expected.remaining > 0, 'the fixture has all three');
    assert.equal(json.rows.length, expected.fixed + expected.new + expected.remaining);
    assert.equal(json.later.rows, second.keys.length);
    assert.equal(json.earlier.rows, first.keys.length);
    assert.deepEqual(
      json.rows
        .filter((row) => row.status === 'fixed')
        .map((row) => row.code)
        .sort(),
      first.keys
        .filter((key) => !second.keys.includes(key))
        .map((key) => key.split('|')[1])
        .sort(),
    );
    assert.equal(json.later.municipality, '0403');
  });

  it('text: the summary line and the rows per status', async () => {
    const run = await runCliInProcess(['feedback', 'compare', firstFolder, secondFolder], env());
    assert.equal(run.status, 0, run.stderr);
    const { fixed, new: added, remaining } = expectedCounts(first, second);
    assert.match(run.stdout, new RegExp(`^${fixed} fixed · ${added} new · ${remaining} remaining$`, 'm'));
    assert.match(run.stdout, /^Fixed \(\d+\):$/m);
    assert.match(run.stdout, /^New \(\d+\):$/m);
  });

  it('CSV for Excel: BOM, the later list with a Status column, the fixed rows last', async () => {
    const run = await runCliInProcess(['feedback', 'compare', firstFolder, secondFolder, '--csv'], env());
    assert.equal(run.status, 0, run.stderr);
    assert.ok(run.stdout.startsWith('\uFEFF'));
    const [header, ...rows] = parseSemicolonCsv(run.stdout);
    assert.deepEqual(header?.slice(-2), ['Melding', 'Status']);
    const statuses = rows.map((row) => row.at(-1));
    const { fixed } = expectedCounts(first, second);
    assert.deepEqual(statuses.slice(-fixed), new Array(fixed).fill('Fixed'));
    assert.ok(statuses.slice(0, -fixed).every((status) => status === 'New' || status === 'Remaining'));
  });

  it('a later round without an error list (SSB found nothing): CSV with the earlier columns, every row fixed; JSON alike', async () => {
    const emptyFolder = await folderOf(
      join(dir, 'feedback'),
      '040300_iplos_2025_test-empty',
      second.files.filter((file) => file.name !== 'feilliste.csv'),
    );
    const run = await runCliInProcess(['feedback', 'compare', firstFolder, emptyFolder, '--csv'], env());
    assert.equal(run.status, 0, run.stderr);
    const [header, ...rows] = parseSemicolonCsv(run.stdout);
    const earlierList = first.files.find((file) => file.name === 'feilliste.csv');
    assert.ok(earlierList);
    const [earlierHeader] = parseSemicolonCsv(earlierList.content.toString('latin1'));
    assert.deepEqual(header, [...(earlierHeader ?? []), 'Status']);
    assert.equal(rows.length, first.keys.length);
    assert.ok(rows.every((row) => row.length === header?.length && row.at(-1) === 'Fixed'));
    assert.ok(
      rows.every((row) => row.some((cell, index) => index < row.length - 1 && cell !== '')),
      'cells kept',
    );
    const json = await runCliInProcess(['feedback', 'compare', firstFolder, emptyFolder, '--json'], env());
    assert.equal(json.status, 0, json.stderr);
    const parsed = JSON.parse(json.stdout) as CompareJson;
    assert.deepEqual(parsed.counts, { fixed: first.keys.length, new: 0, remaining: 0 });
    assert.equal(parsed.rows.length, first.keys.length);
  });

  it('text: a control character in an error code is shown escaped, not sent to the terminal', async () => {
    const folder = join(dir, 'feedback', '040300_iplos_2025_test-escape');
    await mkdir(folder, { recursive: true });
    await writeFile(
      join(folder, 'feilliste.csv'),
      csv([
        ['Brukernr', 'Feilkode', 'Melding'],
        ['1', 'T\u001b[2J', 'Ukjent'],
      ]),
    );
    const run = await runCliInProcess(['feedback', 'compare', firstFolder, folder], env());
    assert.equal(run.status, 0, run.stderr);
    assert.ok(!run.stdout.includes('\u001b'), 'no raw escape in the output');
    assert.match(run.stdout, /T\\u001b\[2J/);
  });

  it('zips: decrypted as download does (test key for test feedback, the key from the environment else), nothing left behind', async () => {
    const zips = join(dir, 'zips');
    await mkdir(zips);
    const testZip = join(zips, '040300_iplos_2025_test.zip');
    await writeFile(testZip, await encryptFeedback(first.files, '123456'));
    const productionZip = join(zips, '040300_iplos_2025.zip');
    await writeFile(productionZip, await encryptFeedback(second.files, 'hemmelig-nokkel-9'));
    const refused = await runCliInProcess(['feedback', 'compare', testZip, productionZip, '--json'], env());
    assert.notEqual(refused.status, 0, 'production feedback needs its key');
    assert.match(refused.stderr, /IPLOS_FEEDBACK_KEY/);
    const run = await runCliInProcess(
      ['feedback', 'compare', testZip, productionZip, '--json'],
      env({ IPLOS_FEEDBACK_KEY: 'hemmelig-nokkel-9' }),
    );
    // As download: a key that is given is the key, also for a test zip (here the wrong one) — and nothing is left behind.
    assert.notEqual(run.status, 0);
    assert.match(run.stderr, /key/i);
    const mixed = await runCliInProcess(
      ['feedback', 'compare', firstFolder, productionZip, '--json'],
      env({ IPLOS_FEEDBACK_KEY: 'hemmelig-nokkel-9' }),
    );
    assert.equal(mixed.status, 0, mixed.stderr);
    assert.deepEqual((JSON.parse(mixed.stdout) as CompareJson).counts, expectedCounts(first, second));
    assert.ok(
      !`${run.stdout}${run.stderr}${mixed.stdout}${mixed.stderr}`.includes('hemmelig-nokkel-9'),
      'no key in the output',
    );
    const keyless = await runCliInProcess(['feedback', 'compare', testZip, secondFolder, '--json'], env());
    assert.equal(keyless.status, 0, keyless.stderr);
    assert.deepEqual((JSON.parse(keyless.stdout) as CompareJson).counts, expectedCounts(first, second));
    assert.deepEqual(
      (await readdir(zips)).sort(),
      ['040300_iplos_2025.zip', '040300_iplos_2025_test.zip'],
      'no decrypted folder left',
    );
  });

  it("two history entries by submission id: each one's newest decrypted feedback", async () => {
    const state = join(dir, 'state');
    const store = new HistoryStore(join(state, 'iplos-innsending', 'history.jsonl'));
    const submission = (id: string, at: string): HistoryEvent => ({
      type: 'submission-created',
      version: 1,
      at,
      submissionId: id,
      clientReference: `ref-${id}`,
      environment: 'test',
      endpoint: 'https://127.0.0.1:8443/SendemodulTEST',
      municipality: '0403',
      bydel: '00',
      year: 2025,
      extract: { path: join(dir, `${id}.xml`), name: `${id}.xml`, size: 1, sha256: 'a'.repeat(64) },
      archive: { name: `${id}.zip`, totalSize: 1, sha256: 'b'.repeat(64) },
      parts: [{ index: 1, name: `${id}.zip`, size: 1, sha256: 'b'.repeat(64) }],
    });
    const download = (fileId: string, at: string, folder: string): HistoryEvent => ({
      type: 'feedback-downloaded',
      version: 1,
      at,
      fileId,
      fileName: '040300_iplos_2025_test.zip',
      size: 1,
      sha1: 'c'.repeat(40),
      municipality: '0403',
      year: 2025,
      bydel: '00',
      environment: 'test',
      decryptedTo: folder,
      files: ['feilliste.csv'],
    });
    await store.append(submission('sub-1', '2026-01-05T10:00:00.000Z'));
    await store.append(download('f-1', '2026-01-06T10:00:00.000Z', firstFolder));
    await store.append(submission('sub-2', '2026-02-05T10:00:00.000Z'));
    await store.append(download('f-2', '2026-02-06T10:00:00.000Z', secondFolder));
    const run = await runCliInProcess(['feedback', 'compare', 'sub-1', 'sub-2', '--json'], env());
    assert.equal(run.status, 0, run.stderr);
    const json = JSON.parse(run.stdout) as CompareJson;
    assert.deepEqual(json.counts, expectedCounts(first, second));
    assert.equal(json.earlier.folder, firstFolder);
    assert.equal(json.later.folder, secondFolder);
    const unknown = await runCliInProcess(['feedback', 'compare', 'sub-1', 'nope'], env());
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /nope is neither a folder, a zip, nor a submission or feedback id/);
  });

  it('refuses one side, three sides, and --json with --csv', async () => {
    for (const args of [
      [firstFolder],
      [firstFolder, secondFolder, firstFolder],
      [firstFolder, secondFolder, '--json', '--csv'],
    ]) {
      const run = await runCliInProcess(['feedback', 'compare', ...args], env());
      assert.equal(run.status, 2, run.stderr);
    }
  });
});
