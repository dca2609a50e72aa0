/**
 * The viewer without a mouse, and what a screen reader is told (issue 17). Keyboard only:
 * from opening the viewer, Tab to the grid, move to a row, Enter opens its detail (focus on
 * its heading), Tab to "Go to record", Enter — the host gets the go-to-record message; sort
 * from the header, a chip toggled, the tabs pattern. Screen reader: after PgDn on 100 000
 * rows, Chromium's own accessibility tree (over CDP, what a screen reader reads) names the
 * focused row by its cells, and the row carries its index of the whole count.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openWebview, sampleSet, type WebviewPage } from './harness';

/** Presses Tab until `selector` has focus; fails after `limit` presses. Returns how many it took. */
async function tabTo(page: Page, selector: string, limit = 30): Promise<number> {
  for (let presses = 1; presses <= limit; presses++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) === true, selector)) return presses;
  }
  throw new Error(`${selector} never got focus in ${limit} Tabs`);
}

const focused = (page: Page, attribute: string): Promise<string | null> =>
  page.evaluate((name) => document.activeElement?.getAttribute(name) ?? null, attribute);

/** The accessibility node Chromium builds for the focused element (role, name, properties). */
async function focusedAxNode(page: Page): Promise<{ role: string; name: string; properties: Record<string, unknown> }> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: 0 })) as { root: { nodeId: number } };
    const { nodeId } = (await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: ':focus' })) as {
      nodeId: number;
    };
    const { nodes } = (await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false })) as {
      nodes: {
        role?: { value: string };
        name?: { value: string };
        properties?: { name: string; value: { value: unknown } }[];
      }[];
    };
    const node = nodes[0];
    return {
      role: node?.role?.value ?? '',
      name: node?.name?.value ?? '',
      properties: Object.fromEntries((node?.properties ?? []).map((property) => [property.name, property.value.value])),
    };
  } finally {
    await cdp.detach();
  }
}

