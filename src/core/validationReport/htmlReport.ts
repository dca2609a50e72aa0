/**
 * The control's result as one self-contained HTML page an officer can attach to a ticket for
 * the EPJ vendor: the file and its period, the EPJ, the counts by severity, and per rule what
 * it means, how to fix it and where it was found (a table, capped per rule).
 *
 * Self-contained and inert: one inline stylesheet, no script, no image, no external address,
 * and a Content-Security-Policy that forbids everything else should a mail client or browser
 * ever find something. Every value goes through the escaping template (core/format/html.ts):
 * brukerNr, values and messages come from the extract, which anyone could have written.
 */
import { formatBytes, formatDate, formatDateTime, formatInteger } from '../format/norwegian';
import { html, trustedHtml, type SafeHtml } from '../format/html';
import { msg } from '../i18n';
import { describeRule, severityName } from '../validation';
import type { Finding, RuleTally, ValidationReport } from '../validation/finding';
import { controlOutcome, SEVERITIES, worstFirst } from './outcome';
import { REPORT_STYLE } from './htmlReportStyle';

export interface HtmlReportInput {
  report: ValidationReport;
  /** The extract's file name (no folder: the report leaves the municipality's machine). */
  fileName: string;
  /** The municipality the control was run for (the profile's). */
  municipality: string;
  /** Language of the rules' titles, meanings and fixes (the findings' messages are already in it). */
  language: 'nb' | 'en';
  generatedAt: Date;
  /** At most this many findings per rule in its table (the report may hold more). Default 100. */
  maxRowsPerRule?: number;
}

export function validationReportHtml(input: HtmlReportInput): string {
  const { report, language } = input;
  const title = msg('IPLOS control of {0}', input.fileName);
  const page = html`<!DOCTYPE html>
    <html lang="${language === 'nb' ? 'nb' : 'en'}">
      <head>
        <meta charset="utf-8" />
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="generator" content="IPLOS Innsending" />
        <title>${title}</title>
        <style>
          ${trustedHtml(REPORT_STYLE)}
        </style>
      </head>
      <body>
        <header>
          <h1>${title}</h1>
          ${verdict(report)}
        </header>
        ${facts(input)} ${counts(report, language)}
        ${report.tallies.length > 0 ? ruleIndex(worstFirst(report.tallies), language) : ''}
        ${worstFirst(report.tallies).map((tally) => ruleSection(tally, report.findings, input))}
        <footer>
          ${msg('Made by IPLOS Innsending on {0}. Line and column count from 1; the column counts characters.', formatDateTime(input.generatedAt))}
        </footer>
      </body>
    </html> `;
  return page.markup;
}

function verdict(report: ValidationReport): SafeHtml {
  const outcome = controlOutcome(report);
  const text = {
    fatal: msg('Cannot be sent: a fatal problem stopped the control, so the other rules did not run.'),
    errors: msg('Errors found: SSB would reject these records. Fix them in the EPJ and export the extract again.'),
    warnings: msg('No errors. The warnings do not stop the extract from being sent.'),
    clean: msg('No problems found.'),
  }[outcome];
  return html`<p class="verdict ${outcome}">${text}</p>`;
}

function facts(input: HtmlReportInput): SafeHtml {
  const { report } = input;
  const epj = [report.epj?.name, report.epj?.version].filter(Boolean).join(' ');
  const rows: [string, string][] = [
    [msg('File'), input.fileName],
    [msg('Size'), formatBytes(report.size)],
    [
      msg('Municipality'),
      report.municipality && report.municipality !== input.municipality
        ? msg('{0} in the file; the control was run for {1}', report.municipality, input.municipality)
        : input.municipality,
    ],
    [
      msg('Period'),
      report.period ? `${formatDate(report.period.from)} – ${formatDate(report.period.to)}` : msg('not stated'),
    ],
    [msg('Reporting year'), String(report.year)],
    [msg('Extracted'), report.extractedAt ? formatDate(report.extractedAt) : msg('not stated')],
    [msg('EPJ'), epj || msg('not stated')],
    [msg('EPJ vendor'), report.epj?.vendor ?? msg('not stated')],
    [msg('Clients'), formatInteger(report.clients)],
    [msg('Services'), formatInteger(report.services)],
  ];
  return html`<dl class="facts">
    ${rows.map(
      ([term, value]) =>
        html`<dt>${term}</dt>
          <dd>${value}</dd>`,
    )}
  </dl>`;
}

function counts(report: ValidationReport, language: 'nb' | 'en'): SafeHtml {
  return html`<table class="counts">
    <thead>
      <tr>
        ${SEVERITIES.map((severity) => html`<th class="${severity}">${severityName(severity, language)}</th>`)}
      </tr>
    </thead>
    <tbody>
      <tr>
        ${SEVERITIES.map((severity) => html`<td>${formatInteger(report.counts[severity])}</td>`)}
      </tr>
    </tbody>
  </table>`;
}

function ruleIndex(tallies: readonly RuleTally[], language: 'nb' | 'en'): SafeHtml {
  return html`<nav>
    <h2>${msg('Rules that found something')}</h2>
    <table class="rules">
      <thead>
        <tr>
          <th>${msg('Rule')}</th>
          <th>${msg('Severity')}</th>
          <th>${msg('What')}</th>
          <th class="number">${msg('Findings')}</th>
        </tr>
      </thead>
      <tbody>
        ${tallies.map(
          (tally) =>
            html`<tr>
              <td><a href="#rule-${tally.ruleId}">${tally.ruleId}</a></td>
              <td class="${tally.severity}">${severityName(tally.severity, language)}</td>
              <td>${describeRule(tally.ruleId, language)?.title ?? ''}</td>
              <td class="number">${formatInteger(tally.total)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </nav>`;
}

function ruleSection(tally: RuleTally, findings: readonly Finding[], input: HtmlReportInput): SafeHtml {
  const { language } = input;
  const rule = describeRule(tally.ruleId, language);
  const own = findings.filter((finding) => finding.ruleId === tally.ruleId);
  const shown = own.slice(0, input.maxRowsPerRule ?? 100);
  const more = tally.total - shown.length;
  return html`<section id="rule-${tally.ruleId}">
    <h2>
      <span class="id">${tally.ruleId}</span> ${rule?.title ?? ''}
      <span class="badge ${tally.severity}">${severityName(tally.severity, language)}</span>
    </h2>
    <p>${tally.total === 1 ? msg('1 finding.') : msg('{0} findings.', formatInteger(tally.total))}</p>
    ${
      rule
        ? html`<dl class="rule">
            <dt>${msg('What it means')}</dt>
            <dd>${rule.meaning}</dd>
            <dt>${msg('How to fix it')}</dt>
            <dd>${rule.fix}</dd>
            <dt>${msg('Basis')}</dt>
            <dd>${rule.source}</dd>
          </dl>`
        : ''
    }
    <table class="findings">
      <thead>
        <tr>
          <th>${msg('Line:column')}</th>
          <th>brukerNr</th>
          <th>${msg('Service type')}</th>
          <th>${msg('Variable')}</th>
          <th>${msg('Value')}</th>
          <th>${msg('Message')}</th>
        </tr>
      </thead>
      <tbody>
        ${shown.map(
          (finding) =>
            html`<tr>
              <td class="position">${finding.line}:${finding.column}</td>
              <td>${finding.brukerNr}</td>
              <td>${finding.serviceType}</td>
              <td>${finding.variable}</td>
              <td class="value">${finding.value}</td>
              <td>${finding.message}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${more > 0 ? html`<p class="more">${msg('… and {0} more.', formatInteger(more))}</p>` : ''}
  </section>`;
}
