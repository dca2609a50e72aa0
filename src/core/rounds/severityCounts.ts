/** How many errors and warnings a round has, as the history and the year overview show them. */
import type { Severity } from '../feedback/feedbackModel';

export interface SeverityCounts {
  /** Critical errors and errors (SSB: "Kritisk feil", "Feil"). */
  errors: number;
  /** SSB: "Advarsel". */
  warnings: number;
  /** Everything else: information, success, a severity the list did not say. */
  other: number;
}

/** Of any rows with a severity: a round's RoundErrors, an error list's ErrorRows. */
export function severityCounts(errors: readonly { severity: Severity }[]): SeverityCounts {
  const counts: SeverityCounts = { errors: 0, warnings: 0, other: 0 };
  for (const error of errors) {
    if (error.severity === 'critical' || error.severity === 'error') counts.errors++;
    else if (error.severity === 'warning') counts.warnings++;
    else counts.other++;
  }
  return counts;
}
