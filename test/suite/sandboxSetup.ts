/**
 * The suite's counterpart of the real services: the sandbox (SSB's portal and IPIS over
 * HTTPS with its own CA) started in this extension host, and the extension configured for
 * it exactly as a user would — user/machine settings and SecretStorage — for Hamar (0403).
 */
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ErrorsAnswer, ErrorsQuestion, SendConfirmation } from '../../src/extension/services/sendPrompts';
import { writeExtract, type ExtractSummary } from '../fixtures/extractGenerator';
import { handExtractXml, type HandExtract } from '../helpers/handExtract';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { activateExtension, type TestApi } from './extension';

export const HAMAR = { number: '0403', name: 'Hamar', bydel: '00', ssbUsername: 'postmottak@hamar.kommune.no' };

const MACHINE_KEYS = [
  'endpoints.ipisTestUrl',
  'endpoints.ipisProductionUrl',
  'endpoints.ssbUrl',
  'endpoints.expectedAddress',
  'caFile',
  'historyLocation',
];
const USER_KEYS = ['municipalities', 'activeMunicipality', 'environment', 'pollIntervalMinutes', 'maxPartSizeMiB'];

/**
 * Between fixtures the endpoints point at a closed port on loopback: the connection checks
 * run whenever their view is first shown, and a test must never reach the real Norsk
 * Helsenett or SSB.
 */
export async function useUnreachableEndpoints(): Promise<void> {
  const config = vscode.workspace.getConfiguration('iplos');
  const global = vscode.ConfigurationTarget.Global;
  await config.update('endpoints.ipisTestUrl', 'https://127.0.0.1:9/SendemodulTEST', global);
  await config.update('endpoints.ipisProductionUrl', 'https://127.0.0.1:9/Sendemodul', global);
  await config.update('endpoints.ssbUrl', 'https://127.0.0.1:9', global);
  await config.update('endpoints.expectedAddress', '127.0.0.1', global);
}

export interface SandboxFixture {
  sandbox: Sandbox;
  api: TestApi;
  workspace: vscode.Uri;
  /** What the send asks, answered as given until the next call (see `answerSendQuestions`). */
  questions: SendQuestions;
  stop(): Promise<void>;
}

/** The send's questions as a test sees and answers them. */
export interface SendQuestions {
  /** Every "N errors found — Show them / Send anyway" asked, oldest first. */
  readonly errors: ErrorsQuestion[];
  /** Every send confirmation asked (the summary lines), oldest first. */
  readonly confirmations: SendConfirmation[];
  /**
   * How the questions from now on are answered (the lists above start empty again); a
   * question without an answer fails the send (never a modal left open).
   */
  answer(answers: { errors?: ErrorsAnswer | 'unexpected'; confirm?: boolean | 'unexpected' }): void;
}

/**
 * Answers the send's modals for the suite (a modal cannot be clicked from the extension host),
 * as signIn.test answers SSB's security notice: the prompts object's methods are replaced
 * and put back by `restore`. Unanswered, a question throws, so the send fails at once and the
 * test shows why — instead of a modal waiting until the test times out.
 */
export function answerSendQuestions(api: TestApi): SendQuestions & { restore(): void } {
  const prompts = api.services.sendPrompts;
  const original = { errors: prompts.sendDespiteErrors.bind(prompts), confirm: prompts.confirmSend.bind(prompts) };
  let answers: { errors?: ErrorsAnswer | 'unexpected'; confirm?: boolean | 'unexpected' } = {};
  const questions = {
    errors: [] as ErrorsQuestion[],
    confirmations: [] as SendConfirmation[],
    answer(next: typeof answers) {
      answers = next;
      questions.errors.length = 0;
      questions.confirmations.length = 0;
    },
    restore() {
      prompts.sendDespiteErrors = original.errors;
      prompts.confirmSend = original.confirm;
    },
  };
  prompts.sendDespiteErrors = async (question) => {
    questions.errors.push(question);
    const answer = 'errors' in answers ? answers.errors : 'unexpected';
    if (answer === 'unexpected') throw new Error(`the test did not expect to be asked: ${JSON.stringify(question)}`);
    return answer;
  };
  prompts.confirmSend = async (confirmation) => {
    questions.confirmations.push(confirmation);
    const answer = 'confirm' in answers ? answers.confirm : 'unexpected';
    if (answer === 'unexpected')
      throw new Error(`the test did not expect a confirmation: ${confirmation.summary.join(' | ')}`);
    return answer === true;
  };
  return questions;
}

