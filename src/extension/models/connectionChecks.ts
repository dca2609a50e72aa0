/**
 * The connection checks' state in the extension: the latest result of each check, which
 * are running, and when they last ran. It reads the settings and the stored SSB password,
 * runs the core's checks (one run at a time) and fires a change for every result; the
 * Connection checks view only renders it. A run that cannot start (invalid settings) still
 * ends cleanly: nothing is left marked as running.
 */
import * as vscode from 'vscode';
import {
  CHECK_IDS,
  checkConfigFrom,
  firewallOrderFor,
  runConnectionChecks,
  type CheckConfig,
  type CheckId,
  type CheckResult,
} from '../../core/checks';
import type { Configuration } from '../services/configuration';
import type { ProfileSecrets } from '../services/secrets';
import type { SsbSession } from '../services/ssbSession';

export class ConnectionChecks implements vscode.Disposable {
  private readonly results = new Map<CheckId, CheckResult>();
  private readonly runningIds = new Set<CheckId>();
  private inFlight: Promise<CheckResult[]> | undefined;
  private lastRun: Date | undefined;
  private everStarted = false;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly configuration: Configuration,
    private readonly secrets: ProfileSecrets,
    private readonly ssb: SsbSession,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** False until the first run starts (the view shows its welcome content until then). */
  get started(): boolean {
    return this.everStarted;
  }

  isRunning(id: CheckId): boolean {
    return this.runningIds.has(id);
  }

  result(id: CheckId): CheckResult | undefined {
    return this.results.get(id);
  }

  /** The latest result of every check that has one, in the checks' order. */
  get allResults(): CheckResult[] {
    return CHECK_IDS.map((id) => this.results.get(id)).filter((result): result is CheckResult => result !== undefined);
  }

  /** Runs all checks (or some) at once; while one run is under way, callers share it. */
  run(only?: readonly CheckId[]): Promise<CheckResult[]> {
    this.inFlight ??= this.doRun(only).finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async doRun(only?: readonly CheckId[]): Promise<CheckResult[]> {
    const ids = only ?? CHECK_IDS;
    this.everStarted = true;
    try {
      for (const id of ids) this.runningIds.add(id);
      this.changed.fire();
      const config = await this.checkConfig();
      this.log.info(`Running connection checks: ${ids.join(', ')}`);
      const results = await runConnectionChecks(config, {
        ...(only ? { only } : {}),
        onResult: (result) => {
          this.results.set(result.id, result);
          this.runningIds.delete(result.id);
          this.log.info(`check ${result.id}: ${result.status} (${result.durationMs} ms) ${result.detail}`);
          this.changed.fire();
        },
      });
      for (const result of results) this.results.set(result.id, result);
      this.lastRun = new Date();
      return results;
    } finally {
      for (const id of ids) this.runningIds.delete(id);
      this.changed.fire();
    }
  }

  /**
   * The language changed: a result's detail and remedy were written in the old one, so the
   * checks that have a result run again (they are quick, and a run is what writes them).
   * Re-running keeps the core's checks as they are rather than carrying message keys around.
   */
  async relocalize(): Promise<void> {
    const ids = CHECK_IDS.filter((id) => this.results.has(id));
    if (ids.length > 0) await this.run(ids);
  }

  /** The Norwegian order for IT-drift from the latest results; undefined when no network check failed. */
  firewallOrder(): string | undefined {
    const settings = this.configuration.settings;
    return firewallOrderFor(this.allResults, settings, this.configuration.currentProfile(settings), this.lastRun);
  }

  private async checkConfig(): Promise<CheckConfig> {
    const settings = this.configuration.settings;
    const profile = this.configuration.currentProfile(settings);
    const password = profile?.ssbUsername ? await this.secrets.get(profile, 'ssbPassword') : undefined;
    return checkConfigFrom(settings, {
      proxy: this.configuration.proxy,
      ...(profile?.ssbUsername && password ? { ssbCredentials: { username: profile.ssbUsername, password } } : {}),
      ssbSignInGuard: this.ssb.guard,
    });
  }

  dispose(): void {
    this.changed.dispose();
  }
}
