/**
 * Rounds from real files: SSB's error list read by the feedback reader (a folder the sandbox's SSB
 * writes for a generated extract), and the local control's findings for the same extract.
 */
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseDelimitedTable, readErrorList, readFeedbackFolder } from '../../../src/core/feedback';
import {
  compareLocalWithSsb,
  roundErrorsFromErrorList,
  roundErrorsFromFindings,
  roundFromFeedback,
} from '../../../src/core/rounds';
import { validateExtract } from '../../../src/core/validation';
import { writeExtract, type ExtractOptions } from '../../fixtures/extractGenerator';
import { tempDir } from '../../helpers/tempDir';
import { csv, feedbackFiles } from '../../sandbox/ssb/feedbackFiles';
import { ssbCheck, ssbOnlyFindings } from '../../sandbox/ssb/ssbCheck';

async function extractAndFeedback(options: ExtractOptions): Promise<{ extract: string; folder: string }> {
  const dir = await tempDir();
  const extract = join(dir, 'uttrekk.xml');
  await writeExtract(extract, options);
  const result = await ssbCheck(extract, options.municipality, options.year);
  const folder = join(dir, 'tilbakemelding');
  await mkdir(folder);
  const context = { municipality: options.municipality, bydel: '00', year: options.year, environment: 'test' };
  for (const file of feedbackFiles(result, context)) await writeFile(join(folder, file.name), file.content);
  return { extract, folder };
}

describe('rounds: rows from SSB error lists and local findings', () => {
  it('takes municipality and district from the row when the list has them, else from the place', () => {
    const withColumns = readErrorList(
      parseDelimitedTable(
        csv([
          ['Kommunenr', 'Bydel', 'Brukernr', 'Tjenestetype', 'Feilkode', 'Melding'],
          ['301', '3', '17', '01', 't05', 'For mange timer'],
          ['', '', '18', '', 'B01', 'Mangler'],
        ]),
      ).table,
    );
    assert.ok(withColumns);
    const rows = roundErrorsFromErrorList(
      {
        ...withColumns,
        kind: 'error-list',
        name: 'feilliste.csv',
        size: 0,
        source: { encoding: 'utf-8', delimiter: ';' },
        malformed: { count: 0, examples: [] },
      },
      { municipality: '0301', bydel: '05' },
    );
    assert.deepEqual(
      rows.map((r) => [r.municipality, r.bydel, r.brukerNr, r.serviceType, r.code]),
      [
        ['0301', '03', '17', '1', 'T05'],
        ['0301', '05', '18', '', 'B01'],
      ],
    );
  });

  it('reads the round of a feedback folder, and a folder without an error list as an empty round', async () => {
    const { folder } = await extractAndFeedback({
      municipality: '0403',
      year: 2025,
      clients: 60,
      seed: 3,
      plant: { T01: 2, F01: 1 },
    });
    const round = roundFromFeedback(await readFeedbackFolder(folder), { municipality: '0403', bydel: '00' });
    assert.equal(round.file, 'feilliste.csv');
    assert.deepEqual(round.errors.map((r) => r.code).sort(), ['F01', 'T01', 'T01']);
    const empty = await tempDir();
    await writeFile(join(empty, 'les_meg.txt'), 'Ingen feil.\r\n');
    assert.deepEqual(roundFromFeedback(await readFeedbackFolder(empty), { municipality: '0403', bydel: '00' }), {
      errors: [],
    });
  });

  it('local control vs SSB: what SSB found alone is exactly its register rows (R01, R02)', async () => {
    const options = { municipality: '0403', year: 2025, clients: 2500, seed: 4, errors: 8 };
    const { extract, folder } = await extractAndFeedback(options);
    const report = await validateExtract(extract, { municipality: '0403', year: 2025 });
    const local = roundErrorsFromFindings(report.findings, { municipality: '0403', bydel: '00' });
    const ssb = roundFromFeedback(await readFeedbackFolder(folder), { municipality: '0403', bydel: '00' }).errors;
    const result = compareLocalWithSsb(local, report.tallies, ssb);
    const registerRows = await ssbOnlyFindings(extract, '0403', 2025);
    assert.ok(registerRows.length > 0, 'seed 4 gives SSB-only rows');
    assert.deepEqual(
      result.ssbOnly.map((index) => [ssb[index]?.code, ssb[index]?.brukerNr]).sort(),
      registerRows.map((finding) => [finding.ruleId, finding.brukerNr]).sort(),
    );
    assert.deepEqual(result.counts, {
      both: report.findings.length,
      ssbOnly: registerRows.length,
      localOnly: 0,
      notListedLocally: 0,
    });
  });

  it('local control vs SSB: SSB rows of a rule the local list cut short are "not listed locally", not "SSB only"', async () => {
    const options = { municipality: '0403', year: 2025, clients: 40, seed: 5, plant: { T01: 5 } };
    const { extract, folder } = await extractAndFeedback(options);
    const report = await validateExtract(extract, { municipality: '0403', year: 2025, maxPerRule: 2 });
    const local = roundErrorsFromFindings(report.findings, { municipality: '0403', bydel: '00' });
    const ssb = roundFromFeedback(await readFeedbackFolder(folder), { municipality: '0403', bydel: '00' }).errors;
    const result = compareLocalWithSsb(local, report.tallies, ssb);
    assert.deepEqual(
      {
        both: result.counts.both,
        ssbOnlyT01: result.ssbOnly.filter((i) => ssb[i]?.code === 'T01').length,
        notListed: result.counts.notListedLocally,
      },
      { both: 2, ssbOnlyT01: 0, notListed: 3 },
    );
  });

  it("local findings before the first Kommune take the place's municipality", () => {
    const rows = roundErrorsFromFindings(
      [
        {
          ruleId: 'C01',
          code: 'C01',
          severity: 'error',
          origin: 'local',
          kommuneNr: '',
          element: 'Melding',
          line: 2,
          column: 1,
          brukerNr: '',
          severityText: 'Feil',
          serviceType: '',
          variable: '',
          value: '',
          message: 'No contact person',
        },
      ],
      { municipality: '5001', bydel: '00' },
    );
    assert.equal(rows[0]?.municipality, '5001');
  });
});
