/**
 * "IPLOS: Send extract": pick the file → the core's extract check with a summary →
 * confirm the environment (production stands out, always asked) → encrypt, split and send
 * with progress and Cancel → receipt, and the history shows it. A cancelled or failed send
 * stays in the history, resumable without a second submission.
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { ipisUrl, type Environment, type MunicipalityProfile } from '../../core/config/settings';
import { checkExtract, type ExtractCheckResult } from '../../core/extract';
import { formatBytes, formatInteger } from '../../core/format/norwegian';
import { buildHistory } from '../../core/history';
import type { SendResult } from '../../core/ipis/sendSubmission';
import { resumeSend, sendExtract, type SendExtractProgress } from '../../core/send/sendExtract';
import { currentProfile, profileLabel, readSettings } from '../configuration';
import { UserCancelled, UserFacingError, describeError, isCancellation, reportError } from '../errors';
import { withCancellableProgress, type ThrottledProgress } from '../progress';
import type { Services } from '../services';
import { requireProfile } from './municipalityCommands';
import { requireTrust } from './trust';

export interface SendExtractArgs {
  /** Skip the confirmation — honoured for the test environment only; production is always confirmed. */
  confirmed?: boolean;
}

export async function sendExtractCommand(
  services: Services,
  target?: vscode.Uri,
  args: SendExtractArgs = {},
): Promise<SendResult | undefined> {
  const what = vscode.l10n.t('Sending the extract');
  let started = false;
  try {
    requireTrust();
    const settings = readSettings();
    const profile = await requireProfile(services);
    const uri = target instanceof vscode.Uri ? target : await pickExtract();
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
    started = true;
    services.log.info(
      `Sending ${uri.fsPath} (${check.size} bytes) for ${profile.number}/${profile.bydel ?? '00'} ${year} to ${environment} (${endpoint})`,
    );
    const result = await withCancellableProgress(
      environment === 'production'
        ? vscode.l10n.t('Sending {0} to IPIS PRODUCTION', basename(uri.fsPath))
        : vscode.l10n.t('Sending {0} to IPIS (test)', basename(uri.fsPath)),
      (progress, signal) =>
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
    services.history.refresh();
    announceReceipt(services, result);
    watchForFeedback(services, profile);
    return result;
  } catch (error) {
    await sendFailed(services, what, error, started);
    return undefined;
  }
}

/**
 * After a send the officer waits for SSB's feedback: sign in to the portal in the
 * background when the password is stored (never asking, never retrying a refusal), so the
 * new-file check runs and says "New feedback from SSB" when it arrives.
 */
function watchForFeedback(services: Services, profile: MunicipalityProfile): void {
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

/** Continues an unfinished send from the history: only missing parts, the same submission. */
export async function resumeSendCommand(
  services: Services,
  reference?: { submissionId?: string; clientReference?: string },
): Promise<SendResult | undefined> {
  const what = vscode.l10n.t('Resuming the send');
  let started = false;
  try {
    requireTrust();
    const chosen = reference ?? (await pickUnfinished(services));
    if (!chosen) return undefined;
    const history = buildHistory((await services.history.store.readEvents()).events);
    const record =
      history.submissions.find((candidate) => candidate.submissionId === chosen.submissionId) ??
      history.pendingIntents.find((candidate) => candidate.clientReference === chosen.clientReference);
    if (!record)
      throw new UserFacingError(
        vscode.l10n.t('That send is not in the history any more.'),
        vscode.l10n.t('Start a new send of the extract with "IPLOS: Send extract".'),
      );
    const settings = readSettings();
    const profile =
      settings.municipalities.find(
        (candidate) => candidate.number === record.municipality && (candidate.bydel ?? '00') === record.bydel,
      ) ?? currentProfile(settings);
    if (!profile)
      throw new UserFacingError(
        vscode.l10n.t('Municipality {0} is not set up in the settings.', record.municipality),
        vscode.l10n.t('Add it with "IPLOS: Add a municipality", then resume the send.'),
        true,
      );
    const kostraPin = await services.secrets.require(profile, 'kostraPin');
    if (kostraPin === undefined) throw new UserCancelled();
    const transport = await services.connection.transport();
    started = true;
    const result = await withCancellableProgress(
      vscode.l10n.t('Resuming the send of {0}', record.extract.name),
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
    services.history.refresh();
    announceReceipt(services, result);
    return result;
  } catch (error) {
    await sendFailed(services, what, error, started);
    return undefined;
  }
}

async function pickExtract(): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const found = await vscode.workspace.findFiles('**/*.{xml,XML}', '**/{node_modules,.git}/**', 200);
  const browse = vscode.l10n.t('Browse…');
  type Item = vscode.QuickPickItem & { uri?: vscode.Uri };
  const items: Item[] = found
    .sort((a, b) =>
      a.toString() === active?.toString()
        ? -1
        : b.toString() === active?.toString()
          ? 1
          : a.fsPath.localeCompare(b.fsPath),
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
  const history = await services.history.read();
  const unfinished = history.submissions.filter(
    (record) =>
      record.status !== 'complete' &&
      record.municipality === profile.number &&
      record.year === check.year &&
      record.environment === environment,
  );
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

function reportSendProgress(progress: ThrottledProgress, update: SendExtractProgress): void {
  const step =
    update.phase === 'encrypting'
      ? vscode.l10n.t('Encrypting and splitting')
      : update.phase === 'creating'
        ? vscode.l10n.t('Creating the submission')
        : update.phase === 'completing'
          ? vscode.l10n.t('Completing the submission')
          : update.phase === 'done'
            ? vscode.l10n.t('Done')
            : update.part
              ? vscode.l10n.t('Uploading part {0} of {1}', update.part.index, update.part.count)
              : vscode.l10n.t('Uploading');
  progress.bytes({
    step,
    bytesDone: update.bytesDone,
    bytesTotal: update.bytesTotal,
    ...(update.bytesPerSecond ? { bytesPerSecond: update.bytesPerSecond } : {}),
    etaSeconds: update.etaSeconds,
  });
}

function announceReceipt(services: Services, result: SendResult): void {
  services.log.info(
    `Sent: receipt ${result.receipt.receiptId}, submission ${result.submissionId}, ${result.partsSent.length} part(s) sent now`,
  );
  const show = vscode.l10n.t('Show in history');
  const copy = vscode.l10n.t('Copy receipt');
  void vscode.window
    .showInformationMessage(
      vscode.l10n.t("Sent. Receipt {0}. SSB's feedback will arrive in the SSB folders view.", result.receipt.receiptId),
      show,
      copy,
    )
    .then((choice) => {
      if (choice === show) void services.historyView.reveal(result.submissionId);
      if (choice === copy) void vscode.env.clipboard.writeText(result.receipt.receiptId);
    });
}

/** After a failure: the history view shows what was recorded; the user is told (with Resume once sending had begun). */
async function sendFailed(services: Services, what: string, error: unknown, started: boolean): Promise<void> {
  services.history.refresh();
  if (started) await reportSendFailure(services, what, error);
  else await reportError(services.log, what, error);
}

/**
 * A cancelled or failed send is resumable: one notification says what happened and offers
 * Resume (the same submission, only the missing parts) when the history holds it.
 */
async function reportSendFailure(services: Services, what: string, error: unknown): Promise<void> {
  const history = await services.history.read().catch(() => undefined);
  const latest = history?.submissions
    .filter((record) => record.status !== 'complete')
    .sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt))[0];
  const recent = latest && Date.now() - Date.parse(latest.updatedAt) < 60_000 ? latest : undefined;
  if (!recent) return reportError(services.log, what, error);
  const resume = vscode.l10n.t('Resume');
  const showLog = vscode.l10n.t('Show log');
  const kept = vscode.l10n.t('It is kept in the history: Resume sends only the missing parts, to the same submission.');
  const onChoice = (choice: string | undefined): void => {
    if (choice === resume) void resumeSendCommand(services, { submissionId: recent.submissionId });
    if (choice === showLog) services.log.show(true);
  };
  if (isCancellation(error)) {
    services.log.info(`${what}: cancelled; submission ${recent.submissionId} can be resumed`);
    void vscode.window
      .showInformationMessage(`${vscode.l10n.t('{0} was cancelled.', what)} ${kept}`, resume)
      .then(onChoice);
    return;
  }
  const { message, detail } = describeError(error);
  services.log.error(`${what} failed: ${message} [${detail}]; submission ${recent.submissionId} can be resumed`);
  void vscode.window
    .showErrorMessage(`${vscode.l10n.t('{0} failed: {1}', what, message)} ${kept}`, resume, showLog)
    .then(onChoice);
}

async function pickUnfinished(
  services: Services,
): Promise<{ submissionId?: string; clientReference?: string } | undefined> {
  const history = await services.history.read();
  const items = [
    ...history.submissions
      .filter((record) => record.status !== 'complete')
      .map((record) => ({
        label: record.extract.name,
        description: `${record.municipality} ${record.year} ${record.environment}`,
        detail: vscode.l10n.t('{0} of {1} parts received', record.acknowledgedParts.length, record.parts.length),
        reference: { submissionId: record.submissionId },
      })),
    ...history.pendingIntents.map((intent) => ({
      label: intent.extract.name,
      description: `${intent.municipality} ${intent.year} ${intent.environment}`,
      detail: vscode.l10n.t('interrupted before the submission was created'),
      reference: { clientReference: intent.clientReference },
    })),
  ];
  if (items.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('There is no unfinished send in the history.'));
    return undefined;
  }
  return (await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Resume which send?') }))?.reference;
}
