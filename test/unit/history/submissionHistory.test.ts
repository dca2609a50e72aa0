import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  buildHistory,
  CSV_COLUMNS,
  feedbackForSubmission,
  latestCompletedSubmission,
  toCsv,
  type HistoryEvent,
} from '../../../src/core/history';
import { parseSemicolonCsv } from '../../helpers/semicolonCsv';
import {
  at,
  cancelled,
  completed,
  everyEventType,
  failed,
  feedbackDownloaded,
  intent,
  partSent,
  submissionCreated,
} from './fixtures/sampleEvents';

const ID = 'sub-0403-1';

describe('buildHistory', () => {
  it('created + parts + completed: complete, with the receipt and nothing missing', () => {
    const created = submissionCreated();
    const { submissions, pendingIntents } = buildHistory([
      intent(),
      created,
      partSent(ID, 1, 1),
      partSent(ID, 2, 2),
      partSent(ID, 3, 3),
      completed(ID, 5),
    ]);
    assert.equal(submissions.length, 1);
    const [record] = submissions;
    assert.equal(record?.status, 'complete');
    assert.deepEqual(record.receipt, completed(ID, 5).receipt);
    assert.deepEqual(record.missingParts, []);
    assert.deepEqual(
      record.acknowledgedParts.map((part) => part.index),
      [1, 2, 3],
    );
    assert.equal(record.createdAt, created.at);
    assert.equal(record.updatedAt, at(5));
    assert.deepEqual(
      {
        ...record.extract,
        archive: record.archive,
        parts: record.parts,
        municipality: record.municipality,
        bydel: record.bydel,
        year: record.year,
        endpoint: record.endpoint,
      },
      {
        ...created.extract,
        archive: created.archive,
        parts: created.parts,
        municipality: '0403',
        bydel: '00',
        year: 2025,
        endpoint: created.endpoint,
      },
    );
    assert.deepEqual(pendingIntents, [], 'the intent was answered by the created event');
  });

  it('created + some parts, no completion: incomplete, with the parts still to send', () => {
    const { submissions } = buildHistory([
      submissionCreated({ partCount: 5 }),
      partSent(ID, 2),
      partSent(ID, 4),
      partSent(ID, 2, 3),
    ]);
    const [record] = submissions;
    assert.equal(record?.status, 'incomplete');
    assert.deepEqual(record.missingParts, [1, 3, 5]);
    assert.deepEqual(record.acknowledgedParts, [
      { index: 2, size: 1000, sha256: partSent(ID, 2).sha256, at: at(1) },
      { index: 4, size: 1000, sha256: partSent(ID, 4).sha256, at: at(1) },
    ]);
    assert.equal(record.receipt, undefined);
  });

  it('an acknowledgement of other bytes, or of an index the archive does not have, does not count', () => {
    const { submissions } = buildHistory([
      submissionCreated({ partCount: 2 }),
      { ...partSent(ID, 1), sha256: 'f'.repeat(64) },
      partSent(ID, 7),
      { ...partSent(ID, 2), sha256: partSent(ID, 2).sha256.toUpperCase() },
    ]);
    assert.deepEqual(submissions[0]?.missingParts, [1], 'hashes compare without regard to case');
  });

  it('failed: the last event is a failure; parts sent after it (a resume) make it incomplete again', () => {
    const start = [submissionCreated(), partSent(ID, 1, 1), failed(ID, 2, true)];
    const [failedRecord] = buildHistory(start).submissions;
    assert.equal(failedRecord?.status, 'failed');
    assert.deepEqual(failedRecord.lastFailure, { at: at(2), reason: failed(ID).reason, resumable: true });
    assert.deepEqual(failedRecord.missingParts, [2, 3]);

    const [resumed] = buildHistory([...start, partSent(ID, 2, 3)]).submissions;
    assert.equal(resumed?.status, 'incomplete');
    assert.deepEqual(resumed.missingParts, [3]);
    assert.equal(resumed.lastFailure?.at, at(2), 'the failure stays on record');

    const [finished] = buildHistory([
      ...start,
      partSent(ID, 2, 3),
      partSent(ID, 3, 4),
      completed(ID, 5),
      failed(ID, 6, false),
    ]).submissions;
    assert.equal(finished?.status, 'complete', 'a receipt is final');
  });

  it('cancelled: not a failure — incomplete, with the cancel kept as the last failure so its reason shows', () => {
    const start = [submissionCreated(), partSent(ID, 1, 1), cancelled(ID, 2)];
    const [record] = buildHistory(start).submissions;
    assert.equal(record?.status, 'incomplete');
    assert.deepEqual(record.lastFailure, { at: at(2), reason: 'Cancelled.', resumable: true, cancelled: true });
    assert.deepEqual(record.missingParts, [2, 3]);

    // A real failure after the cancel (the resume failed) is a failure again, and the other way round.
    const [failedAfter] = buildHistory([...start, failed(ID, 4)]).submissions;
    assert.equal(failedAfter?.status, 'failed');
    assert.deepEqual(failedAfter.lastFailure, { at: at(4), reason: failed(ID).reason, resumable: true });
    const [cancelledAfter] = buildHistory([submissionCreated(), failed(ID, 2), cancelled(ID, 4)]).submissions;
    assert.equal(cancelledAfter?.status, 'incomplete');
    assert.equal(cancelledAfter.lastFailure?.cancelled, true);

    // Written before `cancelled` existed, or false: an ordinary failure.
    const [old] = buildHistory([submissionCreated(), { ...failed(ID, 2), reason: 'Cancelled.' }]).submissions;
    assert.equal(old?.status, 'failed');
    const [explicit] = buildHistory([submissionCreated(), { ...failed(ID, 2), cancelled: false }]).submissions;
    assert.equal(explicit?.status, 'failed');
    assert.equal(explicit.lastFailure?.cancelled, undefined);
  });

  it('a receipt makes it complete even when acknowledgement lines were lost', () => {
    const [record] = buildHistory([submissionCreated(), partSent(ID, 1), completed(ID)]).submissions;
    assert.equal(record?.status, 'complete');
    assert.deepEqual(record.missingParts, []);
  });

  it('an intent that never got a created event is pending (resume after a crash); one per reference, the latest', () => {
    const answered = intent({ submissionId: 'a', clientReference: 'ref-a' });
    const lost = intent({ submissionId: 'b', clientReference: 'ref-b', minute: 10 });
    const lostAgain = { ...lost, at: at(20) };
    const { submissions, pendingIntents } = buildHistory([
      answered,
      lost,
      submissionCreated({ submissionId: 'a', clientReference: 'ref-a' }),
      lostAgain,
    ]);
    assert.deepEqual(
      submissions.map((record) => record.submissionId),
      ['a'],
    );
    const { type: _type, version: _version, ...expected } = lostAgain;
    assert.deepEqual(pendingIntents, [expected]);
  });

  it('a repeated created event (the create answered again on resume) keeps one record', () => {
    const created = submissionCreated();
    const { submissions } = buildHistory([created, partSent(ID, 1), { ...created, at: at(9) }]);
    assert.equal(submissions.length, 1);
    assert.equal(submissions[0]?.createdAt, created.at);
    assert.deepEqual(submissions[0]?.missingParts, [2, 3]);
  });

  it('leaves out events about a submission that was never recorded as created', () => {
    const { submissions } = buildHistory([partSent('ghost', 1), failed('ghost'), completed('ghost')]);
    assert.deepEqual(submissions, []);
  });

  it('feedback belongs to the newest submission of that municipality, district, year and environment before the download', () => {
    const first = submissionCreated({ submissionId: 'a', minute: 0 });
    const second = submissionCreated({ submissionId: 'b', minute: 100 });
    const production = submissionCreated({ submissionId: 'p', minute: 10, environment: 'production' });
    const oslo = submissionCreated({ submissionId: 'o', minute: 10, municipality: '0301', bydel: '01' });
    const history = buildHistory([
      first,
      completed('a', 5),
      production,
      oslo,
      feedbackDownloaded(60),
      second,
      completed('b', 105),
      { ...feedbackDownloaded(200), fileId: '2' },
    ]);
    const of = (id: string) =>
      feedbackForSubmission(
        history,
        history.submissions.find((record) => record.submissionId === id) as (typeof history.submissions)[number],
      ).map((record) => record.fileId);
    assert.deepEqual(of('a'), ['1834567'], 'downloaded before the next submission');
    assert.deepEqual(of('b'), ['2'], 'the later download answers the later submission');
    assert.deepEqual(of('p'), [], 'test feedback is not production feedback');
    assert.deepEqual(of('o'), [], 'another municipality');
  });

  it('keeps the latest download of each feedback file', () => {
    const first = feedbackDownloaded(60);
    const other = { ...feedbackDownloaded(70), fileId: '99', fileName: '030101_iplos_2025.zip' };
    const again = { ...feedbackDownloaded(80), downloadedTo: undefined };
    const { feedback } = buildHistory([first, other, again]);
    assert.deepEqual(
      feedback.map((record) => [record.fileId, record.at]),
      [
        ['99', at(70)],
        ['1834567', at(80)],
      ],
    );
    assert.equal(feedback[1]?.downloadedTo, undefined);
  });

  it('rebuilds every event type together', () => {
    const history = buildHistory(everyEventType());
    assert.deepEqual(
      [
        history.submissions.length,
        history.submissions[0]?.status,
        history.feedback.length,
        history.pendingIntents.length,
      ],
      [1, 'complete', 1, 0],
    );
  });
});

