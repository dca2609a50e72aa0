import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { activateExtension } from './extension';

// The real SecretStorage of this host: OS keyring on desktop, the browser-side store in code-server.
describe('SecretStorage', () => {
  it('stores, reads back, reports changes and deletes a secret', async () => {
    const { context } = await activateExtension();
    const key = `iplos.test.${randomUUID()}`;
    const value = `hemmelig-${randomUUID()}`;
    const changes: string[] = [];
    const listener = context.secrets.onDidChange((event) => changes.push(event.key));
    try {
      await context.secrets.store(key, value);
      assert.equal(await context.secrets.get(key), value);
      await context.secrets.delete(key);
      assert.equal(await context.secrets.get(key), undefined);
      await waitFor(() => changes.filter((changed) => changed === key).length >= 2);
    } finally {
      listener.dispose();
      await context.secrets.delete(key);
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting for SecretStorage change events');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
