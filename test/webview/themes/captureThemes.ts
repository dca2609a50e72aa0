/**
 * Captures the `--vscode-*` CSS variables a real webview receives in each of the four themes
 * the accessibility tests render with (Dark Modern, Light Modern, High Contrast, High Contrast
 * Light), so those tests use VS Code's own colours, not invented ones. Source: code-server
 * 4.100.3 (VS Code 1.100.3) from .cache, on loopback (127.0.0.1) only; a Markdown preview is
 * the webview (built in, no extension needed) and its content frame's `<html style>` holds
 * the variables VS Code's webview host sets. Run it again after changing the code-server
 * version: `node --import tsx test/webview/themes/captureThemes.ts`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workbench } from '../../e2e/workbench';
import {
  ensureCodeServer,
  launchBrowser,
  newPage,
  newTempDir,
  startCodeServer,
  workbenchUrl,
  type CodeServer,
} from '../../host/codeServer';
import { THEMES, type CapturedTheme } from './themes';

async function capture(bin: string, themeName: string): Promise<Record<string, string>> {
  const workspace = newTempDir('iplos-theme-ws-');
  writeFileSync(join(workspace, 'README.md'), '# Theme\n\nText.\n');
  let server: CodeServer | undefined;
  const browser = await launchBrowser();
  try {
    server = await startCodeServer(bin, {
      workspace,
      logFile: join(newTempDir('iplos-theme-log-'), 'code-server.log'),
      settings: { 'workbench.colorTheme': themeName, 'markdown.preview.openMarkdownLinks': 'inPreview' },
    });
    const page = await newPage(browser);
    await page.goto(workbenchUrl(server, workspace));
    const bench = new Workbench(page, 'capture-themes');
    await bench.ready();
    await bench.runCommand('Go to File');
    await page.locator('.quick-input-widget input').fill('README.md');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'README.md' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor').first().waitFor();
    await bench.runCommand('Markdown: Open Preview');
    const frame = await bench.webviewFrameWith('body');
    return await frame.evaluate(() => {
      const style = document.documentElement.style;
      const variables: Record<string, string> = {};
      for (let index = 0; index < style.length; index++) {
        const name = style.item(index);
        if (name.startsWith('--vscode-')) variables[name] = style.getPropertyValue(name).trim();
      }
      return variables;
    });
  } finally {
    await browser.close();
    await server?.stop();
  }
}

async function main(): Promise<void> {
  const bin = ensureCodeServer();
  const folder = join(__dirname);
  mkdirSync(folder, { recursive: true });
  for (const theme of THEMES) {
    const variables = await capture(bin, theme.vscodeName);
    if (Object.keys(variables).length < 100)
      throw new Error(`${theme.vscodeName}: only ${Object.keys(variables).length} variables captured`);
    const captured: CapturedTheme = {
      source: 'code-server 4.100.3 (VS Code 1.100.3), Markdown preview webview, <html style> of its content frame',
      theme: theme.vscodeName,
      kind: theme.kind,
      variables,
    };
    writeFileSync(join(folder, `${theme.id}.json`), `${JSON.stringify(captured, null, 2)}\n`);
    console.log(`${theme.vscodeName}: ${Object.keys(variables).length} variables`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
