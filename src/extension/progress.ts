/**
 * Runs long work under a cancellable notification and turns byte counts into "45 % ·
 * 12,3 MB/s · 1 min left". Reports are throttled to five a second (VS Code drops
 * increments that come too fast), and the Cancel button aborts the core's AbortSignal.
 */
import * as vscode from 'vscode';
import { formatBytes, formatDuration, formatRate } from '../core/format/norwegian';
import { t } from './localize';

export interface ByteProgress {
  /** The step, e.g. "Uploading part 2 of 3". */
  step: string;
  bytesDone: number;
  bytesTotal: number;
  bytesPerSecond?: number;
  etaSeconds?: number | undefined;
}

export class ThrottledProgress {
  private lastReport = 0;
  private lastStep = '';
  private reportedPercent = 0;

  constructor(
    private readonly progress: vscode.Progress<{ message?: string; increment?: number }>,
    private readonly intervalMs = 200,
  ) {}

  /** A new phase starts the bar again from zero. */
  step(message: string): void {
    this.lastStep = message;
    this.reportedPercent = 0;
    this.progress.report({ message });
  }

  bytes(update: ByteProgress): void {
    const now = Date.now();
    const finished = update.bytesDone >= update.bytesTotal;
    if (update.step !== this.lastStep) {
      this.step(update.step);
    } else if (now - this.lastReport < this.intervalMs && !finished) {
      return;
    }
    this.lastReport = now;
    const percent = update.bytesTotal > 0 ? Math.min(100, (update.bytesDone / update.bytesTotal) * 100) : 100;
    const parts = [`${Math.floor(percent)} %`, `${formatBytes(update.bytesDone)} / ${formatBytes(update.bytesTotal)}`];
    if (update.bytesPerSecond) parts.push(formatRate(update.bytesPerSecond));
    if (update.etaSeconds !== undefined && !finished) parts.push(t('{0} left', formatDuration(update.etaSeconds)));
    const increment = Math.max(0, percent - this.reportedPercent);
    this.reportedPercent = percent;
    this.progress.report({ message: `${update.step} — ${parts.join(' · ')}`, increment });
  }
}

/** A cancellable progress as it starts: its title, and what its Cancel button does. */
export interface StartedProgress {
  title: string;
  cancel(): void;
}

const started = new vscode.EventEmitter<StartedProgress>();
/**
 * Fires as each cancellable progress starts. The extension-host suite presses Cancel through
 * it (a notification's button cannot be clicked from the extension host); handed to it in
 * the TestApi only.
 */
export const onDidStartProgress = started.event;

/** withProgress in a notification with Cancel, handing the work an AbortSignal. */
export function withCancellableProgress<T>(
  title: string,
  work: (progress: ThrottledProgress, signal: AbortSignal) => Promise<T>,
): Thenable<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const cancel = (): void => controller.abort(new vscode.CancellationError());
      const subscription = token.onCancellationRequested(cancel);
      started.fire({ title, cancel });
      try {
        return await work(new ThrottledProgress(progress), controller.signal);
      } finally {
        subscription.dispose();
      }
    },
  );
}
