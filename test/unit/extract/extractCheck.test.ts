import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { CancelledError } from '../../../src/core/abort';
import { checkExtract, type ExtractCheckResult, type ExtractProblemCode } from '../../../src/core/extract';
import { writeExtract } from '../../fixtures/extractGenerator';
import { tempDir } from '../../helpers/tempDir';

const MUNICIPALITY = '0403';
const YEAR = 2025;
const MiB = 1 << 20;

const codes = (result: ExtractCheckResult): ExtractProblemCode[] => result.problems.map((problem) => problem.code);

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
const BATCH = `meldingstype="B" fraDatoPeriode="${YEAR}-01-01" tilDatoPeriode="${YEAR}-12-31"`;

/** A small extract: declaration on line 1, `<Melding ${melding}>` on line 2, `body` from line 3. */
function extract(body: string, melding = BATCH): string {
  return `${DECLARATION}<Melding ${melding}>\n${body}</Melding>\n`;
}

const CLIENTS = `  <Kommune kommuneNr="${MUNICIPALITY}">\n    <Bruker brukerNr="1"><Tjeneste tjenesteType="1" fraDato="${YEAR}-02-01"/></Bruker>\n  </Kommune>\n`;

async function checkText(
  text: string,
  options: { municipality?: string; year?: number } = {},
): Promise<ExtractCheckResult> {
  const dir = await tempDir();
  const path = join(dir, 'uttrekk.xml');
  await writeFile(path, text);
  return checkExtract(path, { municipality: MUNICIPALITY, ...options });
}

describe('checkExtract: generated extracts', () => {
  it('accepts a valid extract and counts clients and services like the generator', async () => {
    const dir = await tempDir();
    const path = join(dir, 'uttrekk.xml');
    const summary = await writeExtract(path, { municipality: MUNICIPALITY, year: YEAR, clients: 400, seed: 11 });
    const result = await checkExtract(path, { municipality: MUNICIPALITY });
    assert.deepEqual(result.problems, []);
    assert.equal(result.ok, true);
    assert.equal(result.size, summary.bytes);
    assert.equal(result.clients, summary.clients);
    assert.equal(result.services, summary.services);
    assert.equal(result.root, 'Melding');
    assert.equal(result.municipality, MUNICIPALITY);
    assert.deepEqual(result.period, { from: `${YEAR}-01-01`, to: `${YEAR}-12-31` });
    assert.equal(result.year, YEAR);
    assert.equal(result.extractedAt, `${YEAR + 1}-01-05`);
    assert.deepEqual(result.epj, { name: 'Syntetisk', version: '1.0', vendor: 'Syntetisk EPJ AS' });
  });

  it('accepts the extract for the year given in the options', async () => {
    const dir = await tempDir();
    const path = join(dir, 'uttrekk.xml');
    await writeExtract(path, { municipality: MUNICIPALITY, year: 2024, clients: 20, seed: 2 });
    const result = await checkExtract(path, { municipality: MUNICIPALITY, year: 2024 });
    assert.deepEqual(codes(result), []);
    assert.equal(result.year, 2024);
  });

  it('reports a wrong municipality on the Kommune line, naming both numbers', async () => {
    const dir = await tempDir();
    const path = join(dir, 'uttrekk.xml');
    const summary = await writeExtract(path, {
      municipality: MUNICIPALITY,
      year: YEAR,
      clients: 50,
      seed: 3,
      wrongMunicipality: '3403',
    });
    const result = await checkExtract(path, { municipality: MUNICIPALITY });
    assert.deepEqual(codes(result), ['municipality-mismatch']);
    assert.equal(result.ok, false);
    const [problem] = result.problems;
    assert.equal(problem?.line, 4);
    assert.equal(problem?.column, 3, 'the < of <Kommune');
    assert.match(problem?.message ?? '', /3403/);
    assert.match(problem?.message ?? '', /0403/);
    assert.equal(result.municipality, '3403');
    assert.equal(result.clients, summary.clients, 'the rest of the file is still counted');
  });

  it('stops at the first XML error of a malformed extract, with its line and column', async () => {
    const dir = await tempDir();
    const path = join(dir, 'uttrekk.xml');
    await writeExtract(path, { municipality: MUNICIPALITY, year: YEAR, clients: 100, seed: 4, malformed: true });
    const result = await checkExtract(path, { municipality: MUNICIPALITY });
    assert.deepEqual(
      codes(result),
      ['not-well-formed'],
      'one XML error, and no "missing" problems from an incomplete read',
    );
    const [problem] = result.problems;
    assert.ok(problem?.line !== undefined && problem.line > 4, `line ${problem?.line}`);
    assert.equal(problem?.column, 35, 'the stray < in `    <Avbrutt uttak="ufullstendig" <`');
    assert.match(problem?.message ?? '', new RegExp(`${problem?.line}:${problem?.column}`));
    assert.match(problem?.message ?? '', /not well-formed/);
    assert.ok(result.clients > 0 && result.clients < 100, `counted up to the error: ${result.clients}`);
  });
});

