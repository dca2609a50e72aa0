/**
 * The active municipality and the environment in the status bar. Production stands out
 * (warning colours) so nobody sends to it by accident; both items switch on click.
 */
import * as vscode from 'vscode';
import { profileLabel, type Configuration } from '../services/configuration';
import { t } from '../localize';

export class IplosStatusBar implements vscode.Disposable {
  private readonly municipality = vscode.window.createStatusBarItem(
    'iplos.municipality',
    vscode.StatusBarAlignment.Left,
    50,
  );
  private readonly environment = vscode.window.createStatusBarItem(
    'iplos.environment',
    vscode.StatusBarAlignment.Left,
    49,
  );
  private readonly listener: vscode.Disposable;

  constructor(private readonly configuration: Configuration) {
    this.municipality.command = 'iplos.selectMunicipality';
    this.environment.command = 'iplos.switchEnvironment';
    this.listener = configuration.onDidChange((change) => {
      if (change.affects('iplos')) this.update();
    });
    this.update();
  }

  /** Draws both items from the settings, in the current language (activate calls it again when that changes). */
  update(): void {
    this.municipality.name = t('IPLOS municipality');
    this.environment.name = t('IPLOS environment');
    const settings = this.configuration.settingsOrUndefined;
    if (!settings) {
      this.municipality.text = '$(warning) IPLOS';
      this.municipality.tooltip = t('The IPLOS settings are not valid; see the IPLOS log.');
      this.municipality.show();
      this.environment.hide();
      return;
    }
    const profile = this.configuration.currentProfile(settings);
    this.municipality.text = profile
      ? `$(organization) ${profileLabel(profile)}`
      : `$(organization) ${t('IPLOS: no municipality')}`;
    this.municipality.tooltip = t('IPLOS: the municipality to send for. Click to change.');
    // Read out without the icon's name: what it is, and what it is set to.
    this.municipality.accessibilityInformation = {
      label: `${t('IPLOS municipality')}: ${profile ? profileLabel(profile) : t('IPLOS: no municipality')}`,
      role: 'button',
    };
    this.municipality.show();
    const production = settings.environment === 'production';
    this.environment.text = production ? `$(warning) ${t('IPLOS PRODUCTION')}` : `$(beaker) ${t('IPLOS test')}`;
    this.environment.tooltip = production
      ? t('Extracts go to the PRODUCTION send module. Click to change.')
      : t('Extracts go to the test send module. Click to change.');
    this.environment.accessibilityInformation = {
      label: `${t('IPLOS environment')}: ${production ? t('IPLOS PRODUCTION') : t('IPLOS test')}`,
      role: 'button',
    };
    this.environment.backgroundColor = production
      ? new vscode.ThemeColor('statusBarItem.warningBackground')
      : undefined;
    this.environment.show();
  }

  dispose(): void {
    this.listener.dispose();
    this.municipality.dispose();
    this.environment.dispose();
  }
}
