import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

/**
 * What the benchmarks share: one command timed as a whole process by GNU time (wall, user and
 * kernel seconds, peak RSS), the median of runs, and the machine a result file records.
 */
export class BenchError extends Error {}

export interface Measurement {
  seconds: number;
  /** CPU seconds in user space and in the kernel: a wall-time outlier with high sys time is the kernel's doing. */
  userSeconds: number;
  sysSeconds: number;
  rssKiB: number;
  stdout: string;
}

export const GNU_TIME = '/usr/bin/time';

/**
 * Runs one command under GNU time; its format line is always the last line of stderr. `shown` is the command as an error may print it (keys masked).
 * `exitCodes`: the exit codes that mean success (default 0 only; `iplos validate` exits 1 when it finds errors).
 */
export function timed(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; shown?: string; exitCodes?: readonly number[] },
): Measurement {
  const env = { ...(options.env ?? process.env) };
  delete env.NODE_OPTIONS; // e.g. a loader would be measured too
  const result = spawnSync(GNU_TIME, ['-f', '%e %U %S %M', command, ...args], {
    cwd: options.cwd,
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const stderr = result.stderr ?? '';
  if (result.error || !(options.exitCodes ?? [0]).includes(result.status ?? -1)) {
    const shown = options.shown ?? [command, ...args].join(' ');
    throw new BenchError(
      `command failed (exit ${result.status ?? result.signal ?? result.error?.message}): ${shown}\n${`${result.stdout ?? ''}\n${stderr}`.trim().split('\n').slice(-15).join('\n')}`,
    );
  }
  const last = stderr.trimEnd().split('\n').at(-1) ?? '';
  const match = /^(\d+(?:\.\d+)?) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?) (\d+)$/.exec(last);
  if (!match) throw new BenchError(`cannot read GNU time's output "${last}" for ${command}`);
  return {
    seconds: Number(match[1]),
    userSeconds: Number(match[2]),
    sysSeconds: Number(match[3]),
    rssKiB: Number(match[4]),
    stdout: result.stdout ?? '',
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Runs a benchmark's main: its exit code, or one readable line when it fails. */
export function runBench(main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      // The work folder is left on failure: its inputs and outputs are what one needs to look at.
      console.error(
        `\nbench failed: ${error instanceof BenchError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      process.exitCode = 1;
    },
  );
}

/** The machine a result file records, plus what the benchmark adds (a peer tool's version, the work folder). */
export function machineFacts(extra: Record<string, string> = {}): Record<string, string | number> {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cpus: cpus().length,
    memoryMiB: Math.round(totalmem() / (1024 * 1024)),
    node: process.version,
    ...extra,
  };
}
