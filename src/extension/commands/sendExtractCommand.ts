/**
 * "IPLOS: Send extract": pick the file → the local control (the core's validateExtract, its
 * findings in the Problems panel) as the gate: a fatal finding refuses the send, errors ask
 * "Show them / Send anyway", warnings never stop it → confirm the environment with the
 * summary and the control's counts (production stands out, always asked, and names the
 * errors sent anyway) → encrypt, split and send with progress and Cancel → receipt, and the
 * history shows it. A cancelled or failed send stays in the history, resumable without a
 * second submission: the core's SendFailedError names it, and the error reporter offers
 * Resume for exactly that one.
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { ipisUrl, type Environment, type MunicipalityProfile } from '../../core/config/settings';
import { formatBytes, formatInteger } from '../../core/format/norwegian';
import { unfinishedSubmissions } from '../../core/history';
import type { SendResult } from '../../core/ipis/sendSubmission';
import { sendExtract } from '../../core/send/sendExtract';
import type { ValidationReport } from '../../core/validation/finding';
import { UserCancelled, UserFacingError } from '../errors';
import { withCancellableProgress } from '../progress';
import { profileLabel } from '../services/configuration';
import type { Services, Views } from '../services/container';
import { anUri, optionalArg } from './arguments';
import { pickExtract, requireLocalFile } from './extractPicker';
import { runLocalControl } from './localControlCommands';
import { requireProfile } from './municipalityCommands';
import { command, type CommandSpec } from './registry';
import { resumeSendCommand } from './resumeSendCommand';
import { announceReceipt, reportSendProgress, watchForFeedback } from './sendReporting';
import { requireTrust } from './trust';
import { t } from '../localize';

export interface SendExtractArgs {
  /** Skip the confirmation — honoured for the test environment only; production is always confirmed. */
  confirmed?: boolean;
}

