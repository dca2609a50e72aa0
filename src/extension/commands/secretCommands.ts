/**
 * "IPLOS: Set secret…" / "IPLOS: Clear secret…": the SSB password, KOSTRA PIN, encryption
 * key and feedback key of the active municipality, typed into a password box and kept in
 * SecretStorage. The list shows which are stored — never their values.
 */
import * as vscode from 'vscode';
import { nonAsciiKeyWarning } from '../../core/archive/keyCharacters';
import type { MunicipalityProfile } from '../../core/config/settings';
import { profileLabel } from '../services/configuration';
import type { Services } from '../services/container';
import { SECRET_KINDS, secretLabel, type SecretKind } from '../services/secrets';
import { oneOf, optionalArg } from './arguments';
import { requireProfile } from './municipalityCommands';
import { command, type CommandSpec } from './registry';
import { t } from '../localize';

export function secretCommands(services: Services): CommandSpec[] {
  const kindArg = (raw: readonly unknown[]): SecretKind | undefined =>
    optionalArg(raw[0], SECRET_KINDS.join(', '), oneOf(SECRET_KINDS));
  return [
    command({
      id: 'iplos.setSecret',
      action: () => t('Storing the secret'),
      args: kindArg,
      run: (kind) => setSecret(services, kind),
    }),
    command({
      id: 'iplos.clearSecret',
      action: () => t('Clearing the secret'),
      args: kindArg,
      run: (kind) => clearSecret(services, kind),
    }),
  ];
}

async function setSecret(services: Services, kind: SecretKind | undefined): Promise<void> {
  const profile = await requireProfile(services.configuration);
  const chosen = kind ?? (await pickKind(services, profile, t('Set a secret for {0}', profileLabel(profile))));
  if (!chosen) return;
  const value = await services.secrets.ask(profile, chosen, { warnAboutKey: false });
  if (value === undefined) return;
  services.log.info(`${chosen} stored for ${profile.number}`);
  const stored = t('{0} for {1} is stored securely.', secretLabel(chosen), profileLabel(profile));
  const keyUse = chosen === 'encryptionKey' ? 'encryption' : chosen === 'feedbackKey' ? 'feedback' : undefined;
  const warning = keyUse ? nonAsciiKeyWarning(value, keyUse) : undefined;
  // Stored all the same (SSB may have issued it); the warning never shows the key.
  if (warning) void vscode.window.showWarningMessage(`${stored} ${warning}`);
  else void vscode.window.showInformationMessage(stored);
}

async function clearSecret(services: Services, kind: SecretKind | undefined): Promise<void> {
  const profile = await requireProfile(services.configuration);
  const chosen = kind ?? (await pickKind(services, profile, t('Clear a secret of {0}', profileLabel(profile)), true));
  if (!chosen) return;
  await services.secrets.delete(profile, chosen);
  if (chosen === 'ssbPassword') await services.ssb.signOut();
  services.log.info(`${chosen} cleared for ${profile.number}`);
  void vscode.window.showInformationMessage(t('{0} for {1} is removed.', secretLabel(chosen), profileLabel(profile)));
}

async function pickKind(
  services: Services,
  profile: MunicipalityProfile,
  title: string,
  onlyStored = false,
): Promise<SecretKind | undefined> {
  const items: (vscode.QuickPickItem & { secret: SecretKind })[] = [];
  for (const kind of SECRET_KINDS) {
    const stored = await services.secrets.has(profile, kind);
    if (onlyStored && !stored) continue;
    items.push({
      label: secretLabel(kind),
      description: stored ? t('stored') : t('not stored'),
      secret: kind,
    });
  }
  if (items.length === 0) {
    void vscode.window.showInformationMessage(t('No secret is stored for {0}.', profileLabel(profile)));
    return undefined;
  }
  return (await vscode.window.showQuickPick(items, { title }))?.secret;
}
