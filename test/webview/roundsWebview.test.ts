/**
 * The feedback viewer compared with an earlier round, in a real browser (the harness stubs VS
 * Code's webview API): the Status column the host adds, the chips "n fixed · n new · n remaining"
 * that filter by status, the fixed rows apart at the end without Go to record, "Compare with…" /
 * "Stop comparing" (ids only), and the comparison kept in the state for a reload.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { REPO } from '../host/codeServer';
import { comparedSet, launchBrowser, openWebview, sampleSet, type WebviewPage } from './harness';

const SHOTS = join(REPO, 'test-results', 'webview');

describe('feedback webview: compared with an earlier round', { timeout: 3 * 60_000 }, () => {
  let browser: Browser;
  let view: WebviewPage;
  // 30 current rows (10 new, 20 remaining) and 18 fixed.
  const CURRENT = 30;
  const FIXED = 18;
  const status = (viewRow: number) =>
    view.page.locator(`.grid-body .grid-row[data-view-row="${viewRow}"]:not([hidden]) .grid-cell`).nth(9);
  const count = () => view.page.locator('.error-list .count').textContent();

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchBrowser();
    view = await openWebview(browser);
    await view.send({ type: 'load', set: comparedSet(CURRENT, FIXED) });
    await view.page.locator('.grid-body .grid-row').first().waitFor();
  });

  after(async () => {
    await browser?.close();
  });

  it('shows the chips "18 fixed · 10 new · 20 remaining", the Status column, and counts only this round in the totals and the tab', async () => {
    const chips = view.page.locator('.status-chips .chip');
    assert.deepEqual(await chips.allTextContents(), ['18 fixed', '10 new', '20 remaining']);
    assert.equal(await view.page.locator('.grid-header .grid-sort').last().textContent(), 'Status');
    assert.equal(await view.page.locator('.tab[aria-selected="true"] .tab-count').textContent(), '30');
    const totals = (await view.page.locator('.totals').textContent()) ?? '';
    const errors = Number(/(\d+) errors/.exec(totals)?.[1]);
    const warnings = Number(/(\d+) warnings/.exec(totals)?.[1]);
    assert.equal(errors + warnings, CURRENT, 'the fixed rows are not counted as errors now');
    assert.match(
      (await view.page.locator('.compare-line').textContent()) ?? '',
      /Compared with 040300_iplos_2025_test, downloaded 10\.01\.2026 10:00/,
    );
    await view.page.screenshot({ path: join(SHOTS, '10-compared.png') });
  });

  it('shows each status in full: no Status cell is clipped', async () => {
    const cells = await view.page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.grid-body .grid-row:not([hidden]) .grid-cell:nth-child(10)')].map(
        (cell) => ({ text: cell.textContent, clipped: cell.scrollWidth > cell.clientWidth }),
      ),
    );
    assert.ok(
      cells.some((cell) => cell.text === 'Remaining'),
      JSON.stringify(cells.slice(0, 5)),
    );
    assert.deepEqual(
      cells.filter((cell) => cell.clipped),
      [],
    );
  });

  it('puts the fixed rows last, under a heading of their own, also when sorted', async () => {
    await view.page.locator('.grid-header .grid-sort', { hasText: 'Brukernr' }).click();
    assert.equal(await view.page.locator('.grid-header [aria-sort="ascending"] .grid-sort').textContent(), 'Brukernr');
    const heading = view.page.locator(`.grid-body .grid-row[data-view-row="${CURRENT}"]`);
    await heading.waitFor();
    assert.match((await heading.textContent()) ?? '', /Fixed since the round before \(18\)/);
    assert.equal(await status(CURRENT + 1).textContent(), 'Fixed');
    for (let viewRow = 0; viewRow < CURRENT; viewRow += 7)
      assert.notEqual(await status(viewRow).textContent(), 'Fixed');
  });

  it('filters by status with its chip (again: all), and says how many match', async () => {
    const fixedChip = view.page.locator('.status-chips .chip', { hasText: 'fixed' });
    await fixedChip.click();
    assert.equal(await fixedChip.getAttribute('aria-pressed'), 'true');
    assert.match((await count()) ?? '', /Showing 18 of 48 rows/);
    assert.equal(await status(1).textContent(), 'Fixed', 'after the heading, fixed rows only');
    const newChip = view.page.locator('.status-chips .chip', { hasText: 'new' });
    await newChip.click();
    assert.equal(await fixedChip.getAttribute('aria-pressed'), 'false');
    assert.match((await count()) ?? '', /Showing 10 of 48 rows/);
    assert.equal(await status(0).textContent(), 'New');
  });

  it('a new row keeps Go to record; a fixed row has none (SSB no longer reports it)', async () => {
    await status(0).click();
    const detail = view.page.locator('section.detail');
    await detail.locator('button.go-to-record').waitFor();
    assert.equal(await detail.locator('button.go-to-record').isDisabled(), false);
    await view.page.locator('.status-chips .chip', { hasText: 'fixed' }).click();
    await status(1).click();
    await detail.locator('.fixed-note').waitFor();
    assert.equal(await detail.locator('button.go-to-record').count(), 0);
    await view.page.screenshot({ path: join(SHOTS, '11-fixed-detail.png') });
  });

  it('"Compare with another…" and "Stop comparing" send only their type', async () => {
    await view.page.locator('button.compare-with').click();
    await view.page.locator('button.stop-comparing').click();
    const sent = (await view.messages()).slice(-2);
    assert.deepEqual(sent, [{ type: 'compareWith' }, { type: 'stopComparing' }]);
  });

  it('keeps the comparison and the status filter in the state, so a reload shows the same', async () => {
    const saved = await view.state();
    assert.equal(saved?.comparedWith, '/work/IPLOS/2025/tilbakemelding/040300_iplos_2025_test');
    assert.equal(saved?.files[0]?.status, 'fixed');
    await view.reload();
    await view.send({ type: 'load', set: comparedSet(CURRENT, FIXED) });
    await view.page.locator('.grid-body .grid-row').first().waitFor();
    assert.equal(await view.page.locator('.status-chips .chip[aria-pressed="true"]').textContent(), '18 fixed');
    assert.match((await count()) ?? '', /Showing 18 of 48 rows/);
  });

  it('without a comparison: "Compare with…", no status chips, and a saved status filter no longer hides rows', async () => {
    const plain = { ...sampleSet(CURRENT, { extractName: 'IPLOS_0403_2025.xml' }), key: comparedSet(1, 0).key };
    await view.send({ type: 'load', set: plain });
    await view.page.locator('button.compare-with', { hasText: 'Compare with…' }).waitFor();
    assert.equal(await view.page.locator('.status-chips').count(), 0);
    assert.match((await count()) ?? '', /^30 rows$/);
    assert.equal((await view.state())?.comparedWith, undefined);
    assert.deepEqual(view.pageErrors(), []);
  });
});
