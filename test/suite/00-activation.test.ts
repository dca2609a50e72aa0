import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, activateExtension } from './extension';
import { useUnreachableEndpoints } from './sandboxSetup';

// Root hook (outside any describe): runs before every test of the suite. If the extension
// fails to activate, Mocha reports this hook as failed and runs no test at all — so no test
// can pass with a broken activation.
before(async () => {
  await useUnreachableEndpoints();
  await activateExtension();
  assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true, 'the extension is active');
});
