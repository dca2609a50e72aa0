/**
 * The `iplos.*` settings as the core's IplosSettings (the same keys as the CLI's JSON
 * file), plus VS Code's own proxy settings. Server addresses and the CA file are
 * machine-scoped in package.json, so a workspace cannot redirect where credentials go.
 */
import { join } from 'node:path';
import * as vscode from 'vscode';
import {
  DEFAULT_SETTINGS,
  findProfile,
  settingsFrom,
  type IplosSettings,
  type MunicipalityProfile,
} from '../core/config/settings';
import type { ProxySettings } from '../core/net/transport';

export function readSettings(): IplosSettings {
  const config = vscode.workspace.getConfiguration('iplos');
  return settingsFrom({
    environment: config.get('environment', DEFAULT_SETTINGS.environment),
    municipalities: config.get('municipalities', []),
    activeMunicipality: config.get('activeMunicipality', ''),
    endpoints: {
      ipisTestUrl: config.get('endpoints.ipisTestUrl'),
      ipisProductionUrl: config.get('endpoints.ipisProductionUrl'),
      expectedAddress: config.get('endpoints.expectedAddress'),
      ssbUrl: config.get('endpoints.ssbUrl'),
      ssbOrgId: config.get('endpoints.ssbOrgId'),
    },
    ...(config.get<string>('caFile') ? { caFile: config.get<string>('caFile') } : {}),
    maxPartSizeMiB: config.get('maxPartSizeMiB', DEFAULT_SETTINGS.maxPartSizeMiB),
    feedbackFolder: config.get('feedbackFolder', DEFAULT_SETTINGS.feedbackFolder),
    pollIntervalMinutes: config.get('pollIntervalMinutes', DEFAULT_SETTINGS.pollIntervalMinutes),
    ...(config.get<string>('historyLocation') ? { historyLocation: config.get<string>('historyLocation') } : {}),
  });
}

/** `http.proxy`, `http.noProxy`, `http.proxyStrictSSL`: a bundled undici does not see VS Code's proxy support. */
export function readProxy(): ProxySettings {
  const http = vscode.workspace.getConfiguration('http');
  const url = http.get<string>('proxy', '').trim();
  return {
    ...(url ? { url } : {}),
    noProxy: http.get<string[]>('noProxy', []),
    strictSSL: http.get<boolean>('proxyStrictSSL', true),
  };
}

/** The active profile without throwing: undefined when none is set up or chosen. */
export function currentProfile(settings: IplosSettings = readSettings()): MunicipalityProfile | undefined {
  const profiles = settings.municipalities;
  if (settings.activeMunicipality) return findProfile(profiles, settings.activeMunicipality);
  return profiles.length === 1 ? profiles[0] : undefined;
}

/** "0403 Hamar", "0301 Oslo, bydel 01". */
export function profileLabel(profile: MunicipalityProfile): string {
  return profile.bydel && profile.bydel !== '00'
    ? vscode.l10n.t('{0} {1}, bydel {2}', profile.number, profile.name, profile.bydel)
    : `${profile.number} ${profile.name}`;
}

/** The history file: `iplos.historyLocation`, else the extension's global storage. */
export function historyFilePath(context: vscode.ExtensionContext, settings: IplosSettings): string {
  return join(settings.historyLocation || context.globalStorageUri.fsPath, 'history.jsonl');
}

/** Does a configuration change touch what the network layer is built from? */
export function affectsConnection(event: vscode.ConfigurationChangeEvent): boolean {
  return ['iplos.caFile', 'iplos.endpoints', 'http.proxy', 'http.noProxy', 'http.proxyStrictSSL'].some((key) =>
    event.affectsConfiguration(key),
  );
}
