/**
 * The engine as a whole: generated extracts (the fixture generator's planted errors are found
 * where it planted them), the gates and what they discard, the cap per rule, progress,
 * cancelling, and the cases the old pre-send check (core/extract/extractCheck.ts) covered.
 */
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CancelledError } from '../../../src/core/abort';
import { LocalFileError } from '../../../src/core/localFileError';
import { validateExtract, type ValidationReport } from '../../../src/core/validation';
import { writeExtract } from '../../fixtures/extractGenerator';
import { tempDir } from '../../helpers/tempDir';
import { client, CONTACT, extractText, MELDING, MUNICIPALITY, TJENESTE, validateText, YEAR } from './extractText';

const MiB = 1 << 20;
const ids = (report: ValidationReport): string[] => report.findings.map((finding) => finding.ruleId);

async function generated(options: Omit<Parameters<typeof writeExtract>[1], 'municipality' | 'year'>) {
  const dir = await tempDir();
  const path = join(dir, 'uttrekk.xml');
  const summary = await writeExtract(path, { municipality: MUNICIPALITY, year: YEAR, ...options });
  return { path, summary };
}

describe('validateExtract: generated extracts', () => {
  it('counts clients and services like the generator and reads the message facts', async () => {
    const { path, summary } = await generated({ clients: 400, seed: 11 });
    const report = await validateExtract(path, { municipality: MUNICIPALITY });
    assert.equal(report.fatal, false);
    assert.equal(report.size, summary.bytes);
    assert.equal(report.clients, summary.clients);
    assert.equal(report.services, summary.services);
    assert.equal(report.year, YEAR);
    assert.equal(report.municipality, MUNICIPALITY);
    assert.deepEqual(report.period, { from: `${YEAR}-01-01`, to: `${YEAR}-12-31` });
    assert.equal(report.extractedAt, `${YEAR + 1}-01-05`);
    assert.deepEqual(report.epj, { name: 'Syntetisk', version: '1.0', vendor: 'Syntetisk EPJ AS' });
    // The generator writes no typeID yet (issue 13 adds it there): nothing else is wrong.
    assert.deepEqual(
      report.tallies.filter((tally) => tally.ruleId !== 'I01'),
      [],
    );
  });

  it("finds every planted error of today's rules, for the planted client and value", async () => {
    const { path, summary } = await generated({ clients: 300, errors: 36, seed: 7 });
    const report = await validateExtract(path, { municipality: MUNICIPALITY, maxPerRule: 1000 });
    const found = new Set(
      report.findings.map((finding) => `${finding.brukerNr} ${finding.ruleId} ${finding.variable} ${finding.value}`),
    );
    for (const row of summary.planted) {
      // The generator's "invalid" service types include the expired ones, which are T04 here.
      const alternatives = row.code === 'T01' ? ['T01', 'T04'] : [row.code];
      assert.ok(
        alternatives.some((code) => found.has(`${row.brukerNr} ${code} ${row.variable} ${row.value}`)),
        `planted ${JSON.stringify(row)}`,
      );
    }
  });

  it('a wrong municipality is the gate K01: only its finding, on the Kommune line', async () => {
    const { path } = await generated({ clients: 50, errors: 12, seed: 3, wrongMunicipality: '3403' });
    const report = await validateExtract(path, { municipality: MUNICIPALITY, language: 'nb' });
    assert.equal(report.fatal, true);
    assert.deepEqual(ids(report), ['K01']);
    const [finding] = report.findings;
    assert.equal(finding?.line, 4);
    assert.equal(finding?.column, 12, 'the kommuneNr attribute of `  <Kommune kommuneNr=…`');
    assert.equal(finding?.attribute, 'kommuneNr');
    assert.equal(finding?.severityText, 'Kritisk feil');
    assert.match(finding?.message ?? '', /3403.*0403/);
    assert.deepEqual(report.counts, { critical: 1, error: 0, warning: 0, info: 0 });
    assert.deepEqual(report.tallies, [{ ruleId: 'K01', severity: 'critical', total: 1, shown: 1 }]);
  });

  it('a malformed extract is X01 at the stray <, and the findings before it are discarded', async () => {
    const { path } = await generated({ clients: 100, errors: 30, seed: 4, malformed: true });
    const report = await validateExtract(path, { municipality: MUNICIPALITY });
    assert.deepEqual(ids(report), ['X01'], 'planted errors before the break are not reported');
    const [finding] = report.findings;
    assert.ok(finding !== undefined && finding.line > 4, `line ${finding?.line}`);
    assert.equal(finding.column, 35, 'the stray < in `    <Avbrutt uttak="ufullstendig" <`');
    assert.match(finding.message, new RegExp(`${finding.line}:${finding.column}`));
    assert.match(finding.message, /not well-formed/);
    assert.ok(report.clients > 0 && report.clients < 100, `counted up to the error: ${report.clients}`);
  });
});

