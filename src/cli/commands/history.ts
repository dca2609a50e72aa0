import { buildHistory, HistoryStore, toCsv, type SubmissionStatus } from '../../core/history';
import type { Environment } from '../../core/config/settings';
import { EXIT_OK } from '../cliError';
import type { CliCommand } from '../command';
import { msg } from '../../core/i18n';
import { loadConfig } from '../config';
import { formatBytes } from '../../core/format/norwegian';
import { parseCommandLine } from '../parse';

export const historyCommand: CliCommand = {
  name: 'history',
  get summary() {
    return msg('show sent extracts, receipts, unfinished sends and downloaded feedback');
  },
  get usage() {
    return msg(
      `iplos history [--json | --csv] [--config <file>]

Reads the submission history (shared with the VS Code extension when both point at
the same history location). Unfinished sends can be resumed with
"iplos send --resume <submission-id>".`,
    );
  },

  async run(args, io) {
    const { values } = parseCommandLine(
      args,
      { json: { type: 'boolean' }, csv: { type: 'boolean' }, config: { type: 'string' } },
      0,
    );
    const config = await loadConfig(values.config, io);
    const read = await new HistoryStore(config.historyFile).readEvents();
    const history = buildHistory(read.events);
    if (values.csv) {
      io.stdout.write(toCsv(history.submissions));
      return EXIT_OK;
    }
    if (values.json) {
      io.stdout.write(
        `${JSON.stringify({ file: config.historyFile, ...history, skippedLines: read.skippedLines, tornTail: read.tornTail }, null, 2)}\n`,
      );
      return EXIT_OK;
    }
    const date = new Intl.DateTimeFormat('nb-NO', { dateStyle: 'short', timeStyle: 'short' });
    io.stdout.write(`${msg('History: {0}', config.historyFile)}\n`);
    if (history.submissions.length === 0) io.stdout.write(`${msg('No submissions yet.')}\n`);
    for (const record of history.submissions) {
      const state =
        record.status === 'complete'
          ? msg('receipt {0}', record.receipt?.receiptId ?? '')
          : msg('{0}, parts missing: {1}', statusName(record.status), record.missingParts.join(', '));
      io.stdout.write(
        `${record.year} ${record.municipality}${record.bydel === '00' ? '' : `/${record.bydel}`} ${environmentName(record.environment).padEnd(10)} ${date.format(new Date(record.createdAt))}  ${record.extract.name} (${formatBytes(record.extract.size)})  ${state}  [${record.submissionId}]\n`,
      );
    }
    for (const feedback of history.feedback) {
      io.stdout.write(
        `${msg(
          'feedback {0} ({1}) {2} → {3}',
          feedback.fileName,
          formatBytes(feedback.size),
          date.format(new Date(feedback.at)),
          feedback.decryptedTo ?? feedback.downloadedTo ?? msg('(not kept)'),
        )}\n`,
      );
    }
    if (read.tornTail || read.skippedLines > 0)
      io.stderr.write(
        `${
          read.tornTail
            ? msg(
                'Note: {0} damaged line(s) skipped, and an incomplete last line (a crash while writing).',
                read.skippedLines,
              )
            : msg('Note: {0} damaged line(s) skipped.', read.skippedLines)
        }\n`,
      );
    return EXIT_OK;
  },
};

function statusName(status: SubmissionStatus): string {
  switch (status) {
    case 'complete':
      return msg('complete');
    case 'failed':
      return msg('failed');
    case 'incomplete':
      return msg('incomplete');
  }
}

function environmentName(environment: Environment): string {
  return environment === 'production' ? msg('production') : msg('test');
}
