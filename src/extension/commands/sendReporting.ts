/**
 * What a send says while and after it runs: the progress line for each phase, the receipt
 * with "Show in history" and "Copy receipt", and — since the officer now waits for SSB's
 * feedback — a quiet sign-in to SSB so the new-file check runs.
 */
import * as vscode from 'vscode';
import type { MunicipalityProfile } from '../../core/config/settings';
import type { SendResult } from '../../core/ipis/sendSubmission';
import type { SendExtractProgress } from '../../core/send/sendExtract';
import type { ThrottledProgress } from '../progress';
import type { Services, Views } from '../services/container';
import { t } from '../localize';

export function reportSendProgress(progress: ThrottledProgress, update: SendExtractProgress): void {
  progress.bytes({
    step: phaseText(update),
    bytesDone: update.bytesDone,
    bytesTotal: update.bytesTotal,
    ...(update.bytesPerSecond ? { bytesPerSecond: update.bytesPerSecond } : {}),
    etaSeconds: update.etaSeconds,
  });
}

function phaseText(update: SendExtractProgress): string {
  switch (update.phase) {
    case 'encrypting':
      return t('Encrypting and splitting');
    case 'creating':
      return t('Creating the submission');
    case 'completing':
      return t('Completing the submission');
    case 'done':
      return t('Done');
    case 'uploading':
      return update.part ? t('Uploading part {0} of {1}', update.part.index, update.part.count) : t('Uploading');
  }
}

export function announceReceipt(services: Services, views: Views, result: SendResult): void {
  services.log.info(
    `Sent: receipt ${result.receipt.receiptId}, submission ${result.submissionId}, ${result.partsSent.length} part(s) sent now`,
  );
  const show = t('Show in history');
  const copy = t('Copy receipt');
  void vscode.window
    .showInformationMessage(
      t("Sent. Receipt {0}. SSB's feedback will arrive in the SSB folders view.", result.receipt.receiptId),
      show,
      copy,
    )
    .then((choice) => {
      if (choice === show) void views.history.reveal(result.submissionId);
      if (choice === copy) void vscode.env.clipboard.writeText(result.receipt.receiptId);
    });
}

/**
 * After a send the officer waits for SSB's feedback: sign in to the portal in the
 * background when the password is stored (never asking, never retrying a refusal), so the
 * new-file check runs and says "New feedback from SSB" when it arrives.
 */
export function watchForFeedback(services: Services, profile: MunicipalityProfile): void {
  if (services.ssb.current || !profile.ssbUsername) return;
  void services.secrets.has(profile, 'ssbPassword').then((stored) => {
    if (!stored) return;
    services.ssb.ensure({ interactive: false }).then(
      () => services.log.info('Signed in to SSB to watch for the feedback.'),
      (error: unknown) =>
        services.log.warn(
          `Could not sign in to SSB to watch for the feedback: ${error instanceof Error ? error.message : String(error)}`,
        ),
    );
  });
}
