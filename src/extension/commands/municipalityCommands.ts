/**
 * Choosing the municipality to work with (IT cooperations submit for several) and the
 * environment. Both are user settings; production is always confirmed.
 */
import * as vscode from 'vscode';
import { profileId, type MunicipalityProfile } from '../../core/config/settings';
import { UserCancelled } from '../errors';
import { profileLabel, type Configuration } from '../services/configuration';
import type { Services } from '../services/container';
import { aString, oneOf, optionalArg } from './arguments';
import { command, type CommandSpec } from './registry';
import { t } from '../localize';

export function municipalityCommands(services: Services): CommandSpec[] {
  const { configuration } = services;
  return [
    command({
      id: 'iplos.selectMunicipality',
      action: () => t('Selecting the municipality'),
      args: (raw) => optionalArg(raw[0], t('a municipality id such as 0403'), aString),
      run: (id) => selectMunicipality(configuration, id),
    }),
    command({
      id: 'iplos.addMunicipality',
      action: () => t('Adding a municipality'),
      run: () => addMunicipality(configuration),
    }),
    command({
      id: 'iplos.switchEnvironment',
      action: () => t('Switching the environment'),
      args: (raw) => optionalArg(raw[0], '"test" or "production"', oneOf(['test', 'production'] as const)),
      run: (target) => switchEnvironment(configuration, target),
    }),
  ];
}

async function selectMunicipality(
  configuration: Configuration,
  id: string | undefined,
): Promise<MunicipalityProfile | undefined> {
  const settings = configuration.settings;
  const profiles = settings.municipalities;
  if (profiles.length === 0) {
    const add = t('Add a municipality');
    const choice = await vscode.window.showInformationMessage(t('No municipality is set up yet.'), add);
    if (choice === add) await addMunicipality(configuration);
    return configuration.currentProfile();
  }
  let chosen = typeof id === 'string' ? profiles.find((profile) => profileId(profile) === id) : undefined;
  if (!chosen) {
    const active = configuration.currentProfile(settings);
    const addItem = { label: `$(add) ${t('Add a municipality…')}`, profile: undefined };
    const items = [
      ...profiles.map((profile) => ({
        label: profileLabel(profile),
        description: profile.ssbUsername ?? '',
        detail: active && profileId(active) === profileId(profile) ? t('active') : undefined,
        profile,
      })),
      addItem,
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title: t('Select municipality'),
      placeHolder: t('The municipality to send for and fetch feedback for'),
    });
    if (!picked) return undefined;
    if (!picked.profile) return addMunicipality(configuration);
    chosen = picked.profile;
  }
  await configuration.update('activeMunicipality', profileId(chosen));
  return chosen;
}

/** Guided entry of a profile: number, name, district, SSB user; saved to the user settings. */
async function addMunicipality(configuration: Configuration): Promise<MunicipalityProfile | undefined> {
  const number = await vscode.window.showInputBox({
    title: t('Add a municipality (1/4)'),
    prompt: t('Municipality number (kommunenummer), four digits'),
    placeHolder: '0403',
    ignoreFocusOut: true,
    validateInput: (value) => (/^\d{4}$/.test(value.trim()) ? undefined : t('Four digits, e.g. 0403.')),
  });
  if (!number) return undefined;
  const name = await vscode.window.showInputBox({
    title: t('Add a municipality (2/4)'),
    prompt: t('Municipality name'),
    placeHolder: 'Hamar',
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? undefined : t('Enter the name.')),
  });
  if (!name) return undefined;
  const bydel = await vscode.window.showInputBox({
    title: t('Add a municipality (3/4)'),
    prompt: t('District (bydel), two digits; 00 when the municipality has none'),
    value: '00',
    ignoreFocusOut: true,
    validateInput: (value) => (/^\d{2}$/.test(value.trim()) ? undefined : t('Two digits, e.g. 00.')),
  });
  if (bydel === undefined) return undefined;
  const ssbUsername = await vscode.window.showInputBox({
    title: t('Add a municipality (4/4)'),
    prompt: t("User name on SSB's file portal: the municipality's shared mailbox"),
    placeHolder: 'postmottak@hamar.kommune.no',
    ignoreFocusOut: true,
    validateInput: (value) =>
      value.trim() === '' || /^[^@\s]+@[^@\s]+$/.test(value.trim())
        ? undefined
        : t('An e-mail address, e.g. postmottak@hamar.kommune.no.'),
  });
  if (ssbUsername === undefined) return undefined;
  const profile: MunicipalityProfile = {
    number: number.trim(),
    name: name.trim(),
    bydel: bydel.trim(),
    ...(ssbUsername.trim() ? { ssbUsername: ssbUsername.trim() } : {}),
  };
  const existing = configuration.settings.municipalities.filter(
    (candidate) => profileId(candidate) !== profileId(profile),
  );
  await configuration.update('municipalities', [...existing, profile]);
  await configuration.update('activeMunicipality', profileId(profile));
  void vscode.window.showInformationMessage(
    t('{0} is set up. Store its secrets with "IPLOS: Set secret…".', profileLabel(profile)),
  );
  return profile;
}

/** The active profile, or the user is asked to choose (or add) one. */
export async function requireProfile(configuration: Configuration): Promise<MunicipalityProfile> {
  const profile = configuration.currentProfile() ?? (await selectMunicipality(configuration, undefined));
  if (!profile) throw new UserCancelled(t('No municipality selected.'));
  return profile;
}

async function switchEnvironment(
  configuration: Configuration,
  target: 'test' | 'production' | undefined,
): Promise<void> {
  const current = configuration.settings.environment;
  let next = target;
  if (next !== 'test' && next !== 'production') {
    const picked = await vscode.window.showQuickPick(
      [
        {
          label: t('Test'),
          description: 'SendemodulTEST',
          detail: current === 'test' ? t('active') : undefined,
          value: 'test' as const,
        },
        {
          label: `$(warning) ${t('PRODUCTION')}`,
          description: 'Sendemodul',
          detail: current === 'production' ? t('active') : t('The real submission to the state'),
          value: 'production' as const,
        },
      ],
      { title: t('Where extracts are sent') },
    );
    next = picked?.value;
  }
  if (!next || next === current) return;
  if (next === 'production') {
    const confirm = t('Switch to production');
    const choice = await vscode.window.showWarningMessage(
      t('Switch to the IPIS PRODUCTION send module?'),
      { modal: true, detail: t('Extracts will then be sent for real. Every send is still confirmed.') },
      confirm,
    );
    if (choice !== confirm) return;
  }
  await configuration.update('environment', next);
}
