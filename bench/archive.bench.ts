// `npm run bench -- [--size <MiB>] [--runs <n>] [--workdir <dir>] [--keep]`
//
// Compares `iplos encrypt` / `iplos decrypt` (dist/cli.js) with 7-Zip on three inputs of the
// same size: the synthetic IPLOS extract, a less regular one (random identity and client
// numbers, so it compresses less) and random bytes stored with AES by 7-Zip (`-mx0`: the
// cipher alone). Whole-process wall time and peak RSS from GNU time, zip sizes, and the
// ratios against the performance targets. Results go to bench-results/archive-<size>MiB.json.
// A missed target is reported, not failed: exit 1 only when a command or the round trip fails.
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { once } from 'node:events';
import { mkdir, readdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeExtract } from '../test/fixtures/extractGenerator';
import { SeededRandom } from '../test/fixtures/random';
import {
  BenchError,
  GNU_TIME,
  machineFacts,
  median,
  runBench,
  timed as timedCommand,
  type Measurement,
} from './measure';

const MiB = 1024 * 1024;
const KEY = '123456'; // SSB's published test key; never a real one
const REPO = resolve(__dirname, '..');
const CLI = join(REPO, 'dist', 'cli.js');
const SEVEN_ZIP = '7zz';
const RSS_TARGET_MiB = 150;

const USAGE = `Usage: npm run bench -- [options]

Times iplos encrypt/decrypt against 7-Zip (7zz) on a synthetic IPLOS extract.

Options:
  --size <MiB>     size of the generated extract (1024 = the 1 GiB case)  default: 200
  --runs <n>       runs per operation; tools alternate order each run     default: 5
  --workdir <dir>  scratch folder                          default: bench-results/work
  --keep           keep the work folder (and reuse the extract next time)
  --help           show this text`;

interface Operation {
  id: string;
  label: string;
  samples: Measurement[];
  /** Archive size per sample (encrypt operations only). */
  outputBytes: number[];
}

interface Ratio {
  name: string;
  value: number;
  /** Upper bound; undefined for information-only ratios. */
  target?: number;
  met?: boolean;
}

/** parseArgs, with its errors (unknown option, missing value) turned into a usage message. */
function parseCommandLine() {
  try {
    return parseArgs({
      options: {
        size: { type: 'string', default: '200' },
        runs: { type: 'string', default: '5' },
        workdir: { type: 'string', default: join(REPO, 'bench-results', 'work') },
        keep: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    });
  } catch (error) {
    throw new BenchError(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  }
}

interface Options {
  sizeMiB: number;
  runs: number;
  workdir: string;
  keep: boolean;
}

function parseOptions(): Options | undefined {
  const { values } = parseCommandLine();
  if (values.help) return undefined;
  const sizeMiB = Number(values.size);
  const runs = Number(values.runs);
  if (!(Number.isFinite(sizeMiB) && sizeMiB > 0))
    throw new BenchError(`--size must be a positive number of MiB, got "${values.size}"`);
  if (!(Number.isInteger(runs) && runs >= 1))
    throw new BenchError(`--runs must be a whole number ≥ 1, got "${values.runs}"`);
  return { sizeMiB, runs, workdir: resolve(values.workdir), keep: values.keep };
}

// ---------------------------------------------------------------- preparation

function build(): void {
  console.log('Building dist/cli.js …');
  const result = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: REPO, stdio: 'inherit' });
  if (result.status !== 0 || !existsSync(CLI))
    throw new BenchError('the build (node esbuild.mjs) failed; see the output above');
}

/** Returns 7-Zip's version banner; fails early with a clear message when a tool is missing. */
function checkTools(): string {
  if (!existsSync(GNU_TIME)) throw new BenchError(`GNU time not found at ${GNU_TIME} (install the "time" package)`);
  const probe = spawnSync(SEVEN_ZIP, [], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new BenchError(
      `7-Zip (${SEVEN_ZIP}) was not found on PATH or does not run; install 7-Zip ≥ 22 so that "${SEVEN_ZIP}" works`,
    );
  }
  return /7-Zip[^\n]*?\d+\.\d+[^\n:]*/.exec(probe.stdout)?.[0]?.trim() ?? '7-Zip (unknown version)';
}

