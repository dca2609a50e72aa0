/**
 * The whole "send an extract" routine shared by the CLI and the extension: encrypt and
 * split into a folder named after the send's client reference (so a resume after a
 * restart finds the very same bytes), send, and remove the encrypted copies once the
 * receipt is in. The caller checks the extract and confirms the environment first.
 *
 * A failure before anything is recorded (the encryption) is thrown as it is; every failure
 * after the send is recorded in the history is a SendFailedError naming that send.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Dispatcher } from 'undici';
import { encryptArchive } from '../archive';
import { buildHistory, type HistoryStore, type IntentRecord, type SubmissionRecord } from '../history';
import type { ExtractInfo } from '../history/historyEvents';
import { msg } from '../i18n';
import { IpisClient } from '../ipis/ipisClient';
import {
  resumeSubmission,
  startSubmission,
  type PreparedArchive,
  type SendOptions,
  type SendResult,
  type SendTarget,
} from '../ipis/sendSubmission';
import { sendFailed } from './sendFailedError';
import { SubmissionStateError } from './submissionStateError';

export interface SendConnection {
  dispatcher: Dispatcher;
  ipisUrl: string;
  kostraPin: string;
}

export interface EncryptionSettings {
  key: string;
  maxPartSize: number;
}

export interface SendExtractProgress {
  phase: 'encrypting' | 'creating' | 'uploading' | 'completing' | 'done';
  bytesDone: number;
  bytesTotal: number;
  bytesPerSecond?: number;
  etaSeconds?: number | undefined;
  part?: { index: number; count: number };
}

export type SendExtractOptions = Omit<SendOptions, 'onProgress'> & {
  onProgress?: (progress: SendExtractProgress) => void;
};

/** Where encrypted parts wait until their submission completes: beside the history file. */
export function outgoingFolder(history: HistoryStore, clientReference: string): string {
  return join(dirname(history.filePath), 'outgoing', clientReference);
}

export async function sendExtract(
  extractPath: string,
  target: SendTarget,
  encryption: EncryptionSettings,
  connection: SendConnection,
  history: HistoryStore,
  options: SendExtractOptions = {},
): Promise<SendResult> {
  const clientReference = randomUUID();
  const folder = outgoingFolder(history, clientReference);
  const manifest = await encryptArchive(extractPath, folder, {
    key: encryption.key,
    maxPartSize: encryption.maxPartSize,
    archiveName: `IPLOS_${target.municipality}${target.bydel === '00' ? '' : `_${target.bydel}`}_${target.year}.zip`,
    ...(options.signal ? { signal: options.signal } : {}),
    onProgress: ({ bytesDone, bytesTotal }) => options.onProgress?.({ phase: 'encrypting', bytesDone, bytesTotal }),
  });
  const extract: ExtractInfo = {
    path: extractPath,
    name: basename(extractPath),
    size: manifest.plaintext.size,
    sha256: manifest.plaintext.sha256,
  };
  const prepared: PreparedArchive = {
    folder,
    archive: {
      name: manifest.archive.name,
      totalSize: manifest.archive.size,
      sha256: await wholeArchiveSha256(manifest.parts.map((part) => join(folder, part.name))),
    },
    parts: manifest.parts.map((part, index) => ({
      index: index + 1,
      name: part.name,
      size: part.size,
      sha256: part.sha256,
    })),
  };
  const client = new IpisClient(connection.dispatcher, connection.ipisUrl, {
    municipality: target.municipality,
    kostraPin: connection.kostraPin,
  });
  const result = await startSubmission(client, history, target, extract, prepared, {
    ...options,
    clientReference,
    ...progressAdapter(options),
  });
  await rm(folder, { recursive: true, force: true });
  return result;
}

/**
 * Resumes an unfinished send recorded in the history: either a submission that was
 * created (send the missing parts), or an intent whose create may or may not have reached
 * the server (create again with the same reference — idempotent — then send).
 */
export async function resumeSend(
  reference: { submissionId?: string; clientReference?: string },
  connection: SendConnection,
  history: HistoryStore,
  options: SendExtractOptions = {},
): Promise<SendResult> {
  const state = buildHistory((await history.readEvents()).events);
  const record: SubmissionRecord | undefined = state.submissions.find(
    (candidate) =>
      candidate.submissionId === reference.submissionId ||
      (reference.clientReference !== undefined && candidate.clientReference === reference.clientReference),
  );
  if (record) {
    if (record.status === 'complete')
      throw new SubmissionStateError(
        msg(
          'Submission {0} is already complete (receipt {1}).',
          record.submissionId,
          String(record.receipt?.receiptId),
        ),
        msg('Nothing to resume.'),
        'already complete',
      );
    const client = new IpisClient(connection.dispatcher, record.endpoint, {
      municipality: record.municipality,
      kostraPin: connection.kostraPin,
    });
    const prepared: PreparedArchive = {
      folder: outgoingFolder(history, record.clientReference),
      archive: record.archive,
      parts: record.parts,
    };
    const send = { submissionId: record.submissionId, clientReference: record.clientReference };
    const result = await resumeSubmission(client, history, send, prepared, {
      ...options,
      ...progressAdapter(options),
    });
    await rm(prepared.folder, { recursive: true, force: true });
    return result;
  }
  const intent: IntentRecord | undefined = state.pendingIntents.find(
    (candidate) => candidate.clientReference === reference.clientReference,
  );
  if (!intent)
    throw new SubmissionStateError(
      msg('There is no unfinished send with that reference in the history.'),
      msg('Check the id with "iplos history", or start a new send.'),
      `no record for ${JSON.stringify(reference)}`,
    );
  // The intent is recorded already: whatever fails now, the caller resumes this very send.
  const folder = outgoingFolder(history, intent.clientReference);
  let result: SendResult;
  try {
    const parts = await partsInFolder(folder, intent.archive.name);
    const client = new IpisClient(connection.dispatcher, connection.ipisUrl, {
      municipality: intent.municipality,
      kostraPin: connection.kostraPin,
    });
    const target: SendTarget = {
      environment: intent.environment,
      municipality: intent.municipality,
      bydel: intent.bydel,
      year: intent.year,
    };
    result = await startSubmission(
      client,
      history,
      target,
      intent.extract,
      { folder, archive: intent.archive, parts },
      { ...options, clientReference: intent.clientReference, ...progressAdapter(options) },
    );
  } catch (error) {
    throw sendFailed(error, { clientReference: intent.clientReference });
  }
  await rm(folder, { recursive: true, force: true });
  return result;
}

function progressAdapter(options: SendExtractOptions): Pick<SendOptions, 'onProgress'> {
  return options.onProgress ? { onProgress: (progress) => options.onProgress?.(progress) } : {};
}

async function wholeArchiveSha256(paths: string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const path of paths) for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function partsInFolder(folder: string, archiveName: string): Promise<PreparedArchive['parts']> {
  const names = (await readdir(folder).catch(() => [] as string[]))
    .filter(
      (name) =>
        name === archiveName ||
        new RegExp(`^${archiveName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.\\d{3}$`).test(name),
    )
    .sort();
  if (names.length === 0)
    throw new SubmissionStateError(
      msg('The encrypted parts of this unfinished send are gone.'),
      msg('Start a new send of the extract.'),
      `no parts in ${folder}`,
    );
  const parts: PreparedArchive['parts'] = [];
  for (const [index, name] of names.entries()) {
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(join(folder, name))) hash.update(chunk as Buffer);
    parts.push({ index: index + 1, name, size: (await stat(join(folder, name))).size, sha256: hash.digest('hex') });
  }
  return parts;
}
