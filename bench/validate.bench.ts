// `npm run bench:validate -- [--sizes <MiB,MiB>] [--runs <n>] [--errors <n>] [--workdir <dir>] [--keep]`
//
// The local control's cost against libxml2: on generated extracts (200 MiB and 1 GiB by
// default; test/fixtures/extractGenerator.ts, with a few planted errors as a real extract
// has) it times, in one run and on the same file,
//   - `validateExtract` (src/core/validation, bundled by esbuild like the CLI, in a child
//     process: no TypeScript loader is measured),
//   - `iplos validate <file>` end to end (dist/cli.js: start-up, configuration, control, report),
//   - `xmllint --stream --noout <file>` (libxml2's C streaming parser: a well-formedness pass),
// several runs each in alternating order, every one a whole process under GNU time (wall
// seconds and peak RSS). It prints the ratios ours / xmllint and our peak RSS against the
// issue's targets: full control ≤ 1.5× xmllint, peak RSS ≤ 150 MiB at 1 GiB. A missed target
// is reported, not failed (exit 1 only when a command fails). The extracts go to /dev/shm when
// it has room (so the disk does not decide), else the system's temp folder, and are deleted
// at the end unless --keep. Results: bench-results/validate-<size>MiB.json.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, statfs, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { writeExtract } from '../test/fixtures/extractGenerator';
import { BenchError, GNU_TIME, machineFacts, median, runBench, timed, type Measurement } from './measure';

const MiB = 1024 * 1024;
const REPO = resolve(__dirname, '..');
const CLI = join(REPO, 'dist', 'cli.js');
const RATIO_TARGET = 1.5;
const RSS_TARGET_MiB = 150;
/** The RSS target is defined for this size. */
const RSS_TARGET_SIZE_MiB = 1024;
const MUNICIPALITY = '0403';

const USAGE = `Usage: npm run bench:validate -- [options]

Times the local control (validateExtract, and iplos validate end to end) against
xmllint --stream --noout on generated IPLOS extracts.

Options:
  --sizes <MiB,…>  sizes of the generated extracts                   default: 200,1024
  --runs <n>       timed runs of each command per size (median)     default: 3
  --errors <n>     planted errors per extract (T01 … D01, cycling)   default: 600
  --workdir <dir>  scratch folder         default: /dev/shm when it has room, else the temp folder
  --keep           keep the generated extracts and print where they are
  --help           show this text`;

interface Options {
  sizes: number[];
  runs: number;
  errors: number;
  workdir: string | undefined;
  keep: boolean;
}

/** What the runner prints about its own run, next to GNU time's view of it. */
interface RunnerReport {
  ms: number;
  size: number;
  clients: number;
  counts: Record<string, number>;
  fatal: boolean;
  maxRssKiB: number;
}

function parseOptions(): Options | undefined {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        sizes: { type: 'string', default: '200,1024' },
        runs: { type: 'string', default: '3' },
        errors: { type: 'string', default: '600' },
        workdir: { type: 'string' },
        keep: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    throw new BenchError(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  }
  if (values.help) return undefined;
  const sizes = values.sizes.split(',').map(Number);
  const runs = Number(values.runs);
  const errors = Number(values.errors);
  if (sizes.some((size) => !(Number.isFinite(size) && size > 0)))
    throw new BenchError(`--sizes must be positive numbers of MiB separated by commas, got "${values.sizes}"`);
  if (!(Number.isInteger(runs) && runs >= 1))
    throw new BenchError(`--runs must be a whole number ≥ 1, got "${values.runs}"`);
  if (!(Number.isInteger(errors) && errors >= 0))
    throw new BenchError(`--errors must be a whole number ≥ 0, got "${values.errors}"`);
  return { sizes, runs, errors, workdir: values.workdir && resolve(values.workdir), keep: values.keep };
}

/** /dev/shm when it holds the largest extract with a quarter to spare (RAM: no disk in the figures), else the temp folder. */
async function workFolder(options: Options): Promise<string> {
  if (options.workdir) {
    await mkdir(options.workdir, { recursive: true });
    return mkdtemp(join(options.workdir, 'iplos-validate-bench-'));
  }
  const needed = Math.max(...options.sizes) * MiB * 1.25;
  const shm = await statfs('/dev/shm').catch(() => undefined);
  const base = shm && shm.bavail * shm.bsize > needed ? '/dev/shm' : tmpdir();
  return mkdtemp(join(base, 'iplos-validate-bench-'));
}

