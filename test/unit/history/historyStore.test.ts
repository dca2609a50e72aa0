import assert from 'node:assert/strict';
import { appendFile, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkHistoryEvent, HistoryStore, MAX_REASON_LENGTH, type HistoryEvent } from '../../../src/core/history';
import { tempDir } from '../../helpers/tempDir';
import {
  cancelled,
  completed,
  everyEventType,
  failed,
  feedbackDownloaded,
  partSent,
  sequenceEvent,
  submissionCreated,
} from './fixtures/sampleEvents';

const line = (event: unknown): string => `${JSON.stringify(event)}\n`;

describe('history store: append and read', () => {
  it('round-trips every event type, in order, one line each', async () => {
    const dir = await tempDir();
    const store = new HistoryStore(join(dir, 'history.jsonl'));
    const events = everyEventType();
    assert.deepEqual(new Set(events.map((event) => event.type)).size, 6, 'all six types');
    for (const event of events) await store.append(event);

    assert.deepEqual(await store.readEvents(), { events, skippedLines: 0, tornTail: false });
    const text = await readFile(store.filePath, 'utf8');
    assert.deepEqual(text, events.map(line).join(''), 'exactly one JSON line per event');
  });

  it('creates missing parent folders and the file with mode 0600', async (t) => {
    const dir = await tempDir();
    const store = new HistoryStore(join(dir, 'a', 'b', 'history.jsonl'));
    await store.append(submissionCreated());
    assert.ok((await stat(join(dir, 'a', 'b'))).isDirectory());
    if (process.platform === 'win32') return t.skip('POSIX modes');
    assert.equal((await stat(store.filePath)).mode & 0o777, 0o600);
  });

  it('reads a missing file as an empty history', async () => {
    const dir = await tempDir();
    assert.deepEqual(await new HistoryStore(join(dir, 'none.jsonl')).readEvents(), {
      events: [],
      skippedLines: 0,
      tornTail: false,
    });
  });

  it('keeps 200 concurrent appends from one process intact and in call order', async () => {
    const dir = await tempDir();
    const store = new HistoryStore(join(dir, 'history.jsonl'));
    const events = Array.from({ length: 200 }, (_, i) => sequenceEvent('one', i));
    // Two stores on the same file share the queue: alternate between them.
    const other = new HistoryStore(store.filePath);
    await Promise.all(events.map((event, i) => (i % 2 ? other : store).append(event)));

    const lines = (await readFile(store.filePath, 'utf8')).split('\n');
    assert.equal(lines.pop(), '', 'ends with a newline');
    assert.equal(lines.length, 200);
    assert.deepEqual(
      lines.map((text) => JSON.parse(text) as unknown),
      events,
    );
    assert.deepEqual(await store.readEvents(), { events, skippedLines: 0, tornTail: false });
  });

  it('rejects an invalid event without touching the file, and keeps appending after it', async () => {
    const dir = await tempDir();
    const store = new HistoryStore(join(dir, 'history.jsonl'));
    await store.append(partSent('s', 1));
    const bad = { ...partSent('s', 2), index: 0 };
    const results = await Promise.allSettled([store.append(bad), store.append(partSent('s', 3))]);
    assert.equal(results[0].status, 'rejected');
    assert.match(
      String((results[0] as PromiseRejectedResult).reason),
      /TypeError: Not a valid history event \(index must be an integer ≥ 1\)/,
    );
    assert.equal(results[1].status, 'fulfilled');
    await assert.rejects(
      store.append({ type: 'something-else', version: 1, at: new Date().toISOString() } as unknown as HistoryEvent),
      TypeError,
    );
    assert.deepEqual((await store.readEvents()).events, [partSent('s', 1), partSent('s', 3)]);
  });

  it('keeps the cancelled mark of a failure, reads old lines without it, and rejects one that is not a boolean', () => {
    assert.deepEqual(checkHistoryEvent(cancelled('s')), { ok: true, event: cancelled('s') });
    const old = checkHistoryEvent(failed('s'));
    assert.ok(old.ok);
    assert.equal('cancelled' in old.event, false, 'no cancelled field is made up');
    assert.deepEqual(checkHistoryEvent({ ...failed('s'), cancelled: 'yes' }), {
      ok: false,
      problem: 'cancelled must be true or false',
    });
  });

  it('cuts a long failure reason', async () => {
    const dir = await tempDir();
    const store = new HistoryStore(join(dir, 'history.jsonl'));
    await store.append({ ...failed('s'), reason: 'x'.repeat(5000) });
    const [event] = (await store.readEvents()).events;
    assert.equal(event?.type, 'submission-failed');
    assert.equal(event.type === 'submission-failed' && event.reason.length, MAX_REASON_LENGTH);
  });
});

