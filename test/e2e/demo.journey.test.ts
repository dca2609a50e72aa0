import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPage, newTempDir, REPO } from '../host/codeServer';
import { Workbench } from './workbench';

// The README's first quick-start command, as a new user runs it: `npm run demo` (here with
// --no-build, since npm test has just built and packaged), then the routine in the
// browser with nothing typed but clicks — the demo pre-fills the sandbox's secrets.
describe("npm run demo: from the printed address to an error's record", { timeout: 10 * 60_000 }, () => {
  let demo: ChildProcess;
  let output = '';
  let url: string;
  let browser: Browser;
  let bench: Workbench;
  const state = newTempDir('iplos-demo-');

  before(async () => {
    demo = spawn('npm', ['run', '--silent', 'demo', '--', '--no-build', '--state', state, '--feedback-delay', '3'], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no DEMO READY within 5 min:\n${output.slice(-3000)}`)),
        5 * 60_000,
      );
      const onData = (data: Buffer): void => {
        output += data.toString();
        const match = /DEMO READY (http:\/\/\S+)/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      demo.stdout?.on('data', onData);
      demo.stderr?.on('data', onData);
      demo.once('exit', (code) => reject(new Error(`npm run demo exited (${code}):\n${output.slice(-3000)}`)));
    });
    browser = await launchBrowser();
    bench = new Workbench(await newPage(browser), 'demo');
    await bench.page.goto(url);
    await bench.ready();
  });

  const killGroup = (signal: NodeJS.Signals): void => {
    try {
      if (demo?.pid !== undefined) process.kill(-demo.pid, signal);
    } catch {
      // already gone
    }
  };

  after(async () => {
    await browser?.close();
    if (demo && demo.exitCode === null && demo.signalCode === null) killGroup('SIGKILL');
  });

  it('prints the address and what to do', () => {
    assert.match(output, /F1 → "IPLOS: Send extract"/);
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/\?folder=/);
  });

  it('send the extract, get the feedback, open an error, land on the record — no secret typed', async () => {
    await bench.step('send', async () => {
      await bench.runCommand('IPLOS: Send extract');
      await bench.pickQuickItem('IPLOS_0403_2025.xml');
      // The local control finds the planted errors first; the demo sends them for SSB's feedback.
      await bench.dialogButton('Send anyway').click({ timeout: 120_000 });
      await bench.dialogButton('Send to test').click();
      await bench.notification(/Sent\. Receipt/).waitFor({ timeout: 120_000 });
      await bench.screenshot('sent');
    });
    await bench.step('feedback', async () => {
      await bench.notificationButton(/New feedback from SSB/, 'Download').click({ timeout: 120_000 });
      const viewer = await bench.webviewFrame();
      await viewer
        .locator('.set-header .extract', { hasText: /Extract:\s+IPLOS_0403_2025\.xml/ })
        .waitFor({ timeout: 120_000 });
      await bench.screenshot('feedback-viewer');
      const row = viewer.locator('.grid-body .grid-row:not([hidden])').first();
      await row.click();
      await viewer.locator('section.detail button.go-to-record:not([disabled])').click();
      const position = bench.page.locator('.statusbar-item', { hasText: /Ln \d+, Col \d+/ }).first();
      await position.waitFor({ timeout: 30_000 });
      const [, line, column] = /Ln (\d+), Col (\d+)/.exec((await position.textContent()) ?? '') ?? [];
      const text =
        readFileSync(join(state, 'workspace', 'IPLOS_0403_2025.xml'), 'utf8').split('\n')[Number(line) - 1] ?? '';
      // The record the row names: its Tjeneste or Vurdering, else the client. The cursor is at the element,
      // or at either end of the attribute the row names (Go to record selects its name).
      assert.ok(
        /^(<(Bruker|Tjeneste|Vurdering)\b|[A-Za-z]+=")/.test(text.slice(Number(column) - 1)) ||
          (/\s[A-Za-z]+$/.test(text.slice(0, Number(column) - 1)) && text.slice(Number(column) - 1).startsWith('=')) ||
          /\s[A-Za-z]+="[^"]*"$/.test(text.slice(0, Number(column) - 1)),
        `line ${line}, column ${column}: ${text.trim()}`,
      );
      assert.match(text, /<(Bruker|Tjeneste|Vurdering)\b/, `line ${line}: ${text.trim()}`);
      await bench.screenshot('record');
    });
  });

  it('Ctrl-C stops everything it started: the sandbox and VS Code', async () => {
    await browser.close();
    // 'close': npm has exited and every process holding its output (the demo's own) has too.
    const exited = new Promise<number | null>((resolve) => demo.once('close', (code) => resolve(code)));
    killGroup('SIGINT');
    const code = await Promise.race([
      exited,
      new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 30_000)),
    ]);
    assert.notEqual(code, 'timeout', 'the demo stopped within 30 s');
    assert.match(output, /\[demo\] stopping …\n\[demo\] stopped\./);
    const sandboxUrl = /The sandbox is SSB's file portal and IPIS on this machine \((https:\/\/[^)]+)\)/.exec(
      output,
    )?.[1];
    for (const address of [url, sandboxUrl ?? '']) {
      const port = Number(new URL(address).port);
      const open = await new Promise<boolean>((resolve) => {
        const socket = connect(port, '127.0.0.1');
        socket.once('connect', () => {
          socket.destroy();
          resolve(true);
        });
        socket.once('error', () => resolve(false));
      });
      assert.equal(open, false, `nothing listens on ${port} any more`);
    }
  });
});
