import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { handExtractXml, type HandExtract } from '../helpers/handExtract';
import { launchBrowser, newPage, newTempDir, workbenchUrl, type CodeServer } from '../host/codeServer';
import { startWithPackagedExtension } from './packagedExtension';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { Workbench } from './workbench';

// The local control as an officer meets it, in the browser-driven VS Code on the packaged
// .vsix against the sandbox (loopback only): an extract with errors → "IPLOS: Validate
// extract" → the Problems panel and the viewer's Local control document → Go to record
// lands on the attribute → the EPJ's fixed extract validates clean → Send extract, no
// question about errors, the summary with the control's counts → receipt.
const EXTRACT = 'IPLOS_0403_2025.xml';
const WITH_ERRORS: HandExtract = {
  clients: [
    { tjenester: [{ tjenesteType: '99' }] },
    { tjenester: [{ fraDato: '2025-06-01', tilDato: '2025-02-01' }] },
    { tjenester: [{ timerPerUke: '200' }] },
    { tjenester: [] },
    {},
  ],
};
const FIXED: HandExtract = { clients: [{}, {}, {}, {}, {}] };

describe('the local control in the browser', { timeout: 10 * 60_000 }, () => {
  let sandbox: Sandbox;
  let server: CodeServer;
  let browser: Browser;
  let workspace: string;
  let bench: Workbench;
  const hamar = { number: '0403', name: 'Hamar', bydel: '00', ssbUsername: 'postmottak@hamar.kommune.no' };
  let demo: Sandbox['info']['municipalities'][number];

  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    demo = sandbox.info.municipalities.find((municipality) => municipality.number === hamar.number) as typeof demo;
    ({ server, workspace } = await startWithPackagedExtension('local-control', {
      user: {
        'iplos.municipalities': [hamar],
        'iplos.activeMunicipality': hamar.number,
        'iplos.environment': 'test',
        'iplos.pollIntervalMinutes': 0,
      },
      machine: {
        'iplos.endpoints.ipisTestUrl': sandbox.info.ipisTestUrl,
        'iplos.endpoints.ipisProductionUrl': 'https://127.0.0.1:9/Sendemodul',
        'iplos.endpoints.ssbUrl': sandbox.info.ssbUrl,
        'iplos.endpoints.expectedAddress': '127.0.0.1',
        'iplos.caFile': sandbox.info.caFile,
        'iplos.historyLocation': newTempDir('iplos-e2e-history-'),
      },
    }));
    writeFileSync(join(workspace, EXTRACT), handExtractXml(WITH_ERRORS));
    browser = await launchBrowser();
    bench = new Workbench(await newPage(browser), 'local-control');
    await bench.page.goto(workbenchUrl(server, workspace));
    await bench.ready();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await sandbox?.stop();
  });

  it('"IPLOS: Validate extract": the findings in the Problems panel and in the Local control document', async () => {
    await bench.step('validate', async () => {
      await bench.runCommand('IPLOS: Validate extract');
      await bench.pickQuickItem(EXTRACT);
      const viewer = await bench.webviewFrame();
      await viewer.locator('.set-header h1', { hasText: `Local control: ${EXTRACT}` }).waitFor({ timeout: 60_000 });
      await viewer.locator('.grid-body .grid-row').first().waitFor({ timeout: 30_000 });
      assert.deepEqual(await viewer.locator('.chips .chip strong').allTextContents(), ['B01', 'T01', 'T02', 'T03']);
      assert.match((await viewer.locator('.totals').textContent()) ?? '', /3 errors.*1 warnings/);
      await bench.screenshot('local-control-document');
    });
    await bench.step('problems', async () => {
      await bench.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
      const rows = bench.panel().locator('.markers-panel .monaco-list-row');
      await rows
        .filter({ hasText: /Unknown service type 99/ })
        .first()
        .waitFor({ timeout: 30_000 });
      for (const code of ['T01', 'T02', 'T03', 'B01'])
        assert.ok((await rows.filter({ hasText: code }).count()) >= 1, `${code} is listed`);
      await bench.screenshot('problems-panel');
    });
  });

  it("a finding's detail explains it; Go to record lands the editor on the attribute", async () => {
    const viewer = await bench.webviewFrame();
    await bench.step('detail', async () => {
      await viewer.locator('.chips .chip', { hasText: 'T01' }).click();
      await viewer.locator('.grid-body .grid-row:not([hidden])').first().click();
      const detail = viewer.locator('section.detail');
      await detail.locator('h2', { hasText: /^T01 — / }).waitFor({ timeout: 15_000 });
      await detail.locator('.fix').waitFor();
      await detail.locator('.rule-source').waitFor();
      await bench.screenshot('finding-detail');
      await detail.locator('button.go-to-record:not([disabled])').click();
    });
    await bench.step('go-to-record', async () => {
      await bench.page.locator('.tab', { hasText: EXTRACT }).first().waitFor({ timeout: 30_000 });
      const position = bench.page.locator('.statusbar-item', { hasText: /Ln \d+, Col \d+/ }).first();
      await position.waitFor({ timeout: 30_000 });
      // The selection covers the attribute and its value: the cursor stands at its end, the status bar says so.
      await bench.page
        .locator('.statusbar-item', { hasText: /\(\d+ selected\)/ })
        .first()
        .waitFor({ timeout: 30_000 });
      const [, line, column, selected] =
        /Ln (\d+), Col (\d+) \((\d+) selected\)/.exec((await position.textContent()) ?? '') ?? [];
      const text = readFileSync(join(workspace, EXTRACT), 'utf8').split('\n')[Number(line) - 1] ?? '';
      const start = Number(column) - 1 - Number(selected);
      assert.equal(text.slice(start, Number(column) - 1), 'tjenesteType="99"', `line ${line}: ${text.trim()}`);
      await bench.screenshot('attribute-in-extract');
    });
  });

  it("the rule id in the Problems panel opens the rule's page", async () => {
    await bench.step('rule-page', async () => {
      await bench.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
      const row = bench.panel().locator('.markers-panel .monaco-list-row', { hasText: /Unknown service type 99/ });
      await row.locator('a.monaco-link', { hasText: 'T01' }).first().click();
      const preview = await bench.webviewFrameWith('h1:text-matches("^T01 — ")');
      await preview.locator('h2', { hasText: 'What the rule rests on' }).waitFor();
      await bench.screenshot('rule-page');
      await bench.page.locator('.tab', { hasText: 'T01.md' }).locator('.codicon-close').click();
    });
  });

  it('the fixed extract validates clean ("No findings"), then sends without a question about errors', async () => {
    // The EPJ's new extract replaces the file: the old findings are stale and leave the Problems panel.
    writeFileSync(join(workspace, EXTRACT), handExtractXml(FIXED));
    await bench.step('validate-clean', async () => {
      const viewer = await bench.webviewFrameWith('.set-header');
      // The findings went stale with the file: the viewer says so and validates again on request.
      await viewer.locator('.notices .stale').waitFor({ timeout: 30_000 });
      await bench.screenshot('stale');
      await viewer.locator('button.validate-again').click();
      await bench.notification(/No findings in IPLOS_0403_2025\.xml/).waitFor({ timeout: 60_000 });
      // (The webview's frame may be rebuilt meanwhile: found again by what it shows.)
      await bench.webviewFrameWith('.no-findings');
      assert.equal(await bench.panel().locator('.markers-panel .monaco-list-row').count(), 0, 'Problems panel empty');
      await bench.screenshot('no-findings');
    });
    await bench.step('send', async () => {
      await bench.notificationButton(/No findings in IPLOS_0403_2025\.xml/, 'Send extract').click();
      const confirm = bench.page.locator('.monaco-dialog-box', { hasText: 'Local control: 0 errors, 0 warnings' });
      await confirm.waitFor({ timeout: 60_000 });
      assert.equal(await bench.dialogButton('Send anyway').count(), 0, 'no question about errors');
      await bench.screenshot('send-confirm');
      await bench.dialogButton('Send to test').click();
      await bench.answerInput(demo.encryptionKey, 'Encryption key');
      await bench.answerInput(demo.kostraPin, 'KOSTRA PIN');
      await bench.notification(/Sent\. Receipt/).waitFor({ timeout: 60_000 });
      await bench.screenshot('receipt');
    });
    assert.equal(sandbox.submissions.submissions.size, 1, 'one submission');
  });

  it('a window reload brings the Local control document back: the control runs again (findings are kept in memory only)', async () => {
    await bench.step('reload', async () => {
      await bench.runCommand('Developer: Reload Window');
      await bench.page.waitForEvent('load', { timeout: 60_000 });
      await bench.ready();
      const restored = await bench.webviewFrameWith('.no-findings', 90_000);
      assert.match(
        (await restored.locator('.set-header h1').textContent()) ?? '',
        /^Local control: IPLOS_0403_2025\.xml$/,
      );
      await bench.screenshot('restored-after-reload');
    });
  });
});
