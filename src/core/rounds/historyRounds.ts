/**
 * Feedback rounds as the submission history sees them: every decrypted feedback download,
 * its error and warning counts, and the change since the round before — the previous
 * decrypted download for the same municipality, district, year and environment. Computed
 * from the decrypted folders each time, never stored: the rows quote client numbers
 * (personal data), and the history file holds no personal data (historyEvents.ts).
 */
import { readFeedbackFolder } from '../feedback/readFeedbackFolder';
import type { FeedbackRecord, History } from '../history/submissionHistory';
import { compareRounds, type RoundCounts } from './compareRounds';
import type { RoundError } from './errorIdentity';
import { roundFromFeedback } from './roundErrors';
import { severityCounts, type SeverityCounts } from './severityCounts';

export interface FeedbackRoundSummary {
  fileId: string;
  counts: SeverityCounts;
  /** The round before (its file id and download time); undefined for the first round. */
  previous?: { fileId: string; at: string };
  /** Fixed, new and remaining since `previous`; undefined when there is no previous round or it cannot be read. */
  change?: RoundCounts;
}

/** Of a download, the district and environment as the history compares them (`00`, and `test` when unknown). */
function placeOf(record: FeedbackRecord): string {
  return [record.municipality, record.bydel ?? '00', record.year ?? '', record.environment ?? 'test'].join('/');
}

/**
 * The decrypted download before `record` for the same municipality, district, year and
 * environment, in another folder (a folder holds one round: see feedbackFolderForRound.ts).
 */
export function previousFeedback(history: History, record: FeedbackRecord): FeedbackRecord | undefined {
  const place = placeOf(record);
  let previous: FeedbackRecord | undefined;
  for (const other of history.feedback) {
    if (other.fileId === record.fileId || !other.decryptedTo || other.decryptedTo === record.decryptedTo) continue;
    if (placeOf(other) !== place || Date.parse(other.at) >= Date.parse(record.at)) continue;
    if (!previous || Date.parse(other.at) > Date.parse(previous.at)) previous = other;
  }
  return previous;
}

/** The rows of one decrypted download; undefined when its folder is gone or unreadable. */
export async function readFeedbackRound(
  record: FeedbackRecord,
  signal?: AbortSignal,
): Promise<RoundError[] | undefined> {
  if (!record.decryptedTo) return undefined;
  try {
    const set = await readFeedbackFolder(record.decryptedTo, signal ? { signal } : {});
    return roundFromFeedback(set, { municipality: record.municipality, bydel: record.bydel ?? '00' }).errors;
  } catch (error) {
    if (signal?.aborted) throw error;
    return undefined;
  }
}

/**
 * A summary per decrypted download whose folder can be read, by file id. Each folder is read
 * once, however many rounds refer to it.
 */
export async function summariseFeedbackRounds(
  history: History,
  signal?: AbortSignal,
): Promise<Map<string, FeedbackRoundSummary>> {
  const rounds = new Map<string, RoundError[] | undefined>();
  const roundOf = async (record: FeedbackRecord): Promise<RoundError[] | undefined> => {
    if (!rounds.has(record.fileId)) rounds.set(record.fileId, await readFeedbackRound(record, signal));
    return rounds.get(record.fileId);
  };
  const summaries = new Map<string, FeedbackRoundSummary>();
  for (const record of history.feedback) {
    const current = await roundOf(record);
    if (!current) continue;
    const summary: FeedbackRoundSummary = { fileId: record.fileId, counts: severityCounts(current) };
    const before = previousFeedback(history, record);
    if (before) {
      summary.previous = { fileId: before.fileId, at: before.at };
      const previous = await roundOf(before);
      if (previous) summary.change = compareRounds(previous, current).counts;
    }
    summaries.set(record.fileId, summary);
  }
  return summaries;
}
