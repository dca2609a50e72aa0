/**
 * The control's result as text for a terminal or a log: what was checked, the counts by
 * severity, then per rule its count and its first findings (line:column, brukerNr, variable,
 * value, message) and "… and N more". Values come from the extract, so control characters
 * are shown escaped (a value must not move the cursor or recolour the terminal) and long
 * values are cut.
 */
import { basename } from 'node:path';
import { formatBytes, formatDate, formatInteger } from '../core/format/norwegian';
import { describeRule, severityName } from '../core/validation';
import type { Finding, ValidationReport } from '../core/validation/finding';
import { controlOutcome, SEVERITIES, worstFirst, type ControlOutcome } from '../core/validationReport/outcome';
import { cliLanguage } from './language';
import { msg } from '../core/i18n';

export interface TextReportOptions {
  /** The extract as the user named it. */
  path: string;
  /** The municipality the control ran for. */
  municipality: string;
  /** Findings shown per rule (the rest is "… and N more"). */
  perRule: number;
}

const MAX_VALUE_CHARACTERS = 60;

export function validationText(report: ValidationReport, options: TextReportOptions): string {
  const lines = [...headerLines(report, options), '', countsLine(report), ''];
  for (const tally of worstFirst(report.tallies)) {
    const title = describeRule(tally.ruleId, cliLanguage())?.title ?? '';
    lines.push(
      `${tally.ruleId}  ${severityName(tally.severity, cliLanguage())}: ${terminalSafe(title)} (${formatInteger(tally.total)})`,
    );
    const shown = report.findings.filter((finding) => finding.ruleId === tally.ruleId).slice(0, options.perRule);
    for (const finding of shown) lines.push(`  ${findingLine(finding)}`);
    if (tally.total > shown.length) lines.push(`  ${msg('… and {0} more', formatInteger(tally.total - shown.length))}`);
  }
  if (report.tallies.length > 0) lines.push('');
  lines.push(outcomeLine(controlOutcome(report)));
  return `${lines.join('\n')}\n`;
}

/** "Critical errors 0 · Errors 7 · Warnings 1 · Information 0". */
export function countsLine(report: Pick<ValidationReport, 'counts'>): string {
  return SEVERITIES.map((severity) => `${countLabel(severity)} ${formatInteger(report.counts[severity])}`).join(' · ');
}

/** "12:7  brukerNr 100234  tjenesteType="99"  Unknown service type …" — one finding on one line. */
export function findingLine(finding: Finding): string {
  const parts = [`${finding.line}:${finding.column}`];
  if (finding.brukerNr !== '') parts.push(`brukerNr ${terminalSafe(cut(finding.brukerNr))}`);
  // A missing attribute or element has no value: its name alone, the message says what is wrong.
  if (finding.variable !== '' && finding.value !== '')
    parts.push(`${terminalSafe(finding.variable)}="${terminalSafe(cut(finding.value))}"`);
  else if (finding.variable !== '') parts.push(terminalSafe(finding.variable));
  parts.push(terminalSafe(finding.message));
  return parts.join('  ');
}

function countLabel(severity: (typeof SEVERITIES)[number]): string {
  switch (severity) {
    case 'critical':
      return msg('Critical errors');
    case 'error':
      return msg('Errors');
    case 'warning':
      return msg('Warnings');
    case 'info':
      return msg('Information');
  }
}

function outcomeLine(outcome: ControlOutcome): string {
  switch (outcome) {
    case 'fatal':
      return msg('Result: cannot be sent — a fatal problem stopped the control, so the other rules did not run.');
    case 'errors':
      return msg('Result: errors — SSB would reject these records. Fix them in the EPJ and export the extract again.');
    case 'warnings':
      return msg('Result: no errors; the warnings do not stop a send.');
    case 'clean':
      return msg('Result: no problems found.');
  }
}

function headerLines(report: ValidationReport, options: TextReportOptions): string[] {
  const period = report.period
    ? msg('period {0} – {1}', formatDate(report.period.from), formatDate(report.period.to))
    : msg('no period stated');
  const inFile =
    report.municipality && report.municipality !== options.municipality
      ? ` ${msg('(the file says {0})', terminalSafe(report.municipality))}`
      : '';
  const epj = [report.epj?.name, report.epj?.version].filter(Boolean).join(' ');
  const vendor = report.epj?.vendor ? msg(', vendor {0}', report.epj.vendor) : '';
  return [
    msg(
      'Control of {0} ({1}): municipality {2}{3}, {4}, reporting year {5}',
      terminalSafe(basename(options.path)),
      formatBytes(report.size),
      options.municipality,
      inFile,
      period,
      report.year,
    ),
    msg(
      'EPJ {0}{1} · {2} clients, {3} services',
      epj ? terminalSafe(epj) : msg('not stated'),
      terminalSafe(vendor),
      formatInteger(report.clients),
      formatInteger(report.services),
    ),
  ];
}

function cut(value: string): string {
  const characters = [...value];
  return characters.length > MAX_VALUE_CHARACTERS ? `${characters.slice(0, MAX_VALUE_CHARACTERS).join('')}…` : value;
}

/** C0 and C1 control characters (ESC, CSI, BEL, line breaks…) and bidirectional overrides as visible `\u001b` escapes. */
export function terminalSafe(text: string): string {
  // eslint-disable-next-line no-control-regex -- the control characters are what is replaced
  return text.replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g, (character) => {
    return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