describe('checkExtract: structure', () => {
  it('reports a wrong root and stops there', async () => {
    const result = await checkText(`${DECLARATION}<Rapport kommuneNr="0403">\n  <Bruker/>\n</Rapport>\n`);
    assert.deepEqual(codes(result), ['wrong-root']);
    assert.equal(result.root, 'Rapport');
    assert.equal(result.problems[0]?.line, 2);
    assert.equal(result.problems[0]?.column, 1);
    assert.match(result.problems[0]?.message ?? '', /<Rapport>.*<Melding>/);
  });

  it('reports a missing Kommune element', async () => {
    const result = await checkText(extract('  <Bruker brukerNr="1"/>\n'));
    assert.deepEqual(codes(result), ['missing-municipality']);
    assert.equal(result.municipality, undefined);
    assert.equal(result.clients, 1);
    assert.equal(result.problems[0]?.line, 2, 'points at <Melding>, which should hold it');
  });

  it('reports a Kommune element without kommuneNr at that element', async () => {
    const result = await checkText(extract('  <Kommune navn="Hamar">\n    <Bruker/>\n  </Kommune>\n'));
    assert.deepEqual(codes(result), ['missing-municipality']);
    assert.equal(result.problems[0]?.line, 3);
    assert.match(result.problems[0]?.message ?? '', /kommuneNr/);
  });

  it('does not take a Kommune deeper in the tree for the municipality', async () => {
    const result = await checkText(extract('  <Bruker brukerNr="1">\n    <Kommune kommuneNr="9999"/>\n  </Bruker>\n'));
    assert.deepEqual(codes(result), ['missing-municipality']);
  });

  it('reports a missing period', async () => {
    const result = await checkText(extract(CLIENTS, 'meldingstype="B"'));
    assert.deepEqual(codes(result), ['missing-period']);
    assert.equal(result.period, undefined);
    assert.equal(result.year, undefined);
    assert.equal(result.problems[0]?.line, 2);
    assert.match(result.problems[0]?.message ?? '', /fraDatoPeriode and no tilDatoPeriode/);
  });

  it('names the one period attribute that is missing', async () => {
    const result = await checkText(extract(CLIENTS, `meldingstype="B" fraDatoPeriode="${YEAR}-01-01"`));
    assert.deepEqual(codes(result), ['missing-period']);
    assert.equal(result.year, YEAR, 'the year still comes from fraDatoPeriode');
    assert.match(result.problems[0]?.message ?? '', /no tilDatoPeriode/);
    assert.doesNotMatch(result.problems[0]?.message ?? '', /fraDatoPeriode,/);
  });

  it('reports a period attribute that is not a date', async () => {
    const result = await checkText(
      extract(CLIENTS, `meldingstype="B" fraDatoPeriode="${YEAR}-02-30" tilDatoPeriode="${YEAR}-12-31"`),
    );
    assert.deepEqual(codes(result), ['missing-period']);
    assert.match(result.problems[0]?.message ?? '', /fraDatoPeriode="2025-02-30".*not a date/);
  });

  it('reports a period in another year than the one asked for', async () => {
    const result = await checkText(extract(CLIENTS), { year: 2024 });
    assert.deepEqual(codes(result), ['period-outside-year']);
    assert.equal(result.year, 2024);
    assert.deepEqual(result.period, { from: '2025-01-01', to: '2025-12-31' });
    const message = result.problems[0]?.message ?? '';
    assert.match(message, /2025-01-01 to 2025-12-31/);
    assert.match(message, /2024/);
    assert.equal(result.problems[0]?.line, 2);
  });

  it('reports a period that starts after it ends', async () => {
    const result = await checkText(
      extract(CLIENTS, `meldingstype="B" fraDatoPeriode="${YEAR}-12-31" tilDatoPeriode="${YEAR}-01-01"`),
      { year: YEAR },
    );
    assert.deepEqual(codes(result), ['period-outside-year']);
    assert.match(result.problems[0]?.message ?? '', /backwards.*2025-12-31.*after.*2025-01-01/);
  });

  it('without a year, takes the year of fraDatoPeriode and reports a period that crosses into the next', async () => {
    const result = await checkText(
      extract(CLIENTS, 'meldingstype="B" fraDatoPeriode="2024-07-01" tilDatoPeriode="2025-06-30"'),
    );
    assert.deepEqual(codes(result), ['period-outside-year']);
    assert.equal(result.year, 2024);
    assert.match(result.problems[0]?.message ?? '', /2024-07-01 to 2025-06-30.*2024/);
  });

  it('accepts a period inside the year and a date with a time zone', async () => {
    const result = await checkText(
      extract(CLIENTS, `meldingstype="B" fraDatoPeriode="${YEAR}-03-01+01:00" tilDatoPeriode="${YEAR}-10-31Z"`),
      { year: YEAR },
    );
    assert.deepEqual(codes(result), []);
  });

  it('reports a message that is not a batch', async () => {
    const withPeriod = await checkText(
      extract(CLIENTS, `meldingstype="E" fraDatoPeriode="${YEAR}-01-01" tilDatoPeriode="${YEAR}-12-31"`),
    );
    assert.deepEqual(codes(withPeriod), ['not-batch']);
    assert.match(withPeriod.problems[0]?.message ?? '', /meldingstype="E"/);
    const withoutPeriod = await checkText(extract(CLIENTS, 'meldingstype="E"'));
    assert.deepEqual(codes(withoutPeriod), ['not-batch'], 'no period is expected of a non-batch message');
  });

  it('reports an extract without clients', async () => {
    const result = await checkText(extract(`  <Kommune kommuneNr="${MUNICIPALITY}">\n  </Kommune>\n`));
    assert.deepEqual(codes(result), ['no-clients']);
    assert.equal(result.clients, 0);
    assert.equal(result.problems[0]?.line, 3);
  });

  it('reports every problem of one file together', async () => {
    const result = await checkText(
      `${DECLARATION}<Melding meldingstype="B" fraDatoPeriode="2023-01-01" tilDatoPeriode="2023-12-31">\n  <Kommune kommuneNr="5001"/>\n</Melding>\n`,
      { year: YEAR },
    );
    assert.deepEqual(codes(result), ['period-outside-year', 'municipality-mismatch', 'no-clients']);
  });

  it('reports an empty file', async () => {
    const result = await checkText('');
    assert.deepEqual(codes(result), ['empty-file']);
    assert.equal(result.size, 0);
    assert.equal(result.ok, false);
  });

  it('reports a missing file and a folder', async () => {
    const dir = await tempDir();
    const missing = await checkExtract(join(dir, 'finnes-ikke.xml'), { municipality: MUNICIPALITY });
    assert.deepEqual(codes(missing), ['not-found']);
    assert.match(missing.problems[0]?.message ?? '', /finnes-ikke\.xml/);
    assert.deepEqual(
      { ok: missing.ok, size: missing.size, clients: missing.clients, services: missing.services },
      { ok: false, size: 0, clients: 0, services: 0 },
    );
    await mkdir(join(dir, 'mappe'));
    assert.deepEqual(codes(await checkExtract(join(dir, 'mappe'), { municipality: MUNICIPALITY })), ['not-found']);
  });

  it('reports a truncated file as not well-formed, and nothing it could not see', async () => {
    const result = await checkText(
      `${DECLARATION}<Melding ${BATCH}>\n  <Kommune kommuneNr="${MUNICIPALITY}">\n    <Bruker brukerNr="1">\n`,
    );
    assert.deepEqual(codes(result), ['not-well-formed']);
    assert.match(result.problems[0]?.message ?? '', /unclosed tag/);
  });

  it('reports a second root element as not well-formed', async () => {
    const result = await checkText(`${extract(CLIENTS)}<Melding/>\n`);
    assert.deepEqual(codes(result), ['not-well-formed']);
    assert.equal(result.problems[0]?.line, 7);
  });

  it('ignores unknown elements and attributes, namespaces, prefixes and a byte order mark', async () => {
    const text =
      '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n' +
      `<ipl:Melding xmlns:ipl="urn:example:ipl" versjon="99.0" nytt="x" ${BATCH}>\n` +
      '  <ipl:Ukjent><Noe/></ipl:Ukjent>\n' +
      `  <ipl:Kommune\n      kommuneNr=" ${MUNICIPALITY} ">\n` +
      '    <ipl:Bruker brukerNr="1" ekstra="ja"><ipl:Tjeneste tjenesteType="3"/><ipl:Tjeneste tjenesteType="4"/></ipl:Bruker>\n' +
      '    <!-- kommentar --><Bruker/>\n' +
      '  </ipl:Kommune>\n' +
      '</ipl:Melding>\n';
    const result = await checkText(text);
    assert.deepEqual(codes(result), []);
    assert.equal(result.root, 'ipl:Melding');
    assert.equal(result.municipality, MUNICIPALITY);
    assert.equal(result.clients, 2);
    assert.equal(result.services, 2);
  });

  it('gives the line of a start tag that spans lines', async () => {
    const text = extract(`  <Kommune\n      kommuneNr="5001">\n    <Bruker/>\n  </Kommune>\n`);
    const result = await checkText(text);
    assert.deepEqual(codes(result), ['municipality-mismatch']);
    assert.equal(result.problems[0]?.line, 3, 'the line of <Kommune, not of its last attribute');
  });
});

