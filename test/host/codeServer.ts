/**
 * Real VS Code, offline: code-server 4.100.3 (VS Code 1.100.3) with its workbench in
 * Debian's headless Chromium (shared/docs/vscode-test-host.md). Shared by the
 * extension-host suite runner and the UI journeys. Every process started here is stopped
 * by `stop()`, which callers run in `finally`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const REPO = resolve(__dirname, '..', '..');
const CHROMIUM = process.env.IPLOS_CHROMIUM ?? '/usr/bin/chromium';

// Every code-server started here runs in its own process group; if this process ends in any
// way (test failure, timeout kill, Ctrl-C), those groups are killed with it.
const running = new Set<number>();
process.on('exit', () => {
  for (const pid of running) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});
// A signal ends the process (so the 'exit' hook above runs) — unless the program has its own
// handler for it (the demo stops the sandbox and code-server itself, cleanly).
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (process.listenerCount(signal) === 0) process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}

/** Installs code-server if needed (idempotent) and returns its executable. */
export function ensureCodeServer(): string {
  const result = spawnSync('bash', [join(REPO, 'scripts', 'install-code-server.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (result.status !== 0) throw new Error('installing code-server failed (see the output above)');
  const bin = result.stdout.trim().split('\n').at(-1) ?? '';
  if (!existsSync(bin)) throw new Error(`code-server is not at "${bin}"`);
  return bin;
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface CodeServerOptions {
  /** Folder opened as the workspace. */
  workspace: string;
  /** Extra environment for code-server and its extension host. */
  env?: NodeJS.ProcessEnv;
  /** Where code-server's output is written (kept for diagnosis). */
  logFile: string;
  /** An extensions folder prepared beforehand (e.g. with a .vsix installed). */
  extensionsDir?: string;
  /** User settings to add. */
  settings?: Record<string, unknown>;
  /**
   * Machine settings (machine-scoped keys such as server addresses and the CA file). In
   * code-server the extension host runs "remotely", so these live in Machine/settings.json.
   */
  machineSettings?: Record<string, unknown>;
  /** Port on loopback; default: a free one. */
  port?: number;
}

export interface CodeServer {
  url: string;
  port: number;
  userDataDir: string;
  extensionsDir: string;
  stop(): Promise<void>;
}

export function newTempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Installs a .vsix into a fresh extensions folder with code-server's own CLI. */
export function installVsix(bin: string, vsix: string, extensionsDir: string): void {
  const result = spawnSync(bin, ['--extensions-dir', extensionsDir, '--install-extension', vsix], { encoding: 'utf8' });
  if (result.status !== 0)
    throw new Error(`code-server --install-extension failed:\n${result.stdout}\n${result.stderr}`);
}

export async function startCodeServer(bin: string, options: CodeServerOptions): Promise<CodeServer> {
  const port = options.port || (await freePort());
  const userDataDir = newTempDir('iplos-vscode-user-');
  const extensionsDir = options.extensionsDir ?? newTempDir('iplos-vscode-ext-');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  // Nothing modal may block the page: no trust prompt, no welcome editor.
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'security.workspace.trust.enabled': false,
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'update.mode': 'none',
        ...options.settings,
      },
      null,
      2,
    ),
  );
  if (options.machineSettings) {
    mkdirSync(join(userDataDir, 'Machine'), { recursive: true });
    writeFileSync(join(userDataDir, 'Machine', 'settings.json'), JSON.stringify(options.machineSettings, null, 2));
  }
  const log = createWriteStream(options.logFile);
  const child = spawn(
    bin,
    [
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      extensionsDir,
      options.workspace,
    ],
    { env: { ...process.env, ...options.env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (child.pid !== undefined) running.add(child.pid);
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const stop = async (): Promise<void> => {
    await killGroup(child);
    if (child.pid !== undefined) running.delete(child.pid);
    log.end();
    rmSync(userDataDir, { recursive: true, force: true });
    if (!options.extensionsDir) rmSync(extensionsDir, { recursive: true, force: true });
  };
  try {
    await waitForOutput(child, /HTTP server listening on/, 90_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `http://127.0.0.1:${port}`, port, userDataDir, extensionsDir, stop };
}

function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<void> {
  return new Promise((resolveReady, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => reject(new Error(`code-server did not start within ${timeoutMs / 1000} s:\n${seen.slice(-2000)}`)),
      timeoutMs,
    );
    const onData = (data: Buffer): void => {
      seen += data.toString();
      if (pattern.test(seen)) {
        clearTimeout(timer);
        resolveReady();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited (${code}) before it was ready:\n${seen.slice(-2000)}`));
    });
  });
}

/** Stops code-server and everything it started (extension host, watchers): the whole process group. */
async function killGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-(child.pid as number), 'SIGKILL');
    } catch {
      // already gone
    }
  }, 5000);
  await exited;
  clearTimeout(timer);
}

/** Headless Chromium from Debian, with a fresh profile and no background networking. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium is not at ${CHROMIUM} (scripts/install-code-server.sh installs Debian's chromium)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
}

/** The workbench URL for a folder, optionally with VS Code's test payload. */
export function workbenchUrl(server: CodeServer, folder: string, payload?: [string, string][]): string {
  const query = new URLSearchParams({ folder });
  if (payload) query.set('payload', JSON.stringify(payload));
  return `${server.url}/?${query.toString()}`;
}

/** `vscode-remote://` URI of a path on this machine, as the payload wants it. */
export function remoteUri(server: CodeServer, path: string): string {
  return `vscode-remote://127.0.0.1:${server.port}${path}`;
}

export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  return context.newPage();
}
