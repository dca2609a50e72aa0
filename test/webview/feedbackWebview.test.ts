import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { REPO } from '../host/codeServer';
import { launchBrowser, openWebview, sampleSet, type WebviewPage } from './harness';

// The feedback viewer's front end in a real browser, with a stub of VS Code's webview API:
// what it renders, and what it sends back (ids only).
const SHOTS = join(REPO, 'test-results', 'webview');

describe('feedback webview', { timeout: 5 * 60_000 }, () => {
  let browser: Browser;
  let view: WebviewPage;
  const ROWS = 100_000;

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchBrowser();
    view = await openWebview(browser);
    await view.send({ type: 'load', set: sampleSet(ROWS, { extractName: 'IPLOS_0403_2025.xml' }) });
    await view.page.locator('.grid-body .grid-row').first().waitFor();
  });

  after(async () => {
    await browser?.close();
  });

  const rowsShown = () => view.page.locator('.grid-body .grid-row:not([hidden])');
  const cell = (viewRow: number, column: number) =>
    view.page.locator(`.grid-body .grid-row[data-view-row="${viewRow}"]:not([hidden]) .grid-cell`).nth(column);
  const count = () => view.page.locator('.error-list .count').textContent();

  it('renders 100 000 rows with only the visible ones in the DOM, and a summary per code', async () => {
    assert.match((await count()) ?? '', /100\s000 rows/);
    const rendered = await rowsShown().count();
    assert.ok(rendered > 10 && rendered < 120, `${rendered} row elements for ${ROWS} rows`);
    assert.equal(await view.page.locator('.chips .chip').count(), 6, 'one chip per code');
    assert.match((await view.page.locator('.totals').textContent()) ?? '', /errors.*warnings.*clients affected/);
    assert.equal(
      await view.page.locator('.tab[aria-selected="true"] [aria-hidden]').textContent(),
      'feilliste.csv100\u00a0000',
    );
    // Scrolling to the end shows the last row.
    await view.page.locator('.grid-viewport').evaluate((element) => (element.scrollTop = element.scrollHeight));
    await view.page.locator(`.grid-body .grid-row[data-view-row="${ROWS - 1}"]`).waitFor();
    await view.page.screenshot({ path: join(SHOTS, '01-error-list.png') });
    await view.page.locator('.grid-viewport').evaluate((element) => (element.scrollTop = 0));
  });

  it('sorts by any column, numerically where the column is numeric, both ways', async () => {
    await view.page.locator('.grid-header .grid-sort', { hasText: 'Brukernr' }).click();
    assert.equal(
      await cell(0, 2).textContent(),
      '100000',
      'smallest first; a client number is an id, not formatted as a number',
    );
    assert.equal(await view.page.locator('.grid-header [aria-sort="ascending"]').count(), 1);
    await view.page.locator('.grid-header .grid-sort', { hasText: 'Brukernr' }).click();
    const largest = Number((await cell(0, 2).textContent()) ?? '');
    assert.ok(largest > 100_000 + ROWS / 3 - 10, String(largest));
    await view.page.locator('.grid-header .grid-sort', { hasText: 'Feilkode' }).click();
    assert.equal(await cell(0, 6).textContent(), 'B01', 'text sorted alphabetically');
  });

  it('filters by text, severity and code; the count says how many match', async () => {
    const search = view.page.locator('input.text-filter');
    await search.fill('melding 4242 om');
    await view.page.waitForFunction(() =>
      /Showing 1 of/.test(document.querySelector('.error-list .count')?.textContent ?? ''),
    );
    assert.match((await cell(0, 8).textContent()) ?? '', /Melding 4242 om/);
    await search.fill('');
    await view.page.locator('select.severity-filter').selectOption('critical');
    const critical = (await count()) ?? '';
    assert.match(critical, /Showing [\d\s]+ of 100\s000 rows/);
    assert.equal(await cell(0, 7).textContent(), 'Kritisk feil');
    await view.page.locator('select.severity-filter').selectOption('');
    await view.page.locator('.chips .chip', { hasText: 'T02' }).click();
    assert.match((await count()) ?? '', /Showing 16\s667 of/);
    assert.equal(await view.page.locator('select.code-filter').inputValue(), 'T02');
    await view.page.locator('.chips .chip', { hasText: 'T02' }).click();
    assert.match((await count()) ?? '', /^100\s000 rows$/);
  });

  it('groups by code with a header row per code and its count', async () => {
    await view.page.locator('input.group-toggle').check();
    const first = view.page.locator('.grid-body .grid-row.grid-group').first();
    await first.waitFor();
    assert.match((await first.textContent()) ?? '', /^B01 — Client without services \(16\s66\d\)/);
    await view.page.screenshot({ path: join(SHOTS, '02-grouped.png') });
    await view.page.locator('input.group-toggle').uncheck();
  });

  it('keyboard: arrows move the active row, Enter opens its detail; a click does too and "Go to record" sends only ids', async () => {
    assert.equal(
      await view.page.locator('.grid-header [aria-sort="ascending"] .grid-sort').textContent(),
      'Feilkode',
      'still sorted by code (from the sort test)',
    );
    // Focus on the first row makes it the active row (Tab there: test/webview/keyboardAndScreenReader.test.ts).
    await view.page.locator('#panel-0 .grid-body .grid-row[data-view-row="0"]').focus();
    for (let step = 0; step < 2; step++) await view.page.keyboard.press('ArrowDown');
    assert.equal(await view.page.locator('.grid-row.active').getAttribute('data-view-row'), '2');
    await view.page.keyboard.press('Enter');
    const detail = view.page.locator('section.detail');
    await detail.waitFor();
    assert.match((await detail.locator('h2').textContent()) ?? '', /^B01 — Client without services/);
    assert.match((await detail.locator('.meaning').textContent()) ?? '', /no services/);
    // Focus went to the detail; Escape brings it back to the row.
    await view.page.keyboard.press('Escape');
    await view.page.keyboard.press('End');
    assert.equal(await view.page.locator('.grid-row.active').getAttribute('data-view-row'), String(ROWS - 1));
    await view.page.keyboard.press('Home');
    // Click a T01 row: its detail, the client's other errors, and Go to record.
    await view.page.locator('.chips .chip', { hasText: 'T01' }).click();
    await cell(0, 0).click();
    await detail.locator('h2', { hasText: 'T01 — Unknown service type' }).waitFor();
    assert.ok((await detail.locator('.other-errors li').count()) >= 1, 'the client has other errors');
    await view.page.screenshot({ path: join(SHOTS, '03-detail.png') });
    await detail.locator('button.go-to-record').click();
    const messages = await view.messages();
    const go = messages.filter((message) => message.type === 'goToRecord').at(-1);
    assert.deepEqual(Object.keys(go ?? {}).sort(), ['file', 'row', 'type']);
    assert.equal(go?.type === 'goToRecord' && go.file, 0);
    assert.equal(go?.type === 'goToRecord' && go.row % 6, 0, 'a T01 row (every sixth row)');
  });

  it('copy and export send the filtered rows as row ids', async () => {
    await view.page.locator('button.copy-rows').click();
    await view.page.locator('button.export-rows').click();
    const messages = await view.messages();
    const copy = messages.find((message) => message.type === 'copyRows');
    const exported = messages.find((message) => message.type === 'exportRows');
    assert.ok(copy?.type === 'copyRows' && copy.rows.length === 16_667 && copy.rows.every((row) => row % 6 === 0));
    assert.deepEqual(exported, copy && { ...copy, type: 'exportRows' });
  });

  it('its state (tab, filters, sort, selection) survives a reload', async () => {
    await view.reload();
    await view.send({ type: 'load', set: sampleSet(ROWS, { extractName: 'IPLOS_0403_2025.xml' }) });
    await view.page.locator('.grid-body .grid-row').first().waitFor();
    assert.equal(await view.page.locator('select.code-filter').inputValue(), 'T01');
    assert.match((await count()) ?? '', /Showing 16\s667 of/);
    assert.equal(await view.page.locator('.grid-header [aria-sort="ascending"] .grid-sort').textContent(), 'Feilkode');
    await view.page.locator('section.detail h2', { hasText: 'T01' }).waitFor();
  });

  it('control tables: numbers in nb-NO, a bar chart per numeric column without the total row, malformed rows reported', async () => {
    await view.page.locator('.tab', { hasText: 'kontrolltabell_tjenester.csv' }).click();
    const panel = view.page.locator('#panel-1');
    await panel.locator('.grid-body .grid-row').first().waitFor();
    assert.equal(
      await panel.locator('.grid-body .grid-row[data-view-row="0"] .grid-cell').nth(1).textContent(),
      '1\u00a0234',
    );
    assert.equal(
      await panel.locator('.grid-body .grid-row[data-view-row="1"] .grid-cell').nth(2).textContent(),
      '7,25',
    );
    assert.equal(await panel.locator('svg.bar-chart').count(), 2);
    assert.equal(await panel.locator('svg.bar-chart').first().locator('rect.bar').count(), 3, 'Totalt is left out');
    assert.match((await panel.locator('details.malformed summary').textContent()) ?? '', /^1 rows did not fit/);
    await view.page.screenshot({ path: join(SHOTS, '04-control-table.png') });
  });

  it('a text file is shown as text; another file offers Open (by id)', async () => {
    await view.page.locator('.tab', { hasText: 'les_meg.txt' }).click();
    assert.match((await view.page.locator('#panel-2 pre').textContent()) ?? '', /Tilbakemelding fra SSB/);
    await view.page.locator('.tab', { hasText: 'rapport.pdf' }).click();
    await view.page.locator('#panel-3 button.open-file').click();
    const messages = await view.messages();
    assert.deepEqual(messages.at(-1), { type: 'openFile', file: 3 });
  });

  it('renders cell text as text: markup in a feedback file never becomes markup', async () => {
    const hostile = sampleSet(3);
    const file = hostile.files[0];
    assert.ok(file?.kind === 'error-list');
    file.rows[0] = ['0403', '00', '1', '1', 'x', '<img src=x onerror="window.__pwned=1">', 'T01', 'Feil', '<b>fet</b>'];
    const page = await openWebview(browser);
    await page.send({ type: 'load', set: hostile });
    await page.page.locator('.grid-body .grid-row').first().waitFor();
    assert.equal(await page.page.locator('.grid-body img, .grid-body b').count(), 0);
    assert.equal(await page.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    assert.match((await page.page.locator('.grid-body').textContent()) ?? '', /<b>fet<\/b>/);
    await page.page.context().close();
  });

  it('without a known extract it offers "Choose extract…" (a request, no path)', async () => {
    const page = await openWebview(browser);
    await page.send({ type: 'load', set: sampleSet(12) });
    await page.page.locator('.set-header button.choose-extract').click();
    assert.deepEqual((await page.messages()).at(-1), { type: 'chooseExtract' });
    await page.page.context().close();
  });
});
