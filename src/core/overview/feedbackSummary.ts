/**
 * What the year overview needs of a decrypted feedback folder: the error list's errors and
 * warnings. The rows are the round's (core/rounds roundFromFeedback: the folder's error
 * list, as the viewer and the rounds comparison read it), so the counts and the change
 * since the round before count the same rows. SSB's severities: Kritisk feil and Feil are
 * errors, Advarsel warnings; information and success rows count as neither.
 */
import { existsSync } from 'node:fs';
import { IplosError } from '../errors';
import { readFeedbackFolder } from '../feedback';
import { roundFromFeedback, type RoundError, type RoundPlace } from '../rounds';
import type { FeedbackCounts, FeedbackSummary } from './overviewRow';

export function countErrors(rows: Iterable<Pick<RoundError, 'severity'>>): FeedbackCounts {
  const counts: FeedbackCounts = { errors: 0, warnings: 0 };
  for (const row of rows) {
    if (row.severity === 'critical' || row.severity === 'error') counts.errors++;
    else if (row.severity === 'warning') counts.warnings++;
  }
  return counts;
}

/** A decrypted folder read as a round, or why it could not be (gone, not decrypted, unreadable) — never a throw, but for a cancel. */
export async function readFeedbackRound(
  folder: string | undefined,
  place: RoundPlace,
  signal?: AbortSignal,
): Promise<{ errors: RoundError[] } | Exclude<FeedbackSummary, { kind: 'read' }>> {
  if (!folder) return { kind: 'not-decrypted' };
  if (!existsSync(folder)) return { kind: 'missing', folder };
  try {
    const set = await readFeedbackFolder(folder, signal ? { signal } : {});
    return { errors: roundFromFeedback(set, place).errors };
  } catch (error) {
    if (signal?.aborted) throw error;
    return { kind: 'unreadable', reason: error instanceof IplosError ? error.userMessage : String(error) };
  }
}
