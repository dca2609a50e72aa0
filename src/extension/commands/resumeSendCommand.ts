/**
 * "IPLOS: Resume send": continues an unfinished send from the history — only the missing
 * parts, to the same submission (or, for a send interrupted before its submission was
 * created, the same client reference, so the server never makes a second one).
 */
import * as vscode from 'vscode';
import { ipisUrl, profileFor } from '../../core/config/settings';
import { buildHistory } from '../../core/history';
import type { SendResult } from '../../core/ipis/sendSubmission';
import { resumeSend } from '../../core/send/sendExtract';
import { UserCancelled, UserFacingError } from '../errors';
import { withCancellableProgress } from '../progress';
import type { Services, Views } from '../services/container';
import { optionalArg } from './arguments';
import { command, type CommandSpec } from './registry';
import { announceReceipt, reportSendProgress } from './sendReporting';
import { requireTrust } from './trust';
import { t } from '../localize';

export interface SendReference {
  submissionId?: string;
  clientReference?: string;
}

export function resumeSendCommand(services: Services, views: Views): CommandSpec {
  return command({
    id: 'iplos.resumeSend',
    action: () => t('Resuming the send'),
    args: (raw) => optionalArg(raw[0], t('an unfinished send'), sendReference),
    run: (reference) => resume(services, views, reference),
  });
}

function sendReference(value: unknown): SendReference | undefined {
  const { submissionId, clientReference } = (typeof value === 'object' && value !== null ? value : {}) as Record<
    string,
    unknown
  >;
  if (typeof submissionId === 'string' && submissionId) return { submissionId };
  if (typeof clientReference === 'string' && clientReference) return { clientReference };
  return undefined;
}

async function resume(
  services: Services,
  views: Views,
  reference: SendReference | undefined,
): Promise<SendResult | undefined> {
  requireTrust();
  const chosen = reference ?? (await pickUnfinished(services));
  if (!chosen) return undefined;
  const history = buildHistory((await services.history.store.readEvents()).events);
  const record =
    history.submissions.find((candidate) => candidate.submissionId === chosen.submissionId) ??
    history.pendingIntents.find((candidate) => candidate.clientReference === chosen.clientReference);
  if (!record)
    throw new UserFacingError(
      t('That send is not in the history any more.'),
      t('Start a new send of the extract with "IPLOS: Send extract".'),
    );
  const settings = services.configuration.settings;
  const profile =
    profileFor(settings.municipalities, record.municipality, record.bydel) ??
    services.configuration.currentProfile(settings);
  if (!profile)
    throw new UserFacingError(
      t('Municipality {0} is not set up in the settings.', record.municipality),
      t('Add it with "IPLOS: Add a municipality", then resume the send.'),
      true,
    );
  const kostraPin = await services.secrets.require(profile, 'kostraPin');
  if (kostraPin === undefined) throw new UserCancelled();
  const transport = await services.connection.transport();
  try {
    const result = await withCancellableProgress(
      t('Resuming the send of {0}', record.extract.name),
      (progress, signal) =>
        resumeSend(
          chosen,
          { dispatcher: transport.dispatcher, ipisUrl: ipisUrl(settings, record.environment), kostraPin },
          services.history.store,
          {
            signal,
            onProgress: (update) => reportSendProgress(progress, update),
            onLog: (line) => services.log.info(line),
          },
        ),
    );
    announceReceipt(services, views, result);
    return result;
  } finally {
    services.history.refresh();
  }
}

async function pickUnfinished(services: Services): Promise<SendReference | undefined> {
  const history = await services.history.read();
  const items = [
    ...history.submissions
      .filter((record) => record.status !== 'complete')
      .map((record) => ({
        label: record.extract.name,
        description: `${record.municipality} ${record.year} ${record.environment}`,
        detail: t('{0} of {1} parts received', record.acknowledgedParts.length, record.parts.length),
        reference: { submissionId: record.submissionId },
      })),
    ...history.pendingIntents.map((intent) => ({
      label: intent.extract.name,
      description: `${intent.municipality} ${intent.year} ${intent.environment}`,
      detail: t('interrupted before the submission was created'),
      reference: { clientReference: intent.clientReference },
    })),
  ];
  if (items.length === 0) {
    void vscode.window.showInformationMessage(t('There is no unfinished send in the history.'));
    return undefined;
  }
  return (await vscode.window.showQuickPick(items, { title: t('Resume which send?') }))?.reference;
}
