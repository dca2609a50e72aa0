/**
 * `iplos status`: the year at a glance on the command line — for every municipality profile
 * in the configuration, its last send, the feedback's state, the latest feedback's errors
 * and warnings and the change since the round before, the next deadline and what to do,
 * sorted by what needs action first. The same core (core/overview) as the VS Code view
 * "IPLOS: Year overview", from the same history.
 */
import { defaultReportingYear, type Environment } from '../../core/config/settings';
import { buildHistory, HistoryStore } from '../../core/history';
import { loadYearOverview } from '../../core/overview';
import { EXIT_OK, UsageError } from '../cliError';
import type { CliCommand } from '../command';
import { msg } from '../../core/i18n';
import { loadConfig } from '../config';
import { parseCommandLine } from '../parse';
import { statusJson } from '../statusJson';
import { statusText } from '../statusText';
import { yearOption } from './yearOption';

export const statusCommand: CliCommand = {
  name: 'status',
  get summary() {
    return msg('the year at a glance: every municipality, its feedback, the next deadline and what to do');
  },
  get usage() {
    return msg(
      `iplos status [--year <yyyy>] [--json] [options]

One line per municipality profile in the configuration (and district), sorted by what
needs action first: overdue, not sent, feedback with errors, feedback to open, waiting
for SSB, done. Read from the submission history (shared with the VS Code extension) and
the decrypted feedback folders it names.

Options:
  --year <yyyy>          reporting year (default: last year in January–June, else this year)
  --environment <env>    test or production (default: "environment" in the configuration)
  --today <yyyy-mm-dd>   count the days left as of this day (default: today, Norwegian time)
  --json                 the overview as JSON on stdout (see README, "iplos status")
  --config <file>        configuration file (default: IPLOS_CONFIG or ./iplos.config.json)

Deadlines: "reportingDeadline" (default 01-15) and "correctionDeadline" (default 03-31)
in the configuration, as MM-DD in the year after the reporting year.
Exit codes: 0 shown, 1 the history could not be read, 2 usage error.
Messages follow --lang (English by default).`,
    );
  },

  async run(args, io, signal) {
    const { values } = parseCommandLine(
      args,
      {
        year: { type: 'string' },
        environment: { type: 'string' },
        today: { type: 'string' },
        json: { type: 'boolean' },
        config: { type: 'string' },
      },
      0,
    );
    const now = todayOption(values.today);
    const year = yearOption(values.year) ?? defaultReportingYear(now);
    const config = await loadConfig(values.config, io);
    const environment = environmentOption(values.environment) ?? config.settings.environment;
    const read = await new HistoryStore(config.historyFile).readEvents();
    const overview = await loadYearOverview(
      {
        profiles: config.settings.municipalities,
        history: buildHistory(read.events),
        year,
        environment,
        deadlines: config.settings,
        now,
      },
      { signal },
    );
    io.stdout.write(
      values.json ? `${JSON.stringify(statusJson(overview, now), null, 2)}\n` : statusText(overview, now),
    );
    if (read.tornTail || read.skippedLines > 0)
      io.stderr.write(`${msg('Note: {0} damaged line(s) of the history skipped.', read.skippedLines)}\n`);
    return EXIT_OK;
  },
};

function environmentOption(value: string | undefined): Environment | undefined {
  if (value === undefined) return undefined;
  if (value !== 'test' && value !== 'production')
    throw new UsageError(msg('--environment must be "test" or "production"'));
  return value;
}

/** Noon UTC of the day given (the same calendar day in Norway), or now. */
function todayOption(value: string | undefined): Date {
  if (value === undefined) return new Date();
  const date = new Date(`${value}T12:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(date.getTime()) || !date.toISOString().startsWith(value))
    throw new UsageError(msg('--today must be a date as yyyy-mm-dd'));
  return date;
}
