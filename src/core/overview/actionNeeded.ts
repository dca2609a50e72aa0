/**
 * The one rule for what a row asks of the officer, which deadline applies, and how urgent
 * it is. The order is what an IT cooperation with many municipalities works through first:
 *
 * 0 overdue      a deadline passed with its work undone (not sent by the reporting deadline,
 *                or SSB's errors not fixed by the correction deadline)
 * 1 not sent     no complete send yet, or a newer send left unfinished (resume it)
 * 2 errors       SSB's feedback on the last send has errors: fix them in the EPJ, send again
 * 3 open         feedback downloaded but not readable here (not decrypted, moved, damaged)
 * 4 waiting      sent; SSB has not answered yet (nothing to do but wait)
 * 5 done         SSB's feedback on the last send has no errors
 *
 * Waiting is never overdue: SSB's answer is not the officer's to give.
 */
import { deadline, type DeadlineSettings } from './deadlines';
import type { ActionNeeded, FeedbackState, LastSend, LatestFeedback, OverviewRow, UnfinishedSend } from './overviewRow';

export const URGENCY = { overdue: 0, notSent: 1, errors: 2, openFeedback: 3, waiting: 4, done: 5 } as const;

export interface RowFacts {
  year: number;
  lastSend?: LastSend;
  unfinished?: UnfinishedSend;
  feedback: FeedbackState;
  latestFeedback?: LatestFeedback;
}

export type RowVerdict = Pick<OverviewRow, 'action' | 'deadline' | 'overdue' | 'urgency'>;

export function actionNeeded(facts: RowFacts, settings: DeadlineSettings, now: Date): RowVerdict {
  const reporting = (): OverviewRow['deadline'] => deadline('reporting', facts.year, settings, now);
  const correction = (): OverviewRow['deadline'] => deadline('correction', facts.year, settings, now);
  const action = (
    what: ActionNeeded,
    due: OverviewRow['deadline'],
    urgency: number,
    canBeLate: boolean,
  ): RowVerdict => {
    const overdue = canBeLate && due !== undefined && due.daysLeft < 0;
    return { action: what, ...(due ? { deadline: due } : {}), overdue, urgency: overdue ? URGENCY.overdue : urgency };
  };

  if (!facts.lastSend) return action(facts.unfinished ? 'resume' : 'send', reporting(), URGENCY.notSent, true);
  // A newer send was started after the last complete one: finishing it is the correction.
  if (facts.unfinished) return action('resume', correction(), URGENCY.notSent, true);
  if (facts.feedback === 'waiting') return action('wait', correction(), URGENCY.waiting, false);
  const summary = facts.latestFeedback?.summary;
  if (!summary || summary.kind !== 'read') return action('open-feedback', correction(), URGENCY.openFeedback, false);
  if (summary.counts.errors > 0) return action('fix-errors', correction(), URGENCY.errors, true);
  return action('none', undefined, URGENCY.done, false);
}
