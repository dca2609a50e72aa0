import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { sandboxFixture, tempFolder, waitFor, type SandboxFixture } from './sandboxSetup';

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

  it('a switch redraws what is already drawn: the four trees fire, a failed check and an open viewer are in the new language', async () => {
    const config = vscode.workspace.getConfiguration('iplos');
    const global = vscode.ConfigurationTarget.Global;
    const { api } = fixture;
    // A send module behind a closed port on loopback: the tcp check fails with a detail from the core.
    await config.update('endpoints.ipisTestUrl', 'https://127.0.0.1:9/SendemodulTEST', global);
    const tcpTooltip = (): string => {
      const row = api.views.checks.getChildren().find((item) => item.checkId === 'tcp');
      // appendText escapes the text for Markdown: spaces as &nbsp;, brackets with a backslash.
      const text = row?.tooltip instanceof vscode.MarkdownString ? row.tooltip.value : String(row?.tooltip);
      return text.replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');
    };
    const folder = join(tempFolder('language-viewer'), '040300_iplos_2025_test');
    try {
      await vscode.commands.executeCommand('iplos.runChecks');
      assert.match(tcpTooltip(), /refused the connection/);
      // An open feedback viewer, loaded in English.
      mkdirSync(folder, { recursive: true });
      writeFileSync(
        join(folder, 'feilliste.csv'),
        'Kommunenr;Bydel;Brukernr;Variabel;Feilkode;Alvorlighet;Melding\r\n0403;00;17;timer;T12;Feil;For mange timer\r\n',
      );
      const panel = api.services.feedbackPanels.show(folder);
      const document = api.services.feedbackPanels.documentFor(folder);
      const readInEnglish = await waitFor('the viewer to load', () => document?.set);
      assert.match(panel.webview.html, /<html lang="en">/);

      const fired = new Set<string>();
      const spies = (['checks', 'history', 'ssb', 'yearOverview'] as const).map((name) =>
        api.views[name].onDidChangeTreeData(() => fired.add(name)),
      );
      try {
        await config.update('language', 'nb', global);
        await waitFor('all four views to redraw', () => fired.size === 4 || undefined, 10_000).catch(() => {
          assert.deepEqual([...fired].sort(), ['checks', 'history', 'ssb', 'yearOverview']);
        });
      } finally {
        for (const spy of spies) spy.dispose();
      }
      // The failed check's detail was written by its run: it runs again in the new language.
      await waitFor('the tcp tooltip in bokmål', () => /avviste tilkoblingen/.test(tcpTooltip()) || undefined);
      assert.doesNotMatch(tcpTooltip(), /refused the connection/);
      // The viewer gets a new page in bokmål and reads its files again (the core's texts are in them).
      assert.match(panel.webview.html, /<html lang="nb">/);
      await waitFor('the viewer to read its files again', () => {
        const set = document?.set;
        return set !== undefined && set !== readInEnglish ? true : undefined;
      });
      panel.dispose();
    } finally {
      await config.update('endpoints.ipisTestUrl', fixture.sandbox.info.ipisTestUrl, global);
      await config.update('language', 'auto', global);
    }
  });
});
