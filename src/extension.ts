/**
 * Entry point of the VS Code layer. It stays thin: it builds the services and models,
 * the views that render them, and registers every command through the one registry; all
 * protocol and file-format work is in src/core (no vscode). See docs/architecture.md.
 */
import * as vscode from 'vscode';
import { setTranslator } from './core/i18n';
import { checkCommands } from './extension/commands/checkCommands';
import { announceNewFeedback, feedbackCommands } from './extension/commands/feedbackCommands';
import { generalCommands } from './extension/commands/generalCommands';
import { historyCommands } from './extension/commands/historyCommands';
import { localControlCommands } from './extension/commands/localControlCommands';
import { municipalityCommands } from './extension/commands/municipalityCommands';
import { CommandRegistry } from './extension/commands/registry';
import { secretCommands } from './extension/commands/secretCommands';
import { sendCommands } from './extension/commands/sendExtractCommand';
import { ssbCommands } from './extension/commands/ssbCommands';
import { yearOverviewCommands } from './extension/commands/yearOverviewCommands';
import { FeedbackPanels } from './extension/feedback/feedbackPanels';
import { RuleExplanations } from './extension/feedback/ruleExplanation';
import { ConnectionChecks } from './extension/models/connectionChecks';
import { FeedbackPoller } from './extension/models/feedbackPoller';
import { HistoryModel } from './extension/models/historyModel';
import { LocalControl } from './extension/models/localControl';
import { SsbFolders } from './extension/models/ssbFolders';
import { YearOverviewModel } from './extension/models/yearOverviewModel';
import { Configuration } from './extension/services/configuration';
import { ConnectionProvider } from './extension/services/connection';
import type { Services, Views } from './extension/services/container';
import { loadDemoSecrets } from './extension/services/demoSecrets';
import { ErrorReporter } from './extension/services/errorReporter';
import { ExtensionLanguage } from './extension/services/extensionLanguage';
import { onDidStartProgress, type StartedProgress } from './extension/progress';
import { ProfileSecrets } from './extension/services/secrets';
import { SendPrompts } from './extension/services/sendPrompts';
import { SsbSession } from './extension/services/ssbSession';
import { ChecksView } from './extension/views/checksView';
import { HistoryView } from './extension/views/historyView';
import { SsbView } from './extension/views/ssbView';
import { LocalControlProblems } from './extension/views/localControlProblems';
import { IplosStatusBar } from './extension/views/statusBar';
import { t } from './extension/localize';
import { YearOverviewView } from './extension/views/yearOverviewView';

export interface TestApi {
  context: vscode.ExtensionContext;
  services: Services;
  views: Views;
  registry: CommandRegistry;
  /** Each cancellable progress as it starts, with its Cancel (the suite cannot click the button). */
  onDidStartProgress: vscode.Event<StartedProgress>;
}

export function activate(context: vscode.ExtensionContext): TestApi | undefined {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('IPLOS', { log: true });
  const configuration = new Configuration();
  // First: iplos.language picks the bundle before any string is made, and on a change it is
  // loaded before the other listeners of the same change draw.
  const language = new ExtensionLanguage(configuration, context.extensionPath);
  // The core's messages (errors, check results, extract problems) in the same language.
  setTranslator((message, args) => t(message, ...args));
  const reporter = new ErrorReporter(log);
  const secrets = new ProfileSecrets(context.secrets);
  const connection = new ConnectionProvider(configuration, log);
  const ssb = new SsbSession(configuration, connection, secrets, context.globalState, log, context.globalStorageUri);
  activeSession = ssb;
  const history = new HistoryModel(context, configuration, log);
  const checks = new ConnectionChecks(configuration, secrets, ssb, log);
  const ssbFolders = new SsbFolders(ssb);
  const poller = new FeedbackPoller(ssb, ssbFolders, configuration, context.globalState, log);
  const localControl = new LocalControl(log);
  const feedbackPanels = new FeedbackPanels(context, history, localControl, reporter, log);
  const services: Services = {
    context,
    log,
    configuration,
    reporter,
    secrets,
    connection,
    ssb,
    history,
    checks,
    ssbFolders,
    poller,
    feedbackPanels,
    localControl,
    sendPrompts: new SendPrompts(),
    yearOverview: new YearOverviewModel(history, configuration, log),
  };
  const views: Views = {
    checks: new ChecksView(checks),
    history: new HistoryView(history),
    ssb: new SsbView(ssbFolders, log),
    yearOverview: new YearOverviewView(services.yearOverview),
  };
  const statusBar = new IplosStatusBar(configuration);
  const registry = new CommandRegistry(reporter);
  registry.register([
    ...generalCommands(services),
    ...municipalityCommands(services),
    ...secretCommands(services),
    ...checkCommands(services),
    ...localControlCommands(services),
    ...sendCommands(services, views),
    ...historyCommands(services),
    ...ssbCommands(services),
    ...feedbackCommands(services, views),
    ...yearOverviewCommands(services, views),
  ]);
  // Every service and model is disposed with the extension (the context itself is not ours).
  const { context: _context, ...disposables } = services;
  context.subscriptions.push(
    ...Object.values(disposables),
    views.checks,
    views.history,
    views.ssb,
    views.yearOverview,
    registry,
    language,
    statusBar,
    new LocalControlProblems(localControl),
    new RuleExplanations(),
    // The checks run when their view is first shown; a run that cannot start says why.
    views.checks.onDidFirstShow(() =>
      checks.run().catch((error: unknown) => reporter.report(t('Running the connection checks'), error)),
    ),
    // What can be drawn again in the new language is, at once.
    language.onDidChange(() => {
      views.checks.relocalize();
      views.history.relocalize();
      views.ssb.relocalize();
      views.yearOverview.relocalize();
      void checks.relocalize().catch((error: unknown) => reporter.report(t('Running the connection checks'), error));
      statusBar.update();
      feedbackPanels.relocalize();
    }),
    poller.onDidFindFeedback((files) => void announceNewFeedback(services, views, files)),
    // `iplos.configured` picks the SSB view's welcome content: set up a municipality, or sign in.
    configuration.onDidChange((change) => {
      if (change.affects('profiles')) void updateConfigured(configuration);
    }),
  );
  views.checks.start();
  void updateConfigured(configuration);
  // The demo's secrets first (when started by `npm run demo`), then the automatic sign-in.
  void loadDemoSecrets(configuration, secrets, log)
    .catch(() => 0)
    .then(() => ssb.restore());
  log.info(
    `IPLOS Innsending ${String(context.extension.packageJSON.version)} activated in ${Math.round(performance.now() - started)} ms`,
  );
  // Only the extension-host test suite gets the services (to drive the real views and
  // SecretStorage); other extensions never see them.
  return context.extensionMode === vscode.ExtensionMode.Test
    ? { context, services, views, registry, onDidStartProgress }
    : undefined;
}

function updateConfigured(configuration: Configuration): Thenable<unknown> {
  return vscode.commands.executeCommand('setContext', 'iplos.configured', configuration.hasMunicipalities);
}

/** The session to revoke at shutdown. */
let activeSession: SsbSession | undefined;

/**
 * Revokes SSB's tokens before VS Code disposes the rest (context.subscriptions), bounded
 * (SIGN_OUT_TIMEOUT_MS): a shutdown never waits long for the portal.
 */
export async function deactivate(): Promise<void> {
  const session = activeSession;
  activeSession = undefined;
  await session?.revokeAtShutdown().catch(() => undefined);
  setTranslator(undefined);
}
