/** What the network commands share: the transport (CA file + HTTPS_PROXY), the profile, SSB sign-in. */
import { IplosError } from '../core/errors';
import { createTransport, type Transport } from '../core/net/transport';
import { activeProfile, frassbPath, SettingsError, type MunicipalityProfile } from '../core/config/settings';
import { SsbPortalClient, type PortalFolder } from '../core/ssb/portalClient';
import { SignInGuard, signInGuardFile } from '../core/ssb/signInGuard';
import { PasswordChangeRequired } from '../core/ssb/ssbErrors';
import { msg } from '../core/i18n';
import { UsageError } from './cliError';
import { secret, type CliConfig } from './config';
import type { CliIo } from './io';
import { cliSignInPrompts } from './signInPrompts';

export async function openTransport(config: CliConfig): Promise<Transport> {
  return createTransport({
    ...(config.settings.caFile ? { caFile: config.settings.caFile } : {}),
    proxy: 'environment',
    // IPLOS_DEBUG=1: one line per request on stderr (no headers or bodies: they carry secrets).
    ...(process.env.IPLOS_DEBUG
      ? {
          onRequest: (entry) =>
            process.stderr.write(
              `[http] ${entry.method} ${entry.url} → ${entry.status ?? entry.error} (${entry.ms} ms)\n`,
            ),
        }
      : {}),
  });
}

export function profileOf(config: CliConfig): MunicipalityProfile {
  try {
    return activeProfile(config.settings);
  } catch (error) {
    if (error instanceof SettingsError) throw new UsageError(`${error.message} ${error.remedy}`);
    throw error;
  }
}

export async function signedInPortal(
  config: CliConfig,
  transport: Transport,
  io: CliIo,
): Promise<{ portal: SsbPortalClient; frassb: PortalFolder; profile: MunicipalityProfile }> {
  const profile = profileOf(config);
  if (!profile.ssbUsername)
    throw new UsageError(
      msg('municipality {0} has no SSB user name (ssbUsername) in the configuration', profile.number),
    );
  const portal = new SsbPortalClient(transport.dispatcher, config.settings.endpoints.ssbUrl, {
    orgId: config.settings.endpoints.ssbOrgId,
    guard: cliSignInGuard(config),
    prompts: cliSignInPrompts(io),
  });
  try {
    await portal.signIn(profile.ssbUsername, await secret('ssbPassword', io));
  } catch (error) {
    // The CLI has no password change: say so, with where to do it.
    if (error instanceof PasswordChangeRequired) throw passwordChangeElsewhere(error, portal.baseUrl);
    throw error;
  }
  try {
    const frassb = await portal.folderByPath(frassbPath(profile.ssbUsername));
    if (!frassb)
      throw new UsageError(msg("SSB's portal has no folder {0} for this user", frassbPath(profile.ssbUsername)));
    return { portal, frassb, profile };
  } catch (error) {
    await portal.signOut();
    throw error;
  }
}

/**
 * The sign-in guard shared with every other run and with the extension: its record lives
 * next to the history file, so a script run again and again cannot walk into SSB's lockout.
 */
export function cliSignInGuard(config: CliConfig): SignInGuard {
  return new SignInGuard(Date.now, signInGuardFile(config.historyFile));
}

/** SSB requires a new password, which the CLI cannot set: say where to do it, with SSB's rules. */
function passwordChangeElsewhere(required: PasswordChangeRequired, portalUrl: string): IplosError {
  return new IplosError('password-change-required', required.message, {
    remedy: `${msg('The CLI cannot set a new password: change it in VS Code ("IPLOS: Sign in to SSB" asks for it) or in SSB\'s web portal ({0}), then run the command again.', portalUrl)} ${required.remedy}`,
    detail: required.detail,
    cause: required,
  });
}
