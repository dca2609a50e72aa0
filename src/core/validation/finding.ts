/**
 * What the local control reports: findings in the same shape as SSB's error rows (the
 * viewer's ErrorRow, core/feedback/feedbackModel.ts) plus where in the extract they are and
 * who found them, so one viewer, one Problems panel and one export serve both
 * (shared/docs/iplos-control-rules.md, "The shape to aim for").
 */
import type { ErrorRow } from '../feedback/feedbackModel';

/** Who found it: the local control before sending, or SSB in its feedback. */
export type FindingOrigin = 'local' | 'ssb';

/** The severities a rule can have in a yearly profile, as SSB's control programs name them. */
export type RuleSeverity = 'critical' | 'error' | 'warning' | 'info';

export interface Finding extends Omit<ErrorRow, 'row' | 'severity'> {
  /** The rule's stable id (e.g. "T01"); `code` holds the same id, as in SSB's error rows. */
  ruleId: string;
  severity: RuleSeverity;
  origin: FindingOrigin;
  /** `Kommune/@kommuneNr` of the element's municipality, as written ('' before the first Kommune). */
  kommuneNr: string;
  /** The element the finding is about (local name, e.g. "Tjeneste"), '' for the whole file. */
  element: string;
  /** The attribute concerned, when there is one (e.g. "tilDato"). */
  attribute?: string;
  /** One-based line and column (Unicode characters) of the element's `<`, or of the attribute's name when `attribute` is set. */
  line: number;
  column: number;
}

/** How many findings one rule made, and how many of them the report holds (the rest is "and N more"). */
export interface RuleTally {
  ruleId: string;
  severity: RuleSeverity;
  total: number;
  shown: number;
}

export interface ValidationReport {
  /** The reporting year whose severity profile was used. */
  year: number;
  /** True when a fatal gate stopped the run (not well-formed, wrong root, not a batch, wrong municipality, unreadable): the other rules did not run. */
  fatal: boolean;
  /** At most the cap per rule, in file order. */
  findings: Finding[];
  /** One per rule that found something, in rule order. */
  tallies: RuleTally[];
  /** Totals over all findings (not only those shown). */
  counts: Record<RuleSeverity, number>;
  /** File size in bytes, and what was counted while reading. */
  size: number;
  clients: number;
  services: number;
  /** `Kommune/@kommuneNr` of the first Kommune, `Melding`'s period and EPJ attributes, as found. */
  municipality?: string;
  period?: { from: string; to: string };
  extractedAt?: string;
  epj?: { name?: string; version?: string; vendor?: string };
}

export interface ValidateOptions {
  /** The profile's municipality number (four digits); another `Kommune/@kommuneNr` is the fatal gate K01. */
  municipality: string;
  /** The reporting year (selects the severity profile); default: the year of `fraDatoPeriode`. */
  year?: number;
  /** Language of `message` (both are in every rule). Default 'en'. */
  language?: 'nb' | 'en';
  /** At most this many findings per rule in `findings` (the tally keeps the total). Default 100. */
  maxPerRule?: number;
  /** Cancels the run: the promise rejects with a CancelledError (core/abort.ts). */
  signal?: AbortSignal;
  /** After every chunk read, and once at the end with bytesDone = bytesTotal. */
  onProgress?: (progress: { bytesDone: number; bytesTotal: number }) => void;
}
