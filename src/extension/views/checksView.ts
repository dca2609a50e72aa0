/**
 * "Connection checks": one row per check (DNS, TCP, TLS, IPIS test/production, SSB portal
 * and sign-in, proxy) with its status, detail and time. Runs when first shown and on
 * demand; failures count in the view's badge, and a failed network check offers the
 * firewall order for IT-drift, written from what was observed.
 */
import * as vscode from 'vscode';
import {
  CHECK_IDS,
  NETWORK_CHECK_IDS,
  checkConfigFrom,
  checkTitle,
  firewallOrder,
  runConnectionChecks,
  type CheckConfig,
  type CheckId,
  type CheckResult,
} from '../../core/checks';
import { formatMilliseconds } from '../../core/format/norwegian';
import { currentProfile, readProxy, readSettings } from '../configuration';
import type { ProfileSecrets } from '../secrets';
import type { SsbSession } from '../ssbSession';

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
    this.description = running
      ? vscode.l10n.t('checking…')
      : result
        ? `${statusText(result.status)} · ${formatMilliseconds(result.durationMs)}`
        : vscode.l10n.t('not run');
    this.contextValue = `check.${status}${status === 'fail' && NETWORK_CHECK_IDS.includes(checkId) ? '.network' : ''}`;
    this.accessibilityInformation = {
      label: `${checkTitle(checkId)}: ${running ? vscode.l10n.t('checking…') : result ? statusText(result.status) : vscode.l10n.t('not run')}`,
    };
    if (result) {
      const tooltip = new vscode.MarkdownString();
      tooltip.appendMarkdown(
        `**${escape(checkTitle(checkId))}** — ${statusText(result.status)} (${formatMilliseconds(result.durationMs)})\n\n`,
      );
      tooltip.appendText(result.detail);
      if (result.remedy && result.status !== 'pass') tooltip.appendMarkdown('\n\n').appendText(`→ ${result.remedy}`);
      this.tooltip = tooltip;
    }
    this.command = { command: 'iplos.checks.showDetails', title: vscode.l10n.t('Show details'), arguments: [this] };
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

function statusText(status: CheckResult['status']): string {
  switch (status) {
    case 'pass':
      return vscode.l10n.t('OK');
    case 'warn':
      return vscode.l10n.t('warning');
    case 'fail':
      return vscode.l10n.t('failed');
    case 'skip':
      return vscode.l10n.t('skipped');
  }
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

export class ChecksView implements vscode.TreeDataProvider<CheckItem>, vscode.Disposable {
  private readonly results = new Map<CheckId, CheckResult>();
  private readonly running = new Set<CheckId>();
  private started = false;
  private runInFlight: Promise<CheckResult[]> | undefined;
  private lastRunAt: Date | undefined;
  private readonly changed = new vscode.EventEmitter<CheckItem | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<CheckItem>;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly secrets: ProfileSecrets,
    private readonly ssb: SsbSession,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.view = vscode.window.createTreeView('iplos.checks', { treeDataProvider: this, showCollapseAll: false });
    this.subscriptions.push(
      this.view,
      this.view.onDidChangeVisibility((event) => {
        if (event.visible && !this.started) void this.run();
      }),
    );
    if (this.view.visible) void this.run();
  }

  getTreeItem(item: CheckItem): CheckItem {
    return item;
  }

  getChildren(): CheckItem[] {
    // Empty until the first run starts, so the welcome content explains the view.
    if (!this.started) return [];
    return CHECK_IDS.map((id) => new CheckItem(id, this.results.get(id), this.running.has(id)));
  }

  getParent(): undefined {
    return undefined;
  }

  get allResults(): CheckResult[] {
    return CHECK_IDS.map((id) => this.results.get(id)).filter((result): result is CheckResult => result !== undefined);
  }

  /** Runs all checks (or some) at once, with a progress bar on the view; one run at a time. */
  run(only?: readonly CheckId[]): Promise<CheckResult[]> {
    if (this.runInFlight) return this.runInFlight;
    this.runInFlight = this.doRun(only).finally(() => {
      this.runInFlight = undefined;
    });
    return this.runInFlight;
  }

  private async doRun(only?: readonly CheckId[]): Promise<CheckResult[]> {
    this.started = true;
    const ids = only ?? CHECK_IDS;
    for (const id of ids) this.running.add(id);
    this.changed.fire(undefined);
    const config = await this.checkConfig();
    this.log.info(`Running connection checks: ${ids.join(', ')}`);
    try {
      const results = await vscode.window.withProgress({ location: { viewId: 'iplos.checks' } }, () =>
        runConnectionChecks(config, {
          ...(only ? { only } : {}),
          onResult: (result) => {
            this.results.set(result.id, result);
            this.running.delete(result.id);
            this.log.info(`check ${result.id}: ${result.status} (${result.durationMs} ms) ${result.detail}`);
            this.changed.fire(undefined);
          },
        }),
      );
      for (const result of results) this.results.set(result.id, result);
      this.lastRunAt = new Date();
      return results;
    } finally {
      for (const id of ids) this.running.delete(id);
      this.updateBadge();
      this.changed.fire(undefined);
    }
  }

  private updateBadge(): void {
    const failed = this.allResults.filter((result) => result.status === 'fail').length;
    this.view.badge =
      failed > 0 ? { value: failed, tooltip: vscode.l10n.t('{0} connection check(s) failed', failed) } : undefined;
    this.view.message =
      failed > 0 && this.allResults.some((result) => result.status === 'fail' && NETWORK_CHECK_IDS.includes(result.id))
        ? vscode.l10n.t(
            'The send module cannot be reached. Right-click a failed check to copy the firewall order for IT.',
          )
        : undefined;
  }

  /** The Norwegian order for IT-drift, from the latest results; undefined when no network check failed. */
  firewallOrder(): string | undefined {
    const settings = readSettings();
    const profile = currentProfile(settings);
    const url = new URL(settings.endpoints.ipisTestUrl);
    return firewallOrder(this.allResults, {
      host: url.hostname,
      expectedAddress: settings.endpoints.expectedAddress,
      port: Number(url.port || 443),
      ...(this.lastRunAt ? { date: this.lastRunAt } : {}),
      ...(profile ? { municipality: profile.number, municipalityName: profile.name } : {}),
    });
  }

  private async checkConfig(): Promise<CheckConfig> {
    const settings = readSettings();
    const profile = currentProfile(settings);
    const password = profile?.ssbUsername ? await this.secrets.get(profile, 'ssbPassword') : undefined;
    return checkConfigFrom(settings, {
      proxy: readProxy(),
      ...(profile?.ssbUsername && password ? { ssbCredentials: { username: profile.ssbUsername, password } } : {}),
      ssbSignInGuard: this.ssb.guard,
    });
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}
