// `npm test`: every test layer in order, each one's output streamed, ending with one
// summary line. Layers: core (node:test). Later issues add the extension-host suite and
// the UI journeys here. Works on a fresh clone: it installs what is missing first
// (npm dependencies, and 7-Zip through scripts/ensure-tools.sh). Only Node built-ins here.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  return result.status === 0;
}

function fail(reason) {
  console.log(`\nTest layers: 0 passed, 1 failed (${reason})`);
  process.exit(1);
}

if (!existsSync('node_modules/.package-lock.json') && !run('npm', ['ci', '--no-audit', '--no-fund'])) fail('npm ci failed');
if (!run('bash', ['scripts/ensure-tools.sh'])) fail('could not install the system tools the tests need');

function testFiles(folder) {
  return readdirSync(folder, { recursive: true })
    .filter((name) => String(name).endsWith('.test.ts'))
    .map((name) => join(folder, String(name)))
    .sort();
}

// Tests exercise the shipped bundles (dist/cli.js), so build first.
if (!run(process.execPath, ['esbuild.mjs'])) fail('build failed');

const layers = [
  {
    name: 'core',
    command: process.execPath,
    args: ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...testFiles('test/unit')],
  },
];

let passed = 0;
let failed = 0;
for (const layer of layers) {
  console.log(`\n=== ${layer.name} tests ===`);
  const started = Date.now();
  const result = spawnSync(layer.command, layer.args, { stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status === 0) {
    passed++;
    console.log(`=== ${layer.name} tests passed (${seconds} s) ===`);
  } else {
    failed++;
    console.log(`=== ${layer.name} tests FAILED (${seconds} s, exit ${result.status ?? result.signal}) ===`);
  }
}
console.log(`\nTest layers: ${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
