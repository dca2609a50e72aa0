/**
 * What the commands work with, built once in activate(): services and models, never views
 * (a command that must show something in a view gets the view from `Views`). Data flows one
 * way: command → core → model (change event) → view.
 */
import type * as vscode from 'vscode';
import type { FeedbackPanels } from '../feedback/feedbackPanels';
import type { ConnectionChecks } from '../models/connectionChecks';
import type { FeedbackPoller } from '../models/feedbackPoller';
import type { HistoryModel } from '../models/historyModel';
import type { LocalControl } from '../models/localControl';
import type { SsbFolders } from '../models/ssbFolders';
import type { YearOverviewModel } from '../models/yearOverviewModel';
import type { HistoryView } from '../views/historyView';
import type { SsbView } from '../views/ssbView';
import type { ChecksView } from '../views/checksView';
import type { YearOverviewView } from '../views/yearOverviewView';
import type { Configuration } from './configuration';
import type { ConnectionProvider } from './connection';
import type { ErrorReporter } from './errorReporter';
import type { ProfileSecrets } from './secrets';
import type { SendPrompts } from './sendPrompts';
import type { SsbSession } from './ssbSession';

export interface Services {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  configuration: Configuration;
  reporter: ErrorReporter;
  secrets: ProfileSecrets;
  connection: ConnectionProvider;
  ssb: SsbSession;
  history: HistoryModel;
  checks: ConnectionChecks;
  ssbFolders: SsbFolders;
  poller: FeedbackPoller;
  feedbackPanels: FeedbackPanels;
  /** The local control's latest result per extract (the Problems panel and the viewer render it). */
  localControl: LocalControl;
  /** The questions a send asks (the extension-host suite answers them). */
  sendPrompts: SendPrompts;
  /** Where each municipality profile stands in the reporting year (the Year overview renders it). */
  yearOverview: YearOverviewModel;
}

/** The tree views, for the commands that reveal a row in one. */
export interface Views {
  checks: ChecksView;
  history: HistoryView;
  ssb: SsbView;
  yearOverview: YearOverviewView;
}
