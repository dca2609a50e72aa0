/**
 * Looks for new files on SSB's portal while signed in, every `iplos.pollIntervalMinutes`,
 * keeps the new-file count of the SSB folders up to date, and fires `onDidFindFeedback`
 * for files not announced before (activate turns that into "New feedback from SSB" with a
 * Download button). This replaces the e-mail to postmottak that too often never reached
 * the officer. Each file is announced once, also across restarts.
 *
 * Only the municipality's frassb folder is asked (`/folders/{frassbId}/files?newOnly=true`):
 * that is where SSB puts feedback; a new file elsewhere (tilssb, the home folder) is not
 * feedback. "New" is the server's `isNew`: MOVEit clears it once the user downloads the file
 * or marks it read, and sets it again when it is marked unread — `PATCH /files/{Id}` with
 * `{"isNew": …}` (shared/docs/moveit-rest-api.md §2, the PATCH /files/{Id} row). So the
 * "announced" memory holds only files that are new now: a file that stops being new is
 * forgotten, and announced again if it is marked unread later; a re-upload has a new id
 * (tracking number) and is announced as the new file it is.
 */
import * as vscode from 'vscode';
import type { PortalFile } from '../../core/ssb/portalClient';
import type { Configuration } from '../services/configuration';
import type { SsbSession } from '../services/ssbSession';
import type { SsbFolders } from './ssbFolders';

const ANNOUNCED = 'iplos.ssb.announcedFiles';

export class FeedbackPoller implements vscode.Disposable {
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<PortalFile[]> | undefined;
  private readonly found = new vscode.EventEmitter<PortalFile[]>();
  /** New files from SSB, each announced once. */
  readonly onDidFindFeedback = this.found.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly ssb: SsbSession,
    private readonly folders: SsbFolders,
    private readonly configuration: Configuration,
    private readonly state: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions.push(
      this.found,
      ssb.onDidChange((session) => {
        this.schedule();
        if (session) void this.poll();
      }),
      configuration.onDidChange((change) => {
        if (change.affects('polling')) this.schedule();
      }),
    );
  }

  /** Asks the portal for new files now; updates the count and announces files not seen before. */
  poll(): Promise<PortalFile[]> {
    this.polling ??= this.doPoll().finally(() => {
      this.polling = undefined;
    });
    return this.polling;
  }

  private async doPoll(): Promise<PortalFile[]> {
    const session = this.ssb.current;
    if (!session) return [];
    if (!session.frassb) {
      this.log.warn(`No feedback folder (frassb) for ${session.profile.ssbUsername ?? ''}: not looking for feedback.`);
      return [];
    }
    let fresh: PortalFile[];
    try {
      fresh = await session.portal.files(session.frassb.id, { newOnly: true });
    } catch (error) {
      // No pop-up for a failed background poll: the next one may succeed; the log tells.
      this.log.warn(`Looking for new feedback failed: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    }
    this.folders.setNewCount(fresh.length);
    const announced = new Set(this.state.get<string[]>(ANNOUNCED, []));
    const unannounced = fresh.filter((file) => !announced.has(file.id));
    // Remember exactly the files that are new now (see the rule above): no longer new → forgotten.
    // All of them, bounded by the server's list: a cut would announce the rest on every poll.
    const remembered = fresh.map((file) => file.id);
    if (remembered.length !== announced.size || unannounced.length > 0) await this.state.update(ANNOUNCED, remembered);
    if (unannounced.length === 0) return fresh;
    this.log.info(`New feedback on SSB's portal: ${unannounced.map((file) => file.name).join(', ')}`);
    this.folders.refresh();
    this.found.fire(unannounced);
    return fresh;
  }

  private schedule(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    // Invalid settings are reported by the commands that need them; no polling meanwhile.
    const minutes = this.configuration.settingsOrUndefined?.pollIntervalMinutes ?? 0;
    if (!this.ssb.current || !(minutes > 0)) return;
    this.timer = setInterval(() => void this.poll(), minutes * 60_000);
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
