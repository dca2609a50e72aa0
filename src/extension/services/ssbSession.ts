/**
 * The signed-in session on SSB's file portal for the active municipality. Signing in uses
 * the stored password (asked for once); a wrong password is never retried — SSB suspends
 * accounts — and also stops the automatic sign-in at start-up until the user signs in
 * again. Context key `iplos.signedIn` drives the SSB view's welcome content.
 */
import * as vscode from 'vscode';
import { frassbPath, profileId, type MunicipalityProfile } from '../../core/config/settings';
import {
  checkPassword,
  describePasswordProblems,
  describePasswordRules,
  passwordNote,
} from '../../core/ssb/passwordRules';
import { SIGN_OUT_TIMEOUT_MS } from '../../core/ssb/portalAuth';
import { SsbPortalClient, type PortalFolder } from '../../core/ssb/portalClient';
import { SignInGuard, signInGuardFile } from '../../core/ssb/signInGuard';
import { PasswordChangeRequired, SsbSignInError } from '../../core/ssb/ssbErrors';
import { profileLabel, type Configuration } from './configuration';
import type { ConnectionProvider } from './connection';
import { UserCancelled } from '../errors';
import type { ProfileSecrets } from './secrets';
import { VsCodeSignInPrompts } from './signInPrompts';
import { t } from '../localize';

export interface SignedInSession {
  portal: SsbPortalClient;
  profile: MunicipalityProfile;
  /** The user's own home folder on the portal. */
  home: PortalFolder | undefined;
  /** `/Home/Ekstern/iplos/<user>`: SSB's folder for the municipality, holding frassb and tilssb. */
  iplos: PortalFolder | undefined;
  frassb: PortalFolder | undefined;
}

const AUTO_SIGN_IN = 'iplos.ssb.autoSignIn';

