/** One feedback round against the one before: fixed, new, remaining — as multisets. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareRounds, compareWithPrevious, currentRowStatuses } from '../../../src/core/rounds';
import { row } from './roundRows';

describe('rounds: comparing two feedback rounds', () => {
  it('sorts rows into fixed, new and remaining, with counts', () => {
    const previous = [row({ brukerNr: '1' }), row({ brukerNr: '2' }), row({ brukerNr: '3', code: 'F01' })];
    const current = [row({ brukerNr: '3', code: 'F01' }), row({ brukerNr: '4' })];
    const result = compareRounds(previous, current);
    assert.deepEqual(result.fixed, [0, 1]);
    assert.deepEqual(result.new, [1]);
    assert.deepEqual(result.remaining, [[2, 0]]);
    assert.deepEqual(result.counts, { fixed: 2, new: 1, remaining: 1 });
    assert.deepEqual(currentRowStatuses(result, current.length), ['remaining', 'new']);
  });

  it('counts duplicates as a multiset: two before and one now is one remaining and one fixed', () => {
    const same = row({ brukerNr: '9', code: 'D01', variable: 'fraDato' });
    const result = compareRounds([same, same, row({ brukerNr: '8' })], [same]);
    assert.deepEqual(result.counts, { fixed: 2, new: 0, remaining: 1 });
    assert.deepEqual(result.remaining, [[0, 0]], 'the first before pairs with the first now');
    assert.deepEqual(result.fixed, [1, 2]);
    const grown = compareRounds([same], [same, same, same]);
    assert.deepEqual(grown.counts, { fixed: 0, new: 2, remaining: 1 });
    assert.deepEqual(grown.new, [1, 2]);
  });

  it('an empty current round fixed everything', () => {
    const previous = [row({ brukerNr: '1' }), row({ brukerNr: '2' })];
    const result = compareRounds(previous, []);
    assert.deepEqual(result.counts, { fixed: 2, new: 0, remaining: 0 });
    assert.deepEqual(currentRowStatuses(result, 0), []);
  });

  it('an empty previous round makes every current row new', () => {
    assert.deepEqual(compareRounds([], [row()]).counts, { fixed: 0, new: 1, remaining: 0 });
  });

  it('without a previous round nothing is fixed or new', () => {
    assert.deepEqual(compareWithPrevious(undefined, [row(), row({ brukerNr: '2' })]), {
      kind: 'no-previous',
      current: 2,
    });
    assert.equal(compareWithPrevious([], [row()]).kind, 'compared');
  });

  it('a client whose number changed between extracts counts as fixed + new (the rows carry no other client key)', () => {
    const previous = [row({ brukerNr: '1001', code: 'T05', serviceType: '15', variable: 'timer', value: '200' })];
    const current = [row({ brukerNr: 'A-1001', code: 'T05', serviceType: '15', variable: 'timer', value: '200' })];
    const result = compareRounds(previous, current);
    assert.deepEqual(result.counts, { fixed: 1, new: 1, remaining: 0 });
  });

  it('an error that moved to another service of the same client is fixed + new', () => {
    const previous = [row({ brukerNr: '5', code: 'T05', serviceType: '15', variable: 'timer' })];
    const current = [row({ brukerNr: '5', code: 'T05', serviceType: '1', variable: 'timer' })];
    assert.deepEqual(compareRounds(previous, current).counts, { fixed: 1, new: 1, remaining: 0 });
  });

  it('an error whose value changed but which still breaks the rule remains', () => {
    const previous = [row({ brukerNr: '5', code: 'T05', serviceType: '15', variable: 'timer', value: '200' })];
    const current = [row({ brukerNr: '5', code: 'T05', serviceType: '15', variable: 'timer', value: '180' })];
    assert.deepEqual(compareRounds(previous, current).counts, { fixed: 0, new: 0, remaining: 1 });
  });

  it('whole-file rows (no client) compare like any other', () => {
    const previous = [row({ brukerNr: '', code: 'P01', variable: 'fraDatoPeriode' })];
    const current = [row({ brukerNr: '', code: 'P01', variable: 'fradatoperiode' })];
    assert.deepEqual(compareRounds(previous, current).counts, { fixed: 0, new: 0, remaining: 1 });
  });

  it('Oslo districts are apart: the same error in another district is fixed + new', () => {
    const result = compareRounds(
      [row({ municipality: '0301', bydel: '01' })],
      [row({ municipality: '0301', bydel: '02' })],
    );
    assert.deepEqual(result.counts, { fixed: 1, new: 1, remaining: 0 });
  });

  it('never pairs two different errors, also among 300 000 identities (where 32-bit hashes collide)', () => {
    // About n²/2³³ ≈ 10 pairs of these identities share a hash: only the field check keeps them apart.
    const many = (from: number, count: number) =>
      Array.from({ length: count }, (_, k) => row({ brukerNr: String(from + k), code: 'T0' + (k % 7) }));
    const previous = many(0, 150_000);
    const current = [...many(150_000, 150_000), ...previous];
    assert.deepEqual(compareRounds(previous, current).counts, { fixed: 0, new: 150_000, remaining: 150_000 });
  });
});
