import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, beforeEach, describe, it } from 'node:test';
import { CancelledError } from '../../../src/core/abort';
import { LocalFileError } from '../../../src/core/localFileError';
import { createTransport, type Transport } from '../../../src/core/net/transport';
import { SsbPortalClient } from '../../../src/core/ssb/portalClient';
import { BLOCK_SIZE, hashPrefix, receiveToPart } from '../../../src/core/ssb/portalDownload';
import { tempDir } from '../../helpers/tempDir';
import type { DemoMunicipality } from '../../sandbox/demoData';
import { startSandbox, type Sandbox } from '../../sandbox/server';

const sha1 = (data: Buffer): string => createHash('sha1').update(data).digest('hex');

/** `data` cut into pieces of the given sizes (cycled), as a byte stream. */
function pieces(data: Buffer, sizes: number[]): Readable {
  const chunks: Buffer[] = [];
  for (let offset = 0, i = 0; offset < data.length; i++) {
    const size = sizes[i % sizes.length] as number;
    chunks.push(data.subarray(offset, offset + size));
    offset += size;
  }
  return Readable.from(chunks, { objectMode: false });
}

describe('receiveToPart (the download sink)', () => {
  it('writes and hashes pieces that straddle its blocks; progress ends at the length', async () => {
    const dir = await tempDir();
    const data = randomBytes(10_500);
    const progress: number[] = [];
    const hash = createHash('sha1');
    const length = await receiveToPart(pieces(data, [1, 999, 2500, 7, 1000]), join(dir, 'f.part'), {
      start: 0,
      hash,
      bytesTotal: data.length,
      blockSize: 1000,
      onProgress: ({ bytesDone }) => progress.push(bytesDone),
    });
    assert.equal(length, data.length);
    assert.ok((await readFile(join(dir, 'f.part'))).equals(data));
    assert.equal(hash.digest('hex'), sha1(data));
    assert.deepEqual(
      progress,
      [...progress].sort((a, b) => a - b),
      'progress only grows',
    );
    assert.equal(progress.at(-1), data.length);
  });

  it('one piece larger than all its blocks together: the rest waits for a written block, nothing is lost', async () => {
    const dir = await tempDir();
    const data = randomBytes(20_000);
    const hash = createHash('sha1');
    const length = await receiveToPart(pieces(data, [20_000]), join(dir, 'f.part'), {
      start: 0,
      hash,
      bytesTotal: data.length,
      blockSize: 1000,
    });
    assert.equal(length, data.length);
    assert.ok((await readFile(join(dir, 'f.part'))).equals(data));
    assert.equal(hash.digest('hex'), sha1(data));
  });

  it('resumes after the bytes already in the file, and the hash covers them', async () => {
    const dir = await tempDir();
    const data = randomBytes(5000);
    const path = join(dir, 'f.part');
    await writeFile(path, data.subarray(0, 1234));
    const hash = await hashPrefix(path, 1234);
    const length = await receiveToPart(pieces(data.subarray(1234), [300]), path, {
      start: 1234,
      hash,
      bytesTotal: data.length,
      blockSize: 1000,
    });
    assert.equal(length, data.length);
    assert.ok((await readFile(path)).equals(data));
    assert.equal(hash.digest('hex'), sha1(data));
  });

  it('a body that fails mid-way: its error as it is, and what arrived is on disk for the resume', async () => {
    const dir = await tempDir();
    const data = randomBytes(2500);
    const cut = new Error('socket hang up');
    const body = Readable.from(
      (async function* () {
        yield data.subarray(0, 1500);
        yield data.subarray(1500, 2200);
        throw cut;
      })(),
      { objectMode: false },
    );
    await assert.rejects(
      receiveToPart(body, join(dir, 'f.part'), {
        start: 0,
        hash: createHash('sha1'),
        bytesTotal: data.length,
        blockSize: 1000,
      }),
      (error) => error === cut,
    );
    assert.ok((await readFile(join(dir, 'f.part'))).equals(data.subarray(0, 2200)));
  });

  it('a file that cannot be opened is a LocalFileError, and the body is destroyed', async () => {
    const dir = await tempDir();
    const body = pieces(randomBytes(100), [10]);
    await assert.rejects(
      receiveToPart(body, join(dir, 'no-such-folder', 'f.part'), {
        start: 0,
        hash: createHash('sha1'),
        bytesTotal: 100,
      }),
      (error) => error instanceof LocalFileError && error.code === 'disk' && /ENOENT/.test(error.detail ?? ''),
    );
    assert.equal(body.destroyed, true);
  });

  it(
    'a write that fails (a full disk) is a LocalFileError, and the body is destroyed',
    { skip: !existsSync('/dev/full') },
    async () => {
      const body = pieces(randomBytes(5000), [700]);
      await assert.rejects(
        receiveToPart(body, '/dev/full', { start: 0, hash: createHash('sha1'), bytesTotal: 5000, blockSize: 1000 }),
        (error) => error instanceof LocalFileError && /ENOSPC/.test(error.detail ?? ''),
      );
      assert.equal(body.destroyed, true);
    },
  );

  it('a cancel destroys the body at once, even while it is waiting for data', async () => {
    const dir = await tempDir();
    const body = new Readable({ read() {} });
    body.push(randomBytes(1500));
    const controller = new AbortController();
    const receiving = receiveToPart(body, join(dir, 'f.part'), {
      start: 0,
      hash: createHash('sha1'),
      bytesTotal: 10_000,
      blockSize: 1000,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await assert.rejects(receiving, (error: Error) => error.name === 'AbortError');
    assert.equal(body.destroyed, true);
  });
});

// Through the client against the sandbox: a file of several blocks, cut off, resumed, cancelled.
describe('SSB portal client download of a multi-block file', () => {
  let sandbox: Sandbox;
  let transport: Transport;
  let hamar: DemoMunicipality;
  let fileId: string;
  const content = randomBytes(3 * BLOCK_SIZE + 12_345);
  const client = () =>
    new SsbPortalClient(transport.dispatcher, sandbox.info.ssbUrl, {
      orgId: '5281',
      retry: { baseDelayMs: 10, maxDelayMs: 50 },
    });

  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    transport = await createTransport({ caFile: sandbox.info.caFile });
    hamar = sandbox.info.municipalities[0] as DemoMunicipality;
    const frassb = sandbox.portal.folderByPath(`/Home/Ekstern/iplos/${hamar.username}/frassb`)?.id as number;
    fileId = (await sandbox.portal.addFile(frassb, 'stor.zip', content, { username: 'frassb', fullName: 'SSB' })).id;
  });
  beforeEach(() => sandbox.faults.clear());
  after(async () => {
    await transport.close();
    await sandbox.stop();
  });

  it('cut off after more than a block: resumes with Range from what was written, and verifies', async () => {
    const dir = await tempDir();
    sandbox.faults.set({ dropDownloadAfterBytes: { bytes: BLOCK_SIZE + 500_000 } });
    const ssb = client();
    await ssb.signIn(hamar.username, hamar.password);
    const { path } = await ssb.download(fileId, dir, { markRead: false });
    assert.ok((await readFile(path)).equals(content));
    assert.deepEqual(await readdir(dir), ['stor.zip']);
    const ranges = sandbox.requests
      .filter((record) => record.path.includes(`/files/${fileId}/download`) && record.range !== undefined)
      .map((record) => Number(/^bytes=(\d+)-$/.exec(record.range ?? '')?.[1]));
    assert.equal(ranges.length, 1, 'one resume');
    // The server's socket is cut after its last write of up to 64 KiB, so the client may have less than that.
    const from = ranges[0] as number;
    assert.ok(from > BLOCK_SIZE && from <= BLOCK_SIZE + 500_000, `resumed from ${from}: past the first block`);
  });

  it('cancel mid-stream (after the first block): CancelledError, and neither file nor .part is left', async () => {
    const dir = await tempDir();
    const ssb = client();
    await ssb.signIn(hamar.username, hamar.password);
    const controller = new AbortController();
    await assert.rejects(
      ssb.download(fileId, dir, {
        markRead: false,
        signal: controller.signal,
        onProgress: ({ bytesDone }) => {
          if (bytesDone >= BLOCK_SIZE) controller.abort();
        },
      }),
      (error: unknown) => error instanceof CancelledError,
    );
    assert.deepEqual(await readdir(dir), []);
  });
});
