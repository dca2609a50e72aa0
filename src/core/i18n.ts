/**
 * Core messages in English, translatable by the host: the extension sets its t() (src/extension/localize.ts,
 * following iplos.language), the CLI the nb bundle under --lang nb / IPLOS_LANG=nb.
 *
 * Every message a user sees (a notification, a tooltip, the viewer, the CLI's error line) is
 * written with msg — the English template is the key — and its
 * first argument is always a plain string literal (either quote) so that a simple extractor finds it.
 * Placeholders are `{0}`, `{1}`, … exactly as in vscode.l10n.t, so the extension can pass
 * `(message, args) => t(message, ...args)`. Log-only detail, codes and anything
 * written to files stay plain English strings.
 */
export type Translator = (message: string, args: (string | number)[]) => string;

let translator: Translator | undefined;

/** Sets (or, with undefined, removes) the host's translator; without one, messages are English. */
export function setTranslator(next: Translator | undefined): void {
  translator = next;
}

/** A core message: the English template (the translation key, {0}-style placeholders) filled in. */
export function msg(template: string, ...args: (string | number)[]): string {
  if (translator) return translator(template, args);
  return format(template, args);
}

/** `{n}` → the n-th argument; a placeholder without an argument stays as it is. */
function format(template: string, args: readonly (string | number)[]): string {
  if (args.length === 0) return template;
  return template.replace(/\{(\d+)\}/g, (match, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? match : String(value);
  });
}
