import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, activateExtension } from './extension';

// Every other test in this suite depends on these: if activation fails, the suite fails.
describe('activation', () => {
  it('the extension is installed, activates without error and is active', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed in this host`);
    await activateExtension();
    assert.equal(extension.isActive, true);
  });

  it('runs in the real VS Code the offline host provides', () => {
    assert.match(vscode.version, /^1\.\d+\.\d+/);
    assert.ok(vscode.env.appName.length > 0);
  });
});
