/**
 * The questions a send asks, as modals: whether to send despite the local control's errors
 * ("Show them" / "Send anyway"), and the confirmation with the summary — production always,
 * with its own button, and a button that names the errors when there are any (the second,
 * explicit confirmation a send to production with errors needs). One object, so the
 * extension-host suite can answer them as it answers SSB's security notice: a modal cannot
 * be clicked from the extension host.
 */
import * as vscode from 'vscode';
import type { Environment } from '../../core/config/settings';
import { t } from '../localize';

export interface ErrorsQuestion {
  /** The extract's file name. */
  extract: string;
  errors: number;
  warnings: number;
  environment: Environment;
}

/** "Show them" stops the send and shows the findings; "Send anyway" goes on; undefined: the dialog was closed. */
export type ErrorsAnswer = 'show' | 'send' | undefined;

export interface SendConfirmation {
  environment: Environment;
  /** The lines of the summary (municipality, year, clients, the control's counts, file). */
  summary: string[];
  /** Errors the officer chose to send anyway (0 for a clean extract). */
  errors: number;
}

export class SendPrompts implements vscode.Disposable {
  async sendDespiteErrors(question: ErrorsQuestion): Promise<ErrorsAnswer> {
    const show = t('Show them');
    const send = t('Send anyway');
    const detail = [
      t(
        "The local control found errors in the extract. Fix them in the EPJ and extract again — or send anyway, and SSB's feedback will list them too.",
      ),
    ];
    if (question.warnings > 0)
      detail.push(t('There are also {0} warnings; warnings never stop a send.', question.warnings));
    const choice = await vscode.window.showWarningMessage(
      t('{0} errors found in {1}', question.errors, question.extract),
      { modal: true, detail: detail.join('\n\n') },
      show,
      send,
    );
    if (choice === show) return 'show';
    if (choice === send) return 'send';
    return undefined;
  }

  /** True when the officer confirmed the send. */
  async confirmSend(confirmation: SendConfirmation): Promise<boolean> {
    const { environment, summary, errors } = confirmation;
    if (environment === 'production') {
      const send = errors > 0 ? t('Send to PRODUCTION with {0} errors', errors) : t('Send to PRODUCTION');
      const choice = await vscode.window.showWarningMessage(
        errors > 0
          ? t('Send the extract to IPIS PRODUCTION with {0} errors?', errors)
          : t('Send the extract to IPIS PRODUCTION?'),
        {
          modal: true,
          detail: [...summary, '', t('This is the real submission to the state.')].join('\n'),
        },
        send,
      );
      return choice === send;
    }
    const send = t('Send to test');
    const choice = await vscode.window.showInformationMessage(
      t('Send the extract to the IPIS test send module?'),
      { modal: true, detail: summary.join('\n') },
      send,
    );
    return choice === send;
  }

  dispose(): void {
    // Nothing to release: the modals close with the window.
  }
}
