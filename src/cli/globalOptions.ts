/**
 * The options `iplos` takes before the command name, as `git -C` or `kubectl --context` do:
 * `iplos --config f.json check` runs `iplos check --config=f.json`, and `iplos --help send`
 * shows the send command's help. Only --config, --lang and --help; anything else is a usage error.
 * --lang (nb|en) is the CLI's own (src/cli/language.ts), not passed on to the command.
 */
import { msg } from '../core/i18n';
import { UsageError } from './cliError';

export interface CommandLine {
  /** The command's name; undefined when the line holds global options only. */
  name: string | undefined;
  /** The command's own arguments, with the global options passed on as if written after its name. */
  args: string[];
  /** --help or -h came before the command. */
  help: boolean;
  /** --lang's value (checked by chooseCliLanguage), if given. */
  language: string | undefined;
}

export function splitGlobalOptions(argv: readonly string[]): CommandLine {
  let config: string | undefined;
  let help = false;
  let language: string | undefined;
  let index = 0;
  for (; index < argv.length; index++) {
    const arg = argv[index] as string;
    if (!arg.startsWith('-')) break;
    if (arg === '--help' || arg === '-h') help = true;
    else if (arg === '--config') config = configValue(argv[++index]);
    else if (arg.startsWith('--config=')) config = configValue(arg.slice('--config='.length));
    else if (arg === '--lang') language = languageValue(argv[++index]);
    else if (arg.startsWith('--lang=')) language = languageValue(arg.slice('--lang='.length));
    // The name only: a mistyped secret (--key=…) must not be echoed.
    else
      throw new UsageError(
        msg(
          'unknown option "{0}" before the command (there: --config <file>, --lang nb|en, --help)',
          arg.split('=')[0] ?? arg,
        ),
      );
  }
  const [name, ...rest] = argv.slice(index);
  const globals = [...(config === undefined ? [] : [`--config=${config}`]), ...(help ? ['--help'] : [])];
  return { name, args: passOn(rest, globals), help, language };
}

/** --lang's value among the options before the command, if there is one (splitGlobalOptions judges the rest). */
export function languageBeforeCommand(argv: readonly string[]): string | undefined {
  let language: string | undefined;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] as string;
    if (!arg.startsWith('-')) break;
    if (arg === '--config' || arg === '--lang') {
      const value = argv[++index];
      if (arg === '--lang' && value !== undefined && value !== '' && !value.startsWith('-')) language = value;
    } else if (arg.startsWith('--lang=') && arg.length > '--lang='.length) language = arg.slice('--lang='.length);
  }
  return language;
}

function languageValue(value: string | undefined): string {
  if (value === undefined || value === '' || value.startsWith('-'))
    throw new UsageError(msg('--lang needs nb or en: iplos --lang nb <command>'));
  return value;
}

function configValue(value: string | undefined): string {
  if (value === undefined || value === '' || value.startsWith('-'))
    throw new UsageError(msg('--config needs a file: iplos --config <file> <command>'));
  return value;
}

/**
 * The global options after the command's own options (before a `--`, so they stay options);
 * a --config written after the command name wins, being the more specific.
 */
function passOn(args: string[], globals: string[]): string[] {
  const end = args.includes('--') ? args.indexOf('--') : args.length;
  const own = args.slice(0, end);
  const hasConfig = own.some((arg) => arg === '--config' || arg.startsWith('--config='));
  const added = globals.filter((option) => !(hasConfig && option.startsWith('--config=')));
  return [...own, ...added, ...args.slice(end)];
}
