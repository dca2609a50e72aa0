/**
 * Sends encrypted parts to IPIS and survives interruptions, even a process restart:
 *
 * 1. an intent (with a fresh clientReference) is recorded in the history *before* the
 *    create request, and the server's create is idempotent on that reference — so a crash
 *    between "created" and "recorded" never leads to a second submission;
 * 2. the submission id is recorded before the first byte is uploaded;
 * 3. parts are streamed from disk, retried on network errors, 5xx and 429 (honouring
 *    Retry-After), and each acknowledgement's SHA-256 is checked;
 * 4. a resume reads the server's status and sends only the parts it lacks.
 *
 * Once the intent is recorded, every failure is a SendFailedError naming this send (its
 * client reference, and its submission id once that is recorded), so the caller resumes
 * exactly this one. A cancel is recorded as such, not as a failure of the send.
 */
import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isCancellation } from '../abort';
import type { HistoryStore } from '../history';
import type { ExtractInfo, HistoryEvent, PartInfo } from '../history/historyEvents';
import { msg } from '../i18n';
import { NetworkError } from '../net/networkError';
import { withRetry, type RetryOptions } from '../net/retry';
import { sendFailed, type RecordedSend } from '../send/sendFailedError';
import { SubmissionStateError } from '../send/submissionStateError';
import type { Environment, IpisClient, Receipt } from './ipisClient';
import { Throughput } from './throughput';

export interface SendTarget {
  environment: Environment;
  municipality: string;
  bydel: string;
  year: number;
}

export interface PreparedArchive {
  /** Folder holding the encrypted parts (kept until the send completes). */
  folder: string;
  archive: { name: string; totalSize: number; sha256: string };
  parts: PartInfo[];
}

export interface SendProgress {
  phase: 'creating' | 'uploading' | 'completing' | 'done';
  bytesDone: number;
  bytesTotal: number;
  bytesPerSecond: number;
  etaSeconds: number | undefined;
  part?: { index: number; count: number };
}

export interface SendOptions {
  signal?: AbortSignal;
  onProgress?: (progress: SendProgress) => void;
  /** Log lines (no secrets). */
  onLog?: (message: string) => void;
  retry?: RetryOptions;
}

export interface SendResult {
  submissionId: string;
  receipt: Receipt;
  /** Parts sent in this call (a resume sends fewer than all). */
  partsSent: number[];
}

export async function startSubmission(
  client: IpisClient,
  history: HistoryStore,
  target: SendTarget,
  extract: ExtractInfo,
  prepared: PreparedArchive,
  options: SendOptions & { clientReference?: string } = {},
): Promise<SendResult> {
  const clientReference = options.clientReference ?? randomUUID();
  const at = (): string => new Date().toISOString();
  await append(history, {
    type: 'submission-intent',
    version: 1,
    at: at(),
    clientReference,
    ...target,
    extract,
    archive: prepared.archive,
  });
  const send: RecordedSend = { clientReference };
  try {
    options.onProgress?.({
      phase: 'creating',
      bytesDone: 0,
      bytesTotal: prepared.archive.totalSize,
      bytesPerSecond: 0,
      etaSeconds: undefined,
    });
    const created = await withRetry(
      () =>
        client.create(
          {
            municipality: target.municipality,
            bydel: target.bydel,
            year: target.year,
            fileName: prepared.archive.name,
            partCount: prepared.parts.length,
            totalSize: prepared.archive.totalSize,
            sha256: prepared.archive.sha256,
            clientReference,
          },
          options.signal,
        ),
      retryOptions(options, 'create the submission'),
    );
    await append(history, {
      type: 'submission-created',
      version: 1,
      at: at(),
      submissionId: created.id,
      clientReference,
      ...target,
      endpoint: client.baseUrl,
      extract,
      archive: prepared.archive,
      parts: prepared.parts,
    });
    send.submissionId = created.id;
    options.onLog?.(`Submission ${created.id} created at ${client.baseUrl} (${prepared.parts.length} part(s)).`);
    return await uploadAndComplete(client, history, created.id, prepared, created.missingParts, options);
  } catch (error) {
    throw sendFailed(error, send);
  }
}

/** Continues a recorded submission: asks the server which parts it has and sends the rest. */
export async function resumeSubmission(
  client: IpisClient,
  history: HistoryStore,
  send: Required<RecordedSend>,
  prepared: PreparedArchive,
  options: SendOptions = {},
): Promise<SendResult> {
  const { submissionId } = send;
  try {
    const status = await withRetry(
      () => client.get(submissionId, options.signal),
      retryOptions(options, 'read the submission status'),
    );
    if (status.receipt) {
      await recordCompletion(history, submissionId, status.receipt);
      return { submissionId, receipt: status.receipt, partsSent: [] };
    }
    options.onLog?.(
      `Resuming submission ${submissionId}: the send module has ${status.partCount - status.missingParts.length} of ${status.partCount} part(s).`,
    );
    return await uploadAndComplete(client, history, submissionId, prepared, status.missingParts, options);
  } catch (error) {
    throw sendFailed(error, send);
  }
}

