import * as vscode from 'vscode';
import { registerViews } from './extension/views';

/**
 * Entry point of the VS Code layer. It stays thin: it wires views and commands to the
 * core modules under src/core, which never import vscode.
 */
export function activate(context: vscode.ExtensionContext): { context: vscode.ExtensionContext } | undefined {
  const log = vscode.window.createOutputChannel('IPLOS', { log: true });
  context.subscriptions.push(
    log,
    vscode.commands.registerCommand('iplos.showLog', () => log.show()),
    vscode.commands.registerCommand('iplos.openSettings', () => vscode.commands.executeCommand('workbench.action.openSettings', '@ext:iplos-innsending.iplos-innsending')),
    ...registerViews(),
  );
  log.info(`IPLOS Innsending ${String(context.extension.packageJSON.version)} activated`);
  // Only the extension-host test suite gets the context (to exercise the real SecretStorage);
  // other extensions never see it.
  return context.extensionMode === vscode.ExtensionMode.Test ? { context } : undefined;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
