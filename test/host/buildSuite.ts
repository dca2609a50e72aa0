/** Compiles test/suite/*.ts to out/suite/*.js for the extension host (vscode and mocha stay external). */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { REPO } from './codeServer';

export async function buildSuite(): Promise<string> {
  const source = join(REPO, 'test', 'suite');
  const outdir = join(REPO, 'out', 'suite');
  rmSync(outdir, { recursive: true, force: true }); // no stale tests from deleted files
  const entryPoints = readdirSync(source)
    .filter((name) => name === 'index.ts' || name.endsWith('.test.ts'))
    .map((name) => join(source, name));
  await build({
    entryPoints,
    outdir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return join(outdir, 'index.js');
}
