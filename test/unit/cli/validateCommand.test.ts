/**
 * `iplos validate` as shipped (dist/cli.js in a child process) on real files: hand-written
 * extracts whose every attribute the test sets, and generated ones. Nothing here uses the
 * network.
 */
import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { runCli } from '../../../src/cli/main';
import { writeExtract } from '../../fixtures/extractGenerator';
import { runCliProcess } from '../../helpers/cli';
import { writeHandExtract, type HandClient } from '../../helpers/handExtract';
import { tempDir } from '../../helpers/tempDir';

interface JsonFinding {
  ruleId: string;
  code: string;
  severity: string;
  origin: string;
  line: number;
  column: number;
  brukerNr: string;
  variable: string;
  value: string;
  message: string;
}

interface JsonReport {
  format: string;
  file: string;
  municipality: string;
  outcome: 'fatal' | 'errors' | 'warnings' | 'clean';
  report: {
    year: number;
    fatal: boolean;
    size: number;
    clients: number;
    services: number;
    counts: Record<'critical' | 'error' | 'warning' | 'info', number>;
    tallies: { ruleId: string; severity: string; total: number; shown: number; title: string }[];
    findings: JsonFinding[];
    municipality?: string;
    period?: { from: string; to: string };
    epj?: { name?: string; version?: string; vendor?: string };
  };
}

// The test's own environment, without any configuration of the machine it runs on.
const { IPLOS_CONFIG: _config, IPLOS_MUNICIPALITY: _municipality, ...baseEnv } = process.env as Record<string, string>;

const iplos = (args: string[], extra: Record<string, string | undefined> = {}) =>
  runCliProcess(args, baseEnv, { IPLOS_CONFIG: undefined, ...extra });

async function validateJson(path: string, ...more: string[]): Promise<{ status: number | null; json: JsonReport }> {
  const run = await iplos(['validate', path, '--municipality', '0403', '--json', ...more]);
  assert.equal(run.stderr, '', 'nothing on stderr with --json when stderr is not a terminal');
  return { status: run.status, json: JSON.parse(run.stdout) as JsonReport };
}

const clean = (count: number): HandClient[] => Array.from({ length: count }, () => ({}));

