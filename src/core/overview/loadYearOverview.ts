/**
 * The year overview with what the feedback holds: for each profile, the latest feedback's
 * folder is read as a round (its errors and warnings), and the round before it, when there
 * is one, to say what changed (core/rounds compareRounds: fixed, new, remaining). One
 * profile at a time, so memory stays that of the two largest feedback sets, not of 40. A
 * cache (the extension keeps one) skips what was read already: a decrypted download does
 * not change once written, and a new download has a new time.
 */
import { abortError, throwIfAborted } from '../abort';
import type { MunicipalityProfile } from '../config/settings';
import type { FeedbackRecord } from '../history';
import { msg } from '../i18n';
import { compareRounds, type RoundPlace } from '../rounds';
import { buildYearOverview, type YearOverviewInput } from './buildYearOverview';
import { countErrors, readFeedbackRound } from './feedbackSummary';
import type { FeedbackSummary, YearOverview } from './overviewRow';
import { latestTwoFeedback, profileRounds } from './profileRounds';

/** Read summaries by download (latest and previous: file id, time and folder); only readable ones are kept. */
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
    const { latest, previous } = latestTwoFeedback(rounds);
    if (!latest || summaries.has(latest.record.fileId)) continue;
    summaries.set(latest.record.fileId, await summaryOf(profile, latest.record, previous?.record, options));
  }
  return buildYearOverview({ ...input, summaries });
}

async function summaryOf(
  profile: MunicipalityProfile,
  latest: FeedbackRecord,
  previous: FeedbackRecord | undefined,
  options: LoadOverviewOptions,
): Promise<FeedbackSummary> {
  const key = [latest, previous].map((record) => (record ? downloadKey(record) : '')).join('\u0001');
  const cached = options.cache?.get(key);
  if (cached) return cached;
  const place: RoundPlace = { municipality: profile.number, bydel: profile.bydel ?? '00' };
  const current = await readFeedbackRound(latest.decryptedTo, place, options.signal);
  if ('kind' in current) return current;
  // The change needs the round before readable too; without it the counts still stand.
  const before = previous && (await readFeedbackRound(previous.decryptedTo, place, options.signal));
  const summary: FeedbackSummary = {
    kind: 'read',
    counts: countErrors(current.errors),
    ...(before && !('kind' in before) ? { change: compareRounds(before.errors, current.errors).counts } : {}),
  };
  options.cache?.set(key, summary);
  return summary;
}

function downloadKey(record: FeedbackRecord): string {
  return `${record.fileId}\u0000${record.at}\u0000${record.decryptedTo ?? ''}`;
}
