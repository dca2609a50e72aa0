/**
 * "IPLOS: Set secret…" / "IPLOS: Clear secret…": the SSB password, KOSTRA PIN, encryption
 * key and feedback key of the active municipality, typed into a password box and kept in
 * SecretStorage. The list shows which are stored — never their values.
 */
import * as vscode from 'vscode';
import { SECRET_KINDS, secretLabel, type SecretKind } from '../secrets';
import { profileLabel } from '../configuration';
import { reportError } from '../errors';
import type { Services } from '../services';
import { requireProfile } from './municipalityCommands';

export async function setSecretCommand(services: Services, kind?: SecretKind): Promise<void> {
  try {
    const profile = await requireProfile(services);
    const chosen = isKind(kind)
      ? kind
      : await pickKind(services, vscode.l10n.t('Set a secret for {0}', profileLabel(profile)));
    if (!chosen) return;
    const value = await services.secrets.ask(profile, chosen);
    if (value === undefined) return;
    services.log.info(`${chosen} stored for ${profile.number}`);
    void vscode.window.showInformationMessage(
      vscode.l10n.t('{0} for {1} is stored securely.', secretLabel(chosen), profileLabel(profile)),
    );
  } catch (error) {
    await reportError(services.log, vscode.l10n.t('Storing the secret'), error);
  }
}

export async function clearSecretCommand(services: Services, kind?: SecretKind): Promise<void> {
  try {
    const profile = await requireProfile(services);
    const chosen = isKind(kind)
      ? kind
      : await pickKind(services, vscode.l10n.t('Clear a secret of {0}', profileLabel(profile)), true);
    if (!chosen) return;
    await services.secrets.delete(profile, chosen);
    if (chosen === 'ssbPassword') await services.ssb.signOut();
    services.log.info(`${chosen} cleared for ${profile.number}`);
    void vscode.window.showInformationMessage(
      vscode.l10n.t('{0} for {1} is removed.', secretLabel(chosen), profileLabel(profile)),
    );
  } catch (error) {
    await reportError(services.log, vscode.l10n.t('Clearing the secret'), error);
  }
}

function isKind(value: unknown): value is SecretKind {
  return typeof value === 'string' && (SECRET_KINDS as readonly string[]).includes(value);
}

async function pickKind(services: Services, title: string, onlyStored = false): Promise<SecretKind | undefined> {
  const profile = await requireProfile(services);
  const items: (vscode.QuickPickItem & { secret: SecretKind })[] = [];
  for (const kind of SECRET_KINDS) {
    const stored = await services.secrets.has(profile, kind);
    if (onlyStored && !stored) continue;
    items.push({
      label: secretLabel(kind),
      description: stored ? vscode.l10n.t('stored') : vscode.l10n.t('not stored'),
      secret: kind,
    });
  }
  if (items.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No secret is stored for {0}.', profileLabel(profile)));
    return undefined;
  }
  return (await vscode.window.showQuickPick(items, { title }))?.secret;
}
