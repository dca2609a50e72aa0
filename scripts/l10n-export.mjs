// `npm run l10n`: writes l10n/bundle.l10n.json — every `t('…')` string of the extension
// (src/extension/localize.ts), the core's and the CLI's `msg('…')` messages, and the feedback webview's strings
// (src/shared/feedbackStringKeys.ts, translated by the host and sent to the webview).
// Translators then add each key to l10n/bundle.l10n.nb.json; test/unit/l10n checks that
// nothing is missing.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

// A string literal (either quote: the formatter writes one holding an apostrophe in double quotes).
const LITERAL = String.raw`\(\s*(['"])((?:(?!\1)[^\\]|\\.)*)\1`;
const unescape = (text) => text.replace(/\\(['"\\])/g, '$1');
const bundle = {};
// Extension strings: t('…') of src/extension/localize.ts (vscode.l10n.t's signature; an
// extractor that knows only vscode.l10n would not see them).
const extensionFiles = [
  'src/extension.ts',
  ...readdirSync('src/extension', { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => `src/extension/${name}`),
].sort();
for (const file of extensionFiles) {
  for (const match of readFileSync(file, 'utf8').matchAll(new RegExp(String.raw`(?<![\w.])t` + LITERAL, 'g'))) {
    const key = unescape(match[2]);
    bundle[key] ??= key;
  }
}
// Core and CLI messages: msg('…') in src/core (translated by the extension through vscode.l10n.t)
// and in src/cli (translated by the nb bundle under --lang nb, src/cli/language.ts). Either quote
// (the formatter writes a string that holds an apostrophe in double quotes), or a template literal
// without `${…}` (the CLI's multi-line help texts), whose line breaks are part of the key.
for (const folder of ['src/core', 'src/cli']) {
  for (const file of readdirSync(folder, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.ts'))
    .sort()) {
    for (const match of readFileSync(`${folder}/${file}`, 'utf8').matchAll(
      /\bmsg\(\s*(['"`])((?:(?!\1)[^\\]|\\.)*)\1/g,
    )) {
      const key = match[2].replace(/\\(['"`\\])/g, '$1');
      bundle[key] ??= key;
    }
  }
}
const keys = readFileSync('src/shared/feedbackStringKeys.ts', 'utf8');
for (const match of keys.matchAll(/^\s*(['"])((?:(?!\1)[^\\]|\\.)*)\1,$/gm)) {
  const key = match[2].replace(/\\(['"\\])/g, '$1');
  bundle[key] ??= key;
}
// The strings already in the file keep their place and new ones go at the end, so that two
// branches that each add strings conflict at most at the end; strings no longer used go.
const previous = Object.keys(JSON.parse(readFileSync('l10n/bundle.l10n.json', 'utf8')));
const ordered = [
  ...previous.filter((key) => key in bundle),
  ...Object.keys(bundle).filter((key) => !previous.includes(key)),
];
const output = Object.fromEntries(ordered.map((key) => [key, bundle[key]]));
writeFileSync('l10n/bundle.l10n.json', `${JSON.stringify(output, null, 2)}\n`);
console.log(`l10n/bundle.l10n.json: ${ordered.length} strings`);
