/**
 * The settings shared by the extension (contributes.configuration, `iplos.*`) and the CLI
 * (a JSON file with the same keys). Secrets are never settings.
 */
import { IplosError } from '../errors';
import { msg } from '../i18n';

export type Environment = 'test' | 'production';

export interface MunicipalityProfile {
  number: string;
  name: string;
  /** District; '00' when the municipality has none. */
  bydel?: string;
  ssbUsername?: string;
}

export interface Endpoints {
  ipisTestUrl: string;
  ipisProductionUrl: string;
  expectedAddress: string;
  ssbUrl: string;
  ssbOrgId: string;
}

export interface IplosSettings {
  environment: Environment;
  municipalities: MunicipalityProfile[];
  activeMunicipality: string;
  endpoints: Endpoints;
  caFile?: string;
  maxPartSizeMiB: number;
  feedbackFolder: string;
  pollIntervalMinutes: number;
  historyLocation?: string;
  /** Last day for the extract, `MM-DD` in the year after the reporting year (see DEFAULT_SETTINGS). */
  reportingDeadline: string;
  /** Last day for the corrected extract after SSB's feedback, `MM-DD` in the year after the reporting year. */
  correctionDeadline: string;
}

export const DEFAULT_ENDPOINTS: Endpoints = {
  ipisTestUrl: 'https://iplos.nhn.no/SendemodulTEST',
  ipisProductionUrl: 'https://iplos.nhn.no/Sendemodul',
  expectedAddress: '91.186.94.110',
  ssbUrl: 'https://filsluse.ssb.no',
  ssbOrgId: '5281',
};

export const DEFAULT_SETTINGS: IplosSettings = {
  environment: 'test',
  municipalities: [],
  activeMunicipality: '',
  endpoints: DEFAULT_ENDPOINTS,
  maxPartSizeMiB: 100,
  feedbackFolder: 'IPLOS/${year}/tilbakemelding',
  pollIntervalMinutes: 15,
  // Helsedirektoratet's letter of 23.11.2016 (shared/seed): the extract is sent "i januar";
  // shared/docs/domain.md: 15 January. SSB sets the date each year, hence a setting.
  reportingDeadline: '01-15',
  // shared/docs/domain.md: corrections before the correction deadline "(March)"; the day is an assumption.
  correctionDeadline: '03-31',
};

/** A setting (or a key of the CLI's configuration) that cannot be used; the remedy names the one to fix. */
export class SettingsError extends IplosError {
  override readonly name = 'SettingsError';

  constructor(message: string, remedy: string, options: { detail?: string; cause?: unknown } = {}) {
    super('settings', message, { remedy, ...options });
  }
}

/**
 * A profile's identity: the municipality number, plus the district for a municipality with
 * districts (Oslo's bydeler submit separately): `0403`, `0301-01`. Secrets are kept per id.
 */
export function profileId(profile: MunicipalityProfile): string {
  return profile.bydel && profile.bydel !== '00' ? `${profile.number}-${profile.bydel}` : profile.number;
}

/** The profile `activeMunicipality` names: by id, else the first with that number. */
export function findProfile(profiles: readonly MunicipalityProfile[], id: string): MunicipalityProfile | undefined {
  return profiles.find((profile) => profileId(profile) === id) ?? profiles.find((profile) => profile.number === id);
}

/**
 * The municipality to work with, without throwing: the active one (by id), else the only one
 * configured; undefined when none is set up, the active one is missing, or several are set
 * up and none is active (never a guess among them).
 */
export function selectedProfile(settings: IplosSettings): MunicipalityProfile | undefined {
  const profiles = settings.municipalities;
  if (settings.activeMunicipality) return findProfile(profiles, settings.activeMunicipality);
  return profiles.length === 1 ? profiles[0] : undefined;
}