describe('the viewer by keyboard and for a screen reader', { timeout: 5 * 60_000 }, () => {
  let browser: Browser;
  let view: WebviewPage;
  const ROWS = 100_000;

  before(async () => {
    browser = await launchBrowser();
    view = await openWebview(browser);
    await view.send({ type: 'load', set: sampleSet(ROWS, { extractName: 'IPLOS_0403_2025.xml' }) });
    await view.page.locator('.grid-body .grid-row').first().waitFor();
  });

  after(async () => {
    await browser?.close();
  });

  it('keyboard only: from opening the viewer to "Go to record", and back with Escape', async () => {
    const page = view.page;
    // Start from nothing focused, as after opening the panel.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const tabs = await tabTo(page, '.grid-body .grid-row');
    // The header's actions (Compare with…), the tabs, the filters and the chips come first.
    assert.ok(tabs <= 20, `${tabs} Tabs to reach the grid`);
    assert.equal(
      await page.locator('.grid-body .grid-row[tabindex="0"]').count(),
      1,
      'the grid is one tab stop (roving tabindex)',
    );
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    assert.equal(await focused(page, 'data-view-row'), '2', 'focus follows the active row');
    await page.keyboard.press('Enter');
    await page.locator('.detail h2').waitFor();
    assert.equal(
      await page.evaluate(() => document.activeElement?.matches('.detail h2')),
      true,
      "Enter moves focus to the detail's heading",
    );
    const heading = (await page.locator('.detail h2').textContent()) ?? '';
    assert.match((await focusedAxNode(page)).name, new RegExp(heading.slice(0, 3)), 'the heading is announced');
    await tabTo(page, '.detail button.go-to-record', 5);
    await page.keyboard.press('Enter');
    const go = (await view.messages()).filter((message) => message.type === 'goToRecord').at(-1);
    assert.deepEqual(go, { type: 'goToRecord', file: 0, row: 2 }, 'the host is asked to go to row 2');
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('.detail').isHidden(), true, 'Escape closes the detail');
    assert.equal(await focused(page, 'data-view-row'), '2', 'and focus is back on the row');
  });

  it('keyboard only: sort from the header (↑ from the first row, → , Enter, ↓ back)', async () => {
    const page = view.page;
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowUp');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Kommunenr');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Brukernr');
    await page.keyboard.press('Enter');
    assert.equal(
      await page.locator('[role="columnheader"][aria-sort="ascending"]').textContent(),
      'Brukernr',
      'sorted, and aria-sort says so',
    );
    assert.equal(await page.locator('[role="columnheader"][aria-sort]').count(), 1, 'aria-sort on one header only');
    await page.keyboard.press('ArrowDown');
    assert.equal(await focused(page, 'role'), 'row', '↓ goes back to the rows');
  });

  it('keyboard only: a chip toggles with Space, and the new count is in a polite live region', async () => {
    const page = view.page;
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await tabTo(page, '.chips .chip');
    assert.equal(await page.locator('.chips').getAttribute('role'), 'group');
    assert.ok(await page.locator('.chips').getAttribute('aria-label'), 'the chip group is labelled');
    await page.keyboard.press('Space');
    assert.equal(await focused(page, 'aria-pressed'), 'true');
    const status = page.locator('.error-list .count');
    assert.equal(await status.getAttribute('role'), 'status', 'role="status": polite, read when it changes');
    assert.match((await status.textContent()) ?? '', /^Showing [\d\s]+ of 100\s000 rows$/);
    await page.keyboard.press('Space');
    assert.equal(await focused(page, 'aria-pressed'), 'false');
    assert.match((await status.textContent()) ?? '', /^100\s000 rows$/);
  });

  it('keyboard only: the tabs follow the ARIA tabs pattern (← → Home End, one tab stop)', async () => {
    const page = view.page;
    await page.locator('.tab[aria-selected="true"]').focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(await focused(page, 'id'), 'tab-1');
    assert.equal(await page.locator('#tab-1').getAttribute('aria-selected'), 'true');
    assert.equal(await page.locator('#panel-1').isVisible(), true);
    await page.keyboard.press('End');
    assert.equal(await focused(page, 'id'), 'tab-3');
    await page.keyboard.press('ArrowRight');
    assert.equal(await focused(page, 'id'), 'tab-0', 'wraps around');
    await page.keyboard.press('End');
    await page.keyboard.press('Home');
    assert.equal(await focused(page, 'id'), 'tab-0');
    assert.equal(await page.locator('.tab[tabindex="0"]').count(), 1);
    assert.equal(await page.locator('main').count(), 1, 'one main landmark');
  });

  it('screen reader: after PgDn on 100 000 rows the focused row says its cells and "row N of 100 001"', async () => {
    const page = view.page;
    await page.locator('#panel-0 .grid-body .grid-row[tabindex="0"]').focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('PageDown');
    const rowIndex = Number(await focused(page, 'aria-rowindex'));
    const viewRow = Number(await focused(page, 'data-view-row'));
    assert.ok(viewRow > 10, `PgDn moved a page (to view row ${viewRow})`);
    assert.equal(rowIndex, viewRow + 2, 'aria-rowindex counts from the header row (1)');
    // 100 000 rows of data plus the header row: ARIA counts every row of the grid.
    assert.equal(await page.locator('#panel-0 [role="grid"]').getAttribute('aria-rowcount'), String(ROWS + 1));
    const node = await focusedAxNode(page);
    assert.equal(node.role, 'row');
    const cells = await page.locator(':focus [role="gridcell"]').allTextContents();
    assert.ok(cells.length === 9 && cells.every((text) => text.length > 0));
    for (const text of cells) assert.ok(node.name.includes(text), `"${node.name}" says "${text}"`);
    assert.equal(node.properties.selected, true, 'the active row is selected');
    assert.ok(
      (await page.locator('#panel-0 .grid-body .grid-row:not([hidden])').count()) < 120,
      'still only a window of rows in the DOM',
    );
  });

  it('screen reader: a tab names its file and its count apart ("feilliste.csv, 100 000 rows")', async () => {
    const page = view.page;
    await page.locator('#tab-0').focus();
    assert.match((await focusedAxNode(page)).name, /^feilliste\.csv, 100\s000 rows$/, 'not "feilliste.csv100 000"');
  });

  it('screen reader: the row count is written once typing pauses, and not again when it stays the same', async () => {
    const page = view.page;
    // Every write to a live region is announced: count the writes (a MutationObserver sees each one).
    await page.evaluate(() => {
      const status = document.querySelector('#panel-0 .count') as HTMLElement;
      const win = window as unknown as { countWrites: number };
      win.countWrites = 0;
      new MutationObserver((records) => (win.countWrites += records.length)).observe(status, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    });
    const writes = (): Promise<number> =>
      page.evaluate(() => (window as unknown as { countWrites: number }).countWrites);
    const search = page.locator('#panel-0 input.text-filter');
    await search.focus();
    await page.keyboard.type('melding 4242 om');
    await page.waitForFunction(() =>
      /^Showing 1 of/.test(document.querySelector('#panel-0 .count')?.textContent ?? ''),
    );
    const afterTyping = await writes();
    assert.ok(afterTyping >= 1 && afterTyping <= 2, `the count was written ${afterTyping} times for 15 keystrokes`);
    // Sorting changes the order, not the count: nothing new to say.
    await page.locator('#panel-0 .grid-header .grid-sort', { hasText: 'Brukernr' }).click();
    await page.locator('#panel-0 .grid-header [aria-sort]').first().waitFor();
    assert.equal(await writes(), afterTyping, 'an unchanged count is not written again');
    await search.fill('');
    await page.waitForFunction(() =>
      /^100\s000 rows$/.test(document.querySelector('#panel-0 .count')?.textContent ?? ''),
    );
  });

  it('screen reader: a suppressed value (":") is no bar and "no value" in the chart\'s name, never 0', async () => {
    const page = view.page;
    await page.locator('.tab', { hasText: 'kontrolltabell_tjenester.csv' }).click();
    const chart = page.locator('#panel-1 svg.bar-chart').nth(1);
    await chart.waitFor();
    assert.equal(await chart.locator('rect.bar').count(), 2, 'the suppressed row has no bar');
    const name = (await chart.getAttribute('aria-label')) ?? '';
    assert.match(name, /Korttidsopphold no value/);
    assert.doesNotMatch(name, /Korttidsopphold 0/);
    await page.locator('#tab-0').click();
  });
});
