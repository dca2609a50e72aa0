/** How many errors and warnings a round has, as the history and the year overview show them. */
import type { RoundError } from './errorIdentity';

export interface SeverityCounts {
  /** Critical errors and errors (SSB: "Kritisk feil", "Feil"). */
  errors: number;
  /** SSB: "Advarsel". */
  warnings: number;
  /** Everything else: information, success, a severity the list did not say. */
  other: number;
}

export function severityCounts(errors: readonly RoundError[]): SeverityCounts {
  const counts: SeverityCounts = { errors: 0, warnings: 0, other: 0 };
  for (const error of errors) {
    if (error.severity === 'critical' || error.severity === 'error') counts.errors++;
    else if (error.severity === 'warning') counts.warnings++;
    else counts.other++;
  }
  return counts;
}
