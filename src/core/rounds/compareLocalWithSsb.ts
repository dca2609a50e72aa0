/**
 * The local control's findings against SSB's feedback on the same extract: what SSB found that
 * the local control did not ("found by SSB only" — register checks, other municipalities' data,
 * rules the project does not know), what both found, and what only the local control found.
 * Same identity as between two feedback rounds (errorIdentity.ts).
 *
 * The local report lists at most `maxPerRule` findings per rule and keeps the total in its
 * tally. An SSB row of a rule whose local list was cut short may be one of the findings left
 * out, so it is counted apart ("not listed locally"), never as "SSB only".
 */
import type { RuleTally } from '../validation/finding';
import type { RoundError } from './errorIdentity';
import { matchErrors } from './matchErrors';

export interface LocalVsSsbCounts {
  both: number;
  ssbOnly: number;
  localOnly: number;
  notListedLocally: number;
}

export interface LocalVsSsb {
  /** `[localIndex, ssbIndex]` of the same error, in SSB's order. */
  both: [number, number][];
  /** Indices into SSB's rows that the local control did not find. */
  ssbOnly: number[];
  /** Indices into the local rows that SSB did not report. */
  localOnly: number[];
  /** Indices into SSB's rows of rules whose local list was capped: perhaps found, not listed. */
  notListedLocally: number[];
  counts: LocalVsSsbCounts;
}

export function compareLocalWithSsb(
  local: readonly RoundError[],
  tallies: readonly Pick<RuleTally, 'ruleId' | 'total' | 'shown'>[],
  ssb: readonly RoundError[],
): LocalVsSsb {
  const capped = new Set(
    tallies.filter((tally) => tally.total > tally.shown).map((tally) => tally.ruleId.toUpperCase()),
  );
  const match = matchErrors(local, ssb);
  const ssbOnly: number[] = [];
  const notListedLocally: number[] = [];
  for (const index of match.unmatchedLater) {
    if (capped.has((ssb[index] as RoundError).code)) notListedLocally.push(index);
    else ssbOnly.push(index);
  }
  return {
    both: match.pairs,
    ssbOnly,
    localOnly: match.unmatchedEarlier,
    notListedLocally,
    counts: {
      both: match.pairs.length,
      ssbOnly: ssbOnly.length,
      localOnly: match.unmatchedEarlier.length,
      notListedLocally: notListedLocally.length,
    },
  };
}
