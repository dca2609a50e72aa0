/** "IPLOS: Sign in to SSB" / "IPLOS: Sign out of SSB". */
import * as vscode from 'vscode';
import { reportError } from '../errors';
import type { Services } from '../services';

export async function signInCommand(services: Services): Promise<boolean> {
  try {
    const session = await vscode.window.withProgress(
      { location: { viewId: 'iplos.ssb' }, title: vscode.l10n.t('Signing in to SSB') },
      () => services.ssb.signIn({ interactive: true }),
    );
    if (!session.frassb)
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          "Signed in, but SSB's portal shows no feedback folder (frassb) for {0}.",
          session.profile.ssbUsername ?? '',
        ),
      );
    return true;
  } catch (error) {
    await reportError(services.log, vscode.l10n.t('Signing in to SSB'), error);
    return false;
  }
}

export async function signOutCommand(services: Services): Promise<void> {
  await services.ssb.signOut();
}
