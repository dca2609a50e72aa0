/**
 * `npm run test:electron`: the same extension-host suite in desktop VS Code through
 * @vscode/test-electron, for machines that have it. VSCODE_EXECUTABLE_PATH points at an
 * installed VS Code; without it @vscode/test-electron downloads one (not possible offline).
 */
import { runTests } from '@vscode/test-electron';
import { rmSync } from 'node:fs';
import { buildSuite } from './buildSuite';
import { newTempDir, REPO } from './codeServer';

async function main(): Promise<void> {
  const extensionTestsPath = await buildSuite();
  const workspace = newTempDir('iplos-suite-workspace-');
  try {
    await runTests({
      extensionDevelopmentPath: REPO,
      extensionTestsPath,
      ...(process.env.VSCODE_EXECUTABLE_PATH ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH } : {}),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    });
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
