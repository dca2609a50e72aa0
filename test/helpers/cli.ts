/** The bundled CLI as shipped (`npm test` builds it first). */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test does).`);

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real CLI in a child process, asynchronously (a sandbox in this process keeps
 * serving meanwhile). `env` is the whole environment; a variable set to undefined in `extra`
 * is left out.
 */
export function runCliProcess(
  args: string[],
  env: Record<string, string>,
  extra: Record<string, string | undefined> = {},
): Promise<CliRun> {
  return new Promise((resolve) => {
    const merged = Object.entries({ ...env, ...extra }).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    );
    const child = spawn(process.execPath, [CLI, ...args], {
      env: Object.fromEntries(merged),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data: Buffer) => (stdout += data.toString()));
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
