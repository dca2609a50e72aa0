/**
 * "IPLOS: Send extract": pick the file → the core's extract check with a summary →
 * confirm the environment (production stands out, always asked) → encrypt, split and send
 * with progress and Cancel → receipt, and the history shows it. A cancelled or failed send
 * stays in the history, resumable without a second submission: the core's SendFailedError
 * names it, and the error reporter offers Resume for exactly that one.
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { ipisUrl, type Environment, type MunicipalityProfile } from '../../core/config/settings';
import { checkExtract, type ExtractCheckResult } from '../../core/extract';
import { formatBytes, formatInteger } from '../../core/format/norwegian';
import { unfinishedSubmissions } from '../../core/history';
import type { SendResult } from '../../core/ipis/sendSubmission';
import { sendExtract } from '../../core/send/sendExtract';
import { UserCancelled, UserFacingError } from '../errors';
import { withCancellableProgress } from '../progress';
import { profileLabel } from '../services/configuration';
import type { Services, Views } from '../services/container';
import { anUri, optionalArg } from './arguments';
import { requireProfile } from './municipalityCommands';
import { command, type CommandSpec } from './registry';
import { resumeSendCommand } from './resumeSendCommand';
import { announceReceipt, reportSendProgress, watchForFeedback } from './sendReporting';
import { requireTrust } from './trust';

export interface SendExtractArgs {
  /** Skip the confirmation — honoured for the test environment only; production is always confirmed. */
  confirmed?: boolean;
}

export function sendCommands(services: Services, views: Views): CommandSpec[] {
  return [
    command({
      id: 'iplos.sendExtract',
      action: () => vscode.l10n.t('Sending the extract'),
      // From the Explorer or an editor: (uri, selected uris | editor context); from tests and links: (uri, { confirmed }).
      args: (raw): [vscode.Uri | undefined, SendExtractArgs] => [
        optionalArg(raw[0], vscode.l10n.t('an extract file'), anUri),
        sendArgs(raw[1]),
      ],
      run: ([uri, args]) => sendExtractCommand(services, views, uri, args),
    }),
    resumeSendCommand(services, views),
  ];
}

function sendArgs(value: unknown): SendExtractArgs {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof vscode.Uri) return {};
  return (value as SendExtractArgs).confirmed === true ? { confirmed: true } : {};
}

async function sendExtractCommand(
  services: Services,
  views: Views,
  target: vscode.Uri | undefined,
  args: SendExtractArgs,
): Promise<SendResult | undefined> {
  requireTrust();
  const settings = services.configuration.settings;
  const profile = await requireProfile(services.configuration);
  const uri = target ?? (await pickExtract());
  if (!uri) return undefined;
  if (uri.scheme !== 'file')
    throw new UserFacingError(
      vscode.l10n.t('Only files on this machine can be sent ({0}).', uri.toString()),
      vscode.l10n.t('Save the extract into the workspace folder on this machine and send it from there.'),
    );

  const check = await checkWithProgress(services, uri, profile);
  if (!check) return undefined;
  const environment = settings.environment;
  const year = check.year as number;
  await confirmSend(services, uri, profile, check, environment, args);

  const encryptionKey = await services.secrets.require(profile, 'encryptionKey');
  if (encryptionKey === undefined) throw new UserCancelled();
  const kostraPin = await services.secrets.require(profile, 'kostraPin');
  if (kostraPin === undefined) throw new UserCancelled();
  const transport = await services.connection.transport();
  const endpoint = ipisUrl(settings, environment);
  services.log.info(
    `Sending ${uri.fsPath} (${check.size} bytes) for ${profile.number}/${profile.bydel ?? '00'} ${year} to ${environment} (${endpoint})`,
  );
  const title =
    environment === 'production'
      ? vscode.l10n.t('Sending {0} to IPIS PRODUCTION', basename(uri.fsPath))
      : vscode.l10n.t('Sending {0} to IPIS (test)', basename(uri.fsPath));
  try {
    const result = await withCancellableProgress(title, (progress, signal) =>
      sendExtract(
        uri.fsPath,
        { environment, municipality: profile.number, bydel: profile.bydel ?? '00', year },
        { key: encryptionKey, maxPartSize: Math.floor(settings.maxPartSizeMiB * 1024 * 1024) },
        { dispatcher: transport.dispatcher, ipisUrl: endpoint, kostraPin },
        services.history.store,
        {
          signal,
          onProgress: (update) => reportSendProgress(progress, update),
          onLog: (line) => services.log.info(line),
        },
      ),
    );
    announceReceipt(services, views, result);
    watchForFeedback(services, profile);
    return result;
  } finally {
    // Sent, failed or cancelled: the history view shows what was recorded.
    services.history.refresh();
  }
}

