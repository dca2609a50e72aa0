import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { writeExtract } from '../fixtures/extractGenerator';
import { launchBrowser, newPage, newTempDir, workbenchUrl, type CodeServer } from '../host/codeServer';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { ssbOnlyFindings } from '../sandbox/ssb/ssbCheck';
import { startWithPackagedExtension } from './packagedExtension';
import { Workbench } from './workbench';

// Journeys through the whole routine in the browser-driven VS Code, on the packaged .vsix,
// against the sandbox: the connection checks with a failing check and the firewall order
// for IT; "IPLOS: Send extract" (cancelled, then resumed from the history); signing in to
// SSB, seeing the new feedback and downloading it into the workspace.
describe('the IPLOS routine in the browser', { timeout: 10 * 60_000 }, () => {
  let sandbox: Sandbox;
  let server: CodeServer;
  let browser: Browser;
  let workspace: string;
  let bench: Workbench;
  const hamar = { number: '0403', name: 'Hamar', bydel: '00', ssbUsername: 'postmottak@hamar.kommune.no' };
  let demo: Sandbox['info']['municipalities'][number];
  /** The codes SSB's error list will hold: the planted ones and SSB's own (R01, R02). */
  let expectedCodes: Set<string>;

  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    demo = sandbox.info.municipalities.find((municipality) => municipality.number === hamar.number) as typeof demo;
    ({ server, workspace } = await startWithPackagedExtension('routine', {
      user: {
        'iplos.municipalities': [hamar],
        'iplos.activeMunicipality': hamar.number,
        'iplos.environment': 'test',
        'iplos.pollIntervalMinutes': 1,
      },
      machine: {
        'iplos.endpoints.ipisTestUrl': sandbox.info.ipisTestUrl,
        // Production points at a closed port: its connection check fails, as behind a closed firewall.
        'iplos.endpoints.ipisProductionUrl': 'https://127.0.0.1:9/Sendemodul',
        'iplos.endpoints.ssbUrl': sandbox.info.ssbUrl,
        'iplos.endpoints.expectedAddress': '127.0.0.1',
        'iplos.caFile': sandbox.info.caFile,
        'iplos.historyLocation': newTempDir('iplos-e2e-history-'),
      },
    }));
    const extract = join(workspace, 'IPLOS_0403_2025.xml');
    const summary = await writeExtract(extract, {
      municipality: hamar.number,
      year: 2025,
      clients: 3000,
      errors: 6,
      seed: 11,
    });
    const ssbOnly = await ssbOnlyFindings(extract, hamar.number, 2025);
    expectedCodes = new Set([...summary.expected.map((row) => row.code), ...ssbOnly.map((row) => row.ruleId)]);
    browser = await launchBrowser();
    const page = await newPage(browser);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    bench = new Workbench(page, 'routine');
    await page.goto(workbenchUrl(server, workspace));
    await bench.ready();
    await bench.step('activation', async () => {
      await bench.runCommand('IPLOS: Show log');
      await bench.waitForPanelText(/IPLOS\s+Innsending\s+\d+\.\d+\.\d+\s+activated/);
    });
    await page.keyboard.press('Escape');
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await sandbox?.stop();
  });

  it('connection checks run when the view opens; a failing check counts in the badge and gives the firewall order for IT', async () => {
    await bench.step('checks', async () => {
      const pane = await bench.openView('IPLOS', 'Connection checks');
      // Room for all nine checks: the Year overview shares the side bar.
      await bench.collapseView('Year overview');
      await pane.locator('.monaco-list-row', { hasText: 'SSB sign-in' }).waitFor({ timeout: 30_000 });
      const failed = pane.locator('.monaco-list-row', { hasText: 'IPIS send module, production' });
      await failed.locator('.codicon-error').waitFor({ timeout: 45_000 });
      await pane
        .locator('.monaco-list-row', { hasText: 'IPIS send module, test' })
        .locator('.codicon-pass')
        .waitFor({ timeout: 30_000 });
      await bench.screenshot('checks-one-failed');
      // The container's badge adds up its views': the failed check, and Hamar's extract still to send (Year overview).
      assert.equal(await bench.activityBadge('IPLOS'), '2', 'the failed check counts in the badge');
      assert.match(
        (await bench.page
          .locator('.pane-header', { hasText: /Connection checks/i })
          .first()
          .textContent()) ?? '',
        /1 failed/,
        "the checks view's title says it in words",
      );
      await bench.contextMenu(failed, 'Copy firewall order for IT');
      await bench
        .activeEditorText()
        .filter({ hasText: /Bestilling:\s+åpning\s+i\s+brannmur/ })
        .waitFor({ timeout: 30_000 });
      const clipboard = await bench.page.evaluate(() => navigator.clipboard.readText());
      assert.match(clipboard, /Bestilling: åpning i brannmur for IPLOS-innsending/);
      assert.match(clipboard, /Sendemodulen IPIS, produksjon/);
      await bench.screenshot('firewall-order');
      // The order opens as an untitled document to edit before pasting; close it unsaved.
      await bench.page.keyboard.press('Control+W');
      await bench.dialogButton("Don't Save").click();
    });
  });

  it('"IPLOS: Send extract": check, confirm, progress; cancelled, then resumed from the history to a receipt', async () => {
    // Each part upload waits 4 s on the server: time to see the progress and press Cancel.
    sandbox.faults.set({ delay: [{ path: '/parts/', ms: 4000, times: 1 }] });
    await bench.step('send', async () => {
      await bench.runCommand('IPLOS: Send extract');
      await bench.pickQuickItem('IPLOS_0403_2025.xml');
      // The local control finds the planted errors; they are sent anyway, for SSB's feedback below.
      await bench.dialogButton('Send anyway').waitFor({ timeout: 60_000 });
      await bench.screenshot('send-errors-found');
      await bench.dialogButton('Send anyway').click();
      await bench.dialogButton('Send to test').waitFor({ timeout: 60_000 });
      await bench.screenshot('send-confirm');
      await bench.dialogButton('Send to test').click();
      await bench.answerInput(demo.encryptionKey, 'Encryption key');
      await bench.answerInput(demo.kostraPin, 'KOSTRA PIN');
      const progress = bench.notification(/Sending IPLOS_0403_2025\.xml to IPIS \(test\)/);
      await progress.filter({ hasText: /Uploading part 1 of 1/ }).waitFor({ timeout: 60_000 });
      await bench.screenshot('send-progress');
      await progress.getByRole('button', { name: 'Cancel' }).click();
      await bench
        .notification(/Sending the extract was cancelled\. It is kept in the history/)
        .waitFor({ timeout: 30_000 });
      await bench.screenshot('send-cancelled');
    });
    assert.equal(sandbox.submissions.submissions.size, 1, 'the submission was created before the cancel');
    assert.equal([...sandbox.submissions.submissions.values()][0]?.receipt, undefined, 'and not completed');
    await bench.step('resume', async () => {
      const pane = await bench.openView('IPLOS', 'Submission history');
      const row = pane.locator('.monaco-list-row', { hasText: 'IPLOS_0403_2025.xml' }).first();
      await row.filter({ hasText: /unfinished/ }).waitFor({ timeout: 30_000 });
      await bench.screenshot('history-unfinished');
      await row.hover();
      await row.locator('.action-label[aria-label="Resume send"]').click();
      // If the row was redrawn under the click (the history file changed), VS Code runs the
      // command without its row, and it asks which send to resume: answer that too.
      const receipt = bench.notification(/Sent\. Receipt/);
      const asked = bench.quickInput().locator('.quick-input-title', { hasText: 'Resume which send?' });
      await Promise.race([receipt.waitFor({ timeout: 60_000 }), asked.waitFor({ timeout: 60_000 })]);
      if (await asked.isVisible()) await bench.pickQuickItem('IPLOS_0403_2025.xml');
      await receipt.waitFor({ timeout: 60_000 });
      await bench.screenshot('receipt');
      await bench.notificationButton(/Sent\. Receipt/, 'Show in history').click();
      await pane
        .locator('.monaco-list-row.selected', { hasText: /sent \d\d\.\d\d\.\d{4}/ })
        .waitFor({ timeout: 30_000 });
      await bench.screenshot('history-sent');
    });
    assert.equal(sandbox.submissions.submissions.size, 1, 'resumed, not sent twice');
  });

  it('SSB folders: sign in, the new feedback shows with a badge, download decrypts it into the workspace', async () => {
    await sandbox.waitForFeedback(hamar.number, { timeoutMs: 60_000 });
    // SSB demands a new password at this sign-in (as after a reset): the guided change.
    sandbox.faults.set({ forcePasswordChange: [hamar.ssbUsername] });
    const newPassword = 'Innlandet-2026';
    await bench.step('sign-in', async () => {
      const pane = await bench.openView('IPLOS', 'SSB folders');
      await pane.locator('.welcome-view-content').getByRole('button', { name: 'Sign in to SSB' }).click();
      await bench.answerInput(demo.password, 'SSB password');
      const input = bench.quickInput().locator('input').first();
      await bench
        .quickInput()
        .locator('.quick-input-title', { hasText: 'SSB requires a new password' })
        .waitFor({ timeout: 30_000 });
      // SSB's rules are checked while typing, before anything is sent (a refusal counts towards lockout).
      await input.fill('hamar1');
      await bench
        .quickInput()
        .locator('.quick-input-message', { hasText: /resemble the user name/ })
        .waitFor({ timeout: 15_000 });
      await bench.screenshot('ssb-password-rules');
      await input.fill(newPassword);
      await input.press('Enter');
      await bench.answerInput(newPassword, 'Repeat');
      await pane.locator('.monaco-list-row', { hasText: 'frassb' }).first().waitFor({ timeout: 30_000 });
    });
    assert.equal(
      sandbox.portal.user(hamar.ssbUsername)?.password,
      newPassword,
      'the new password was set on the portal',
    );
    const file = () =>
      bench.viewPane('SSB folders').locator('.monaco-list-row', { hasText: '040300_iplos_2025_test.zip' }).first();
    await bench.step('new-feedback', async () => {
      await file().waitFor({ timeout: 30_000 });
      await bench.notification(/New feedback from SSB/).waitFor({ timeout: 30_000 });
      // The view's badge counts it (VS Code shows it on the container; its label names it).
      await bench.page
        .locator('[aria-label*="1 new file(s) from SSB"]')
        .first()
        .waitFor({ state: 'attached', timeout: 30_000 });
      await bench.screenshot('ssb-new-feedback');
    });
    await bench.step('download', async () => {
      await file().hover();
      await file().locator('.action-label[aria-label="Download feedback"]').click();
      // The decrypted files appear in the Explorer, and the feedback viewer opens.
      await bench.page
        .locator('.explorer-folders-view .monaco-list-row', { hasText: '040300_iplos_2025_test' })
        .first()
        .waitFor({ timeout: 60_000 });
      const viewer = await bench.webviewFrame();
      await viewer.locator('.grid-body .grid-row').first().waitFor({ timeout: 60_000 });
      await bench.screenshot('feedback-decrypted');
    });
    const folder = join(workspace, 'IPLOS', '2025', 'tilbakemelding', '040300_iplos_2025_test');
    assert.ok(existsSync(folder), folder);
    assert.ok(readdirSync(folder).some((name) => /feil/i.test(name)));
  });

  it('feedback viewer: a row leads to its error detail and, by "Go to record", to the client in the extract; the Problems panel lists the errors', async () => {
    const viewer = await bench.webviewFrame();
    let brukerNr = '';
    await bench.step('viewer', async () => {
      await viewer
        .locator('.set-header .extract', { hasText: /Extract:\s+IPLOS_0403_2025\.xml/ })
        .waitFor({ timeout: 60_000 });
      assert.equal(
        await viewer.locator('.chips .chip').count(),
        expectedCodes.size,
        `the six planted error kinds and SSB's own: ${[...expectedCodes].join(' ')}`,
      );
      await viewer.locator('.chips .chip', { hasText: 'T01' }).click();
      const row = viewer.locator('.grid-body .grid-row:not([hidden])').first();
      brukerNr = ((await row.locator('.grid-cell').nth(2).textContent()) ?? '').replace(/\s/g, '');
      await row.click();
      const detail = viewer.locator('section.detail');
      await detail.locator('h2', { hasText: /^T01 — / }).waitFor({ timeout: 15_000 });
      await detail.locator('.fix').waitFor();
      await bench.screenshot('error-detail');
      await detail.locator('button.go-to-record:not([disabled])').click();
    });
    await bench.step('go-to-record', async () => {
      // The extract opens beside the viewer with the cursor on the record the row names.
      const extractTab = bench.page.locator('.tab', { hasText: 'IPLOS_0403_2025.xml' }).first();
      await extractTab.waitFor({ timeout: 30_000 });
      const position = bench.page.locator('.statusbar-item', { hasText: /Ln \d+, Col \d+/ }).first();
      await position.waitFor({ timeout: 30_000 });
      const [, line, column] = /Ln (\d+), Col (\d+)/.exec((await position.textContent()) ?? '') ?? [];
      const lines = readFileSync(join(workspace, 'IPLOS_0403_2025.xml'), 'utf8').split('\n');
      const text = lines[Number(line) - 1] ?? '';
      // The record the row names: its Tjeneste or Vurdering, else the client's Bruker. The cursor is at the
      // element, or at either end of the attribute the row names (Go to record selects its name).
      assert.ok(
        /^(<(Bruker|Tjeneste|Vurdering)\b|[A-Za-z]+=")/.test(text.slice(Number(column) - 1)) ||
          (/\s[A-Za-z]+$/.test(text.slice(0, Number(column) - 1)) && text.slice(Number(column) - 1).startsWith('=')) ||
          /\s[A-Za-z]+="[^"]*"$/.test(text.slice(0, Number(column) - 1)),
        `line ${line} col ${column}: ${text.trim()}`,
      );
      const client = lines
        .slice(0, Number(line))
        .reverse()
        .find((candidate) => candidate.includes('<Bruker'));
      assert.match(client ?? '', new RegExp(`brukerNr="${brukerNr}"`), 'the right client');
      await bench.screenshot('record-in-extract');
    });
    await bench.step('problems', async () => {
      await bench.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
      // The local control's findings from the send are on the same file: show SSB's only.
      await bench.panel().locator('.viewpane-filter input').fill('SSB feedback');
      const problems = bench.panel().locator('.markers-panel .monaco-list-row');
      // (The filter applies after a moment: wait until every marker's source is SSB's.)
      await bench.page.waitForFunction(
        () => {
          const sources = [...document.querySelectorAll('.markers-panel .monaco-list-row .details-container')];
          return sources.length > 0 && sources.every((source) => (source.textContent ?? '').includes('SSB feedback'));
        },
        undefined,
        { timeout: 15_000 },
      );
      await problems
        .filter({ hasText: /SSB feedback/ })
        .first()
        .waitFor({ timeout: 30_000 });
      assert.ok(
        (await problems.filter({ hasText: /SSB feedback/ }).count()) >= 5,
        'the planted errors with a client are listed',
      );
      await bench.screenshot('problems-panel');
    });
    await bench.step('reload', async () => {
      // A reload of the window restores the viewer (panel serializer) with its state: the
      // T01 filter and the open detail.
      // "Developer: Reload Window" shuts the workbench down properly (state saved), as a user's reload does.
      await bench.runCommand('Developer: Reload Window');
      await bench.page.waitForEvent('load', { timeout: 60_000 });
      await bench.ready();
      const restored = await bench.webviewFrame();
      await restored.locator('.grid-body .grid-row').first().waitFor({ timeout: 60_000 });
      assert.equal(await restored.locator('select.code-filter').inputValue(), 'T01');
      await restored.locator('section.detail h2', { hasText: /^T01 — / }).waitFor({ timeout: 30_000 });
      await bench.screenshot('viewer-restored');
    });
  });
});
