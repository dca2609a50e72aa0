import * as vscode from 'vscode';
import { setTranslator } from './core/i18n';
import {
  copyFirewallOrderCommand,
  runChecksCommand,
  runOneCheckCommand,
  showCheckDetailsCommand,
} from './extension/commands/checkCommands';
import {
  downloadFeedbackCommand,
  markReadCommand,
  openInPortalCommand,
  revealNotificationLinkCommand,
} from './extension/commands/feedbackCommands';
import {
  copyReceiptCommand,
  exportHistoryCsvCommand,
  openExtractCommand,
  openHistoryFeedbackCommand,
  resumeFromHistoryCommand,
} from './extension/commands/historyCommands';
import { addMunicipality, selectMunicipality, switchEnvironment } from './extension/commands/municipalityCommands';
import { clearSecretCommand, setSecretCommand } from './extension/commands/secretCommands';
import { resumeSendCommand, sendExtractCommand } from './extension/commands/sendExtractCommand';
import { signInCommand, signOutCommand } from './extension/commands/ssbCommands';
import { ConnectionProvider } from './extension/connection';
import { loadDemoSecrets } from './extension/demoSecrets';
import { FeedbackPanels } from './extension/feedback/feedbackPanels';
import { FeedbackPoller } from './extension/feedbackPoller';
import { HistoryModel } from './extension/historyModel';
import { ProfileSecrets } from './extension/secrets';
import type { Services } from './extension/services';
import { SsbSession } from './extension/ssbSession';
import { IplosStatusBar } from './extension/statusBar';
import { ChecksView } from './extension/views/checksView';
import { HistoryView } from './extension/views/historyView';
import { SsbView, type FileNode } from './extension/views/ssbView';

/**
 * Entry point of the VS Code layer. It stays thin: it builds the services and views and
 * wires commands to them; all protocol and file-format work is in src/core (no vscode).
 */
export interface TestApi {
  context: vscode.ExtensionContext;
  services: Services;
}

