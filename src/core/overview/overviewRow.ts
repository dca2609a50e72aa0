/**
 * One row of the year overview: where one municipality profile (and district) stands in a
 * reporting year, in one environment — its last send, the feedback's state, the counts of
 * the latest feedback, the next deadline and the action needed. Data only: the rows are
 * built by buildYearOverview.ts, ranked by actionNeeded.ts, sorted by sortRows.ts and put
 * into words by describeRow.ts (the view and `iplos status` show the same words).
 */
import type { Environment, MunicipalityProfile } from '../config/settings';
import type { RoundCounts, SeverityCounts } from '../rounds';
import type { Deadline } from './deadlines';

export interface LastSend {
  submissionId: string;
  environment: Environment;
  /** When the send module gave the receipt. */
  sentAt: string;
  receiptId: string;
  extractName: string;
  extractPath: string;
}

/** A send that was started and not finished (after the last complete one): it can be resumed. */
export interface UnfinishedSend {
  /** Absent when it stopped before the submission was created (resume by the client reference). */
  submissionId?: string;
  clientReference: string;
  status: 'incomplete' | 'failed' | 'intent';
  at: string;
}

/** Errors (critical and error), warnings and the rest of SSB's error list: the rounds' counts (core/rounds). */
export type FeedbackCounts = SeverityCounts;

/** What reading a feedback folder gave: its counts (and the change since the round before, by core/rounds), or why there are none. */
export type FeedbackSummary =
  | { kind: 'read'; counts: FeedbackCounts; change?: RoundCounts }
  | { kind: 'not-decrypted' }
  | { kind: 'missing'; folder: string }
  | { kind: 'unreadable'; folder: string };

export interface LatestFeedback {
  fileId: string;
  fileName: string;
  /** When it was downloaded. */
  at: string;
  /** The decrypted folder, when there is one. */
  folder?: string;
  /** Whether it answers the last send (false: an earlier round's, while the last send waits). */
  answersLastSend: boolean;
  summary: FeedbackSummary;
}

/** Where the last round stands. */
export type FeedbackState = 'not-sent' | 'waiting' | 'received';

/** What the officer should do next, most urgent first in ACTION_ORDER (actionNeeded.ts). */
export type ActionNeeded = 'send' | 'resume' | 'fix-errors' | 'open-feedback' | 'wait' | 'none';

export interface OverviewRow {
  profile: MunicipalityProfile;
  /** profileId: `0403`, `0301-01`. */
  id: string;
  /** The profile's place in the configuration (the last tie-break of the sort). */
  order: number;
  lastSend?: LastSend;
  unfinished?: UnfinishedSend;
  feedback: FeedbackState;
  /** Set while waiting: when the last send got its receipt. */
  waitingSince?: string;
  latestFeedback?: LatestFeedback;
  /** The next deadline that matters for this row; absent once nothing is left to do. */
  deadline?: Deadline;
  /** The deadline has passed and what it asks for is not done. */
  overdue: boolean;
  action: ActionNeeded;
  /** 0 = most urgent (see actionNeeded.ts); the sort's first key. */
  urgency: number;
}

export interface YearOverview {
  /** The reporting year (the data's year; its deadlines fall in the next one). */
  year: number;
  environment: Environment;
  /** When it was made (ISO); days left count from this day. */
  at: string;
  rows: OverviewRow[];
}
