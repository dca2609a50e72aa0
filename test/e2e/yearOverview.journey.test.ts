import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { writeExtract } from '../fixtures/extractGenerator';
import { runCliProcess } from '../helpers/cli';
import { launchBrowser, newPage, newTempDir, workbenchUrl, type CodeServer } from '../host/codeServer';
import type { DemoMunicipality } from '../sandbox/demoData';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { startWithPackagedExtension } from './packagedExtension';
import { Workbench } from './workbench';

// The year at a glance for an IT cooperation, in the browser-driven VS Code on the packaged
// .vsix, against the sandbox (loopback only). Three municipalities in three states, made by
// the real `iplos` CLI sharing the extension's history: Hamar sent and downloaded SSB's
// feedback (errors to fix), Trondheim sent and waits for SSB, Oslo's district 01 has sent
// nothing. "IPLOS: Year overview" → the rows sorted by what needs action first → the
// details of a row → "Open the latest feedback" from its context menu opens the viewer.
const YEAR = new Date().getFullYear() - 1;

describe('the year overview in the browser', { timeout: 10 * 60_000 }, () => {
  let sandbox: Sandbox;
  let server: CodeServer;
  let browser: Browser;
  let bench: Workbench;
  const profiles = [
    { number: '0403', name: 'Hamar', bydel: '00', ssbUsername: 'postmottak@hamar.kommune.no' },
    { number: '5001', name: 'Trondheim', bydel: '00', ssbUsername: 'postmottak@trondheim.kommune.no' },
    { number: '0301', name: 'Oslo', bydel: '01', ssbUsername: 'postmottak@oslo.kommune.no' },
  ];

  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    const history = newTempDir('iplos-e2e-history-');
    const work = newTempDir('iplos-e2e-overview-');
    const endpoints = {
      ipisTestUrl: sandbox.info.ipisTestUrl,
      ipisProductionUrl: 'https://127.0.0.1:9/Sendemodul',
      ssbUrl: sandbox.info.ssbUrl,
      expectedAddress: '127.0.0.1',
    };
    const config = join(work, 'iplos.config.json');
    writeFileSync(
      config,
      JSON.stringify({
        environment: 'test',
        municipalities: profiles,
        endpoints,
        caFile: sandbox.info.caFile,
        historyLocation: history,
      }),
    );
    const demo = (number: string): DemoMunicipality => {
      const found = sandbox.info.municipalities.find((municipality) => municipality.number === number);
      if (!found) throw new Error(`the sandbox has no ${number}`);
      return found;
    };
    const cli = async (args: string[], number: string): Promise<string> => {
      const municipality = demo(number);
      const run = await runCliProcess(args, {
        PATH: process.env.PATH ?? '',
        IPLOS_CONFIG: config,
        IPLOS_MUNICIPALITY: number,
        IPLOS_SSB_PASSWORD: municipality.password,
        IPLOS_KOSTRA_PIN: municipality.kostraPin,
        IPLOS_ENCRYPTION_KEY: municipality.encryptionKey,
        IPLOS_FEEDBACK_KEY: municipality.feedbackKeys.test,
      });
      assert.equal(run.status, 0, `iplos ${args.join(' ')}: ${run.stderr}`);
      return run.stdout;
    };
    // Hamar: sent with errors, SSB's feedback downloaded and decrypted.
    const hamarExtract = join(work, `IPLOS_0403_${YEAR}.xml`);
    await writeExtract(hamarExtract, { municipality: '0403', year: YEAR, clients: 40, errors: 4, seed: 3 });
    await cli(['send', hamarExtract, '--yes', '--send-with-errors'], '0403');
    await cli(['feedback', 'wait', '--interval', '0.2', '--timeout', '60'], '0403');
    await cli(['feedback', 'download', '--latest', '--out', join(work, 'tilbakemelding')], '0403');
    // Trondheim: sent, nothing downloaded yet.
    const trondheimExtract = join(work, `IPLOS_5001_${YEAR}.xml`);
    await writeExtract(trondheimExtract, { municipality: '5001', year: YEAR, clients: 30, seed: 4 });
    await cli(['send', trondheimExtract, '--yes'], '5001');

    let workspace: string;
    ({ server, workspace } = await startWithPackagedExtension('year-overview', {
      user: {
        'iplos.municipalities': profiles,
        'iplos.activeMunicipality': '5001',
        'iplos.environment': 'test',
        'iplos.pollIntervalMinutes': 0,
        // Both deadlines at the end of this year, so the picture is the same whenever the journey runs.
        'iplos.reportingDeadline': '12-31',
        'iplos.correctionDeadline': '12-31',
      },
      machine: {
        'iplos.endpoints.ipisTestUrl': sandbox.info.ipisTestUrl,
        'iplos.endpoints.ipisProductionUrl': 'https://127.0.0.1:9/Sendemodul',
        'iplos.endpoints.ssbUrl': sandbox.info.ssbUrl,
        'iplos.endpoints.expectedAddress': '127.0.0.1',
        'iplos.caFile': sandbox.info.caFile,
        'iplos.historyLocation': history,
      },
    }));
    browser = await launchBrowser();
    bench = new Workbench(await newPage(browser), 'year-overview');
    await bench.page.goto(workbenchUrl(server, workspace));
    await bench.ready();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await sandbox?.stop();
  });

  it('"IPLOS: Year overview": three municipalities, what needs action first, Norwegian dates', async () => {
    await bench.step('overview', async () => {
      await bench.runCommand('IPLOS: Year overview');
      const pane = bench.viewPane('Year overview');
      await pane.locator('.pane-header').waitFor({ timeout: 30_000 });
      // The season's year is this year from July; the sends are for last year's data.
      await bench.runCommand('IPLOS: Year overview: choose reporting year…');
      await bench.pickQuickItem(String(YEAR));
      const rows = pane.locator('.monaco-list-row[aria-level="1"]');
      await rows.filter({ hasText: 'Trondheim' }).first().waitFor({ timeout: 60_000 });
      await rows
        .filter({ hasText: /errors?,/ })
        .first()
        .waitFor({ timeout: 60_000 });
      const labels = await rows.evaluateAll((elements) =>
        elements.map((element) => element.getAttribute('aria-label')),
      );
      assert.equal(labels.length, 3, JSON.stringify(labels));
      assert.match(
        labels[0] ?? '',
        /^0301 Oslo, bydel 01\. To do: send the extract\. Next deadline: reporting deadline 31\.12\.\d{4}/,
      );
      assert.match(
        labels[1] ?? '',
        /^0403 Hamar\. To do: fix SSB's errors in the EPJ and send again\..*Latest feedback: [1-9]\d* errors?, /,
      );
      assert.match(
        labels[2] ?? '',
        /^5001 Trondheim\. To do: wait for SSB's feedback\..*Feedback: waiting since \d\d\.\d\d\.\d{4}/,
      );
      await showWide(bench, 'Year overview');
      await bench.screenshot('year-overview');
    });
  });

  it("a row's details, and its context menu opens the latest feedback in the viewer", async () => {
    const pane = bench.viewPane('Year overview');
    const hamar = pane.locator('.monaco-list-row[aria-level="1"]', { hasText: 'Hamar' }).first();
    await bench.step('details', async () => {
      await hamar.click();
      await bench.page.keyboard.press('ArrowRight');
      await pane
        .locator('.monaco-list-row[aria-level="2"]', { hasText: 'Latest feedback' })
        .first()
        .waitFor({ timeout: 15_000 });
      await pane.locator('.monaco-list-row[aria-level="2"]', { hasText: 'Last send' }).first().waitFor();
      await bench.screenshot('year-overview-row-details');
    });
    await bench.step('open-feedback', async () => {
      await bench.contextMenu(hamar, 'Open the latest feedback');
      const viewer = await bench.webviewFrameWith('.grid-body .grid-row', 60_000);
      assert.ok((await viewer.locator('.grid-body .grid-row').count()) > 0, "SSB's error list is shown");
      await bench.screenshot('latest-feedback-from-overview');
    });
  });
});

/**
 * Room for the picture: the other IPLOS views collapsed and the side bar dragged wide, so
 * a row's one line (what to do, the fact, the deadline) shows whole.
 */
async function showWide(bench: Workbench, viewName: string): Promise<void> {
  for (const other of ['Connection checks', 'Submission history', 'SSB folders']) {
    const header = bench.viewPane(other).locator('.pane-header');
    if ((await header.getAttribute('aria-expanded')) === 'true') await header.click();
  }
  await bench.viewPane(viewName).locator('.pane-header').waitFor();
  const sidebar = await bench.page.locator('[id="workbench.parts.sidebar"]').boundingBox();
  if (!sidebar) return;
  const x = sidebar.x + sidebar.width - 1;
  const y = sidebar.y + sidebar.height / 2;
  await bench.page.mouse.move(x, y);
  await bench.page.mouse.down();
  await bench.page.mouse.move(x + 520, y, { steps: 8 });
  await bench.page.mouse.up();
}
