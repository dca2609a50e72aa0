/**
 * The extension's one translator: `t(…)` has vscode.l10n.t's signature, but follows the
 * `iplos.language` setting instead of VS Code's display language only. VS Code's own l10n
 * shows the nb bundle only when the whole editor runs in Norwegian, which needs a language
 * pack Microsoft does not publish (issue 15); so the bundle is loaded here with @vscode/l10n.
 * Every runtime string of the extension goes through `t` (a lint rule forbids vscode.l10n.t
 * elsewhere); the core's msg() and the webview's strings are translated by it too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as l10n from '@vscode/l10n';
import { setActiveLanguage, type TextLanguage } from './language';

/** A message in the active language: the English template is the key, `{0}` its placeholders. */
export const t: typeof l10n.t = l10n.t;

/**
 * Makes `language` the one `t` speaks: the nb bundle (l10n/bundle.l10n.nb.json in the
 * extension's folder) for nb, the English templates themselves for en.
 */
export function useLanguage(language: TextLanguage, extensionPath: string): void {
  const contents =
    language === 'nb'
      ? (JSON.parse(readFileSync(join(extensionPath, 'l10n', 'bundle.l10n.nb.json'), 'utf8')) as l10n.l10nJsonFormat)
      : {};
  l10n.config({ contents });
  setActiveLanguage(language);
}
