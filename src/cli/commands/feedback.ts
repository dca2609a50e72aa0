import { setTimeout as sleep } from 'node:timers/promises';
import { HistoryStore } from '../../core/history';
import { downloadFeedback, feedbackKeyFor } from '../../core/ssb/feedbackDownload';
import type { PortalFile } from '../../core/ssb/portalClient';
import { EXIT_FAILURE, EXIT_OK, UsageError } from '../cliError';
import { feedbackCompare } from './feedbackCompare';
import type { CliCommand } from '../command';
import { msg } from '../../core/i18n';
import { loadConfig, secret, SECRETS } from '../config';
import { warnAboutKey } from '../readSecret';
import { formatBytes } from '../../core/format/norwegian';
import type { CliIo } from '../io';
import { parseCommandLine, positiveNumber } from '../parse';
import { openTransport, signedInPortal } from '../session';

export const feedbackCommand: CliCommand = {
  name: 'feedback',
  get summary() {
    return msg("list, wait for, and download + decrypt SSB's feedback");
  },
  get usage() {
    return msg(
      `iplos feedback list [--new] [--json]
iplos feedback wait [--timeout <s>] [--interval <s>] [--json]
iplos feedback download [<file-id> | --latest] --out <dir> [--json]
iplos feedback compare <earlier> <later> [--json | --csv]

Works on the municipality's folder /Home/Ekstern/iplos/<user>/frassb on SSB's
file portal — instead of waiting for the e-mail to postmottak.

  list       the files in frassb (newest first); --new: only unread ones
  wait       poll until new feedback appears (default: up to 3600 s, every 30 s)
  download   download (resumable, size and SHA-1 verified), decrypt with the
             feedback key into <dir>/<file name>/, mark the file read, and
             record it in the history. The verified zip is kept in <dir>.
  compare    what the later round fixed, what is new and what remains. Each
             side is a decrypted feedback folder, a feedback zip (decrypted
             with the feedback key, as download does, beside the zip, and
             removed afterwards), or a history entry: a submission id (its
             newest decrypted feedback) or a feedback file id. --csv writes
             the later error list with a Status column and the fixed rows
             (for Excel); --json has a stable "format". Needs no sign-in.

Options:
  --config <file>   configuration file (default: IPLOS_CONFIG or ./iplos.config.json)
  --json            machine-readable output
  --csv             (compare) a table for Excel

Secrets: IPLOS_SSB_PASSWORD and (for download) IPLOS_FEEDBACK_KEY, or asked for on a
terminal; test feedback (…_test.zip) opens with SSB's test key 123456 when none is given.`,
    );
  },

  async run(args, io, signal) {
    const [action, ...rest] = args;
    if (action !== 'list' && action !== 'wait' && action !== 'download' && action !== 'compare')
      throw new UsageError(msg('say what to do: list, wait, download or compare'));
    if (action === 'compare') {
      const parsed = parseCommandLine(
        rest,
        { json: { type: 'boolean' }, csv: { type: 'boolean' }, config: { type: 'string' } },
        2,
      );
      return feedbackCompare(parsed.positionals, parsed.values, io, signal);
    }
    const { values, positionals } = parseCommandLine(
      rest,
      {
        new: { type: 'boolean' },
        latest: { type: 'boolean' },
        out: { type: 'string' },
        timeout: { type: 'string' },
        interval: { type: 'string' },
        config: { type: 'string' },
        json: { type: 'boolean' },
      },
      action === 'download' ? 1 : 0,
    );
    const config = await loadConfig(values.config, io);
    const transport = await openTransport(config);
    try {
      const { portal, frassb } = await signedInPortal(config, transport, io);
      try {
        if (action === 'list') {
          const files = await portal.files(frassb.id, { newOnly: values.new === true, signal });
          printFiles(io, files, values.json === true);
          return EXIT_OK;
        }
        if (action === 'wait') {
          const timeoutMs = (positiveNumber(values.timeout, '--timeout') ?? 3600) * 1000;
          const intervalMs = (positiveNumber(values.interval, '--interval') ?? 30) * 1000;
          const deadline = Date.now() + timeoutMs;
          for (;;) {
            const fresh = await portal.files(frassb.id, { newOnly: true, signal });
            if (fresh.length > 0) {
              printFiles(io, fresh, values.json === true);
              return EXIT_OK;
            }
            if (Date.now() + intervalMs > deadline) {
              io.stderr.write(
                `iplos feedback: ${msg("no new feedback within {0} s. SSB's processing can take a while; try again later.", Math.round(timeoutMs / 1000))}\n`,
              );
              return EXIT_FAILURE;
            }
            await sleep(intervalMs, undefined, { signal });
          }
        }
        if (!values.out) throw new UsageError(msg('missing --out <dir>'));
        let fileId = positionals[0];
        if (!fileId) {
          if (!values.latest) throw new UsageError(msg('give a file id (see "iplos feedback list") or --latest'));
          const newest = (await portal.files(frassb.id, { signal }))[0];
          if (!newest) throw new UsageError(msg('there is no file in frassb yet'));
          fileId = newest.id;
        }
        // Test feedback opens with SSB's documented test key unless another is given (the core's rule).
        const { name } = await portal.fileDetails(fileId, signal);
        const feedbackKey =
          feedbackKeyFor(name, io.env[SECRETS.feedbackKey.variable]) ?? (await secret('feedbackKey', io));
        warnAboutKey(feedbackKey, 'feedback', io);
        const history = new HistoryStore(config.historyFile);
        const result = await downloadFeedback(portal, fileId, values.out, feedbackKey, history, { signal });
        if (values.json) io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        else
          io.stdout.write(
            `${msg('Downloaded and verified {0}', result.zipPath)}\n${msg('Decrypted {0} file(s) into {1}:', result.files.length, result.folder)}\n${result.files.map((name) => `  ${name}`).join('\n')}\n`,
          );
        return EXIT_OK;
      } finally {
        await portal.signOut();
      }
    } finally {
      await transport.close();
    }
  },
};

function printFiles(io: CliIo, files: PortalFile[], json: boolean): void {
  if (json) {
    io.stdout.write(`${JSON.stringify(files, null, 2)}\n`);
    return;
  }
  if (files.length === 0) {
    io.stdout.write(`${msg('No files.')}\n`);
    return;
  }
  for (const file of files)
    io.stdout.write(
      `${file.isNew ? '*' : ' '} ${file.id}  ${file.name}  ${formatBytes(file.size)}  ${file.uploadStamp.replace('T', ' ')}  (${file.uploadUsername})\n`,
    );
  io.stdout.write(`${msg('(* = new)')}\n`);
}
