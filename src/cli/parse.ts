import { parseArgs, type ParseArgsConfig } from 'node:util';
import { msg } from '../core/i18n';
import { UsageError } from './cliError';

/** `util.parseArgs` with our usage errors, and a clear refusal of secrets as arguments. */
export function parseCommandLine<T extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: T,
  allowPositionals: number,
) {
  for (const arg of args) {
    if (/^--(key|password|pin)(=|$)/.test(arg)) {
      throw new UsageError(
        msg(
          '{0} is not accepted: a secret on the command line shows in the process list and shell history. Use --key-file <path> or the environment variable instead.',
          arg.split('=')[0] ?? arg,
        ),
      );
    }
  }
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(
      nodeParseError((error as Error).message.replace(/\. To specify a positional argument.*$/s, '')),
    );
  }
  if (parsed.positionals.length > allowPositionals)
    throw new UsageError(msg('unexpected argument "{0}"', parsed.positionals[allowPositionals] ?? ''));
  return parsed;
}

export function positiveNumber(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0)
    throw new UsageError(msg('{0} must be a positive number, not "{1}"', name, value));
  return number;
}

/**
 * Node's own parseArgs errors, in the CLI's language: the usual ones by their English wording
 * (Node's, stable since 18.3), any other as Node wrote it.
 */
function nodeParseError(message: string): string {
  // English exactly as Node writes it (scripts and tests may match it).
  const unknown = /^Unknown option '([^']+)'$/.exec(message);
  if (unknown) return msg("Unknown option '{0}'", unknown[1] ?? '');
  const missing = /^Option '([^']+) <value>' argument missing$/.exec(message);
  if (missing) return msg("Option '{0} <value>' argument missing", missing[1] ?? '');
  const unexpected = /^Option '([^']+)' does not take an argument$/.exec(message);
  if (unexpected) return msg("Option '{0}' does not take an argument", unexpected[1] ?? '');
  return message;
}