describe('checkExtract: reading', () => {
  // The first read is exactly 1 MiB: put a multi-byte character across that boundary, at every split.
  for (const [character, before] of [
    ['Æ', 1],
    ['€', 1],
    ['€', 2],
    ['😀', 1],
    ['😀', 2],
    ['😀', 3],
  ] as const) {
    it(`decodes "${character}" split ${before}/${Buffer.byteLength(character) - before} across the chunk boundary`, async () => {
      const name = `${character}ystad-EPJ æøå`;
      const head = `${DECLARATION}<Melding ${BATCH} kommentar="`;
      const tail = '" navnEPJ="';
      const padding = MiB - before - Buffer.byteLength(head + tail);
      const text = `${head}${'x'.repeat(padding)}${tail}${name}" leverandor="Blåbær AS">\n  <Kommune kommuneNr="${MUNICIPALITY}" navn="Hamar kommune – Østre">\n    <Bruker brukerNr="1" merknad="ÆØÅ"/>\n  </Kommune>\n</Melding>\n`;
      assert.equal(
        Buffer.byteLength(head + 'x'.repeat(padding) + tail),
        MiB - before,
        'the character starts before the boundary',
      );
      const result = await checkText(text);
      assert.deepEqual(codes(result), []);
      assert.equal(result.epj?.name, name);
      assert.equal(result.epj?.vendor, 'Blåbær AS');
      assert.equal(result.clients, 1);
    });
  }

  it('reports progress in bytes, ending at bytesTotal', async () => {
    const dir = await tempDir();
    const path = join(dir, 'uttrekk.xml');
    const summary = await writeExtract(path, { municipality: MUNICIPALITY, year: YEAR, clients: 6000, seed: 5 });
    assert.ok(summary.bytes > 3 * MiB, 'several chunks');
    const reports: { bytesDone: number; bytesTotal: number }[] = [];
    const result = await checkExtract(path, {
      municipality: MUNICIPALITY,
      onProgress: (progress) => reports.push(progress),
    });
    assert.equal(result.ok, true);
    assert.ok(reports.length >= 4, `${reports.length} reports`);
    for (const [index, report] of reports.entries()) {
      assert.equal(report.bytesTotal, summary.bytes);
      assert.ok(report.bytesDone <= report.bytesTotal);
      if (index > 0) assert.ok(report.bytesDone >= (reports[index - 1]?.bytesDone ?? 0), 'never goes back');
    }
    assert.equal(reports[0]?.bytesDone, 64 * 1024, 'one report per 64 KiB read');
    assert.deepEqual(reports.at(-1), { bytesDone: summary.bytes, bytesTotal: summary.bytes });
  });

  it('ends progress at bytesTotal also when it stops at an XML error', async () => {
    const dir = await tempDir();
    const path = join(dir, 'uttrekk.xml');
    const summary = await writeExtract(path, {
      municipality: MUNICIPALITY,
      year: YEAR,
      clients: 6000,
      seed: 5,
      malformed: true,
    });
    const reports: number[] = [];
    const result = await checkExtract(path, {
      municipality: MUNICIPALITY,
      onProgress: (progress) => reports.push(progress.bytesDone),
    });
    assert.deepEqual(codes(result), ['not-well-formed']);
    // The XML breaks in the middle: the last chunk read is well before the end of the file.
    assert.ok(
      (reports.at(-2) ?? 0) < summary.bytes * 0.75,
      `stopped reading early (${reports.at(-2)} of ${summary.bytes})`,
    );
    assert.equal(reports.at(-1), summary.bytes);
  });

  it('is cancelled by the signal while reading', async () => {
    const dir = await tempDir();
    const path = join(dir, 'uttrekk.xml');
    await writeExtract(path, { municipality: MUNICIPALITY, year: YEAR, clients: 6000, seed: 5 });
    const controller = new AbortController();
    let reports = 0;
    await assert.rejects(
      checkExtract(path, {
        municipality: MUNICIPALITY,
        signal: controller.signal,
        onProgress: () => {
          reports++;
          controller.abort();
        },
      }),
      (error: Error) => {
        assert.equal(error.name, 'AbortError');
        return true;
      },
    );
    assert.equal(reports, 1, 'no chunk is read after the abort');
  });

  it('is cancelled by a signal that fires between reads', async () => {
    const dir = await tempDir();
    const path = join(dir, 'uttrekk.xml');
    await writeExtract(path, { municipality: MUNICIPALITY, year: YEAR, clients: 6000, seed: 5 });
    const controller = new AbortController();
    const promise = checkExtract(path, {
      municipality: MUNICIPALITY,
      signal: controller.signal,
      onProgress: () => setImmediate(() => controller.abort()),
    });
    await assert.rejects(promise, { name: 'AbortError' });
  });

  it('does not start when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const dir = await tempDir();
    await assert.rejects(
      checkExtract(join(dir, 'finnes-ikke.xml'), { municipality: MUNICIPALITY, signal: controller.signal }),
      { name: 'AbortError' },
    );
    await assert.rejects(
      checkExtract(join(dir, 'finnes-ikke.xml'), { municipality: MUNICIPALITY, signal: controller.signal }),
      (error: unknown) => error instanceof CancelledError && /extract check was cancelled/.test(error.message),
    );
  });
});

