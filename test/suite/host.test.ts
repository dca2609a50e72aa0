import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './extension';

describe('host', () => {
  it('is the real VS Code the offline host provides, with the extension active', () => {
    assert.match(vscode.version, /^1\.\d+\.\d+/);
    assert.ok(vscode.env.appName.length > 0);
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
  });
});
