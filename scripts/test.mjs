// `npm test`: every test layer in order — core (node:test), the extension-host suite in
// real VS Code (code-server, offline), the feedback webview in Chromium, then the UI
// journeys in a real browser against the packaged .vsix — each one's output streamed, ending with one summary line of all tests.
// Works on a fresh clone: it installs what is missing first (npm dependencies; 7-Zip via
// scripts/ensure-tools.sh; code-server and Chromium via scripts/install-code-server.sh).
// Only Node built-ins here, since it may run before `npm ci`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function run(command, args) {
  return spawnSync(command, args, { stdio: 'inherit' }).status === 0;
}

function fail(reason) {
  console.log(`\nSummary: 0 passed, 1 failed (${reason})`);
  process.exit(1);
}

function files(folder, suffix) {
  return readdirSync(folder, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith(suffix))
    .map((name) => join(folder, name))
    .sort();
}

/** Runs a layer, streaming its output, and reads its pass/fail counts from that output. */
function runLayer(layer) {
  return new Promise((resolve) => {
    const child = spawn(layer.command, layer.args, { stdio: ['ignore', 'pipe', 'pipe'] });
    // A hung layer is stopped (its runner kills the code-server it started on SIGTERM).
    const timer = setTimeout(() => {
      console.log(`\n${layer.name}: no result after ${layer.timeoutMinutes} minutes, stopping it`);
      child.kill('SIGTERM');
    }, layer.timeoutMinutes * 60_000);
    let output = '';
    const relay = (target) => (data) => {
      target.write(data);
      output += data.toString();
    };
    child.stdout.on('data', relay(process.stdout));
    child.stderr.on('data', relay(process.stderr));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, counts: layer.counts(output) });
    });
  });
}

// Tests that never ran because a hook failed are "cancelled" in node:test: they count as failed.
const nodeTestCounts = (output) => {
  const count = (label) => Number(new RegExp(`ℹ ${label} (\\d+)`).exec(output)?.[1] ?? NaN);
  const [passed, failed, cancelled] = [count('pass'), count('fail'), count('cancelled')];
  return Number.isNaN(passed) || Number.isNaN(failed) ? undefined : { passed, failed: failed + (cancelled || 0) };
};
const summaryLineCounts = (output) => {
  const match = /(\d+) passed, (\d+) failed\s*$/m.exec(output);
  return match ? { passed: Number(match[1]), failed: Number(match[2]) } : undefined;
};
const tsx = [process.execPath, '--import', 'tsx'];

if (!existsSync('node_modules/.package-lock.json') && !run('npm', ['ci', '--no-audit', '--no-fund']))
  fail('npm ci failed');
if (!run('bash', ['scripts/ensure-tools.sh'])) fail('could not install the system tools the tests need');
// Tests exercise what ships: the bundles (dist/cli.js) and the packaged .vsix.
if (!run('npm', ['run', '--silent', 'package'])) fail('build or packaging failed');
const vsixBytes = statSync('dist/iplos-innsending.vsix').size;
console.log(`Package: dist/iplos-innsending.vsix ${(vsixBytes / 1000).toFixed(0)} kB (target < 2 MB)`);

const layers = [
  {
    name: 'core',
    command: tsx[0],
    args: [
      ...tsx.slice(1),
      '--test',
      '--test-reporter=spec',
      '--test-concurrency=2',
      ...files('test/unit', '.test.ts'),
    ],
    counts: nodeTestCounts,
    timeoutMinutes: 10,
  },
  // 1 GiB through the generator and the local control, alone: on two cores it would starve
  // the core layer's timing-sensitive tests.
  {
    name: 'large files (1 GiB)',
    command: tsx[0],
    args: [...tsx.slice(1), '--test', '--test-reporter=spec', ...files('test/large', '.test.ts')],
    counts: nodeTestCounts,
    timeoutMinutes: 15,
  },
  {
    name: 'extension host (VS Code in code-server)',
    command: tsx[0],
    args: [...tsx.slice(1), 'test/host/runSuiteInCodeServer.ts'],
    counts: summaryLineCounts,
    timeoutMinutes: 15,
  },
  // After the host layer, which installs Chromium when it is missing.
  {
    name: 'webview (Chromium)',
    command: tsx[0],
    args: [
      ...tsx.slice(1),
      '--test',
      '--test-reporter=spec',
      '--test-concurrency=1',
      ...files('test/webview', '.test.ts'),
    ],
    counts: nodeTestCounts,
    timeoutMinutes: 10,
  },
  {
    name: 'UI journeys (Chromium, packaged .vsix)',
    command: tsx[0],
    args: [
      ...tsx.slice(1),
      '--test',
      '--test-reporter=spec',
      '--test-concurrency=1',
      ...files('test/e2e', '.journey.test.ts'),
    ],
    counts: nodeTestCounts,
    timeoutMinutes: 20,
  },
];

let passed = 0;
let failed = 0;
const lines = [];
for (const layer of layers) {
  console.log(`\n=== ${layer.name} ===`);
  const started = Date.now();
  const { code, counts } = await runLayer(layer);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  // A layer that failed without reporting counts (crashed, hung) still counts as a failure.
  const layerCounts = counts ?? { passed: 0, failed: 1 };
  if (code !== 0 && layerCounts.failed === 0) layerCounts.failed = 1;
  passed += layerCounts.passed;
  failed += layerCounts.failed;
  lines.push(
    `  ${code === 0 ? 'ok  ' : 'FAIL'} ${layer.name}: ${layerCounts.passed} passed, ${layerCounts.failed} failed (${seconds} s)`,
  );
}
console.log(`\n${lines.join('\n')}`);
console.log(`\nSummary: ${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