/** Generates the extract, or reuses an earlier one of the right size (±1 %) kept with --keep. */
async function ensureInput(path: string, sizeMiB: number): Promise<number> {
  const target = Math.round(sizeMiB * MiB);
  const existing = await stat(path).catch(() => undefined);
  if (existing && Math.abs(existing.size - target) <= target * 0.01) {
    console.log(`Reusing ${relative(REPO, path)} (${existing.size} bytes)`);
    return existing.size;
  }
  console.log(`Generating a ${sizeMiB} MiB synthetic extract …`);
  await mkdir(dirname(path), { recursive: true });
  // Written under a temporary name so an interrupted run never leaves a file that looks reusable.
  const partial = `${path}.partial`;
  const started = performance.now();
  const summary = await writeExtract(partial, { municipality: '0403', year: 2025, seed: 1, targetBytes: target });
  await rename(partial, path);
  console.log(
    `  ${summary.bytes} bytes, ${summary.clients} clients in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return summary.bytes;
}

/**
 * The less regular extract: the regular one with every client number and identity number
 * replaced by random digits (seeded), streamed line by line. Real registers hand out numbers
 * with no order; on such data deflate finds fewer matches (the issue measured 1.06× 7-Zip
 * -mx1's encrypt time here against 0.87× on the regular file).
 */
async function ensureIrregular(source: string, path: string): Promise<void> {
  const existing = await stat(path).catch(() => undefined);
  const sourceInfo = await stat(source);
  if (existing && existing.mtimeMs >= sourceInfo.mtimeMs) {
    console.log(`Reusing ${relative(REPO, path)}`);
    return;
  }
  console.log('Writing the less regular extract (random client and identity numbers) …');
  const random = new SeededRandom(7);
  const digits = (count: number): string => {
    let text = '';
    for (let i = 0; i < count; i++) text += String(random.int(0, 9));
    return text;
  };
  const partial = `${path}.partial`;
  const out = createWriteStream(partial);
  let carry = '';
  for await (const chunk of createReadStream(source, { encoding: 'utf8', highWaterMark: 1024 * 1024 })) {
    const text = carry + (chunk as string);
    const cut = text.lastIndexOf('\n') + 1; // whole lines only, so no number is split
    carry = text.slice(cut);
    const changed = text
      .slice(0, cut)
      .replace(/brukerNr="\d+"/g, () => `brukerNr="${digits(9)}"`)
      .replace(/fid="\d{11}"/g, () => `fid="${digits(11)}"`);
    if (!out.write(changed)) await once(out, 'drain');
  }
  out.end(carry);
  await once(out, 'finish');
  await rename(partial, path);
}

/** Random bytes: incompressible, so a zip of it is the cipher and the I/O alone. */
async function ensureRandom(path: string, bytes: number): Promise<void> {
  const existing = await stat(path).catch(() => undefined);
  if (existing?.size === bytes) {
    console.log(`Reusing ${relative(REPO, path)}`);
    return;
  }
  console.log(`Writing ${bytes} random bytes …`);
  const partial = `${path}.partial`;
  const out = createWriteStream(partial);
  for (let done = 0; done < bytes; done += MiB) {
    if (!out.write(randomBytes(Math.min(MiB, bytes - done)))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  await rename(partial, path);
}

// ---------------------------------------------------------------- measuring

/** One command under GNU time, with the key masked if it fails. */
function timed(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Measurement {
  return timedCommand(command, args, { cwd, env, shown: [command, ...args].join(' ').replaceAll(`-p${KEY}`, '-p***') });
}

/** Empties an output folder and flushes dirty pages, so no command pays for its predecessor's writes. */
async function fresh(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  spawnSync('sync');
}

/** The CLI's child environment: the key, and no NODE_OPTIONS (e.g. a loader would be measured too). */
function cliEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, IPLOS_KEY: KEY };
  delete env.NODE_OPTIONS;
  return env;
}

async function onlyFile(dir: string): Promise<string> {
  const names = await readdir(dir);
  if (names.length !== 1 || !names[0])
    throw new BenchError(`expected exactly one file in ${dir}, found: ${names.join(', ') || 'none'}`);
  return join(dir, names[0]);
}

async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

// ---------------------------------------------------------------- the benchmark

/** One input of the benchmark; ids of its operations start with `id`. */
interface Input {
  id: 'extract' | 'irregular' | 'random';
  label: string;
  path: string;
  sha256: string;
}

type Recorder = (id: string, label: string, run: number, m: Measurement, outputBytes?: number) => void;

function recorder(options: Options, ops: Map<string, Operation>): Recorder {
  return (id, label, run, m, outputBytes) => {
    const op = ops.get(id) ?? { id, label, samples: [], outputBytes: [] };
    ops.set(id, op);
    op.samples.push(m);
    if (outputBytes !== undefined) op.outputBytes.push(outputBytes);
    const size = outputBytes === undefined ? '' : `  → ${(outputBytes / 1e6).toFixed(1)} MB`;
    console.log(
      `  run ${run}/${options.runs}  ${label.padEnd(44)} ${m.seconds.toFixed(2).padStart(7)} s (user ${m.userSeconds.toFixed(2)}, sys ${m.sysSeconds.toFixed(2)})  ${(m.rssKiB / 1024).toFixed(1).padStart(7)} MiB${size}`,
    );
  };
}

async function runInput(options: Options, input: Input, record: Recorder): Promise<void> {
  const w = options.workdir;
  const dirs = {
    ours: join(w, 'enc-iplos'),
    mx0: join(w, 'enc-7z-mx0'),
    mx1: join(w, 'enc-7z-mx1'),
    mx5: join(w, 'enc-7z-mx5'),
    out: join(w, 'extracted'),
  };
  const zipName = `${basename(input.path).replace(/\.[^.]+$/, '')}.zip`;
  const zip7 = { mx0: join(dirs.mx0, zipName), mx1: join(dirs.mx1, zipName), mx5: join(dirs.mx5, zipName) };
  const env = cliEnv();
  const tag = (text: string): string => `${text} [${input.label}]`;

  // Each step empties its output folder first, so every command starts clean.
  let ourZip = '';
  const encryptOurs = async (run: number): Promise<void> => {
    await fresh(dirs.ours);
    const m = timed(process.execPath, [CLI, 'encrypt', input.path, '--out', dirs.ours, '--overwrite'], REPO, env);
    ourZip = await onlyFile(dirs.ours);
    record(`${input.id}:encrypt-iplos`, tag('encrypt  iplos'), run, m, (await stat(ourZip)).size);
  };
  // 7-Zip stores the path as given: run it beside the input with the bare name.
  const encrypt7z = async (run: number, level: 'mx0' | 'mx1' | 'mx5'): Promise<void> => {
    await fresh(dirs[level]);
    const m = timed(
      SEVEN_ZIP,
      ['a', '-tzip', '-mem=AES256', `-${level}`, `-p${KEY}`, zip7[level], basename(input.path)],
      dirname(input.path),
      process.env,
    );
    record(`${input.id}:encrypt-7z-${level}`, tag(`encrypt  7zz a -${level}`), run, m, (await stat(zip7[level])).size);
  };
  // The first run checks every extraction against the input; later runs only time.
  const decryptOurs = async (run: number, zip: string, id: string, label: string): Promise<void> => {
    await fresh(dirs.out);
    const m = timed(process.execPath, [CLI, 'decrypt', zip, '--out', dirs.out, '--overwrite'], REPO, env);
    record(`${input.id}:${id}`, tag(label), run, m);
    if (run === 1) await verify(dirs.out, input, label);
  };
  const decrypt7z = async (run: number, zip: string, id: string, label: string): Promise<void> => {
    await fresh(dirs.out);
    record(
      `${input.id}:${id}`,
      tag(label),
      run,
      timed(SEVEN_ZIP, ['x', `-p${KEY}`, '-y', `-o${dirs.out}`, zip], w, process.env),
    );
    if (run === 1) await verify(dirs.out, input, label);
  };

  for (let run = 1; run <= options.runs; run++) {
    // Alternate which tool goes first so slow drift (thermal, cache, neighbours) cancels out.
    const inOrder = async (ours: () => Promise<void>, theirs: () => Promise<void>): Promise<void> => {
      for (const step of run % 2 === 1 ? [ours, theirs] : [theirs, ours]) await step();
    };
    if (input.id === 'random') {
      // Our encrypt always deflates; 7-Zip's stored AES zip is what the issue measured.
      if (run === 1) await encrypt7z(run, 'mx0');
      await inOrder(
        () => decryptOurs(run, zip7.mx0, 'decrypt-iplos-7zzip', 'decrypt  iplos   (7zz -mx0 zip)'),
        () => decrypt7z(run, zip7.mx0, 'decrypt-7z-7zzip', 'decrypt  7zz x   (7zz -mx0 zip)'),
      );
      continue;
    }
    await inOrder(
      () => encryptOurs(run),
      () => encrypt7z(run, 'mx1'),
    );
    if (run === 1 && input.id === 'extract') await encrypt7z(run, 'mx5'); // slow reference: once is enough
    await inOrder(
      () => decryptOurs(run, ourZip, 'decrypt-iplos', 'decrypt  iplos   (iplos zip)'),
      () => decrypt7z(run, ourZip, 'decrypt-7z', 'decrypt  7zz x   (iplos zip)'),
    );
    // Every run: a ratio judged against a target needs more than one sample.
    await inOrder(
      () => decryptOurs(run, zip7.mx1, 'decrypt-iplos-7zzip', 'decrypt  iplos   (7zz -mx1 zip)'),
      () => decrypt7z(run, zip7.mx1, 'decrypt-7z-7zzip', 'decrypt  7zz x   (7zz -mx1 zip)'),
    );
  }
}

async function runBenchmark(options: Options, inputs: Input[]): Promise<Map<string, Operation>> {
  const ops = new Map<string, Operation>();
  const record = recorder(options, ops);
  for (const input of inputs) {
    console.log(`\n${input.label}: ${relative(REPO, input.path)}`);
    await runInput(options, input, record);
  }
  return ops;
}

async function verify(dir: string, input: Input, label: string): Promise<void> {
  const extracted = await onlyFile(dir);
  if (basename(extracted) !== basename(input.path))
    throw new BenchError(`${label}: extracted "${basename(extracted)}", expected "${basename(input.path)}"`);
  const sha = await sha256(extracted);
  if (sha !== input.sha256)
    throw new BenchError(`${label}: the extracted file differs from the input (sha256 ${sha} ≠ ${input.sha256})`);
}

// ---------------------------------------------------------------- report

function summarize(op: Operation) {
  const seconds = op.samples.map((s) => s.seconds);
  const rss = op.samples.map((s) => s.rssKiB / 1024);
  return {
    id: op.id,
    label: op.label,
    runs: op.samples.length,
    medianSeconds: median(seconds),
    minSeconds: Math.min(...seconds),
    medianUserSeconds: median(op.samples.map((sample) => sample.userSeconds)),
    medianSysSeconds: median(op.samples.map((sample) => sample.sysSeconds)),
    medianRssMiB: median(rss),
    maxRssMiB: Math.max(...rss),
    outputBytes: op.outputBytes.length > 0 ? median(op.outputBytes) : undefined,
    samples: op.samples,
  };
}
type Summary = ReturnType<typeof summarize>;

function ratios(s: Map<string, Summary>): Ratio[] {
  const get = (id: string): Summary => {
    const found = s.get(id);
    if (!found) throw new BenchError(`no measurements for ${id}`);
    return found;
  };
  // GNU time has 10 ms resolution: on tiny inputs a denominator can be 0, which is no result.
  const ratio = (name: string, value: number, target?: number): Ratio => {
    if (!Number.isFinite(value)) return { name, value: Number.NaN, ...(target === undefined ? {} : { target }) };
    return target === undefined ? { name, value } : { name, value, target, met: value <= target };
  };
  const time = (ours: string, theirs: string): number => get(ours).medianSeconds / get(theirs).medianSeconds;
  const size = (ours: string, theirs: string): number => (get(ours).outputBytes ?? 0) / (get(theirs).outputBytes ?? 1);
  const checks: Ratio[] = [];
  for (const input of ['extract', 'irregular'] as const) {
    const name = (text: string): string => `${text} [${input}]`;
    checks.push(
      ratio(name('encrypt time  iplos / 7zz -mx1'), time(`${input}:encrypt-iplos`, `${input}:encrypt-7z-mx1`), 1.0),
      ratio(name('zip size      iplos / 7zz -mx1'), size(`${input}:encrypt-iplos`, `${input}:encrypt-7z-mx1`), 1.0),
      ratio(
        name('decrypt time  iplos / 7zz x (iplos zip)'),
        time(`${input}:decrypt-iplos`, `${input}:decrypt-7z`),
        1.0,
      ),
      ratio(
        name('decrypt time  iplos / 7zz x (7zz -mx1 zip)'),
        time(`${input}:decrypt-iplos-7zzip`, `${input}:decrypt-7z-7zzip`),
        1.0,
      ),
    );
  }
  checks.push(
    ratio(
      'decrypt time  iplos / 7zz x (7zz -mx0 zip) [random]',
      time('random:decrypt-iplos-7zzip', 'random:decrypt-7z-7zzip'),
      1.0,
    ),
    ratio('encrypt time  iplos / 7zz -mx5 (1 run) [extract]', time('extract:encrypt-iplos', 'extract:encrypt-7z-mx5')),
    ratio('zip size      iplos / 7zz -mx5 [extract]', size('extract:encrypt-iplos', 'extract:encrypt-7z-mx5')),
  );
  return checks;
}

function rssChecks(s: Map<string, Summary>): Ratio[] {
  // Judged on the worst run, not the median: a memory ceiling must hold every time.
  const ids = [
    'extract:encrypt-iplos',
    'extract:decrypt-iplos',
    'irregular:decrypt-iplos',
    'random:decrypt-iplos-7zzip',
  ];
  return ids.map((id) => {
    const peak = s.get(id)?.maxRssMiB ?? Number.NaN;
    return {
      name: `peak RSS ${id} (MiB, worst run)`,
      value: peak,
      target: RSS_TARGET_MiB,
      met: peak <= RSS_TARGET_MiB,
    };
  });
}

function table(rows: string[][], rightAligned: boolean[]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((row) => (row[c] ?? '').length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, c) => (rightAligned[c] ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function printReport(summaries: Summary[], checks: Ratio[], sizeMiB: number): void {
  const rows = [
    ['operation', 'runs', 'median s', 'min s', 'user s', 'sys s', 'output bytes', 'output MB', 'median RSS MiB'],
  ];
  for (const s of summaries) {
    const out = s.outputBytes === undefined ? ['', ''] : [String(s.outputBytes), (s.outputBytes / 1e6).toFixed(1)];
    rows.push([
      s.label,
      String(s.runs),
      s.medianSeconds.toFixed(2),
      s.minSeconds.toFixed(2),
      s.medianUserSeconds.toFixed(2),
      s.medianSysSeconds.toFixed(2),
      ...out,
      s.medianRssMiB.toFixed(1),
    ]);
  }
  console.log(`\n${table(rows, [false, true, true, true, true, true, true, true, true])}\n`);
  console.log(
    `load average at the end: ${loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')} (2 cores are shared)\n`,
  );

  const ratioRows = [['ratio', 'value', 'target', 'status']];
  for (const r of checks) {
    const isRss = r.name.startsWith('peak RSS');
    ratioRows.push([
      r.name,
      Number.isNaN(r.value) ? 'n/a' : isRss ? r.value.toFixed(1) : `${r.value.toFixed(3)}×`,
      r.target === undefined ? '—' : isRss ? `≤ ${r.target}` : `≤ ${r.target.toFixed(1)}×`,
      Number.isNaN(r.value) ? 'too fast to time' : r.met === undefined ? 'info' : r.met ? 'met' : 'MISSED',
    ]);
  }
  console.log(table(ratioRows, [false, true, false, false]));
  if (sizeMiB !== 1024)
    console.log(`(the ${RSS_TARGET_MiB} MiB RSS target is defined for the 1 GiB file, --size 1024)`);
}

// ---------------------------------------------------------------- main

async function cleanUp(options: Options, input: string): Promise<void> {
  if (options.keep) {
    console.log(`Kept ${options.workdir}`);
    return;
  }
  for (const name of ['enc-iplos', 'enc-7z-mx0', 'enc-7z-mx1', 'enc-7z-mx5', 'extracted'])
    await rm(join(options.workdir, name), { recursive: true, force: true });
  await rm(dirname(input), { recursive: true, force: true });
  // Only our own folders are deleted; a --workdir holding anything else stays.
  await rmdir(options.workdir).catch(() =>
    console.log(`Left ${options.workdir}: it holds files this benchmark did not create`),
  );
}

async function main(): Promise<number> {
  const options = parseOptions();
  if (!options) {
    console.log(USAGE);
    return 0;
  }
  build();
  const startLoad = loadavg();
  const sevenZipVersion = checkTools();
  const input = join(options.workdir, 'input', `IPLOS_0403_2025_${options.sizeMiB}MiB.xml`);
  const inputBytes = await ensureInput(input, options.sizeMiB);
  const irregular = join(dirname(input), `IPLOS_0403_2025_${options.sizeMiB}MiB_irregular.xml`);
  await ensureIrregular(input, irregular);
  const random = join(dirname(input), `random_${options.sizeMiB}MiB.bin`);
  await ensureRandom(random, inputBytes);
  const inputs: Input[] = [
    { id: 'extract', label: 'extract', path: input, sha256: await sha256(input) },
    { id: 'irregular', label: 'irregular', path: irregular, sha256: await sha256(irregular) },
    { id: 'random', label: 'random', path: random, sha256: await sha256(random) },
  ];
  console.log(
    `\n${options.runs} run(s) on ${inputBytes} bytes per input; ${sevenZipVersion}; Node ${process.version}; ${cpus().length} CPU(s); load ${loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')}`,
  );

  const ops = await runBenchmark(options, inputs);
  console.log('\nRound trip verified: every extracted file is byte-identical to the input (SHA-256).');

  const summaries = [...ops.values()].map(summarize);
  const byId = new Map(summaries.map((s) => [s.id, s]));
  const checks = [...ratios(byId), ...rssChecks(byId)];
  printReport(summaries, checks, options.sizeMiB);

  const resultFile = join(REPO, 'bench-results', `archive-${options.sizeMiB}MiB.json`);
  await mkdir(dirname(resultFile), { recursive: true });
  const result = {
    date: new Date().toISOString(),
    machine: machineFacts({ sevenZip: sevenZipVersion }),
    options: { sizeMiB: options.sizeMiB, runs: options.runs },
    inputs: inputs.map((item) => ({ id: item.id, name: basename(item.path), sha256: item.sha256 })),
    loadAverage: { start: startLoad, end: loadavg() },
    verified: true,
    operations: summaries,
    checks,
  };
  await writeFile(resultFile, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nResults written to ${relative(REPO, resultFile)}`);

  await cleanUp(options, input);
  return 0;
}

runBench(main);
