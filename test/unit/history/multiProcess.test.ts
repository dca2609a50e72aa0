import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { HistoryStore } from '../../../src/core/history';
import { tempDir } from '../../helpers/tempDir';
import { partSent, sequenceEvent } from './fixtures/sampleEvents';

const ROOT = join(__dirname, '..', '..', '..');
const APPENDER = join(__dirname, 'fixtures', 'appendEvents.ts');

/** Starts `appendEvents.ts` in its own Node process (as the CLI and the extension host are). */
function appender(file: string, tag: string, count: number | 'forever') {
  const child = spawn(process.execPath, ['--import', 'tsx', APPENDER, file, tag, String(count)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
  const exited = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
    stderr,
  }));
  return { child, exited };
}

describe('history store: several processes', () => {
  it('two processes appending 300 events each at once leave 600 whole lines', async () => {
    const dir = await tempDir();
    const file = join(dir, 'history.jsonl');
    const writers = [appender(file, 'cli', 300), appender(file, 'ext', 300)];
    for (const { exited } of writers) {
      const { code, stderr } = await exited;
      assert.equal(code, 0, stderr);
    }

    const text = await readFile(file, 'utf8');
    assert.ok(text.endsWith('\n'));
    // An empty line is allowed (and skipped by readers): a writer that looks at the end of the
    // file while the other one's write is under way sees no '\n' there and starts its record
    // on a fresh line, in case the end was torn.
    const lines = text
      .slice(0, -1)
      .split('\n')
      .filter((line) => line !== '');
    assert.equal(lines.length, 600);
    const parsed = lines.map((text) => JSON.parse(text) as { submissionId: string });
    // Each writer's events are all there, whole and in its own order; only the two interleave.
    for (const tag of ['cli', 'ext']) {
      const own = parsed.filter((event) => event.submissionId.startsWith(`${tag}-`));
      assert.deepEqual(
        own,
        Array.from({ length: 300 }, (_, i) => sequenceEvent(tag, i)),
      );
    }
    const { events, skippedLines, tornTail } = await new HistoryStore(file).readEvents();
    assert.deepEqual([events.length, skippedLines, tornTail], [600, 0, false]);
  });

  it('survives a process killed in the middle of appending', async () => {
    const dir = await tempDir();
    const file = join(dir, 'history.jsonl');
    const { child, exited } = appender(file, 'crash', 'forever');
    const [started] = (await once(child.stdout, 'data')) as [Buffer];
    assert.equal(started.toString(), 'started\n');
    await delay(150);
    child.kill('SIGKILL');
    const { signal, stderr } = await exited;
    assert.equal(signal, 'SIGKILL', `the appender was still appending when killed (${stderr})`);

    const store = new HistoryStore(file);
    const { events, skippedLines, tornTail } = await store.readEvents();
    assert.ok(events.length > 1, `appended for a while before the kill (${events.length} events)`);
    assert.equal(skippedLines, 0, 'no damaged line in the middle');
    // The appender wrote in sequence, so what survived is exactly its first n events, whole.
    assert.deepEqual(
      events,
      Array.from({ length: events.length }, (_, i) => sequenceEvent('crash', i)),
    );
    // At most the last line can be cut short: every '\n'-terminated line is a whole event.
    const text = await readFile(file, 'utf8');
    const complete = text.slice(0, text.lastIndexOf('\n') + 1);
    assert.equal(complete.split('\n').length - 1, events.length);
    assert.equal(tornTail, complete.length < text.length);

    await store.append(partSent('after-crash', 1));
    const after = await store.readEvents();
    assert.deepEqual(after.events, [...events, partSent('after-crash', 1)]);
    assert.equal(after.tornTail, false);
  });
});
