import { encryptArchive } from '../../core/archive';
import { EXIT_OK, UsageError } from '../cliError';
import type { CliCommand } from '../command';
import { msg } from '../../core/i18n';
import { formatBytes } from '../../core/format/norwegian';
import { progressPrinter } from '../format';
import { parseCommandLine, positiveNumber } from '../parse';
import { readSecret, warnAboutKey } from '../readSecret';

const MiB = 1024 * 1024;

export const encryptCommand: CliCommand = {
  name: 'encrypt',
  get summary() {
    return msg('encrypt an extract into an AES-256 zip, split into parts if needed');
  },
  get usage() {
    return msg(
      `iplos encrypt <file> --out <dir> [options]

Encrypts an IPLOS extract into an AES-256 zip (WinZip AE-2, deflate) in <dir>.
When the zip is larger than --part-size it is split into numbered parts
(<name>.zip.001, .002, …) that 7-Zip extracts once all parts lie in one folder.

Options:
  --out <dir>          output folder (created if missing)             required
  --part-size <MiB>    largest part; split above this size            default: no split
  --level <1-9>        deflate level                                  default: 6
  --name <file.zip>    archive name                        default: <file>.zip
  --overwrite          replace an earlier archive (and its stale parts)
  --key-file <path>    read the encryption key from this file
  --json               print the manifest (names, sizes, SHA-256) as JSON

The key is read from --key-file, else the environment variable IPLOS_KEY, else
asked for on the terminal. It is never accepted as an argument.`,
    );
  },

  async run(args, io, signal) {
    const { values, positionals } = parseCommandLine(
      args,
      {
        out: { type: 'string' },
        'part-size': { type: 'string' },
        level: { type: 'string' },
        name: { type: 'string' },
        overwrite: { type: 'boolean' },
        'key-file': { type: 'string' },
        json: { type: 'boolean' },
      },
      1,
    );
    const input = positionals[0];
    if (!input) throw new UsageError(msg('missing the file to encrypt'));
    if (!values.out) throw new UsageError(msg('missing --out <dir>'));
    const partSize = positiveNumber(values['part-size'], '--part-size');
    if (partSize !== undefined && partSize * MiB < 64 * 1024)
      throw new UsageError(msg('--part-size must be at least 0.0625 MiB (64 KiB)'));
    const level = values.level === undefined ? undefined : Number(values.level);
    if (level !== undefined && !(Number.isInteger(level) && level >= 1 && level <= 9))
      throw new UsageError(msg('--level must be 1 to 9'));
    const key = await readSecret(
      { label: msg('encryption key'), file: values['key-file'], envVariable: 'IPLOS_KEY' },
      io,
    );
    warnAboutKey(key, 'encryption', io);

    const progress = values.json ? undefined : progressPrinter(io.stderr, msg('Encrypting'));
    const manifest = await encryptArchive(input, values.out, {
      key,
      ...(partSize ? { maxPartSize: Math.floor(partSize * MiB) } : {}),
      ...(level ? { level } : {}),
      ...(values.name ? { archiveName: values.name } : {}),
      overwrite: values.overwrite ?? false,
      signal,
      ...(progress
        ? { onProgress: (p: { bytesDone: number; bytesTotal: number }) => progress(p.bytesDone, p.bytesTotal) }
        : {}),
    });
    progress?.end();
    if (values.json) {
      io.stdout.write(`${JSON.stringify(manifest, null, 2)}\n`);
    } else {
      io.stdout.write(
        `${msg(
          'Encrypted {0} ({1}) → {2} in {3} part(s):',
          manifest.plaintext.name,
          formatBytes(manifest.plaintext.size),
          formatBytes(manifest.archive.size),
          manifest.parts.length,
        )}\n`,
      );
      for (const part of manifest.parts)
        io.stdout.write(`  ${part.name}  ${formatBytes(part.size)}  sha256 ${part.sha256}\n`);
    }
    return EXIT_OK;
  },
};