describe('checkExtract: memory', () => {
  // maxRSS is in KiB on Linux and macOS. tsx alone takes ~90 MB of RSS (plain node ~40 MB), which
  // would leave little room under the bound, so the child runs the module bundled by esbuild.
  const BOUND_KIB = 200 * 1024;
  const run = promisify(execFile);

  it('checks a 300 MiB extract with a peak RSS under 200 MiB', async (t) => {
    const dir = await tempDir();
    const path = join(dir, 'uttrekk.xml');
    const started = Date.now();
    const summary = await writeExtract(path, {
      municipality: MUNICIPALITY,
      year: YEAR,
      targetBytes: 300 * MiB,
      seed: 8,
    });
    const generatedMs = Date.now() - started;
    assert.ok(summary.bytes > BOUND_KIB * 1024, 'holding the file in memory would break the bound');

    const bundle = join(dir, 'check.js');
    await build({
      entryPoints: [join(__dirname, '..', '..', '..', 'src', 'core', 'extract', 'index.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: bundle,
      logLevel: 'silent',
    });
    const child = join(dir, 'child.js');
    await writeFile(
      child,
      `const { checkExtract } = require(${JSON.stringify(bundle)});
const started = Date.now();
checkExtract(process.argv[2], { municipality: ${JSON.stringify(MUNICIPALITY)} }).then((result) => {
  process.stdout.write(JSON.stringify({ ok: result.ok, problems: result.problems, clients: result.clients, services: result.services, ms: Date.now() - started, maxRssKiB: process.resourceUsage().maxRSS }));
});
`,
    );
    // The control: the same child reading the whole file into memory does break the bound.
    const control = join(dir, 'control.js');
    await writeFile(
      control,
      `require('node:fs').readFileSync(process.argv[2]); process.stdout.write(String(process.resourceUsage().maxRSS));`,
    );

    const { stdout } = await run(process.execPath, [child, path], { maxBuffer: MiB });
    const measured = JSON.parse(stdout) as {
      ok: boolean;
      problems: unknown[];
      clients: number;
      services: number;
      ms: number;
      maxRssKiB: number;
    };
    const { stdout: controlStdout } = await run(process.execPath, [control, path]);
    const controlKiB = Number(controlStdout);

    const mib = (kib: number): string => (kib / 1024).toFixed(0);
    const info = `${(summary.bytes / MiB).toFixed(0)} MiB, ${summary.clients} clients: generated in ${generatedMs} ms; checked in ${measured.ms} ms, peak RSS ${mib(measured.maxRssKiB)} MiB (whole file in memory: ${mib(controlKiB)} MiB)`;
    t.diagnostic(info);

    assert.deepEqual(measured.problems, []);
    assert.equal(measured.clients, summary.clients);
    assert.equal(measured.services, summary.services);
    assert.ok(controlKiB > BOUND_KIB, `the control exceeds the bound: ${info}`);
    assert.ok(measured.maxRssKiB < BOUND_KIB, `bounded memory: ${info}`);
  });
});