/** The municipality to work with (selectedProfile), or a SettingsError that says what to set. */
export function activeProfile(settings: IplosSettings): MunicipalityProfile {
  if (settings.municipalities.length === 0)
    throw new SettingsError(
      msg('No municipality is set up.'),
      msg('Add the municipality (number, name, SSB user) to the settings (iplos.municipalities).'),
    );
  const chosen = selectedProfile(settings);
  if (!chosen)
    throw new SettingsError(
      settings.activeMunicipality
        ? msg('The active municipality {0} is not among the configured ones.', settings.activeMunicipality)
        : msg('Several municipalities are set up, but none is active.'),
      msg('Select the municipality (iplos.activeMunicipality).'),
    );
  if (!/^\d{4}$/.test(chosen.number))
    throw new SettingsError(
      msg('"{0}" is not a municipality number.', chosen.number),
      msg('A municipality number has four digits, e.g. 0403.'),
    );
  return chosen;
}

export function ipisUrl(settings: IplosSettings, environment: Environment = settings.environment): string {
  return environment === 'production' ? settings.endpoints.ipisProductionUrl : settings.endpoints.ipisTestUrl;
}

/** The SSB folder where feedback for a user arrives. */
export function frassbPath(username: string): string {
  return `/Home/Ekstern/iplos/${username}/frassb`;
}

/** Reporting year: the year before the current one in January–June (the submission season), else this year. */
export function defaultReportingYear(now = new Date()): number {
  return now.getMonth() < 6 ? now.getFullYear() - 1 : now.getFullYear();
}

/** Merges a partial settings object (a CLI config file) onto the defaults, checking types. */
export function settingsFrom(raw: unknown): IplosSettings {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new SettingsError(
      msg('The configuration is not a JSON object.'),
      msg('See "iplos --help" for the configuration keys.'),
    );
  const value = raw as Partial<IplosSettings> & { endpoints?: Partial<Endpoints> };
  const settings: IplosSettings = {
    ...DEFAULT_SETTINGS,
    ...value,
    endpoints: { ...DEFAULT_ENDPOINTS, ...value.endpoints },
  };
  if (settings.environment !== 'test' && settings.environment !== 'production')
    throw new SettingsError(
      msg('environment must be "test" or "production", not "{0}".', String(settings.environment)),
      msg('Fix "environment" in the configuration.'),
    );
  if (!Array.isArray(settings.municipalities))
    throw new SettingsError(msg('municipalities must be a list.'), msg('Fix "municipalities" in the configuration.'));
  for (const [key, url] of Object.entries({
    ipisTestUrl: settings.endpoints.ipisTestUrl,
    ipisProductionUrl: settings.endpoints.ipisProductionUrl,
    ssbUrl: settings.endpoints.ssbUrl,
  })) {
    if (!/^https:\/\//.test(String(url)))
      throw new SettingsError(
        msg('endpoints.{0} must be an https:// address.', key),
        msg('Only HTTPS is used; fix the address in the configuration.'),
      );
  }
  if (!(typeof settings.maxPartSizeMiB === 'number' && settings.maxPartSizeMiB > 0))
    throw new SettingsError(
      msg('maxPartSizeMiB must be a positive number.'),
      msg('Fix "maxPartSizeMiB" in the configuration.'),
    );
  for (const key of ['reportingDeadline', 'correctionDeadline'] as const) {
    if (!isMonthDay(settings[key]))
      throw new SettingsError(
        msg('{0} must be a month and day as MM-DD (e.g. 01-15), not "{1}".', key, String(settings[key])),
        msg('Fix "{0}" in the configuration.', key),
      );
  }
  return settings;
}

/** A real month and day as `MM-DD` (29 February counts: it falls on the 28th in other years). */
export function isMonthDay(value: unknown): boolean {
  const match = typeof value === 'string' ? /^(\d{2})-(\d{2})$/.exec(value) : null;
  if (!match) return false;
  const month = Number(match[1]);
  const day = Number(match[2]);
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(2024, month, 0)).getUTCDate();
}

/** The configured profile of a municipality and district (e.g. of a send in the history), if there is one. */
export function profileFor(
  profiles: readonly MunicipalityProfile[],
  municipality: string,
  bydel = '00',
): MunicipalityProfile | undefined {
  return profiles.find((profile) => profile.number === municipality && (profile.bydel ?? '00') === bydel);
}
