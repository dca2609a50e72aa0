import type * as vscode from 'vscode';
import type { ConnectionProvider } from './connection';
import type { FeedbackPanels } from './feedback/feedbackPanels';
import type { FeedbackPoller } from './feedbackPoller';
import type { HistoryModel } from './historyModel';
import type { ProfileSecrets } from './secrets';
import type { SsbSession } from './ssbSession';
import type { ChecksView } from './views/checksView';
import type { HistoryView } from './views/historyView';
import type { SsbView } from './views/ssbView';

/** What the commands work with; built once in activate(). */
export interface Services {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  secrets: ProfileSecrets;
  connection: ConnectionProvider;
  ssb: SsbSession;
  history: HistoryModel;
  checksView: ChecksView;
  historyView: HistoryView;
  ssbView: SsbView;
  poller: FeedbackPoller;
  feedbackPanels: FeedbackPanels;
  /** Problems found by the pre-send check of an extract, shown in the Problems panel. */
  extractDiagnostics: vscode.DiagnosticCollection;
}
