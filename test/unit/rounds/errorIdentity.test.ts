/** The identity of an error row across rounds: which fields make it, how they are normalised. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { errorIdentity, normaliseRoundError } from '../../../src/core/rounds';
import { row } from './roundRows';

describe('rounds: the identity of an error row', () => {
  it('is the same for rows that differ only in value, severity or message', () => {
    const before = row({ brukerNr: '17', serviceType: '15', variable: 'timer', code: 'T05', value: '200' });
    const after = row({
      brukerNr: '17',
      serviceType: '15',
      variable: 'timer',
      code: 'T05',
      value: '180',
      severity: 'warning',
      message: 'More than 168 hours a week',
    });
    assert.equal(errorIdentity(before), errorIdentity(after));
  });

  for (const field of ['municipality', 'bydel', 'brukerNr', 'serviceType', 'variable', 'code'] as const) {
    it(`differs when ${field} differs`, () => {
      const base = row({
        municipality: '0403',
        bydel: '00',
        brukerNr: '1',
        serviceType: '1',
        variable: 'a',
        code: 'T01',
      });
      const other = row({ ...base, [field]: field === 'bydel' ? '07' : 'X9' });
      assert.notEqual(errorIdentity(base), errorIdentity(other));
    });
  }

  it('normalises what spreadsheets and writers vary: leading zeros, empty district, case', () => {
    const fromExcel = normaliseRoundError({
      municipality: ' 403 ',
      bydel: '',
      brukerNr: ' 1001 ',
      serviceType: '01',
      variable: 'TilDato',
      code: 't01',
      severity: 'error',
      value: '',
      message: '',
    });
    assert.deepEqual(
      { ...fromExcel, severity: undefined, value: undefined, message: undefined },
      {
        municipality: '0403',
        bydel: '00',
        brukerNr: '1001',
        serviceType: '1',
        variable: 'tildato',
        code: 'T01',
        severity: undefined,
        value: undefined,
        message: undefined,
      },
    );
    assert.equal(errorIdentity(fromExcel), errorIdentity(row({ serviceType: '1', variable: 'tilDato' })));
    assert.equal(normaliseRoundError({ ...fromExcel, bydel: '7' }).bydel, '07');
  });

  it('keeps fields apart: no two different identities give the same key', () => {
    const a = row({ brukerNr: '1', serviceType: '23' });
    const b = row({ brukerNr: '12', serviceType: '3' });
    assert.notEqual(errorIdentity(a), errorIdentity(b));
  });
});
