/**
 * The correction round in the browser-driven VS Code, on the packaged .vsix, against the
 * sandbox (loopback): round 1 is sent and its feedback downloaded, the officer "fixes" the
 * extract (round 2 has two T01 fewer and two new I01), sends again and downloads the second
 * feedback — both with the shipped CLI, which shares the history with the extension. Then the
 * Submission history shows the change, and the viewer compares round 2 with round 1: the
 * chips, the Status column, the fixed rows apart without Go to record — also after a reload.
 */
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import type { CompareJson } from '../../src/cli/compareOutput';
import { writeExtract } from '../fixtures/extractGenerator';
import { runCliProcess } from '../helpers/cli';
import { launchBrowser, newPage, newTempDir, workbenchUrl, type CodeServer } from '../host/codeServer';
import { startSandbox, writeSandboxFiles, type Sandbox } from '../sandbox/server';
import { startWithPackagedExtension } from './packagedExtension';
import { Workbench } from './workbench';

describe('feedback rounds in the browser', { timeout: 10 * 60_000 }, () => {
  let sandbox: Sandbox;
  let server: CodeServer;
  let browser: Browser;
  let workspace: string;
  let bench: Workbench;
  let expected: CompareJson['counts'];
  const hamar = { number: '0403', name: 'Hamar', bydel: '00', ssbUsername: 'postmottak@hamar.kommune.no' };

  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    await writeSandboxFiles(sandbox.info);
    const history = newTempDir('iplos-e2e-history-');
    ({ server, workspace } = await startWithPackagedExtension('feedbackRounds', {
      user: { 'iplos.municipalities': [hamar], 'iplos.activeMunicipality': hamar.number, 'iplos.environment': 'test' },
      machine: {
        'iplos.endpoints.ipisTestUrl': sandbox.info.ipisTestUrl,
        'iplos.endpoints.ssbUrl': sandbox.info.ssbUrl,
        'iplos.endpoints.expectedAddress': '127.0.0.1',
        'iplos.caFile': sandbox.info.caFile,
        'iplos.historyLocation': history,
      },
    }));
    // The CLI with the sandbox's configuration and the extension's history folder.
    const config = JSON.parse(await readFile(join(sandbox.info.stateDir, 'iplos.config.json'), 'utf8')) as object;
    const configFile = join(newTempDir('iplos-e2e-config-'), 'iplos.config.json');
    await writeFile(configFile, JSON.stringify({ ...config, historyLocation: history }));
    const demo = sandbox.info.municipalities.find((municipality) => municipality.number === hamar.number);
    assert.ok(demo);
    const env = {
      ...(process.env as Record<string, string>),
      IPLOS_CONFIG: configFile,
      IPLOS_SSB_PASSWORD: demo.password,
      IPLOS_KOSTRA_PIN: demo.kostraPin,
      IPLOS_ENCRYPTION_KEY: demo.encryptionKey,
    };
    const feedbackFolder = join(workspace, 'IPLOS', '2025', 'tilbakemelding');
    const extract = join(workspace, 'IPLOS_0403_2025.xml');
    const ids: string[] = [];
    const base = { municipality: hamar.number, year: 2025, clients: 1500, seed: 4 } as const;
    for (const plant of [
      { T01: 3, F01: 2, B01: 2, D01: 1 },
      { T01: 1, I01: 2, F01: 2, B01: 2, D01: 1 },
    ]) {
      await writeExtract(extract, { ...base, plant });
      const sent = await runCliProcess(['send', extract, '--json', '--send-with-errors'], env);
      assert.equal(sent.status, 0, sent.stderr);
      const { submissionId } = JSON.parse(sent.stdout) as { submissionId: string };
      ids.push(submissionId);
      const published = await sandbox.waitForFeedback(hamar.number, { submissionId });
      const downloaded = await runCliProcess(['feedback', 'download', published.fileId, '--out', feedbackFolder], env);
      assert.equal(downloaded.status, 0, downloaded.stderr);
    }
    const compared = await runCliProcess(['feedback', 'compare', ids[0] ?? '', ids[1] ?? '', '--json'], env);
    assert.equal(compared.status, 0, compared.stderr);
    expected = (JSON.parse(compared.stdout) as CompareJson).counts;
    browser = await launchBrowser();
    bench = new Workbench(await newPage(browser), 'feedbackRounds');
    await bench.page.goto(workbenchUrl(server, workspace));
    await bench.ready();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await sandbox?.stop();
  });

  it("the Submission history shows each round's errors and the change since the round before", async () => {
    await bench.step('history', async () => {
      const pane = await bench.openView('IPLOS', 'Submission history');
      const change = `(${expected.fixed} fixed, ${expected.new} new)`;
      const latest = pane.locator('.monaco-list-row', { hasText: change }).first();
      await latest.waitFor({ timeout: 60_000 });
      assert.match((await latest.textContent()) ?? '', /\d+ error\(s\), \d+ warning\(s\)/);
      await bench.screenshot('history-change');
    });
  });

  it('"Compare feedback with…" on round 2: chips, Status column, fixed rows apart; the state survives a reload', async () => {
    await bench.step('compare', async () => {
      const pane = bench.viewPane('Submission history');
      const latest = pane
        .locator('.monaco-list-row', { hasText: `(${expected.fixed} fixed, ${expected.new} new)` })
        .first();
      await bench.contextMenu(latest, 'Compare feedback with…');
      const viewer = await bench.webviewFrameWith('.status-chips', 60_000);
      assert.deepEqual(await viewer.locator('.status-chips .chip').allTextContents(), [
        `${expected.fixed} fixed`,
        `${expected.new} new`,
        `${expected.remaining} remaining`,
      ]);
      assert.equal(await viewer.locator('.grid-header .grid-sort').last().textContent(), 'Status');
      await bench.screenshot('viewer-compared');
      await viewer.locator('.status-chips .chip', { hasText: 'fixed' }).click();
      await viewer.locator('.grid-body .grid-row.status-fixed').first().click();
      await viewer.locator('section.detail .fixed-note').waitFor({ timeout: 15_000 });
      assert.equal(await viewer.locator('section.detail button.go-to-record').count(), 0);
      await bench.screenshot('viewer-fixed-row');
      await viewer.locator('.status-chips .chip', { hasText: 'new' }).click();
      await viewer.locator('.grid-body .grid-row.status-new').first().click();
      await viewer.locator('section.detail button.go-to-record').waitFor({ timeout: 15_000 });
      await bench.screenshot('viewer-new-row');
    });
    await bench.step('reload', async () => {
      await bench.runCommand('Developer: Reload Window');
      await bench.page.waitForEvent('load', { timeout: 60_000 });
      await bench.ready();
      const restored = await bench.webviewFrameWith('.status-chips', 60_000);
      assert.equal(
        await restored.locator('.status-chips .chip[aria-pressed="true"]').textContent(),
        `${expected.new} new`,
      );
      await bench.screenshot('viewer-compared-restored');
    });
  });
});
