import { stat } from 'node:fs/promises';
import { buildHistory, HistoryStore, unfinishedSubmissions } from '../../core/history';
import { validateExtract } from '../../core/validation';
import type { ValidationReport } from '../../core/validation/finding';
import { controlOutcome } from '../../core/validationReport/outcome';
import { ipisUrl, type Environment } from '../../core/config/settings';
import { resumeSend, sendExtract, type SendExtractProgress } from '../../core/send/sendExtract';
import { EXIT_FAILURE, EXIT_OK, UsageError } from '../cliError';
import type { CliCommand } from '../command';
import { msg } from '../../core/i18n';
import { loadConfig, secret } from '../config';
import { warnAboutKey } from '../readSecret';
import { formatBytes, formatInteger } from '../../core/format/norwegian';
import type { CliIo } from '../io';
import { parseCommandLine } from '../parse';
import { promptLine } from '../promptLine';
import { openTransport, profileOf } from '../session';
import { countsLine, validationText } from '../validationText';
import { yearOption } from './yearOption';
import { cliLanguage } from '../language';

export const sendCommand: CliCommand = {
  name: 'send',
  get summary() {
    return msg('control, encrypt, split and send an extract through IPIS (resumable)');
  },
  get usage() {
    return msg(
      `iplos send <extract.xml> [options]
iplos send --resume <submission-id> [options]

Runs the control of "iplos validate" on the extract and prints its counts, encrypts
it (AES-256) and splits it into parts, sends the parts to the IPIS send module and
prints the receipt. An interrupted send is resumed with --resume (see "iplos
history"); only the missing parts are sent, and no second submission is made.

The control decides: a fatal problem (not well-formed, not an IPLOS batch, another
municipality) is never sent; errors (records SSB would reject) are sent only with
--send-with-errors; warnings never stop a send.

Options:
  --env test|production  where to send (default: the configuration's, i.e. test)
  --yes                  confirm a production send without asking
  --send-with-errors     send although the control found errors (not fatal ones);
                         production still needs its confirmation
  --no-validate          skip the control (for tests only; needs --year)
  --year <yyyy>          reporting year (default: the year in the extract's period)
  --bydel <nn>           district (default: the profile's, else 00)
  --resume <id>          continue an unfinished send
  --config <file>        configuration file (default: IPLOS_CONFIG or ./iplos.config.json)
  --json                 print the receipt as JSON

Secrets: IPLOS_ENCRYPTION_KEY and IPLOS_KOSTRA_PIN, or asked for on a terminal.
Production always needs a confirmation: --yes, or typing the municipality number.`,
    );
  },

  async run(args, io, signal) {
    const { values, positionals } = parseCommandLine(
      args,
      {
        env: { type: 'string' },
        yes: { type: 'boolean' },
        'send-with-errors': { type: 'boolean' },
        'no-validate': { type: 'boolean' },
        year: { type: 'string' },
        bydel: { type: 'string' },
        resume: { type: 'string' },
        config: { type: 'string' },
        json: { type: 'boolean' },
      },
      1,
    );
    const config = await loadConfig(values.config, io);
    const environment = (values.env ?? config.settings.environment) as Environment;
    if (environment !== 'test' && environment !== 'production')
      throw new UsageError(msg('--env must be test or production'));
    const profile = profileOf(config);
    const history = new HistoryStore(config.historyFile);
    const transport = await openTransport(config);
    const progress = progressLine(io, values.json === true);
    try {
      if (values.resume) {
        const kostraPin = await secret('kostraPin', io);
        const result = await resumeSend(
          { submissionId: values.resume, clientReference: values.resume },
          { dispatcher: transport.dispatcher, ipisUrl: ipisUrl(config.settings, environment), kostraPin },
          history,
          { signal, onProgress: progress.update, onLog: (line) => io.stderr.write(`${line}\n`) },
        );
        progress.end();
        printReceipt(
          io,
          result.receipt,
          values.json === true,
          msg('resumed; sent {0} missing part(s)', result.partsSent.length),
        );
        return EXIT_OK;
      }
      const extractPath = positionals[0];
      if (!extractPath) throw new UsageError(msg('missing the extract to send'));
      const year = yearOption(values.year);
      let control: ValidationReport | undefined;
      if (values['no-validate']) {
        if (year === undefined)
          throw new UsageError(
            msg('--no-validate needs --year <yyyy>: without the control the year is not read from the extract'),
          );
        io.stderr.write(`${msg('The control was skipped (--no-validate): for tests only.')}\n`);
      } else {
        control = await validateExtract(extractPath, {
          municipality: profile.number,
          ...(year === undefined ? {} : { year }),
          language: cliLanguage(),
          signal,
          onProgress: ({ bytesDone, bytesTotal }) => progress.update({ phase: 'checking', bytesDone, bytesTotal }),
        });
        progress.end();
        if (!mayBeSent(control, extractPath, profile.number, values['send-with-errors'] === true, io))
          return EXIT_FAILURE;
      }
      const bydel = values.bydel ?? profile.bydel ?? '00';
      if (!/^\d{2}$/.test(bydel)) throw new UsageError(msg('--bydel must be two digits'));
      const target = { environment, municipality: profile.number, bydel, year: control?.year ?? (year as number) };
      const contents = control
        ? msg('{0} clients, {1} services, {2}', control.clients, control.services, formatBytes(control.size))
        : msg('not controlled, {0}', formatBytes((await stat(extractPath)).size));
      io.stderr.write(
        `${msg(
          '{0} {1}{2}, year {3}: {4} → {5} ({6})',
          profile.number,
          profile.name,
          bydel === '00' ? '' : msg(' bydel {0}', bydel),
          target.year,
          contents,
          environment === 'production' ? msg('PRODUCTION') : msg('test'),
          ipisUrl(config.settings, environment),
        )}\n`,
      );
      const unfinished = unfinishedSubmissions(buildHistory((await history.readEvents()).events), target);
      if (unfinished.length > 0)
        io.stderr.write(
          `${msg(
            'Note: {0} unfinished send(s) for this year exist; to continue one instead: iplos send --resume {1}',
            unfinished.length,
            unfinished.at(-1)?.submissionId ?? '',
          )}\n`,
        );
      if (environment === 'production' && !values.yes)
        await confirmProduction(io, profile.number, control?.counts.error ?? 0);
      const encryptionKey = await secret('encryptionKey', io);
      warnAboutKey(encryptionKey, 'encryption', io);
      const kostraPin = await secret('kostraPin', io);
      const result = await sendExtract(
        extractPath,
        target,
        { key: encryptionKey, maxPartSize: Math.floor(config.settings.maxPartSizeMiB * 1024 * 1024) },
        { dispatcher: transport.dispatcher, ipisUrl: ipisUrl(config.settings, environment), kostraPin },
        history,
        { signal, onProgress: progress.update, onLog: (line) => io.stderr.write(`${line}\n`) },
      );
      progress.end();
      printReceipt(io, result.receipt, values.json === true, msg('{0} part(s) sent', result.partsSent.length));
      return EXIT_OK;
    } finally {
      progress.end();
      await transport.close();
    }
  },
};

