/**
 * - `complete`: the server gave a receipt. Final: nothing recorded later changes it.
 * - `failed`: not complete, and the last thing recorded for it is a failure.
 * - `incomplete`: not complete and not failed — being sent, cancelled by the user (a
 *   cancel is recorded like a failure, marked `cancelled`, but is none), or interrupted
 *   without a recorded failure (the process was killed). Parts sent after a failure (a
 *   resume) make a failed submission incomplete again.
 */
import { toExcelCsv } from '../format/excelCsv';
import type {
  ArchiveInfo,
  ExtractInfo,
  FeedbackDownloadedEvent,
  HistoryEvent,
  PartInfo,
  SubmissionEnvironment,
  SubmissionIntentEvent,
  SubmissionReceipt,
} from './historyEvents';

export type SubmissionStatus = 'complete' | 'incomplete' | 'failed';

export interface AcknowledgedPart {
  index: number;
  size: number;
  sha256: string;
  /** When the acknowledgement was recorded (the first one, if the part was sent again). */
  at: string;
}

export interface SubmissionFailure {
  at: string;
  reason: string;
  resumable: boolean;
  /** True when the user cancelled (the status stays `incomplete`); absent otherwise. */
  cancelled?: boolean;
}

export interface SubmissionRecord {
  submissionId: string;
  clientReference: string;
  environment: SubmissionEnvironment;
  endpoint: string;
  municipality: string;
  bydel: string;
  year: number;
  /** When `submission-created` was recorded. */
  createdAt: string;
  /** The time of the last event about this submission. */
  updatedAt: string;
  extract: ExtractInfo;
  archive: ArchiveInfo;
  parts: PartInfo[];
  /** Parts the server acknowledged with the hash we planned, by index. */
  acknowledgedParts: AcknowledgedPart[];
  /** Part indexes without an acknowledgement, ascending; empty once complete. */
  missingParts: number[];
  receipt?: SubmissionReceipt;
  /** The last failure recorded, kept after a resume or completion for the record. */
  lastFailure?: SubmissionFailure;
  status: SubmissionStatus;
}

/** A create that was started but never recorded as done: resume it with the same reference. */
export type IntentRecord = Omit<SubmissionIntentEvent, 'type' | 'version'>;

/** The latest download of each feedback file (by file id). */
export type FeedbackRecord = Omit<FeedbackDownloadedEvent, 'type' | 'version'>;

export interface History {
  /** In the order they were created. */
  submissions: SubmissionRecord[];
  /** In the order of their latest download. */
  feedback: FeedbackRecord[];
  /** Latest intent per client reference that no `submission-created` answered, oldest first. */
  pendingIntents: IntentRecord[];
}

/**
 * Rebuilds the state from the events (in file order). Events about a submission id that was
 * never recorded as created (its line was torn or damaged) are left out: without the created
 * event there is nothing to show or resume for it.
 */
export function buildHistory(events: readonly HistoryEvent[]): History {
  const submissions = new Map<string, SubmissionRecord>();
  const createdReferences = new Set<string>();
  for (const event of events) {
    if (event.type !== 'submission-created') continue;
    createdReferences.add(event.clientReference);
    // A create repeated after a resume returns the same submission: the first one counts.
    if (submissions.has(event.submissionId)) continue;
    const { type: _type, version: _version, at, ...details } = event;
    submissions.set(event.submissionId, {
      ...details,
      createdAt: at,
      updatedAt: at,
      acknowledgedParts: [],
      missingParts: [],
      status: 'incomplete',
    });
  }

  const intents = new Map<string, IntentRecord>();
  const feedback = new Map<string, FeedbackRecord>();
  const acknowledged = new Map<string, Map<number, AcknowledgedPart>>();
  const lastWasFailure = new Map<string, boolean>();
  for (const event of events) {
    switch (event.type) {
      case 'submission-intent': {
        if (createdReferences.has(event.clientReference)) break;
        const { type: _type, version: _version, ...intent } = event;
        intents.delete(event.clientReference); // re-insert: keep the order of the latest
        intents.set(event.clientReference, intent);
        break;
      }
      case 'feedback-downloaded': {
        const { type: _type, version: _version, ...download } = event;
        feedback.delete(event.fileId);
        feedback.set(event.fileId, download);
        break;
      }
      case 'part-sent': {
        const record = submissions.get(event.submissionId);
        if (!record) break;
        touch(record, event.at);
        lastWasFailure.set(record.submissionId, false);
        const planned = record.parts.find((part) => part.index === event.index);
        // An acknowledgement of other bytes than the part we planned does not make it sent.
        if (!planned || planned.sha256.toLowerCase() !== event.sha256.toLowerCase()) break;
        const parts = acknowledged.get(record.submissionId) ?? new Map<number, AcknowledgedPart>();
        acknowledged.set(record.submissionId, parts);
        if (!parts.has(event.index))
          parts.set(event.index, { index: event.index, size: event.size, sha256: event.sha256, at: event.at });
        break;
      }
      case 'submission-completed': {
        const record = submissions.get(event.submissionId);
        if (!record) break;
        touch(record, event.at);
        record.receipt ??= event.receipt; // completing again returns the same receipt
        break;
      }
      case 'submission-failed': {
        const record = submissions.get(event.submissionId);
        if (!record) break;
        touch(record, event.at);
        record.lastFailure = {
          at: event.at,
          reason: event.reason,
          resumable: event.resumable,
          ...(event.cancelled ? { cancelled: true } : {}),
        };
        lastWasFailure.set(record.submissionId, event.cancelled !== true);
        break;
      }
      case 'submission-created':
        break;
    }
  }

  for (const record of submissions.values()) {
    const parts = acknowledged.get(record.submissionId) ?? new Map<number, AcknowledgedPart>();
    record.acknowledgedParts = [...parts.values()].sort((a, b) => a.index - b.index);
    // A receipt means the server holds every part, even if some acknowledgement lines were lost.
    record.missingParts = record.receipt
      ? []
      : record.parts
          .map((part) => part.index)
          .filter((index) => !parts.has(index))
          .sort((a, b) => a - b);
    const unfinished = lastWasFailure.get(record.submissionId) ? 'failed' : 'incomplete';
    record.status = record.receipt ? 'complete' : unfinished;
  }
  return {
    submissions: [...submissions.values()],
    feedback: [...feedback.values()],
    pendingIntents: [...intents.values()],
  };
}

