/**
 * One feedback round against the round before (SSB's error list against SSB's error list):
 * what was fixed, what is new, what remains. "Fixed" means "SSB no longer reports it", by the
 * identity of errorIdentity.ts — a client renumbered between extracts counts as fixed + new.
 */
import type { RoundError } from './errorIdentity';
import { matchErrors } from './matchErrors';

/** A row's place in a comparison: `fixed` rows are the previous round's, the others the current one's. */
export type RoundStatus = 'fixed' | 'new' | 'remaining';

export interface RoundCounts {
  fixed: number;
  new: number;
  remaining: number;
}

export interface RoundComparison {
  kind: 'compared';
  /** Indices into the previous round's rows that the current round no longer has, ascending. */
  fixed: number[];
  /** Indices into the current round's rows that the previous round did not have, ascending. */
  new: number[];
  /** `[previousIndex, currentIndex]` of the same error in both, in the current round's order. */
  remaining: [number, number][];
  counts: RoundCounts;
}

/** There is no round before this one (the first feedback of the year, or it was deleted): nothing is fixed or new. */
export interface NoPreviousRound {
  kind: 'no-previous';
  /** Rows in the current round. */
  current: number;
}

export function compareRounds(previous: readonly RoundError[], current: readonly RoundError[]): RoundComparison {
  const match = matchErrors(previous, current);
  return {
    kind: 'compared',
    fixed: match.unmatchedEarlier,
    new: match.unmatchedLater,
    remaining: match.pairs,
    counts: { fixed: match.unmatchedEarlier.length, new: match.unmatchedLater.length, remaining: match.pairs.length },
  };
}

/** `compareRounds`, or "no previous round" when there is none (undefined) — not "everything is new". */
export function compareWithPrevious(
  previous: readonly RoundError[] | undefined,
  current: readonly RoundError[],
): RoundComparison | NoPreviousRound {
  return previous === undefined ? { kind: 'no-previous', current: current.length } : compareRounds(previous, current);
}

/** The status of each row of the current round (`new` or `remaining`), by its index. */
export function currentRowStatuses(comparison: RoundComparison, currentLength: number): RoundStatus[] {
  const statuses = new Array<RoundStatus>(currentLength).fill('new');
  for (const [, index] of comparison.remaining) statuses[index] = 'remaining';
  return statuses;
}
