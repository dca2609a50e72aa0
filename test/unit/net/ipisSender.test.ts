import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { isCancellation } from '../../../src/core/abort';
import { encryptArchive } from '../../../src/core/archive';
import { buildHistory, HistoryStore } from '../../../src/core/history';
import { IpisClient } from '../../../src/core/ipis/ipisClient';
import type { SendTarget } from '../../../src/core/ipis/sendSubmission';
import { NetworkError } from '../../../src/core/net/networkError';
import { createTransport, type Transport } from '../../../src/core/net/transport';
import { outgoingFolder, resumeSend, sendExtract, type SendExtractProgress } from '../../../src/core/send/sendExtract';
import { SendFailedError } from '../../../src/core/send/sendFailedError';
import { writeExtract } from '../../fixtures/extractGenerator';
import { tempDir } from '../../helpers/tempDir';
import type { DemoMunicipality } from '../../sandbox/demoData';
import { startSandbox, type RequestRecord, type Sandbox } from '../../sandbox/server';

// The IPIS sender against the sandbox over HTTPS with its CA: happy path, interruptions,
// resume after a "restart", and the errors a user must understand.
describe('IPIS sender', () => {
  let sandbox: Sandbox;
  let transport: Transport;
  let hamar: DemoMunicipality;
  const target: SendTarget = { environment: 'test', municipality: '0403', bydel: '00', year: 2025 };
  const fast = { retry: { baseDelayMs: 10, maxDelayMs: 50 } };

  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    transport = await createTransport({ caFile: sandbox.info.caFile });
    hamar = sandbox.info.municipalities[0] as DemoMunicipality;
  });
  beforeEach(() => sandbox.faults.clear());
  after(async () => {
    await transport.close();
    await sandbox.stop();
  });

  async function setup(clients = 3000) {
    const dir = await tempDir();
    const extract = join(dir, 'IPLOS_0403_2025.xml');
    await writeExtract(extract, { municipality: '0403', year: 2025, clients, seed: 5 });
    const history = new HistoryStore(join(dir, 'state', 'history.jsonl'));
    const connection = {
      dispatcher: transport.dispatcher,
      ipisUrl: sandbox.info.ipisTestUrl,
      kostraPin: hamar.kostraPin,
    };
    return { dir, extract, history, connection };
  }

  const submissionsOf = (fileNamePart: string) =>
    [...sandbox.submissions.submissions.values()].filter((submission) => submission.fileName.includes(fileNamePart));
  const partPuts = (id: string) =>
    sandbox.requests.filter((record) => record.method === 'PUT' && record.path.includes(`/submissions/${id}/parts/`));

  it('sends an extract in parts, records every step, reports progress, and cleans up the encrypted copies', async () => {
    const { extract, history, connection } = await setup();
    const progress: SendExtractProgress[] = [];
    const result = await sendExtract(
      extract,
      target,
      { key: hamar.encryptionKey, maxPartSize: 64 * 1024 },
      connection,
      history,
      { ...fast, onProgress: (p) => progress.push(p) },
    );
    assert.match(result.receipt.receiptId, /^IPIS-\d{4}-\d{6}$/);
    const state = buildHistory((await history.readEvents()).events);
    const record = state.submissions.find((candidate) => candidate.submissionId === result.submissionId);
    assert.equal(record?.status, 'complete');
    assert.equal(record?.receipt?.receiptId, result.receipt.receiptId);
    assert.ok((record?.parts.length ?? 0) >= 2);
    assert.deepEqual(record?.missingParts, []);
    assert.equal(
      existsSync(outgoingFolder(history, record?.clientReference as string)),
      false,
      'encrypted parts removed after the receipt',
    );
    const uploads = progress.filter((p) => p.phase === 'uploading');
    assert.ok(uploads.length > 0);
    for (let i = 1; i < uploads.length; i++)
      assert.ok(
        (uploads[i]?.bytesDone ?? 0) >= (uploads[i - 1]?.bytesDone ?? 0),
        'progress never goes back without a retry',
      );
    assert.equal(progress.at(-1)?.phase, 'done');
    assert.equal(progress.at(-1)?.bytesDone, progress.at(-1)?.bytesTotal);
    const feedback = await sandbox.waitForFeedback('0403', { submissionId: result.submissionId });
    assert.deepEqual(
      feedback.rows.filter((row) => row.code !== 'R01' && row.code !== 'R02'),
      [],
      'SSB decrypted the parts with the municipality key and found no errors but its own register rows (R01, R02)',
    );
  });

  it('a connection cut mid-part is retried and the submission completes once', async () => {
    const { extract, history, connection } = await setup();
    sandbox.faults.set({ dropUploadAfterBytes: { bytes: 30 * 1024, times: 2 } });
    const retries: string[] = [];
    const result = await sendExtract(
      extract,
      target,
      { key: hamar.encryptionKey, maxPartSize: 64 * 1024 },
      connection,
      history,
      { retry: { baseDelayMs: 10, maxDelayMs: 50, onRetry: ({ error }) => retries.push(error.kind) } },
    );
    assert.deepEqual(retries, ['connection-reset', 'connection-reset']);
    assert.equal(
      sandbox.submissions.submissions.get(result.submissionId)?.receipt?.receiptId,
      result.receipt.receiptId,
    );
    assert.equal(
      submissionsOf('IPLOS_0403_2025').filter((submission) => submission.id === result.submissionId).length,
      1,
    );
  });

  it('503 with Retry-After is retried after exactly the time the server asked for', async () => {
    const { extract, history, connection } = await setup(500);
    sandbox.faults.set({ failRequests: [{ method: 'PUT', path: '/parts/1$', status: 503, retryAfterSeconds: 1 }] });
    const delays: number[] = [];
    await sendExtract(extract, target, { key: hamar.encryptionKey, maxPartSize: 64 * 1024 }, connection, history, {
      retry: { onRetry: ({ delayMs }) => delays.push(delayMs) },
    });
    assert.deepEqual(delays, [1000]);
  });

  it('cancel during an upload is reported as cancelled (whatever the abort reason) and stays resumable', async () => {
    const { extract, history, connection } = await setup();
    const controller = new AbortController();
    sandbox.faults.set({ delay: [{ path: '/parts/', ms: 3000 }] });
    let failure: SendFailedError | undefined;
    try {
      // Cancelled once the first part's bytes are on the way (its answer is held back 3 s), not
      // after a fixed time: under load the encryption alone can take longer than any guess.
      const cancel = (progress: SendExtractProgress): void => {
        if (progress.phase === 'uploading' && !controller.signal.aborted)
          controller.abort(Object.assign(new Error('Canceled'), { name: 'Canceled' }));
      };
      await assert.rejects(
        sendExtract(extract, target, { key: hamar.encryptionKey, maxPartSize: 64 * 1024 }, connection, history, {
          ...fast,
          signal: controller.signal,
          onProgress: cancel,
        }),
        (error: unknown) => {
          assert.ok(error instanceof SendFailedError, String(error));
          assert.ok(isCancellation(error));
          assert.equal(error.code, 'cancelled');
          failure = error;
          return true;
        },
      );
    } finally {
      sandbox.faults.clear();
    }
    const interrupted = buildHistory((await history.readEvents()).events).submissions.at(-1);
    assert.equal(interrupted?.lastFailure?.resumable, true);
    assert.equal(failure?.submissionId, interrupted?.submissionId, 'the cancel names the send to resume');
    assert.equal(failure?.clientReference, interrupted?.clientReference);
    assert.equal(interrupted?.lastFailure?.cancelled, true);
    assert.equal(interrupted?.status, 'incomplete', 'a cancel is not a failure');
  });

  it('with two unfinished sends in the history, a failing send names its own submission, not the other one', async () => {
    const { extract, history, connection } = await setup();
    const encryption = { key: hamar.encryptionKey, maxPartSize: 64 * 1024 };
    // The first unfinished send: cancelled after two parts.
    const controller = new AbortController();
    await assert.rejects(
      sendExtract(extract, target, encryption, connection, history, {
        ...fast,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.part && p.part.index >= 3) controller.abort();
        },
      }),
      SendFailedError,
    );
    const [other] = buildHistory((await history.readEvents()).events).submissions;
    assert.ok(other);

    // The second: every part upload answers 503 until the retries give up.
    sandbox.faults.set({
      failRequests: [{ method: 'PUT', path: '/parts/', status: 503, retryAfterSeconds: 0, times: 50 }],
    });
    let failure: SendFailedError | undefined;
    await assert.rejects(sendExtract(extract, target, encryption, connection, history, fast), (error: unknown) => {
      assert.ok(error instanceof SendFailedError, String(error));
      assert.equal(isCancellation(error), false);
      assert.ok(error.cause instanceof NetworkError);
      assert.equal(error.cause.status, 503);
      assert.equal(error.code, 'http');
      assert.equal(error.message, error.cause.message);
      assert.equal(error.remedy, error.cause.remedy);
      failure = error;
      return true;
    });
    sandbox.faults.clear();

    const state = buildHistory((await history.readEvents()).events);
    const unfinished = state.submissions.filter((record) => record.status !== 'complete');
    assert.equal(unfinished.length, 2, 'two unfinished sends');
    const mine = state.submissions.find((record) => record.clientReference === failure?.clientReference);
    assert.ok(mine, 'the failure names a send recorded in the history');
    assert.equal(failure?.submissionId, mine.submissionId);
    assert.notEqual(failure?.submissionId, other.submissionId, 'not the other unfinished send');
    assert.notEqual(failure?.clientReference, other.clientReference);
    assert.equal(mine.status, 'failed');
    assert.ok(
      sandbox.requests.some(
        (record) => record.status === 503 && record.path.includes(`/submissions/${failure?.submissionId}/parts/`),
      ),
      "the uploads that failed were this submission's",
    );

    // Resume what the failure names: that submission completes, the other stays unfinished.
    const resumed = await resumeSend({ submissionId: failure?.submissionId as string }, connection, history, fast);
    assert.equal(resumed.submissionId, mine.submissionId);
    const after = buildHistory((await history.readEvents()).events).submissions;
    assert.equal(after.find((record) => record.submissionId === mine.submissionId)?.status, 'complete');
    assert.equal(after.find((record) => record.submissionId === other.submissionId)?.status, 'incomplete');
  });

  it('resumes after an interruption (a new process): only the missing parts are sent, one submission in all', async () => {
    const { extract, history, connection } = await setup();
    const controller = new AbortController();
    await assert.rejects(
      sendExtract(extract, target, { key: hamar.encryptionKey, maxPartSize: 64 * 1024 }, connection, history, {
        ...fast,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.part && p.part.index >= 3) controller.abort();
        },
      }),
    );
    const interrupted = buildHistory((await history.readEvents()).events).submissions.at(-1);
    assert.ok(interrupted);
    assert.equal(interrupted.status, 'incomplete', 'cancelled, not failed');
    assert.equal(interrupted.lastFailure?.cancelled, true);
    assert.equal(interrupted.lastFailure?.resumable, true);
    assert.ok(interrupted.missingParts.length > 0 && interrupted.missingParts.length < interrupted.parts.length);
    assert.ok(existsSync(outgoingFolder(history, interrupted.clientReference)), 'encrypted parts kept for the resume');

    // "Restart": a fresh transport and history object, only the file on disk is shared.
    const freshTransport = await createTransport({ caFile: sandbox.info.caFile });
    try {
      const resumed = await resumeSend(
        { submissionId: interrupted.submissionId },
        { ...connection, dispatcher: freshTransport.dispatcher },
        new HistoryStore(history.filePath),
        fast,
      );
      assert.equal(resumed.submissionId, interrupted.submissionId);
      assert.deepEqual(resumed.partsSent, interrupted.missingParts, 'exactly the parts the server lacked');
    } finally {
      await freshTransport.close();
    }
    for (const part of interrupted.acknowledgedParts) {
      const puts: RequestRecord[] = partPuts(interrupted.submissionId).filter(
        (record) => record.path.endsWith(`/parts/${part.index}`) && record.status < 300,
      );
      assert.equal(puts.length, 1, `acknowledged part ${part.index} was not sent again`);
    }
    const finished = buildHistory((await history.readEvents()).events).submissions.find(
      (record) => record.submissionId === interrupted.submissionId,
    );
    assert.equal(finished?.status, 'complete');
  });

  it('a crash between "created on the server" and "recorded": the resume re-creates with the same reference and gets the same submission', async () => {
    const { extract, history, connection } = await setup(800);
    const clientReference = 'crash-test-reference-0001';
    const folder = outgoingFolder(history, clientReference);
    const manifest = await encryptArchive(extract, folder, {
      key: hamar.encryptionKey,
      maxPartSize: 64 * 1024,
      archiveName: 'IPLOS_0403_2025.zip',
    });
    const whole = createHash('sha256');
    for (const part of manifest.parts) whole.update(await readFile(join(folder, part.name)));
    const archive = { name: manifest.archive.name, totalSize: manifest.archive.size, sha256: whole.digest('hex') };
    await history.append({
      type: 'submission-intent',
      version: 1,
      at: new Date().toISOString(),
      clientReference,
      ...target,
      extract: {
        path: extract,
        name: 'IPLOS_0403_2025.xml',
        size: manifest.plaintext.size,
        sha256: manifest.plaintext.sha256,
      },
      archive,
    });
    // The create reached the server, then the process died before writing "created".
    const client = new IpisClient(transport.dispatcher, sandbox.info.ipisTestUrl, {
      municipality: '0403',
      kostraPin: hamar.kostraPin,
    });
    const lost = await client.create({
      municipality: '0403',
      bydel: '00',
      year: 2025,
      fileName: archive.name,
      partCount: manifest.parts.length,
      totalSize: archive.totalSize,
      sha256: archive.sha256,
      clientReference,
    });
    assert.deepEqual(
      buildHistory((await history.readEvents()).events).pendingIntents.map((intent) => intent.clientReference),
      [clientReference],
    );

    const result = await resumeSend({ clientReference }, connection, history, fast);
    assert.equal(result.submissionId, lost.id, 'the same submission, not a second one');
    assert.equal(
      [...sandbox.submissions.submissions.values()].filter(
        (submission) => submission.clientReference === clientReference,
      ).length,
      1,
    );
  });

  it('a wrong KOSTRA PIN is explained and not retried', async () => {
    const { extract, history, connection } = await setup(300);
    const creates = () =>
      sandbox.requests.filter(
        (record) => record.method === 'POST' && record.path === '/SendemodulTEST/api/v1/submissions',
      ).length;
    const before = creates();
    let reference: string | undefined;
    await assert.rejects(
      sendExtract(
        extract,
        target,
        { key: hamar.encryptionKey, maxPartSize: 64 * 1024 },
        { ...connection, kostraPin: '00000' },
        history,
        fast,
      ),
      (error: unknown) => {
        // The intent was recorded, the create refused: the failure names the send by its reference only.
        assert.ok(error instanceof SendFailedError, String(error));
        assert.ok(error.cause instanceof NetworkError);
        assert.equal(error.cause.status, 401);
        assert.equal(error.submissionId, undefined);
        assert.match(error.userMessage, /KOSTRA PIN/);
        assert.ok(!error.userMessage.includes('00000'), 'the PIN is not repeated');
        assert.ok(!error.detail.includes('00000'), 'nor in the detail');
        reference = error.clientReference;
        return true;
      },
    );
    assert.equal(creates() - before, 1);
    assert.ok(
      buildHistory((await history.readEvents()).events).pendingIntents.some(
        (intent) => intent.clientReference === reference,
      ),
      'the reference is the recorded intent',
    );
  });

  it('a part larger than the send module accepts: 413 explained with the setting to change', async () => {
    const small = await startSandbox({ port: 0, maxPartSize: 100 * 1024 });
    const smallTransport = await createTransport({ caFile: small.info.caFile });
    try {
      const { extract, history } = await setup();
      await assert.rejects(
        sendExtract(
          extract,
          target,
          { key: hamar.encryptionKey, maxPartSize: 512 * 1024 },
          { dispatcher: smallTransport.dispatcher, ipisUrl: small.info.ipisTestUrl, kostraPin: hamar.kostraPin },
          history,
          fast,
        ),
        (error: unknown) => {
          assert.ok(error instanceof SendFailedError, String(error));
          assert.ok(error.cause instanceof NetworkError);
          assert.equal(error.cause.status, 413);
          assert.match(error.remedy, /Max Part Size/);
          return true;
        },
      );
    } finally {
      await smallTransport.close();
      await small.stop();
    }
  });

  it('without the sandbox CA the send fails with the unknown-CA explanation and sends nothing', async () => {
    const { extract, history } = await setup(200);
    const untrusting = await createTransport();
    try {
      await assert.rejects(
        sendExtract(
          extract,
          target,
          { key: hamar.encryptionKey, maxPartSize: 64 * 1024 },
          { dispatcher: untrusting.dispatcher, ipisUrl: sandbox.info.ipisTestUrl, kostraPin: hamar.kostraPin },
          history,
          fast,
        ),
        (error: unknown) => {
          assert.ok(error instanceof SendFailedError, String(error));
          assert.ok(error.cause instanceof NetworkError);
          assert.equal(error.cause.kind, 'tls-unknown-ca');
          assert.equal(error.code, 'tls-unknown-ca');
          assert.match(error.remedy, /Ca File/);
          return true;
        },
      );
    } finally {
      await untrusting.close();
    }
  });
});
