/** xs:date as IPLOS writes it: the calendar is checked, a time zone is allowed. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseIsoDate } from '../../../src/core/validation/isoDate';

describe('parseIsoDate', () => {
  it('reads dates, with or without a time zone, trimmed', () => {
    assert.deepEqual(parseIsoDate('2025-02-28'), { raw: '2025-02-28', year: 2025, day: '2025-02-28' });
    assert.deepEqual(parseIsoDate(' 2024-02-29Z '), { raw: '2024-02-29Z', year: 2024, day: '2024-02-29' });
    assert.equal(parseIsoDate('2025-03-01+01:00')?.day, '2025-03-01');
    assert.equal(parseIsoDate('2025-03-01-05:30')?.day, '2025-03-01');
  });

  it('refuses what is not a date of the calendar', () => {
    for (const text of [
      '',
      '2025-02-29',
      '1900-02-29',
      '2025-13-01',
      '2025-00-10',
      '2025-04-31',
      '2025-1-01',
      '25-01-01',
      '2025/01/01',
      '01.01.2025',
      '2025-01-01T00:00',
      '2025-01-01+0100',
      '2025-01-0a',
      '2025-01-01X',
    ]) {
      assert.equal(parseIsoDate(text), undefined, text);
    }
    // The same text asked twice (the cache) gives the same answer.
    assert.equal(parseIsoDate('2025-02-29'), undefined);
    assert.equal(parseIsoDate('2000-02-29')?.year, 2000);
  });
});
