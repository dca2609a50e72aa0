/**
 * "Submission history": year → submission → its parts and the feedback downloaded for it,
 * from the core history store (shared with the CLI). Unfinished sends are marked and can
 * be resumed; receipts can be copied; the whole history exported as CSV.
 */
import * as vscode from 'vscode';
import {
  feedbackForSubmission,
  type FeedbackRecord,
  type History,
  type IntentRecord,
  type SubmissionRecord,
} from '../../core/history';
import { formatBytes, formatDateTime } from '../../core/format/norwegian';
import type { FeedbackRoundSummary } from '../../core/rounds';
import type { HistoryModel } from '../models/historyModel';
import { t } from '../localize';

export type HistoryNode = YearNode | SubmissionNode | IntentNode | PartNode | FeedbackNode;

export class YearNode extends vscode.TreeItem {
  readonly kind = 'year';
  constructor(
    readonly year: number,
    readonly count: number,
    expanded: boolean,
  ) {
    super(
      String(year),
      expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
    );
    this.id = `year:${year}`;
    this.description = t('{0} submission(s)', count);
    this.iconPath = new vscode.ThemeIcon('calendar');
    this.contextValue = 'year';
  }
}

const STATUS_ICONS: Record<SubmissionRecord['status'], vscode.ThemeIcon> = {
  complete: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  failed: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
  incomplete: new vscode.ThemeIcon('debug-pause', new vscode.ThemeColor('problemsWarningIcon.foreground')),
};

function submissionStatusText(record: SubmissionRecord): string {
  switch (record.status) {
    case 'complete':
      return t('sent {0}', formatDateTime(record.receipt?.completedAt ?? record.updatedAt));
    case 'failed':
      return t('failed, can be resumed');
    case 'incomplete':
      return t('unfinished ({0} of {1} parts)', record.acknowledgedParts.length, record.parts.length);
  }
}

export class SubmissionNode extends vscode.TreeItem {
  readonly kind = 'submission';
  constructor(
    readonly record: SubmissionRecord,
    readonly feedback: FeedbackRecord[],
    readonly rounds: ReadonlyMap<string, FeedbackRoundSummary> = new Map(),
  ) {
    super(
      `${record.municipality}${record.bydel !== '00' ? `-${record.bydel}` : ''} · ${record.extract.name}`,
      vscode.TreeItemCollapsibleState.Collapsed,
    );
    this.id = `submission:${record.submissionId}`;
    const environment = record.environment === 'production' ? t('PRODUCTION') : t('test');
    const status = submissionStatusText(record);
    // The newest feedback for this submission is the round that counts for it.
    const latest = feedback[0] ? rounds.get(feedback[0].fileId) : undefined;
    this.description = [environment, status, ...(latest ? [roundText(latest)] : [])].join(' · ');
    this.iconPath = STATUS_ICONS[record.status];
    // The spoken label says what the description shows, the latest round's counts and change too.
    this.accessibilityInformation = {
      label: [String(this.label), environment, status, ...(latest ? [roundText(latest)] : [])].join(', '),
    };
    this.contextValue = `submission.${record.status}${feedback.length > 0 ? '.feedback' : ''}`;
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(`${record.extract.name} (${formatBytes(record.extract.size)})\n`);
    tooltip.appendText(t('Environment: {0}', environment) + '\n');
    tooltip.appendText(t('Submission: {0}', record.submissionId) + '\n');
    if (record.receipt) {
      tooltip.appendText(
        t('Receipt: {0} ({1})', record.receipt.receiptId, formatDateTime(record.receipt.completedAt)) + '\n',
      );
      tooltip.appendText(`SHA-256: ${record.receipt.sha256}\n`);
    }
    if (record.lastFailure && record.status !== 'complete')
      tooltip.appendText(t('Last failure: {0}', record.lastFailure.reason) + '\n');
    if (latest) tooltip.appendText(roundTooltip(latest) + '\n');
    this.tooltip = tooltip;
  }
}

