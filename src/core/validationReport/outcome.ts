/**
 * What a control's result means for sending, in one word, shared by `iplos validate`,
 * `iplos send` and the HTML report: fatal (cannot be sent), errors (SSB would reject
 * records: send only on purpose), warnings (sent as is), clean.
 */
import type { RuleTally, ValidationReport } from '../validation/finding';
import { SEVERITIES } from '../validation/severity';

export type ControlOutcome = 'fatal' | 'errors' | 'warnings' | 'clean';

/** Worst first: the order the counts are shown in (the engine's own list). */
export { SEVERITIES };

export function controlOutcome(report: Pick<ValidationReport, 'fatal' | 'counts'>): ControlOutcome {
  if (report.fatal || report.counts.critical > 0) return 'fatal';
  if (report.counts.error > 0) return 'errors';
  if (report.counts.warning > 0) return 'warnings';
  return 'clean';
}

/** The rules worst severity first, in the engine's rule order within a severity: what to fix first comes first. */
export function worstFirst(tallies: readonly RuleTally[]): RuleTally[] {
  return [...tallies].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
}