describe('iplos validate', () => {
  it('a clean extract: the text report says what was checked, exit 0', async () => {
    const path = await writeHandExtract({ clients: clean(3) });
    const run = await iplos(['validate', path, '--municipality', '0403']);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^Control of IPLOS_0403_2025\.xml \(\d[\d,]* kB\): municipality 0403, /);
    assert.match(run.stdout, /period 01\.01\.2025 – 31\.12\.2025, reporting year 2025/, 'Norwegian dates');
    assert.match(run.stdout, /EPJ TestEPJ 2\.1, vendor Testleverandør AS · 3 clients, 3 services/);
    assert.match(run.stdout, /Critical errors 0 · Errors 0 · /);
    assert.match(run.stdout, /Result: (no problems found|no errors; the warnings do not stop a send)\./);
    assert.equal(run.stderr, '', 'no progress when stderr is not a terminal');
  });

  it('errors: grouped by rule with the first five findings and "… and N more"; exit 1', async () => {
    const clients: HandClient[] = [
      ...Array.from({ length: 7 }, (_, i) => ({ tjenester: [{ tjenesteType: '99', fraDato: `2025-03-0${i + 1}` }] })),
      { tjenester: [{ fraDato: '2025-06-01', tilDato: '2025-05-01' }] },
      ...clean(2),
    ];
    const path = await writeHandExtract({ clients });
    const run = await iplos(['validate', path, '--municipality', '0403']);
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /^T01 {2}\S.*\(7\)$/m, 'the rule, its severity, title and count');
    assert.match(run.stdout, /^T02 {2}\S.*\(1\)$/m);
    const t01 = run.stdout
      .split('\n')
      .filter((line) => /^ {2}\d+:\d+ {2}brukerNr 10000\d {2}tjenesteType="99"/.test(line));
    assert.equal(t01.length, 5, 'the first five findings of T01');
    assert.match(
      t01[0] as string,
      /^ {2}7:\d+ {2}brukerNr 100001 {2}tjenesteType="99" {2}\S/,
      'line:column of the first',
    );
    assert.match(run.stdout, /^ {2}… and 2 more$/m);
    assert.match(run.stdout, /Errors [1-9]/);
    assert.match(run.stdout, /^Result: errors/m);
  });

  it('--json: the whole report with stable field names, counts matching the tallies', async () => {
    const path = await writeHandExtract({
      clients: [{ tjenester: [{ tjenesteType: '99' }] }, { tjenester: [{ timerPerUke: '200' }] }, ...clean(1)],
    });
    const { status, json } = await validateJson(path);
    assert.equal(status, 1);
    assert.equal(json.format, 'iplos-validation/1');
    // The documented field names (README, "iplos validate"): scripts rely on them.
    const has = (object: object, names: string[]) =>
      assert.deepEqual(
        names.filter((name) => !(name in object)),
        [],
        'missing fields',
      );
    has(json, ['format', 'file', 'municipality', 'outcome', 'report']);
    has(json.report, [
      'year',
      'fatal',
      'counts',
      'tallies',
      'findings',
      'size',
      'clients',
      'services',
      'municipality',
      'period',
      'extractedAt',
      'epj',
    ]);
    has(json.report.findings[0] as object, [
      'ruleId',
      'code',
      'severity',
      'severityText',
      'origin',
      'kommuneNr',
      'brukerNr',
      'serviceType',
      'element',
      'attribute',
      'variable',
      'value',
      'message',
      'line',
      'column',
    ]);
    has(json.report.tallies[0] as object, ['ruleId', 'severity', 'total', 'shown', 'title']);
    assert.equal(json.file, path);
    assert.equal(json.municipality, '0403');
    assert.equal(json.outcome, 'errors');
    assert.equal(json.report.year, 2025);
    assert.equal(json.report.fatal, false);
    assert.equal(json.report.clients, 3);
    assert.equal(json.report.services, 3);
    assert.deepEqual(json.report.period, { from: '2025-01-01', to: '2025-12-31' });
    assert.deepEqual(json.report.epj, { name: 'TestEPJ', version: '2.1', vendor: 'Testleverandør AS' });
    const ids = json.report.tallies.map((tally) => tally.ruleId);
    assert.ok(ids.includes('T01') && ids.includes('T03'), ids.join());
    for (const tally of json.report.tallies) {
      assert.ok(tally.title.length > 0, `${tally.ruleId} has a title`);
      assert.equal(json.report.findings.filter((finding) => finding.ruleId === tally.ruleId).length, tally.shown);
    }
    for (const severity of ['critical', 'error', 'warning', 'info'] as const) {
      const total = json.report.tallies
        .filter((tally) => tally.severity === severity)
        .reduce((sum, tally) => sum + tally.total, 0);
      assert.equal(json.report.counts[severity], total, severity);
    }
    const t01 = json.report.findings.find((finding) => finding.ruleId === 'T01');
    assert.equal(t01?.brukerNr, '100001');
    assert.equal(t01?.value, '99');
    assert.equal(t01?.variable, 'tjenesteType');
    assert.equal(t01?.origin, 'local');
    assert.equal(t01?.line, 7);
    assert.ok((t01?.column ?? 0) > 1);
  });

  it('--limit caps the findings kept per rule; the counts stay complete', async () => {
    const path = await writeHandExtract({
      clients: Array.from({ length: 6 }, () => ({ tjenester: [{ tjenesteType: '99' }] })),
    });
    const { json } = await validateJson(path, '--limit', '2');
    const t01 = json.report.tallies.find((tally) => tally.ruleId === 'T01');
    assert.deepEqual([t01?.total, t01?.shown], [6, 2]);
    assert.equal(json.report.findings.filter((finding) => finding.ruleId === 'T01').length, 2);
  });

  it('--html: a self-contained report with every hostile value escaped', async () => {
    const hostile = {
      script: '<script>alert(1)</script>',
      img: '"><img src=x onerror=alert(2)>',
      amp: 'A & B <b>fet</b>',
    };
    const path = await writeHandExtract({
      melding: { leverandor: hostile.amp, navnEPJ: hostile.img },
      clients: [
        { bruker: { brukerNr: hostile.script }, tjenester: [{ tjenesteType: hostile.img }] },
        { tjenester: [{ tjenesteType: '99' }] },
        ...clean(1),
      ],
    });
    const out = join(await tempDir(), 'kontroll.html');
    const run = await iplos(['validate', path, '--municipality', '0403', '--html', out]);
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stderr, /HTML report written to .*kontroll\.html/);
    const page = await readFile(out, 'utf8');
    assert.match(page, /^<!DOCTYPE html>/);
    assert.match(
      page,
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"/,
    );
    assert.match(page, /<style>/);
    assert.doesNotMatch(page, /<script/i, 'no script, not even the hostile one');
    assert.doesNotMatch(page, /<img/i);
    assert.doesNotMatch(page, /<b>/);
    assert.doesNotMatch(page, /https?:\/\/|<[^>]*\ssrc=|<link|url\(|@import/i, 'no external address');
    assert.ok(page.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'the brukerNr as text');
    assert.ok(page.includes('&quot;&gt;&lt;img src=x onerror=alert(2)&gt;'), 'the value as text');
    assert.ok(page.includes('A &amp; B &lt;b&gt;fet&lt;/b&gt;'), 'the vendor as text');
    // What the officer's ticket needs.
    for (const fact of [
      'IPLOS_0403_2025.xml',
      '0403',
      '01.01.2025',
      '31.12.2025',
      'T01',
      'What it means',
      'How to fix it',
    ])
      assert.ok(page.includes(fact), fact);
    assert.deepEqual((await readdir(dirname(out))).sort(), ['kontroll.html'], 'no temporary file left beside it');
  });

  it('--year: the period is checked against the year given', async () => {
    const path = await writeHandExtract({ clients: clean(2) });
    const { status, json } = await validateJson(path, '--year', '2024');
    assert.equal(json.report.year, 2024);
    assert.ok(
      json.report.tallies.some((tally) => tally.ruleId === 'P03'),
      `P03 among ${json.report.tallies.map((tally) => tally.ruleId).join()}`,
    );
    assert.equal(status, json.outcome === 'errors' || json.outcome === 'fatal' ? 1 : 0);
  });

  it('fatal problems: not well-formed, another municipality — exit 1 and the reason with line:column', async () => {
    const dir = await tempDir();
    const broken = join(dir, 'broken.xml');
    await writeExtract(broken, { municipality: '0403', year: 2025, clients: 50, malformed: true });
    const notXml = await iplos(['validate', broken, '--municipality', '0403']);
    assert.equal(notXml.status, 1);
    assert.match(notXml.stdout, /^X01 {2}.*\(1\)$/m);
    assert.match(notXml.stdout, /^ {2}\d+:\d+ {2}\S/m);
    assert.match(notXml.stdout, /^Result: cannot be sent/m);

    const other = await writeHandExtract({ kommuneNr: '0301', clients: clean(2) });
    const { status, json } = await validateJson(other);
    assert.equal(status, 1);
    assert.equal(json.outcome, 'fatal');
    assert.equal(json.report.fatal, true);
    assert.deepEqual(
      json.report.findings.map((finding) => [finding.ruleId, finding.line]),
      [['K01', 4]],
    );
    assert.match(json.report.findings[0]?.message ?? '', /0301/);
  });

  it('the municipality comes from the configuration when not given; without either it is a usage error', async () => {
    const path = await writeHandExtract({ clients: clean(2) });
    const config = join(await tempDir(), 'iplos.config.json');
    await writeFile(
      config,
      JSON.stringify({ municipalities: [{ number: '0403', name: 'Hamar' }], activeMunicipality: '0403' }),
    );
    const fromConfig = await iplos(['validate', path, '--config', config]);
    assert.equal(fromConfig.status, 0, fromConfig.stdout + fromConfig.stderr);
    assert.match(fromConfig.stdout, /municipality 0403/);
    const other = await iplos(['validate', path, '--config', config, '--municipality', '0301', '--json']);
    assert.equal((JSON.parse(other.stdout) as JsonReport).outcome, 'fatal', '--municipality wins');
    const none = await iplos(['validate', path]);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /--municipality/);
  });

  it('usage errors exit 2; a missing file exits 1 with a clear line', async () => {
    for (const args of [
      ['validate'],
      ['validate', 'a.xml', '--municipality', '403'],
      ['validate', 'a.xml', '--municipality', '0403', '--year', '25'],
      ['validate', 'a.xml', '--municipality', '0403', '--fast'],
      ['validate', 'a.xml', '--municipality', '0403', '--limit', '0'],
      ['validate', 'a.xml', '--municipality', '0403', '--html', 'a.xml'],
    ]) {
      const run = await iplos(args);
      assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, /^iplos validate: .+\nRun "iplos validate --help"\.\n$/);
    }
    const missing = join(await tempDir(), 'finnes-ikke.xml');
    const run = await iplos(['validate', missing, '--municipality', '0403']);
    assert.equal(run.status, 1);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^iplos validate: .*finnes-ikke\.xml.*\n$/);
    assert.match(run.stderr, /does not exist/);
  });

  it('a cancel (Ctrl-C aborts the signal) stops the control: exit 1, one line, no HTML file', async () => {
    const path = await writeHandExtract({ clients: clean(2) });
    const out = join(await tempDir(), 'kontroll.html');
    const controller = new AbortController();
    controller.abort();
    let stdout = '';
    let stderr = '';
    const sink = (write: (text: string) => void) =>
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          write(chunk.toString());
          done();
        },
      });
    const status = await runCli(
      ['validate', path, '--municipality', '0403', '--html', out],
      {
        stdout: sink((text) => (stdout += text)),
        stderr: sink((text) => (stderr += text)),
        stdin: Readable.from([]),
        env: {},
      },
      controller.signal,
    );
    assert.equal(status, 1);
    assert.equal(stdout, '');
    assert.match(stderr, /^iplos validate: .*cancel.*\n$/i);
    assert.deepEqual(await readdir(dirname(out)), []);
  });

  it('documents itself, and is listed in the overview', async () => {
    const help = await iplos(['validate', '--help']);
    assert.equal(help.status, 0);
    for (const option of ['--municipality', '--year', '--json', '--html <file>', 'Exit codes'])
      assert.ok(help.stdout.includes(option), option);
    assert.match((await iplos(['--help'])).stdout, /^ {2}validate +control an extract/m);
    const send = (await iplos(['send', '--help'])).stdout;
    assert.match(send, /^ {2}--send-with-errors +send although the control found errors/m);
    assert.match(send, /^ {2}--no-validate +skip the control \(for tests only; needs --year\)$/m);
  });
});
