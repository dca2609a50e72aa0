// `node --import tsx bench/extractIndex.bench.ts [--size <MiB>] [--wanted <n>] [--runs <n>] [--workdir <dir>] [--keep] [--skip-all]`
//
// Times `indexExtract` (src/core/extract/extractIndex.ts, bundled by esbuild so no TypeScript
// loader is measured) on one synthetic IPLOS extract with <n> wanted clients, as a whole
// process under GNU time (wall seconds, peak RSS), against peers reading the same file:
// `xmllint --stream --noout` (libxml2's streaming parser) when installed, Python's expat
// (C, no handlers: a well-formedness check) when python3 is there, and always `wc -l`
// (reading the file: the I/O floor). The first of these is "the peer" for the ratio. Then
// once without `wanted`, for the cost of indexing every client.
// Results go to bench-results/extract-index-<size>MiB.json. A missed target is reported, not
// failed: exit 1 only when a command fails or a wanted client is not found.
import { spawnSync } from 'node:child_process';
import { mkdir, open, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { writeExtract } from '../test/fixtures/extractGenerator';
import { SeededRandom } from '../test/fixtures/random';
import { BenchError, GNU_TIME, machineFacts, median, runBench, timed, type Measurement } from './measure';

const MiB = 1024 * 1024;
const REPO = resolve(__dirname, '..');
const SECONDS_PER_100_MIB_TARGET = 2;
const RSS_TARGET_MiB = 150;
/** The generator numbers clients from here (brukerNr 100001, 100002, …). */
const FIRST_CLIENT = 100001;

const USAGE = `Usage: node --import tsx bench/extractIndex.bench.ts [options]

Times the extract index (indexExtract) on a synthetic IPLOS extract against a peer reader.

Options:
  --size <MiB>     size of the generated extract                        default: 1024
  --wanted <n>     clients to locate (spread over the file)             default: 5000
  --runs <n>       timed runs of each command (median reported)        default: 1
  --workdir <dir>  scratch folder                          default: bench-results/work
  --keep           keep a generated extract (the next run reuses it; so does archive.bench.ts)
  --skip-all       skip the extra run that indexes every client
  --help           show this text`;

interface Options {
  sizeMiB: number;
  wanted: number;
  runs: number;
  workdir: string;
  keep: boolean;
  skipAll: boolean;
}

/** What the runner prints: its own view of the read, next to GNU time's. */
interface RunnerReport {
  ms: number;
  wanted: number;
  size: number;
  clients: number;
  error?: string;
  missing: string[];
  maxRssKiB: number;
}

function parseOptions(): Options | undefined {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        size: { type: 'string', default: '1024' },
        wanted: { type: 'string', default: '5000' },
        runs: { type: 'string', default: '1' },
        workdir: { type: 'string', default: join(REPO, 'bench-results', 'work') },
        keep: { type: 'boolean', default: false },
        'skip-all': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    throw new BenchError(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  }
  if (values.help) return undefined;
  const sizeMiB = Number(values.size);
  const wanted = Number(values.wanted);
  const runs = Number(values.runs);
  if (!(Number.isFinite(sizeMiB) && sizeMiB > 0))
    throw new BenchError(`--size must be a positive number of MiB, got "${values.size}"`);
  if (!(Number.isInteger(wanted) && wanted >= 1))
    throw new BenchError(`--wanted must be a whole number ≥ 1, got "${values.wanted}"`);
  if (!(Number.isInteger(runs) && runs >= 1))
    throw new BenchError(`--runs must be a whole number ≥ 1, got "${values.runs}"`);
  return { sizeMiB, wanted, runs, workdir: resolve(values.workdir), keep: values.keep, skipAll: values['skip-all'] };
}

// ---------------------------------------------------------------- preparation

/**
 * Generates the extract, or reuses one of the right size (±1 %). Same name, seed and shape as
 * archive.bench.ts, so the two benchmarks share a kept file. Returns whether it was generated.
 */
async function ensureInput(path: string, sizeMiB: number): Promise<{ bytes: number; generated: boolean }> {
  const target = Math.round(sizeMiB * MiB);
  const existing = await stat(path).catch(() => undefined);
  if (existing && Math.abs(existing.size - target) <= target * 0.01) {
    console.log(`Reusing ${relative(REPO, path)} (${existing.size} bytes)`);
    return { bytes: existing.size, generated: false };
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
  return { bytes: summary.bytes, generated: true };
}

/** The number of clients in a generated extract: the last brukerNr, read from the file's tail. */
async function clientCount(path: string, bytes: number): Promise<number> {
  const handle = await open(path, 'r');
  try {
    const length = Math.min(bytes, 64 * 1024);
    const tail = Buffer.alloc(length);
    await handle.read(tail, 0, length, bytes - length);
    const numbers = [...tail.toString('utf8').matchAll(/brukerNr="(\d+)"/g)].map((match) => Number(match[1]));
    const last = numbers.at(-1);
    if (last === undefined)
      throw new BenchError(`no brukerNr in the last ${length} bytes of ${path}; is it a generated extract?`);
    return last - FIRST_CLIENT + 1;
  } finally {
    await handle.close();
  }
}

/** `count` distinct client numbers drawn evenly at random from the whole file. */
function pickWanted(clients: number, count: number): string[] {
  if (count > clients) throw new BenchError(`--wanted ${count} is more than the ${clients} clients in the extract`);
  const random = new SeededRandom(5);
  const picked = new Set<number>();
  while (picked.size < count) picked.add(FIRST_CLIENT + random.int(0, clients - 1));
  return [...picked].map(String);
}

/** The child process: the index module bundled like the extension ships it, plus a few lines. */
async function buildRunner(outfile: string): Promise<void> {
  const contents = `
import { readFileSync } from 'node:fs';
import { indexExtract } from './src/core/extract/extractIndex';
const [path, wantedFile] = process.argv.slice(2);
const ids = wantedFile ? readFileSync(wantedFile, 'utf8').split('\\n').filter((id) => id !== '') : undefined;
const started = performance.now();
indexExtract(path, ids ? { wanted: new Set(ids) } : {}).then((index) => {
  const ms = performance.now() - started;
  const missing = (ids ?? []).filter((id) => index.get(id) === undefined);
  process.stdout.write(JSON.stringify({ ms, wanted: ids ? ids.length : index.clients, size: index.size, clients: index.clients, error: index.error?.message, missing: missing.slice(0, 10), maxRssKiB: process.resourceUsage().maxRSS }));
});
`;
  await build({
    stdin: { contents, resolveDir: REPO, loader: 'ts', sourcefile: 'extractIndexRunner.ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    logLevel: 'warning',
  });
}

interface Peer {
  name: string;
  command: string;
  args: string[];
}

/** Feeds the file to expat in 1 MiB pieces without handlers, like `xmllint --stream --noout`. */
const EXPAT = `import sys, pyexpat
p = pyexpat.ParserCreate()
with open(sys.argv[1], 'rb') as f:
    for b in iter(lambda: f.read(1 << 20), b''):
        p.Parse(b, False)
p.Parse(b'', True)`;

/** The peers that are installed, the closest to our work first: streaming XML parsers, then plain reading. */
function choosePeers(input: string): Peer[] {
  const peers: Peer[] = [];
  if (spawnSync('xmllint', ['--version']).status === 0)
    peers.push({ name: 'xmllint --stream --noout', command: 'xmllint', args: ['--stream', '--noout', input] });
  if (spawnSync('python3', ['-c', 'import pyexpat']).status === 0)
    peers.push({ name: 'python3 expat (C, no handlers)', command: 'python3', args: ['-c', EXPAT, input] });
  peers.push({ name: 'wc -l (reading the file: the I/O floor)', command: 'wc', args: ['-l', input] });
  return peers;
}

// ---------------------------------------------------------------- measuring

function runnerReport(measurement: Measurement): RunnerReport {
  try {
    return JSON.parse(measurement.stdout) as RunnerReport;
  } catch {
    throw new BenchError(`the index runner printed no report: "${measurement.stdout.slice(0, 200)}"`);
  }
}

function withoutOutput(measurement: Measurement): Omit<Measurement, 'stdout'> {
  return {
    seconds: measurement.seconds,
    userSeconds: measurement.userSeconds,
    sysSeconds: measurement.sysSeconds,
    rssKiB: measurement.rssKiB,
  };
}

function line(label: string, m: Measurement): void {
  console.log(
    `  ${label.padEnd(50)} ${m.seconds.toFixed(2).padStart(7)} s (user ${m.userSeconds.toFixed(2)}, sys ${m.sysSeconds.toFixed(2)})  ${(m.rssKiB / 1024).toFixed(1).padStart(7)} MiB`,
  );
}

// ---------------------------------------------------------------- main

async function main(): Promise<number> {
  const options = parseOptions();
  if (!options) {
    console.log(USAGE);
    return 0;
  }
  if (spawnSync(GNU_TIME, ['--version']).status !== 0)
    throw new BenchError(`GNU time not found at ${GNU_TIME} (install the "time" package)`);
  const work = options.workdir;
  const input = join(work, 'input', `IPLOS_0403_2025_${options.sizeMiB}MiB.xml`);
  const { bytes, generated } = await ensureInput(input, options.sizeMiB);
  const clients = await clientCount(input, bytes);
  const wanted = pickWanted(clients, options.wanted);
  const wantedFile = join(work, `extract-index-wanted-${options.wanted}.txt`);
  await writeFile(wantedFile, `${wanted.join('\n')}\n`);
  const runner = join(work, 'extract-index-runner.js');
  await buildRunner(runner);
  const peers = choosePeers(input);
  if (!peers.some((peer) => peer.command === 'xmllint'))
    console.log('xmllint is not installed (Debian package libxml2-utils): not compared with it.');
  const sizeMiB = bytes / MiB;
  console.log(
    `\n${bytes} bytes (${sizeMiB.toFixed(0)} MiB), ${clients} clients, ${options.wanted} wanted; Node ${process.version}; ${cpus().length} CPU(s)\n`,
  );

  // Warm the page cache once, so neither side pays for the first read from disk.
  spawnSync('cat', [input], { stdio: 'ignore' });
  const ours: Measurement[] = [];
  const theirs = peers.map((): Measurement[] => []);
  for (let run = 1; run <= options.runs; run++) {
    // Alternate which goes first so slow drift (other work on the machine) cancels out.
    const steps = [
      (): void => {
        const m = timed(process.execPath, [runner, input, wantedFile], { cwd: REPO });
        ours.push(m);
        line(`run ${run}/${options.runs}  indexExtract, ${options.wanted} wanted`, m);
      },
      ...peers.map((peer, p) => (): void => {
        const m = timed(peer.command, peer.args, { cwd: REPO });
        theirs[p]?.push(m);
        line(`run ${run}/${options.runs}  ${peer.name}`, m);
      }),
    ];
    for (const step of run % 2 === 1 ? steps : steps.reverse()) step();
  }
  const reports = ours.map(runnerReport);
  for (const report of reports) {
    if (report.error) throw new BenchError(`the extract is not well-formed: ${report.error}`);
    if (report.missing.length > 0 || report.size !== options.wanted)
      throw new BenchError(
        `${options.wanted - report.size} wanted client(s) not found, e.g. ${report.missing.join(', ')}`,
      );
  }

  let all: { measurement: Measurement; report: RunnerReport } | undefined;
  if (!options.skipAll) {
    const measurement = timed(process.execPath, [runner, input], { cwd: REPO });
    line('indexExtract, every client', measurement);
    all = { measurement, report: runnerReport(measurement) };
  }

  const seconds = median(ours.map((m) => m.seconds));
  const peerResults = peers.map((peer, p) => {
    const samples = theirs[p] ?? [];
    const peerSeconds = median(samples.map((m) => m.seconds));
    // GNU time has 10 ms resolution: a peer timed at 0 s gives no ratio.
    return {
      name: peer.name,
      seconds: peerSeconds,
      peakRssMiB: Math.max(...samples.map((m) => m.rssKiB)) / 1024,
      ratio: peerSeconds > 0 ? seconds / peerSeconds : null,
    };
  });
  const peer = peerResults[0] as (typeof peerResults)[number];
  const peakRssMiB = Math.max(...ours.map((m) => m.rssKiB)) / 1024;
  const inProcessSeconds = median(reports.map((report) => report.ms)) / 1000;
  const secondsPer100MiB = (seconds / sizeMiB) * 100;
  const allRssMiB = all === undefined ? undefined : all.measurement.rssKiB / 1024;
  const summary = {
    seconds,
    inProcessSeconds,
    mibPerSecond: sizeMiB / seconds,
    secondsPer100MiB,
    secondsPer100MiBTarget: SECONDS_PER_100_MIB_TARGET,
    secondsPer100MiBMet: secondsPer100MiB < SECONDS_PER_100_MIB_TARGET,
    peakRssMiB,
    peakRssTargetMiB: RSS_TARGET_MiB,
    peakRssMet: peakRssMiB < RSS_TARGET_MiB,
    peer: peer.name,
    ratioToPeer: peer.ratio,
    peers: peerResults,
    ...(all === undefined || allRssMiB === undefined
      ? {}
      : {
          everyClient: {
            seconds: all.measurement.seconds,
            peakRssMiB: allRssMiB,
            clients: all.report.clients,
            // Above the wanted run's peak: what storing every client costs, roughly.
            bytesPerClient: ((allRssMiB - peakRssMiB) * MiB) / all.report.clients,
          },
        }),
  };

  const status = (met: boolean): string => (met ? 'met' : 'MISSED');
  console.log(`
size                 ${sizeMiB.toFixed(0)} MiB (${bytes} bytes), ${clients} clients
time                 ${seconds.toFixed(2)} s wall, whole process (${inProcessSeconds.toFixed(2)} s inside indexExtract)
throughput           ${summary.mibPerSecond.toFixed(1)} MiB/s
per 100 MiB          ${secondsPer100MiB.toFixed(2)} s   (target < ${SECONDS_PER_100_MIB_TARGET} s: ${status(summary.secondsPer100MiBMet)})
peak RSS             ${peakRssMiB.toFixed(1)} MiB   (target < ${RSS_TARGET_MiB} MiB: ${status(summary.peakRssMet)})
${peerResults.map((result) => `peer                 ${result.name}: ${result.seconds.toFixed(2)} s, ${result.peakRssMiB.toFixed(1)} MiB; ours / peer time ${result.ratio === null ? 'n/a (the peer is too fast to time)' : `${result.ratio.toFixed(2)}×`}`).join('\n')}`);
  if (summary.everyClient) {
    const every = summary.everyClient;
    console.log(
      `every client         ${every.seconds.toFixed(2)} s, peak RSS ${every.peakRssMiB.toFixed(1)} MiB for ${every.clients} clients (~${every.bytesPerClient.toFixed(0)} bytes per client above the wanted run)`,
    );
  }
  if (options.sizeMiB !== 1024)
    console.log(`(the ${RSS_TARGET_MiB} MiB RSS target is defined for the 1 GiB file, the default --size 1024)`);

  const resultFile = join(REPO, 'bench-results', `extract-index-${options.sizeMiB}MiB.json`);
  await mkdir(dirname(resultFile), { recursive: true });
  const result = {
    date: new Date().toISOString(),
    machine: machineFacts(),
    options: { sizeMiB: options.sizeMiB, wanted: options.wanted, runs: options.runs },
    input: { name: relative(REPO, input), bytes, clients },
    summary,
    samples: { ours: ours.map(withoutOutput), peers: theirs.map((samples) => samples.map(withoutOutput)), reports },
  };
  await writeFile(resultFile, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nResults written to ${relative(REPO, resultFile)}`);

  // Only what this run created goes; an extract kept earlier (--keep) stays for the next run.
  await rm(runner, { force: true });
  await rm(wantedFile, { force: true });
  if (generated && !options.keep) {
    await rm(input, { force: true });
    // The folders go too when nothing else is in them (another benchmark may keep its files there).
    await rmdir(dirname(input)).catch(() => undefined);
    await rmdir(work).catch(() => undefined);
  } else if (generated) {
    console.log(`Kept ${relative(REPO, input)}`);
  }
  return 0;
}

runBench(main);
