/**
 * "Connection checks": one row per check (DNS, TCP, TLS, IPIS test/production, SSB portal
 * and sign-in, proxy) with its status, detail and time. Runs when first shown and on
 * demand; failures count in the view's badge, and a failed network check offers the
 * firewall order for IT-drift, written from what was observed.
 */
import * as vscode from 'vscode';
import { CHECK_IDS, NETWORK_CHECK_IDS, checkTitle, type CheckId, type CheckResult } from '../../core/checks';
import { formatMilliseconds } from '../../core/format/norwegian';
import type { ConnectionChecks } from '../models/connectionChecks';
import { t } from '../localize';

export class CheckItem extends vscode.TreeItem {
  constructor(
    readonly checkId: CheckId,
    readonly result: CheckResult | undefined,
    running: boolean,
  ) {
    super(checkTitle(checkId), vscode.TreeItemCollapsibleState.None);
    this.id = `check:${checkId}`;
    const status = running ? 'running' : (result?.status ?? 'pending');
    this.iconPath = STATUS_ICONS[status];
    const state = stateText(running, result);
    this.description = result && !running ? `${state} · ${formatMilliseconds(result.durationMs)}` : state;
    this.contextValue = `check.${status}${status === 'fail' && NETWORK_CHECK_IDS.includes(checkId) ? '.network' : ''}`;
    // The icon's colour is not read out: the result, its time and (unless OK) what was seen, in words.
    const said = [`${checkTitle(checkId)}: ${state}`];
    if (result && !running) said.push(formatMilliseconds(result.durationMs));
    if (result && !running && result.status !== 'pass') said.push(result.detail);
    this.accessibilityInformation = { label: said.join(', ') };
    if (result) {
      const tooltip = new vscode.MarkdownString();
      tooltip.appendMarkdown(
        `**${escape(checkTitle(checkId))}** — ${statusText(result.status)} (${formatMilliseconds(result.durationMs)})\n\n`,
      );
      tooltip.appendText(result.detail);
      if (result.remedy && result.status !== 'pass') tooltip.appendMarkdown('\n\n').appendText(`→ ${result.remedy}`);
      this.tooltip = tooltip;
    }
    this.command = { command: 'iplos.checks.showDetails', title: t('Show details'), arguments: [this] };
  }
}

const STATUS_ICONS: Record<string, vscode.ThemeIcon> = {
  pending: new vscode.ThemeIcon('circle-large-outline'),
  running: new vscode.ThemeIcon('loading~spin'),
  pass: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  warn: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  fail: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
  skip: new vscode.ThemeIcon('circle-slash'),
};

/** "checking…", the result's status, or "not run". */
function stateText(running: boolean, result: CheckResult | undefined): string {
  if (running) return t('checking…');
  return result ? statusText(result.status) : t('not run');
}

function statusText(status: CheckResult['status']): string {
  switch (status) {
    case 'pass':
      return t('OK');
    case 'warn':
      return t('warning');
    case 'fail':
      return t('failed');
    case 'skip':
      return t('skipped');
  }
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

export class ChecksView implements vscode.TreeDataProvider<CheckItem>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<CheckItem | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly firstShown = new vscode.EventEmitter<void>();
  /** The view became visible for the first time: the checks should run (activate wires it). */
  readonly onDidFirstShow = this.firstShown.event;
  readonly view: vscode.TreeView<CheckItem>;
  private readonly subscriptions: vscode.Disposable[] = [];
  private progress: (() => void) | undefined;
  private shown = false;

  constructor(private readonly checks: ConnectionChecks) {
    this.view = vscode.window.createTreeView('iplos.checks', { treeDataProvider: this, showCollapseAll: false });
    this.subscriptions.push(
      this.view,
      this.firstShown,
      this.view.onDidChangeVisibility((event) => {
        if (event.visible) this.fireFirstShow();
      }),
      checks.onDidChange(() => this.render()),
    );
  }

  /** Call once the listeners are wired: a view already visible at start-up counts as shown. */
  start(): void {
    if (this.view.visible) this.fireFirstShow();
  }

  getTreeItem(item: CheckItem): CheckItem {
    return item;
  }

  getChildren(): CheckItem[] {
    // Empty until the first run starts, so the welcome content explains the view.
    if (!this.checks.started) return [];
    return CHECK_IDS.map((id) => new CheckItem(id, this.checks.result(id), this.checks.isRunning(id)));
  }

  getParent(): undefined {
    return undefined;
  }

  /** The language changed: every row, the badge and the view's message again. */
  relocalize(): void {
    this.render();
  }

  private fireFirstShow(): void {
    if (this.shown) return;
    this.shown = true;
    this.firstShown.fire();
  }

  private render(): void {
    this.changed.fire(undefined);
    const running = CHECK_IDS.some((id) => this.checks.isRunning(id));
    // A progress bar on the view while checks run.
    if (running && !this.progress) {
      void vscode.window.withProgress(
        { location: { viewId: 'iplos.checks' } },
        () => new Promise<void>((resolve) => (this.progress = resolve)),
      );
    } else if (!running && this.progress) {
      this.progress();
      this.progress = undefined;
    }
    const results = this.checks.allResults;
    const failed = results.filter((result) => result.status === 'fail').length;
    const passed = results.filter((result) => result.status === 'pass').length;
    // The badge is a number on an icon; the view's title also says the result in words.
    if (running) this.view.description = t('checking…');
    else if (results.length > 0) this.view.description = t('{0} of {1} OK, {2} failed', passed, results.length, failed);
    else this.view.description = undefined;
    this.view.badge = failed > 0 ? { value: failed, tooltip: t('{0} connection check(s) failed', failed) } : undefined;
    this.view.message = results.some((result) => result.status === 'fail' && NETWORK_CHECK_IDS.includes(result.id))
      ? t('The send module cannot be reached. Right-click a failed check to copy the firewall order for IT.')
      : undefined;
  }

  dispose(): void {
    this.progress?.();
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}
