/**
 * `iplos validate --json`: the control's report for scripts. The field names are stable
 * (README, "iplos validate"): `format` changes only when a field is renamed or removed;
 * fields may be added. `report` is the core's ValidationReport (core/validation/finding.ts),
 * its tallies each with the rule's English title.
 */
import { describeRule } from '../core/validation';
import type { RuleTally, ValidationReport } from '../core/validation/finding';
import { controlOutcome, type ControlOutcome } from '../core/validationReport/outcome';

export const VALIDATION_JSON_FORMAT = 'iplos-validation/1';

export interface ValidationJson {
  format: typeof VALIDATION_JSON_FORMAT;
  /** The extract as given on the command line. */
  file: string;
  /** The municipality the control ran for (--municipality or the profile's). */
  municipality: string;
  /** fatal | errors | warnings | clean: the first two exit 1. */
  outcome: ControlOutcome;
  report: Omit<ValidationReport, 'tallies'> & { tallies: (RuleTally & { title: string })[] };
}

export function validationJson(
  report: ValidationReport,
  options: { path: string; municipality: string },
): ValidationJson {
  return {
    format: VALIDATION_JSON_FORMAT,
    file: options.path,
    municipality: options.municipality,
    outcome: controlOutcome(report),
    report: {
      ...report,
      tallies: report.tallies.map((tally) => ({ ...tally, title: describeRule(tally.ruleId, 'en')?.title ?? '' })),
    },
  };
}
