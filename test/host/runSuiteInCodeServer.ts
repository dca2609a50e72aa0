/**
 * The extension-host suite (test/suite) inside real VS Code, offline: code-server runs the
 * extension under development and the Mocha suite in its Node extension host, exactly as
 * @vscode/test-electron would on desktop, and reports the exit code through the
 * workbench's `codeAutomationExit`. Fails on failure or after a bounded time.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SUITE_MARKER } from '../suite/index';
import { buildSuite } from './buildSuite';
import {
  ensureCodeServer,
  launchBrowser,
  newPage,
  newTempDir,
  REPO,
  remoteUri,
  startCodeServer,
  workbenchUrl,
} from './codeServer';

const TIMEOUT_MS = Number(process.env.IPLOS_SUITE_TIMEOUT_MS ?? 5 * 60_000);
const ARTIFACTS = join(REPO, 'test-results', 'host-suite');

async function main(): Promise<number> {
  rmSync(ARTIFACTS, { recursive: true, force: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  const suiteIndex = await buildSuite();
  const bin = ensureCodeServer();
  const workspace = newTempDir('iplos-suite-workspace-');
  const resultsFile = join(ARTIFACTS, 'results.json');
  const logFile = join(ARTIFACTS, 'code-server.log');
  const server = await startCodeServer(bin, { workspace, logFile, env: { IPLOS_SUITE_RESULTS: resultsFile } });
  const browser = await launchBrowser();
  try {
    const page = await newPage(browser);
    const exitCode = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    // The host's console is forwarded to the browser: stream it, it carries Mocha's report.
    page.on('console', (message) => {
      const text = message.text();
      const marker = text.indexOf(SUITE_MARKER);
      if (marker >= 0) console.log(text.slice(marker + SUITE_MARKER.length));
      else if (process.env.IPLOS_SUITE_DEBUG) console.log('[workbench]', text);
    });
    const payload: [string, string][] = [
      ['extensionDevelopmentPath', remoteUri(server, REPO)],
      ['extensionTestsPath', remoteUri(server, suiteIndex)],
    ];
    await page.goto(workbenchUrl(server, workspace, payload));
    const timeout = new Promise<number>((resolve) => setTimeout(() => resolve(-1), TIMEOUT_MS).unref());
    const code = await Promise.race([exitCode, timeout]);
    if (code === -1) {
      await page.screenshot({ path: join(ARTIFACTS, 'timeout.png') }).catch(() => undefined);
      console.log(`The extension-host suite did not finish within ${TIMEOUT_MS / 1000} s.`);
      return 1;
    }
    return summarize(resultsFile, code);
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
    rmSync(workspace, { recursive: true, force: true });
    if (existsSync(logFile)) copyFileSync(logFile, join(ARTIFACTS, 'code-server.last.log'));
  }
}

function summarize(resultsFile: string, code: number): number {
  if (!existsSync(resultsFile)) {
    console.log(
      `The suite ended with code ${code} without writing results: it did not run (activation or loading failed?). See test-results/host-suite/code-server.log.`,
    );
    return 1;
  }
  const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as {
    passes: number;
    failures: { title: string; error: string }[];
  };
  for (const failure of results.failures) console.log(`\n✖ ${failure.title}\n${failure.error}`);
  console.log(`\nExtension-host suite (code-server): ${results.passes} passed, ${results.failures.length} failed`);
  return code === 0 && results.failures.length === 0 && results.passes > 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
