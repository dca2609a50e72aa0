import { buildHistory, HistoryStore, unfinishedSubmissions } from '../../core/history';
import { checkExtract } from '../../core/extract';
import { ipisUrl, type Environment } from '../../core/config/settings';
import { resumeSend, sendExtract, type SendExtractProgress } from '../../core/send/sendExtract';
import { EXIT_FAILURE, EXIT_OK, UsageError } from '../cliError';
import type { CliCommand } from '../command';
import { loadConfig, secret } from '../config';
import { formatBytes } from '../../core/format/norwegian';
import type { CliIo } from '../io';
import { parseCommandLine } from '../parse';
import { promptLine } from '../promptLine';
import { openTransport, profileOf } from '../session';

export const sendCommand: CliCommand = {
  name: 'send',
  summary: 'check, encrypt, split and send an extract through IPIS (resumable)',
  usage: `iplos send <extract.xml> [options]
iplos send --resume <submission-id> [options]

Checks the extract (well-formed, root Melding, municipality, period), encrypts it
(AES-256) and splits it into parts, sends the parts to the IPIS send module and
prints the receipt. An interrupted send is resumed with --resume (see "iplos
history"); only the missing parts are sent, and no second submission is made.

Options:
  --env test|production  where to send (default: the configuration's, i.e. test)
  --yes                  confirm a production send without asking
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
      const year = values.year === undefined ? undefined : Number(values.year);
      if (year !== undefined && !/^\d{4}$/.test(values.year ?? '')) throw new UsageError('--year must be four digits');
      const check = await checkExtract(extractPath, {
        municipality: profile.number,
        ...(year ? { year } : {}),
        signal,
        onProgress: ({ bytesDone, bytesTotal }) => progress.update({ phase: 'checking', bytesDone, bytesTotal }),
      });
      progress.end();
      if (!check.ok) {
        io.stderr.write(
          `The extract cannot be sent as it is:\n${check.problems.map((problem) => `  ${problem.line ? `line ${problem.line}${problem.column ? `:${problem.column}` : ''}: ` : ''}${problem.message}`).join('\n')}\n`,
        );
        return EXIT_FAILURE;
      }
      const bydel = values.bydel ?? profile.bydel ?? '00';
      if (!/^\d{2}$/.test(bydel)) throw new UsageError('--bydel must be two digits');
      const target = { environment, municipality: profile.number, bydel, year: check.year as number };
      io.stderr.write(
        `${check.municipality} ${profile.name}${bydel === '00' ? '' : ` bydel ${bydel}`}, year ${target.year}: ${check.clients} clients, ${check.services} services, ${formatBytes(check.size)} → ${environment === 'production' ? 'PRODUCTION' : 'test'} (${ipisUrl(config.settings, environment)})\n`,
      );
      const unfinished = unfinishedSubmissions(buildHistory((await history.readEvents()).events), target);
      if (unfinished.length > 0)
        io.stderr.write(
          `Note: ${unfinished.length} unfinished send(s) for this year exist; to continue one instead: iplos send --resume ${unfinished.at(-1)?.submissionId}\n`,
        );
      if (environment === 'production' && !values.yes) await confirmProduction(io, profile.number);
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

async function confirmProduction(io: CliIo, municipality: string): Promise<void> {
  if (!(io.stdin.isTTY && io.stderr.isTTY))
    throw new UsageError('sending to PRODUCTION needs --yes when there is no terminal to confirm on');
  const answer = await promptLine(
    `Send to PRODUCTION? Type the municipality number (${municipality}) to confirm: `,
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
