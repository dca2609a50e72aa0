/** The current error list with the comparison written into it: a Status column and the fixed rows after the current ones. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDelimitedTable, readErrorList, type ErrorListFile } from '../../../src/core/feedback';
import { compareErrorLists, placesOfRounds } from '../../../src/core/rounds';
import { csv } from '../../sandbox/ssb/feedbackFiles';

function errorList(rows: string[][]): ErrorListFile {
  const list = readErrorList(parseDelimitedTable(csv(rows)).table);
  assert.ok(list);
  return {
    ...list,
    kind: 'error-list',
    name: 'feilliste.csv',
    size: 0,
    source: { encoding: 'utf-8', delimiter: ';' },
    malformed: { count: 0, examples: [] },
  };
}

const place = { municipality: '0403', bydel: '00' };

describe('rounds: the compared error list', () => {
  it('adds a Status column, keeps the current rows where they were and appends the fixed ones under the right columns', () => {
    const previous = errorList([
      ['Feilkode', 'Brukernr', 'Melding'], // another column order than the current list
      ['T01', '1', 'Ukjent tjenestetype'],
      ['F01', '2', 'Mangler fødselsår'],
    ]);
    const current = errorList([
      ['Kommunenr', 'Brukernr', 'Feilkode', 'Melding'],
      ['0403', '2', 'F01', 'Mangler fødselsår'],
      ['0403', '3', 'B01', 'Ny feil'],
    ]);
    const compared = compareErrorLists({ file: current, place }, { file: previous, place });
    assert.deepEqual(compared.counts, { fixed: 1, new: 1, remaining: 1 });
    assert.deepEqual(
      compared.file.table.columns.map((column) => column.name),
      ['Kommunenr', 'Brukernr', 'Feilkode', 'Melding', 'Status'],
    );
    assert.equal(compared.statusColumn, 4);
    assert.deepEqual(compared.file.table.rows, [
      ['0403', '2', 'F01', 'Mangler fødselsår', 'Remaining'],
      ['0403', '3', 'B01', 'Ny feil', 'New'],
      ['', '1', 'T01', 'Ukjent tjenestetype', 'Fixed'],
    ]);
    assert.deepEqual(compared.statuses, ['remaining', 'new', 'fixed']);
    assert.deepEqual(
      compared.file.errors.map((error) => [error.row, error.brukerNr, error.code]),
      [
        [0, '2', 'F01'],
        [1, '3', 'B01'],
        [2, '1', 'T01'],
      ],
    );
    assert.equal(current.table.rows[0]?.length, 4, 'the current list itself is not changed');
  });

  it('without a previous list every row is new', () => {
    const current = errorList([
      ['Brukernr', 'Feilkode'],
      ['7', 'T01'],
    ]);
    const compared = compareErrorLists({ file: current, place }, { file: undefined, place });
    assert.deepEqual(compared.statuses, ['new']);
    assert.deepEqual(compared.counts, { fixed: 0, new: 1, remaining: 0 });
  });

  it('a current round without an error list (SSB found nothing): the previous columns, every previous row fixed', () => {
    const previous = errorList([
      ['Kommunenr', 'Brukernr', 'Feilkode', 'Melding'],
      ['0403', '1', 'T01', 'Ukjent tjenestetype'],
      ['0403', '2', 'F01', 'Mangler fødselsår'],
    ]);
    const compared = compareErrorLists({ file: undefined, place }, { file: previous, place });
    assert.deepEqual(compared.counts, { fixed: 2, new: 0, remaining: 0 });
    assert.deepEqual(
      compared.file.table.columns.map((column) => column.name),
      ['Kommunenr', 'Brukernr', 'Feilkode', 'Melding', 'Status'],
    );
    assert.deepEqual(compared.file.table.rows, [
      ['0403', '1', 'T01', 'Ukjent tjenestetype', 'Fixed'],
      ['0403', '2', 'F01', 'Mangler fødselsår', 'Fixed'],
    ]);
    assert.deepEqual(compared.statuses, ['fixed', 'fixed']);
  });
});

describe('rounds: whose compared rounds are', () => {
  const hamar = { municipality: '0403', bydel: '00' };
  const oslo = { municipality: '0301', bydel: '01' };
  it("a side that does not say takes the other side's place; both known stay as they are", () => {
    assert.deepEqual(placesOfRounds(undefined, hamar), { earlier: hamar, later: hamar });
    assert.deepEqual(placesOfRounds(oslo, undefined), { earlier: oslo, later: oslo });
    assert.deepEqual(placesOfRounds(oslo, hamar), { earlier: oslo, later: hamar });
    assert.deepEqual(placesOfRounds(undefined, undefined), {
      earlier: { municipality: '0000', bydel: '00' },
      later: { municipality: '0000', bydel: '00' },
    });
  });
});
