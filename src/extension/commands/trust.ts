/**
 * Untrusted workspaces get the views and checks, never a send or a download: both handle
 * the municipality's secrets and personal data (package.json declares this "limited" support).
 */
import * as vscode from 'vscode';
import { UserFacingError } from '../errors';

/** Thrown when a workspace is not trusted: sending and downloading need a trusted one. */
export class WorkspaceNotTrusted extends UserFacingError {
  constructor() {
    super(
      vscode.l10n.t('This workspace is not trusted.'),
      vscode.l10n.t('Trust it to send extracts or download feedback into it.'),
      false,
      { title: vscode.l10n.t('Manage Workspace Trust'), command: 'workbench.trust.manage' },
    );
  }
}

export function requireTrust(): void {
  if (!vscode.workspace.isTrusted) throw new WorkspaceNotTrusted();
}
