/** The Submission history view's actions, each also reachable from the palette. */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { formatDateTime } from '../../core/format/norwegian';
import { toCsv, type FeedbackRecord, type SubmissionRecord } from '../../core/history';
import { reportError } from '../errors';
import type { Services } from '../services';
import { FeedbackNode, IntentNode, SubmissionNode } from '../views/historyView';
import { openFeedbackFolder } from './feedbackCommands';
import { resumeSendCommand } from './sendExtractCommand';

export async function openExtractCommand(services: Services, node?: SubmissionNode): Promise<void> {
  const record =
    node?.record ?? (await pickSubmission(services, vscode.l10n.t('Open the extract of which submission?')));
  if (!record) return;
  if (!existsSync(record.extract.path)) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('The extract {0} is no longer at {1}.', record.extract.name, record.extract.path),
    );
    return;
  }
  await vscode.window.showTextDocument(vscode.Uri.file(record.extract.path), { preview: false });
}

export async function resumeFromHistoryCommand(services: Services, node?: SubmissionNode | IntentNode): Promise<void> {
  if (node instanceof SubmissionNode) await resumeSendCommand(services, { submissionId: node.record.submissionId });
  else if (node instanceof IntentNode)
    await resumeSendCommand(services, { clientReference: node.intent.clientReference });
  else await resumeSendCommand(services);
}

export async function copyReceiptCommand(services: Services, node?: SubmissionNode): Promise<string | undefined> {
  const record =
    node?.record ??
    (await pickSubmission(
      services,
      vscode.l10n.t('Copy the receipt of which submission?'),
      (candidate) => candidate.receipt !== undefined,
    ));
  const receipt = record?.receipt;
  if (!record || !receipt) return undefined;
  const text = [
    vscode.l10n.t('IPLOS receipt {0}', receipt.receiptId),
    vscode.l10n.t(
      'Municipality {0}, year {1}, {2}',
      `${record.municipality}${record.bydel !== '00' ? `-${record.bydel}` : ''}`,
      record.year,
      record.environment,
    ),
    vscode.l10n.t('Completed {0}', receipt.completedAt),
    vscode.l10n.t('Submission {0}', record.submissionId),
    `SHA-256 ${receipt.sha256}`,
  ].join('\n');
  await vscode.env.clipboard.writeText(text);
  void vscode.window.showInformationMessage(vscode.l10n.t('Receipt {0} copied.', receipt.receiptId));
  return text;
}

/**
 * "IPLOS: Open feedback": the viewer for a feedback set — from the history view, or picked
 * from the downloads in the history, or any decrypted feedback folder chosen by hand.
 */
export async function openHistoryFeedbackCommand(
  services: Services,
  node?: SubmissionNode | FeedbackNode | vscode.Uri,
): Promise<vscode.WebviewPanel | undefined> {
  if (node instanceof vscode.Uri) return openFeedbackFolder(services, node.fsPath);
  let record: FeedbackRecord | undefined;
  if (node instanceof FeedbackNode) record = node.record;
  else if (node instanceof SubmissionNode) record = node.feedback.find((candidate) => candidate.decryptedTo);
  else {
    const history = await services.history.read();
    const browse = {
      label: `$(folder-opened) ${vscode.l10n.t('Choose a feedback folder…')}`,
      record: undefined,
      alwaysShow: true,
    };
    const picked = await vscode.window.showQuickPick(
      [
        ...history.feedback
          .filter((candidate) => candidate.decryptedTo)
          .reverse()
          .map((candidate) => ({
            label: candidate.fileName,
            description: formatDateTime(candidate.at),
            detail: candidate.decryptedTo,
            record: candidate as FeedbackRecord | undefined,
          })),
        browse,
      ],
      { title: vscode.l10n.t('Open which feedback?') },
    );
    if (!picked) return undefined;
    if (picked === browse) {
      const folder = await vscode.window.showOpenDialog({
        canSelectFiles: false,
        canSelectFolders: true,
        canSelectMany: false,
        openLabel: vscode.l10n.t('Open feedback'),
        defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
      });
      return folder?.[0] ? openFeedbackFolder(services, folder[0].fsPath) : undefined;
    }
    record = picked.record;
  }
  if (!record) {
    if (node)
      void vscode.window.showInformationMessage(
        vscode.l10n.t('No decrypted feedback for this submission yet. Download it from the SSB folders view.'),
      );
    return undefined;
  }
  if (!record.decryptedTo || !existsSync(record.decryptedTo)) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        'The decrypted feedback is no longer at {0}. Download it again from the SSB folders view.',
        record.decryptedTo ?? '',
      ),
    );
    return undefined;
  }
  return openFeedbackFolder(services, record.decryptedTo);
}

export async function exportHistoryCsvCommand(
  services: Services,
  target?: vscode.Uri,
): Promise<vscode.Uri | undefined> {
  try {
    const history = await services.history.read();
    const uri =
      target ??
      (await vscode.window.showSaveDialog({
        title: vscode.l10n.t('Export the submission history'),
        defaultUri: vscode.Uri.joinPath(
          vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(services.context.globalStorageUri.fsPath),
          'iplos-innsendinger.csv',
        ),
        filters: { CSV: ['csv'] },
      }));
    if (!uri) return undefined;
    await writeFile(uri.fsPath, toCsv(history.submissions), 'utf8');
    services.log.info(`History exported to ${uri.fsPath} (${history.submissions.length} submissions)`);
    const open = vscode.l10n.t('Open');
    void vscode.window
      .showInformationMessage(
        vscode.l10n.t('{0} submission(s) exported to {1}.', history.submissions.length, uri.fsPath),
        open,
      )
      .then((choice) => {
        if (choice === open) void vscode.window.showTextDocument(uri);
      });
    return uri;
  } catch (error) {
    await reportError(services.log, vscode.l10n.t('Exporting the history'), error);
    return undefined;
  }
}

async function pickSubmission(
  services: Services,
  title: string,
  filter: (record: SubmissionRecord) => boolean = () => true,
): Promise<SubmissionRecord | undefined> {
  const history = await services.history.read();
  const records = history.submissions.filter(filter).reverse();
  if (records.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('The submission history is empty.'));
    return undefined;
  }
  return (
    await vscode.window.showQuickPick(
      records.map((record) => ({
        label: record.extract.name,
        description: `${record.municipality} ${record.year} ${record.environment} · ${record.status}`,
        detail: record.receipt?.receiptId,
        record,
      })),
      { title },
    )
  )?.record;
}
