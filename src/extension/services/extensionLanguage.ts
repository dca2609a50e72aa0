/**
 * Follows `iplos.language`: loads the chosen bundle into localize.ts at start and on every
 * change, then fires onDidChange so that the views, the status bar and open viewers draw
 * themselves again with the new strings (activate wires them). What cannot be redrawn —
 * texts already handed to VS Code elsewhere (the Problems panel, a notification on screen) —
 * changes on a reload, which the confirmation offers. The manifest's strings (command
 * titles, view names, settings) are VS Code's, in its display language, whatever is chosen.
 */
import * as vscode from 'vscode';
import { resolveLanguage, textLanguage, type TextLanguage } from '../language';
import { t, useLanguage } from '../localize';
import type { Configuration } from './configuration';

export class ExtensionLanguage implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TextLanguage>();
  /** The language changed (the bundle is loaded already). */
  readonly onDidChange = this.changed.event;
  private readonly listener: vscode.Disposable;

  constructor(
    private readonly configuration: Configuration,
    private readonly extensionPath: string,
  ) {
    useLanguage(resolveLanguage(configuration.language), extensionPath);
    this.listener = configuration.onDidChange((change) => {
      if (change.affects('language')) this.apply();
    });
  }

  private apply(): void {
    const before = textLanguage();
    const language = resolveLanguage(this.configuration.language);
    useLanguage(language, this.extensionPath);
    if (language === before) return;
    this.changed.fire(language);
    void this.offerReload(language);
  }

  private async offerReload(language: TextLanguage): Promise<void> {
    const reload = t('Reload window');
    const answer = await vscode.window.showInformationMessage(
      t(
        'IPLOS now shows its views, messages and the feedback viewer in {0}. Texts already shown elsewhere (the Problems panel, the log) change when the window is reloaded; command titles and settings follow VS Code’s display language.',
        language === 'nb' ? t('Norwegian (bokmål)') : t('English'),
      ),
      reload,
    );
    if (answer === reload) await vscode.commands.executeCommand('workbench.action.reloadWindow');
  }

  dispose(): void {
    this.listener.dispose();
    this.changed.dispose();
  }
}
