/**
 * The submission history as the extension sees it: the core store (JSON Lines, shared with
 * the `iplos` CLI) read into state, re-read when the file changes — also when the CLI
 * wrote it — or when `iplos.historyLocation` changes.
 */
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { buildHistory, HistoryStore, type History } from '../../core/history';
import { summariseFeedbackRounds, type FeedbackRoundSummary } from '../../core/rounds';
import type { Configuration } from '../services/configuration';

export class HistoryModel implements vscode.Disposable {
  private storeInstance: HistoryStore;
  private cached: Promise<History> | undefined;
  private cachedRounds: Promise<Map<string, FeedbackRoundSummary>> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private watcher: vscode.FileSystemWatcher | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly configuration: Configuration,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.storeInstance = this.openStore();
    this.subscriptions.push(
      configuration.onDidChange((change) => {
        if (!change.affects('history')) return;
        this.storeInstance = this.openStore();
        this.refresh();
      }),
    );
  }

  get store(): HistoryStore {
    return this.storeInstance;
  }

  get filePath(): string {
    return this.storeInstance.filePath;
  }

  /** The state, read once per change. A torn last line (a crash) is skipped and logged. */
  read(): Promise<History> {
    this.cached ??= this.storeInstance.readEvents().then((result) => {
      if (result.skippedLines > 0)
        this.log.warn(`History ${this.filePath}: ${result.skippedLines} damaged line(s) skipped`);
      return buildHistory(result.events);
    });
    return this.cached;
  }

  /**
   * Counts and change since the round before, per decrypted feedback download (by file id),
   * read from the decrypted folders once per change of the history (a download appends to it).
   */
  rounds(): Promise<Map<string, FeedbackRoundSummary>> {
    this.cachedRounds ??= this.read()
      .then((history) => summariseFeedbackRounds(history))
      .catch((error: unknown) => {
        this.log.warn(`Feedback rounds could not be read: ${error instanceof Error ? error.message : String(error)}`);
        return new Map<string, FeedbackRoundSummary>();
      });
    return this.cachedRounds;
  }

  refresh(): void {
    this.cached = undefined;
    this.cachedRounds = undefined;
    this.changed.fire();
  }

  private openStore(): HistoryStore {
    const path = this.configuration.historyFile(this.context.globalStorageUri);
    this.watcher?.dispose();
    // Another process (the CLI, another window) may append: follow the file.
    this.watcher = vscode.workspace.createFileSystemWatcher(
      new vscode.RelativePattern(vscode.Uri.file(dirname(path)), 'history.jsonl'),
    );
    this.watcher.onDidChange(() => this.refresh());
    this.watcher.onDidCreate(() => this.refresh());
    this.watcher.onDidDelete(() => this.refresh());
    return new HistoryStore(path);
  }

  dispose(): void {
    this.watcher?.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}
