import { decryptArchive } from '../../core/archive';
import { EXIT_OK, UsageError } from '../cliError';
import type { CliCommand } from '../command';
import { msg } from '../../core/i18n';
import { formatBytes } from '../../core/format/norwegian';
import { progressPrinter } from '../format';
import { parseCommandLine, positiveNumber } from '../parse';
import { readSecret, warnAboutKey } from '../readSecret';

const MiB = 1024 * 1024;

export const decryptCommand: CliCommand = {
  name: 'decrypt',
  get summary() {
    return msg('decrypt and extract an AES zip (or the first part of a split set)');
  },
  get usage() {
    return msg(
      `iplos decrypt <zip-or-first-part> --out <dir> [options]

Decrypts and extracts an encrypted zip — e.g. the feedback file from SSB — into
<dir>. Reads AES-256/192/128 and legacy ZipCrypto, Zip64, UTF-8 and Windows
(CP850/CP437) file names, and split sets (<name>.zip.001… or <name>.z01…/.zip;
give any part, all parts must be in the same folder).

Everything is checked before a byte is written (names that would escape <dir>,
symbolic links, device names, sizes, the key), and files appear only after every
entry has passed its integrity check. On any error nothing is left behind.

Options:
  --out <dir>          target folder (created if missing)             required
  --overwrite          replace files that already exist in <dir>
  --max-size <MiB>     refuse archives expanding to more than this    default: 16384
  --max-ratio <n>      refuse entries expanding more than n times     default: 200
  --legacy-names <cp>  code page for names without the UTF-8 flag: cp850 or cp437
                                                                      default: cp850
  --key-file <path>    read the key from this file
  --json               print the extracted files as JSON

The key is read from --key-file, else the environment variable IPLOS_KEY, else
asked for on the terminal. Test files from SSB use the key 123456.`,
    );
  },

  async run(args, io, signal) {
    const { values, positionals } = parseCommandLine(
      args,
      {
        out: { type: 'string' },
        overwrite: { type: 'boolean' },
        'max-size': { type: 'string' },
        'max-ratio': { type: 'string' },
        'legacy-names': { type: 'string' },
        'key-file': { type: 'string' },
        json: { type: 'boolean' },
      },
      1,
    );
    const input = positionals[0];
    if (!input) throw new UsageError(msg('missing the archive to decrypt'));
    if (!values.out) throw new UsageError(msg('missing --out <dir>'));
    const maxSize = positiveNumber(values['max-size'], '--max-size');
    const maxRatio = positiveNumber(values['max-ratio'], '--max-ratio');
    const legacy = values['legacy-names'];
    if (legacy !== undefined && legacy !== 'cp850' && legacy !== 'cp437')
      throw new UsageError(msg('--legacy-names must be cp850 or cp437'));
    const key = await readSecret({ label: msg('key'), file: values['key-file'], envVariable: 'IPLOS_KEY' }, io);
    warnAboutKey(key, 'feedback', io);

    const progress = values.json ? undefined : progressPrinter(io.stderr, msg('Decrypting'));
    const result = await decryptArchive(input, values.out, {
      key,
      overwrite: values.overwrite ?? false,
      limits: { ...(maxSize ? { maxTotalBytes: Math.floor(maxSize * MiB) } : {}), ...(maxRatio ? { maxRatio } : {}) },
      ...(legacy ? { legacyEncoding: legacy } : {}),
      signal,
      ...(progress
        ? { onProgress: (p: { bytesDone: number; bytesTotal: number }) => progress(p.bytesDone, p.bytesTotal) }
        : {}),
    });
    progress?.end();
    if (values.json) {
      io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    } else {
      io.stdout.write(`${msg('Extracted {0} file(s) to {1}:', result.files.length, values.out)}\n`);
      for (const file of result.files) io.stdout.write(`  ${file.name}  ${formatBytes(file.size)}\n`);
    }
    return EXIT_OK;
  },
};
