/**
 * SSB's error rows as problems on the extract they are about, each where the core's
 * `recordTarget` says the row points: the named service's attribute, the assessment's, or the
 * client (issue 16); Go to record selects the same range. SSB's severities mapped to VS Code's.
 */
import * as vscode from 'vscode';
import type { ClientLocation } from '../../core/extract/extractIndex';
import { locateAttributes, recordTarget, type RecordTarget } from '../../core/extract';
import type { TagLocation } from '../../core/extract/locationTable';
import type { ErrorRow, FeedbackSet, Severity } from '../../core/feedback';
import { t } from '../localize';

export async function feedbackDiagnostics(
  set: FeedbackSet,
  locations: ReadonlyMap<string, ClientLocation>,
  extractPath: string,
  signal?: AbortSignal,
): Promise<vscode.Diagnostic[]> {
  const rows: { error: ErrorRow; target: RecordTarget }[] = [];
  for (const file of set.files) {
    if (file.kind !== 'error-list') continue;
    for (const error of file.errors) {
      const location = locations.get(error.brukerNr);
      if (location) rows.push({ error, target: recordTarget(location, error) });
    }
  }
  const ranges = await recordRanges(
    extractPath,
    rows.map((row) => row.target),
    signal,
  );
  return rows.map(({ error }, index) => {
    const diagnostic = new vscode.Diagnostic(
      ranges[index] as vscode.Range,
      `${error.message || error.code} (${t('client {0}', error.brukerNr)})`,
      diagnosticSeverity(error.severity),
    );
    diagnostic.source = t('SSB feedback');
    diagnostic.code = error.code;
    return diagnostic;
  });
}

/** The range Go to record selects for a row: the same as its problem's. */
export async function recordRange(
  extractPath: string,
  location: ClientLocation,
  error: ErrorRow,
  signal?: AbortSignal,
): Promise<vscode.Range> {
  return (await recordRanges(extractPath, [recordTarget(location, error)], signal))[0] as vscode.Range;
}

/**
 * The attribute's name where the tag has it (one pass over the file up to the last target),
 * else the element's `<name`. A file that cannot be read again keeps the element ranges.
 */
async function recordRanges(
  extractPath: string,
  targets: readonly RecordTarget[],
  signal: AbortSignal | undefined,
): Promise<vscode.Range[]> {
  const requests = targets.flatMap((target, index) =>
    target.attribute ? [{ index, tag: target.tag, attribute: target.attribute }] : [],
  );
  const found = await locateAttributes(extractPath, requests, signal).catch((error: unknown) => {
    if (signal?.aborted) throw error;
    return new Map<number, TagLocation>();
  });
  const attributes = new Map(requests.map((request, at) => [request.index, found.get(at)]));
  return targets.map((target, index) => {
    const attribute = attributes.get(index);
    if (attribute && target.attribute) return span(attribute, target.attribute.length);
    return span(target.tag, target.element.length + 1);
  });
}

function span(at: TagLocation, length: number): vscode.Range {
  return new vscode.Range(at.line - 1, at.column - 1, at.line - 1, at.column - 1 + length);
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
