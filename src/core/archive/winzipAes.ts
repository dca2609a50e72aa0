/**
 * WinZip AES (AE-1/AE-2) on Node's native crypto. zip.js ships its own AES in WASM/JS
 * (~80–110 MB/s); OpenSSL with AES-NI is an order of magnitude faster, so the hot path
 * of encrypt and decrypt uses this module while zip.js handles the zip container.
 *
 * Format (WinZip "AES Encryption Information"): PBKDF2-HMAC-SHA1 with 1000 iterations
 * over the salt gives encryption key ‖ MAC key ‖ 2-byte password verifier; data is
 * AES-CTR with a *little-endian* 128-bit counter starting at 1 (which OpenSSL's CTR mode,
 * big-endian, cannot produce — hence an ECB keystream); the MAC is HMAC-SHA1 over the
 * ciphertext, truncated to 10 bytes.
 */
import {
  createCipheriv,
  createHmac,
  pbkdf2Sync,
  randomBytes,
  timingSafeEqual,
  type Cipher,
  type Hmac,
} from 'node:crypto';

export type AesStrength = 1 | 2 | 3;

export const AES_MAC_LENGTH = 10;
export const AES_VERIFIER_LENGTH = 2;
const PBKDF2_ITERATIONS = 1000;
const BLOCK = 16;

export function keyLengthOf(strength: AesStrength): number {
  return 8 + strength * 8; // 16, 24, 32 bytes
}

export function saltLengthOf(strength: AesStrength): number {
  return 4 + strength * 4; // 8, 12, 16 bytes
}

export interface AesKeys {
  readonly encryptionKey: Buffer;
  readonly macKey: Buffer;
  readonly verifier: Buffer;
}

export function deriveAesKeys(password: Uint8Array, salt: Uint8Array, strength: AesStrength): AesKeys {
  const keyLength = keyLengthOf(strength);
  const material = pbkdf2Sync(password, salt, PBKDF2_ITERATIONS, keyLength * 2 + AES_VERIFIER_LENGTH, 'sha1');
  return {
    encryptionKey: material.subarray(0, keyLength),
    macKey: material.subarray(keyLength, keyLength * 2),
    verifier: material.subarray(keyLength * 2),
  };
}

export function newSalt(strength: AesStrength): Buffer {
  return randomBytes(saltLengthOf(strength));
}

/** Streaming WinZip AES-CTR + HMAC-SHA1, one instance per entry. */
export class WinZipAesStream {
  private readonly ecb: Cipher;
  private readonly hmac: Hmac;
  private nextCounter = 1;
  private spare: Buffer = Buffer.alloc(0);
  private counters: Buffer = Buffer.alloc(0);

  constructor(
    keys: AesKeys,
    private readonly direction: 'encrypt' | 'decrypt',
  ) {
    this.ecb = createCipheriv(`aes-${keys.encryptionKey.length * 8}-ecb`, keys.encryptionKey, null);
    this.ecb.setAutoPadding(false);
    this.hmac = createHmac('sha1', keys.macKey);
  }

  /** Encrypts or decrypts the next bytes of the entry. The input is not modified. */
  update(input: Uint8Array): Buffer {
    if (this.direction === 'decrypt') this.hmac.update(input);
    const output = Buffer.allocUnsafeSlow(input.length);
    output.set(input);
    xorInPlace(output, this.keystream(input.length));
    if (this.direction === 'encrypt') this.hmac.update(output);
    return output;
  }

  /** The 10-byte authentication code over all ciphertext seen so far. */
  authenticationCode(): Buffer {
    return this.hmac.digest().subarray(0, AES_MAC_LENGTH);
  }

  private keystream(length: number): Buffer {
    const fromSpare = Math.min(length, this.spare.length);
    const needed = length - fromSpare;
    const blocks = Math.ceil(needed / BLOCK);
    const counters = this.counterBlocks(blocks);
    const fresh = this.ecb.update(counters);
    const stream = Buffer.allocUnsafeSlow(length);
    this.spare.copy(stream, 0, 0, fromSpare);
    fresh.copy(stream, fromSpare, 0, needed);
    this.spare = fresh.subarray(needed);
    return stream;
  }

  /** The next `blocks` counter blocks: a little-endian 64-bit counter in the first 8 bytes, zeros after. */
  private counterBlocks(blocks: number): Buffer {
    if (this.counters.length < blocks * BLOCK) this.counters = Buffer.alloc(blocks * BLOCK);
    const words = new Uint32Array(this.counters.buffer, this.counters.byteOffset, blocks * 4);
    let low = this.nextCounter % 0x1_0000_0000;
    let high = Math.floor(this.nextCounter / 0x1_0000_0000);
    for (let i = 0; i < blocks * 4; i += 4) {
      words[i] = low;
      words[i + 1] = high;
      if (++low === 0x1_0000_0000) {
        low = 0;
        high++;
      }
    }
    this.nextCounter += blocks;
    return this.counters.subarray(0, blocks * BLOCK);
  }
}

export function macMatches(expected: Uint8Array, actual: Uint8Array): boolean {
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** XORs `mask` into `target`; both start at offset 0 of their own ArrayBuffer (allocUnsafeSlow). */
function xorInPlace(target: Buffer, mask: Buffer): void {
  const words = target.length >>> 2;
  if (target.byteOffset % 4 === 0 && mask.byteOffset % 4 === 0) {
    const t = new Int32Array(target.buffer, target.byteOffset, words);
    const m = new Int32Array(mask.buffer, mask.byteOffset, words);
    for (let i = 0; i < words; i++) t[i] = (t[i] as number) ^ (m[i] as number);
  } else {
    for (let i = 0; i < words * 4; i++) target[i] = (target[i] as number) ^ (mask[i] as number);
  }
  for (let i = words * 4; i < target.length; i++) target[i] = (target[i] as number) ^ (mask[i] as number);
}