export function activate(context: vscode.ExtensionContext): TestApi | undefined {
  const started = performance.now();
  // The core's messages (errors, check results, extract problems) in the UI language.
  setTranslator((message, args) => vscode.l10n.t(message, ...args));
  const log = vscode.window.createOutputChannel('IPLOS', { log: true });
  const secrets = new ProfileSecrets(context.secrets);
  const connection = new ConnectionProvider(log);
  const ssb = new SsbSession(connection, secrets, context.globalState, log);
  const history = new HistoryModel(context, log);
  const checksView = new ChecksView(secrets, ssb, log);
  const historyView = new HistoryView(history);
  const ssbView = new SsbView(ssb, log);
  const poller = new FeedbackPoller(ssb, ssbView, context.globalState, log);
  const extractDiagnostics = vscode.languages.createDiagnosticCollection('iplos-extract');
  const feedbackPanels = new FeedbackPanels(context, history, log);
  const services: Services = {
    context,
    log,
    secrets,
    connection,
    ssb,
    history,
    checksView,
    historyView,
    ssbView,
    poller,
    feedbackPanels,
    extractDiagnostics,
  };
  poller.onDownload = (files) => void downloadFeedbackCommand(services, undefined, files);

  const command = (id: string, handler: (...args: never[]) => unknown): vscode.Disposable =>
    vscode.commands.registerCommand(id, handler as (...args: unknown[]) => unknown);
  context.subscriptions.push(
    log,
    secrets,
    connection,
    ssb,
    history,
    checksView,
    historyView,
    ssbView,
    poller,
    feedbackPanels,
    extractDiagnostics,
    new IplosStatusBar(),
    command('iplos.showLog', () => log.show()),
    command('iplos.openWalkthrough', () =>
      vscode.commands.executeCommand(
        'workbench.action.openWalkthrough',
        'iplos-innsending.iplos-innsending#iplos.routine',
        false,
      ),
    ),
    command('iplos.openSettings', () =>
      vscode.commands.executeCommand('workbench.action.openSettings', '@ext:iplos-innsending.iplos-innsending'),
    ),
    command('iplos.selectMunicipality', (id?: string) => selectMunicipality(services, id)),
    command('iplos.addMunicipality', () => addMunicipality()),
    command('iplos.switchEnvironment', (target?: 'test' | 'production') => switchEnvironment(services, target)),
    command('iplos.setSecret', (kind?: never) => setSecretCommand(services, kind)),
    command('iplos.clearSecret', (kind?: never) => clearSecretCommand(services, kind)),
    command('iplos.sendExtract', (uri?: vscode.Uri, args?: { confirmed?: boolean }) =>
      sendExtractCommand(services, uri, args && typeof args === 'object' && !(args instanceof vscode.Uri) ? args : {}),
    ),
    command('iplos.resumeSend', (reference?: { submissionId?: string; clientReference?: string }) =>
      resumeSendCommand(services, reference),
    ),
    command('iplos.runChecks', () => runChecksCommand(services)),
    command('iplos.checks.runOne', (item?: never) => runOneCheckCommand(services, item)),
    command('iplos.copyFirewallOrder', () => copyFirewallOrderCommand(services)),
    command('iplos.checks.showDetails', (item?: never) => showCheckDetailsCommand(services, item)),
    command('iplos.signIn', () => signInCommand(services)),
    command('iplos.signOut', () => signOutCommand(services)),
    command('iplos.downloadFeedback', (node?: never, selection?: never) =>
      downloadFeedbackCommand(services, node, selection),
    ),
    command('iplos.openFeedback', (node?: never) => openHistoryFeedbackCommand(services, node)),
    command('iplos.ssb.refresh', () => {
      ssbView.refresh();
      return poller.poll();
    }),
    command('iplos.ssb.loadMore', (node: never) => ssbView.loadMore(node)),
    command('iplos.ssb.markRead', (node?: FileNode, selection?: FileNode[]) =>
      markReadCommand(services, true, node, selection),
    ),
    command('iplos.ssb.markUnread', (node?: FileNode, selection?: FileNode[]) =>
      markReadCommand(services, false, node, selection),
    ),
    command('iplos.ssb.openInPortal', (node?: FileNode) => openInPortalCommand(services, node)),
    command('iplos.ssb.revealLink', (link?: string) => revealNotificationLinkCommand(services, link)),
    command('iplos.history.refresh', () => history.refresh()),
    command('iplos.history.openExtract', (node?: never) => openExtractCommand(services, node)),
    command('iplos.history.resume', (node?: never) => resumeFromHistoryCommand(services, node)),
    command('iplos.history.copyReceipt', (node?: never) => copyReceiptCommand(services, node)),
    command('iplos.history.exportCsv', (target?: vscode.Uri) => exportHistoryCsvCommand(services, target)),
  );
  // `iplos.configured` picks the SSB view's welcome content: set up a municipality, or sign in.
  const updateConfigured = (): Thenable<unknown> =>
    vscode.commands.executeCommand(
      'setContext',
      'iplos.configured',
      (vscode.workspace.getConfiguration('iplos').get<unknown[]>('municipalities') ?? []).length > 0,
    );
  void updateConfigured();
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('iplos.municipalities')) void updateConfigured();
    }),
  );
  // The demo's secrets first (when started by `npm run demo`), then the automatic sign-in.
  void loadDemoSecrets(secrets, log)
    .catch(() => 0)
    .then(() => ssb.restore());
  log.info(
    `IPLOS Innsending ${String(context.extension.packageJSON.version)} activated in ${Math.round(performance.now() - started)} ms`,
  );
  // Only the extension-host test suite gets the services (to drive the real views and
  // SecretStorage); other extensions never see them.
  return context.extensionMode === vscode.ExtensionMode.Test ? { context, services } : undefined;
}

export function deactivate(): void {
  // Everything else is disposed through context.subscriptions.
  setTranslator(undefined);
}
