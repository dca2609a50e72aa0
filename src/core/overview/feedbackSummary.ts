/**
 * What the year overview says about a latest feedback download: its counts and the change
 * since the round before as core/rounds summarises them (summariseFeedbackRounds: the
 * error list of the decrypted folder, severityCounts, compareRounds with previousFeedback)
 * — one rule, the same numbers as the Submission history — or why there are none.
 */
import { existsSync } from 'node:fs';
import type { FeedbackRecord } from '../history';
import type { FeedbackRoundSummary } from '../rounds';
import type { FeedbackSummary } from './overviewRow';

export function overviewSummary(
  record: FeedbackRecord,
  rounds: ReadonlyMap<string, FeedbackRoundSummary>,
): FeedbackSummary {
  const round = rounds.get(record.fileId);
  if (round) return { kind: 'read', counts: round.counts, ...(round.change ? { change: round.change } : {}) };
  if (!record.decryptedTo) return { kind: 'not-decrypted' };
  // The rounds leave out a folder they could not read: gone, or there and unreadable.
  return existsSync(record.decryptedTo)
    ? { kind: 'unreadable', folder: record.decryptedTo }
    : { kind: 'missing', folder: record.decryptedTo };
}
