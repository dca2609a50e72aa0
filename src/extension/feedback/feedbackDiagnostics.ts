/**
 * SSB's error rows as problems on the extract they are about: each on the service element
 * the row names (by service type) where the client has one, else on the client's
 * `<Bruker>`; SSB's severities mapped to VS Code's.
 */
import * as vscode from 'vscode';
import type { ClientLocation } from '../../core/extract/extractIndex';
import type { ErrorRow, FeedbackSet, Severity } from '../../core/feedback';
import { t } from '../localize';

export function feedbackDiagnostics(
  set: FeedbackSet,
  locations: ReadonlyMap<string, ClientLocation>,
): vscode.Diagnostic[] {
  const diagnostics: vscode.Diagnostic[] = [];
  for (const file of set.files) {
    if (file.kind !== 'error-list') continue;
    for (const error of file.errors) {
      const location = locations.get(error.brukerNr);
      if (!location) continue;
      const position = servicePosition(location, error) ?? location.bruker;
      const range = new vscode.Range(position.line - 1, position.column - 1, position.line - 1, position.column);
      const diagnostic = new vscode.Diagnostic(
        range,
        `${error.message || error.code} (${t('client {0}', error.brukerNr)})`,
        diagnosticSeverity(error.severity),
      );
      diagnostic.source = t('SSB feedback');
      diagnostic.code = error.code;
      diagnostics.push(diagnostic);
    }
  }
  return diagnostics;
}

/** The service element the error names (by service type), when the client has one. */
function servicePosition(location: ClientLocation, error: ErrorRow): { line: number; column: number } | undefined {
  if (!error.serviceType) return undefined;
  return location.services.find((candidate) => candidate.serviceType === error.serviceType);
}

/** One mapping for SSB's rows and the local control's findings (RuleSeverity is a subset of Severity). */
export function diagnosticSeverity(severity: Severity): vscode.DiagnosticSeverity {
  switch (severity) {
    case 'critical':
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'warning':
      return vscode.DiagnosticSeverity.Warning;
    case 'info':
    case 'success':
      return vscode.DiagnosticSeverity.Information;
    default:
      return vscode.DiagnosticSeverity.Warning;
  }
}
