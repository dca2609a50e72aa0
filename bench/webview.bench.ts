// `node --import tsx bench/webview.bench.ts [--rows N] [--runs N]`
//
// The feedback viewer in headless Chromium (the built dist/webview/feedback.js, as in the
// webview tests): time from the host's `load` message to the first painted rows, and from
// a keystroke in the filter to the filtered rows painted, for an error list of 100 000
// rows. The peer is the naive viewer: the same rows as one plain <table> in the same
// page (what an HTML export opened in a browser gives). Targets: first paint < 1 s,
// filter < 150 ms. Medians of --runs (default 5); results in bench-results/webview.json.
// `--compared`: the same, compared with an earlier round (a Status column, a tenth of the rows
// fixed, the chips), as the host sends it; results in bench-results/webview-compared.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { comparedSet, launchBrowser, newContext, openWebview, sampleSet } from '../test/webview/harness';
import { median } from './measure';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '5' },
    compared: { type: 'boolean', default: false },
  },
});
const rows = Number(values.rows);
const runs = Number(values.runs);

async function main(): Promise<void> {
  const browser = await launchBrowser();
  const set = values.compared
    ? comparedSet(rows - Math.floor(rows / 10), Math.floor(rows / 10))
    : sampleSet(rows, { extractName: 'IPLOS_0403_2025.xml' });
  const firstPaint: number[] = [];
  const filter: number[] = [];
  const naive: number[] = [];
  const heap: number[] = [];
  try {
    for (let run = 1; run <= runs; run++) {
      const view = await openWebview(browser);
      // Time inside the page: post, then wait for rows and one more frame (painted).
      firstPaint.push(
        await view.page.evaluate(async (data) => {
          const started = performance.now();
          window.postMessage({ type: 'load', set: data }, '*');
          await new Promise<void>((resolve) => {
            const check = (): void => {
              if (document.querySelector('.grid-body .grid-row')) requestAnimationFrame(() => resolve());
              else requestAnimationFrame(check);
            };
            check();
          });
          return performance.now() - started;
        }, set),
      );
      filter.push(
        await view.page.evaluate(async () => {
          const input = document.querySelector<HTMLInputElement>('input.text-filter');
          const label = document.querySelector('.error-list .count');
          if (!input || !label) throw new Error('no filter');
          const before = label.textContent;
          const started = performance.now();
          input.value = 'melding 4242';
          input.dispatchEvent(new Event('input'));
          await new Promise<void>((resolve) => {
            const check = (): void => {
              if (label.textContent !== before) requestAnimationFrame(() => resolve());
              else requestAnimationFrame(check);
            };
            check();
          });
          return performance.now() - started;
        }),
      );
      heap.push(
        await view.page.evaluate(
          () =>
            ((performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0) /
            1024 /
            1024,
        ),
      );
      await view.page.context().close();
      // The peer: every row as DOM in one <table>, built the fast way (one innerHTML of escaped text).
      const page = await (await newContext(browser)).newPage();
      await page.setContent('<!DOCTYPE html><html><body><div id="root"></div></body></html>');
      const file = set.files[0];
      if (file?.kind !== 'error-list') throw new Error('no error list');
      naive.push(
        await page.evaluate(
          async (data) => {
            const escape = (text: string): string => text.replace(/[&<>]/g, (char) => `&#${char.charCodeAt(0)};`);
            const started = performance.now();
            const html = `<table><thead><tr>${data.columns.map((column) => `<th>${escape(column)}</th>`).join('')}</tr></thead><tbody>${data.rows.map((row) => `<tr>${row.map((cell) => `<td>${escape(cell)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
            (document.getElementById('root') as HTMLElement).innerHTML = html;
            await new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
            return performance.now() - started;
          },
          { columns: file.columns.map((column) => column.name), rows: file.rows },
        ),
      );
      await page.context().close();
      console.log(
        `run ${run}: first paint ${firstPaint.at(-1)?.toFixed(0)} ms, filter ${filter.at(-1)?.toFixed(0)} ms, plain <table> ${naive.at(-1)?.toFixed(0)} ms`,
      );
    }
  } finally {
    await browser.close();
  }
  const result = {
    rows,
    runs,
    firstPaintMs: median(firstPaint),
    filterMs: median(filter),
    plainTableMs: median(naive),
    jsHeapMiB: median(heap),
  };
  const ratio = result.firstPaintMs / result.plainTableMs;
  console.log(`\n${rows.toLocaleString('nb-NO')} rows, ${runs} runs, medians:`);
  console.log(
    `  first paint   ${result.firstPaintMs.toFixed(0).padStart(6)} ms   target < 1000 ms  ${result.firstPaintMs < 1000 ? 'met' : 'MISSED'}`,
  );
  console.log(
    `  filter        ${result.filterMs.toFixed(0).padStart(6)} ms   target <  150 ms  ${result.filterMs < 150 ? 'met' : 'MISSED'}`,
  );
  console.log(
    `  plain <table> ${result.plainTableMs.toFixed(0).padStart(6)} ms   (peer: all rows as DOM) → viewer/peer first paint ${ratio.toFixed(2)}×`,
  );
  console.log(`  JS heap after load ${result.jsHeapMiB.toFixed(0)} MiB`);
  mkdirSync(join(__dirname, '..', 'bench-results'), { recursive: true });
  writeFileSync(
    join(__dirname, '..', 'bench-results', values.compared ? 'webview-compared.json' : 'webview.json'),
    `${JSON.stringify({ ...result, ratioToPlainTable: ratio }, null, 2)}\n`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
