// Builds three bundles: the extension (Node, CommonJS, `vscode` external), the `iplos` CLI,
// and the webview front ends under media/ (browser). Type checking is `npm run typecheck`.
import * as esbuild from 'esbuild';
import { existsSync, readdirSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

// Every media/<name>/main.ts is one webview front end → dist/webview/<name>.js.
const webviewEntries = existsSync('media')
  ? readdirSync('media', { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(`media/${entry.name}/main.ts`))
      .map((entry) => ({ in: `media/${entry.name}/main.ts`, out: entry.name }))
  : [];

const builds = [
  { ...node, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...node, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];
if (webviewEntries.length > 0) {
  builds.push({
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
    entryPoints: webviewEntries,
    outdir: 'dist/webview',
  });
}

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
