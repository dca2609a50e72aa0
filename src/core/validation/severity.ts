/**
 * Severities as data: one profile per reporting year (severityProfiles.json) names every
 * rule's severity. A year without a profile of its own uses the latest earlier one, and a year
 * before the first profile uses the first, so a new year needs no code — only a new profile
 * when SSB changes a severity.
 */
import profiles from './severityProfiles.json';
import type { RuleSeverity } from './finding';
import type { RuleLanguage } from './ruleTypes';

export interface SeverityProfile {
  /** The year the profile was written for (the one chosen for `year` may be later). */
  year: number;
  source: string;
  severities: Readonly<Record<string, RuleSeverity>>;
}

const NAMES: Readonly<Record<RuleSeverity, Readonly<Record<RuleLanguage, string>>>> = {
  critical: { nb: 'Kritisk feil', en: 'Critical error' },
  error: { nb: 'Feil', en: 'Error' },
  warning: { nb: 'Advarsel', en: 'Warning' },
  info: { nb: 'Informasjon', en: 'Information' },
};

/** Most severe first. */
export const SEVERITIES: readonly RuleSeverity[] = ['critical', 'error', 'warning', 'info'];

const PROFILES: readonly SeverityProfile[] = Object.entries(profiles.profiles)
  .map(([year, profile]) => ({
    year: Number(year),
    source: profile.source,
    severities: profile.severities as Record<string, RuleSeverity>,
  }))
  .sort((a, b) => a.year - b.year);

/** "Kritisk feil", "Feil", "Advarsel", "Informasjon" (as SSB's control programs name them), or in English. */
export function severityName(severity: RuleSeverity, language: RuleLanguage): string {
  return NAMES[severity][language];
}

/** The profile in force for a reporting year. */
export function severityProfile(year: number): SeverityProfile {
  let chosen = PROFILES[0] as SeverityProfile;
  for (const profile of PROFILES) if (profile.year <= year) chosen = profile;
  return chosen;
}

/** Every profile, oldest first. */
export function severityProfiles(): readonly SeverityProfile[] {
  return PROFILES;
}

/** A rule's severity in the year's profile ('error' for a rule the profile forgot — a test keeps that from happening). */
export function ruleSeverity(ruleId: string, year: number): RuleSeverity {
  return severityProfile(year).severities[ruleId] ?? 'error';
}
