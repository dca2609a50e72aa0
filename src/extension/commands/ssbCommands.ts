/** "IPLOS: Sign in to SSB" / "IPLOS: Sign out of SSB". */
import * as vscode from 'vscode';
import type { Services } from '../services/container';
import { command, type CommandSpec } from './registry';
import { t } from '../localize';

export function ssbCommands(services: Services): CommandSpec[] {
  return [
    command({
      id: 'iplos.signIn',
      action: () => t('Signing in to SSB'),
      run: () => signIn(services),
      failed: false,
    }),
    command({
      id: 'iplos.signOut',
      action: () => t('Signing out of SSB'),
      run: () => services.ssb.signOut(),
    }),
  ];
}

async function signIn(services: Services): Promise<boolean> {
  const session = await vscode.window.withProgress(
    { location: { viewId: 'iplos.ssb' }, title: t('Signing in to SSB') },
    () => services.ssb.signIn({ interactive: true }),
  );
  if (!session.frassb)
    void vscode.window.showWarningMessage(
      t("Signed in, but SSB's portal shows no feedback folder (frassb) for {0}.", session.profile.ssbUsername ?? ''),
    );
  return true;
}
