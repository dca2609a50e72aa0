import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkEntryName, destinationInside } from '../../../src/core/archive/safeEntryPath';

describe('checkEntryName', () => {
  it('accepts ordinary names, Norwegian letters, folders and Windows separators', () => {
    assert.deepEqual(checkEntryName('feilliste æøå.csv'), { ok: true, segments: ['feilliste æøå.csv'] });
    assert.deepEqual(checkEntryName('tilbakemelding/tabeller/tabell 1.csv'), {
      ok: true,
      segments: ['tilbakemelding', 'tabeller', 'tabell 1.csv'],
    });
    assert.deepEqual(checkEntryName('mappe\\fil.txt'), { ok: true, segments: ['mappe', 'fil.txt'] });
    assert.deepEqual(checkEntryName('./mappe//fil.txt'), { ok: true, segments: ['mappe', 'fil.txt'] });
    assert.deepEqual(checkEntryName('console.log'), { ok: true, segments: ['console.log'] });
    assert.deepEqual(checkEntryName('.skjult'), { ok: true, segments: ['.skjult'] });
  });

  it('names the reason for each refusal', () => {
    const reasons: Record<string, RegExp> = {
      '../x': /climbs out/,
      'a/../../x': /climbs out/,
      '/x': /absolute/,
      '\\x': /absolute/,
      'D:x': /drive letter/,
      'COM1.csv': /reserved device name/,
      Lpt9: /reserved device name/,
      'a/CONOUT$': /reserved device name/,
      'x:y': /drive letter/,
      'fil.txt:strøm': /not allowed/,
      'a|b': /not allowed/,
      'a\u0007b': /not allowed/,
      '': /empty/,
      '...': /not a valid/,
    };
    for (const [name, reason] of Object.entries(reasons)) {
      const result = checkEntryName(name);
      assert.equal(result.ok, false, name);
      if (!result.ok) assert.match(result.reason, reason, name);
    }
  });

  it('destinationInside never resolves outside the root', () => {
    assert.equal(destinationInside('/tmp/root', ['a', 'b.txt']), '/tmp/root/a/b.txt');
    assert.throws(() => destinationInside('/tmp/root', ['..', 'x']), /outside/);
  });
});
