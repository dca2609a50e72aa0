/**
 * The local control's results: the latest report of the core's validateExtract for each
 * extract that was checked in this window, and a change event. A new run of the same file
 * replaces its result; a cancelled run leaves the previous one as it was.
 *
 * A result goes stale when its file changes on disk or is deleted after the control ran:
 * its line numbers may then point at other records (an EPJ's new extract rewrites the whole
 * file), so the Problems panel drops them and the viewer says "validate again". Unsaved
 * edits in an editor do not make it stale — VS Code moves the squiggles with the text, and
 * the officer can work down the list. Results are kept in memory only: findings quote the
 * extract (client numbers, identities), which must stay in the municipality's secure zone.
 */
import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';
import { validateExtract, type ValidationReport } from '../../core/validation';
import type { TextLanguage } from '../language';

export interface LocalControlResult {
  uri: vscode.Uri;
  report: ValidationReport;
  checkedAt: Date;
  /** The file changed or went away after the control ran: positions may be off. */
  stale: boolean;
}

export interface LocalControlRun {
  /** The profile's municipality number: another `Kommune/@kommuneNr` is the fatal gate K01. */
  municipality: string;
  language: TextLanguage;
  signal?: AbortSignal;
  onProgress?: (progress: { bytesDone: number; bytesTotal: number }) => void;
}

interface Entry {
  result: LocalControlResult;
  /** The run that made it: an older run that ends later does not overwrite it. */
  run: number;
  /** The file's stamp (size and mtime) when it was read: only a different one makes the result stale. */
  stamp: string | undefined;
  watcher: vscode.Disposable;
}

export class LocalControl implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  /** Numbers the runs in the order they start. */
  private nextRun = 0;
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires with the file whose result was set, went stale or was removed. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: vscode.LogOutputChannel) {}

  result(uri: vscode.Uri): LocalControlResult | undefined {
    return this.entries.get(uri.fsPath)?.result;
  }

  get results(): LocalControlResult[] {
    return [...this.entries.values()].map((entry) => entry.result);
  }

  /** Runs the control on a file on this machine; its result replaces the file's previous one. */
  async validate(uri: vscode.Uri, run: LocalControlRun): Promise<LocalControlResult> {
    const key = uri.fsPath;
    const id = ++this.nextRun;
    const started = performance.now();
    const before = await modified(key);
    const report = await validateExtract(key, {
      municipality: run.municipality,
      language: run.language,
      ...(run.signal ? { signal: run.signal } : {}),
      ...(run.onProgress ? { onProgress: run.onProgress } : {}),
    });
    // Changed while it was read: the positions are of neither version.
    const stale = before === undefined || before !== (await modified(key));
    const result: LocalControlResult = { uri, report, checkedAt: new Date(), stale };
    this.log.info(
      `Local control of ${key}: ${report.findings.length} finding(s) listed (critical ${report.counts.critical}, errors ${report.counts.error}, warnings ${report.counts.warning}, info ${report.counts.info})${report.fatal ? ', stopped by a fatal gate' : ''} in ${Math.round(performance.now() - started)} ms`,
    );
    // A newer run of the same file already finished: its result stays. (One still running
    // replaces this one when it ends; one cancelled or failed leaves this one in place.)
    if ((this.entries.get(key)?.run ?? 0) > id) return result;
    this.entries.get(key)?.watcher.dispose();
    this.entries.set(key, { result, run: id, stamp: before, watcher: this.watch(uri) });
    this.changed.fire(uri);
    return result;
  }

  /** Forgets a file's result (its Problems entries go with it). */
  clear(uri: vscode.Uri): void {
    const entry = this.entries.get(uri.fsPath);
    if (!entry) return;
    entry.watcher.dispose();
    this.entries.delete(uri.fsPath);
    this.changed.fire(uri);
  }

  private watch(uri: vscode.Uri): vscode.Disposable {
    const watcher = vscode.workspace.createFileSystemWatcher(
      new vscode.RelativePattern(vscode.Uri.file(dirname(uri.fsPath)), basename(uri.fsPath)),
      true,
      false,
      false,
    );
    // The watcher may report a write from before the control ran (its events arrive late on a busy
    // machine): the file is stale only if it is no longer the one that was read.
    const markStale = async (): Promise<void> => {
      const before = this.entries.get(uri.fsPath);
      if (!before || before.result.stale) return;
      const now = await modified(uri.fsPath);
      const entry = this.entries.get(uri.fsPath);
      if (entry !== before || entry.result.stale || (now !== undefined && now === entry.stamp)) return;
      entry.result = { ...entry.result, stale: true };
      this.log.info(`${uri.fsPath} changed after its local control: its findings are stale.`);
      this.changed.fire(uri);
    };
    const onEvent = (): void => void markStale();
    return vscode.Disposable.from(watcher, watcher.onDidChange(onEvent), watcher.onDidDelete(onEvent));
  }

  dispose(): void {
    for (const entry of this.entries.values()) entry.watcher.dispose();
    this.entries.clear();
    this.changed.dispose();
  }
}

/** The file's modification stamp (size and mtime), or undefined when it cannot be read. */
async function modified(path: string): Promise<string | undefined> {
  try {
    const info = await stat(path);
    return `${info.size}:${info.mtimeMs}`;
  } catch {
    return undefined;
  }
}
