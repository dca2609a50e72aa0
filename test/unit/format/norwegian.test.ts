import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  formatBytes,
  formatDate,
  formatDateTime,
  formatDuration,
  formatInteger,
  formatMilliseconds,
  formatRate,
} from '../../../src/core/format/norwegian';

// nb-NO groups thousands with a no-break space (U+00A0) and uses a decimal comma.
const nbsp = '\u00a0';

describe('Norwegian formats', () => {
  it('numbers: space-grouped thousands, decimal comma', () => {
    assert.equal(formatInteger(1234567), `1${nbsp}234${nbsp}567`);
    assert.equal(formatBytes(999), '999 B');
    assert.equal(formatBytes(173_200), '173,2 kB');
    assert.equal(formatBytes(1_500_000_000), '1,5 GB');
    assert.equal(formatRate(12_300_000), '12,3 MB/s');
    assert.equal(formatMilliseconds(850), '850 ms');
    assert.equal(formatMilliseconds(1250), '1,3 s');
  });

  it("dates: dd.mm.yyyy in Norwegian time, whatever the machine's zone", () => {
    assert.equal(formatDate('2026-01-14T23:30:00Z'), '15.01.2026', 'after midnight in Oslo');
    assert.equal(formatDateTime('2026-07-01T10:05:00Z'), '01.07.2026, 12:05', 'summer time');
    assert.equal(formatDateTime('not a date'), 'not a date');
  });

  it('durations: seconds, minutes, hours', () => {
    assert.equal(formatDuration(45), '45 s');
    assert.equal(formatDuration(170), '3 min');
    assert.equal(formatDuration(3900), '1 t 5 min');
  });
});
