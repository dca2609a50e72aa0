/** What the network commands share: the transport (CA file + HTTPS_PROXY), the profile, SSB sign-in. */
import { createTransport, type Transport } from '../core/net/transport';
import { activeProfile, frassbPath, SettingsError, type MunicipalityProfile } from '../core/config/settings';
import { SsbPortalClient, type PortalFolder } from '../core/ssb/portalClient';
import { UsageError } from './cliError';
import { secret, type CliConfig } from './config';
import type { CliIo } from './io';

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
    throw new UsageError(`municipality ${profile.number} has no SSB user name (ssbUsername) in the configuration`);
  const portal = new SsbPortalClient(transport.dispatcher, config.settings.endpoints.ssbUrl, {
    orgId: config.settings.endpoints.ssbOrgId,
  });
  await portal.signIn(profile.ssbUsername, await secret('ssbPassword', io));
  const frassb = await portal.folderByPath(frassbPath(profile.ssbUsername));
  if (!frassb) throw new UsageError(`SSB's portal has no folder ${frassbPath(profile.ssbUsername)} for this user`);
  return { portal, frassb, profile };
}
