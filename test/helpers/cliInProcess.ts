/** Runs the CLI in this process (runCli) with its own io, capturing what it writes. */
import { Readable, Writable } from 'node:stream';
import { runCli } from '../../src/cli/main';

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** `env` is the whole environment the CLI sees (nothing from this process's). */
export async function runCliInProcess(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const run: CliRun = { status: -1, stdout: '', stderr: '' };
  const sink = (stream: 'stdout' | 'stderr'): Writable =>
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        run[stream] += chunk.toString();
        done();
      },
    });
  run.status = await runCli(args, { stdout: sink('stdout'), stderr: sink('stderr'), stdin: Readable.from([]), env });
  return run;
}
