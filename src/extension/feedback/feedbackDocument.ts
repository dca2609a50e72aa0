/**
 * SSB's feedback in the viewer: the files of one decrypted folder, read with the core
 * readers; the extract the feedback is about (extractForFeedback), its clients located by
 * the streamed index (cached), and the error rows put in the Problems panel on the extract.
 */
import { basename, join } from 'node:path';
import * as vscode from 'vscode';
import type { ClientLocation, ExtractIndexCache } from '../../core/extract/extractIndex';
import { samePath } from '../../core/paths';
import { readFeedbackFolder, type ErrorRow, type FeedbackSet } from '../../core/feedback';
import type { ViewExtract } from '../../shared/feedbackProtocol';
import type { HistoryModel } from '../models/historyModel';
import { extractForFeedback, rememberExtract } from './extractForFeedback';
import { feedbackDiagnostics } from './feedbackDiagnostics';
import { viewSetOf } from './feedbackViewSet';
import type { PostToView, ViewerDocument } from './viewerDocument';
import { t } from '../localize';

export interface FeedbackDocumentServices {
  state: vscode.Memento;
  history: HistoryModel;
  index: ExtractIndexCache;
  /** SSB's errors on the extract (shared by every feedback document). */
  diagnostics: vscode.DiagnosticCollection;
  log: vscode.LogOutputChannel;
}

export class FeedbackDocument implements ViewerDocument {
  readonly key: string;
  readonly title: string;
  set: FeedbackSet | undefined;
  /** The extract the feedback is about, once known. */
  extractPath: string | undefined;
  private locations = new Map<string, ClientLocation>();
  private readonly cancel = new AbortController();

  constructor(
    readonly folder: string,
    private readonly services: FeedbackDocumentServices,
    private readonly post: PostToView,
  ) {
    this.key = folder;
    this.title = basename(folder);
  }

  /**
   * The files are read once per panel; the extract's index is cached, so showing the panel
   * again costs no re-reading.
   */
  async load(): Promise<void> {
    if (!this.set) {
      this.post({ type: 'busy', message: t('Reading the feedback…') });
      this.set = await readFeedbackFolder(this.folder, { signal: this.cancel.signal });
      this.services.log.info(
        `Feedback ${this.folder}: ${this.set.files.length} file(s), ${errorRowsOf(this.set).length} error row(s)`,
      );
    }
    const set = this.set;
    const choice = await extractForFeedback(this.folder, this.services.history, this.services.state);
    this.post({
      type: 'load',
      set: viewSetOf(this.key, this.title, set, {
        ...(choice.problem ? { problem: choice.problem } : {}),
        located: 0,
        wanted: wantedClients(set).size,
      }),
    });
    if (choice.path) await this.locate(choice.path);
    else this.post({ type: 'busy', message: undefined });
  }

  async chooseExtract(): Promise<void> {
    const chosen = await vscode.window.showOpenDialog({
      canSelectMany: false,
      openLabel: t('Use this extract'),
      title: t('The extract this feedback is about'),
      filters: { [t('IPLOS extract')]: ['xml', 'XML'] },
    });
    const path = chosen?.[0]?.fsPath;
    if (!path) return;
    await rememberExtract(this.folder, path, this.services.state);
    await this.locate(path);
  }

  /** Indexes the extract for the error list's clients, then tells the webview and the Problems panel. */
  private async locate(extractPath: string): Promise<void> {
    const set = this.set;
    if (!set) return;
    const wanted = wantedClients(set);
    this.post({ type: 'busy', message: t('Finding the clients in {0}…', basename(extractPath)) });
    const started = performance.now();
    let locations: Map<string, ClientLocation>;
    try {
      locations = await this.services.index.locate(extractPath, wanted, { signal: this.cancel.signal });
    } catch (error) {
      this.post({ type: 'busy', message: undefined });
      this.post({
        type: 'error',
        message: t(
          'The extract {0} could not be read: {1}',
          basename(extractPath),
          error instanceof Error ? error.message : String(error),
        ),
      });
      return;
    }
    if (this.extractPath && !samePath(this.extractPath, extractPath))
      this.services.diagnostics.delete(vscode.Uri.file(this.extractPath));
    this.extractPath = extractPath;
    this.locations = locations;
    this.services.log.info(
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
    this.post({ type: 'extract', extract, located });
    this.post({ type: 'busy', message: undefined });
    // The error rows with a located record, as problems on the extract.
    this.services.diagnostics.set(vscode.Uri.file(extractPath), feedbackDiagnostics(set, locations));
  }

  async goToRecord(fileIndex: number, row: number): Promise<void> {
    const file = this.set?.files[fileIndex];
    if (file?.kind !== 'error-list') return;
    const error = file.errors.find((candidate) => candidate.row === row);
    const location = error ? this.locations.get(error.brukerNr) : undefined;
    if (!error || !location || !this.extractPath) {
      void vscode.window.showWarningMessage(t('The record of this client was not found in the extract.'));
      return;
    }
    const position = location.bruker;
    const at = new vscode.Position(position.line - 1, position.column - 1);
    this.services.log.info(
      `Go to record: client ${error.brukerNr} at ${this.extractPath}:${position.line}:${position.column}`,
    );
    await vscode.window.showTextDocument(vscode.Uri.file(this.extractPath), {
      viewColumn: vscode.ViewColumn.Beside,
      preview: false,
      selection: new vscode.Range(at, at),
    });
  }

  filePath(fileIndex: number): string | undefined {
    const file = this.set?.files[fileIndex];
    return file ? join(this.folder, file.name) : undefined;
  }

  exportPath(fileIndex: number): string | undefined {
    const file = this.set?.files[fileIndex];
    return file ? join(this.folder, `${file.name.replace(/\.[^.]+$/, '')}-utvalg.csv`) : undefined;
  }

  dispose(): void {
    this.cancel.abort();
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
