/**
 * "Seen before?" for one key per client (municipality + brukerNr, rule B03) without keeping
 * the keys: each key is reduced to a 64-bit hash, stored as two 32-bit halves in one
 * Uint32Array, open addressing with linear probing, grown by doubling at 3/4 load. That is
 * 8 bytes per slot, 10.7–21 bytes per client (a 1 GiB extract of ~1.9 million clients
 * needs 2^22 slots = 32 MiB, and 48 MiB for the moment it doubles).
 *
 * A hash is not the key: two different keys with the same 64-bit hash would be reported as a
 * duplicate. With n keys the chance of any such pair is about n² / 2^65: 1.1e-7 for two
 * million clients, 1e-11 for the 20 000 of a large municipality — exact enough for a
 * warning that names the brukerNr so a person can look it up.
 */

const EMPTY = 0;
const INITIAL_SLOTS = 1 << 12;

export class DuplicateSet {
  /** Pairs (high, low); a slot whose both halves are 0 is empty (a hash of 0:0 is stored as 0:1). */
  private slots = new Uint32Array(INITIAL_SLOTS * 2);
  private mask = INITIAL_SLOTS - 1;
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
      if (this.count * 4 > (this.mask + 1) * 3) this.grow();
      return true;
    }
    return false;
  }

  private insert(high: number, low: number): boolean {
    const slots = this.slots;
    let index = (low ^ Math.imul(high, 0x9e3779b1)) & this.mask;
    for (;;) {
      const h = slots[index * 2] as number;
      const l = slots[index * 2 + 1] as number;
      if (h === EMPTY && l === EMPTY) {
        slots[index * 2] = high;
        slots[index * 2 + 1] = low;
        return true;
      }
      if (h === high && l === low) return false;
      index = (index + 1) & this.mask;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    this.mask = (this.mask << 1) | 1;
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
 * all 64 bits), so no string is built per client.
 */
export function hash64(scope: string, key: string): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  const mix = (code: number): void => {
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  };
  for (let i = 0; i < scope.length; i++) mix(scope.charCodeAt(i));
  // A code unit that cannot occur in an XML attribute value: "ab"+"c" and "a"+"bc" differ.
  mix(0xffff);
  for (let i = 0; i < key.length; i++) mix(key.charCodeAt(i));
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const high = h2 >>> 0;
  let low = h1 >>> 0;
  if (high === EMPTY && low === EMPTY) low = 1;
  return [high, low];
}
