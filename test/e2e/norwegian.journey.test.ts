/**
 * The extension in Norwegian with one setting (issue 15): `iplos.language: nb` in a VS Code
 * that runs in English, as an officer's does (no Norwegian language pack exists). Through the
 * packaged .vsix against the sandbox (loopback only): the views, a send with its
 * confirmation and receipt, the new-feedback notification and the feedback viewer — each
 * with a screenshot — and the visible text of the IPLOS views, status bar items,
 * notifications, dialogs, prompts and the viewer is collected. The journey fails if any of
 * it is an English string of the bundle whose nb translation differs (test/helpers/
 * englishLeftovers.ts). What VS Code shows from the manifest (command titles, view names,
 * welcome views) follows its display language and is not collected.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Frame, Page } from 'playwright-core';
import { writeExtract } from '../fixtures/extractGenerator';
import { englishMatcher } from '../helpers/englishLeftovers';
import { launchBrowser, newPage, newTempDir, REPO, workbenchUrl, type CodeServer } from '../host/codeServer';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { startWithPackagedExtension } from './packagedExtension';
import { Workbench } from './workbench';

const NB = JSON.parse(readFileSync(join(REPO, 'l10n', 'bundle.l10n.nb.json'), 'utf8')) as Record<string, string>;

/** The nb text of an English key (a missing one fails here, not as a timeout later). */
function nb(english: string): string {
  const text = NB[english];
  assert.ok(text, `no nb translation of "${english}"`);
  return text;
}

