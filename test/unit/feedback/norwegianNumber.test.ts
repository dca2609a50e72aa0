import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isNumericColumn, parseNorwegianNumber } from '../../../src/core/feedback';

const nbsp = '\u00a0';
const narrowNbsp = '\u202f';

describe('feedback: Norwegian numbers', () => {
  it('reads Norwegian and plain numbers', () => {
    const cases: [string, number][] = [
      ['1234', 1234],
      ['0', 0],
      ['1 234', 1234],
      [`1${nbsp}234${nbsp}567`, 1234567],
      [`12${narrowNbsp}345,75`, 12345.75],
      ['1 234,5', 1234.5],
      ['12,5', 12.5],
      ['0,5', 0.5],
      ['-12,5', -12.5],
      ['\u221212,5', -12.5],
      ['-0,25', -0.25],
      ['1234.5', 1234.5],
      ['1.234', 1.234],
      ['  42 ', 42],
      [`${nbsp}7${nbsp}`, 7],
      ['12 %', 12],
      ['12,5%', 12.5],
      [`99${nbsp}%`, 99],
    ];
    for (const [text, expected] of cases) assert.equal(parseNorwegianNumber(text), expected, JSON.stringify(text));
    assert.equal(
      parseNorwegianNumber(new Intl.NumberFormat('nb-NO').format(-1234.5)),
      -1234.5,
      'as Intl writes it: U+2212 and U+00A0',
    );
  });

  it('rejects codes with a leading zero, dates, times and other text', () => {
    for (const text of [
      '0403',
      '00',
      '05',
      '0 123',
      '00,5',
      '2025-01-31',
      '31.01.2025',
      '1.234,5',
      '1,234.5',
      '12:30',
      '1e5',
      'Infinity',
      'NaN',
      '',
      '  ',
      ',5',
      '5,',
      '1 23',
      '12 34',
      '+5',
      '--5',
      'T01',
      'Totalt',
      '0–17',
      '%',
      '1 234 %%',
    ])
      assert.equal(parseNorwegianNumber(text), undefined, JSON.stringify(text));
  });

  it('a column is numeric when every non-empty cell is a number, and at least one is', () => {
    const rows = [
      ['1 234', '0403', '', 'x'],
      ['12,5', '3403', '', '1'],
      ['', '5001', '', '2'],
    ];
    assert.equal(isNumericColumn(rows, 0), true, 'numbers with an empty cell');
    assert.equal(isNumericColumn(rows, 1), false, 'municipality codes, one with a leading zero');
    assert.equal(isNumericColumn(rows, 2), false, 'all empty');
    assert.equal(isNumericColumn(rows, 3), false, 'text among numbers');
    assert.equal(isNumericColumn([], 0), false, 'no rows');
  });
});
