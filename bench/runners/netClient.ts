// The client side of the network benchmark as one small program, bundled by the bench so
// that it runs like the shipped CLI (no TypeScript loader): upload | download | fetch-decrypt.
import { readFileSync } from 'node:fs';
import { decryptArchive } from '../../src/core/archive';
import { IpisClient } from '../../src/core/ipis/ipisClient';
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
    const portal = new SsbPortalClient(transport.dispatcher, config.ssbUrl as string);
    await portal.signIn(config.username as string, config.password as string);
    const { path } = await portal.download(config.fileId as string, config.out as string, { markRead: false });
    if (mode === 'fetch-decrypt')
      await decryptArchive(path, `${config.out}/decrypted`, { key: config.key as string, overwrite: true });
  } finally {
    await transport.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
