/**
 * The deadlines: `MM-DD` settings in the year after the reporting year, counted in calendar
 * days in Norwegian time; a bad value is refused with the key to fix.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isMonthDay, settingsFrom, SettingsError } from '../../../src/core/config/settings';
import { daysBetween, deadline, deadlineDate, osloDate } from '../../../src/core/overview';

describe('deadlines', () => {
  it('a month-day falls in the year after the reporting year; 29 February becomes the 28th when the year has none', () => {
    assert.equal(deadlineDate(2025, '01-15'), '2026-01-15');
    assert.equal(deadlineDate(2027, '02-29'), '2028-02-29');
    assert.equal(deadlineDate(2025, '02-29'), '2026-02-28');
  });

  it('days are counted in Norway: 23:30 UTC on 14 January is already the 15th there', () => {
    assert.equal(osloDate(new Date('2026-01-14T23:30:00Z')), '2026-01-15');
    assert.equal(osloDate(new Date('2026-07-14T21:30:00Z')), '2026-07-14'); // summer time: 23:30 in Norway
    const due = deadline(
      'reporting',
      2025,
      { reportingDeadline: '01-15', correctionDeadline: '03-31' },
      new Date('2026-01-14T23:30:00Z'),
    );
    assert.equal(due.daysLeft, 0);
  });

  it('across the change to summer time a day is still a day', () => {
    assert.equal(daysBetween('2026-03-28', '2026-03-30'), 2);
  });

  it('settings: MM-DD only, with the key named in the error', () => {
    for (const good of ['01-15', '03-31', '02-29', '12-31']) assert.ok(isMonthDay(good), good);
    for (const bad of ['1-15', '15.01', '13-01', '02-30', '04-31', '00-10', 115, undefined])
      assert.equal(isMonthDay(bad), false, String(bad));
    assert.equal(settingsFrom({ reportingDeadline: '01-31' }).reportingDeadline, '01-31');
    assert.throws(
      () => settingsFrom({ correctionDeadline: '31.03' }),
      (error: unknown) => error instanceof SettingsError && /correctionDeadline/.test(error.message),
    );
  });
});
