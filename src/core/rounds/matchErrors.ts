/**
 * Pairs the rows of two rounds by identity, as multisets: an identity that occurs twice before
 * and once now is one remaining and one fixed. Within an identity, rows pair in the order they
 * came (the first before with the first now), so the result is the same on every run.
 *
 * One pass over each list and a Map from a 32-bit hash of the identity to the earlier rows
 * waiting with it: linear time, a number per earlier row. Not the identity string as key: a Map
 * of 100 000 built strings spends most of its time flattening and hashing them (measured 5× slower,
 * bench/rounds.bench.ts). Rows with the same hash are compared field by field, so a collision
 * never pairs two different errors.
 */
import { sameIdentity, type RoundError } from './errorIdentity';

export interface ErrorMatch {
  /** Indices into the earlier list with no counterpart in the later one, ascending. */
  unmatchedEarlier: number[];
  /** Indices into the later list with no counterpart in the earlier one, ascending. */
  unmatchedLater: number[];
  /** `[earlierIndex, laterIndex]`, in the later list's order. */
  pairs: [number, number][];
}

export function matchErrors(earlier: readonly RoundError[], later: readonly RoundError[]): ErrorMatch {
  // Per hash, the earlier rows still waiting for a partner, as a linked list in file order:
  // `waiting` holds the first one's index, `next[i]` the one after row i (-1: none).
  const waiting = new Map<number, number>();
  const next = new Int32Array(earlier.length);
  for (let index = earlier.length - 1; index >= 0; index--) {
    const hash = identityHash(earlier[index] as RoundError);
    next[index] = waiting.get(hash) ?? -1;
    waiting.set(hash, index);
  }
  const pairs: [number, number][] = [];
  const unmatchedLater: number[] = [];
  const matched = new Uint8Array(earlier.length);
  for (let index = 0; index < later.length; index++) {
    const error = later[index] as RoundError;
    const hash = identityHash(error);
    let previous = -1;
    let candidate = waiting.get(hash) ?? -1;
    while (candidate >= 0 && !sameIdentity(earlier[candidate] as RoundError, error)) {
      previous = candidate;
      candidate = next[candidate] as number;
    }
    if (candidate < 0) {
      unmatchedLater.push(index);
      continue;
    }
    // Take the partner out of its list: it pairs once.
    if (previous < 0) waiting.set(hash, next[candidate] as number);
    else next[previous] = next[candidate] as number;
    matched[candidate] = 1;
    pairs.push([candidate, index]);
  }
  const unmatchedEarlier: number[] = [];
  for (let index = 0; index < earlier.length; index++) if (matched[index] === 0) unmatchedEarlier.push(index);
  return { unmatchedEarlier, unmatchedLater, pairs };
}

/** FNV-1a (32 bit) over the identity's fields, each ended by a separator so that field borders count. */
function identityHash(error: RoundError): number {
  let hash = 0x811c9dc5;
  for (const field of [
    error.municipality,
    error.bydel,
    error.brukerNr,
    error.serviceType,
    error.variable,
    error.code,
  ]) {
    for (let at = 0; at < field.length; at++) hash = Math.imul(hash ^ field.charCodeAt(at), 0x01000193);
    hash = Math.imul(hash ^ 0x1f, 0x01000193);
  }
  return hash;
}
