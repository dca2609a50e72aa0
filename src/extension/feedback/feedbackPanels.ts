/**
 * The feedback viewer's host: one webview panel per decrypted feedback set. It reads the
 * files with the core readers, finds the extract the feedback is about, locates the
 * clients of the error list in it (streamed index, cached), puts those errors in the
 * Problems panel on the extract, and answers the webview's requests — which carry ids
 * only, resolved here against the set it holds.
 */
import { writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import * as vscode from 'vscode';
import { ExtractIndexCache, type ClientLocation } from '../../core/extract/extractIndex';
import { readFeedbackFolder, type ErrorRow, type FeedbackSet } from '../../core/feedback';
import { toExcelCsv } from '../../core/format/excelCsv';
import {
  isWebviewMessage,
  type HostMessage,
  type ViewExtract,
  type ViewState,
  type WebviewMessage,
} from '../../shared/feedbackProtocol';
import type { HistoryModel } from '../models/historyModel';
import type { ErrorReporter } from '../services/errorReporter';
import { extractForFeedback, rememberExtract } from './extractForFeedback';
import { feedbackDiagnostics } from './feedbackDiagnostics';
import { feedbackHtml, webviewRoot } from './feedbackHtml';
import { viewSetOf } from './feedbackViewSet';

export const FEEDBACK_VIEW_TYPE = 'iplos.feedback';

interface OpenSet {
  panel: vscode.WebviewPanel;
  folder: string;
  set: FeedbackSet | undefined;
  extractPath: string | undefined;
  locations: Map<string, ClientLocation>;
  cancel: AbortController;
}

export class FeedbackPanels implements vscode.Disposable {
  private readonly open = new Map<string, OpenSet>();
  private readonly index = new ExtractIndexCache();
  readonly diagnostics = vscode.languages.createDiagnosticCollection('iplos-feedback');
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly history: HistoryModel,
    private readonly reporter: ErrorReporter,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions.push(
      this.diagnostics,
      vscode.window.registerWebviewPanelSerializer(FEEDBACK_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state: unknown) => {
          const folder = (state as ViewState | undefined)?.key;
          if (typeof folder !== 'string' || !(await this.isFeedbackFolder(folder))) {
            panel.dispose();
            return;
          }
          this.attach(panel, folder);
        },
      }),
    );
  }

  /** Opens (or shows) the viewer for a decrypted feedback folder. */
  show(folder: string): vscode.WebviewPanel {
    const existing = this.open.get(folder);
    if (existing) {
      existing.panel.reveal();
      return existing.panel;
    }
    const panel = vscode.window.createWebviewPanel(
      FEEDBACK_VIEW_TYPE,
      basename(folder),
      vscode.ViewColumn.Active,
      this.webviewOptions(),
    );
    this.attach(panel, folder);
    return panel;
  }

  /** The panel of a folder, for tests and for "newer feedback" replacing an older one. */
  panelFor(folder: string): vscode.WebviewPanel | undefined {
    return this.open.get(folder)?.panel;
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      localResourceRoots: [webviewRoot(this.context.extensionUri)],
      enableFindWidget: true,
    };
  }

  private attach(panel: vscode.WebviewPanel, folder: string): void {
    panel.webview.options = this.webviewOptions();
    panel.iconPath = vscode.Uri.joinPath(this.context.extensionUri, 'media', 'iplos.svg');
    panel.title = basename(folder);
    const entry: OpenSet = {
      panel,
      folder,
      set: undefined,
      extractPath: undefined,
      locations: new Map(),
      cancel: new AbortController(),
    };
    this.open.set(folder, entry);
    panel.webview.html = feedbackHtml(panel.webview, this.context.extensionUri, basename(folder));
    const listener = panel.webview.onDidReceiveMessage((message: unknown) => {
      if (!isWebviewMessage(message)) {
        this.log.warn('The feedback viewer sent a message that is not part of its protocol; ignored.');
        return;
      }
      void this.onMessage(entry, message).catch((error: unknown) =>
        this.reporter.report(vscode.l10n.t('The feedback viewer'), error),
      );
    });
    panel.onDidDispose(() => {
      listener.dispose();
      entry.cancel.abort();
      this.open.delete(folder);
      // The errors belong to this feedback: gone with its panel.
      if (entry.extractPath && ![...this.open.values()].some((other) => other.extractPath === entry.extractPath))
        this.diagnostics.delete(vscode.Uri.file(entry.extractPath));
    });
  }

  private async onMessage(entry: OpenSet, message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        await this.load(entry);
        return;
      case 'goToRecord':
        await this.goToRecord(entry, message.file, message.row);
        return;
      case 'openFile': {
        const file = entry.set?.files[message.file];
        if (file) await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(join(entry.folder, file.name)));
        return;
      }
      case 'copyRows':
      case 'exportRows': {
        const csv = this.rowsAsCsv(entry, message.file, message.rows);
        if (csv === undefined) return;
        if (message.type === 'copyRows') {
          await vscode.env.clipboard.writeText(csv.text);
          vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) {0} rows copied', csv.count), 5000);
          return;
        }
        const target = await vscode.window.showSaveDialog({
          defaultUri: vscode.Uri.file(join(entry.folder, `${csv.name.replace(/\.[^.]+$/, '')}-utvalg.csv`)),
          filters: { CSV: ['csv'] },
        });
        if (!target) return;
        await writeFile(target.fsPath, csv.text, 'utf8');
        vscode.window.setStatusBarMessage(
          vscode.l10n.t('$(check) {0} rows exported to {1}', csv.count, basename(target.fsPath)),
          5000,
        );
        return;
      }
      case 'chooseExtract': {
        const chosen = await vscode.window.showOpenDialog({
          canSelectMany: false,
          openLabel: vscode.l10n.t('Use this extract'),
          title: vscode.l10n.t('The extract this feedback is about'),
          filters: { [vscode.l10n.t('IPLOS extract')]: ['xml', 'XML'] },
        });
        const path = chosen?.[0]?.fsPath;
        if (!path) return;
        await rememberExtract(entry.folder, path, this.context.workspaceState);
        await this.locate(entry, path);
        return;
      }
    }
  }

  /**
   * Answers the webview's `ready`: the first time, and again each time the panel is shown
   * after being hidden (its page is rebuilt then). The files are read once per panel; the
   * extract's index is cached, so showing the panel again costs no re-reading.
   */
  private async load(entry: OpenSet): Promise<void> {
    if (!entry.set) {
      this.post(entry, { type: 'busy', message: vscode.l10n.t('Reading the feedback…') });
      entry.set = await readFeedbackFolder(entry.folder, { signal: entry.cancel.signal });
      this.log.info(
        `Feedback ${entry.folder}: ${entry.set.files.length} file(s), ${errorRowsOf(entry.set).length} error row(s)`,
      );
    }
    const set = entry.set;
    const choice = await extractForFeedback(entry.folder, this.history, this.context.workspaceState);
    this.post(entry, {
      type: 'load',
      set: viewSetOf(entry.folder, set, {
        ...(choice.problem ? { problem: choice.problem } : {}),
        located: 0,
        wanted: wantedClients(set).size,
      }),
    });
    if (choice.path) await this.locate(entry, choice.path);
    else this.post(entry, { type: 'busy', message: undefined });
  }

  /** Indexes the extract for the error list's clients, then tells the webview and the Problems panel. */
  private async locate(entry: OpenSet, extractPath: string): Promise<void> {
    const set = entry.set;
    if (!set) return;
    const wanted = wantedClients(set);
    this.post(entry, { type: 'busy', message: vscode.l10n.t('Finding the clients in {0}…', basename(extractPath)) });
    const started = performance.now();
    let locations: Map<string, ClientLocation>;
    try {
      locations = await this.index.locate(extractPath, wanted, { signal: entry.cancel.signal });
    } catch (error) {
      this.post(entry, { type: 'busy', message: undefined });
      this.post(entry, {
        type: 'error',
        message: vscode.l10n.t(
          'The extract {0} could not be read: {1}',
          basename(extractPath),
          error instanceof Error ? error.message : String(error),
        ),
      });
      return;
    }
    if (entry.extractPath && entry.extractPath !== extractPath)
      this.diagnostics.delete(vscode.Uri.file(entry.extractPath));
    entry.extractPath = extractPath;
    entry.locations = locations;
    this.log.info(
      `Located ${locations.size} of ${wanted.size} client(s) in ${extractPath} (${Math.round(performance.now() - started)} ms)`,
    );
    const extract: ViewExtract = { name: basename(extractPath), located: locations.size, wanted: wanted.size };
    const located = set.files.flatMap((file, index) =>
      file.kind === 'error-list'
        ? [
            {
              file: index,
              rows: file.errors.filter((error) => locations.has(error.brukerNr)).map((error) => error.row),
            },
          ]
        : [],
    );
    this.post(entry, { type: 'extract', extract, located });
    this.post(entry, { type: 'busy', message: undefined });
    this.publishDiagnostics(entry);
  }

  /** The error rows with a located record, as problems on the extract. */
  private publishDiagnostics(entry: OpenSet): void {
    if (!entry.set || !entry.extractPath) return;
    this.diagnostics.set(vscode.Uri.file(entry.extractPath), feedbackDiagnostics(entry.set, entry.locations));
  }

  private async goToRecord(entry: OpenSet, fileIndex: number, row: number): Promise<void> {
    const file = entry.set?.files[fileIndex];
    if (file?.kind !== 'error-list') return;
    const error = file.errors.find((candidate) => candidate.row === row);
    const location = error ? entry.locations.get(error.brukerNr) : undefined;
    if (!error || !location || !entry.extractPath) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The record of this client was not found in the extract.'));
      return;
    }
    const position = location.bruker;
    const at = new vscode.Position(position.line - 1, position.column - 1);
    this.log.info(`Go to record: client ${error.brukerNr} at ${entry.extractPath}:${position.line}:${position.column}`);
    await vscode.window.showTextDocument(vscode.Uri.file(entry.extractPath), {
      viewColumn: vscode.ViewColumn.Beside,
      preview: false,
      selection: new vscode.Range(at, at),
    });
  }

  private rowsAsCsv(
    entry: OpenSet,
    fileIndex: number,
    rows: number[],
  ): { text: string; count: number; name: string } | undefined {
    const file = entry.set?.files[fileIndex];
    if (!file || (file.kind !== 'error-list' && file.kind !== 'table')) return undefined;
    const valid = rows.filter((row) => row < file.table.rows.length);
    return {
      text: toExcelCsv([
        file.table.columns.map((column) => column.name),
        ...valid.map((row) => file.table.rows[row] as string[]),
      ]),
      count: valid.length,
      name: file.name,
    };
  }

  private post(entry: OpenSet, message: HostMessage): void {
    void entry.panel.webview.postMessage(message);
  }

  /** A folder the serializer may reopen: inside a workspace folder, or one the history knows. */
  private async isFeedbackFolder(folder: string): Promise<boolean> {
    if (!isAbsolute(folder)) return false;
    const inWorkspace = (vscode.workspace.workspaceFolders ?? []).some((workspace) => {
      const path = relative(workspace.uri.fsPath, folder);
      return path !== '' && !path.startsWith('..') && !isAbsolute(path);
    });
    if (inWorkspace) return true;
    return (await this.history.read()).feedback.some(
      (record) =>
        record.decryptedTo === folder || (record.decryptedTo && dirname(record.decryptedTo) === dirname(folder)),
    );
  }

  dispose(): void {
    for (const entry of this.open.values()) entry.panel.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

function errorRowsOf(set: FeedbackSet): ErrorRow[] {
  return set.files.flatMap((file) => (file.kind === 'error-list' ? file.errors : []));
}

function wantedClients(set: FeedbackSet): Set<string> {
  return new Set(
    errorRowsOf(set)
      .map((error) => error.brukerNr)
      .filter((brukerNr) => brukerNr !== ''),
  );
}
