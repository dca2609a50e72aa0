/**
 * The year overview for a caller without the rounds at hand (`iplos status`): the rounds'
 * summaries (core/rounds summariseFeedbackRounds) of just the downloads the rows show —
 * each profile's latest and the round before it (previousFeedback) — so a history with
 * years of feedback is not read whole; then buildYearOverview. The extension passes
 * HistoryModel's summaries to buildYearOverview instead (already read for the history).
 */
import { abortError, throwIfAborted } from '../abort';
import type { FeedbackRecord } from '../history';
import { msg } from '../i18n';
import { previousFeedback, summariseFeedbackRounds } from '../rounds';
import { buildYearOverview, type YearOverviewInput } from './buildYearOverview';
import type { YearOverview } from './overviewRow';
import { latestFeedback, profileRounds } from './profileRounds';

export async function loadYearOverview(
  input: Omit<YearOverviewInput, 'rounds'>,
  options: { signal?: AbortSignal } = {},
): Promise<YearOverview> {
  throwIfAborted(options.signal, (signal) => abortError(msg('The year overview was cancelled.'), signal));
  const shown = new Set<FeedbackRecord>();
  for (const profile of input.profiles) {
    const latest = latestFeedback(profileRounds(input.history, profile, input.year, input.environment).rounds);
    if (!latest) continue;
    shown.add(latest.record);
    const before = previousFeedback(input.history, latest.record);
    if (before) shown.add(before);
  }
  // In the history's order: the round before of each shown download is among them, so its change is the same.
  const feedback = input.history.feedback.filter((record) => shown.has(record));
  const rounds = await summariseFeedbackRounds({ ...input.history, feedback }, options.signal);
  return buildYearOverview({ ...input, rounds });
}
