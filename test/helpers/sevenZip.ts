/** Runs the real 7-Zip (`7zz`, Debian package 7zip) and fails loudly when it fails. */
import { spawnSync } from 'node:child_process';

export function sevenZip(args: string[], cwd?: string): string {
  const result = spawnSync('7zz', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new Error(`7zz could not run (install the Debian package 7zip): ${result.error.message}`);
  if (result.status !== 0)
    throw new Error(`7zz ${args.join(' ')} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}
