/**
 * "Seen before?" for one key per client (municipality + brukerNr, rule B03) without keeping
 * the keys: each key is reduced to a 64-bit hash, stored as two 32-bit halves in one
 * Uint32Array, open addressing with linear probing, grown by half at 3/4 load (not doubled:
 * while it grows the old and the new table both exist, and ×1.5 keeps that peak at 2.5 times
 * the old table instead of 3). That is 8 bytes per slot, 10.7–16 bytes per client: a 1 GiB
 * extract of ~1.9 million clients ends in 2.7 million slots = 21.5 MiB, and needs 36 MiB for
 * the moment of its last growth.
 *
 * A hash is not the key: two different keys with the same 64-bit hash would be reported as a
 * duplicate. With n keys the chance of any such pair is about n² / 2^65: 1.1e-7 for two
 * million clients, 1e-11 for the 20 000 of a large municipality — exact enough for a
 * finding that names the brukerNr so a person can look it up.
 */

const EMPTY = 0;
const INITIAL_SLOTS = 1 << 12;

export class DuplicateSet {
  /** Pairs (high, low); a slot whose both halves are 0 is empty (a hash of 0:0 is stored as 0:1). */
  private slots = new Uint32Array(INITIAL_SLOTS * 2);
  private capacity = INITIAL_SLOTS;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Bytes held by the table, for tests and diagnostics. */
  get bytes(): number {
    return this.slots.byteLength;
  }

  /** Adds the key made of `scope` and `key`; false when it was (probably) there already. */
  add(scope: string, key: string): boolean {
    const [high, low] = hash64(scope, key);
    if (this.insert(high, low)) {
      this.count++;
      if (this.count * 4 > this.capacity * 3) this.grow();
      return true;
    }
    return false;
  }

  private insert(high: number, low: number): boolean {
    const slots = this.slots;
    const capacity = this.capacity;
    // The home slot from the high half (the low half is mixed into it by hash64 already).
    let index = high % capacity;
    for (;;) {
      const h = slots[index * 2] as number;
      const l = slots[index * 2 + 1] as number;
      if (h === EMPTY && l === EMPTY) {
        slots[index * 2] = high;
        slots[index * 2 + 1] = low;
        return true;
      }
      if (h === high && l === low) return false;
      index = index + 1 === capacity ? 0 : index + 1;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.capacity = Math.ceil(this.capacity * 1.5);
    this.slots = new Uint32Array(this.capacity * 2);
    for (let i = 0; i < old.length; i += 2) {
      const high = old[i] as number;
      const low = old[i + 1] as number;
      if (high !== EMPTY || low !== EMPTY) this.insert(high, low);
    }
  }
}

/**
 * A 64-bit hash of `scope`, a separator and `key` (UTF-16 code units), as two unsigned 32-bit
 * halves: two multiply-xorshift lanes with different seeds (the cyrb53 construction, keeping
 * all 64 bits), so no string is built per client. Written out without closures: it runs once
 * per client.
 */
export function hash64(scope: string, key: string): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < scope.length; i++) {
    const code = scope.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  // A code unit that cannot occur in an XML attribute value: "ab"+"c" and "a"+"bc" differ.
  h1 = Math.imul(h1 ^ 0xffff, 2654435761);
  h2 = Math.imul(h2 ^ 0xffff, 1597334677);
  for (let i = 0; i < key.length; i++) {
    const code = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const high = h2 >>> 0;
  const low = h1 >>> 0;
  return [high, high === EMPTY && low === EMPTY ? 1 : low];
}
