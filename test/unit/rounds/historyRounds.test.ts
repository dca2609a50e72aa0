/**
 * Rounds in the submission history: counts per decrypted download and the change since the round
 * before, from real history files and real feedback folders (the sandbox's SSB writes them).
 */
import assert from 'node:assert/strict';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  buildHistory,
  HistoryStore,
  type FeedbackDownloadedEvent,
  type FeedbackRecord,
} from '../../../src/core/history';
import { previousFeedback, summariseFeedbackRounds } from '../../../src/core/rounds';
import { feedbackFolderForRound } from '../../../src/core/ssb/feedbackFolderForRound';
import { writeExtract, type ExtractOptions } from '../../fixtures/extractGenerator';
import { tempDir } from '../../helpers/tempDir';
import { feedbackFiles } from '../../sandbox/ssb/feedbackFiles';
import { ssbCheck } from '../../sandbox/ssb/ssbCheck';

/** The feedback folder SSB sends for a generated extract, and the rows it has (planted + SSB's own), as `brukerNr|code`. */
async function feedbackFolder(dir: string, name: string, options: ExtractOptions): Promise<string> {
  return (await feedbackRound(dir, name, options)).folder;
}

async function feedbackRound(
  dir: string,
  name: string,
  options: ExtractOptions,
): Promise<{ folder: string; rows: string[] }> {
  const extract = join(dir, `${name}.xml`);
  await writeExtract(extract, options);
  const result = await ssbCheck(extract, options.municipality, options.year);
  const folder = join(dir, name);
  await mkdir(folder, { recursive: true });
  const context = { municipality: options.municipality, bydel: '00', year: options.year, environment: 'test' };
  for (const file of feedbackFiles(result, context)) await writeFile(join(folder, file.name), file.content);
  return { folder, rows: result.rows.map((row) => `${row.brukerNr}|${row.code}|${row.serviceType}|${row.variable}`) };
}

function download(
  fileId: string,
  at: string,
  folder: string | undefined,
  fields: Partial<FeedbackDownloadedEvent> = {},
): FeedbackDownloadedEvent {
  return {
    type: 'feedback-downloaded',
    version: 1,
    at,
    fileId,
    fileName: '040300_iplos_2025_test.zip',
    size: 10,
    sha1: 'a'.repeat(40),
    municipality: '0403',
    year: 2025,
    bydel: '00',
    environment: 'test',
    ...(folder ? { decryptedTo: folder, files: ['feilliste.csv'] } : {}),
    ...fields,
  };
}

describe('rounds: the submission history', () => {
  it('gives each download its counts and the change since the round before', async () => {
    const dir = await tempDir();
    // Round 1: 4 T01 (errors) and 2 B01; round 2: the same clients (same seed) with 1 T01 + 2 B01 left and 3 F01 new.
    const base = { municipality: '0403', year: 2025, clients: 200, seed: 11 } as const;
    const round1 = await feedbackRound(dir, 'round1', { ...base, plant: { T01: 4, B01: 2 } });
    const round2 = await feedbackRound(dir, 'round2', { ...base, plant: { T01: 1, B01: 2, F01: 3 } });
    const first = round1.folder;
    const second = round2.folder;
    const events = [
      download('f1', '2026-01-10T10:00:00.000Z', first),
      download('f2', '2026-02-10T10:00:00.000Z', second),
      download('other', '2026-01-20T10:00:00.000Z', first, {
        environment: 'production',
        fileName: '040300_iplos_2025.zip',
      }),
    ];
    const history = buildHistory(events);
    const record = (fileId: string): FeedbackRecord => {
      const found = history.feedback.find((candidate) => candidate.fileId === fileId);
      assert.ok(found);
      return found;
    };
    assert.equal(previousFeedback(history, record('f2'))?.fileId, 'f1');
    assert.equal(previousFeedback(history, record('f1')), undefined);
    const summaries = await summariseFeedbackRounds(history);
    const one = summaries.get('f1');
    const two = summaries.get('f2');
    assert.equal(one?.previous, undefined, 'the first round has nothing before it');
    assert.equal(one?.change, undefined);
    assert.equal(two?.previous?.fileId, 'f1', 'production is another line of rounds');
    assert.ok(two?.change);
    // Which clients the generator plants in is its business: the expected change is worked out from
    // the rows SSB wrote (each client at most once per code here, so plain sets will do).
    const before = new Set(round1.rows);
    const after = new Set(round2.rows);
    const remaining = [...after].filter((key) => before.has(key)).length;
    assert.deepEqual(two.change, { fixed: before.size - remaining, new: after.size - remaining, remaining });
    assert.ok(two.change.fixed > 0 && two.change.new > 0, 'the rounds differ');
    assert.equal(
      (one?.counts.errors ?? 0) + (one?.counts.warnings ?? 0) + (one?.counts.other ?? 0),
      round1.rows.length,
    );
    assert.equal(summaries.get('other')?.previous, undefined);
  });

  it('a round whose folder is gone has no summary, and the next round has no change', async () => {
    const dir = await tempDir();
    const base = { municipality: '0403', year: 2025, clients: 50, seed: 2 } as const;
    const first = await feedbackFolder(dir, 'round1', { ...base, plant: { T01: 1 } });
    const second = await feedbackFolder(dir, 'round2', { ...base, plant: { T01: 1 } });
    await rm(first, { recursive: true });
    const summaries = await summariseFeedbackRounds(
      buildHistory([
        download('f1', '2026-01-10T10:00:00.000Z', first),
        download('f2', '2026-02-10T10:00:00.000Z', second),
      ]),
    );
    assert.equal(summaries.has('f1'), false);
    assert.equal(summaries.get('f2')?.previous?.fileId, 'f1');
    assert.equal(summaries.get('f2')?.change, undefined);
  });

  it('a new round of the same file name is decrypted beside the old one, not over it', async () => {
    const dir = await tempDir();
    const store = new HistoryStore(join(dir, 'history.jsonl'));
    const base = join(dir, '040300_iplos_2025_test');
    assert.equal(await feedbackFolderForRound(store, base, 'f1'), base);
    await store.append(download('f1', '2026-01-10T10:00:00.000Z', base));
    assert.equal(await feedbackFolderForRound(store, base, 'f1'), base, 'the same file again: its own folder');
    assert.equal(await feedbackFolderForRound(store, base, 'f2'), `${base}-2`);
    await store.append(download('f2', '2026-02-10T10:00:00.000Z', `${base}-2`));
    assert.equal(await feedbackFolderForRound(store, base, 'f3'), `${base}-3`);
    assert.equal(await feedbackFolderForRound(store, base, 'f2'), `${base}-2`);
  });
});