describe('history store: damaged and foreign content', () => {
  it('skips and counts lines that are not JSON, not events, or of an unknown type; never throws', async () => {
    const dir = await tempDir();
    const file = join(dir, 'history.jsonl');
    const good = [submissionCreated(), partSent('sub-0403-1', 1), completed('sub-0403-1')];
    await writeFile(
      file,
      [
        line(good[0]),
        'not json\n',
        '\n',
        '   \n',
        line({ type: 'submission-archived', version: 2, at: new Date().toISOString(), submissionId: 'x' }), // a future type
        line(good[1]),
        line([1, 2, 3]),
        line(null),
        line('text'),
        line({ ...partSent('x', 1), index: 'one' }), // a known type of the wrong shape
        line({ ...partSent('x', 1), at: 'yesterday' }),
        line({ ...partSent('x', 1), version: undefined }),
        '\u0000\u0000\u0000\u0000\n', // zeros left by a power loss
        line(good[2]),
      ].join(''),
    );
    assert.deepEqual(await new HistoryStore(file).readEvents(), { events: good, skippedLines: 9, tornTail: false });
  });

  it('reads an event of a newer version through version 1: its known fields', async () => {
    const dir = await tempDir();
    const file = join(dir, 'history.jsonl');
    await writeFile(file, line({ ...partSent('s', 1), version: 2, transferMs: 1234 }));
    assert.deepEqual((await new HistoryStore(file).readEvents()).events, [partSent('s', 1)]);
  });

  it('reads CRLF line ends (a file saved by a Windows editor)', async () => {
    const dir = await tempDir();
    const file = join(dir, 'history.jsonl');
    await writeFile(file, `${JSON.stringify(partSent('s', 1))}\r\n${JSON.stringify(partSent('s', 2))}\r\n`);
    assert.deepEqual(await new HistoryStore(file).readEvents(), {
      events: [partSent('s', 1), partSent('s', 2)],
      skippedLines: 0,
      tornTail: false,
    });
  });

  it('skips a torn last line, then appends on a line of its own', async () => {
    const dir = await tempDir();
    const store = new HistoryStore(join(dir, 'history.jsonl'));
    const before = [submissionCreated(), partSent('sub-0403-1', 1)];
    const torn = line(partSent('sub-0403-1', 2)).slice(0, 40);
    await writeFile(store.filePath, before.map(line).join('') + torn);

    assert.deepEqual(await store.readEvents(), { events: before, skippedLines: 0, tornTail: true });

    await store.append(partSent('sub-0403-1', 3));
    const text = await readFile(store.filePath, 'utf8');
    assert.ok(
      text.endsWith(`${torn}\n${line(partSent('sub-0403-1', 3))}`),
      'the fragment ends its own line; the new record follows whole',
    );
    // The fragment is now an ordinary damaged line in the middle.
    assert.deepEqual(await store.readEvents(), {
      events: [...before, partSent('sub-0403-1', 3)],
      skippedLines: 1,
      tornTail: false,
    });
  });

  it('accepts a valid last line that only lacks its newline, and adds one before the next append', async () => {
    const dir = await tempDir();
    const store = new HistoryStore(join(dir, 'history.jsonl'));
    await writeFile(store.filePath, JSON.stringify(partSent('s', 1)));
    assert.deepEqual(await store.readEvents(), { events: [partSent('s', 1)], skippedLines: 0, tornTail: false });
    await store.append(partSent('s', 2));
    assert.equal(await readFile(store.filePath, 'utf8'), line(partSent('s', 1)) + line(partSent('s', 2)));
  });

  it('reads an append made while reading either wholly or not at all', async () => {
    const dir = await tempDir();
    const store = new HistoryStore(join(dir, 'history.jsonl'));
    const many = Array.from({ length: 2000 }, (_, i) => sequenceEvent('r', i));
    await writeFile(store.filePath, many.map(line).join(''));
    const reading = store.readEvents();
    await appendFile(store.filePath, line(partSent('late', 1)));
    const { events, skippedLines } = await reading;
    assert.equal(skippedLines, 0);
    assert.ok(events.length === 2000 || events.length === 2001);
    assert.deepEqual(events.slice(0, 2000), many);
  });
});

