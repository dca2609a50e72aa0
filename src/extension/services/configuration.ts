/**
 * The one reader of the extension's settings: `iplos.*` as the core's IplosSettings (the
 * same keys as the CLI's JSON file) plus VS Code's own proxy settings, and one change event
 * that says which area changed. Server addresses and the CA file are machine-scoped in
 * package.json, so a workspace cannot redirect where credentials go.
 *
 * Settings are read afresh on every call (VS Code's configuration is an in-memory lookup),
 * so a value written with `update` is seen at once, before any change event arrives.
 */
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import {
  DEFAULT_SETTINGS,
  selectedProfile,
  settingsFrom,
  type IplosSettings,
  type MunicipalityProfile,
} from '../../core/config/settings';
import { historyFilePath } from '../../core/history/historyLocation';
import type { ProxySettings } from '../../core/net/transport';
import type { LanguageSetting } from '../language';
import { t } from '../localize';

/** What a settings change can touch; each listener asks only about its own. */
export type SettingsArea = 'connection' | 'profiles' | 'environment' | 'history' | 'polling' | 'language' | 'iplos';

const AREA_KEYS: Readonly<Record<SettingsArea, readonly string[]>> = {
  // Everything the network layer (transport, CA, proxy, server addresses) is built from.
  connection: ['iplos.caFile', 'iplos.endpoints', 'http.proxy', 'http.noProxy', 'http.proxyStrictSSL'],
  profiles: ['iplos.municipalities', 'iplos.activeMunicipality'],
  environment: ['iplos.environment'],
  history: ['iplos.historyLocation'],
  polling: ['iplos.pollIntervalMinutes'],
  language: ['iplos.language'],
  iplos: ['iplos'],
};

export interface SettingsChange {
  affects(area: SettingsArea): boolean;
}

export class Configuration implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<SettingsChange>();
  /** Fires once per change of a setting this extension reads. */
  readonly onDidChange = this.changed.event;
  private readonly listener: vscode.Disposable;

  constructor() {
    this.listener = vscode.workspace.onDidChangeConfiguration((event) => {
      const affects = (area: SettingsArea): boolean => AREA_KEYS[area].some((key) => event.affectsConfiguration(key));
      if (affects('iplos') || affects('connection')) this.changed.fire({ affects });
    });
  }

  /** The settings, checked; throws SettingsError (with its remedy) when they are not valid. */
  get settings(): IplosSettings {
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

  /** The settings, or undefined when they are not valid (for views, which must not throw). */
  get settingsOrUndefined(): IplosSettings | undefined {
    try {
      return this.settings;
    } catch {
      return undefined;
    }
  }

  /** `iplos.language`: the extension's language (`auto` = VS Code's display language); anything else is `auto`. */
  get language(): LanguageSetting {
    const value = vscode.workspace.getConfiguration('iplos').get<unknown>('language', 'auto');
    return value === 'nb' || value === 'en' ? value : 'auto';
  }

  /** Whether any municipality is set up (even while another setting is invalid). */
  get hasMunicipalities(): boolean {
    const profiles = vscode.workspace.getConfiguration('iplos').get<unknown>('municipalities');
    return Array.isArray(profiles) && profiles.length > 0;
  }

  /** `http.proxy`, `http.noProxy`, `http.proxyStrictSSL`: a bundled undici does not see VS Code's proxy support. */
  get proxy(): ProxySettings {
    const http = vscode.workspace.getConfiguration('http');
    const url = http.get<string>('proxy', '').trim();
    return {
      ...(url ? { url } : {}),
      noProxy: http.get<string[]>('noProxy', []),
      strictSSL: http.get<boolean>('proxyStrictSSL', true),
    };
  }

  /** The active profile without throwing: undefined when none is set up or chosen, or the settings are invalid. */
  currentProfile(settings: IplosSettings | undefined = this.settingsOrUndefined): MunicipalityProfile | undefined {
    return settings ? selectedProfile(settings) : undefined;
  }

  /** The history file: `iplos.historyLocation` (a relative folder from the home folder), else the extension's global storage. */
  historyFile(globalStorage: vscode.Uri): string {
    const location = vscode.workspace.getConfiguration('iplos').get<string>('historyLocation');
    return historyFilePath(location, globalStorage.fsPath, homedir());
  }

  /** Writes a user setting (the municipality and the environment are the user's, not a workspace's). */
  async update(key: 'activeMunicipality' | 'municipalities' | 'environment', value: unknown): Promise<void> {
    await vscode.workspace.getConfiguration('iplos').update(key, value, vscode.ConfigurationTarget.Global);
  }

  dispose(): void {
    this.listener.dispose();
    this.changed.dispose();
  }
}

/** "0403 Hamar", "0301 Oslo, bydel 01". */
export function profileLabel(profile: MunicipalityProfile): string {
  return profile.bydel && profile.bydel !== '00'
    ? t('{0} {1}, bydel {2}', profile.number, profile.name, profile.bydel)
    : `${profile.number} ${profile.name}`;
}