export function sendCommands(services: Services, views: Views): CommandSpec[] {
  return [
    command({
      id: 'iplos.sendExtract',
      action: () => t('Sending the extract'),
      // From the Explorer or an editor: (uri, selected uris | editor context); from tests and links: (uri, { confirmed }).
      args: (raw): [vscode.Uri | undefined, SendExtractArgs] => [
        optionalArg(raw[0], t('an extract file'), anUri),
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
  const uri =
    target ??
    (await pickExtract({
      title: t('Send extract: choose the IPLOS extract file'),
      openLabel: t('Send this extract'),
    }));
  if (!uri) return undefined;
  requireLocalFile(uri);

  const { report, stale } = await runLocalControl(services, uri, profile, t('Checking {0}', basename(uri.fsPath)));
  // The report matches neither version of a file that changed while it was read: never send on it.
  if (stale)
    throw new UserFacingError(
      t('{0} changed while it was being checked, so it was not sent.', basename(uri.fsPath)),
      t('Wait until the EPJ has finished writing the extract, then send it again.'),
    );
  const environment = settings.environment;
  const passed = await passLocalControl(services, uri, report, environment);
  if (!passed) return undefined;
  const { year, errorsSentAnyway } = passed;
  await confirmSend(services, uri, profile, report, year, environment, args, errorsSentAnyway);

  const encryptionKey = await services.secrets.require(profile, 'encryptionKey');
  if (encryptionKey === undefined) throw new UserCancelled();
  const kostraPin = await services.secrets.require(profile, 'kostraPin');
  if (kostraPin === undefined) throw new UserCancelled();
  const transport = await services.connection.transport();
  const endpoint = ipisUrl(settings, environment);
  services.log.info(
    `Sending ${uri.fsPath} (${report.size} bytes) for ${profile.number}/${profile.bydel ?? '00'} ${year} to ${environment} (${endpoint})`,
  );
  const title =
    environment === 'production'
      ? t('Sending {0} to IPIS PRODUCTION', basename(uri.fsPath))
      : t('Sending {0} to IPIS (test)', basename(uri.fsPath));
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

/**
 * The local control's verdict on a send: a fatal finding refuses it (its reason, and the
 * Problems panel), and so does an unknown period (the send is recorded under its year);
 * errors ask "Show them / Send anyway"; warnings pass. Returns the year and how many errors
 * are sent anyway (0 for none), or undefined when the officer chose to see them.
 */
async function passLocalControl(
  services: Services,
  uri: vscode.Uri,
  report: ValidationReport,
  environment: Environment,
): Promise<{ year: number; errorsSentAnyway: number } | undefined> {
  if (report.fatal) {
    const first = report.findings.find((finding) => finding.severity === 'critical') ?? report.findings[0];
    // A fatal report holds only its gate's finding (the engine discards the rest), and the gates'
    // messages name the file's structure (root, message type, municipality, the XML error), never
    // a client — so the message may be shown and logged; the log line keeps to the rule id.
    services.log.warn(`${uri.fsPath} cannot be sent: the local control's fatal finding ${first?.ruleId ?? ''}`);
    throw new UserFacingError(
      t('The extract cannot be sent as it is: {0}', first?.message ?? ''),
      t('Fix it in the EPJ and extract again; the finding is in the Problems panel.'),
      false,
      { title: t('Show problems'), command: 'workbench.actions.view.problems' },
    );
  }
  const year = reportingYear(report);
  const errors = report.counts.critical + report.counts.error;
  if (errors === 0) return { year, errorsSentAnyway: 0 };
  const answer = await services.sendPrompts.sendDespiteErrors({
    extract: basename(uri.fsPath),
    errors,
    warnings: report.counts.warning,
    environment,
  });
  if (answer === 'send') {
    services.log.info(`Sending ${uri.fsPath} despite ${errors} error(s) of the local control, as the user chose.`);
    return { year, errorsSentAnyway: errors };
  }
  if (answer === 'show') {
    services.feedbackPanels.showLocalControl(uri);
    void vscode.commands.executeCommand('workbench.actions.view.problems');
    return undefined;
  }
  throw new UserCancelled();
}

/** The year the send is recorded under: the period's, which the control reads; without a period it is not known. */
function reportingYear(report: ValidationReport): number {
  if (!report.period)
    throw new UserFacingError(
      t(
        'The extract names no reporting period (fraDatoPeriode and tilDatoPeriode), so the year it is for is not known.',
      ),
      t('Extract again from the EPJ with the period set; the local control lists what is missing.'),
    );
  return report.year;
}

async function confirmSend(
  services: Services,
  uri: vscode.Uri,
  profile: MunicipalityProfile,
  report: ValidationReport,
  year: number,
  environment: Environment,
  args: SendExtractArgs,
  errors: number,
): Promise<void> {
  const summary = [
    t('Municipality: {0}', profileLabel(profile)),
    t('Reporting year: {0} (period {1} – {2})', year, report.period?.from ?? '', report.period?.to ?? ''),
    t('Clients: {0}, services: {1}', formatInteger(report.clients), formatInteger(report.services)),
    t(
      'Local control: {0} errors, {1} warnings',
      formatInteger(report.counts.critical + report.counts.error),
      formatInteger(report.counts.warning),
    ),
    t('File: {0} ({1})', basename(uri.fsPath), formatBytes(report.size)),
  ];
  const unfinished = unfinishedSubmissions(await services.history.read(), {
    municipality: profile.number,
    bydel: profile.bydel ?? '00',
    year,
    environment,
  });
  if (unfinished.length > 0)
    summary.push(
      '',
      t(
        'Note: {0} unfinished send(s) for this year are in the history; they can be resumed from there instead.',
        unfinished.length,
      ),
    );
  // Production is always confirmed; `confirmed` (tests, links) skips only the test environment's question.
  if (environment !== 'production' && args.confirmed) return;
  if (!(await services.sendPrompts.confirmSend({ environment, summary, errors }))) throw new UserCancelled();
}
