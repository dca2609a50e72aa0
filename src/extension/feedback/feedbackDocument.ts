/**
 * SSB's feedback in the viewer: the files of one decrypted folder, read with the core
 * readers; the extract the feedback is about (extractForFeedback), its clients located by
 * the streamed index (cached), and the error rows put in the Problems panel on the extract.
 * Compared with an earlier round (feedbackComparison.ts), the error list is shown as the
 * core's compared list: a Status column and the fixed rows after the current ones; the
 * Problems panel and Go to record keep to the current rows.
 */
import { basename, join } from 'node:path';
import * as vscode from 'vscode';
import type { ClientLocation, ExtractIndexCache } from '../../core/extract/extractIndex';
import { samePath } from '../../core/paths';
import { readFeedbackFolder, type ErrorListFile, type ErrorRow, type FeedbackSet } from '../../core/feedback';
import { compareErrorLists, placesOfRounds, type ComparedErrorList } from '../../core/rounds';
import type { ViewComparison, ViewExtract } from '../../shared/feedbackProtocol';
import type { HistoryModel } from '../models/historyModel';
import { extractForFeedback, rememberExtract } from './extractForFeedback';
import { comparisonLabel, defaultComparison, pickComparison, placeOfFolder } from './feedbackComparison';
import { feedbackDiagnostics, recordRange } from './feedbackDiagnostics';
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
  /** As read from the folder: what the Problems panel and Go to record use. */
  private read: FeedbackSet | undefined;
  /** As shown (and copied, exported): `read`, with the compared error list while comparing. */
  set: FeedbackSet | undefined;
  /** The earlier round's folder while comparing. */
  comparedWith: string | undefined;
  /** The extract the feedback is about, once known. */
  extractPath: string | undefined;
  private locations = new Map<string, ClientLocation>();
  private readonly cancel = new AbortController();

  constructor(
    readonly folder: string,
    private readonly services: FeedbackDocumentServices,
    private readonly post: PostToView,
    comparedWith?: string,
  ) {
    this.key = folder;
    this.title = basename(folder);
    this.comparedWith = comparedWith;
  }

  /** The core wrote the read files' texts (notes, headings) in the old language: read them again. */
  relocalize(): void {
    this.read = undefined;
  }

  /**
   * The files are read once per panel; the extract's index is cached, so showing the panel
   * again costs no re-reading.
   */
  async load(): Promise<void> {
    if (!this.read) {
      this.post({ type: 'busy', message: t('Reading the feedback…') });
      this.read = await readFeedbackFolder(this.folder, { signal: this.cancel.signal });
      this.services.log.info(
        `Feedback ${this.folder}: ${this.read.files.length} file(s), ${errorRowsOf(this.read).length} error row(s)`,
      );
    }
    const set = this.read;
    const compared = await this.compared(set);
    this.set = !compared
      ? set
      : compared.of
        ? { ...set, files: set.files.map((file) => (file === compared.of ? compared.list.file : file)) }
        : { ...set, files: [...set.files, compared.list.file] };
    const choice = await extractForFeedback(this.folder, this.services.history, this.services.state);
    this.post({
      type: 'load',
      set: viewSetOf(
        this.key,
        this.title,
        this.set,
        {
          ...(choice.problem ? { problem: choice.problem } : {}),
          located: 0,
          wanted: wantedClients(set).size,
        },
        compared
          ? { statuses: { of: compared.list.file, statuses: compared.list.statuses }, comparison: compared.view }
          : {},
      ),
    });
    if (choice.path) await this.locate(choice.path);
    else this.post({ type: 'busy', message: undefined });
  }

  /** "Compare with…": the officer picks the earlier round (the round before first); the view is sent again. */
  async chooseComparison(): Promise<void> {
    const history = await this.services.history.read();
    const chosen = await pickComparison(history, this.folder);
    if (!chosen) return;
    this.comparedWith = chosen;
    await this.load();
  }

  /** Compares with the round before, when the history has one; else asks (the command on a history row). */
  async compareWithDefault(): Promise<void> {
    const previous = defaultComparison(await this.services.history.read(), this.folder);
    if (!previous?.decryptedTo) return this.chooseComparison();
    this.comparedWith = previous.decryptedTo;
    await this.load();
  }

  async stopComparing(): Promise<void> {
    this.comparedWith = undefined;
    await this.load();
  }

  /**
   * The first error list compared with the earlier round's; undefined when not comparing or that round cannot be read.
   * `of` undefined: this round has no error list (SSB found nothing) — the compared list is added after its files.
   */
  private async compared(
    set: FeedbackSet,
  ): Promise<{ of: ErrorListFile | undefined; list: ComparedErrorList; view: ViewComparison } | undefined> {
    const earlierFolder = this.comparedWith;
    const current = set.files.find((file): file is ErrorListFile => file.kind === 'error-list');
    if (!earlierFolder) return undefined;
    let earlier: FeedbackSet;
    try {
      earlier = await readFeedbackFolder(earlierFolder, { signal: this.cancel.signal });
    } catch (error) {
      this.comparedWith = undefined;
      this.post({
        type: 'error',
        message: t(
          'The earlier feedback {0} could not be read: {1}',
          basename(earlierFolder),
          error instanceof Error ? error.message : String(error),
        ),
      });
      return undefined;
    }
    const history = await this.services.history.read();
    // A folder that does not say whose it is takes the other side's place (the core's rule, as in the CLI).
    const places = placesOfRounds(placeOfFolder(history, earlierFolder), placeOfFolder(history, this.folder));
    const list = compareErrorLists(
      { file: current, place: places.later },
      { file: earlier.files.find((file): file is ErrorListFile => file.kind === 'error-list'), place: places.earlier },
    );
    this.services.log.info(
      `Feedback ${this.folder} compared with ${earlierFolder}: ${list.counts.fixed} fixed, ${list.counts.new} new, ${list.counts.remaining} remaining`,
    );
    return {
      of: current,
      list,
      view: { key: earlierFolder, label: comparisonLabel(history, earlierFolder), counts: list.counts },
    };
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
    const set = this.read;
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
    this.services.diagnostics.set(
      vscode.Uri.file(extractPath),
      await feedbackDiagnostics(set, locations, extractPath, this.cancel.signal),
    );
  }

  async goToRecord(fileIndex: number, row: number): Promise<void> {
    // The rows as read: a compared list's fixed rows are not among them, so they have no record.
    const file = this.read?.files[fileIndex];
    if (file?.kind !== 'error-list') return;
    const error = file.errors.find((candidate) => candidate.row === row);
    const location = error ? this.locations.get(error.brukerNr) : undefined;
    if (!error || !location || !this.extractPath) {
      void vscode.window.showWarningMessage(t('The record of this client was not found in the extract.'));
      return;
    }
    // The service or assessment the row names, on its attribute; else the client (as in the Problems panel).
    const selection = await recordRange(this.extractPath, location, error, this.cancel.signal);
    this.services.log.info(
      // Without the client number (personal data): the file and row say which.
      `Go to record: row ${row + 1} of file ${fileIndex + 1} at ${this.extractPath}:${selection.start.line + 1}:${selection.start.character + 1}`,
    );
    await vscode.window.showTextDocument(vscode.Uri.file(this.extractPath), {
      viewColumn: vscode.ViewColumn.Beside,
      preview: false,
      selection,
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