export class SsbSession implements vscode.Disposable {
  private session: SignedInSession | undefined;
  private pending: Promise<SignedInSession> | undefined;
  /**
   * Shared by every sign-in (also the connection check's), so back-off spans them all; its
   * record is the file next to the history file, which the CLI uses too.
   */
  readonly guard: SignInGuard;
  /** The one-time code and security notice questions (replaceable by the extension-host suite). */
  readonly prompts = new VsCodeSignInPrompts();
  private readonly changed = new vscode.EventEmitter<SignedInSession | undefined>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly configuration: Configuration,
    private readonly connection: ConnectionProvider,
    private readonly secrets: ProfileSecrets,
    private readonly state: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
    globalStorage: vscode.Uri,
  ) {
    this.guard = new SignInGuard(Date.now, () => signInGuardFile(configuration.historyFile(globalStorage)));
    // A session belongs to one profile and one transport: a change of either ends it.
    this.subscriptions.push(
      connection.onDidChange(() => void this.signOut({ quiet: true })),
      // (A new SSB address is a connection change, handled above.)
      configuration.onDidChange((change) => {
        if (!this.session || !change.affects('profiles')) return;
        const profile = configuration.currentProfile();
        if (
          !profile ||
          profileId(profile) !== profileId(this.session.profile) ||
          profile.ssbUsername !== this.session.profile.ssbUsername
        )
          void this.signOut({ quiet: true });
      }),
      secrets.onDidChange(({ kind }) => {
        // A new password is worth one more automatic attempt.
        if (kind === 'ssbPassword') void this.state.update(AUTO_SIGN_IN, true);
      }),
    );
    void vscode.commands.executeCommand('setContext', 'iplos.signedIn', false);
  }

  get current(): SignedInSession | undefined {
    return this.session;
  }

  /** At start-up: sign in again if the user was signed in last time and the password is stored. */
  async restore(): Promise<void> {
    const profile = this.configuration.currentProfile();
    if (!profile?.ssbUsername || !this.state.get<boolean>(AUTO_SIGN_IN, false)) return;
    if (!(await this.secrets.has(profile, 'ssbPassword'))) return;
    try {
      await this.signIn({ interactive: false });
    } catch (error) {
      this.log.warn(
        `Automatic sign-in to SSB did not succeed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /** The session, signing in first when needed (asking for the password when interactive). */
  async ensure(options: { interactive?: boolean } = {}): Promise<SignedInSession> {
    if (this.session) return this.session;
    return this.signIn(options);
  }

  signIn(options: { interactive?: boolean } = {}): Promise<SignedInSession> {
    this.pending ??= this.doSignIn(options.interactive !== false).finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  async signOut(options: { quiet?: boolean; signingIn?: boolean } = {}): Promise<void> {
    // A sign-in under way (e.g. in the background after a send) ends first, then is undone.
    if (this.pending && !options.signingIn) await this.pending.catch(() => undefined);
    const session = this.session;
    this.session = undefined;
    if (!options.quiet) await this.state.update(AUTO_SIGN_IN, false);
    await vscode.commands.executeCommand('setContext', 'iplos.signedIn', false);
    if (!session) return;
    await session.portal.signOut().catch(() => undefined);
    this.log.info(`Signed out of SSB (${session.profile.ssbUsername ?? ''})`);
    this.changed.fire(undefined);
  }

  private async doSignIn(interactive: boolean): Promise<SignedInSession> {
    await this.signOut({ quiet: true, signingIn: true });
    const settings = this.configuration.settings;
    const profile = this.configuration.currentProfile(settings);
    if (!profile)
      throw new SsbSignInError(
        'configuration',
        t('No municipality is selected.'),
        t('Run "IPLOS: Select municipality" (or add one in the settings).'),
        'no active profile',
      );
    const username = profile.ssbUsername;
    if (!username)
      throw new SsbSignInError(
        'configuration',
        t('{0} has no SSB user name.', profileLabel(profile)),
        t("Add the SSB user name (the municipality's postmottak address) to the municipality in the settings."),
        'no ssbUsername',
      );
    const password = interactive
      ? await this.secrets.require(profile, 'ssbPassword')
      : await this.secrets.get(profile, 'ssbPassword');
    if (password === undefined) throw new UserCancelled(t('Sign-in cancelled.'));
    const transport = await this.connection.transport();
    const portal = new SsbPortalClient(transport.dispatcher, settings.endpoints.ssbUrl, {
      orgId: settings.endpoints.ssbOrgId,
      guard: this.guard,
      ...(interactive ? { prompts: this.prompts } : {}),
    });
    this.log.info(`Signing in to SSB as ${username} (${settings.endpoints.ssbUrl})`);
    try {
      await portal.signIn(username, password);
    } catch (error) {
      if (error instanceof PasswordChangeRequired && interactive) {
        await this.changePassword(portal, profile, username, password, error);
      } else {
        if (error instanceof SsbSignInError && /invalid_grant/.test(error.detail))
          await this.state.update(AUTO_SIGN_IN, false);
        throw error;
      }
    }
    const [home, frassb] = await Promise.all([
      portal
        .self()
        .then((self) => portal.folder(self.homeFolderID))
        .catch(() => undefined),
      portal.folderByPath(frassbPath(username)).catch(() => undefined),
    ]);
    const iplos = frassb?.parentId ? await portal.folder(frassb.parentId).catch(() => undefined) : undefined;
    this.session = { portal, profile, home, iplos, frassb };
    await this.state.update(AUTO_SIGN_IN, true);
    await vscode.commands.executeCommand('setContext', 'iplos.signedIn', true);
    this.log.info(`Signed in to SSB as ${username}; feedback folder ${frassb ? frassb.path : '(not found)'}`);
    this.changed.fire(this.session);
    return this.session;
  }

  /**
   * SSB requires a new password: ask for it with SSB's rules checked as the user types
   * (a refused attempt would count towards lockout), confirm it, send it with the old
   * one, and keep the new one in SecretStorage.
   */
  private async changePassword(
    portal: SsbPortalClient,
    profile: MunicipalityProfile,
    username: string,
    oldPassword: string,
    required: PasswordChangeRequired,
  ): Promise<void> {
    const requirements = required.requirements;
    const note = passwordNote(requirements);
    const newPassword = await this.prompts.ask({
      title: t('SSB requires a new password'),
      prompt: describePasswordRules(requirements),
      password: true,
      validate: (value) => {
        if (value === oldPassword) return t('Choose a password different from the current one.');
        const problems = describePasswordProblems(checkPassword(value, username, requirements), requirements);
        if (problems) return problems;
        // Dictionary words cannot be checked here: a note, not a blocker.
        return note ? { message: note, severity: vscode.InputBoxValidationSeverity.Info } : undefined;
      },
    });
    if (!newPassword) throw new UserCancelled(t('Password change cancelled.'));
    const again = await this.prompts.ask({
      title: t('Repeat the new SSB password'),
      password: true,
      validate: (value) => (value === newPassword ? undefined : t('The two passwords differ.')),
    });
    if (again !== newPassword) throw new UserCancelled(t('Password change cancelled.'));
    await portal.signIn(username, oldPassword, newPassword);
    await this.secrets.store(profile, 'ssbPassword', newPassword);
    this.log.info(`The SSB password of ${username} was changed and stored.`);
    void vscode.window.showInformationMessage(t('The new SSB password is set and stored securely.'));
  }

  /** At shutdown: revokes the session's tokens, giving up after `timeoutMs` (deactivate awaits it). */
  async revokeAtShutdown(timeoutMs = SIGN_OUT_TIMEOUT_MS): Promise<void> {
    const session = this.session;
    this.session = undefined;
    await session?.portal.signOut(timeoutMs).catch(() => undefined);
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    // deactivate normally revoked already; otherwise this still tries, within the bound.
    void this.revokeAtShutdown();
    this.prompts.dispose();
    this.changed.dispose();
  }
}
