/**
 * "IPLOS: Year overview" and the actions of its rows, each also in the palette (where it
 * asks which municipality). A row's action runs the existing command for that profile:
 * it first makes the profile the active municipality (the status bar shows it, and the
 * send's confirmation names it), so the send, the local control and the feedback are the
 * same commands as everywhere else — no second way to send.
 */
import * as vscode from 'vscode';
import { findProfile } from '../../core/config/settings';
import type { OverviewRow } from '../../core/overview';
import type { Services, Views } from '../services/container';
import { ProfileRowNode, RowDetailNode } from '../views/yearOverviewView';
import { optionalArg } from './arguments';
import { command, type CommandSpec } from './registry';
import { t } from '../localize';

export function yearOverviewCommands(services: Services, views: Views): CommandSpec[] {
  const rowArg = (raw: readonly unknown[]): OverviewRow | undefined =>
    optionalArg(
      raw[0],
      t('a row of the year overview'),
      (value) => (value instanceof ProfileRowNode ? value.row : undefined),
      (value) => (value instanceof RowDetailNode ? value.parent.row : undefined),
    );
  const onRow = (
    title: string,
    filter: (row: OverviewRow) => boolean,
    act: (row: OverviewRow) => unknown,
  ): ((row: OverviewRow | undefined) => Promise<unknown>) => {
    return async (given) => {
      const row = given ?? (await pickRow(views, title, filter));
      return row ? act(row) : undefined;
    };
  };
  return [
    command({
      id: 'iplos.showYearOverview',
      action: () => t('Showing the year overview'),
      run: () => vscode.commands.executeCommand('iplos.yearOverview.focus'),
    }),
    command({
      id: 'iplos.yearOverview.refresh',
      action: () => t('Refreshing the year overview'),
      run: () => services.yearOverview.refresh(),
    }),
    command({
      id: 'iplos.yearOverview.chooseYear',
      action: () => t('Choosing the year of the overview'),
      run: () => chooseYear(services),
    }),
    command({
      id: 'iplos.yearOverview.send',
      action: () => t('Sending the extract'),
      args: rowArg,
      run: onRow(
        t('Send an extract for which municipality?'),
        () => true,
        async (row) => {
          await makeActive(services, row);
          return vscode.commands.executeCommand('iplos.sendExtract');
        },
      ),
    }),
    command({
      id: 'iplos.yearOverview.validate',
      action: () => t('Validating the extract'),
      args: rowArg,
      run: onRow(
        t('Validate an extract for which municipality?'),
        () => true,
        async (row) => {
          await makeActive(services, row);
          return vscode.commands.executeCommand('iplos.validateExtract');
        },
      ),
    }),
    command({
      id: 'iplos.yearOverview.resume',
      action: () => t('Resuming the send'),
      args: rowArg,
      run: onRow(
        t('Resume the send of which municipality?'),
        (row) => row.unfinished !== undefined,
        async (row) => {
          if (!row.unfinished) return undefined;
          await makeActive(services, row);
          const { submissionId, clientReference } = row.unfinished;
          return vscode.commands.executeCommand(
            'iplos.resumeSend',
            submissionId ? { submissionId } : { clientReference },
          );
        },
      ),
    }),
    command({
      id: 'iplos.yearOverview.openFeedback',
      action: () => t('Opening the feedback'),
      args: rowArg,
      run: onRow(
        t('Open the feedback of which municipality?'),
        (row) => row.latestFeedback?.folder !== undefined,
        (row) => {
          const folder = row.latestFeedback?.folder;
          if (folder) return vscode.commands.executeCommand('iplos.openFeedback', vscode.Uri.file(folder));
          void vscode.window.showInformationMessage(
            t('No decrypted feedback for {0} yet. Download it from the SSB folders view.', row.profile.name),
          );
          return undefined;
        },
      ),
    }),
  ];
}

/** The profile of the row becomes the active municipality (a user setting), unless it already is. */
async function makeActive(services: Services, row: OverviewRow): Promise<void> {
  const settings = services.configuration.settings;
  const active = findProfile(settings.municipalities, settings.activeMunicipality);
  if (active && active.number === row.profile.number && (active.bydel ?? '00') === (row.profile.bydel ?? '00')) return;
  await services.configuration.update('activeMunicipality', row.id);
}

async function pickRow(
  views: Views,
  title: string,
  filter: (row: OverviewRow) => boolean,
): Promise<OverviewRow | undefined> {
  // The rows as the view last drew them; fresh ones when it has not drawn yet.
  const rows = views.yearOverview.rows.length > 0 ? views.yearOverview.rows : await views.yearOverview.loadRows();
  const items = rows
    .filter((node) => filter(node.row))
    .map((node) => ({ label: node.text.name, description: node.text.summary, row: node.row }));
  if (items.length === 0) {
    void vscode.window.showInformationMessage(t('No municipality in the year overview fits.'));
    return undefined;
  }
  return (await vscode.window.showQuickPick(items, { title, matchOnDescription: true }))?.row;
}

async function chooseYear(services: Services): Promise<number | undefined> {
  const years = await services.yearOverview.years();
  const picked = await vscode.window.showQuickPick(
    years.map((year) => ({
      label: String(year),
      description: year === services.yearOverview.year ? t('shown') : undefined,
      year,
    })),
    { title: t('Year overview: which reporting year?') },
  );
  if (picked) services.yearOverview.year = picked.year;
  return picked?.year;
}
