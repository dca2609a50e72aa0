/**
 * What the viewer is sent for a document: each file as the webview shows it (error rows as
 * ids and severities — never paths), the catalogue entries for the codes the error list
 * uses (the control's rules where the code is one, else the feedback catalogue), and the
 * viewer's strings in the UI language.
 */
import { lookupErrorCode, type ErrorListFile, type FeedbackSet } from '../../core/feedback';
import { describeRule } from '../../core/validation';
import type { RoundStatus } from '../../core/rounds';
import type {
  ViewCatalogueEntry,
  ViewComparison,
  ViewExtract,
  ViewFile,
  ViewLocalControl,
  ViewSet,
} from '../../shared/feedbackProtocol';
import { FEEDBACK_STRING_KEYS } from '../../shared/feedbackStringKeys';
import { textLanguage, type TextLanguage } from '../language';
import { t } from '../localize';

export interface ViewSetExtras {
  /** Per error row of the (one) error list: where it is in the extract (local control). */
  positions?: readonly { line: number; column: number }[];
  localControl?: ViewLocalControl;
  /** Per row of the compared error list `of` (the core's compared list); the set's other error lists have none. */
  statuses?: { of: ErrorListFile; statuses: readonly RoundStatus[] };
  comparison?: ViewComparison;
}

export function viewSetOf(
  key: string,
  title: string,
  set: FeedbackSet,
  extract: ViewExtract,
  extras: ViewSetExtras = {},
): ViewSet {
  const language = textLanguage();
  const catalogue: Record<string, ViewCatalogueEntry> = {};
  const files: ViewFile[] = set.files.map((file, id): ViewFile => {
    switch (file.kind) {
      case 'error-list':
        for (const error of file.errors) {
          if (error.code in catalogue) continue;
          const found = catalogueEntry(error.code, language);
          if (found) catalogue[error.code] = found;
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
          errors: file.errors.map((error) => {
            const at = extras.positions?.[error.row];
            const status = extras.statuses?.of === file ? extras.statuses.statuses[error.row] : undefined;
            return {
              row: error.row,
              brukerNr: error.brukerNr,
              code: error.code,
              severity: error.severity,
              severityText: error.severityText,
              located: at !== undefined,
              ...(at ? { at } : {}),
              ...(status ? { status } : {}),
            };
          }),
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
  const strings = Object.fromEntries(FEEDBACK_STRING_KEYS.map((key) => [key, t(key)]));
  return {
    key,
    title,
    files,
    extract,
    catalogue,
    strings,
    locale: 'nb-NO',
    ...(extras.localControl ? { localControl: extras.localControl } : {}),
    ...(extras.comparison ? { comparison: extras.comparison } : {}),
  };
}

/** The rule's description when the code is one of the control's rules, else the feedback catalogue's entry. */
function catalogueEntry(code: string, language: TextLanguage): ViewCatalogueEntry | undefined {
  const rule = describeRule(code.trim().toUpperCase(), language);
  if (rule) return { title: rule.title, meaning: rule.meaning, fix: rule.fix, source: rule.source };
  const found = lookupErrorCode(code, language);
  return found ? { title: found.title, meaning: found.meaning, fix: found.fix } : undefined;
}
