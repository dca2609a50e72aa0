/**
 * `iplos validate`: the local control of an extract before it is sent — the same control
 * `iplos send` runs — as a text report, JSON for scripts, and an HTML report for the EPJ
 * vendor. Exit code 1 when it finds errors or fatal problems, so a script can stop there.
 */
import { basename, resolve } from 'node:path';
import { validateExtract, type ValidationReport } from '../../core/validation';
import { validationReportHtml } from '../../core/validationReport/htmlReport';
import { controlOutcome } from '../../core/validationReport/outcome';
import { EXIT_FAILURE, EXIT_OK, UsageError } from '../cliError';
import type { CliCommand } from '../command';
import { msg } from '../../core/i18n';
import { loadConfig } from '../config';
import type { CliIo } from '../io';
import { progressPrinter } from '../format';
import { parseCommandLine, positiveNumber } from '../parse';
import { profileOf } from '../session';
import { validationJson } from '../validationJson';
import { validationText } from '../validationText';
import { writeFileAtomically } from '../writeFileAtomically';
import { yearOption } from './yearOption';
import { cliLanguage } from '../language';

/** Findings per rule in the text report; --json and --html hold all that were kept (--limit). */
const TEXT_PER_RULE = 5;
const DEFAULT_LIMIT = 100;

export const validateCommand: CliCommand = {
  name: 'validate',
  get summary() {
    return msg('control an extract before sending it: the rules SSB applies, with line and column');
  },
  get usage() {
    return msg(
      `iplos validate <extract.xml> [options]

Runs the local control of an IPLOS extract — the one "iplos send" runs before it
sends — in one streamed pass: the fatal gates (well-formed XML, root Melding, batch,
municipality), then every rule on the message, clients, assessments and services.
Prints per rule its count and its first findings (line:column, brukerNr, variable,
value, message).

Options:
  --municipality <nnnn>  the sender's municipality (default: the active profile's in
                         the configuration, as "iplos send" uses)
  --year <yyyy>          reporting year (default: the year in the extract's period)
  --json                 the whole report as JSON on stdout (see README, "iplos validate")
  --html <file>          also write a self-contained HTML report to <file>, to attach to
                         a ticket for the EPJ vendor (no script, no external address)
  --limit <n>            findings kept per rule for --json and --html (default {0};
                         the counts are always complete)
  --config <file>        configuration file (default: IPLOS_CONFIG or ./iplos.config.json)

Exit codes: 0 nothing worse than warnings, 1 errors or fatal problems found (or the
control could not run), 2 usage error. Messages follow --lang (English by default).`,
      DEFAULT_LIMIT,
    );
  },

  async run(args, io, signal) {
    const { values, positionals } = parseCommandLine(
      args,
      {
        municipality: { type: 'string' },
        year: { type: 'string' },
        json: { type: 'boolean' },
        html: { type: 'string' },
        limit: { type: 'string' },
        config: { type: 'string' },
      },
      1,
    );
    const path = positionals[0];
    if (!path) throw new UsageError(msg('missing the extract to control'));
    const year = yearOption(values.year);
    const limit = positiveNumber(values.limit, '--limit');
    if (limit !== undefined && !Number.isInteger(limit)) throw new UsageError(msg('--limit must be a whole number'));
    if (values.html !== undefined && resolve(values.html) === resolve(path))
      throw new UsageError(msg('--html must name a new file, not the extract'));
    const municipality = await municipalityFor(values.municipality, values.config, io);

    const progress = values.json ? undefined : progressPrinter(io.stderr, msg('Checking'));
    let report: ValidationReport;
    try {
      report = await validateExtract(path, {
        municipality,
        ...(year === undefined ? {} : { year }),
        language: cliLanguage(),
        maxPerRule: limit ?? DEFAULT_LIMIT,
        signal,
        ...(progress ? { onProgress: ({ bytesDone, bytesTotal }) => progress(bytesDone, bytesTotal) } : {}),
      });
    } finally {
      progress?.end();
    }

    if (values.html !== undefined) {
      const page = validationReportHtml({
        report,
        fileName: basename(path),
        municipality,
        language: cliLanguage(),
        generatedAt: new Date(),
        maxRowsPerRule: limit ?? DEFAULT_LIMIT,
      });
      await writeFileAtomically(values.html, page);
      io.stderr.write(`${msg('HTML report written to {0}', values.html)}\n`);
    }
    const outcome = controlOutcome(report);
    if (values.json) io.stdout.write(`${JSON.stringify(validationJson(report, { path, municipality }), null, 2)}\n`);
    else io.stdout.write(validationText(report, { path, municipality, perRule: TEXT_PER_RULE }));
    return outcome === 'fatal' || outcome === 'errors' ? EXIT_FAILURE : EXIT_OK;
  },
};

/** --municipality, else the active profile's (a usage error naming both ways when there is neither). */
async function municipalityFor(given: string | undefined, configPath: string | undefined, io: CliIo): Promise<string> {
  if (given !== undefined) {
    if (!/^\d{4}$/.test(given)) throw new UsageError(msg('--municipality must be four digits, e.g. 0403'));
    return given;
  }
  const config = await loadConfig(configPath, io);
  if (config.settings.municipalities.length === 0)
    throw new UsageError(
      msg('no municipality: give --municipality <nnnn>, or a configuration with the municipality (--config <file>)'),
    );
  return profileOf(config).number;
}
