/**
 * One row of the error list in SSB's feedback (feilliste.csv), as the sandbox writes it: the
 * same fields as a finding of the validation engine (src/core/validation/finding.ts), minus
 * what SSB does not print (column, origin), plus the line to keep file order.
 */
import type { RuleSeverity } from '../../../src/core/validation';

export interface SsbErrorRow {
  /** `Bruker/@brukerNr` as written; '' for the whole file. */
  brukerNr: string;
  /** The service's `tjenesteType` for a finding about a service, else ''. */
  serviceType: string;
  variable: string;
  value: string;
  /** The rule id. */
  code: string;
  severity: RuleSeverity;
  /** Norwegian, as SSB writes it. */
  message: string;
  /** One-based line in the extract (0 when there is none, e.g. Z01). */
  line: number;
}