export async function sandboxFixture(options: { historyFolder: string }): Promise<SandboxFixture> {
  const api = await activateExtension();
  const sandbox = await startSandbox({ port: 0 });
  const config = vscode.workspace.getConfiguration('iplos');
  const global = vscode.ConfigurationTarget.Global;
  await config.update('endpoints.ipisTestUrl', sandbox.info.ipisTestUrl, global);
  await config.update('endpoints.ipisProductionUrl', sandbox.info.ipisProductionUrl, global);
  await config.update('endpoints.ssbUrl', sandbox.info.ssbUrl, global);
  await config.update('endpoints.expectedAddress', '127.0.0.1', global);
  await config.update('caFile', sandbox.info.caFile, global);
  await config.update('historyLocation', options.historyFolder, global);
  await config.update('municipalities', [HAMAR], global);
  await config.update('activeMunicipality', HAMAR.number, global);
  await config.update('environment', 'test', global);
  await config.update('pollIntervalMinutes', 0, global);
  const demo = sandbox.info.municipalities.find((municipality) => municipality.number === HAMAR.number);
  if (!demo) throw new Error('the sandbox has no Hamar');
  const secrets = api.services.secrets;
  await secrets.store(HAMAR, 'ssbPassword', demo.password);
  await secrets.store(HAMAR, 'kostraPin', demo.kostraPin);
  await secrets.store(HAMAR, 'encryptionKey', demo.encryptionKey);
  const workspace = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!workspace) throw new Error('the suite needs a workspace folder');
  const questions = answerSendQuestions(api);
  return {
    sandbox,
    api,
    workspace,
    questions,
    async stop() {
      questions.restore();
      await api.services.ssb.signOut();
      for (const kind of ['ssbPassword', 'kostraPin', 'encryptionKey', 'feedbackKey'] as const)
        await secrets.delete(HAMAR, kind);
      for (const key of [...MACHINE_KEYS, ...USER_KEYS]) await config.update(key, undefined, global);
      await useUnreachableEndpoints();
      await sandbox.stop();
    },
  };
}

/** A generated IPLOS extract for Hamar in the workspace, with planted errors. */
export async function writeWorkspaceExtract(
  workspace: vscode.Uri,
  name: string,
  options: { clients?: number; errors?: number; year?: number; municipality?: string; malformed?: boolean } = {},
): Promise<{ uri: vscode.Uri; summary: ExtractSummary }> {
  const uri = vscode.Uri.joinPath(workspace, name);
  const summary = await writeExtract(uri.fsPath, {
    municipality: options.municipality ?? HAMAR.number,
    year: options.year ?? 2025,
    clients: options.clients ?? 40,
    errors: options.errors ?? 6,
    seed: 7,
    ...(options.malformed ? { malformed: true } : {}),
  });
  return { uri, summary };
}

/** A small hand-written extract for Hamar in the workspace (test/helpers/handExtract.ts: valid unless a test breaks it). */
export async function writeHandWorkspaceExtract(
  workspace: vscode.Uri,
  name: string,
  extract: HandExtract,
): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(workspace, name);
  await writeFile(uri.fsPath, handExtractXml(extract), 'utf8');
  return uri;
}

export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function tempFolder(name: string): string {
  return join(tmpdir(), `iplos-suite-${name}-${process.pid}-${Date.now()}`);
}