/** The child process: validateExtract bundled like the CLI ships it, printing its own figures. */
async function buildRunner(outfile: string): Promise<void> {
  const contents = `
import { validateExtract } from './src/core/validation';
const [path, municipality] = process.argv.slice(2);
const started = performance.now();
validateExtract(path, { municipality }).then((report) => {
  const ms = performance.now() - started;
  process.stdout.write(JSON.stringify({ ms, size: report.size, clients: report.clients, counts: report.counts, fatal: report.fatal, maxRssKiB: process.resourceUsage().maxRSS }));
});
`;
  await build({
    stdin: { contents, resolveDir: REPO, loader: 'ts', sourcefile: 'validateRunner.ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    logLevel: 'warning',
  });
}

interface Subject {
  name: string;
  command: string;
  args: string[];
  /** `iplos validate` exits 1 when it finds errors, as planted. */
  exitCodes: readonly number[];
  samples: Measurement[];
}

function line(label: string, m: Measurement): void {
  console.log(
    `  ${label.padEnd(44)} ${m.seconds.toFixed(2).padStart(7)} s (user ${m.userSeconds.toFixed(2)}, sys ${m.sysSeconds.toFixed(2)})  ${(m.rssKiB / 1024).toFixed(1).padStart(7)} MiB`,
  );
}

interface SizeResult {
  sizeMiB: number;
  bytes: number;
  clients: number;
  counts: Record<string, number>;
  subjects: {
    name: string;
    medianSeconds: number;
    /** User + kernel CPU seconds: less moved than wall time by other work on the machine. */
    medianCpuSeconds: number;
    peakRssMiB: number;
    samples: Omit<Measurement, 'stdout'>[];
  }[];
  ratios: { name: string; value: number; target: number; met: boolean }[];
  /** The same ratios of CPU seconds, for a loaded machine (information: the target is on wall time). */
  cpuRatios: { name: string; value: number }[];
  peakRss: { name: string; valueMiB: number; targetMiB: number; met: boolean | null }[];
}

async function measureSize(sizeMiB: number, options: Options, work: string, runner: string): Promise<SizeResult> {
  const input = join(work, `IPLOS_${MUNICIPALITY}_2025_${sizeMiB}MiB.xml`);
  console.log(`\nGenerating a ${sizeMiB} MiB extract with ${options.errors} planted errors in ${dirname(input)} …`);
  const started = performance.now();
  const summary = await writeExtract(input, {
    municipality: MUNICIPALITY,
    year: 2025,
    seed: 1,
    targetBytes: Math.round(sizeMiB * MiB),
    errors: options.errors,
  });
  console.log(
    `  ${summary.bytes} bytes, ${summary.clients} clients in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  // Read once so that no command pays for the first read (on a disk; /dev/shm is RAM already).
  spawnSync('cat', [input], { stdio: 'ignore' });

  const subjects: Subject[] = [
    {
      name: 'validateExtract',
      command: process.execPath,
      args: [runner, input, MUNICIPALITY],
      exitCodes: [0],
      samples: [],
    },
    {
      name: 'iplos validate (CLI, end to end)',
      command: process.execPath,
      args: [CLI, 'validate', input, '--municipality', MUNICIPALITY],
      exitCodes: [0, 1],
      samples: [],
    },
    {
      name: 'xmllint --stream --noout',
      command: 'xmllint',
      args: ['--stream', '--noout', input],
      exitCodes: [0],
      samples: [],
    },
  ];
  for (let run = 1; run <= options.runs; run++) {
    // Alternate the order so slow drift (other work on the machine) cancels out.
    const order = run % 2 === 1 ? subjects : [...subjects].reverse();
    for (const subject of order) {
      const m = timed(subject.command, subject.args, { cwd: REPO, exitCodes: subject.exitCodes });
      subject.samples.push(m);
      line(`run ${run}/${options.runs}  ${subject.name}`, m);
    }
  }
  const report = JSON.parse((subjects[0] as Subject).samples[0]?.stdout ?? '') as RunnerReport;
  if (report.fatal) throw new BenchError(`the generated extract failed a fatal gate: ${JSON.stringify(report.counts)}`);
  if (!options.keep) await rm(input, { force: true });
  else console.log(`  kept ${input}`);

  const medians = subjects.map((subject) => median(subject.samples.map((m) => m.seconds)));
  const cpuMedians = subjects.map((subject) => median(subject.samples.map((m) => m.userSeconds + m.sysSeconds)));
  const peer = medians[2] as number;
  const ours = subjects.slice(0, 2).map((subject, index) => ({ subject, seconds: medians[index] as number }));
  const atRssSize = sizeMiB >= RSS_TARGET_SIZE_MiB;
  return {
    sizeMiB,
    bytes: summary.bytes,
    clients: summary.clients,
    counts: report.counts,
    subjects: subjects.map((subject, index) => ({
      name: subject.name,
      medianSeconds: medians[index] as number,
      medianCpuSeconds: cpuMedians[index] as number,
      peakRssMiB: Math.max(...subject.samples.map((m) => m.rssKiB)) / 1024,
      samples: subject.samples.map(({ stdout: _stdout, ...rest }) => rest),
    })),
    ratios: ours.map(({ subject, seconds }) => {
      const value = seconds / peer;
      return { name: `${subject.name} / xmllint`, value, target: RATIO_TARGET, met: value <= RATIO_TARGET };
    }),
    cpuRatios: ours.map(({ subject }, index) => ({
      name: `${subject.name} / xmllint`,
      value: (cpuMedians[index] as number) / (cpuMedians[2] as number),
    })),
    peakRss: ours.map(({ subject }) => {
      const valueMiB = Math.max(...subject.samples.map((m) => m.rssKiB)) / 1024;
      return {
        name: subject.name,
        valueMiB,
        targetMiB: RSS_TARGET_MiB,
        met: atRssSize ? valueMiB <= RSS_TARGET_MiB : null,
      };
    }),
  };
}

function printSummary(result: SizeResult): void {
  const status = (met: boolean | null): string => {
    if (met === null) return `target defined at ${RSS_TARGET_SIZE_MiB} MiB`;
    return met ? 'met' : 'NOT MET';
  };
  console.log(
    `\n${result.sizeMiB} MiB (${result.bytes} bytes, ${result.clients} clients; found ${JSON.stringify(result.counts)})`,
  );
  for (const subject of result.subjects)
    console.log(
      `  ${subject.name.padEnd(36)} median ${subject.medianSeconds.toFixed(2).padStart(6)} s, ${(result.bytes / MiB / subject.medianSeconds).toFixed(0).padStart(4)} MiB/s, CPU ${subject.medianCpuSeconds.toFixed(2)} s, peak RSS ${subject.peakRssMiB.toFixed(1)} MiB`,
    );
  for (const ratio of result.ratios)
    console.log(
      `  ratio ${ratio.name.padEnd(50)} ${ratio.value.toFixed(2)}×  (target ≤ ${ratio.target}×: ${status(ratio.met)})`,
    );
  for (const ratio of result.cpuRatios)
    console.log(`  CPU ratio ${ratio.name.padEnd(46)} ${ratio.value.toFixed(2)}×  (information)`);
  for (const rss of result.peakRss)
    console.log(
      `  peak RSS ${rss.name.padEnd(47)} ${rss.valueMiB.toFixed(1)} MiB  (target ≤ ${rss.targetMiB} MiB: ${status(rss.met)})`,
    );
}

async function main(): Promise<number> {
  const options = parseOptions();
  if (!options) {
    console.log(USAGE);
    return 0;
  }
  if (spawnSync(GNU_TIME, ['--version']).status !== 0)
    throw new BenchError(`GNU time not found at ${GNU_TIME} (run scripts/ensure-tools.sh)`);
  if (spawnSync('xmllint', ['--version']).status !== 0)
    throw new BenchError('xmllint not found (Debian package libxml2-utils; run scripts/ensure-tools.sh)');
  if (!existsSync(CLI)) throw new BenchError(`${CLI} is missing: run "npm run build" first (bench:validate does)`);

  const work = await workFolder(options);
  console.log(`Work folder ${work}; Node ${process.version}; ${cpus().length} CPU(s)`);
  const runner = join(work, 'validate-runner.js');
  try {
    await buildRunner(runner);
    const results: SizeResult[] = [];
    for (const sizeMiB of options.sizes) {
      const result = await measureSize(sizeMiB, options, work, runner);
      printSummary(result);
      results.push(result);
      const resultFile = join(REPO, 'bench-results', `validate-${sizeMiB}MiB.json`);
      await mkdir(dirname(resultFile), { recursive: true });
      await writeFile(
        resultFile,
        `${JSON.stringify(
          {
            date: new Date().toISOString(),
            machine: machineFacts({
              xmllint: spawnSync('xmllint', ['--version'], { encoding: 'utf8' }).stderr.split('\n')[0] ?? 'unknown',
              workFolder: work,
            }),
            options: { runs: options.runs, errors: options.errors },
            ...result,
          },
          null,
          2,
        )}\n`,
      );
      console.log(`  results written to ${relative(REPO, resultFile)}`);
    }
  } finally {
    await rm(runner, { force: true });
    if (!options.keep) await rm(work, { recursive: true, force: true });
  }
  return 0;
}

runBench(main);
