import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { activateExtension } from './extension';
import { waitFor } from './sandboxSetup';

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
      await waitFor(
        'SecretStorage change events',
        () => (changes.filter((changed) => changed === key).length >= 2 ? true : undefined),
        5000,
      );
    } finally {
      listener.dispose();
      await context.secrets.delete(key);
    }
  });
});
