import * as vscode from 'vscode';

/** Thrown when a workspace is not trusted: sending and downloading need a trusted one. */
export class WorkspaceNotTrusted extends Error {
  override readonly name = 'WorkspaceNotTrusted';
}

/**
 * Untrusted workspaces get the views and checks, never a send or a download: both handle
 * the municipality's secrets and personal data (package.json declares this "limited" support).
 */
export function requireTrust(): void {
  if (vscode.workspace.isTrusted) return;
  const manage = vscode.l10n.t('Manage Workspace Trust');
  void vscode.window
    .showWarningMessage(
      vscode.l10n.t('This workspace is not trusted. Trust it to send extracts or download feedback into it.'),
      manage,
    )
    .then((choice) => {
      if (choice === manage) void vscode.commands.executeCommand('workbench.trust.manage');
    });
  throw new WorkspaceNotTrusted(vscode.l10n.t('The workspace is not trusted.'));
}