async function pickExtract(): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const found = await vscode.workspace.findFiles('**/*.{xml,XML}', '**/{node_modules,.git}/**', 200);
  const browse = vscode.l10n.t('Browse…');
  type Item = vscode.QuickPickItem & { uri?: vscode.Uri };
  const items: Item[] = found
    // The active editor's file first, then by path.
    .sort(
      (a, b) =>
        Number(b.toString() === active?.toString()) - Number(a.toString() === active?.toString()) ||
        a.fsPath.localeCompare(b.fsPath),
    )
    .map((uri) => ({ label: basename(uri.fsPath), description: vscode.workspace.asRelativePath(uri, true), uri }));
  items.push({ label: `$(folder-opened) ${browse}`, alwaysShow: true });
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Send extract: choose the IPLOS extract file'),
    placeHolder: vscode.l10n.t('The XML file the EPJ exported'),
    matchOnDescription: true,
    ignoreFocusOut: true,
  });
  if (!picked) return undefined;
  if (picked.uri) return picked.uri;
  const chosen = await vscode.window.showOpenDialog({
    canSelectMany: false,
    openLabel: vscode.l10n.t('Send this extract'),
    filters: { [vscode.l10n.t('IPLOS extract')]: ['xml', 'XML'], [vscode.l10n.t('All files')]: ['*'] },
  });
  return chosen?.[0];
}

/** The core's pre-send check; its problems go to the Problems panel with line and column. */
async function checkWithProgress(
  services: Services,
  uri: vscode.Uri,
  profile: MunicipalityProfile,
): Promise<ExtractCheckResult | undefined> {
  const check = await withCancellableProgress(vscode.l10n.t('Checking {0}', basename(uri.fsPath)), (progress, signal) =>
    checkExtract(uri.fsPath, {
      municipality: profile.number,
      signal,
      onProgress: ({ bytesDone, bytesTotal }) =>
        progress.bytes({ step: vscode.l10n.t('Reading the extract'), bytesDone, bytesTotal }),
    }),
  );
  services.extractDiagnostics.delete(uri);
  if (check.ok) return check;
  services.extractDiagnostics.set(
    uri,
    check.problems.map((problem) => {
      const line = Math.max(0, (problem.line ?? 1) - 1);
      const column = Math.max(0, (problem.column ?? 1) - 1);
      const diagnostic = new vscode.Diagnostic(
        new vscode.Range(line, column, line, column + 1),
        problem.message,
        vscode.DiagnosticSeverity.Error,
      );
      diagnostic.source = 'IPLOS';
      diagnostic.code = problem.code;
      return diagnostic;
    }),
  );
  services.log.warn(`${uri.fsPath} cannot be sent: ${check.problems.map((problem) => problem.message).join(' | ')}`);
  const showProblems = vscode.l10n.t('Show problems');
  const first = check.problems[0]?.message ?? '';
  void vscode.window
    .showErrorMessage(
      vscode.l10n.t(
        'The extract cannot be sent as it is: {0}',
        check.problems.length > 1
          ? vscode.l10n.t('{0} (and {1} more problems)', first, check.problems.length - 1)
          : first,
      ),
      showProblems,
    )
    .then((choice) => {
      if (choice === showProblems) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
  return undefined;
}

async function confirmSend(
  services: Services,
  uri: vscode.Uri,
  profile: MunicipalityProfile,
  check: ExtractCheckResult,
  environment: Environment,
  args: SendExtractArgs,
): Promise<void> {
  const summary = [
    vscode.l10n.t('Municipality: {0}', profileLabel(profile)),
    vscode.l10n.t(
      'Reporting year: {0} (period {1} – {2})',
      check.year ?? '',
      check.period?.from ?? '',
      check.period?.to ?? '',
    ),
    vscode.l10n.t('Clients: {0}, services: {1}', formatInteger(check.clients), formatInteger(check.services)),
    vscode.l10n.t('File: {0} ({1})', basename(uri.fsPath), formatBytes(check.size)),
  ];
  const unfinished = unfinishedSubmissions(await services.history.read(), {
    municipality: profile.number,
    bydel: profile.bydel ?? '00',
    year: check.year ?? 0,
    environment,
  });
  if (unfinished.length > 0)
    summary.push(
      '',
      vscode.l10n.t(
        'Note: {0} unfinished send(s) for this year are in the history; they can be resumed from there instead.',
        unfinished.length,
      ),
    );
  if (environment === 'production') {
    const send = vscode.l10n.t('Send to PRODUCTION');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Send the extract to IPIS PRODUCTION?'),
      { modal: true, detail: [...summary, '', vscode.l10n.t('This is the real submission to the state.')].join('\n') },
      send,
    );
    if (choice !== send) throw new UserCancelled();
    return;
  }
  if (args.confirmed) return;
  const send = vscode.l10n.t('Send to test');
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t('Send the extract to the IPIS test send module?'),
    { modal: true, detail: summary.join('\n') },
    send,
  );
  if (choice !== send) throw new UserCancelled();
}