/** The nb text as a pattern, its placeholders standing for any value. */
function nbPattern(english: string): RegExp {
  const parts = nb(english)
    .split(/\{\d+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(parts.join('.+?'));
}

/** Text and the labels a screen reader reads (aria-label, title, placeholder) of what `selector` matches. */
function textsOf(root: Page | Frame, selector: string): Promise<string[]> {
  return root.evaluate((query) => {
    const texts: string[] = [];
    for (const element of document.querySelectorAll(query)) {
      if (element.closest('.welcome-view-content')) continue; // the manifest's (package.nls), VS Code's language
      texts.push((element as HTMLElement).innerText ?? '');
      for (const name of ['aria-label', 'title', 'placeholder']) {
        const value = element.getAttribute(name);
        if (value) texts.push(value);
      }
    }
    return texts;
  }, selector);
}

describe('IPLOS in Norwegian (iplos.language: nb) in an English VS Code', { timeout: 10 * 60_000 }, () => {
  let sandbox: Sandbox;
  let server: CodeServer;
  let browser: Browser;
  let workspace: string;
  let bench: Workbench;
  const hamar = { number: '0403', name: 'Hamar', bydel: '00', ssbUsername: 'postmottak@hamar.kommune.no' };
  let demo: Sandbox['info']['municipalities'][number];
  /** Everything collected, by the step that saw it. */
  const seen: { step: string; text: string }[] = [];

  async function collect(step: string, root: Page | Frame, selector: string): Promise<void> {
    for (const text of await textsOf(root, selector)) seen.push({ step, text });
  }

  /** The IPLOS side bar (its panes' contents, not their manifest headers), its status bar items, toasts and dialogs. */
  async function collectWorkbench(step: string): Promise<void> {
    await collect(step, bench.page, '.sidebar .pane-body .monaco-list-row, .sidebar .pane-body .message');
    await collect(step, bench.page, '.statusbar-item[id*="iplos"]');
    // The message and our buttons; not the toast's own labels ("Source: …" is VS Code's).
    await collect(
      step,
      bench.page,
      '.notifications-toasts .notification-list-item-message, .notifications-toasts .notification-list-item-buttons-container .monaco-button',
    );
    await collect(step, bench.page, '.monaco-dialog-box');
  }

  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    demo = sandbox.info.municipalities.find((municipality) => municipality.number === hamar.number) as typeof demo;
    ({ server, workspace } = await startWithPackagedExtension('norwegian', {
      user: {
        'iplos.language': 'nb',
        'iplos.municipalities': [hamar],
        'iplos.activeMunicipality': hamar.number,
        'iplos.environment': 'test',
        'iplos.pollIntervalMinutes': 1,
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
    await writeExtract(join(workspace, 'IPLOS_0403_2025.xml'), {
      municipality: hamar.number,
      year: 2025,
      clients: 400,
      errors: 6,
      seed: 15,
    });
    browser = await launchBrowser();
    bench = new Workbench(await newPage(browser), 'norwegian');
    await bench.page.goto(workbenchUrl(server, workspace));
    await bench.ready();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await sandbox?.stop();
  });

  it('the views and the status bar speak bokmål', async () => {
    await bench.step('views', async () => {
      const pane = await bench.openView('IPLOS', 'Connection checks');
      await pane.locator('.monaco-list-row', { hasText: nb('SSB sign-in') }).waitFor({ timeout: 45_000 });
      await pane
        .locator('.monaco-list-row', { hasText: nb('IPIS send module, test') })
        .locator('.codicon-pass')
        .waitFor({ timeout: 45_000 });
      await bench.page
        .locator('.statusbar-item', { hasText: nb('IPLOS test') })
        .first()
        .waitFor({ timeout: 30_000 });
      await bench.screenshot('checks-nb');
      await collectWorkbench('views');
    });
  });

  it('a send: the control, the confirmation, the prompts, the progress and the receipt in bokmål', async () => {
    await bench.step('send', async () => {
      await bench.runCommand('IPLOS: Send extract');
      await bench.pickQuickItem('IPLOS_0403_2025.xml');
      await bench.dialogButton(nb('Send anyway')).waitFor({ timeout: 60_000 });
      await bench.screenshot('send-errors-found-nb');
      await collectWorkbench('send: errors found');
      await bench.dialogButton(nb('Send anyway')).click();
      await bench.dialogButton(nb('Send to test')).waitFor({ timeout: 60_000 });
      await bench.screenshot('send-confirm-nb');
      await collectWorkbench('send: confirmation');
      await bench.dialogButton(nb('Send to test')).click();
      for (const [answer, label] of [
        [demo.encryptionKey, 'Encryption key'],
        [demo.kostraPin, 'KOSTRA PIN'],
      ] as const) {
        await bench
          .quickInput()
          .locator('.quick-input-title, .quick-input-message', { hasText: nb(label) })
          .first()
          .waitFor({ timeout: 30_000 });
        await collect(
          `send: ${label}`,
          bench.page,
          '.quick-input-widget .quick-input-title, .quick-input-widget .quick-input-message, .quick-input-widget input',
        );
        await bench.answerInput(answer);
      }
      const receipt = bench.notification(
        nbPattern("Sent. Receipt {0}. SSB's feedback will arrive in the SSB folders view."),
      );
      await receipt.waitFor({ timeout: 90_000 });
      await bench.screenshot('receipt-nb');
      await collectWorkbench('send: receipt');
      await bench
        .notificationButton(
          nbPattern("Sent. Receipt {0}. SSB's feedback will arrive in the SSB folders view."),
          nb('Show in history'),
        )
        .click();
      const history = bench.viewPane('Submission history');
      await history.locator('.monaco-list-row.selected').waitFor({ timeout: 30_000 });
      await bench.screenshot('history-nb');
      await collectWorkbench('send: history');
    });
  });

  it('the new-feedback notification and the feedback viewer in bokmål', async () => {
    await sandbox.waitForFeedback(hamar.number, { timeoutMs: 60_000 });
    await bench.step('sign-in', async () => {
      const pane = await bench.openView('IPLOS', 'SSB folders');
      // The welcome view's button is the manifest's (VS Code's language).
      await pane.locator('.welcome-view-content').getByRole('button', { name: 'Sign in to SSB' }).click();
      await bench.answerInput(demo.password, nb('SSB password'));
      await pane.locator('.monaco-list-row', { hasText: 'frassb' }).first().waitFor({ timeout: 30_000 });
    });
    await bench.step('new-feedback', async () => {
      const file = bench
        .viewPane('SSB folders')
        .locator('.monaco-list-row', { hasText: '040300_iplos_2025_test.zip' })
        .first();
      await file.waitFor({ timeout: 60_000 });
      await bench.notification(nbPattern('New feedback from SSB: {0}')).waitFor({ timeout: 60_000 });
      await bench.screenshot('new-feedback-nb');
      await collectWorkbench('new feedback');
      await file.hover();
      await file.locator('.action-label[aria-label="Download feedback"]').click();
    });
    await bench.step('viewer', async () => {
      const viewer = await bench.webviewFrameWith('.grid-body .grid-row', 90_000);
      await viewer.locator('.set-header .extract', { hasText: nbPattern('Extract: {0}') }).waitFor({ timeout: 60_000 });
      await viewer.locator('.grid-body .grid-row').first().click();
      await viewer.locator('section.detail h2').waitFor({ timeout: 15_000 });
      await bench.screenshot('viewer-nb');
      await collect('viewer', viewer, 'body, body [aria-label], body [title], body [placeholder]');
      assert.equal(await viewer.evaluate(() => document.documentElement.lang), 'nb', 'the page says its language');
    });
  });

  it('no runtime string was shown in English', () => {
    const steps = new Set(seen.map((item) => item.step));
    assert.ok(steps.size >= 8, `texts were collected at every step: ${[...steps].join(', ')}`);
    // Not vacuous: the Norwegian was seen where it was expected.
    for (const [step, english] of [
      // A row the step waited for with its result, in view whatever the other views take up.
      ['views', 'IPIS send module, test'],
      ['send: confirmation', 'Send to test'],
      ['viewer', 'Error code'],
    ] as const)
      assert.ok(
        seen.some((item) => item.step === step && item.text.includes(nb(english))),
        `${step} showed "${nb(english)}"`,
      );
    const matcher = englishMatcher();
    const english = seen.flatMap(({ step, text }) =>
      matcher.leftovers([text]).map((found) => `${step}: "${found.text}" (the bundle's "${found.english}")`),
    );
    assert.deepEqual(english, [], 'English shown under iplos.language: nb');
  });
});
