/** The .vsix `npm run package` builds; the journeys install it as a user would. */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureCodeServer, installVsix, newTempDir, REPO, startCodeServer, type CodeServer } from '../host/codeServer';

export const VSIX = join(REPO, 'dist', 'iplos-innsending.vsix');

/** code-server with the packaged extension installed into a fresh extensions folder. */
export async function startWithPackagedExtension(
  journey: string,
  settings: { user?: Record<string, unknown>; machine?: Record<string, unknown> } = {},
): Promise<{ server: CodeServer; workspace: string }> {
  if (!existsSync(VSIX)) throw new Error(`${VSIX} is missing: run "npm run package" first (npm test does).`);
  const bin = ensureCodeServer();
  const extensionsDir = newTempDir('iplos-e2e-ext-');
  installVsix(bin, VSIX, extensionsDir);
  const workspace = newTempDir('iplos-e2e-workspace-');
  const artifacts = join(REPO, 'test-results', 'e2e', journey);
  rmSync(artifacts, { recursive: true, force: true }); // screenshots of this run only
  mkdirSync(artifacts, { recursive: true });
  const server = await startCodeServer(bin, {
    workspace,
    extensionsDir,
    logFile: join(artifacts, 'code-server.log'),
    ...(settings.user ? { settings: settings.user } : {}),
    ...(settings.machine ? { machineSettings: settings.machine } : {}),
  });
  return { server, workspace };
}
