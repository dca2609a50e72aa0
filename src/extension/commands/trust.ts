/**
 * Untrusted workspaces get the views and checks, never a send or a download: both handle
 * the municipality's secrets and personal data (package.json declares this "limited" support).
 */
import * as vscode from 'vscode';
import { UserFacingError } from '../errors';
import { t } from '../localize';

/** Thrown when a workspace is not trusted: sending and downloading need a trusted one. */
export class WorkspaceNotTrusted extends UserFacingError {
  constructor() {
    super(t('This workspace is not trusted.'), t('Trust it to send extracts or download feedback into it.'), false, {
      title: t('Manage Workspace Trust'),
      command: 'workbench.trust.manage',
    });
  }
}

export function requireTrust(): void {
  if (!vscode.workspace.isTrusted) throw new WorkspaceNotTrusted();
}
