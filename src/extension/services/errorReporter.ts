/**
 * Every failure reaches the user once, here: "<action> failed: what happened. What to do."
 * with the buttons that help (Resume for a send that can be resumed, Open settings for a
 * settings problem, Show log always); the technical detail goes to the log only. A cancel
 * is said as such, never as a failure. Core errors never carry secrets, so their text can
 * be shown and logged as it is.
 */
import * as vscode from 'vscode';
import { describeError, isCancellation, resumableSend, UserFacingError } from '../errors';
import { t } from '../localize';

export interface ReportedError {
  /** The action that failed, in words: "Sending the extract". */
  action: string;
  /** The command whose boundary reported it, when one did. */
  commandId: string | undefined;
  cancelled: boolean;
  message: string;
  remedy: string;
  /** The send that the notification offers to resume, when there is one. */
  resume?: { submissionId: string } | { clientReference: string };
}

export class ErrorReporter implements vscode.Disposable {
  private readonly reported = new vscode.EventEmitter<ReportedError>();
  /** Fires for every report (the log and the test suite listen). */
  readonly onDidReport = this.reported.event;

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /**
   * Logs the failure and shows it. Returns once it is shown, not when the user answers: a
   * command must not hang on a notification.
   */
  report(action: string, error: unknown, commandId?: string): void {
    const resume = resumableSend(error);
    const resumeText = resume ? `; ${JSON.stringify(resume)} can be resumed` : '';
    if (isCancellation(error)) {
      this.log.info(`${action}: cancelled${resumeText}`);
      this.reported.fire({
        action,
        commandId,
        cancelled: true,
        message: '',
        remedy: '',
        ...(resume ? { resume } : {}),
      });
      const cancelled = t('{0} was cancelled.', action);
      if (!resume) {
        void vscode.window.showInformationMessage(cancelled);
        return;
      }
      void vscode.window
        .showInformationMessage(`${cancelled} ${keptInHistory()}`, resumeLabel())
        .then((choice) => this.onChoice(choice, resume));
      return;
    }
    const { message, remedy, detail, settings } = describeError(error);
    this.log.error(`${action} failed: ${message} ${remedy} [${detail}]${resumeText}`);
    this.reported.fire({ action, commandId, cancelled: false, message, remedy, ...(resume ? { resume } : {}) });
    const text = t('{0} failed: {1}', action, `${message} ${remedy}`.trim());
    const helper = error instanceof UserFacingError ? error.action : undefined;
    const buttons = [
      ...(helper ? [helper.title] : []),
      ...(resume ? [resumeLabel()] : []),
      ...(settings ? [t('Open settings')] : []),
      t('Show log'),
    ];
    void vscode.window.showErrorMessage(resume ? `${text} ${keptInHistory()}` : text, ...buttons).then((choice) => {
      if (helper && choice === helper.title) void vscode.commands.executeCommand(helper.command);
      else this.onChoice(choice, resume);
    });
  }

  private onChoice(choice: string | undefined, resume: ReportedError['resume']): void {
    if (choice === resumeLabel() && resume) void vscode.commands.executeCommand('iplos.resumeSend', resume);
    if (choice === t('Open settings')) void vscode.commands.executeCommand('iplos.openSettings');
    if (choice === t('Show log')) this.log.show(true);
  }

  dispose(): void {
    this.reported.dispose();
  }
}

function resumeLabel(): string {
  return t('Resume');
}

function keptInHistory(): string {
  return t('It is kept in the history: Resume sends only the missing parts, to the same submission.');
}
