/**
 * Pairs the rows of two rounds by identity, as multisets: an identity that occurs twice before
 * and once now is one remaining and one fixed. Within an identity, rows pair in the order they
 * came (the first before with the first now), so the result is the same on every run.
 *
 * One pass over each list and a Map of the earlier rows' indices by identity: linear time,
 * memory for one key per earlier row (100 000 rows: see bench/rounds.bench.ts).
 */
import { errorIdentity, type RoundError } from './errorIdentity';

export interface ErrorMatch {
  /** Indices into the earlier list with no counterpart in the later one, ascending. */
  unmatchedEarlier: number[];
  /** Indices into the later list with no counterpart in the earlier one, ascending. */
  unmatchedLater: number[];
  /** `[earlierIndex, laterIndex]`, in the later list's order. */
  pairs: [number, number][];
}

export function matchErrors(earlier: readonly RoundError[], later: readonly RoundError[]): ErrorMatch {
  const waiting = new Map<string, { indices: number[]; next: number }>();
  earlier.forEach((error, index) => {
    const key = errorIdentity(error);
    const entry = waiting.get(key);
    if (entry) entry.indices.push(index);
    else waiting.set(key, { indices: [index], next: 0 });
  });
  const pairs: [number, number][] = [];
  const unmatchedLater: number[] = [];
  const matched = new Uint8Array(earlier.length);
  later.forEach((error, index) => {
    const entry = waiting.get(errorIdentity(error));
    const partner = entry && entry.next < entry.indices.length ? entry.indices[entry.next++] : undefined;
    if (partner === undefined) {
      unmatchedLater.push(index);
      return;
    }
    matched[partner] = 1;
    pairs.push([partner, index]);
  });
  const unmatchedEarlier: number[] = [];
  for (let index = 0; index < earlier.length; index++) if (matched[index] === 0) unmatchedEarlier.push(index);
  return { unmatchedEarlier, unmatchedLater, pairs };
}
