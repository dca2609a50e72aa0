// `npm run l10n`: writes l10n/bundle.l10n.json — every `vscode.l10n.t('…')` string of
// src/ (extracted by @vscode/l10n-dev), the core's `msg('…')` messages, and the feedback
// webview's strings
// (src/shared/feedbackStringKeys.ts, translated by the host and sent to the webview).
// Translators then add each key to l10n/bundle.l10n.nb.json; test/unit/l10n checks that
// nothing is missing.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

const result = spawnSync('npx', ['--no-install', '@vscode/l10n-dev', 'export', '--outDir', './l10n', './src'], {
  stdio: 'inherit',
});
if (result.status !== 0) process.exit(result.status ?? 1);
const bundle = JSON.parse(readFileSync('l10n/bundle.l10n.json', 'utf8'));
// Core messages: msg('…') in src/core (translated by the extension through vscode.l10n.t).
for (const file of readdirSync('src/core', { recursive: true })
  .map(String)
  .filter((name) => name.endsWith('.ts'))) {
  // Either quote: the formatter writes a string that holds an apostrophe in double quotes.
  for (const match of readFileSync(`src/core/${file}`, 'utf8').matchAll(/\bmsg\(\s*(['"])((?:(?!\1)[^\\]|\\.)*)\1/g)) {
    const key = match[2].replace(/\\(['"\\])/g, '$1');
    bundle[key] ??= key;
  }
}
const keys = readFileSync('src/shared/feedbackStringKeys.ts', 'utf8');
for (const match of keys.matchAll(/^\s*(['"])((?:(?!\1)[^\\]|\\.)*)\1,$/gm)) {
  const key = match[2].replace(/\\(['"\\])/g, '$1');
  bundle[key] ??= key;
}
writeFileSync('l10n/bundle.l10n.json', `${JSON.stringify(bundle, null, 2)}\n`);
console.log(`l10n/bundle.l10n.json: ${Object.keys(bundle).length} strings`);
