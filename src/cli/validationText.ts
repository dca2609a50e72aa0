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
    if (tally.total > shown.length) lines.push(`  … and ${formatInteger(tally.total - shown.length)} more`);
  }
  if (report.tallies.length > 0) lines.push('');
  lines.push(OUTCOME_LINE[controlOutcome(report)]);
  return `${lines.join('\n')}\n`;
}

/** "Critical errors 0 · Errors 7 · Warnings 1 · Information 0". */
export function countsLine(report: Pick<ValidationReport, 'counts'>): string {
  return SEVERITIES.map((severity) => `${COUNT_LABEL[severity]} ${formatInteger(report.counts[severity])}`).join(' · ');
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

const COUNT_LABEL = { critical: 'Critical errors', error: 'Errors', warning: 'Warnings', info: 'Information' } as const;

const OUTCOME_LINE: Record<ControlOutcome, string> = {
  fatal: 'Result: cannot be sent — a fatal problem stopped the control, so the other rules did not run.',
  errors: 'Result: errors — SSB would reject these records. Fix them in the EPJ and export the extract again.',
  warnings: 'Result: no errors; the warnings do not stop a send.',
  clean: 'Result: no problems found.',
};

function headerLines(report: ValidationReport, options: TextReportOptions): string[] {
  const period = report.period
    ? `period ${formatDate(report.period.from)} – ${formatDate(report.period.to)}`
    : 'no period stated';
  const inFile =
    report.municipality && report.municipality !== options.municipality
      ? ` (the file says ${terminalSafe(report.municipality)})`
      : '';
  const epj = [report.epj?.name, report.epj?.version].filter(Boolean).join(' ');
  const vendor = report.epj?.vendor ? `, vendor ${report.epj.vendor}` : '';
  return [
    `Control of ${terminalSafe(basename(options.path))} (${formatBytes(report.size)}): municipality ${options.municipality}${inFile}, ${period}, reporting year ${report.year}`,
    `EPJ ${epj ? terminalSafe(epj) : 'not stated'}${terminalSafe(vendor)} · ${formatInteger(report.clients)} clients, ${formatInteger(report.services)} services`,
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
