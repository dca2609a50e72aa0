/**
 * The year overview as the extension sees it: the core's loadYearOverview over the history
 * (HistoryModel) and the configured profiles, for the reporting year shown (the current
 * season's by default) and the environment sends go to. Re-read when the history changes
 * (a send, a download — also by the CLI), when the profiles, the environment or the
 * deadlines change, and when the day changes in Norway (the days left move). The feedback's
 * counts and change are HistoryModel's round summaries (read once per history change, and
 * shown by the Submission history too), so nothing is read twice.
 */
import * as vscode from 'vscode';
import { defaultReportingYear } from '../../core/config/settings';
import { buildYearOverview, osloDate, type YearOverview } from '../../core/overview';
import type { Configuration } from '../services/configuration';
import type { HistoryModel } from './historyModel';

/** How often the model looks whether the day changed in Norway (the days left then move). */
const DAY_CHECK_MS = 10 * 60_000;

export class YearOverviewModel implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private cached: { day: string; overview: Promise<YearOverview> } | undefined;
  private chosenYear: number | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly dayTimer: NodeJS.Timeout;
  private shownDay = osloDate(new Date());

  constructor(
    private readonly history: HistoryModel,
    private readonly configuration: Configuration,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions.push(
      history.onDidChange(() => this.refresh()),
      configuration.onDidChange((change) => {
        if (change.affects('profiles') || change.affects('environment') || change.affects('deadlines')) this.refresh();
      }),
    );
    this.dayTimer = setInterval(() => {
      if (osloDate(new Date()) !== this.shownDay) this.refresh();
    }, DAY_CHECK_MS);
    this.dayTimer.unref?.();
  }

  /** The reporting year shown: the one chosen, else the season's (last year in January–June). */
  get year(): number {
    return this.chosenYear ?? defaultReportingYear();
  }

  set year(year: number) {
    this.chosenYear = year;
    this.refresh();
  }

  /** The overview, read once per change (and per day); undefined while the settings are not valid. */
  read(): Promise<YearOverview | undefined> {
    const settings = this.configuration.settingsOrUndefined;
    if (!settings) return Promise.resolve(undefined);
    const now = new Date();
    const day = osloDate(now);
    if (this.cached?.day !== day) {
      this.shownDay = day;
      const overview = Promise.all([this.history.read(), this.history.rounds()]).then(([history, rounds]) =>
        buildYearOverview({
          profiles: settings.municipalities,
          history,
          year: this.year,
          environment: settings.environment,
          deadlines: settings,
          now,
          rounds,
        }),
      );
      this.cached = { day, overview };
      overview.catch((error: unknown) => {
        this.log.warn(`Year overview: ${error instanceof Error ? error.message : String(error)}`);
        if (this.cached?.overview === overview) this.cached = undefined;
      });
    }
    return this.cached.overview;
  }

  /** The years the history knows, and the season's, newest first (for "Choose year"). */
  async years(): Promise<number[]> {
    const history = await this.history.read();
    const years = new Set<number>([defaultReportingYear(), this.year]);
    for (const record of history.submissions) years.add(record.year);
    return [...years].sort((a, b) => b - a);
  }

  refresh(): void {
    this.cached = undefined;
    this.changed.fire();
  }

  dispose(): void {
    clearInterval(this.dayTimer);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}
