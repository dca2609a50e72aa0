/** The log, the settings and the walkthrough: the extension's help commands. */
import * as vscode from 'vscode';
import type { Services } from '../services/container';
import { command, type CommandSpec } from './registry';
import { t } from '../localize';

export function generalCommands(services: Services): CommandSpec[] {
  return [
    command({
      id: 'iplos.showLog',
      action: () => t('Showing the log'),
      run: () => services.log.show(),
    }),
    command({
      id: 'iplos.openWalkthrough',
      action: () => t('Opening the walkthrough'),
      run: () =>
        vscode.commands.executeCommand(
          'workbench.action.openWalkthrough',
          'iplos-innsending.iplos-innsending#iplos.routine',
          false,
        ),
    }),
    command({
      id: 'iplos.openSettings',
      action: () => t('Opening the settings'),
      run: () =>
        vscode.commands.executeCommand('workbench.action.openSettings', '@ext:iplos-innsending.iplos-innsending'),
    }),
  ];
}
