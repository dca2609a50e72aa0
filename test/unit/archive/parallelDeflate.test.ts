import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { inflateRawSync } from 'node:zlib';
import { parallelDeflate, rechunk } from '../../../src/core/archive/parallelDeflate';

async function* pieces(data: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let offset = 0; offset < data.length; offset += size) yield data.subarray(offset, offset + size);
}

async function collect(source: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of source) chunks.push(chunk);
  return Buffer.concat(chunks);
}

describe('parallelDeflate', () => {
  const text = Buffer.from(
    Array.from(
      { length: 60_000 },
      (_, i) => `<Tjeneste tjenesteType="${i % 29}" fraDato="2025-01-${(i % 28) + 1}"/>\n`,
    ).join(''),
  );

  for (const blockSize of [1000, 32 * 1024, 100_000, 1024 * 1024, 10 * 1024 * 1024]) {
    it(`concatenated blocks form one valid deflate stream (block ${blockSize} B)`, async () => {
      for (const concurrency of [1, 2, 4]) {
        const compressed = await collect(parallelDeflate(pieces(text, 7777), { level: 6, blockSize, concurrency }));
        assert.ok(inflateRawSync(compressed).equals(text), `concurrency ${concurrency}`);
      }
    });
  }

  it('keeps the ratio of a single stream within 1 % thanks to the dictionary', async () => {
    const { deflateRawSync } = await import('node:zlib');
    const single = deflateRawSync(text, { level: 6 }).length;
    const parallel = (await collect(parallelDeflate(pieces(text, 65536), { level: 6, blockSize: 256 * 1024 }))).length;
    assert.ok(parallel <= single * 1.01, `parallel ${parallel} vs single ${single}`);
  });

  it('handles incompressible data and a single byte', async () => {
    const random = randomBytes(3 * 1024 * 1024 + 5);
    assert.ok(
      inflateRawSync(
        await collect(parallelDeflate(pieces(random, 65536), { level: 1, blockSize: 1024 * 1024 })),
      ).equals(random),
    );
    assert.ok(
      inflateRawSync(await collect(parallelDeflate(pieces(Buffer.from('x'), 1), { level: 6, blockSize: 1024 }))).equals(
        Buffer.from('x'),
      ),
    );
  });
});

describe('rechunk', () => {
  it('cuts any input into exact blocks with a shorter last one', async () => {
    const data = randomBytes(10_000);
    const blocks: Buffer[] = [];
    for await (const block of rechunk(pieces(data, 333), 1024)) blocks.push(block);
    assert.deepEqual(
      blocks.map((block) => block.length),
      [...Array(9).fill(1024), 10_000 - 9 * 1024],
    );
    assert.ok(Buffer.concat(blocks).equals(data));
  });
});
