/**
 * The fødselsnummer / D-nummer check against numbers built in the test from Skatteetaten's
 * algorithm (extractText.ts, identityNumber) — synthetic, never a real person's.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { identityNumberProblem } from '../../../src/core/validation';
import { identityNumber, validIdentity } from './extractText';

describe('identity numbers', () => {
  it('accepts a built fødselsnummer for dates in each century range', () => {
    const dates: [number, number, number, number][] = [
      [1, 1, 1900, 0], // 000–499: 1900s
      [31, 12, 1999, 499],
      [29, 2, 1896, 500], // 500–749 with YY ≥ 54: 1800s (1896 is a leap year)
      [15, 6, 2005, 500], // 500–999 with YY ≤ 39: 2000s
      [29, 2, 2000, 999],
      [1, 7, 1955, 900], // 900–999 with YY ≥ 40: 1900s
    ];
    for (const [day, month, year, from] of dates) {
      const number = validIdentity(day, month, year, from);
      assert.equal(identityNumberProblem(number, 'fodselsnummer'), undefined, `${day}.${month}.${year}: ${number}`);
    }
  });

  it('accepts a D-nummer as D-nummer only', () => {
    const number = validIdentity(31, 1, 1970, 200, true);
    assert.equal(number[0], '7', 'day 31 + 40');
    assert.equal(identityNumberProblem(number, 'd-nummer'), undefined);
    assert.equal(identityNumberProblem(number, 'fodselsnummer'), 'not-a-date');
  });

  it('refuses every single-digit change of a valid number (mod 11 catches them all)', () => {
    const number = validIdentity(12, 3, 1941, 100);
    let refused = 0;
    for (let i = 0; i < 11; i++) {
      for (let digit = 0; digit <= 9; digit++) {
        if (String(digit) === number[i]) continue;
        const changed = `${number.slice(0, i)}${digit}${number.slice(i + 1)}`;
        assert.notEqual(identityNumberProblem(changed, 'fodselsnummer'), undefined, changed);
        refused++;
      }
    }
    assert.equal(refused, 11 * 9);
  });

  it('refuses a swap of two neighbouring different digits in the individual number', () => {
    const number = validIdentity(12, 3, 1941, 120);
    const swapped = `${number.slice(0, 6)}${number[7]}${number[6]}${number.slice(8)}`;
    assert.notEqual(number, swapped);
    assert.equal(identityNumberProblem(swapped, 'fodselsnummer'), 'check-digits');
  });

  it('names what is wrong', () => {
    assert.equal(identityNumberProblem('1203411001', 'fodselsnummer'), 'not-11-digits');
    assert.equal(identityNumberProblem('1203411001a', 'fodselsnummer'), 'not-11-digits');
    assert.equal(identityNumberProblem(' 12034110016', 'fodselsnummer'), 'not-11-digits');
    // 30 February, and month 13, with check digits that fit the digits.
    for (const [day, month] of [
      [30, 2],
      [1, 13],
    ] as const) {
      for (let individual = 100; individual < 200; individual++) {
        const number = identityNumber(day, month, 1950, individual);
        if (number === undefined) continue;
        assert.equal(identityNumberProblem(number, 'fodselsnummer'), 'not-a-date', number);
        break;
      }
    }
    // 29 February in a year that is not a leap year (1900).
    const number = identityNumber(29, 2, 1900, 0) ?? identityNumber(29, 2, 1900, 1);
    assert.ok(number);
    assert.equal(identityNumberProblem(number, 'fodselsnummer'), 'not-a-date');
  });

  it('refuses individual numbers 750–899 for YY 40–99 (never issued)', () => {
    for (let individual = 750; individual < 900; individual++) {
      const number = identityNumber(1, 1, 1960, individual);
      if (number === undefined) continue;
      assert.equal(identityNumberProblem(number, 'fodselsnummer'), 'not-a-date', number);
      return;
    }
    assert.fail('no number in the range');
  });
});
