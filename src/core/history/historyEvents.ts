/**
 * The events of the submission history: one JSON line each in an append-only file shared by
 * the CLI and the extension. Events are facts that happened; state (is a submission complete,
 * which parts are missing) is always rebuilt from them, never stored.
 *
 * Rules for every event, because the file outlives the code that wrote it:
 * - `version` is 1. A later version may only add fields to an event; a change that older
 *   readers would misread needs a new `type` (older readers skip unknown types).
 * - `at` is an ISO 8601 time (`new Date().toISOString()`).
 * - No secrets (keys, PINs, passwords, tokens) and no personal data beyond file names.
 */

export const HISTORY_EVENT_VERSION = 1;

export type SubmissionEnvironment = 'test' | 'production';

/** The plaintext extract from the EPJ system, as it was when the archive was made. */
export interface ExtractInfo {
  path: string;
  name: string;
  size: number;
  sha256: string;
}

/** The encrypted zip as a whole: all parts concatenated in order. */
export interface ArchiveInfo {
  name: string;
  totalSize: number;
  sha256: string;
}

export interface PartInfo {
  /** 1-based, as the IPIS API counts. */
  index: number;
  name: string;
  size: number;
  sha256: string;
}

export interface SubmissionReceipt {
  receiptId: string;
  completedAt: string;
  totalSize: number;
  sha256: string;
}

interface EventBase {
  version: typeof HISTORY_EVENT_VERSION;
  at: string;
}

/**
 * Written BEFORE the server call that creates a submission. If we crash after the server
 * created it but before `submission-created` was stored, the intent is left without one, and
 * re-creating with the same `clientReference` returns the same submission (the create is
 * idempotent on it), so the upload can resume instead of starting a second submission.
 */
export interface SubmissionIntentEvent extends EventBase {
  type: 'submission-intent';
  clientReference: string;
  environment: SubmissionEnvironment;
  municipality: string;
  bydel: string;
  year: number;
  extract: ExtractInfo;
  archive: ArchiveInfo;
}

export interface SubmissionCreatedEvent extends EventBase {
  type: 'submission-created';
  submissionId: string;
  clientReference: string;
  environment: SubmissionEnvironment;
  /** The send module's base URL (credentials, query and fragment are never stored). */
  endpoint: string;
  /** Four digits (kommunenummer). */
  municipality: string;
  /** Two digits; `00` when the municipality has no districts. */
  bydel: string;
  year: number;
  extract: ExtractInfo;
  archive: ArchiveInfo;
  parts: PartInfo[];
}

export interface PartSentEvent extends EventBase {
  type: 'part-sent';
  submissionId: string;
  index: number;
  size: number;
  /** The hash the server acknowledged for the bytes it received. */
  sha256: string;
}

export interface SubmissionCompletedEvent extends EventBase {
  type: 'submission-completed';
  submissionId: string;
  receipt: SubmissionReceipt;
}

export interface SubmissionFailedEvent extends EventBase {
  type: 'submission-failed';
  submissionId: string;
  /** Short and for people; never a secret, never a server body (stored at most 500 characters). */
  reason: string;
  /** Whether sending the missing parts later can still finish this submission. */
  resumable: boolean;
  /** The user cancelled: not a failure of the send. Absent on lines written before it existed (and on failures). */
  cancelled?: boolean;
}

export interface FeedbackDownloadedEvent extends EventBase {
  type: 'feedback-downloaded';
  /** The file's id in SSB's file portal. */
  fileId: string;
  fileName: string;
  size: number;
  /** SHA-1 as the portal lists it; the download was verified against it. */
  sha1: string;
  municipality: string;
  year?: number;
  bydel?: string;
  environment?: SubmissionEnvironment;
  /** The verified zip; undefined when it was deleted after decrypting. */
  downloadedTo?: string;
  /** The folder it was decrypted into, and the names of the files there; both or neither. */
  decryptedTo?: string;
  files?: string[];
}

export type HistoryEvent =
  | SubmissionIntentEvent
  | SubmissionCreatedEvent
  | PartSentEvent
  | SubmissionCompletedEvent
  | SubmissionFailedEvent
  | FeedbackDownloadedEvent;

export type HistoryEventType = HistoryEvent['type'];

export const HISTORY_EVENT_TYPES: readonly HistoryEventType[] = [
  'submission-intent',
  'submission-created',
  'part-sent',
  'submission-completed',
  'submission-failed',
  'feedback-downloaded',
];