/** A send whose submission was being created when it stopped: resumable, never duplicated. */
export class IntentNode extends vscode.TreeItem {
  readonly kind = 'intent';
  constructor(readonly intent: IntentRecord) {
    super(
      `${intent.municipality}${intent.bydel !== '00' ? `-${intent.bydel}` : ''} · ${intent.extract.name}`,
      vscode.TreeItemCollapsibleState.None,
    );
    this.id = `intent:${intent.clientReference}`;
    const environment = intent.environment === 'production' ? t('PRODUCTION') : t('test');
    const state = t('interrupted before the submission was created');
    this.description = `${environment} · ${state}`;
    this.iconPath = new vscode.ThemeIcon('debug-pause', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    this.contextValue = 'submission.intent';
    this.accessibilityInformation = { label: `${String(this.label)}, ${environment}, ${state}` };
    this.tooltip = t(
      'Started {0}. Resume it: the same submission is used, never a second one.',
      formatDateTime(intent.at),
    );
  }
}

export class PartNode extends vscode.TreeItem {
  readonly kind = 'part';
  constructor(
    readonly parent: SubmissionNode,
    part: SubmissionRecord['parts'][number],
  ) {
    const record = parent.record;
    super(part.name, vscode.TreeItemCollapsibleState.None);
    this.id = `part:${record.submissionId}:${part.index}`;
    const acknowledged =
      record.status === 'complete' || record.acknowledgedParts.some((candidate) => candidate.index === part.index);
    const state = acknowledged ? t('received') : t('not sent');
    this.description = `${formatBytes(part.size)} · ${state}`;
    this.iconPath = acknowledged ? new vscode.ThemeIcon('check') : new vscode.ThemeIcon('circle-large-outline');
    // Commas, not the middle dot: a screen reader pauses at a comma.
    this.accessibilityInformation = { label: `${part.name}, ${formatBytes(part.size)}, ${state}` };
    this.tooltip = `SHA-256: ${part.sha256}`;
    this.contextValue = 'part';
  }
}

/** "12 errors · 3 warnings", and the change since the round before when there is one. */
function roundText(summary: FeedbackRoundSummary): string {
  const counts = t('{0} error(s), {1} warning(s)', summary.counts.errors, summary.counts.warnings);
  if (!summary.change) return counts;
  return `${counts} (${t('{0} fixed, {1} new', summary.change.fixed, summary.change.new)})`;
}

function roundTooltip(summary: FeedbackRoundSummary): string {
  const counts = t(
    'This feedback: {0} error(s), {1} warning(s), {2} other row(s).',
    summary.counts.errors,
    summary.counts.warnings,
    summary.counts.other,
  );
  if (summary.change)
    return `${counts}\n${t(
      'Since the round before ({0}): {1} fixed · {2} new · {3} remaining.',
      formatDateTime(summary.previous?.at ?? ''),
      summary.change.fixed,
      summary.change.new,
      summary.change.remaining,
    )}`;
  if (summary.previous)
    return `${counts}\n${t('The round before ({0}) can no longer be read: its folder is gone.', formatDateTime(summary.previous.at))}`;
  return `${counts}\n${t('The first feedback for this municipality, district, year and environment.')}`;
}

export class FeedbackNode extends vscode.TreeItem {
  readonly kind = 'feedback';
  constructor(
    readonly record: FeedbackRecord,
    readonly parent: SubmissionNode,
  ) {
    super(record.fileName, vscode.TreeItemCollapsibleState.None);
    this.id = `feedback:${parent.record.submissionId}:${record.fileId}`;
    const summary = parent.rounds.get(record.fileId);
    // Decrypted or not was only the icon (an open letter or a lock): now also in words.
    const state = record.decryptedTo ? t('decrypted') : t('not decrypted');
    const downloaded = t('feedback, downloaded {0}', formatDateTime(record.at));
    const shown = record.decryptedTo ? downloaded : `${downloaded} · ${state}`;
    this.description = summary ? `${shown} · ${roundText(summary)}` : shown;
    this.accessibilityInformation = {
      label: [record.fileName, downloaded, state, ...(summary ? [roundText(summary)] : [])].join(', '),
    };
    this.iconPath = new vscode.ThemeIcon(record.decryptedTo ? 'mail-read' : 'lock');
    this.contextValue = record.decryptedTo ? 'feedback.decrypted' : 'feedback.encrypted';
    const where = record.decryptedTo
      ? t('Decrypted into {0}', record.decryptedTo)
      : t('Downloaded, not decrypted (wrong key?)');
    this.tooltip = summary ? `${where}\n${roundTooltip(summary)}` : where;
    if (record.decryptedTo)
      this.command = { command: 'iplos.openFeedback', title: t('Open feedback'), arguments: [this] };
  }
}

export class HistoryView implements vscode.TreeDataProvider<HistoryNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<HistoryNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<HistoryNode>;
  private readonly subscriptions: vscode.Disposable[] = [];
  private snapshot: History | undefined;

