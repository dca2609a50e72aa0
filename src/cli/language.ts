/**
 * The CLI's language: `--lang nb|en` before the command, else `IPLOS_LANG`, else English
 * (as before; a script that parses the output keeps working). Under nb the core's messages
 * (errors and their remedies, check results, the control's findings) come from the nb bundle
 * the package ships (l10n/bundle.l10n.nb.json, the extension's own), as do the rule titles
 * and severities of the text and HTML reports, and the CLI's own lines (help, progress,
 * prompts, report headers, its errors: msg() in src/cli). Machine-readable output stays
 * English: --json, the CSV of `iplos history`, exit codes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as l10n from '@vscode/l10n';
import { msg, setTranslator } from '../core/i18n';
import { UsageError } from './cliError';

export type CliLanguage = 'nb' | 'en';

let active: CliLanguage = 'en';

/** The language the current command line speaks. */
export function cliLanguage(): CliLanguage {
  return active;
}

/** `--lang`'s value wins over IPLOS_LANG; either must be nb or en (else a usage error naming where it came from). */
export function chooseCliLanguage(option: string | undefined, env: NodeJS.ProcessEnv): CliLanguage {
  const [value, source] = option !== undefined ? [option, '--lang'] : [env.IPLOS_LANG, 'IPLOS_LANG'];
  if (value === undefined || value === '') return 'en';
  const language = value.toLowerCase();
  if (language === 'nb' || language === 'en') return language;
  throw new UsageError(msg('{0} must be nb or en, not "{1}"', source, value));
}

/** Makes `language` the one the core's msg() and the reports use, until the next call. */
export function useCliLanguage(language: CliLanguage, bundle: string | undefined = nbBundlePath()): void {
  active = language;
  if (language === 'en' || bundle === undefined) {
    setTranslator(undefined);
    return;
  }
  l10n.config({ contents: JSON.parse(readFileSync(bundle, 'utf8')) as l10n.l10nJsonFormat });
  setTranslator((message, args) => l10n.t(message, ...args));
}

/**
 * The nb bundle in the package: next to dist/ when bundled (dist/cli.js), two levels up from
 * src/cli when run from source; undefined if the package lacks it (then English).
 */
export function nbBundlePath(from: string = __dirname): string | undefined {
  let folder = from;
  for (let level = 0; level < 4; level++) {
    const candidate = join(folder, 'l10n', 'bundle.l10n.nb.json');
    if (existsSync(candidate)) return candidate;
    folder = dirname(folder);
  }
  return undefined;
}
