/**
 * A local control's report as the viewer shows SSB's error list: one error-list file whose
 * rows are the findings (severity, rule, client, service type, element, variable, value,
 * message, line, who found it), so the same grid, chips, filters, detail and export serve
 * both. The findings' positions go along, so "Go to record" needs no index of the extract.
 */
import { basename, dirname } from 'node:path';
import type { ErrorListFile, ErrorRow, FeedbackSet, TableColumn } from '../../core/feedback';
import { formatDateTime } from '../../core/format/norwegian';
import { severityName } from '../../core/validation';
import type { Finding } from '../../core/validation/finding';
import type { ViewLocalControl } from '../../shared/feedbackProtocol';
import type { TextLanguage } from '../language';
import type { LocalControlResult } from '../models/localControl';
import { t } from '../localize';

export interface LocalControlView {
  set: FeedbackSet;
  /** Per row: where the finding is in the extract. */
  positions: { line: number; column: number }[];
  info: ViewLocalControl;
}

export function localControlView(result: LocalControlResult, language: TextLanguage): LocalControlView {
  const { report } = result;
  const columns: TableColumn[] = [
    { name: t('Severity'), role: 'severity', numeric: false },
    { name: t('Rule'), role: 'code', numeric: false },
    { name: t('Client'), role: 'brukerNr', numeric: false },
    { name: t('Service type'), role: 'serviceType', numeric: false },
    { name: t('Element'), numeric: false },
    { name: t('Variable'), role: 'variable', numeric: false },
    { name: t('Value'), role: 'value', numeric: false },
    { name: t('Message'), role: 'message', numeric: false },
    // Not "numeric": a line number is shown as written, and the viewer's collator sorts digits numerically.
    { name: t('Line'), numeric: false },
    { name: t('Found by'), numeric: false },
  ];
  const localOrigin = t('Local control');
  const errors: ErrorRow[] = report.findings.map((finding, row) => errorRowOf(finding, row, language));
  const rows = report.findings.map((finding, row) => [
    errors[row]?.severityText ?? '',
    finding.ruleId,
    finding.brukerNr,
    finding.serviceType,
    finding.element,
    finding.variable || (finding.attribute ?? ''),
    finding.value,
    finding.message,
    String(finding.line),
    finding.origin === 'local' ? localOrigin : 'SSB',
  ]);
  const file: ErrorListFile = {
    name: t('Local control'),
    size: report.size,
    kind: 'error-list',
    source: { encoding: 'utf-8', delimiter: '' },
    table: { columns, rows, rowLines: report.findings.map((finding) => finding.line) },
    errors,
    malformed: { count: 0, examples: [] },
  };
  return {
    set: { folder: dirname(result.uri.fsPath), files: [file] },
    positions: report.findings.map((finding) => ({ line: finding.line, column: finding.column })),
    info: {
      checkedAt: formatDateTime(result.checkedAt),
      clients: report.clients,
      services: report.services,
      fatal: report.fatal,
      stale: result.stale,
      capped: report.tallies
        .filter((tally) => tally.total > tally.shown)
        .map(({ ruleId, shown, total }) => ({ ruleId, shown, total })),
    },
  };
}

/** The viewer's title of a local control document. */
export function localControlTitle(extractPath: string): string {
  return t('Local control: {0}', basename(extractPath));
}

function errorRowOf(finding: Finding, row: number, language: TextLanguage): ErrorRow {
  return {
    row,
    brukerNr: finding.brukerNr,
    code: finding.ruleId,
    severity: finding.severity,
    severityText: severityName(finding.severity, language),
    serviceType: finding.serviceType,
    variable: finding.variable,
    value: finding.value,
    message: finding.message,
  };
}
