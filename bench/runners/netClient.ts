// The client side of the network benchmark as one small program, bundled by the bench so
// that it runs like the shipped CLI (no TypeScript loader): upload | download | fetch-decrypt,
// and the floor-* modes: the same GET through the same undici transport with none of our
// download code — only receiving (floor-receive), + SHA-1 (floor-sha1), + writing the file in
// 1 MiB blocks (floor-sha1-write) — to show what Node itself costs before our code runs.
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { decryptArchive } from '../../src/core/archive';
import { IpisClient } from '../../src/core/ipis/ipisClient';
import type { Dispatcher } from 'undici';
import { createTransport } from '../../src/core/net/transport';
import { SsbPortalClient } from '../../src/core/ssb/portalClient';

async function main(): Promise<void> {
  const [mode, configPath] = process.argv.slice(2) as [string, string];
  const config = JSON.parse(readFileSync(configPath, 'utf8')) as Record<string, string>;
  const transport = await createTransport({ caFile: config.caFile as string });
  try {
    if (mode === 'upload') {
      const client = new IpisClient(transport.dispatcher, config.ipisUrl as string, {
        municipality: config.municipality as string,
        kostraPin: config.kostraPin as string,
      });
      await client.uploadPart(config.submissionId as string, 1, {
        path: config.file as string,
        size: Number(config.size),
        sha256: config.sha256 as string,
      });
      return;
    }
    if (mode.startsWith('floor-')) {
      await floor(mode, transport.dispatcher, config);
      return;
    }
    const portal = new SsbPortalClient(transport.dispatcher, config.ssbUrl as string);
    await portal.signIn(config.username as string, config.password as string);
    const { path } = await portal.download(config.fileId as string, config.out as string, { markRead: false });
    if (mode === 'fetch-decrypt')
      await decryptArchive(path, `${config.out}/decrypted`, { key: config.key as string, overwrite: true });
  } finally {
    await transport.close();
  }
}

/** The download with nothing of ours in it: undici's dispatch handler, one block, synchronous hashing and writing. */
async function floor(mode: string, dispatcher: Dispatcher, config: Record<string, string>): Promise<void> {
  const hash = mode === 'floor-receive' ? undefined : createHash('sha1');
  const fd = mode === 'floor-sha1-write' ? openSync(config.floorOut as string, 'w') : undefined;
  const block = Buffer.allocUnsafe(1024 * 1024);
  let filled = 0;
  let position = 0;
  const flush = (): void => {
    hash?.update(block.subarray(0, filled));
    if (fd !== undefined) writeSync(fd, block, 0, filled, position - filled);
    filled = 0;
  };
  const url = new URL(`${config.ssbUrl}/api/v1/files/${config.fileId}/download`);
  await new Promise<void>((resolve, reject) => {
    dispatcher.dispatch(
      { origin: url.origin, path: url.pathname, method: 'GET', headers: { authorization: `Bearer ${config.token}` } },
      {
        onConnect: () => undefined,
        onHeaders: () => true,
        onData: (chunk: Buffer) => {
          let offset = 0;
          while (offset < chunk.length) {
            const taken = Math.min(chunk.length - offset, block.length - filled);
            block.set(chunk.subarray(offset, offset + taken), filled);
            filled += taken;
            offset += taken;
            position += taken;
            if (filled === block.length) flush();
          }
          return true;
        },
        onComplete: () => resolve(),
        onError: reject,
      },
    );
  });
  if (filled > 0) flush();
  if (fd !== undefined) closeSync(fd);
  if (String(position) !== config.size) throw new Error(`floor: got ${position} of ${config.size} bytes`);
  hash?.digest('hex');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