describe('latestCompletedSubmission', () => {
  const events: HistoryEvent[] = [
    submissionCreated({ submissionId: 'old', minute: 0 }),
    completed('old', 5),
    submissionCreated({ submissionId: 'new', minute: 100 }),
    completed('new', 105),
    submissionCreated({ submissionId: 'newest-but-open', minute: 200 }),
    submissionCreated({ submissionId: 'other-year', year: 2024, minute: 300 }),
    completed('other-year', 305),
    submissionCreated({ submissionId: 'other-municipality', municipality: '0301', bydel: '01', minute: 400 }),
    completed('other-municipality', 405),
    submissionCreated({ submissionId: 'production', environment: 'production', minute: 50 }),
    completed('production', 55),
  ];
  const { submissions } = buildHistory(events);

  it('picks the newest completed submission for the municipality and year', () => {
    assert.equal(latestCompletedSubmission(submissions, '0403', 2025)?.submissionId, 'new');
    assert.equal(latestCompletedSubmission(submissions, '0403', 2024)?.submissionId, 'other-year');
    assert.equal(latestCompletedSubmission(submissions, '0403', 2023), undefined);
  });

  it('compares completion times, not the order of the records', () => {
    assert.equal(latestCompletedSubmission([...submissions].reverse(), '0403', 2025)?.submissionId, 'new');
  });

  it('narrows to a district or an environment when asked', () => {
    assert.equal(
      latestCompletedSubmission(submissions, '0403', 2025, { environment: 'production' })?.submissionId,
      'production',
    );
    assert.equal(
      latestCompletedSubmission(submissions, '0301', 2025, { bydel: '01' })?.submissionId,
      'other-municipality',
    );
    assert.equal(latestCompletedSubmission(submissions, '0301', 2025, { bydel: '02' }), undefined);
  });
});

