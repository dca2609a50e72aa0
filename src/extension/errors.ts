/**
 * Every failure reaches the user once, as "what happened. What to do." with a button to
 * the log or the settings; the technical detail goes to the log only. The core's errors and
 * the extension's own are one shape (IplosError: message and remedy shown, code and detail
 * logged), and one test tells a cancel (the core's isCancellation). Core errors never
 * carry secrets, so their text can be shown and logged as it is.
 */
import { CancelledError, isCancellation as isCoreCancellation } from '../core/abort';
import { SettingsError } from '../core/config/settings';
import { IplosError } from '../core/errors';
import { NetworkError } from '../core/net/networkError';
import { SendFailedError } from '../core/send/sendFailedError';
import { SecretStorageUnavailable } from './services/secrets';
import { t } from './localize';

/** The user backed out of a prompt (a key, a confirmation): a cancel like the core's. */
export class UserCancelled extends CancelledError {}

/** A button the error notification offers: it runs a VS Code command. */
export interface ErrorAction {
  title: string;
  command: string;
}

/**
 * A failure of the extension's own (not the core's): what happened, what to do, whether the
 * settings can fix it, and a command that helps (e.g. "Manage Workspace Trust").
 */
export class UserFacingError extends IplosError {
  override readonly name = 'UserFacingError';

  constructor(
    message: string,
    remedy: string,
    readonly settings = false,
    readonly action?: ErrorAction,
  ) {
    super('extension', message, { remedy });
  }
}

/** The core's test, which also knows VS Code's CancellationError (by its name, 'Canceled'). */
export function isCancellation(error: unknown): boolean {
  return isCoreCancellation(error);
}

export function describeError(error: unknown): { message: string; remedy: string; detail: string; settings: boolean } {
  if (error instanceof IplosError) {
    let detail = error.detail ? `${error.code}: ${error.detail}` : error.code;
    if (error instanceof SendFailedError)
      detail += `; submission ${error.submissionId ?? '(not created)'}, client reference ${error.clientReference}`;
    return {
      message: error.message,
      remedy: error.remedy || t('See the IPLOS log for details.'),
      detail,
      settings: opensSettings(error),
    };
  }
  if (error instanceof SecretStorageUnavailable)
    return {
      message: error.message,
      remedy: '',
      detail: String((error.cause as Error | undefined)?.message ?? ''),
      settings: false,
    };
  const text = error instanceof Error ? error.message : String(error);
  return {
    message: text,
    remedy: t('See the IPLOS log for details.'),
    detail: error instanceof Error ? (error.stack ?? text) : text,
    settings: false,
  };
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
 * The send a failure can be resumed from, when the error names it (the core's
 * SendFailedError): its submission, or — interrupted before the submission was created —
 * its client reference.
 */
export function resumableSend(error: unknown): { submissionId: string } | { clientReference: string } | undefined {
  if (!(error instanceof SendFailedError)) return undefined;
  return error.submissionId ? { submissionId: error.submissionId } : { clientReference: error.clientReference };
}