describe('validateExtract: the gates and the old pre-send check', () => {
  it('a wrong root stops there', async () => {
    const report = await validateText('<?xml version="1.0"?>\n<Rapport kommuneNr="0403">\n  <Bruker/>\n</Rapport>\n');
    assert.deepEqual(ids(report), ['X02']);
    assert.match(report.findings[0]?.message ?? '', /<Rapport>.*<Melding>/);
  });

  it('a message that is not a batch is X03, without the missing period (P01) it has by design', async () => {
    const report = await validateText(extractText({ melding: 'meldingstype="E"' }));
    assert.deepEqual(ids(report), ['X03']);
    assert.match(report.findings[0]?.message ?? '', /meldingstype="E"/);
  });

  it('names the period attribute that is missing', async () => {
    const report = await validateText(
      extractText({ melding: `meldingstype="B" fraDatoPeriode="${YEAR}-01-01" uttakDato="${YEAR + 1}-01-02"` }),
    );
    assert.deepEqual(ids(report), ['P01']);
    assert.equal(report.year, YEAR, 'the year still comes from fraDatoPeriode');
    assert.equal(report.period, undefined);
    assert.match(report.findings[0]?.message ?? '', /no tilDatoPeriode/);
  });

  it('a missing period gives the previous calendar year as reporting year', async () => {
    const report = await validateText(extractText({ melding: 'meldingstype="B"' }));
    assert.deepEqual(ids(report), ['P01', 'P01', 'P01']);
    assert.equal(report.year, new Date().getFullYear() - 1);
  });

  it('reports the period of another year than asked for, naming both', async () => {
    const report = await validateText(extractText(), { year: 2024 });
    const p03 = report.findings.find((finding) => finding.ruleId === 'P03');
    assert.match(p03?.message ?? '', /2025-01-01 to 2025-12-31.*2024/);
    assert.equal(report.year, 2024);
  });

  it('an empty file is X01', async () => {
    const report = await validateText('');
    assert.deepEqual(ids(report), ['X01']);
    assert.equal(report.size, 0);
    assert.match(report.findings[0]?.message ?? '', /empty/);
  });

  it('a truncated file is X01 (unclosed tag), and nothing it could not see', async () => {
    const report = await validateText(
      `<?xml version="1.0"?>\n<Melding ${MELDING}>\n  <Kommune kommuneNr="${MUNICIPALITY}">\n    <Bruker brukerNr="1">\n`,
    );
    assert.deepEqual(ids(report), ['X01']);
    assert.match(report.findings[0]?.message ?? '', /unclosed tag/);
  });

  it('a second root element is X01 on its line', async () => {
    const text = `${extractText()}<Melding/>\n`;
    const report = await validateText(text);
    assert.deepEqual(ids(report), ['X01']);
    assert.equal(report.findings[0]?.line, text.split('\n').length - 1);
  });

  it("several Kommune elements: the first number is the report's, a mismatch later still stops", async () => {
    const text = `<?xml version="1.0"?>\n<Melding ${MELDING}>\n${CONTACT}\n  <Kommune kommuneNr="${MUNICIPALITY}">\n${client('1', ['tjenesteType="99" fraDato="2025-01-01"'])}\n  </Kommune>\n  <Kommune kommuneNr="5001">\n  </Kommune>\n</Melding>\n`;
    const report = await validateText(text);
    assert.deepEqual(ids(report), ['K01'], 'the T01 before it is discarded');
    assert.equal(report.findings[0]?.line, 10);
  });

  it('a missing file or a folder throws a LocalFileError with a remedy, not a finding', async () => {
    const dir = await tempDir();
    await assert.rejects(validateExtract(join(dir, 'finnes-ikke.xml'), { municipality: MUNICIPALITY }), (error) => {
      assert.ok(error instanceof LocalFileError);
      assert.match(error.message, /finnes-ikke\.xml/);
      assert.match(error.remedy, /export the extract/);
      return true;
    });
    await mkdir(join(dir, 'mappe'));
    await assert.rejects(validateExtract(join(dir, 'mappe'), { municipality: MUNICIPALITY }), (error) => {
      assert.ok(error instanceof LocalFileError);
      assert.match(error.message, /folder/);
      return true;
    });
  });
});

