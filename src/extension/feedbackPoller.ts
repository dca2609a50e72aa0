/**
 * Looks for new files on SSB's portal while signed in, every `iplos.pollIntervalMinutes`,
 * and says so: "New feedback from SSB" with a Download button. This replaces the e-mail to
 * postmottak that too often never reached the officer. Each file is announced once.
 */
import * as vscode from 'vscode';
import type { PortalFile } from '../core/ssb/portalClient';
import { readSettings } from './configuration';
import type { SsbSession } from './ssbSession';
import type { SsbView } from './views/ssbView';

const ANNOUNCED = 'iplos.ssb.announcedFiles';
const MAX_REMEMBERED = 200;

export class FeedbackPoller implements vscode.Disposable {
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<PortalFile[]> | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Set by activate(): what the Download button does. */
  onDownload: ((files: PortalFile[]) => void) | undefined;

  constructor(
    private readonly ssb: SsbSession,
    private readonly view: SsbView,
    private readonly state: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions.push(
      ssb.onDidChange((session) => {
        this.schedule();
        if (session) void this.poll();
        else view.setNewCount(0);
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('iplos.pollIntervalMinutes')) this.schedule();
      }),
    );
  }

  /** Asks the portal for new files now; updates the badge and announces files not seen before. */
  poll(): Promise<PortalFile[]> {
    this.polling ??= this.doPoll().finally(() => {
      this.polling = undefined;
    });
    return this.polling;
  }

  private async doPoll(): Promise<PortalFile[]> {
    const session = this.ssb.current;
    if (!session) return [];
    let fresh: PortalFile[];
    try {
      fresh = await session.portal.newFiles();
    } catch (error) {
      // No pop-up for a failed background poll: the next one may succeed; the log tells.
      this.log.warn(`Looking for new feedback failed: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    }
    this.view.setNewCount(fresh.length);
    const announced = new Set(this.state.get<string[]>(ANNOUNCED, []));
    const unannounced = fresh.filter((file) => !announced.has(file.id));
    if (unannounced.length === 0) return fresh;
    await this.state.update(ANNOUNCED, [...announced, ...unannounced.map((file) => file.id)].slice(-MAX_REMEMBERED));
    this.log.info(`New feedback on SSB's portal: ${unannounced.map((file) => file.name).join(', ')}`);
    this.view.refresh();
    void this.announce(unannounced);
    return fresh;
  }

  private async announce(files: PortalFile[]): Promise<void> {
    const download = vscode.l10n.t('Download');
    const show = vscode.l10n.t('Show');
    const message =
      files.length === 1
        ? vscode.l10n.t('New feedback from SSB: {0}', files[0]?.name ?? '')
        : vscode.l10n.t('New feedback from SSB: {0} files', files.length);
    const choice = await vscode.window.showInformationMessage(message, download, show);
    if (choice === download) this.onDownload?.(files);
    if (choice === show && files[0]) await this.view.revealFile(files[0]);
  }

  private schedule(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    let minutes = 0;
    try {
      minutes = readSettings().pollIntervalMinutes;
    } catch {
      return; // invalid settings are reported by the commands that need them
    }
    if (!this.ssb.current || !(minutes > 0)) return;
    this.timer = setInterval(() => void this.poll(), minutes * 60_000);
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
