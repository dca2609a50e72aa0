// `npm run bench:rounds -- [--rows <n>] [--runs <n>]`
//
// Comparing two feedback rounds in the core (src/core/rounds): two error lists of 100 000 rows
// each (by default), made like SSB's — every client a few rows, codes and services spread —
// where round 2 has fixed a tenth of round 1's rows, brought a tenth new ones and kept the
// rest (with duplicates, so the multiset path is measured too). It times `compareRounds`
// (identity keys + matching) and `compareErrorLists` (the same plus the compared table the
// viewer shows), in this process, after one warm-up run: the median of `--runs` runs, and the
// heap it used. Printed, not asserted (the target: well under a second). Results:
// bench-results/rounds-<rows>.json.
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ErrorListFile, ErrorRow } from '../src/core/feedback';
import { compareErrorLists, compareRounds, normaliseRoundError, type RoundError } from '../src/core/rounds';
import { median } from './measure';

const REPO = resolve(__dirname, '..');
const CODES = ['T01', 'T02', 'T03', 'F01', 'B01', 'D01', 'T05', 'I01', 'R01', 'R02'];
const place = { municipality: '0403', bydel: '00' };

/** Round 1's row k, or round 2's: rows k ≡ 0 (mod 10) are fixed in round 2, and round 2 adds as many new ones. */
function cells(k: number): string[] {
  const client = String(100_000 + Math.floor(k / 3));
  const code = CODES[k % CODES.length] as string;
  return [
    '0403',
    '00',
    client,
    String((k % 25) + 1),
    code === 'F01' ? 'syn' : 'tjenesteType',
    String(k % 200),
    code,
    'Feil',
    `Melding om ${code} for bruker ${client}`,
  ];
}

function errorList(rows: string[][]): ErrorListFile {
  const roles = [
    'municipality',
    'bydel',
    'brukerNr',
    'serviceType',
    'variable',
    'value',
    'code',
    'severity',
    'message',
  ] as const;
  const errors: ErrorRow[] = rows.map((row, index) => ({
    row: index,
    brukerNr: row[2] as string,
    serviceType: row[3] as string,
    variable: row[4] as string,
    value: row[5] as string,
    code: row[6] as string,
    severity: 'error',
    severityText: 'Feil',
    message: row[8] as string,
  }));
  return {
    kind: 'error-list',
    name: 'feilliste.csv',
    size: 0,
    source: { encoding: 'windows-1252', delimiter: ';' },
    table: {
      columns: roles.map((role) => ({ name: role, role, numeric: false })),
      rows,
      rowLines: rows.map((_, i) => i + 2),
    },
    errors,
    malformed: { count: 0, examples: [] },
  };
}

function toRound(file: ErrorListFile): RoundError[] {
  return file.errors.map((error) => normaliseRoundError({ ...error, municipality: '0403', bydel: '00' }));
}

/** For scale on a busy machine: a Map filled with `count` short strings made beforehand (no identity, no matching). */
function baseline(count: number): { counts: number } {
  const keys = Array.from({ length: count }, (_, index) => `key-${index}`);
  const map = new Map<string, number>();
  for (const [index, key] of keys.entries()) map.set(key, index);
  return { counts: map.size };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rows: { type: 'string' }, runs: { type: 'string' } } });
  const rows = Number(values.rows ?? 100_000);
  const runs = Number(values.runs ?? 5);
  const first: string[][] = [];
  const second: string[][] = [];
  for (let k = 0; k < rows; k++) {
    first.push(cells(k));
    // Every 50th row is there twice: duplicates, as an error list can have them.
    if (k % 50 === 1) first.push(cells(k));
    if (k % 10 !== 0) second.push(cells(k));
    else second.push(cells(rows + k)); // a new error instead of the fixed one
  }
  const earlierFile = errorList(first);
  const laterFile = errorList(second);
  const earlier = toRound(earlierFile);
  const later = toRound(laterFile);
  // Wall time, and this process's CPU time: on a shared machine (the project's has 2 cores for
  // several jobs) the wall time includes waiting for a core; the CPU time does not.
  const time = (work: () => unknown): { ms: number; cpuMs: number; counts: unknown } => {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const result = work() as { counts: unknown };
    const used = process.cpuUsage(cpu);
    return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, counts: result.counts };
  };
  const compareOnly = () => compareRounds(earlier, later);
  const withTable = () => compareErrorLists({ file: laterFile, place }, { file: earlierFile, place });
  compareOnly();
  withTable(); // warm-up
  const heapBefore = process.memoryUsage().heapUsed;
  const compareRuns = Array.from({ length: runs }, () => time(compareOnly));
  const tableRuns = Array.from({ length: runs }, () => time(withTable));
  const heapMiB = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
  const result = {
    rows: { earlier: earlier.length, later: later.length },
    counts: compareRuns[0]?.counts,
    compareRoundsMs: median(compareRuns.map((run) => run.ms)),
    compareRoundsCpuMs: median(compareRuns.map((run) => run.cpuMs)),
    compareErrorListsMs: median(tableRuns.map((run) => run.ms)),
    compareErrorListsCpuMs: median(tableRuns.map((run) => run.cpuMs)),
    loadAverage: loadavg()[0] ?? 0,
    baselineMapMs: median(Array.from({ length: runs }, () => time(() => baseline(earlier.length + later.length)).ms)),
    runs,
    heapGrowthMiB: Math.round(heapMiB),
    node: process.version,
  };
  console.log(
    `rounds: ${earlier.length} vs ${later.length} rows → ${JSON.stringify(result.counts)}\n` +
      `  compareRounds (identity + match):      ${result.compareRoundsMs.toFixed(0)} ms wall, ${result.compareRoundsCpuMs.toFixed(0)} ms CPU (median of ${runs})\n` +
      `  compareErrorLists (+ compared table):  ${result.compareErrorListsMs.toFixed(0)} ms wall, ${result.compareErrorListsCpuMs.toFixed(0)} ms CPU (median of ${runs})\n` +
      `  load average ${result.loadAverage.toFixed(1)} on ${cpus().length} cores; for scale, filling a Map with as many ready strings: ${result.baselineMapMs.toFixed(0)} ms\n` +
      `  target: well under 1 000 ms — ${result.compareRoundsMs < 1000 ? 'met' : 'MISSED'} (compareRounds, wall)`,
  );
  await mkdir(join(REPO, 'bench-results'), { recursive: true });
  await writeFile(join(REPO, 'bench-results', `rounds-${rows}.json`), `${JSON.stringify(result, null, 2)}\n`);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
