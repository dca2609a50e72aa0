/**
 * WCAG 2.1 AA in the feedback viewer (issue 17): axe-core 4.14 run inside the real viewer in
 * every state — error list, grouped, filtered, detail open, a control table, a text file,
 * another file, the Local control document, a list compared with the round before (status
 * column, status chips, the fixed rows' heading and a fixed row's detail) — in each of the four themes with the
 * `--vscode-*` variables a real code-server webview receives (themes/*.json, captured by
 * themes/captureThemes.ts from code-server 4.100.3). No violation of impact serious or
 * critical may remain; a moderate or minor one only if it is listed below with the reason.
 * (axe leaves contrast "incomplete" only for the overscan rows scrolled out of view behind
 * the header — the rows in view, with the same colours, pass.)
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { comparedSet, launchBrowser, openWebview, sampleSet, type WebviewPage } from './harness';
import { FINDINGS, localSet } from './localControlSample';
import { loadTheme, THEMES } from './themes/themes';

const AXE = require.resolve('axe-core/axe.min.js');

/**
 * Moderate/minor findings we accept, each with its reason. (None today: keep it that way,
 * or say here why one cannot be fixed.)
 */
const ACCEPTED: Record<string, string> = {};

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

async function axe(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const run = (window as unknown as { axe: { run(context: Document, options: object): Promise<unknown> } }).axe;
    // WCAG 2.0/2.1 A and AA, plus axe's best practices (landmarks, regions, headings).
    const result = (await run.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    })) as { violations: AxeViolation[] };
    return result.violations.map(({ id, impact, help, nodes }) => ({
      id,
      impact,
      help,
      nodes: nodes.slice(0, 3).map(({ target, failureSummary }) => ({ target, failureSummary })),
    }));
  });
}

function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map(
      (violation) =>
        `${violation.impact} ${violation.id}: ${violation.help}\n${violation.nodes
          .map((node) => `    ${node.target.join(' ')} — ${(node.failureSummary ?? '').replace(/\s+/g, ' ')}`)
          .join('\n')}`,
    )
    .join('\n');
}

async function assertAccessible(page: Page, state: string): Promise<void> {
  const violations = (await axe(page)).filter((violation) => !(violation.id in ACCEPTED));
  assert.deepEqual(violations.length, 0, `${state}:\n${describeViolations(violations)}`);
}

for (const info of THEMES) {
  describe(`accessibility of the viewer in ${info.vscodeName}`, { timeout: 5 * 60_000 }, () => {
    let browser: Browser;
    let view: WebviewPage;
    const theme = loadTheme(info.id);

    before(async () => {
      browser = await launchBrowser();
      view = await openWebview(browser, { theme });
      await view.send({ type: 'load', set: sampleSet(600, { extractName: 'IPLOS_0403_2025.xml' }) });
      await view.page.locator('.grid-body .grid-row').first().waitFor();
    });

    after(async () => {
      await browser?.close();
    });

    it('the error list', async () => {
      await assertAccessible(view.page, 'error list');
    });

    it('grouped by code', async () => {
      await view.page.locator('input.group-toggle').check();
      await view.page.locator('.grid-body .grid-row.grid-group').first().waitFor();
      await assertAccessible(view.page, 'grouped');
      await view.page.locator('input.group-toggle').uncheck();
    });

    it('filtered (text, and a code chip pressed)', async () => {
      await view.page.locator('input.text-filter').fill('bruker');
      await view.page.locator('.chips .chip', { hasText: 'T02' }).click();
      await view.page.locator('.chips .chip[aria-pressed="true"]').waitFor();
      await assertAccessible(view.page, 'filtered');
    });

    it('the detail open', async () => {
      await view.page.locator('.grid-body .grid-row[data-view-row="0"]').click();
      await view.page.locator('.detail h2').waitFor();
      await assertAccessible(view.page, 'detail open');
    });

    it('a control table with its charts', async () => {
      await view.page.locator('.tab', { hasText: 'kontrolltabell_tjenester.csv' }).click();
      await view.page.locator('#panel-1 svg.bar-chart').first().waitFor();
      await assertAccessible(view.page, 'control table');
    });

    it('a text file, a file that is not a table, an error from the host', async () => {
      await view.page.locator('.tab', { hasText: 'les_meg.txt' }).click();
      await view.page.locator('#panel-2 pre').waitFor();
      await assertAccessible(view.page, 'text file');
      await view.page.locator('.tab', { hasText: 'rapport.pdf' }).click();
      await view.page.locator('#panel-3 button.open-file').waitFor();
      await assertAccessible(view.page, 'other file');
      await view.send({ type: 'error', message: 'The file could not be opened.' });
      await view.page.locator('.banner.error[role="alert"]').waitFor();
      await assertAccessible(view.page, 'an error from the host');
    });

    it('compared with the round before: status chips pressed, the fixed rows apart, a fixed row open', async () => {
      const compared = await openWebview(browser, { theme });
      await compared.send({ type: 'load', set: comparedSet(30, 18) });
      await compared.page.locator('.status-chips .chip').first().waitFor();
      await assertAccessible(compared.page, 'compared');
      await compared.page.locator('.status-chips .chip', { hasText: 'fixed' }).click();
      await compared.page.locator('.status-chips .chip[aria-pressed="true"]').waitFor();
      await compared.page.locator('.grid-body .grid-row:not(.grid-group):not([hidden])').first().click();
      await compared.page.locator('.detail .fixed-note').waitFor();
      await assertAccessible(compared.page, 'compared, fixed rows, a fixed row open');
      await compared.page.context().close();
    });

    it('the Local control document (stale, capped, detail open) and a clean one', async () => {
      const local = await openWebview(browser, { theme });
      await local.send({
        type: 'load',
        set: localSet(FINDINGS, { stale: true, capped: [{ ruleId: 'T01', shown: 1, total: 40 }] }),
      });
      await local.page.locator('.grid-body .grid-row[data-view-row="1"]').click();
      await local.page.locator('.detail h2').waitFor();
      await assertAccessible(local.page, 'local control');
      await local.send({ type: 'load', set: localSet([], { fatal: false }) });
      await local.page.locator('.no-findings').waitFor();
      await assertAccessible(local.page, 'local control without findings');
      await local.page.context().close();
    });
  });
}
