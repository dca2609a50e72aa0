/** B03's hash set: exact for the sizes of a municipality, bounded in bytes per key. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DuplicateSet, hash64 } from '../../../src/core/validation/duplicateSet';

describe('DuplicateSet', () => {
  it('says when a key was seen, per scope', () => {
    const set = new DuplicateSet();
    assert.equal(set.add('0403', '1001'), true);
    assert.equal(set.add('0403', '1002'), true);
    assert.equal(set.add('0403', '1001'), false);
    assert.equal(set.add('0301', '1001'), true, 'another municipality');
    assert.equal(set.size, 3);
  });

  it('does not mix up scope and key boundaries', () => {
    assert.notDeepEqual(hash64('040', '31001'), hash64('0403', '1001'));
    const set = new DuplicateSet();
    assert.equal(set.add('040', '31001'), true);
    assert.equal(set.add('0403', '1001'), true);
  });

  it('keeps 300 000 keys exactly, in at most 16 bytes of table per key once grown', () => {
    const set = new DuplicateSet();
    const count = 300_000;
    for (let i = 0; i < count; i++) assert.equal(set.add('0403', String(100000 + i)), true);
    for (let i = 0; i < count; i += 997) assert.equal(set.add('0403', String(100000 + i)), false);
    assert.equal(set.size, count);
    // Slots of 8 bytes, grown by half at 3/4 load: between 10.7 and 16 bytes per key.
    assert.ok(set.bytes <= count * 16, `${set.bytes} bytes`);
    assert.ok(set.bytes >= (count * 8 * 4) / 3, 'load at most 3/4');
  });
});
