/**
 * Every failure reaches the user once, as "what happened. What to do." with a button to
 * the log or the settings; the technical detail goes to the log only. The core's errors and
 * the extension's own are one shape (IplosError: message and remedy shown, code and detail
 * logged), and one test tells a cancel (the core's isCancellation). Core errors never
 * carry secrets, so their text can be shown and logged as it is.
 */
import * as vscode from 'vscode';
import { CancelledError, isCancellation as isCoreCancellation } from '../core/abort';
import { SettingsError } from '../core/config/settings';
import { IplosError } from '../core/errors';
import { NetworkError } from '../core/net/networkError';
import { SendFailedError } from '../core/send/sendFailedError';
import { SecretStorageUnavailable } from './secrets';

/** The user backed out of a prompt (a key, a confirmation): a cancel like the core's. */
export class UserCancelled extends CancelledError {}

/** A failure of the extension's own (not the core's): what happened, what to do, and whether the settings can fix it. */
export class UserFacingError extends IplosError {
  override readonly name = 'UserFacingError';

  constructor(
    message: string,
    remedy: string,
    readonly settings = false,
  ) {
    super('extension', message, { remedy });
  }
}

/** The core's test, which also knows VS Code's CancellationError (by its name, 'Canceled'). */
export function isCancellation(error: unknown): boolean {
  return isCoreCancellation(error);
}

export function describeError(error: unknown): { message: string; detail: string; settings: boolean } {
  if (error instanceof IplosError) {
    let detail = error.detail ? `${error.code}: ${error.detail}` : error.code;
    if (error instanceof SendFailedError)
      detail += `; submission ${error.submissionId ?? '(not created)'}, client reference ${error.clientReference}`;
    return { message: error.userMessage, detail, settings: opensSettings(error) };
  }
  if (error instanceof SecretStorageUnavailable)
    return {
      message: error.message,
      detail: String((error.cause as Error | undefined)?.message ?? ''),
      settings: false,
    };
  const text = error instanceof Error ? error.message : String(error);
  return { message: text, detail: error instanceof Error ? (error.stack ?? text) : text, settings: false };
}

/** Whether a setting can fix it: a setting that is wrong, or how this machine reaches the network (CA, TLS, proxy). */
function opensSettings(error: IplosError): boolean {
  const origin = error instanceof SendFailedError && error.cause instanceof IplosError ? error.cause : error;
  if (origin instanceof UserFacingError) return origin.settings;
  if (origin instanceof SettingsError) return true;
  return (
    origin instanceof NetworkError &&
    (origin.kind === 'configuration' || origin.kind.startsWith('tls') || origin.kind === 'proxy')
  );
}

/**
 * Logs the failure and shows it; `what` names the action ("Sending the extract"). Returns
 * once it is shown, not when the user answers: a command must not hang on a notification.
 */
export async function reportError(log: vscode.LogOutputChannel, what: string, error: unknown): Promise<void> {
  if (isCancellation(error)) {
    log.info(`${what}: cancelled`);
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} was cancelled.', what));
    return;
  }
  const { message, detail, settings } = describeError(error);
  log.error(`${what} failed: ${message} [${detail}]`);
  const showLog = vscode.l10n.t('Show log');
  const openSettings = vscode.l10n.t('Open settings');
  void vscode.window
    .showErrorMessage(
      vscode.l10n.t('{0} failed: {1}', what, message),
      ...(settings ? [openSettings, showLog] : [showLog]),
    )
    .then((choice) => {
      if (choice === showLog) log.show(true);
      if (choice === openSettings) void vscode.commands.executeCommand('iplos.openSettings');
    });
}
