/** The sandbox's SSB: check a generated extract and write the feedback files it returns into a folder. */
import assert from 'node:assert/strict';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CancelledError } from '../../../src/core/abort';
import { LocalFileError } from '../../../src/core/localFileError';
import {
  readFeedbackFolder,
  type ErrorListFile,
  type FeedbackFile,
  type FeedbackSet,
  type TableFile,
  type TextFile,
} from '../../../src/core/feedback';
import { writeExtract, type ExtractOptions, type PlantedError } from '../../fixtures/extractGenerator';
import { tempDir } from '../../helpers/tempDir';
import { csv, feedbackFiles, windows1252 } from '../../sandbox/ssb/feedbackFiles';
import { ssbCheck, ssbOnlyFindings } from '../../sandbox/ssb/ssbCheck';
import { buildXlsx } from './xlsxFixture';

async function sandboxFeedback(
  extract: ExtractOptions,
  bydel = '00',
): Promise<{ folder: string; planted: PlantedError[]; expected: Row[] }> {
  const dir = await tempDir();
  const path = join(dir, 'uttrekk.xml');
  const summary = await writeExtract(path, extract);
  const result = await ssbCheck(path, extract.municipality, extract.year);
  const folder = join(dir, 'tilbakemelding');
  await mkdir(folder);
  for (const file of feedbackFiles(result, {
    municipality: extract.municipality,
    bydel,
    year: extract.year,
    environment: 'test',
  }))
    await writeFile(join(folder, file.name), file.content);
  // SSB's error list: what the local control finds, plus the rows only SSB makes (R01, R02).
  const ssbOnly = await ssbOnlyFindings(path, extract.municipality, extract.year);
  return {
    folder,
    planted: summary.planted,
    expected: [...summary.expected, ...ssbOnly.map((row) => ({ ...row, code: row.ruleId }))],
  };
}

interface Row {
  brukerNr: string;
  code: string;
  variable: string;
  value: string;
}

function byName<K extends FeedbackFile['kind']>(
  set: FeedbackSet,
  name: string,
  kind: K,
): Extract<FeedbackFile, { kind: K }> {
  const file = set.files.find((candidate) => candidate.name === name);
  assert.ok(file, `${name} is listed`);
  assert.equal(file.kind, kind, `${name} is ${kind}`);
  return file as Extract<FeedbackFile, { kind: K }>;
}

const key = (row: Row): string => `${row.brukerNr}|${row.code}|${row.variable}|${row.value}`;