/**
 * The control's verdict for a send: its counts always, and for fatal problems or (without
 * --send-with-errors) errors the first findings per rule, on stderr, and false.
 */
function mayBeSent(
  control: ValidationReport,
  path: string,
  municipality: string,
  sendWithErrors: boolean,
  io: CliIo,
): boolean {
  const outcome = controlOutcome(control);
  io.stderr.write(`${msg('Control: {0}', countsLine(control))}\n`);
  if (outcome === 'fatal' || (outcome === 'errors' && !sendWithErrors)) {
    io.stderr.write(`\n${validationText(control, { path, municipality, perRule: 3 })}`);
    io.stderr.write(
      outcome === 'fatal'
        ? `${msg('Not sent: the extract cannot be sent as it is. Export it again from the EPJ.')}\n`
        : `${msg(
            'Not sent: the control found {0} error(s). Fix them in the EPJ and export again, or send anyway with --send-with-errors (SSB will report those records). "iplos validate {1} --html <file>" writes a report for the EPJ vendor.',
            formatInteger(control.counts.error),
            path,
          )}\n`,
    );
    return false;
  }
  if (outcome === 'errors')
    io.stderr.write(`${msg('Sending with {0} error(s) (--send-with-errors).', formatInteger(control.counts.error))}\n`);
  return true;
}