describe('history store: no secrets reach the file', () => {
  it('keeps a clean endpoint exactly as given (resuming reuses it) and strips only what could be secret', () => {
    const endpointOf = (endpoint: string) => {
      const checked = checkHistoryEvent({ ...submissionCreated(), endpoint });
      return checked.ok && checked.event.type === 'submission-created' ? checked.event.endpoint : checked;
    };
    assert.equal(endpointOf('https://iplos.nhn.no/SendemodulTEST'), 'https://iplos.nhn.no/SendemodulTEST');
    assert.equal(endpointOf('https://127.0.0.1:8443'), 'https://127.0.0.1:8443');
    assert.equal(endpointOf('https://127.0.0.1:8443/'), 'https://127.0.0.1:8443/');
    assert.equal(endpointOf('https://0403:1234@127.0.0.1:8443'), 'https://127.0.0.1:8443');
    assert.equal(endpointOf('https://iplos.nhn.no/Sendemodul?pin=1234#x'), 'https://iplos.nhn.no/Sendemodul');
    assert.deepEqual(endpointOf('iplos.nhn.no'), { ok: false, problem: 'endpoint must be a URL' });
  });

  it('writes only the fields of each event type, and the endpoint without credentials, query or fragment', async () => {
    // What the app holds while sending: the archive key, the KOSTRA PIN (IPIS password),
    // the SSB password and a portal token. Callers build events from objects that carry
    // them (spread options, a response object); none may reach the history.
    const secrets = {
      key: 'Arkiv-Nøkkel-7731',
      kostraPin: '58213694',
      ssbPassword: 'Sommer2026!Fjell',
      accessToken: 'eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXRva2Vu',
    };
    const options = { ...secrets, maxPartSize: 100 * 1024 * 1024, environment: 'test' as const };
    const dir = await tempDir();
    const store = new HistoryStore(join(dir, 'history.jsonl'));
    const created = submissionCreated();
    const events: HistoryEvent[] = [
      {
        ...options,
        ...created,
        endpoint: `https://0403:${secrets.kostraPin}@iplos.nhn.no/SendemodulTEST?token=${secrets.accessToken}#${secrets.key}`,
      },
      {
        ...partSent(created.submissionId, 1),
        ...{ headers: { authorization: `Basic ${Buffer.from(`0403:${secrets.kostraPin}`).toString('base64')}` } },
      },
      {
        ...completed(created.submissionId),
        receipt: { ...completed(created.submissionId).receipt, ...{ password: secrets.key } },
      },
      {
        ...feedbackDownloaded(),
        ...{ key: secrets.key, token: secrets.accessToken, ssbPassword: secrets.ssbPassword },
      },
    ];
    for (const event of events) await store.append(event);

    const text = await readFile(store.filePath, 'utf8');
    for (const secret of [...Object.values(secrets), Buffer.from(`0403:${secrets.kostraPin}`).toString('base64')]) {
      assert.ok(!text.includes(secret), `the history must not contain ${secret}`);
    }
    const { events: read } = await store.readEvents();
    assert.equal(read.length, 4);
    assert.deepEqual(read[0], created, 'the created event is intact, its endpoint the plain base URL');
    assert.deepEqual(read[3], feedbackDownloaded());
  });
});
