/**
 * The local control's findings in the Problems panel, in a collection of their own: each on
 * the attribute it is about (else the element's start-tag name), with VS Code's severity,
 * source "IPLOS", and the rule id as a link to its explanation (`iplos.explainRule`). A
 * rule with more findings than the report lists says so once, on the last one listed. A
 * stale result (the file changed after the control) shows nothing: its lines may be wrong.
 */
import * as vscode from 'vscode';
import type { Finding } from '../../core/validation/finding';
import type { LocalControl, LocalControlResult } from '../models/localControl';
import { diagnosticSeverity } from '../feedback/feedbackDiagnostics';
import { ruleExplanationLink } from '../feedback/ruleExplanation';
import { t } from '../localize';

export class LocalControlProblems implements vscode.Disposable {
  readonly diagnostics = vscode.languages.createDiagnosticCollection('iplos-local-control');
  private readonly subscription: vscode.Disposable;

  constructor(private readonly control: LocalControl) {
    this.subscription = control.onDidChange((uri) => this.render(uri));
  }

  private render(uri: vscode.Uri): void {
    const result = this.control.result(uri);
    if (!result || result.stale) this.diagnostics.delete(uri);
    else this.diagnostics.set(uri, localControlDiagnostics(result));
  }

  dispose(): void {
    this.subscription.dispose();
    this.diagnostics.dispose();
  }
}

export function localControlDiagnostics(result: LocalControlResult): vscode.Diagnostic[] {
  const { findings, tallies } = result.report;
  const diagnostics = findings.map((finding) => {
    const diagnostic = new vscode.Diagnostic(
      findingRange(finding),
      findingText(finding),
      diagnosticSeverity(finding.severity),
    );
    diagnostic.source = 'IPLOS';
    diagnostic.code = { value: finding.ruleId, target: ruleExplanationLink(finding.ruleId) };
    return diagnostic;
  });
  for (const tally of tallies) {
    if (tally.total <= tally.shown) continue;
    const last = lastOf(findings, tally.ruleId);
    if (!last) continue;
    const more = new vscode.Diagnostic(
      findingRange(last),
      t(
        '{0}: {1} more findings of this rule are not listed (the first {2} are).',
        tally.ruleId,
        tally.total - tally.shown,
        tally.shown,
      ),
      vscode.DiagnosticSeverity.Information,
    );
    more.source = 'IPLOS';
    more.code = { value: tally.ruleId, target: ruleExplanationLink(tally.ruleId) };
    diagnostics.push(more);
  }
  return diagnostics;
}

/**
 * The attribute's name when there is one, else the element's name after its `<`. Lengths
 * assume the names as written without a namespace prefix, and the core's columns count
 * Unicode characters where VS Code counts UTF-16 units: off by a little only on a line with
 * characters outside the BMP before the finding (Go to record corrects it from the text).
 */
export function findingRange(finding: Finding): vscode.Range {
  const line = Math.max(0, finding.line - 1);
  const column = Math.max(0, finding.column - 1);
  if (finding.attribute) return new vscode.Range(line, column, line, column + finding.attribute.length);
  if (finding.element) return new vscode.Range(line, column + 1, line, column + 1 + finding.element.length);
  return new vscode.Range(line, column, line, column + 1);
}

function lastOf(findings: readonly Finding[], ruleId: string): Finding | undefined {
  for (let index = findings.length - 1; index >= 0; index--)
    if (findings[index]?.ruleId === ruleId) return findings[index];
  return undefined;
}

function findingText(finding: Finding): string {
  return finding.brukerNr ? `${finding.message} (${t('client {0}', finding.brukerNr)})` : finding.message;
}
