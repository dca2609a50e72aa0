/**
 * The viewer's host: one webview panel per document — SSB's feedback for a decrypted
 * folder (FeedbackDocument) or the local control of an extract (LocalControlDocument). It
 * owns the panels, their serializer (a reload reopens each from the key the webview keeps)
 * and the messages every document answers alike (copy, export, open a file); the
 * webview's requests carry ids only, resolved against the document's own data.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { ExtractIndexCache } from '../../core/extract/extractIndex';
import { toExcelCsv } from '../../core/format/excelCsv';
import { mayReopenPath } from '../../core/history/reopenablePath';
import { samePath } from '../../core/paths';
import { isWebviewMessage, type ViewState, type WebviewMessage } from '../../shared/feedbackProtocol';
import type { HistoryModel } from '../models/historyModel';
import type { LocalControl } from '../models/localControl';
import { UserFacingError } from '../errors';
import type { ErrorReporter } from '../services/errorReporter';
import { FeedbackDocument } from './feedbackDocument';
import { feedbackHtml, webviewRoot } from './feedbackHtml';
import { LocalControlDocument } from './localControlDocument';
import { extractOfKey, localControlKey, panelKey } from './panelKey';
import type { ViewerDocument } from './viewerDocument';
import { t } from '../localize';

export const FEEDBACK_VIEW_TYPE = 'iplos.feedback';

interface OpenPanel {
  panel: vscode.WebviewPanel;
  document: ViewerDocument;
}

export class FeedbackPanels implements vscode.Disposable {
  private readonly open = new Map<string, OpenPanel>();
  private readonly index = new ExtractIndexCache();
  /** SSB's errors on the extracts they are about (the local control has its own collection). */
  readonly diagnostics = vscode.languages.createDiagnosticCollection('iplos-feedback');
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly history: HistoryModel,
    private readonly localControl: LocalControl,
    private readonly reporter: ErrorReporter,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions.push(
      this.diagnostics,
      vscode.window.registerWebviewPanelSerializer(FEEDBACK_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state: unknown) => {
          const key = (state as ViewState | undefined)?.key;
          const extract = typeof key === 'string' ? extractOfKey(key) : undefined;
          // A local control is run again on reopening: only for an extract that is still there.
          if (extract !== undefined && existsSync(extract) && (await this.mayReopen(extract, 'extract')))
            this.attach(panel, this.localControlDocument(vscode.Uri.file(extract), panel));
          else if (extract === undefined && typeof key === 'string' && (await this.mayReopen(key, 'feedback'))) {
            // The comparison comes back too, for an earlier round the serializer may open as well.
            const comparedWith = (state as ViewState).comparedWith;
            const compare =
              typeof comparedWith === 'string' && (await this.mayReopen(comparedWith, 'feedback'))
                ? comparedWith
                : undefined;
            this.attach(panel, this.feedbackDocument(key, panel, compare));
          } else panel.dispose();
        },
      }),
    );
  }

  /** Opens (or shows) the viewer for a decrypted feedback folder. */
  show(folder: string): vscode.WebviewPanel {
    return this.reveal(folder, basename(folder), (panel) => this.feedbackDocument(folder, panel));
  }

  /** Opens (or shows) the local control document of an extract (the LocalControl model's result). */
  showLocalControl(uri: vscode.Uri, options: { preserveFocus?: boolean } = {}): vscode.WebviewPanel {
    return this.reveal(
      localControlKey(uri.fsPath),
      basename(uri.fsPath),
      (panel) => this.localControlDocument(uri, panel),
      options.preserveFocus === true,
    );
  }

  /**
   * "Compare with…" for a feedback folder (a history row: compared with the round before at
   * once when there is one), or for the feedback panel in front (the officer picks the round).
   */
  async compare(folder?: string): Promise<void> {
    if (folder) {
      this.show(folder);
      const document = this.open.get(panelKey(folder))?.document;
      if (document instanceof FeedbackDocument) await document.compareWithDefault();
      return;
    }
    const active = [...this.open.values()].find((entry) => entry.panel.active)?.document;
    if (!(active instanceof FeedbackDocument))
      throw new UserFacingError(
        t('No feedback is open in front to compare.'),
        t('Open a feedback from the Submission history, then run "Compare with…" again.'),
      );
    await active.chooseComparison();
  }

  /** The panel of a feedback folder, for tests and for "newer feedback" replacing an older one. */
  panelFor(folder: string): vscode.WebviewPanel | undefined {
    return this.open.get(panelKey(folder))?.panel;
  }

  /** The document a feedback folder's panel shows (tests drive Go to record through it). */
  documentFor(folder: string): ViewerDocument | undefined {
    return this.open.get(panelKey(folder))?.document;
  }

  /** The panel of an extract's local control document, when one is open. */
  localControlPanelFor(uri: vscode.Uri): vscode.WebviewPanel | undefined {
    return this.open.get(panelKey(localControlKey(uri.fsPath)))?.panel;
  }

  /** The language changed: each open viewer is built again (its page, then its data, with the new strings). */
  relocalize(): void {
    for (const { panel, document } of this.open.values()) {
      panel.title = document.title;
      document.relocalize?.();
      // A new page (a new nonce) reloads the webview; its `ready` loads the document with the new strings.
      panel.webview.html = feedbackHtml(panel.webview, this.context.extensionUri, document.title);
    }
  }

  private reveal(
    key: string,
    title: string,
    create: (panel: vscode.WebviewPanel) => ViewerDocument,
    preserveFocus = false,
  ): vscode.WebviewPanel {
    const existing = this.open.get(panelKey(key));
    if (existing) {
      existing.panel.reveal(undefined, preserveFocus);
      return existing.panel;
    }
    const panel = vscode.window.createWebviewPanel(
      FEEDBACK_VIEW_TYPE,
      title,
      { viewColumn: vscode.ViewColumn.Active, preserveFocus },
      this.webviewOptions(),
    );
    this.attach(panel, create(panel));
    return panel;
  }

  private feedbackDocument(folder: string, panel: vscode.WebviewPanel, comparedWith?: string): FeedbackDocument {
    return new FeedbackDocument(
      folder,
      {
        state: this.context.workspaceState,
        history: this.history,
        index: this.index,
        diagnostics: this.diagnostics,
        log: this.log,
      },
      (message) => void panel.webview.postMessage(message),
      comparedWith,
    );
  }

  private localControlDocument(uri: vscode.Uri, panel: vscode.WebviewPanel): LocalControlDocument {
    return new LocalControlDocument(
      uri,
      this.localControl,
      (message) => void panel.webview.postMessage(message),
      this.log,
    );
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      localResourceRoots: [webviewRoot(this.context.extensionUri)],
      enableFindWidget: true,
    };
  }

  private attach(panel: vscode.WebviewPanel, document: ViewerDocument): void {
    panel.webview.options = this.webviewOptions();
    panel.iconPath = vscode.Uri.joinPath(this.context.extensionUri, 'media', 'iplos.svg');
    panel.title = document.title;
    this.open.set(panelKey(document.key), { panel, document });
    panel.webview.html = feedbackHtml(panel.webview, this.context.extensionUri, document.title);
    const listener = panel.webview.onDidReceiveMessage((message: unknown) => {
      if (!isWebviewMessage(message)) {
        this.log.warn('The feedback viewer sent a message that is not part of its protocol; ignored.');
        return;
      }
      void this.onMessage(document, message).catch((error: unknown) =>
        this.reporter.report(t('The feedback viewer'), error),
      );
    });
    panel.onDidDispose(() => {
      listener.dispose();
      document.dispose();
      this.open.delete(panelKey(document.key));
      // SSB's errors belong to their feedback: gone with its panel (unless another shows the same extract).
      if (document instanceof FeedbackDocument && document.extractPath) {
        const path = document.extractPath;
        const shownElsewhere = [...this.open.values()].some(
          (other) =>
            other.document instanceof FeedbackDocument &&
            other.document.extractPath !== undefined &&
            samePath(other.document.extractPath, path),
        );
        if (!shownElsewhere) this.diagnostics.delete(vscode.Uri.file(path));
      }
    });
  }

  private async onMessage(document: ViewerDocument, message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        await document.load();
        return;
      case 'goToRecord':
        await document.goToRecord(message.file, message.row);
        return;
      case 'openFile': {
        const path = document.filePath(message.file);
        if (path) await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(path));
        return;
      }
      case 'copyRows':
      case 'exportRows':
        await this.copyOrExport(document, message.type, message.file, message.rows);
        return;
      case 'chooseExtract':
        await document.chooseExtract?.();
        return;
      case 'validateAgain':
        await document.validateAgain?.();
        return;
      case 'compareWith':
        await document.chooseComparison?.();
        return;
      case 'stopComparing':
        await document.stopComparing?.();
        return;
    }
  }

  private async copyOrExport(
    document: ViewerDocument,
    type: 'copyRows' | 'exportRows',
    fileIndex: number,
    rows: number[],
  ): Promise<void> {
    const file = document.set?.files[fileIndex];
    if (!file || (file.kind !== 'error-list' && file.kind !== 'table')) return;
    const valid = rows.filter((row) => row < file.table.rows.length);
    const text = toExcelCsv([
      file.table.columns.map((column) => column.name),
      ...valid.map((row) => file.table.rows[row] as string[]),
    ]);
    if (type === 'copyRows') {
      await vscode.env.clipboard.writeText(text);
      vscode.window.setStatusBarMessage(t('$(check) {0} rows copied', valid.length), 5000);
      return;
    }
    const suggested = document.exportPath(fileIndex);
    const target = await vscode.window.showSaveDialog({
      ...(suggested ? { defaultUri: vscode.Uri.file(suggested) } : {}),
      filters: { CSV: ['csv'] },
    });
    if (!target) return;
    await writeFile(target.fsPath, text, 'utf8');
    vscode.window.setStatusBarMessage(
      t('$(check) {0} rows exported to {1}', valid.length, basename(target.fsPath)),
      5000,
    );
  }

  /**
   * A folder or extract the serializer may reopen: inside a workspace folder, or one the
   * history knows (a feedback folder it decrypted, an extract it sent).
   */
  private async mayReopen(path: string, kind: 'feedback' | 'extract'): Promise<boolean> {
    const workspaces = (vscode.workspace.workspaceFolders ?? []).map((workspace) => workspace.uri.fsPath);
    return mayReopenPath(path, kind, workspaces, await this.history.read());
  }

  dispose(): void {
    for (const { panel } of this.open.values()) panel.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