function touch(record: SubmissionRecord, at: string): void {
  if (Date.parse(at) >= Date.parse(record.updatedAt)) record.updatedAt = at;
}

/**
 * The newest completed submission (by the receipt's completion time) for a municipality and
 * year, e.g. to find the extract a feedback file is about. Feedback names also carry the
 * district and the environment (`<knr><bydel>_iplos_<year>[_test].zip`); pass them to
 * tell Oslo's districts, or test from production, apart.
 */
export function latestCompletedSubmission(
  records: readonly SubmissionRecord[],
  municipality: string,
  year: number,
  filter: { bydel?: string; environment?: SubmissionEnvironment } = {},
): SubmissionRecord | undefined {
  let latest: SubmissionRecord | undefined;
  for (const record of records) {
    if (!record.receipt || record.municipality !== municipality || record.year !== year) continue;
    if (filter.bydel !== undefined && record.bydel !== filter.bydel) continue;
    if (filter.environment !== undefined && record.environment !== filter.environment) continue;
    // `>=`: of two with the same time, the one recorded later wins.
    if (!latest?.receipt || Date.parse(record.receipt.completedAt) >= Date.parse(latest.receipt.completedAt))
      latest = record;
  }
  return latest;
}

/**
 * The unfinished sends (created, not complete) for a municipality, district, year and
 * environment, oldest first: before a new send, the officer is told they can be resumed
 * instead (the extension's confirmation and `iplos send` alike).
 */
export function unfinishedSubmissions(
  history: History,
  target: { municipality: string; bydel?: string; year: number; environment: SubmissionEnvironment },
): SubmissionRecord[] {
  return history.submissions.filter(
    (record) =>
      record.status !== 'complete' &&
      record.municipality === target.municipality &&
      (target.bydel === undefined || record.bydel === target.bydel) &&
      record.year === target.year &&
      record.environment === target.environment,
  );
}

/**
 * Feedback downloads about a submission: same municipality, district, year and
 * environment, downloaded after it was created — newest first. SSB answers the latest
 * submission of a year, so a newer submission takes the feedback over.
 */
export function feedbackForSubmission(history: History, record: SubmissionRecord): FeedbackRecord[] {
  const later = history.submissions.filter(
    (other) =>
      other !== record &&
      other.municipality === record.municipality &&
      other.bydel === record.bydel &&
      other.year === record.year &&
      other.environment === record.environment &&
      Date.parse(other.createdAt) > Date.parse(record.createdAt),
  );
  const until =
    later.length > 0 ? Math.min(...later.map((other) => Date.parse(other.createdAt))) : Number.POSITIVE_INFINITY;
  return history.feedback
    .filter(
      (download) =>
        download.municipality === record.municipality &&
        download.year === record.year &&
        (download.bydel ?? '00') === record.bydel &&
        (download.environment ?? record.environment) === record.environment,
    )
    .filter((download) => Date.parse(download.at) >= Date.parse(record.createdAt) && Date.parse(download.at) < until)
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}

export const CSV_COLUMNS = [
  'year',
  'municipality',
  'bydel',
  'environment',
  'created',
  'status',
  'receiptId',
  'completedAt',
  'extract name',
  'extract size',
  'archive SHA-256',
  'parts',
] as const;

/**
 * The submissions as a table for Excel, written by `toExcelCsv` (`;`-separated, CRLF, a
 * UTF-8 byte order mark, formula-like cells such as a hostile file name neutralised).
 * Write the string as UTF-8. Times are ISO strings; sizes in bytes; `parts` is the number
 * of parts.
 */
export function toCsv(records: readonly SubmissionRecord[]): string {
  const rows = records.map((record) => [
    String(record.year),
    record.municipality,
    record.bydel,
    record.environment,
    record.createdAt,
    record.status,
    record.receipt?.receiptId ?? '',
    record.receipt?.completedAt ?? '',
    record.extract.name,
    String(record.extract.size),
    record.archive.sha256,
    String(record.parts.length),
  ]);
  return toExcelCsv([[...CSV_COLUMNS], ...rows]);
}