  constructor(private readonly model: HistoryModel) {
    this.view = vscode.window.createTreeView('iplos.history', { treeDataProvider: this, showCollapseAll: true });
    this.subscriptions.push(
      this.view,
      model.onDidChange(() => this.changed.fire(undefined)),
    );
  }

  /** The language changed: every row again. */
  relocalize(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(node: HistoryNode): vscode.TreeItem {
    return node;
  }

  async getChildren(node?: HistoryNode): Promise<HistoryNode[]> {
    if (!node) {
      const history = (this.snapshot = await this.model.read());
      const years = new Map<number, number>();
      for (const record of [...history.submissions, ...history.pendingIntents])
        years.set(record.year, (years.get(record.year) ?? 0) + 1);
      const sorted = [...years.entries()].sort((a, b) => b[0] - a[0]);
      return sorted.map(([year, count], index) => new YearNode(year, count, index === 0));
    }
    const history = this.snapshot ?? (await this.model.read());
    if (node instanceof YearNode) {
      const rounds = await this.model.rounds();
      const submissions = history.submissions
        .filter((record) => record.year === node.year)
        .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
      const intents = history.pendingIntents
        .filter((intent) => intent.year === node.year)
        .map((intent) => new IntentNode(intent));
      return [
        ...intents,
        ...submissions.map((record) => new SubmissionNode(record, feedbackForSubmission(history, record), rounds)),
      ];
    }
    if (node instanceof SubmissionNode) {
      return [
        ...node.feedback.map((record) => new FeedbackNode(record, node)),
        ...node.record.parts.map((part) => new PartNode(node, part)),
      ];
    }
    return [];
  }

  /** Ids are stable, so a parent made afresh is the same row to VS Code (needed by reveal). */
  getParent(node: HistoryNode): HistoryNode | undefined {
    const history = this.snapshot;
    if (node instanceof SubmissionNode || node instanceof IntentNode) {
      const year = node instanceof SubmissionNode ? node.record.year : node.intent.year;
      const count = history
        ? [...history.submissions, ...history.pendingIntents].filter((record) => record.year === year).length
        : 1;
      return new YearNode(year, count, true);
    }
    if (node instanceof PartNode || node instanceof FeedbackNode) return node.parent;
    return undefined;
  }

  /** Shows a submission (after a send: "Show in history"). */
  async reveal(submissionId: string): Promise<void> {
    const history = await this.model.read();
    const record = history.submissions.find((candidate) => candidate.submissionId === submissionId);
    if (!record) return;
    await vscode.commands.executeCommand('iplos.history.focus');
    this.snapshot = history;
    const rounds = await this.model.rounds();
    await this.view
      .reveal(new SubmissionNode(record, feedbackForSubmission(history, record), rounds), {
        select: true,
        focus: true,
        expand: true,
      })
      .then(undefined, () => undefined);
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}
