/**
 * The local control of one extract in the viewer: the LocalControl model's latest result
 * as an error list (localControlSet.ts), redrawn whenever the result changes (validated
 * again, or gone stale). "Go to record" opens the extract at the finding's attribute —
 * its line and column are known, no index is needed. After a window reload the model is
 * empty (results stay in memory only), so the document runs the control again.
 */
import { basename, dirname, extname, join } from 'node:path';
import * as vscode from 'vscode';
import type { FeedbackSet } from '../../core/feedback';
import type { Finding } from '../../core/validation/finding';
import { textLanguage } from '../language';
import type { LocalControl, LocalControlResult } from '../models/localControl';
import { viewSetOf } from './feedbackViewSet';
import { localControlKey } from './panelKey';
import { localControlTitle, localControlView } from './localControlSet';
import type { PostToView, ViewerDocument } from './viewerDocument';
import { t } from '../localize';

export class LocalControlDocument implements ViewerDocument {
  readonly key: string;
  set: FeedbackSet | undefined;
  /** The result the webview shows (its rows are this result's findings). */
  private shown: LocalControlResult | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(
    readonly uri: vscode.Uri,
    private readonly control: LocalControl,
    private readonly post: PostToView,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.key = localControlKey(uri.fsPath);
    this.subscription = control.onDidChange((changed) => {
      // Validated again or gone stale: redraw (a removed result leaves the last one shown).
      if (changed.fsPath === uri.fsPath && control.result(uri)) void this.load();
    });
  }

  /** In the current language (the panel's title is set again when it changes). */
  get title(): string {
    return localControlTitle(this.uri.fsPath);
  }

  async load(): Promise<void> {
    const result = this.control.result(this.uri);
    if (!result) {
      // Restored after a reload (or the result was removed): run the control again, through its command.
      this.post({ type: 'busy', message: t('Checking {0}…', basename(this.uri.fsPath)) });
      await this.validateAgain();
      return;
    }
    const view = localControlView(result, textLanguage());
    this.shown = result;
    this.set = view.set;
    const count = new Set(result.report.findings.map((finding) => finding.brukerNr).filter(Boolean)).size;
    this.post({
      type: 'load',
      set: viewSetOf(
        this.key,
        this.title,
        view.set,
        { name: basename(this.uri.fsPath), located: count, wanted: count },
        { positions: view.positions, localControl: view.info },
      ),
    });
    this.post({ type: 'busy', message: undefined });
  }

  async validateAgain(): Promise<void> {
    await vscode.commands.executeCommand('iplos.validateExtract', this.uri, { reveal: false });
    // A failed or cancelled run was reported by the command; the webview stops waiting.
    if (!this.control.result(this.uri)) this.post({ type: 'busy', message: undefined });
  }

  async goToRecord(_file: number, row: number): Promise<void> {
    const finding = this.shown?.report.findings[row];
    if (!finding) return;
    this.log.info(`Go to record: ${finding.ruleId} at ${this.uri.fsPath}:${finding.line}:${finding.column}`);
    const document = await vscode.workspace.openTextDocument(this.uri);
    const selection = findingSelection(document, finding);
    const editor = await vscode.window.showTextDocument(document, {
      viewColumn: vscode.ViewColumn.Beside,
      preview: false,
      selection,
    });
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  filePath(): string | undefined {
    return undefined;
  }

  exportPath(): string | undefined {
    const name = basename(this.uri.fsPath, extname(this.uri.fsPath));
    return join(dirname(this.uri.fsPath), `${name}-${t('local-control')}.csv`);
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

/**
 * What "Go to record" selects: the attribute with its value (`tilDato="2025-01-01"`) when
 * the finding names one, else the element's name after `<`; the cursor alone where the text
 * is not what the finding says (the file changed since). The core counts columns in Unicode
 * characters, the editor in UTF-16 units: converted here from the line's text.
 */
export function findingSelection(document: vscode.TextDocument, finding: Finding): vscode.Selection {
  const line = Math.min(Math.max(0, finding.line - 1), document.lineCount - 1);
  const text = document.lineAt(line).text;
  const start = utf16Offset(text, Math.max(0, finding.column - 1));
  const rest = text.slice(start);
  if (finding.attribute) {
    const attribute = /^([\w.:-]+)\s*=\s*("[^"]*"|'[^']*')?/.exec(rest);
    if (attribute?.[1]?.endsWith(finding.attribute))
      return new vscode.Selection(line, start, line, start + attribute[0].length);
  } else if (finding.element) {
    const element = /^<([\w.:-]+)/.exec(rest);
    if (element?.[1]) return new vscode.Selection(line, start + 1, line, start + 1 + element[1].length);
  }
  return new vscode.Selection(line, start, line, start);
}

/** The UTF-16 offset of the `characters`-th Unicode character of `text` (clamped to its end). */
function utf16Offset(text: string, characters: number): number {
  let offset = 0;
  for (let seen = 0; seen < characters && offset < text.length; seen++)
    offset += (text.codePointAt(offset) ?? 0) > 0xffff ? 2 : 1;
  return offset;
}
