import { IplosError } from '../core/errors';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from './cliError';
import type { CliCommand } from './command';
import { checkCommand } from './commands/check';
import { decryptCommand } from './commands/decrypt';
import { encryptCommand } from './commands/encrypt';
import { feedbackCommand } from './commands/feedback';
import { historyCommand } from './commands/history';
import { sendCommand } from './commands/send';
import { statusCommand } from './commands/status';
import { validateCommand } from './commands/validate';
import { languageBeforeCommand, splitGlobalOptions, type CommandLine } from './globalOptions';
import { processIo, type CliIo } from './io';
import { chooseCliLanguage, useCliLanguage } from './language';
import { msg } from '../core/i18n';

const COMMANDS: readonly CliCommand[] = [
  checkCommand,
  validateCommand,
  sendCommand,
  feedbackCommand,
  historyCommand,
  statusCommand,
  encryptCommand,
  decryptCommand,
];

function overview(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  const list = COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join('\n');
  return msg(
    `iplos — IPLOS Innsending on the command line

Usage: iplos [--config <file>] [--lang nb|en] <command> [options]      iplos <command> --help

Commands:
{0}

Options before the command apply to it as if written after it:
  --config <file>   configuration file (default: IPLOS_CONFIG or ./iplos.config.json)
  --lang nb|en      the language of messages and reports (default: IPLOS_LANG, else en)
  -h, --help        this overview, or the command's help

Exit codes: 0 ok, 1 the operation failed, 2 usage error.
Set IPLOS_DEBUG=1 to print the technical detail of a failure.`,
    list,
  );
}

/** Runs one command line; returns the exit code. Errors become one line on stderr. */
export async function runCli(
  args: string[],
  io: CliIo = processIo(),
  signal: AbortSignal = new AbortController().signal,
): Promise<number> {
  let line: CommandLine;
  // English until the command line says otherwise (a wrong --lang is told in English, not in the last run's language).
  useCliLanguage('en');
  try {
    // The language first, so that a mistake in the other global options is told in it too.
    useCliLanguage(chooseCliLanguage(languageBeforeCommand(args), io.env));
    line = splitGlobalOptions(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`${msg('iplos: {0}. Run "iplos --help".', error.message)}\n`);
    return EXIT_USAGE;
  }
  const { name, args: rest } = line;
  if (!name || name === 'help') {
    io.stdout.write(`${overview()}\n`);
    return name || line.help ? EXIT_OK : EXIT_USAGE;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    io.stderr.write(`${msg('iplos: unknown command "{0}". Run "iplos --help".', name)}\n`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${command.usage}\n`);
    return EXIT_OK;
  }
  try {
    return await command.run(rest, io, signal);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`iplos ${name}: ${error.message}\n${msg('Run "iplos {0} --help".', name)}\n`);
      return EXIT_USAGE;
    }
    io.stderr.write(`iplos ${name}: ${describe(error)}\n`);
    // Technical detail for support; never secrets (errors do not carry them).
    if (io.env.IPLOS_DEBUG)
      io.stderr.write(
        `${error instanceof IplosError ? `${error.code}: ${error.detail}\n` : ''}${(error as Error)?.stack ?? ''}\n`,
      );
    return EXIT_FAILURE;
  }
}

/** What happened and what to do: the core's errors say both (IplosError); anything else, its message. */
function describe(error: unknown): string {
  if (error instanceof IplosError) return error.userMessage;
  if (error instanceof Error) return error.message;
  return String(error);
}

if (require.main === module) {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  process.once('SIGTERM', () => controller.abort());
  runCli(process.argv.slice(2), processIo(), controller.signal).then((code) => {
    process.exitCode = code;
  });
}
