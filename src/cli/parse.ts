import { parseArgs, type ParseArgsConfig } from 'node:util';
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
        `${arg.split('=')[0]} is not accepted: a secret on the command line shows in the process list and shell history. Use --key-file <path> or the environment variable instead.`,
      );
    }
  }
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
  if (parsed.positionals.length > allowPositionals)
    throw new UsageError(`unexpected argument "${parsed.positionals[allowPositionals]}"`);
  return parsed;
}

export function positiveNumber(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0)
    throw new UsageError(`${name} must be a positive number, not "${value}"`);
  return number;
}
