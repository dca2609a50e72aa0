import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { sandboxFixture, tempFolder, type SandboxFixture } from './sandboxSetup';

// iplos.language (issue 15) in a VS Code that runs in English: nb switches the views' rows
// (their titles are the core's msg(), through the extension's translator) without a reload,
// en and auto switch back; the viewer's strings follow. Against the sandbox on loopback.
describe('iplos.language', () => {
  let fixture: SandboxFixture;
  let nb: Record<string, string>;

  before(async () => {
    fixture = await sandboxFixture({ historyFolder: tempFolder('language') });
    nb = JSON.parse(
      readFileSync(join(fixture.api.context.extensionPath, 'l10n', 'bundle.l10n.nb.json'), 'utf8'),
    ) as Record<string, string>;
    await vscode.commands.executeCommand('iplos.runChecks');
  });

  after(async () => {
    await vscode.workspace.getConfiguration('iplos').update('language', undefined, vscode.ConfigurationTarget.Global);
    await fixture?.stop();
  });

  /** The SSB sign-in row's label once it reads `label` (the change event arrives a moment after update). */
  async function signInRowReads(label: string): Promise<void> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const row = fixture.api.views.checks.getChildren().find((item) => item.checkId === 'ssb-login');
      if (row?.label === label) return;
      if (Date.now() > deadline) assert.equal(row?.label, label);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('nb: the rows in bokmål at once; en and auto (an English VS Code) back to English', async () => {
    assert.equal(vscode.env.language.startsWith('en'), true, 'the host runs in English');
    const config = vscode.workspace.getConfiguration('iplos');
    await signInRowReads('SSB sign-in');
    await config.update('language', 'nb', vscode.ConfigurationTarget.Global);
    await signInRowReads(nb['SSB sign-in'] as string);
    await config.update('language', 'en', vscode.ConfigurationTarget.Global);
    await signInRowReads('SSB sign-in');
    await config.update('language', 'nb', vscode.ConfigurationTarget.Global);
    await signInRowReads(nb['SSB sign-in'] as string);
    await config.update('language', 'auto', vscode.ConfigurationTarget.Global);
    await signInRowReads('SSB sign-in');
  });
});