async function uploadAndComplete(
  client: IpisClient,
  history: HistoryStore,
  submissionId: string,
  prepared: PreparedArchive,
  missing: number[],
  options: SendOptions,
): Promise<SendResult> {
  try {
    await checkPartsOnDisk(prepared, missing);
    const total = prepared.archive.totalSize;
    let done = prepared.parts.filter((part) => !missing.includes(part.index)).reduce((sum, part) => sum + part.size, 0);
    const meter = new Throughput();
    const report = (phase: SendProgress['phase'], part?: SendProgress['part']): void => {
      const rate = meter.sample(done);
      options.onProgress?.({
        phase,
        bytesDone: done,
        bytesTotal: total,
        bytesPerSecond: rate,
        etaSeconds: meter.etaSeconds(done, total),
        ...(part ? { part } : {}),
      });
    };
    for (const index of missing) {
      const part = prepared.parts.find((candidate) => candidate.index === index) as PartInfo;
      let sentThisAttempt = 0;
      const acknowledgement = await withRetry(
        () => {
          done -= sentThisAttempt; // a retry sends the whole part again
          sentThisAttempt = 0;
          return client.uploadPart(
            submissionId,
            index,
            { path: join(prepared.folder, part.name), size: part.size, sha256: part.sha256 },
            {
              ...(options.signal ? { signal: options.signal } : {}),
              onBytes: (bytes) => {
                sentThisAttempt += bytes;
                done += bytes;
                report('uploading', { index, count: prepared.parts.length });
              },
            },
          );
        },
        retryOptions(options, `send part ${index}`),
      );
      if (acknowledgement.sha256.toLowerCase() !== part.sha256 || acknowledgement.size !== part.size) {
        throw new NetworkError(
          'integrity',
          msg('The send module acknowledged part {0} with another checksum than the one sent.', index),
          msg('Send again; if it repeats, contact SSB.'),
          `expected ${part.sha256}/${part.size}, got ${acknowledgement.sha256}/${acknowledgement.size}`,
        );
      }
      await append(history, {
        type: 'part-sent',
        version: 1,
        at: new Date().toISOString(),
        submissionId,
        index,
        size: part.size,
        sha256: part.sha256,
      });
    }
    report('completing');
    const receipt = await withRetry(
      () => client.complete(submissionId, options.signal),
      retryOptions(options, 'complete the submission'),
    );
    if (receipt.sha256.toLowerCase() !== prepared.archive.sha256 || receipt.totalSize !== total) {
      throw new NetworkError(
        'integrity',
        msg('The receipt does not match what was sent.'),
        msg('Contact SSB with the receipt id; keep the extract.'),
        `receipt ${receipt.receiptId}: ${receipt.sha256}/${receipt.totalSize}`,
      );
    }
    await recordCompletion(history, submissionId, receipt);
    options.onProgress?.({
      phase: 'done',
      bytesDone: total,
      bytesTotal: total,
      bytesPerSecond: meter.sample(total),
      etaSeconds: 0,
    });
    return { submissionId, receipt, partsSent: missing };
  } catch (error) {
    // The user's own cancel is recorded as one, so the history does not show it as a failure.
    const cancelled = options.signal?.aborted === true || isCancellation(error);
    await append(history, {
      type: 'submission-failed',
      version: 1,
      at: new Date().toISOString(),
      submissionId,
      reason: cancelled ? 'Cancelled.' : String((error as Error)?.message ?? error),
      resumable: true,
      ...(cancelled ? { cancelled: true } : {}),
    }).catch(() => undefined);
    throw error;
  }
}

async function recordCompletion(history: HistoryStore, submissionId: string, receipt: Receipt): Promise<void> {
  await append(history, {
    type: 'submission-completed',
    version: 1,
    at: new Date().toISOString(),
    submissionId,
    receipt: {
      receiptId: receipt.receiptId,
      completedAt: receipt.completedAt,
      totalSize: receipt.totalSize,
      sha256: receipt.sha256,
    },
  });
}

async function checkPartsOnDisk(prepared: PreparedArchive, missing: number[]): Promise<void> {
  for (const index of missing) {
    const part = prepared.parts.find((candidate) => candidate.index === index);
    const size = part
      ? await stat(join(prepared.folder, part.name)).then(
          (info) => info.size,
          () => -1,
        )
      : -1;
    if (!part || size !== part.size) {
      throw new SubmissionStateError(
        msg('The encrypted part {0} of this submission is no longer on disk.', index),
        msg('Start a new send of the extract; the unfinished submission will simply never be completed.'),
        `part ${index} missing or changed in ${prepared.folder}`,
      );
    }
  }
}

function retryOptions(options: SendOptions, what: string): RetryOptions {
  return {
    ...options.retry,
    ...(options.signal ? { signal: options.signal } : {}),
    onRetry: ({ attempt, delayMs, error }) => {
      options.onLog?.(
        `Could not ${what} (${error.message} ${error.detail}); attempt ${attempt + 1} in ${(delayMs / 1000).toFixed(1)} s.`,
      );
      options.retry?.onRetry?.({ attempt, delayMs, error });
    },
  };
}

function append(history: HistoryStore, event: HistoryEvent): Promise<void> {
  return history.append(event);
}
