/**
 * "IPLOS: Validate extract": the local control of an extract before it is sent — the core's
 * validateExtract with progress and Cancel, its findings in the Problems panel and in the
 * viewer's "Local control" document, a short summary. "IPLOS: Explain a control rule": the
 * rule's page (what it means, how to fix it, what it rests on), also where a Problems
 * entry's rule id links.
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { MunicipalityProfile } from '../../core/config/settings';
import { describeRule, ruleIds } from '../../core/validation';
import type { ValidationReport } from '../../core/validation/finding';
import { UserFacingError } from '../errors';
import { ruleExplanationUri } from '../feedback/ruleExplanation';
import { textLanguage } from '../language';
import type { LocalControlResult } from '../models/localControl';
import { withCancellableProgress } from '../progress';
import type { Services } from '../services/container';
import { aString, anUri, optionalArg } from './arguments';
import { pickExtract, requireLocalFile } from './extractPicker';
import { requireProfile } from './municipalityCommands';
import { command, type CommandSpec } from './registry';
import { t } from '../localize';

export interface ValidateExtractArgs {
  /** False: do not open or reveal the Local control document (it asked for the run itself). */
  reveal?: boolean;
}

export function localControlCommands(services: Services): CommandSpec[] {
  return [
    command({
      id: 'iplos.validateExtract',
      action: () => t('Validating the extract'),
      // From the Explorer or an editor: (uri, selected uris | editor context); from the viewer: (uri, { reveal: false }).
      args: (raw): [vscode.Uri | undefined, ValidateExtractArgs] => [
        optionalArg(raw[0], t('an extract file'), anUri),
        validateArgs(raw[1]),
      ],
      run: ([uri, args]) => validateExtractCommand(services, uri, args),
    }),
    command({
      id: 'iplos.explainRule',
      action: () => t('Explaining a control rule'),
      args: (raw) => optionalArg(raw[0], t('a rule id such as T01'), aString),
      run: (ruleId) => explainRule(ruleId),
    }),
  ];
}

function validateArgs(value: unknown): ValidateExtractArgs {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof vscode.Uri) return {};
  return (value as ValidateExtractArgs).reveal === false ? { reveal: false } : {};
}

async function validateExtractCommand(
  services: Services,
  target: vscode.Uri | undefined,
  args: ValidateExtractArgs,
): Promise<ValidationReport | undefined> {
  const profile = await requireProfile(services.configuration);
  const uri =
    target ??
    (await pickExtract({
      title: t('Validate extract: choose the IPLOS extract file'),
      openLabel: t('Validate this extract'),
    }));
  if (!uri) return undefined;
  requireLocalFile(uri);
  const result = await runLocalControl(services, uri, profile);
  if (args.reveal !== false) services.feedbackPanels.showLocalControl(uri);
  announce(uri, result);
  return result.report;
}

/** The local control under a cancellable progress (percent of the file read); also the first step of a send. */
export function runLocalControl(
  services: Services,
  uri: vscode.Uri,
  profile: MunicipalityProfile,
  title = t('Validating {0}', basename(uri.fsPath)),
): Thenable<LocalControlResult> {
  return withCancellableProgress(title, (progress, signal) =>
    services.localControl.validate(uri, {
      municipality: profile.number,
      language: textLanguage(),
      signal,
      onProgress: ({ bytesDone, bytesTotal }) =>
        progress.bytes({ step: t('Reading the extract'), bytesDone, bytesTotal }),
    }),
  );
}

/** A one-line summary; never awaited (a command must not hang on a notification). */
function announce(uri: vscode.Uri, result: LocalControlResult): void {
  const name = basename(uri.fsPath);
  const { counts, fatal, findings } = result.report;
  const showProblems = t('Show problems');
  const onChoice = (choice: string | undefined): void => {
    if (choice === showProblems) void vscode.commands.executeCommand('workbench.actions.view.problems');
  };
  if (findings.length === 0) {
    const send = t('Send extract');
    void vscode.window
      .showInformationMessage(t('No findings in {0}: the local control found nothing to fix.', name), send)
      .then((choice) => {
        if (choice === send) void vscode.commands.executeCommand('iplos.sendExtract', uri);
      });
    return;
  }
  if (fatal) {
    const first = findings.find((finding) => finding.severity === 'critical') ?? findings[0];
    void vscode.window
      .showErrorMessage(t('{0} cannot be sent: {1}', name, first?.message ?? ''), showProblems)
      .then(onChoice);
    return;
  }
  const text = t(
    'Local control of {0}: {1} errors, {2} warnings, {3} notes.',
    name,
    counts.critical + counts.error,
    counts.warning,
    counts.info,
  );
  const shown =
    counts.critical + counts.error > 0
      ? vscode.window.showWarningMessage(text, showProblems)
      : vscode.window.showInformationMessage(text, showProblems);
  void shown.then(onChoice);
}

/** Opens the rule's page; returns its id (undefined when none was picked). */
async function explainRule(given: string | undefined): Promise<string | undefined> {
  const language = textLanguage();
  const ruleId = given?.trim().toUpperCase() ?? (await pickRule(language));
  if (!ruleId) return undefined;
  if (!describeRule(ruleId, language))
    throw new UserFacingError(
      t('There is no control rule {0}.', ruleId),
      t('Run "IPLOS: Explain a control rule" and pick one from the list.'),
    );
  const uri = ruleExplanationUri(ruleId);
  // The Markdown preview reads the page through its content provider; a plain editor where there is no preview.
  await Promise.resolve(vscode.commands.executeCommand('markdown.showPreview', uri)).catch(() =>
    vscode.window.showTextDocument(uri, { preview: true }),
  );
  return ruleId;
}

async function pickRule(language: 'nb' | 'en'): Promise<string | undefined> {
  const picked = await vscode.window.showQuickPick(
    ruleIds().map((id) => ({ label: id, description: describeRule(id, language)?.title ?? '' })),
    { title: t('Explain a control rule'), matchOnDescription: true },
  );
  return picked?.label;
}