describe('validateExtract: the cap per rule', () => {
  it('shows maxPerRule findings of a rule and tallies them all', async () => {
    const services = Array.from(
      { length: 150 },
      (_, i) => `tjenesteType="${i % 2 === 0 ? 99 : 13}" fraDato="${YEAR}-01-01"`,
    );
    const report = await validateText(extractText({ tjenester: [TJENESTE, ...services] }));
    const t01 = report.findings.filter((finding) => finding.ruleId === 'T01');
    assert.equal(t01.length, 100);
    assert.deepEqual(report.tallies, [{ ruleId: 'T01', severity: 'error', total: 150, shown: 100 }]);
    assert.equal(report.counts.error, 150);
    assert.equal(t01[0]?.line, 8, 'the first ones, in file order');
    assert.equal(t01.at(-1)?.line, 107);
  });

  it('a smaller cap, over two rules', async () => {
    const services = Array.from({ length: 20 }, () => `tjenesteType="99" fraDato="${YEAR - 1}-01-01"`);
    const report = await validateText(extractText({ tjenester: services }), { maxPerRule: 3 });
    assert.deepEqual(report.tallies, [
      { ruleId: 'T01', severity: 'error', total: 20, shown: 3 },
      { ruleId: 'D01', severity: 'warning', total: 20, shown: 3 },
    ]);
    assert.equal(report.findings.length, 6);
    assert.deepEqual(report.counts, { critical: 0, error: 20, warning: 20, info: 0 });
  });
});

describe('validateExtract: messages and severities', () => {
  it('writes messages in the language asked for, severity text always Norwegian', async () => {
    const text = extractText({ tjenester: ['tjenesteType="99" fraDato="2025-01-01"'] });
    const nb = await validateText(text, { language: 'nb' });
    const en = await validateText(text);
    assert.equal(nb.findings[0]?.message, 'Ukjent tjenestetype 99: koden finnes ikke i Volven 9151.');
    assert.equal(en.findings[0]?.message, 'Unknown service type 99: the code is not in Volven 9151.');
    assert.equal(en.findings[0]?.severityText, 'Feil');
  });

  it('a year without a profile of its own uses the latest earlier one', async () => {
    const report = await validateText(
      extractText({
        melding: 'meldingstype="B" fraDatoPeriode="2031-01-01" tilDatoPeriode="2031-12-31" uttakDato="2032-01-05"',
        tjenester: [],
      }),
    );
    assert.equal(report.year, 2031);
    assert.equal(report.findings.find((finding) => finding.ruleId === 'B01')?.severity, 'warning');
  });
});

describe('validateExtract: progress and cancelling', () => {
  it('reports progress per 64 KiB read, ending at bytesTotal', async () => {
    const { path, summary } = await generated({ clients: 6000, seed: 5 });
    assert.ok(summary.bytes > 3 * MiB, 'several chunks');
    const reports: { bytesDone: number; bytesTotal: number }[] = [];
    await validateExtract(path, { municipality: MUNICIPALITY, onProgress: (progress) => reports.push(progress) });
    assert.ok(reports.length >= 4, `${reports.length} reports`);
    for (const [index, report] of reports.entries()) {
      assert.equal(report.bytesTotal, summary.bytes);
      assert.ok(report.bytesDone <= report.bytesTotal);
      if (index > 0) assert.ok(report.bytesDone >= (reports[index - 1]?.bytesDone ?? 0), 'never goes back');
    }
    assert.equal(reports[0]?.bytesDone, 64 * 1024);
    assert.deepEqual(reports.at(-1), { bytesDone: summary.bytes, bytesTotal: summary.bytes });
  });

  it('ends progress at bytesTotal also when a gate stops the reading early', async () => {
    const { path, summary } = await generated({ clients: 6000, seed: 5, malformed: true });
    const reports: number[] = [];
    const report = await validateExtract(path, {
      municipality: MUNICIPALITY,
      onProgress: (progress) => reports.push(progress.bytesDone),
    });
    assert.deepEqual(ids(report), ['X01']);
    assert.ok((reports.at(-2) ?? 0) < summary.bytes * 0.75, `stopped early (${reports.at(-2)} of ${summary.bytes})`);
    assert.equal(reports.at(-1), summary.bytes);
  });

  it('is cancelled by the signal while reading: no chunk is read after the abort', async () => {
    const { path } = await generated({ clients: 6000, seed: 5 });
    const controller = new AbortController();
    let reports = 0;
    await assert.rejects(
      validateExtract(path, {
        municipality: MUNICIPALITY,
        signal: controller.signal,
        onProgress: () => {
          reports++;
          controller.abort();
        },
      }),
      (error: unknown) => error instanceof CancelledError && error.name === 'AbortError',
    );
    assert.equal(reports, 1);
  });

  it('is cancelled by a signal that fires between reads', async () => {
    const { path } = await generated({ clients: 6000, seed: 5 });
    const controller = new AbortController();
    const promise = validateExtract(path, {
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
      validateExtract(join(dir, 'finnes-ikke.xml'), { municipality: MUNICIPALITY, signal: controller.signal }),
      (error: unknown) =>
        error instanceof CancelledError && /validation of the extract was cancelled/.test(error.message),
    );
  });
});