async function confirmProduction(io: CliIo, municipality: string, errors: number): Promise<void> {
  if (!(io.stdin.isTTY && io.stderr.isTTY))
    throw new UsageError(msg('sending to PRODUCTION needs --yes when there is no terminal to confirm on'));
  const question =
    errors > 0
      ? msg(
          'Send to PRODUCTION with {0} error(s)? Type the municipality number ({1}) to confirm',
          formatInteger(errors),
          municipality,
        )
      : msg('Send to PRODUCTION? Type the municipality number ({0}) to confirm', municipality);
  const answer = await promptLine(`${question}: `, io);
  if (answer.trim() !== municipality) throw new UsageError(msg('not confirmed; nothing was sent'));
}

function printReceipt(
  io: CliIo,
  receipt: { receiptId: string; completedAt: string; totalSize: number; sha256: string; submissionId: string },
  json: boolean,
  note: string,
): void {
  if (json) {
    io.stdout.write(`${JSON.stringify(receipt, null, 2)}\n`);
    return;
  }
  const when = new Intl.DateTimeFormat('nb-NO', { dateStyle: 'short', timeStyle: 'medium' }).format(
    new Date(receipt.completedAt),
  );
  io.stdout.write(
    `${msg('Sent. Receipt {0} ({1}), {2}, SHA-256 {3}; {4}.', receipt.receiptId, when, formatBytes(receipt.totalSize), receipt.sha256, note)}\n${msg("Submission {0}. SSB's feedback follows on the portal: iplos feedback wait", receipt.submissionId)}\n`,
  );
}

/** One progress line on a terminal (phase, percent, rate, time left), redrawn at most 5 times a second. */
function progressLine(
  io: CliIo,
  quiet: boolean,
): {
  update: (progress: SendExtractProgress | { phase: 'checking'; bytesDone: number; bytesTotal: number }) => void;
  end: () => void;
} {
  let last = 0;
  let shown = false;
  return {
    update(progress) {
      if (quiet || !io.stderr.isTTY) return;
      const now = Date.now();
      if (now - last < 200 && progress.bytesDone < progress.bytesTotal) return;
      last = now;
      shown = true;
      const percent = progress.bytesTotal > 0 ? Math.floor((progress.bytesDone / progress.bytesTotal) * 100) : 0;
      const rate =
        'bytesPerSecond' in progress && progress.bytesPerSecond ? `, ${formatBytes(progress.bytesPerSecond)}/s` : '';
      const eta =
        'etaSeconds' in progress && progress.etaSeconds !== undefined
          ? msg(', {0} s left', Math.ceil(progress.etaSeconds))
          : '';
      const part =
        'part' in progress && progress.part ? msg(' part {0}/{1}', progress.part.index, progress.part.count) : '';
      io.stderr.write(`\r${phaseName(progress.phase)}${part} ${percent}%${rate}${eta}\u001b[K`);
    },
    end() {
      if (shown) io.stderr.write('\r\u001b[K');
      shown = false;
    },
  };
}

/** The progress line's first word, in the CLI's language (the English is the phase's name, as before). */
function phaseName(phase: SendExtractProgress['phase'] | 'checking'): string {
  switch (phase) {
    case 'checking':
      return msg('checking');
    case 'encrypting':
      return msg('encrypting');
    case 'creating':
      return msg('creating');
    case 'uploading':
      return msg('uploading');
    case 'completing':
      return msg('completing');
    case 'done':
      return msg('done');
  }
}