describe('feedback: reading a feedback folder', () => {
  it("the sandbox's feedback: the error list holds exactly the planted errors; tables, encodings and order as written", async () => {
    const { folder, planted, expected } = await sandboxFeedback({
      municipality: '0403',
      year: 2025,
      clients: 400,
      errors: 18,
      seed: 4,
    });
    const set = await readFeedbackFolder(folder);
    assert.equal(set.folder, folder);
    assert.deepEqual(
      set.files.map((file) => [file.kind, file.name]),
      [
        ['error-list', 'feilliste.csv'],
        ['table', 'kontrolltabell_alder_kjønn.csv'],
        ['table', 'kontrolltabell_måned.csv'],
        ['table', 'kontrolltabell_tjenester.csv'],
        ['text', 'les_meg.txt'],
      ],
    );

    const errorList: ErrorListFile = byName(set, 'feilliste.csv', 'error-list');
    assert.deepEqual(errorList.source, { encoding: 'windows-1252', delimiter: ';' });
    assert.equal(planted.length, 18);
    assert.ok(expected.length > planted.length, 'SSB adds rows of its own (R02 for seed 4)');
    assert.deepEqual(
      errorList.errors.map((row) => `${row.brukerNr}|${row.code}`).sort(),
      expected.map((row) => `${row.brukerNr}|${row.code}`).sort(),
    );
    assert.deepEqual(errorList.errors.map(key).sort(), expected.map(key).sort(), 'variable and value too');
    assert.deepEqual([...new Set(errorList.errors.map((row) => row.severity))].sort(), ['error', 'info', 'warning']);
    assert.ok(errorList.errors.every((row) => row.message !== '' && row.severityText !== ''));
    assert.ok(
      errorList.errors.some((row) => row.message.includes('før fraDato')),
      'Windows-1252 ø decoded',
    );
    assert.equal(errorList.malformed.count, 0);
    assert.deepEqual(
      errorList.table.rowLines,
      errorList.table.rows.map((_, index) => index + 2),
    );
    assert.deepEqual(
      errorList.table.columns.map((column) => column.role),
      ['municipality', 'bydel', 'brukerNr', 'serviceType', 'variable', 'value', 'code', 'severity', 'message'],
    );
    assert.equal(errorList.table.columns[0]?.numeric, false, 'Kommunenr 0403 is a code');

    const services: TableFile = byName(set, 'kontrolltabell_tjenester.csv', 'table');
    // Written as Windows-1252, but all ASCII: valid UTF-8, and decoded the same either way.
    assert.deepEqual(services.source, { encoding: 'utf-8', delimiter: ';' });
    assert.deepEqual(
      services.table.columns.map((column) => [column.name, column.numeric]),
      [
        ['Tjenestetype', false],
        ['Antall brukere', true],
        ['Antall tjenester', true],
        ['Gjennomsnitt timer per uke', true],
      ],
    );
    assert.equal(services.table.rows.at(-1)?.[0], 'Totalt');

    const ages: TableFile = byName(set, 'kontrolltabell_alder_kjønn.csv', 'table');
    assert.deepEqual(ages.source, { encoding: 'utf-8-bom', delimiter: ';' });
    assert.equal(ages.table.columns[0]?.name, 'Aldersgruppe', 'no BOM in the first header');
    assert.equal(ages.table.rows[0]?.[0], '0–17');

    const months: TableFile = byName(set, 'kontrolltabell_måned.csv', 'table');
    assert.deepEqual(months.source, { encoding: 'windows-1252', delimiter: ';' });
    assert.equal(months.table.columns[0]?.name, 'Måned');
    assert.equal(months.table.rows.length, 12);

    const readme: TextFile = byName(set, 'les_meg.txt', 'text');
    assert.equal(readme.encoding, 'utf-8');
    assert.match(readme.text, /sikre sone/);
  });

  it('a wrong municipality number (K01, critical) and a malformed extract (X01): the gate alone, no control tables', async () => {
    const wrong = await sandboxFeedback(
      { municipality: '0301', year: 2025, clients: 100, errors: 6, wrongMunicipality: '0302', seed: 9 },
      '05',
    );
    const wrongSet = await readFeedbackFolder(wrong.folder);
    assert.deepEqual(
      wrongSet.files.map((file) => file.name),
      ['feilliste.csv', 'les_meg.txt'],
    );
    const list = byName(wrongSet, 'feilliste.csv', 'error-list');
    assert.deepEqual(list.errors.map(key), wrong.expected.map(key), 'the fatal gate alone');
    const k01 = list.errors.find((row) => row.code === 'K01');
    assert.deepEqual(k01 && { brukerNr: k01.brukerNr, severity: k01.severity, value: k01.value }, {
      brukerNr: '',
      severity: 'critical',
      value: '0302',
    });

    const malformed = await sandboxFeedback({
      municipality: '5001',
      year: 2025,
      clients: 100,
      malformed: true,
      seed: 2,
    });
    const set = await readFeedbackFolder(malformed.folder);
    assert.deepEqual(
      set.files.map((file) => file.name),
      ['feilliste.csv', 'les_meg.txt'],
    );
    assert.deepEqual(
      byName(set, 'feilliste.csv', 'error-list').errors.map((row) => [row.code, row.severity]),
      [['X01', 'critical']],
    );
  });

  it('an error list with no rows is still the error list', async () => {
    const folder = await tempDir();
    await writeFile(
      join(folder, 'feilliste.csv'),
      windows1252(
        csv([
          ['Kommunenr', 'Bydel', 'Brukernr', 'Tjenestetype', 'Variabel', 'Verdi', 'Feilkode', 'Alvorlighet', 'Melding'],
        ]),
      ),
    );
    const list = byName(await readFeedbackFolder(folder), 'feilliste.csv', 'error-list');
    assert.deepEqual(list.errors, []);
    assert.equal(list.table.columns.length, 9);
  });

  it('unknown tables are read as they are; .tsv, .skv and tabular .txt too; other files are listed, not read', async () => {
    const folder = await tempDir();
    await writeFile(join(folder, 'oppsummering.csv'), 'kode,antall\nT01,3\nT02,"1 204"\n');
    await writeFile(join(folder, 'fordeling.tsv'), 'Tjenestetype\tAntall\n1\t10\n');
    await writeFile(join(folder, 'liste.skv'), 'A;B\r\n1;2\r\n');
    await writeFile(join(folder, 'tabell.txt'), 'Brukernr\tFeilkode\tMelding\n12\tB01\tIngen tjenester\n');
    await writeFile(join(folder, 'rapport.pdf'), '%PDF-1.4 not really');
    await writeFile(join(folder, 'gammel.xls'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0]));
    await mkdir(join(folder, 'undermappe'));
    await writeFile(join(folder, 'undermappe', 'skjult.csv'), 'a;b\n1;2\n');
    const set = await readFeedbackFolder(folder);
    assert.deepEqual(
      set.files.map((file) => [file.kind, file.name]),
      [
        ['error-list', 'tabell.txt'],
        ['table', 'fordeling.tsv'],
        ['table', 'liste.skv'],
        ['table', 'oppsummering.csv'],
        ['other', 'gammel.xls'],
        ['other', 'rapport.pdf'],
      ],
    );
    const summary = byName(set, 'oppsummering.csv', 'table');
    assert.deepEqual(summary.source, { encoding: 'utf-8', delimiter: ',' });
    assert.deepEqual(summary.table.rows, [
      ['T01', '3'],
      ['T02', '1 204'],
    ]);
    assert.equal(summary.table.columns[1]?.numeric, true);
    assert.equal(byName(set, 'fordeling.tsv', 'table').source.delimiter, '\t');
    assert.match(byName(set, 'rapport.pdf', 'other').reason, /Not a table/);
    assert.match(byName(set, 'gammel.xls', 'other').reason, /Excel 97–2003/);
  });

  it('.xlsx: read as a table or the error list; a corrupt one is "other" with the reason', async () => {
    const folder = await tempDir();
    await writeFile(
      join(folder, 'feilliste.xlsx'),
      await buildXlsx([
        {
          name: 'Feil',
          rows: [
            ['Brukernr', 'Feilkode', 'Alvorlighet', 'Melding'],
            [17, 'T03', 'Feil', 'timerPerUke er 200'],
          ],
        },
      ]),
    );
    await writeFile(
      join(folder, 'tabell.xlsx'),
      await buildXlsx([
        {
          name: 'Ark1',
          rows: [
            ['Måned', 'Antall'],
            ['januar', 3],
          ],
        },
      ]),
    );
    await writeFile(join(folder, 'ødelagt.xlsx'), Buffer.from('PK\u0003\u0004 this is not a workbook'));
    const set = await readFeedbackFolder(folder);
    assert.deepEqual(
      set.files.map((file) => [file.kind, file.name]),
      [
        ['error-list', 'feilliste.xlsx'],
        ['table', 'tabell.xlsx'],
        ['other', 'ødelagt.xlsx'],
      ],
    );
    const list = byName(set, 'feilliste.xlsx', 'error-list');
    assert.deepEqual(list.source, { encoding: 'xlsx', delimiter: '', sheet: 'Feil' });
    assert.deepEqual(
      list.errors.map((row) => [row.brukerNr, row.code, row.severity]),
      [['17', 'T03', 'error']],
    );
    assert.match(byName(set, 'ødelagt.xlsx', 'other').reason, /not a valid \.xlsx workbook/);
  });

  it('files above the size cap are listed with a reason, not read', async () => {
    const folder = await tempDir();
    await writeFile(join(folder, 'stor.csv'), `a;b\n${'1;2\n'.repeat(1000)}`);
    await writeFile(join(folder, 'liten.csv'), 'a;b\n1;2\n');
    const set = await readFeedbackFolder(folder, { maxFileBytes: 1000 });
    const big = byName(set, 'stor.csv', 'other');
    assert.equal(big.size, 4004);
    assert.match(big.reason, /more than the 1 kB the viewer reads/);
    assert.equal(byName(set, 'liten.csv', 'table').table.rows.length, 1);
  });

  it('symbolic links are not followed, to files or to folders', async (t) => {
    if (process.platform === 'win32') return t.skip('symlinks need privileges on Windows');
    const outside = await tempDir();
    await writeFile(join(outside, 'hemmelig.csv'), 'Brukernr;Melding\n1;utenfor mappen\n');
    const folder = await tempDir();
    await writeFile(join(folder, 'feilliste.csv'), 'Brukernr;Feilkode\n1;T01\n');
    await symlink(join(outside, 'hemmelig.csv'), join(folder, 'lenke.csv'));
    await symlink(outside, join(folder, 'lenkemappe'));
    await symlink(join(outside, 'finnes-ikke.csv'), join(folder, 'brutt.csv'));
    const set = await readFeedbackFolder(folder);
    assert.deepEqual(
      set.files.map((file) => file.name),
      ['feilliste.csv'],
    );
  });

  it('a 100 000-row error list reads', async () => {
    const folder = await tempDir();
    const header = 'Kommunenr;Bydel;Brukernr;Tjenestetype;Variabel;Verdi;Feilkode;Alvorlighet;Melding\r\n';
    const rows = Array.from(
      { length: 100_000 },
      (_, i) => `0403;00;${i + 1};1;timerPerUke;200.0;T03;Feil;timerPerUke er 200.0, mer enn 168 timer per uke.\r\n`,
    ).join('');
    await writeFile(join(folder, 'feilliste.csv'), windows1252(header + rows));
    const list = byName(await readFeedbackFolder(folder), 'feilliste.csv', 'error-list');
    assert.equal(list.table.rows.length, 100_000);
    assert.equal(list.errors.length, 100_000);
    assert.equal(list.errors[99_999]?.brukerNr, '100000');
  });

  it('a missing folder is an error that says so; a cancelled read rejects with AbortError', async () => {
    const folder = await tempDir();
    await assert.rejects(readFeedbackFolder(join(folder, 'finnes-ikke')), /does not exist/);
    await assert.rejects(readFeedbackFolder(join(folder, 'finnes-ikke')), LocalFileError);
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(readFeedbackFolder(folder, { signal: controller.signal }), { name: 'AbortError' });
    await assert.rejects(readFeedbackFolder(folder, { signal: controller.signal }), CancelledError);
  });
});
