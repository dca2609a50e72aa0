/**
 * Every failure reaches the user once, as "what happened. What to do." with a button to
 * the log or the settings; the technical detail goes to the log only. Core errors never
 * carry secrets, so their text can be shown and logged as it is.
 */
import * as vscode from 'vscode';
import { ArchiveError } from '../core/archive/archiveError';
import { SettingsError } from '../core/config/settings';
import { NetworkError } from '../core/net/networkError';
import { SecretStorageUnavailable } from './services/secrets';

export class UserCancelled extends Error {
  override readonly name = 'UserCancelled';
}

/** A failure of the extension's own (not the core's): what happened, and what to do. */
export class UserFacingError extends Error {
  override readonly name = 'UserFacingError';

  constructor(
    message: string,
    readonly remedy: string,
    readonly settings = false,
  ) {
    super(message);
  }
}

export function isCancellation(error: unknown): boolean {
  if (error instanceof UserCancelled || error instanceof vscode.CancellationError) return true;
  if (error instanceof NetworkError && error.kind === 'cancelled') return true;
  if (error instanceof ArchiveError && error.code === 'CANCELLED') return true;
  return error instanceof Error && error.name === 'AbortError';
}

export function describeError(error: unknown): { message: string; remedy: string; detail: string; settings: boolean } {
  if (error instanceof NetworkError)
    return {
      message: error.message,
      remedy: error.remedy,
      detail: `${error.kind}: ${error.detail}`,
      settings: error.kind === 'configuration' || error.kind.startsWith('tls') || error.kind === 'proxy',
    };
  if (error instanceof SettingsError)
    return { message: error.message, remedy: error.remedy, detail: 'settings', settings: true };
  if (error instanceof UserFacingError)
    return { message: error.message, remedy: error.remedy, detail: 'extension', settings: error.settings };
  if (error instanceof ArchiveError) return { message: error.message, remedy: '', detail: error.code, settings: false };
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
    remedy: vscode.l10n.t('See the IPLOS log for details.'),
    detail: error instanceof Error ? (error.stack ?? text) : text,
    settings: false,
  };
}

/**
 * The send a failure can be resumed from, when the error names it (the core's
 * SendFailedError): its submission, or — interrupted before the submission was created —
 * its client reference.
 */
export function resumableSend(error: unknown): { submissionId: string } | { clientReference: string } | undefined {
  const { submissionId, clientReference } = (error ?? {}) as { submissionId?: unknown; clientReference?: unknown };
  if (typeof submissionId === 'string' && submissionId) return { submissionId };
  if (typeof clientReference === 'string' && clientReference) return { clientReference };
  return undefined;
}
