// `npm run demo`: the whole routine on this machine, against the built-in sandbox, in real
// VS Code (code-server in the browser, or desktop VS Code with --desktop). On a fresh clone
// it installs what is missing first; Ctrl-C stops everything it started.
// Only Node built-ins here: it may run before `npm ci`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const args = process.argv.slice(2);
if (args.includes('--help')) {
  console.log(`npm run demo -- [options]

Starts the sandbox (SSB's file portal and the IPIS send module on this machine), a demo
workspace with a generated extract that has planted errors, and VS Code with the
extension set up for it (test environment, Hamar, the sandbox's CA and demo secrets).
Open the address it prints, then: IPLOS: Send extract → Send anyway (the local control
finds the planted errors) → wait for "New feedback from SSB" → Download → click an error
→ Go to record.

  --port <n>             code-server's port on 127.0.0.1 (default: a free one)
  --desktop              open desktop VS Code (the \`code\` command) instead of code-server
  --feedback-delay <s>   seconds before SSB's feedback appears (default 15)
  --state <dir>          demo files (default .cache/demo); the workspace is made afresh
  --no-build             use the built extension as it is`);
  process.exit(0);
}

const run = (command, commandArgs) => spawnSync(command, commandArgs, { stdio: 'inherit' }).status === 0;
if (!existsSync('node_modules/.package-lock.json')) {
  console.log('[demo] installing npm dependencies (once) …');
  if (!run('npm', ['ci', '--no-audit', '--no-fund'])) process.exit(1);
}
if (!args.includes('--no-build')) {
  console.log('[demo] building and packaging the extension …');
  if (!run('npm', ['run', '--silent', 'package'])) process.exit(1);
}
const child = spawn(
  process.execPath,
  ['--import', 'tsx', 'scripts/demo/runDemo.ts', ...args.filter((arg) => arg !== '--no-build')],
  { stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 130 : 1)));
