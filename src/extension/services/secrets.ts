/**
 * The four secrets of a municipality profile, kept only in VS Code's SecretStorage (the OS
 * keyring on desktop). Never shown, logged, or written anywhere else. Keys are
 * `iplos.<profile id>.<kind>`, so an IT cooperation keeps each municipality's apart.
 */
import { nonAsciiKeyWarning } from '../../core/archive/keyCharacters';
import * as vscode from 'vscode';
import { profileId, type MunicipalityProfile } from '../../core/config/settings';
import { t } from '../localize';

export type SecretKind = 'ssbPassword' | 'kostraPin' | 'encryptionKey' | 'feedbackKey';

export const SECRET_KINDS: readonly SecretKind[] = ['ssbPassword', 'kostraPin', 'encryptionKey', 'feedbackKey'];

export function secretLabel(kind: SecretKind): string {
  switch (kind) {
    case 'ssbPassword':
      return t('SSB password');
    case 'kostraPin':
      return t('KOSTRA PIN');
    case 'encryptionKey':
      return t('Encryption key');
    case 'feedbackKey':
      return t('Feedback key');
  }
}

function secretPrompt(kind: SecretKind, profile: MunicipalityProfile): string {
  switch (kind) {
    case 'ssbPassword':
      return t("Password of {0} on SSB's file portal (filsluse.ssb.no)", profile.ssbUsername ?? profile.number);
    case 'kostraPin':
      return t("{0} {1}'s KOSTRA PIN, used to sign in to the IPIS send module", profile.number, profile.name);
    case 'encryptionKey':
      return t('The key the extract is encrypted with before it is sent (AES-256)');
    case 'feedbackKey':
      return t(
        "The key of SSB's feedback zip files (test feedback uses 123456; production has the municipality's own key)",
      );
  }
}

/** Storing failed: most often Linux without a keyring (no Secret Service). */
export class SecretStorageUnavailable extends Error {
  override readonly name = 'SecretStorageUnavailable';

  constructor(cause: unknown) {
    super(
      t(
        'VS Code could not store the secret in the operating system\'s keyring. On Linux, install and start a keyring (gnome-keyring or KWallet) and restart VS Code; see "Where secrets live" in the extension\'s README.',
      ),
      { cause },
    );
  }
}

export class ProfileSecrets {
  private readonly changed = new vscode.EventEmitter<{ profile: string; kind: SecretKind }>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly storage: vscode.SecretStorage) {}

  static key(profile: MunicipalityProfile, kind: SecretKind): string {
    return `iplos.${profileId(profile)}.${kind}`;
  }

  async get(profile: MunicipalityProfile, kind: SecretKind): Promise<string | undefined> {
    return (await this.storage.get(ProfileSecrets.key(profile, kind))) || undefined;
  }

  async has(profile: MunicipalityProfile, kind: SecretKind): Promise<boolean> {
    return (await this.get(profile, kind)) !== undefined;
  }

  async store(profile: MunicipalityProfile, kind: SecretKind, value: string): Promise<void> {
    try {
      await this.storage.store(ProfileSecrets.key(profile, kind), value);
    } catch (error) {
      throw new SecretStorageUnavailable(error);
    }
    this.changed.fire({ profile: profileId(profile), kind });
  }

  async delete(profile: MunicipalityProfile, kind: SecretKind): Promise<void> {
    await this.storage.delete(ProfileSecrets.key(profile, kind));
    this.changed.fire({ profile: profileId(profile), kind });
  }

  /** Asks in a password box (never echoed) and stores the answer; undefined when cancelled. */
  async ask(
    profile: MunicipalityProfile,
    kind: SecretKind,
    options: { reason?: string; warnAboutKey?: boolean } = {},
  ): Promise<string | undefined> {
    const value = await vscode.window.showInputBox({
      title: t('{0} for {1} {2}', secretLabel(kind), profile.number, profile.name),
      prompt: options.reason ? `${options.reason} ${secretPrompt(kind, profile)}` : secretPrompt(kind, profile),
      password: true,
      ignoreFocusOut: true,
      validateInput: (text) => (text.length === 0 ? t('Enter a value, or press Escape to cancel.') : undefined),
    });
    if (value === undefined || value.length === 0) return undefined;
    await this.store(profile, kind, value);
    // As "Set secret…" does (it says so itself: warnAboutKey false): stored all the same, the key never shown.
    const use = kind === 'encryptionKey' ? 'encryption' : kind === 'feedbackKey' ? 'feedback' : undefined;
    const warning = use && options.warnAboutKey !== false ? nonAsciiKeyWarning(value, use) : undefined;
    if (warning) void vscode.window.showWarningMessage(warning);
    return value;
  }

  /** The stored secret, or asked for (and stored) when missing; undefined when the user cancels. */
  async require(profile: MunicipalityProfile, kind: SecretKind): Promise<string | undefined> {
    return (await this.get(profile, kind)) ?? (await this.ask(profile, kind, { reason: t('Not stored yet.') }));
  }

  dispose(): void {
    this.changed.dispose();
  }
}
