/**
 * Entry point VS Code calls inside the extension host (`extensionTestsPath`), both under
 * @vscode/test-electron and offline in code-server. Runs every compiled *.test.js beside
 * it with Mocha and, when IPLOS_SUITE_RESULTS is set, writes a JSON summary there for the
 * offline runner (the host's console is forwarded to the browser, which can drop lines).
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

/** Marks the suite's own lines among everything the workbench logs to the browser console. */
export const SUITE_MARKER = '[iplos-suite] ';

export function run(): Promise<void> {
  // One pre-formatted string per line: the host forwards console calls to the browser, which
  // would otherwise show Mocha's printf-style arguments raw.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(`${SUITE_MARKER}${format(...args)}`);
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  for (const file of readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js'))
    .sort()) {
    mocha.addFile(join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    const failures: { title: string; error: string }[] = [];
    let passes = 0;
    const runner = mocha.run((failed) => {
      const resultsFile = process.env.IPLOS_SUITE_RESULTS;
      if (resultsFile) writeFileSync(resultsFile, JSON.stringify({ passes, failures }, null, 2));
      if (failed > 0) reject(new Error(`${failed} extension-host test(s) failed`));
      else resolve();
    });
    runner.on('pass', () => passes++);
    runner.on('fail', (test, error: Error) =>
      failures.push({ title: test.fullTitle(), error: error.stack ?? error.message }),
    );
  });
}
