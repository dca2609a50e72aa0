/**
 * SLOW TEST (~10–30 s; 640 MiB over HTTPS on loopback, 127.0.0.1). The sandbox's MOVEit upload
 * once kept at most 512 MiB and still answered 201 with the shorter size and its hash; a
 * 640 MiB upload must come back whole. The body is generated and hashed as it is sent, and the
 * sandbox streams it to disk, so neither side holds it in memory.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { it } from 'node:test';
import { request } from 'undici';
import { startSandbox } from '../sandbox/server';
import { HttpsClient } from '../helpers/httpsClient';

const MiB = 1024 * 1024;
const SIZE = 640 * MiB; // past the old 512 MiB cut
const BOUNDARY = '----iplos-large-upload';

it(
  'SLOW: a 640 MiB upload to frassb is stored whole (201 with its full size and SHA-1)',
  { timeout: 5 * 60_000 },
  async () => {
    const sandbox = await startSandbox({ port: 0 });
    const client = new HttpsClient(sandbox.info.caFile);
    try {
      const hamar = sandbox.info.municipalities[0] as { username: string; password: string };
      const token = await client.signIn(sandbox.info.ssbUrl, hamar.username, hamar.password);
      const folder = sandbox.portal.folderByPath(`/Home/Ekstern/iplos/${hamar.username}/frassb`);
      const sha1 = createHash('sha1');
      const block = randomBytes(MiB);
      async function* body(): AsyncGenerator<Buffer> {
        yield Buffer.from(
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="stor.zip"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        );
        for (let sent = 0; sent < SIZE; sent += MiB) {
          // Each block differs (its first bytes number it), so a dropped or repeated block changes the hash.
          const chunk = Buffer.from(block);
          chunk.writeUInt32LE(sent / MiB, 0);
          sha1.update(chunk);
          yield chunk;
        }
        yield Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
      }
      const response = await request(`${sandbox.info.ssbUrl}/api/v1/folders/${folder?.id}/files`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
        body: Readable.from(body()),
        dispatcher: client.dispatcher,
      });
      const details = (await response.body.json()) as { id: string; size: number; hash: string };
      assert.equal(response.statusCode, 201);
      assert.equal(details.size, SIZE);
      assert.equal(details.hash, sha1.digest('hex'));
      const stored = sandbox.portal.files.get(details.id);
      assert.equal((await stat(stored?.diskPath as string)).size, SIZE);
    } finally {
      await client.close();
      await sandbox.stop();
    }
  },
);
