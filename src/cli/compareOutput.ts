/**
 * What `iplos feedback compare` prints: text for people, JSON for scripts. The JSON's field
 * names are stable (README, "iplos feedback compare"): `format` changes only when a field is
 * renamed or removed; fields may be added. Rows quote client numbers: personal data, printed
 * because the officer asked for them, never logged.
 */
import { formatInteger as formatNumber } from '../core/format/norwegian';
import {
  severityCounts,
  type ComparedErrorList,
  type RoundCounts,
  type RoundStatus,
  type SeverityCounts,
} from '../core/rounds';
import type { CompareSide } from './commands/feedbackCompare';
import { msg } from '../core/i18n';
import { terminalSafe } from './validationText';

export const COMPARE_JSON_FORMAT = 'iplos-feedback-compare/1';

export interface CompareJsonRow {
  status: RoundStatus;
  brukerNr: string;
  serviceType: string;
  variable: string;
  value: string;
  code: string;
  severity: string;
  message: string;
}

export interface CompareJson {
  format: typeof COMPARE_JSON_FORMAT;
  earlier: { source: string; folder: string; municipality: string; bydel: string; rows: number };
  later: { source: string; folder: string; municipality: string; bydel: string; rows: number; counts: SeverityCounts };
  counts: RoundCounts;
  /** The later round's rows (new, remaining) in its order, then the earlier round's fixed ones. */
  rows: CompareJsonRow[];
}

export function compareJson(earlier: CompareSide, later: CompareSide, compared: ComparedErrorList): CompareJson {
  const rows = compared.file.errors.map((error): CompareJsonRow => ({
    status: compared.statuses[error.row] ?? 'new',
    brukerNr: error.brukerNr,
    serviceType: error.serviceType,
    variable: error.variable,
    value: error.value,
    code: error.code,
    severity: error.severity,
    message: error.message,
  }));
  const current = compared.file.errors.filter((error) => compared.statuses[error.row] !== 'fixed');
  return {
    format: COMPARE_JSON_FORMAT,
    earlier: {
      source: earlier.given,
      folder: earlier.folder,
      ...earlier.place,
      rows: compared.counts.fixed + compared.counts.remaining,
    },
    later: {
      source: later.given,
      folder: later.folder,
      ...later.place,
      rows: current.length,
      counts: severityCounts(current),
    },
    counts: compared.counts,
    rows,
  };
}

/** At most this many rows per status in the text output; the rest is "… and N more". */
const TEXT_ROWS_PER_STATUS = 20;

export function compareText(earlier: CompareSide, later: CompareSide, compared: ComparedErrorList): string {
  const { counts } = compared;
  const lines = [
    msg('Earlier: {0}', earlier.given),
    msg('Later:   {0}', later.given),
    msg(
      '{0} fixed · {1} new · {2} remaining',
      formatNumber(counts.fixed),
      formatNumber(counts.new),
      formatNumber(counts.remaining),
    ),
  ];
  for (const status of ['new', 'remaining', 'fixed'] as const) {
    const rows = compared.file.errors.filter((error) => compared.statuses[error.row] === status);
    if (rows.length === 0) continue;
    lines.push('', statusHeading(status, formatNumber(rows.length)));
    for (const error of rows.slice(0, TEXT_ROWS_PER_STATUS))
      lines.push(
        `  ${terminalSafe(error.code).padEnd(4)} ${terminalSafe(error.brukerNr || '-').padEnd(10)} ${terminalSafe([error.serviceType, error.variable].filter(Boolean).join(' ')).padEnd(16)} ${terminalSafe(error.message)}`,
      );
    if (rows.length > TEXT_ROWS_PER_STATUS)
      lines.push(`  ${msg('… and {0} more', formatNumber(rows.length - TEXT_ROWS_PER_STATUS))}`);
  }
  return `${lines.join('\n')}\n`;
}

function statusHeading(status: RoundStatus, count: string): string {
  switch (status) {
    case 'new':
      return msg('New ({0}):', count);
    case 'remaining':
      return msg('Remaining ({0}):', count);
    case 'fixed':
      return msg('Fixed ({0}):', count);
  }
}
