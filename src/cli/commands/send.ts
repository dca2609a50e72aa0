import { stat } from 'node:fs/promises';
import { buildHistory, HistoryStore, unfinishedSubmissions } from '../../core/history';
import { validateExtract } from '../../core/validation';
import type { ValidationReport } from '../../core/validation/finding';
import { controlOutcome } from '../../core/validationReport/outcome';
import { ipisUrl, type Environment } from '../../core/config/settings';
import { resumeSend, sendExtract, type SendExtractProgress } from '../../core/send/sendExtract';
import { EXIT_FAILURE, EXIT_OK, UsageError } from '../cliError';
import type { CliCommand } from '../command';
import { loadConfig, secret } from '../config';
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
  summary: 'control, encrypt, split and send an extract through IPIS (resumable)',
  usage: `iplos send <extract.xml> [options]
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
      throw new UsageError('--env must be test or production');
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
          `resumed; sent ${result.partsSent.length} missing part(s)`,
        );
        return EXIT_OK;
      }
      const extractPath = positionals[0];
      if (!extractPath) throw new UsageError('missing the extract to send');
      const year = yearOption(values.year);
      let control: ValidationReport | undefined;
      if (values['no-validate']) {
        if (year === undefined)
          throw new UsageError(
            '--no-validate needs --year <yyyy>: without the control the year is not read from the extract',
          );
        io.stderr.write('The control was skipped (--no-validate): for tests only.\n');
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
      if (!/^\d{2}$/.test(bydel)) throw new UsageError('--bydel must be two digits');
      const target = { environment, municipality: profile.number, bydel, year: control?.year ?? (year as number) };
      const contents = control
        ? `${control.clients} clients, ${control.services} services, ${formatBytes(control.size)}`
        : `not controlled, ${formatBytes((await stat(extractPath)).size)}`;
      io.stderr.write(
        `${profile.number} ${profile.name}${bydel === '00' ? '' : ` bydel ${bydel}`}, year ${target.year}: ${contents} → ${environment === 'production' ? 'PRODUCTION' : 'test'} (${ipisUrl(config.settings, environment)})\n`,
      );
      const unfinished = unfinishedSubmissions(buildHistory((await history.readEvents()).events), target);
      if (unfinished.length > 0)
        io.stderr.write(
          `Note: ${unfinished.length} unfinished send(s) for this year exist; to continue one instead: iplos send --resume ${unfinished.at(-1)?.submissionId}\n`,
        );
      if (environment === 'production' && !values.yes)
        await confirmProduction(io, profile.number, control?.counts.error ?? 0);
      const encryptionKey = await secret('encryptionKey', io);
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
      printReceipt(io, result.receipt, values.json === true, `${result.partsSent.length} part(s) sent`);
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
  io.stderr.write(`Control: ${countsLine(control)}\n`);
  if (outcome === 'fatal' || (outcome === 'errors' && !sendWithErrors)) {
    io.stderr.write(`\n${validationText(control, { path, municipality, perRule: 3 })}`);
    io.stderr.write(
      outcome === 'fatal'
        ? 'Not sent: the extract cannot be sent as it is. Export it again from the EPJ.\n'
        : `Not sent: the control found ${formatInteger(control.counts.error)} error(s). Fix them in the EPJ and export again, or send anyway with --send-with-errors (SSB will report those records). "iplos validate ${path} --html <file>" writes a report for the EPJ vendor.\n`,
    );
    return false;
  }
  if (outcome === 'errors')
    io.stderr.write(`Sending with ${formatInteger(control.counts.error)} error(s) (--send-with-errors).\n`);
  return true;
}

async function confirmProduction(io: CliIo, municipality: string, errors: number): Promise<void> {
  if (!(io.stdin.isTTY && io.stderr.isTTY))
    throw new UsageError('sending to PRODUCTION needs --yes when there is no terminal to confirm on');
  const withErrors = errors > 0 ? ` with ${formatInteger(errors)} error(s)` : '';
  const answer = await promptLine(
    `Send to PRODUCTION${withErrors}? Type the municipality number (${municipality}) to confirm: `,
    io,
  );
  if (answer.trim() !== municipality) throw new UsageError('not confirmed; nothing was sent');
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
    `Sent. Receipt ${receipt.receiptId} (${when}), ${formatBytes(receipt.totalSize)}, SHA-256 ${receipt.sha256}; ${note}.\nSubmission ${receipt.submissionId}. SSB's feedback follows on the portal: iplos feedback wait\n`,
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
          ? `, ${Math.ceil(progress.etaSeconds)} s left`
          : '';
      const part = 'part' in progress && progress.part ? ` part ${progress.part.index}/${progress.part.count}` : '';
      io.stderr.write(`\r${progress.phase}${part} ${percent}%${rate}${eta}\u001b[K`);
    },
    end() {
      if (shown) io.stderr.write('\r\u001b[K');
      shown = false;
    },
  };
}
