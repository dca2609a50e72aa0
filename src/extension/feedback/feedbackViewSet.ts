/**
 * What the feedback viewer is sent for a feedback set: each file as the webview shows it
 * (error rows as ids and severities — never paths), the catalogue entries for the codes the
 * error list uses, and the viewer's strings in the UI language.
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { lookupErrorCode, type FeedbackSet } from '../../core/feedback';
import type { ViewCatalogueEntry, ViewExtract, ViewFile, ViewSet } from '../../shared/feedbackProtocol';
import { FEEDBACK_STRING_KEYS } from '../../shared/feedbackStringKeys';

export function viewSetOf(folder: string, set: FeedbackSet, extract: ViewExtract): ViewSet {
  const language =
    vscode.env.language.startsWith('nb') || vscode.env.language.startsWith('no') || vscode.env.language.startsWith('nn')
      ? 'nb'
      : 'en';
  const catalogue: Record<string, ViewCatalogueEntry> = {};
  const files: ViewFile[] = set.files.map((file, id): ViewFile => {
    switch (file.kind) {
      case 'error-list':
        for (const error of file.errors) {
          if (error.code in catalogue) continue;
          const found = lookupErrorCode(error.code, language);
          if (found) catalogue[error.code] = { title: found.title, meaning: found.meaning, fix: found.fix };
        }
        return {
          id,
          name: file.name,
          size: file.size,
          kind: 'error-list',
          source: file.source,
          columns: file.table.columns,
          rows: file.table.rows,
          malformed: file.malformed,
          errors: file.errors.map((error) => ({
            row: error.row,
            brukerNr: error.brukerNr,
            code: error.code,
            severity: error.severity,
            severityText: error.severityText,
            located: false,
          })),
        };
      case 'table':
        return {
          id,
          name: file.name,
          size: file.size,
          kind: 'table',
          source: file.source,
          columns: file.table.columns,
          rows: file.table.rows,
          malformed: file.malformed,
        };
      case 'text':
        return { id, name: file.name, size: file.size, kind: 'text', text: file.text };
      case 'other':
        return { id, name: file.name, size: file.size, kind: 'other', reason: file.reason };
    }
  });
  const strings = Object.fromEntries(FEEDBACK_STRING_KEYS.map((key) => [key, vscode.l10n.t(key)]));
  return { key: folder, title: basename(folder), files, extract, catalogue, strings, locale: 'nb-NO' };
}
