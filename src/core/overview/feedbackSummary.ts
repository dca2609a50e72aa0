/**
 * What the year overview needs of a decrypted feedback folder: the error list's errors and
 * warnings. SSB's severities (Kritisk feil, Feil → errors; Advarsel → warnings) as the
 * feedback reader parses them (errorList.ts); information and success rows count as
 * neither. Reading is the viewer's reader (readFeedbackFolder), so a folder counts the
 * same rows here as the viewer shows.
 */
import { existsSync } from 'node:fs';
import { readFeedbackFolder, type ErrorRow, type FeedbackSet } from '../feedback';
import { IplosError } from '../errors';
import type { FeedbackCounts, FeedbackSummary } from './overviewRow';

/** Counts of the error lists in a feedback set (a set with no error list counts 0 and 0). */
export function countFeedback(set: FeedbackSet): FeedbackCounts {
  return countErrorRows(errorRows(set));
}

export function countErrorRows(rows: Iterable<ErrorRow>): FeedbackCounts {
  const counts: FeedbackCounts = { errors: 0, warnings: 0 };
  for (const row of rows) {
    if (row.severity === 'critical' || row.severity === 'error') counts.errors++;
    else if (row.severity === 'warning') counts.warnings++;
  }
  return counts;
}

/** Every error row of the set's error lists, in file order. */
export function errorRows(set: FeedbackSet): ErrorRow[] {
  return set.files.flatMap((file) => (file.kind === 'error-list' ? file.errors : []));
}

/** Reads a decrypted folder's counts; a folder that is gone or cannot be read says so instead of throwing. */
export async function readFeedbackSummary(
  folder: string | undefined,
  signal?: AbortSignal,
): Promise<{ summary: FeedbackSummary; set?: FeedbackSet }> {
  if (!folder) return { summary: { kind: 'not-decrypted' } };
  if (!existsSync(folder)) return { summary: { kind: 'missing', folder } };
  try {
    const set = await readFeedbackFolder(folder, signal ? { signal } : {});
    return { summary: { kind: 'read', counts: countFeedback(set) }, set };
  } catch (error) {
    if (signal?.aborted) throw error;
    return {
      summary: {
        kind: 'unreadable',
        reason: error instanceof IplosError ? error.userMessage : String((error as Error)?.message ?? error),
      },
    };
  }
}
