/**
 * Page helpers for journeys through the VS Code workbench in code-server, so that each
 * journey reads as the steps a person takes. Screenshots land in test-results/e2e/<journey>/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { REPO } from '../host/codeServer';

export class Workbench {
  private shots = 0;
  private readonly folder: string;

  constructor(
    readonly page: Page,
    journey: string,
  ) {
    this.folder = join(REPO, 'test-results', 'e2e', journey);
    mkdirSync(this.folder, { recursive: true });
  }

  /** Waits until the workbench has loaded and the extension host has started. */
  async ready(): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    await this.page.locator('.statusbar').waitFor({ timeout: 90_000 });
  }

  /** Runs one step of a journey; on failure saves a screenshot named after it, then rethrows. */
  async step<T>(name: string, action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      await this.page.screenshot({ path: join(this.folder, `FAILED-${name}.png`) }).catch(() => undefined);
      throw error;
    }
  }

  async screenshot(name: string): Promise<string> {
    this.shots++;
    const path = join(this.folder, `${String(this.shots).padStart(2, '0')}-${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  /**
   * F1, type the command's title, Enter. The palette lists what is registered when it opens,
   * and extension contributions can arrive a moment after the workbench shows: if the
   * command is not listed yet, close the palette and open it again.
   */
  async runCommand(title: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.openPalette();
      const input = this.page.locator('.quick-input-widget input');
      await input.fill(`>${title}`);
      const row = this.page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
      try {
        await row.waitFor({ timeout: Math.min(5_000, Math.max(1, deadline - Date.now())) });
        await input.press('Enter');
        return;
      } catch (error) {
        if (Date.now() >= deadline) throw error;
        await this.page.keyboard.press('Escape');
      }
    }
  }

  async openPalette(): Promise<void> {
    await this.page
      .locator('.monaco-workbench')
      .click({ position: { x: 700, y: 400 } })
      .catch(() => undefined);
    await this.page.keyboard.press('F1');
    await this.page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: 15_000 });
  }

  /** The activity-bar entry of a view container, by its title. */
  activityBarItem(title: string): Locator {
    return this.page
      .locator(`.activitybar .action-item a[aria-label^="${title}"], .activitybar .action-item[aria-label^="${title}"]`)
      .first();
  }

  /** A view's pane (header and body) in the side bar, by the view's name. */
  viewPane(name: string): Locator {
    return this.page.locator('.pane', { has: this.page.locator('.pane-header', { hasText: name }) }).first();
  }

  /** A row of a tree view, by its label. */
  treeItem(viewName: string, label: string): Locator {
    return this.viewPane(viewName).locator('.monaco-list-row', { hasText: label }).first();
  }

  /** The content frame of the active webview (`iframe.webview.ready` → `#active-frame`). */
  async webviewFrame(): Promise<Frame> {
    const outer = await this.page.locator('iframe.webview.ready').last().elementHandle({ timeout: 30_000 });
    const outerFrame = await outer?.contentFrame();
    const inner = await outerFrame?.waitForSelector('#active-frame', { timeout: 30_000 });
    const frame = await inner?.contentFrame();
    if (!frame) throw new Error('no active webview frame');
    return frame;
  }

  /**
   * The content frame of the webview that shows `selector` (several can be open: the
   * feedback viewer and a Markdown preview), waiting until one does.
   */
  async webviewFrameWith(selector: string, timeoutMs = 30_000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const outer of await this.page.locator('iframe.webview.ready').elementHandles()) {
        const inner = await (await outer.contentFrame())?.$('#active-frame');
        const frame = await inner?.contentFrame();
        if (frame && (await frame.locator(selector).count()) > 0) return frame;
      }
      if (Date.now() > deadline) throw new Error(`no webview shows ${selector}`);
      await this.page.waitForTimeout(250);
    }
  }

  /** The bottom panel (Problems, Output, Terminal, …). */
  panel(): Locator {
    return this.page.locator('[id="workbench.parts.panel"]');
  }

  /** Waits until the panel's visible text contains `text`. */
  async waitForPanelText(text: string | RegExp, timeout = 30_000): Promise<void> {
    await this.panel().locator('.view-lines', { hasText: text }).first().waitFor({ timeout });
  }

  /** The open quick pick / input box. */
  quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /** Chooses the row of the open quick pick whose label contains `label`. */
  async pickQuickItem(label: string | RegExp): Promise<void> {
    const row = this.quickInput().locator('.monaco-list-row', { hasText: label }).first();
    await row.waitFor({ timeout: 30_000 });
    await row.click();
  }

  /** Types into the open input box (password boxes too) and presses Enter. */
  async answerInput(text: string, promptContains?: string | RegExp): Promise<void> {
    const widget = this.quickInput();
    await widget.waitFor({ state: 'visible', timeout: 30_000 });
    if (promptContains)
      await widget
        .locator('.quick-input-message, .quick-input-title, .quick-input-header', { hasText: promptContains })
        .first()
        .waitFor({ timeout: 30_000 });
    const input = widget.locator('input').first();
    await input.fill(text);
    await input.press('Enter');
  }

  /** A modal dialog's button, by its label. */
  dialogButton(label: string): Locator {
    return this.page.locator('.monaco-dialog-box').getByRole('button', { name: label });
  }

  /** A notification toast containing `text`. */
  notification(text: string | RegExp): Locator {
    return this.page.locator('.notifications-toasts .notification-list-item', { hasText: text }).first();
  }

  /** A button of a notification toast. */
  notificationButton(text: string | RegExp, button: string): Locator {
    return this.notification(text).getByRole('button', { name: button });
  }

  /** Opens a view container and expands a view in it (side bar). */
  async openView(container: string, viewName: string): Promise<Locator> {
    const item = this.activityBarItem(container);
    const selected = await item.getAttribute('aria-selected').catch(() => null);
    if (selected !== 'true') await item.click();
    const pane = this.viewPane(viewName);
    await pane.locator('.pane-header').waitFor({ timeout: 30_000 });
    if ((await pane.locator('.pane-header').getAttribute('aria-expanded')) !== 'true')
      await pane.locator('.pane-header').click();
    return pane;
  }

  /** Collapses a view of an open container (so the one a step reads has the room to show all its rows). */
  async collapseView(viewName: string): Promise<void> {
    const header = this.viewPane(viewName).locator('.pane-header');
    await header.waitFor({ timeout: 30_000 });
    if ((await header.getAttribute('aria-expanded')) === 'true') await header.click();
  }

  /** Right-clicks a tree row and chooses a context-menu entry. */
  async contextMenu(row: Locator, entry: string): Promise<void> {
    await row.click({ button: 'right' });
    // The menu lives in a shadow root; its items are ARIA menu items. Keyboard is what the
    // menu handles most reliably: focus the item, then Enter.
    const action = this.page.getByRole('menuitem', { name: entry }).first();
    await action.waitFor({ timeout: 15_000 });
    await action.hover();
    await action.press('Enter');
  }

  /** The badge number on a view container's activity-bar entry, once one shows (the badge's label starts with the container's title). */
  async activityBadge(container: string, timeout = 30_000): Promise<string | undefined> {
    const badge = this.page
      .locator(`.activitybar .badge[aria-label^="${container}"] .badge-content`)
      .filter({ hasText: /\d/ })
      .first();
    await badge.waitFor({ timeout }).catch(() => undefined);
    if ((await badge.count()) === 0) return undefined;
    return (await badge.textContent())?.trim();
  }

  /** The text of the active editor (Monaco renders lines as DOM). */
  activeEditorText(): Locator {
    return this.page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
  }
}
