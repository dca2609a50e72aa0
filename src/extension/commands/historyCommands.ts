/** The Submission history view's actions, each also reachable from the palette. */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { formatDateTime } from '../../core/format/norwegian';
import { toCsv, type FeedbackRecord, type SubmissionRecord } from '../../core/history';
import type { Services } from '../services/container';
import { FeedbackNode, IntentNode, SubmissionNode } from '../views/historyView';
import { anUri, instanceOf, optionalArg } from './arguments';
import { command, type CommandSpec } from './registry';
import type { SendReference } from './resumeSendCommand';
import { t } from '../localize';

export function historyCommands(services: Services): CommandSpec[] {
  const submissionArg = (raw: readonly unknown[]): SubmissionNode | undefined =>
    optionalArg(raw[0], t('a submission'), instanceOf(SubmissionNode));
  return [
    command({
      id: 'iplos.history.refresh',
      action: () => t('Refreshing the history'),
      run: () => services.history.refresh(),
    }),
    command({
      id: 'iplos.history.openExtract',
      action: () => t('Opening the extract'),
      args: submissionArg,
      run: (node) => openExtract(services, node),
    }),
    command({
      id: 'iplos.history.resume',
      action: () => t('Resuming the send'),
      args: (raw) =>
        optionalArg(
          raw[0],
          t('an unfinished send'),
          (value): SendReference | undefined =>
            value instanceof SubmissionNode ? { submissionId: value.record.submissionId } : undefined,
          (value): SendReference | undefined =>
            value instanceof IntentNode ? { clientReference: value.intent.clientReference } : undefined,
        ),
      // The send command's own boundary reports its failure (with Resume), so this one does not again.
      run: (reference) => vscode.commands.executeCommand('iplos.resumeSend', reference),
    }),
    command({
      id: 'iplos.history.copyReceipt',
      action: () => t('Copying the receipt'),
      args: submissionArg,
      run: (node) => copyReceipt(services, node),
    }),
    command({
      id: 'iplos.openFeedback',
      action: () => t('Opening the feedback'),
      args: (raw) =>
        optionalArg<SubmissionNode | FeedbackNode | vscode.Uri>(
          raw[0],
          t('a feedback folder'),
          instanceOf(SubmissionNode),
          instanceOf(FeedbackNode),
          anUri,
        ),
      run: (node) => openFeedback(services, node),
    }),
    command({
      id: 'iplos.history.exportCsv',
      action: () => t('Exporting the history'),
      args: (raw) => optionalArg(raw[0], t('a file'), anUri),
      run: (target) => exportHistoryCsv(services, target),
    }),
  ];
}

async function openExtract(services: Services, node: SubmissionNode | undefined): Promise<void> {
  const record = node?.record ?? (await pickSubmission(services, t('Open the extract of which submission?')));
  if (!record) return;
  if (!existsSync(record.extract.path)) {
    void vscode.window.showWarningMessage(
      t('The extract {0} is no longer at {1}.', record.extract.name, record.extract.path),
    );
    return;
  }
  await vscode.window.showTextDocument(vscode.Uri.file(record.extract.path), { preview: false });
}

async function copyReceipt(services: Services, node: SubmissionNode | undefined): Promise<string | undefined> {
  const record =
    node?.record ??
    (await pickSubmission(
      services,
      t('Copy the receipt of which submission?'),
      (candidate) => candidate.receipt !== undefined,
    ));
  const receipt = record?.receipt;
  if (!record || !receipt) return undefined;
  const text = [
    t('IPLOS receipt {0}', receipt.receiptId),
    t(
      'Municipality {0}, year {1}, {2}',
      `${record.municipality}${record.bydel !== '00' ? `-${record.bydel}` : ''}`,
      record.year,
      record.environment,
    ),
    t('Completed {0}', receipt.completedAt),
    t('Submission {0}', record.submissionId),
    `SHA-256 ${receipt.sha256}`,
  ].join('\n');
  await vscode.env.clipboard.writeText(text);
  void vscode.window.showInformationMessage(t('Receipt {0} copied.', receipt.receiptId));
  return text;
}

/**
 * "IPLOS: Open feedback": the viewer for a feedback set — from the history view, or picked
 * from the downloads in the history, or any decrypted feedback folder chosen by hand.
 */
async function openFeedback(
  services: Services,
  node: SubmissionNode | FeedbackNode | vscode.Uri | undefined,
): Promise<vscode.WebviewPanel | undefined> {
  if (node instanceof vscode.Uri) return services.feedbackPanels.show(node.fsPath);
  let record: FeedbackRecord | undefined;
  if (node instanceof FeedbackNode) record = node.record;
  else if (node instanceof SubmissionNode) record = node.feedback.find((candidate) => candidate.decryptedTo);
  else {
    const history = await services.history.read();
    const browse = {
      label: `$(folder-opened) ${t('Choose a feedback folder…')}`,
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
      { title: t('Open which feedback?') },
    );
    if (!picked) return undefined;
    if (picked === browse) {
      const folder = await vscode.window.showOpenDialog({
        canSelectFiles: false,
        canSelectFolders: true,
        canSelectMany: false,
        openLabel: t('Open feedback'),
        defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
      });
      return folder?.[0] ? services.feedbackPanels.show(folder[0].fsPath) : undefined;
    }
    record = picked.record;
  }
  if (!record) {
    if (node)
      void vscode.window.showInformationMessage(
        t('No decrypted feedback for this submission yet. Download it from the SSB folders view.'),
      );
    return undefined;
  }
  if (!record.decryptedTo || !existsSync(record.decryptedTo)) {
    void vscode.window.showWarningMessage(
      t(
        'The decrypted feedback is no longer at {0}. Download it again from the SSB folders view.',
        record.decryptedTo ?? '',
      ),
    );
    return undefined;
  }
  return services.feedbackPanels.show(record.decryptedTo);
}

async function exportHistoryCsv(services: Services, target: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  const history = await services.history.read();
  const uri =
    target ??
    (await vscode.window.showSaveDialog({
      title: t('Export the submission history'),
      defaultUri: vscode.Uri.joinPath(
        vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(services.context.globalStorageUri.fsPath),
        'iplos-innsendinger.csv',
      ),
      filters: { CSV: ['csv'] },
    }));
  if (!uri) return undefined;
  await writeFile(uri.fsPath, toCsv(history.submissions), 'utf8');
  services.log.info(`History exported to ${uri.fsPath} (${history.submissions.length} submissions)`);
  const open = t('Open');
  void vscode.window
    .showInformationMessage(t('{0} submission(s) exported to {1}.', history.submissions.length, uri.fsPath), open)
    .then((choice) => {
      if (choice === open) void vscode.window.showTextDocument(uri);
    });
  return uri;
}

async function pickSubmission(
  services: Services,
  title: string,
  filter: (record: SubmissionRecord) => boolean = () => true,
): Promise<SubmissionRecord | undefined> {
  const history = await services.history.read();
  const records = history.submissions.filter(filter).reverse();
  if (records.length === 0) {
    void vscode.window.showInformationMessage(t('The submission history is empty.'));
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
