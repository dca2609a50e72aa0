/**
 * The year overview with what the feedback holds: for each profile, the latest feedback's
 * folder is read (readFeedbackSummary) — one folder at a time, so memory stays that of the
 * largest feedback, not of 40 — and the rows built by buildYearOverview. A cache (the
 * extension keeps one) skips folders already read: a decrypted download does not change
 * once written, and a new download has a new time.
 */
import { abortError, throwIfAborted } from '../abort';
import { msg } from '../i18n';
import type { FeedbackRecord } from '../history';
import { buildYearOverview, type YearOverviewInput } from './buildYearOverview';
import { readFeedbackSummary } from './feedbackSummary';
import type { FeedbackSummary, YearOverview } from './overviewRow';
import { latestTwoFeedback, profileRounds } from './profileRounds';

/** Read summaries by download (file id, time and folder); only readable ones are kept. */
export type FeedbackSummaryCache = Map<string, FeedbackSummary>;

export interface LoadOverviewOptions {
  signal?: AbortSignal;
  cache?: FeedbackSummaryCache;
}

export async function loadYearOverview(
  input: Omit<YearOverviewInput, 'summaries'>,
  options: LoadOverviewOptions = {},
): Promise<YearOverview> {
  const summaries = new Map<string, FeedbackSummary>();
  for (const profile of input.profiles) {
    throwIfAborted(options.signal, (signal) => abortError(msg('The year overview was cancelled.'), signal));
    const { rounds } = profileRounds(input.history, profile, input.year, input.environment);
    const { latest } = latestTwoFeedback(rounds);
    if (!latest || summaries.has(latest.record.fileId)) continue;
    summaries.set(latest.record.fileId, await summaryOf(latest.record, options));
  }
  return buildYearOverview({ ...input, summaries });
}

async function summaryOf(record: FeedbackRecord, options: LoadOverviewOptions): Promise<FeedbackSummary> {
  const key = `${record.fileId}\u0000${record.at}\u0000${record.decryptedTo ?? ''}`;
  const cached = options.cache?.get(key);
  if (cached) return cached;
  const { summary } = await readFeedbackSummary(record.decryptedTo, options.signal);
  if (summary.kind === 'read') options.cache?.set(key, summary);
  return summary;
}
