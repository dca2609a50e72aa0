import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { REPO } from '../host/codeServer';
import { launchBrowser, openWebview, type WebviewPage } from './harness';
import { EXTRACT, FINDINGS, localSet } from './localControlSample';

// The viewer's Local control document in a real browser, with the stub of VS Code's webview
// API: the header (when it ran, stale, stopped, capped rules, "Validate again"), the same
// grid as SSB's error list, "Go to record" by position (also for a finding about the whole
// file), and "No findings" for a clean extract.
const SHOTS = join(REPO, 'test-results', 'webview');
describe('the Local control document in the viewer', { timeout: 5 * 60_000 }, () => {
  let browser: Browser;
  let view: WebviewPage;

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchBrowser();
    view = await openWebview(browser);
    await view.send({ type: 'load', set: localSet(FINDINGS) });
    await view.page.locator('.grid-body .grid-row').first().waitFor();
  });

  after(async () => {
    await browser?.close();
  });

  it('shows the findings like an error list: chips per rule, totals, the header says when it ran and what it read', async () => {
    const header = view.page.locator('.set-header');
    assert.equal(await header.locator('h1').textContent(), `Local control: ${EXTRACT}`);
    assert.match(
      (await header.locator('.extract').textContent()) ?? '',
      /^Checked 01\.12\.2026, 14:05 · 5 clients, 4 services/,
    );
    assert.equal(await header.locator('.notices').count(), 0, 'nothing stale, stopped or capped');
    assert.deepEqual(await view.page.locator('.chips .chip strong').allTextContents(), ['B01', 'C01', 'T01', 'T02']);
    assert.match((await view.page.locator('.totals').textContent()) ?? '', /3 errors.*1 warnings.*3 clients affected/);
    assert.equal(await view.page.locator('.tab[aria-selected="true"] [aria-hidden]').textContent(), 'Local control4');
    assert.equal(await view.page.locator('.grid-header .grid-sort').nth(8).textContent(), 'Line');
    await view.page.screenshot({ path: join(SHOTS, '10-local-control.png') });
  });

  it('"Validate again" asks the host to run the control (no path sent)', async () => {
    await view.page.locator('.set-header button.validate-again').click();
    assert.deepEqual((await view.messages()).at(-1), { type: 'validateAgain' });
  });

  it("a finding's detail: what it means, how to fix it, its source, and Go to record by the finding's id", async () => {
    await view.page.locator('.chips .chip', { hasText: 'T01' }).click();
    await view.page.locator('.grid-body .grid-row:not([hidden])').first().click();
    const detail = view.page.locator('section.detail');
    await detail.locator('h2', { hasText: 'T01 — Unknown service type' }).waitFor();
    assert.match(
      (await detail.locator('.rule-source').textContent()) ?? '',
      /^Source: A: XPR\(ipl\)_CodingSchemes\.xsd/,
    );
    assert.match(
      (await detail.locator('.record-actions').textContent()) ?? '',
      /Opens IPLOS_0403_2025\.xml at line 7\./,
    );
    await detail.locator('button.go-to-record:not([disabled])').click();
    assert.deepEqual((await view.messages()).at(-1), { type: 'goToRecord', file: 0, row: 1 });
    await view.page.locator('.chips .chip', { hasText: 'T01' }).click();
  });

  it('a finding about the whole file (no client) still goes to its line', async () => {
    await view.page.locator('.chips .chip', { hasText: 'C01' }).click();
    await view.page.locator('.grid-body .grid-row:not([hidden])').first().click();
    const detail = view.page.locator('section.detail');
    await detail.locator('h2', { hasText: /^C01 — / }).waitFor();
    await detail.locator('button.go-to-record:not([disabled])').click();
    assert.deepEqual((await view.messages()).at(-1), { type: 'goToRecord', file: 0, row: 0 });
    assert.equal(await detail.locator('.rule-source').count(), 0, 'no source line where the catalogue gives none');
  });

  it('its state (filter, selection) survives a reload, as for SSB feedback', async () => {
    await view.reload();
    await view.send({ type: 'load', set: localSet(FINDINGS) });
    await view.page.locator('.grid-body .grid-row').first().waitFor();
    assert.equal(await view.page.locator('select.code-filter').inputValue(), 'C01');
    await view.page.locator('section.detail h2', { hasText: /^C01 — / }).waitFor();
  });

  it('stale, stopped by a fatal gate, capped: each said in the header', async () => {
    const page = await openWebview(browser);
    await page.send({
      type: 'load',
      set: localSet(FINDINGS, { stale: true, fatal: true, capped: [{ ruleId: 'T01', shown: 100, total: 1234 }] }),
    });
    const notices = page.page.locator('.set-header .notices');
    await notices.waitFor();
    assert.match((await notices.locator('.stale').textContent()) ?? '', /changed after this control/);
    assert.match((await notices.locator('.fatal').textContent()) ?? '', /fatal error stopped the control/);
    assert.match((await notices.locator('.capped').textContent()) ?? '', /^T01: 100 of 1\s234 findings listed$/);
    await page.page.screenshot({ path: join(SHOTS, '11-local-control-stale.png') });
    await page.page.context().close();
  });

  it('a clean extract says "No findings"', async () => {
    const page = await openWebview(browser);
    await page.send({ type: 'load', set: localSet([]) });
    const empty = page.page.locator('.no-findings');
    await empty.waitFor();
    assert.equal(await empty.textContent(), `No findings. The local control found nothing to fix in ${EXTRACT}.`);
    assert.equal(await page.page.locator('.chips').count(), 0, 'no summary of nothing');
    assert.equal(await page.page.locator('.toolbar, .grid').count(), 0, 'no empty grid to filter');
    assert.equal(await page.page.locator('.tab[aria-selected="true"] [aria-hidden]').textContent(), 'Local control0');
    await page.page.screenshot({ path: join(SHOTS, '12-local-control-clean.png') });
    assert.deepEqual(page.pageErrors(), []);
    await page.page.context().close();
  });
});
