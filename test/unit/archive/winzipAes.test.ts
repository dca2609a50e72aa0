/**
 * WinZip AES-CTR against a reference written from the format's text (a little-endian counter
 * in the block's first 8 bytes, from 1; HMAC-SHA1 over the ciphertext, 10 bytes), fed in
 * chunks of every awkward size, and across the carry from the counter's low 32-bit word.
 */
import assert from 'node:assert/strict';
import { createCipheriv, createHmac, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { WinZipAesStream, type AesKeys } from '../../../src/core/archive/winzipAes';

function keysOf(length: 16 | 24 | 32): AesKeys {
  return { encryptionKey: randomBytes(length), macKey: randomBytes(20), verifier: randomBytes(2) };
}

/** One ECB call per block: slow and obviously right. */
function referenceCtr(keys: AesKeys, data: Buffer, firstCounter: number): Buffer {
  const out = Buffer.alloc(data.length);
  for (let block = 0; block * 16 < data.length; block++) {
    const counter = Buffer.alloc(16);
    counter.writeBigUInt64LE(BigInt(firstCounter + block));
    const ecb = createCipheriv(`aes-${keys.encryptionKey.length * 8}-ecb`, keys.encryptionKey, null);
    ecb.setAutoPadding(false);
    const stream = ecb.update(counter);
    for (let i = block * 16; i < Math.min(data.length, block * 16 + 16); i++)
      out[i] = (data[i] as number) ^ (stream[i - block * 16] as number);
  }
  return out;
}

function feed(aes: WinZipAesStream, data: Buffer, sizes: number[]): Buffer {
  const out: Buffer[] = [];
  let at = 0;
  for (let i = 0; at < data.length; i++) {
    const size = Math.min(sizes[i % sizes.length] as number, data.length - at);
    const chunk = data.subarray(at, at + size);
    const before = Buffer.from(chunk);
    out.push(Buffer.from(aes.update(chunk)));
    assert.deepEqual(chunk, before, 'the input is not modified');
    at += size;
  }
  return Buffer.concat(out);
}

describe('WinZip AES stream', () => {
  it('matches the reference for every key length, in chunks of awkward sizes and unaligned views', () => {
    const data = randomBytes(70_001);
    for (const length of [16, 24, 32] as const) {
      const keys = keysOf(length);
      const expected = referenceCtr(keys, data, 1);
      for (const sizes of [[70_001], [1], [15, 17, 3], [4096, 1, 65_536], [16, 32, 5000]]) {
        const aes = new WinZipAesStream(keys, 'encrypt');
        assert.ok(feed(aes, data, sizes).equals(expected), `AES-${length * 8} in chunks ${sizes.join(',')}`);
        const mac = createHmac('sha1', keys.macKey).update(expected).digest().subarray(0, 10);
        assert.ok(aes.authenticationCode().equals(mac), 'MAC over the ciphertext');
      }
      // Decrypting a view that starts at an odd offset of its buffer.
      const padded = Buffer.concat([Buffer.alloc(3), expected]).subarray(3);
      const decrypt = new WinZipAesStream(keys, 'decrypt');
      assert.ok(feed(decrypt, padded, [1000, 7, 33_333]).equals(data));
      const mac = createHmac('sha1', keys.macKey).update(expected).digest().subarray(0, 10);
      assert.ok(decrypt.authenticationCode().equals(mac), 'decrypt MACs the ciphertext it was given');
    }
  });

  it('carries from the low 32-bit word of the counter into the next', () => {
    const keys = keysOf(32);
    const data = randomBytes(16 * 64 + 9);
    const first = 0x1_0000_0000 - 20; // the carry falls inside the first chunk
    const aes = new WinZipAesStream(keys, 'encrypt', { firstCounter: first });
    assert.ok(feed(aes, data, [16 * 10 + 3, 16 * 40]).equals(referenceCtr(keys, data, first)));
  });
});