describe('toCsv', () => {
  it('writes a BOM, the header and one row per submission, ;-separated with CRLF', () => {
    const { submissions } = buildHistory([
      submissionCreated(),
      partSent(ID, 1),
      completed(ID, 5, 'IPIS-2026-000042'),
      submissionCreated({ submissionId: 'b', partCount: 1, minute: 10 }),
    ]);
    const csv = toCsv(submissions);
    assert.ok(
      csv.startsWith(
        '\uFEFFyear;municipality;bydel;environment;created;status;receiptId;completedAt;extract name;extract size;archive SHA-256;parts\r\n',
      ),
    );
    assert.ok(csv.endsWith('\r\n'));
    const [header, first, second] = parseSemicolonCsv(csv);
    assert.deepEqual(header, [...CSV_COLUMNS]);
    assert.deepEqual(first, [
      '2025',
      '0403',
      '00',
      'test',
      at(0),
      'complete',
      'IPIS-2026-000042',
      at(5),
      'IPLOS_0403_2025.xml',
      '48000000',
      submissions[0]?.archive.sha256,
      '3',
    ]);
    assert.deepEqual(second, [
      '2025',
      '0403',
      '00',
      'test',
      at(10),
      'incomplete',
      '',
      '',
      'IPLOS_0403_2025.xml',
      '48000000',
      submissions[1]?.archive.sha256,
      '1',
    ]);
  });

  it('quotes a field holding ; or " and doubles the quotes; leaves æøå as they are', () => {
    const name = 'uttrekk "endelig"; Bærum.xml';
    const { submissions } = buildHistory([submissionCreated({ extractName: name })]);
    const csv = toCsv(submissions);
    assert.ok(csv.includes(';"uttrekk ""endelig""; Bærum.xml";'), csv);
    assert.equal(parseSemicolonCsv(csv)[1]?.[8], name);
  });

  it('writes only the header for no submissions', () => {
    assert.equal(toCsv([]), `\uFEFF${CSV_COLUMNS.join(';')}\r\n`);
  });
});
