// "IPLOS: Year overview" in real VS Code: one row per municipality profile from a real
// history file and a real decrypted feedback folder, sorted by what needs action first;
// the row's text, tooltip and screen-reader label; its actions; and the refresh when the
// history or the deadlines change. No network: nothing here is sent.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { defaultReportingYear } from '../../src/core/config/settings';
import { HistoryStore } from '../../src/core/history';
import { describeRow } from '../../src/core/overview';
import { csv } from '../sandbox/ssb/feedbackFiles';
import { download, send } from '../unit/overview/overviewEvents';
// Types only: the suite's bundle has its own copy of the classes, so `instanceof` would not match the extension's nodes.
import type { OverviewNode, ProfileRowNode } from '../../src/extension/views/yearOverviewView';
import { activateExtension, type TestApi } from './extension';
import { tempFolder, waitFor } from './sandboxSetup';

const PROFILES = [
  { number: '0403', name: 'Hamar', bydel: '00' },
  { number: '3413', name: 'Stange', bydel: '00' },
  { number: '3412', name: 'Løten', bydel: '00' },
];
const KEYS = ['municipalities', 'activeMunicipality', 'historyLocation', 'environment', 'reportingDeadline'];

/** A calendar day `days` before today, `YYYY-MM-DD`. */
function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

describe('Year overview', () => {
  let api: TestApi;
  let folder: string;
  let store: HistoryStore;
  const year = defaultReportingYear();
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('iplos');
  const global = vscode.ConfigurationTarget.Global;

  async function rows(): Promise<ProfileRowNode[]> {
    const nodes = await api.views.yearOverview.getChildren();
    return nodes.filter((node): node is ProfileRowNode => node.kind === 'row');
  }

  before(async () => {
    api = await activateExtension();
    folder = tempFolder('overview');
    const feedback = join(folder, 'tilbakemelding', `040300_iplos_${year}_test`);
    mkdirSync(feedback, { recursive: true });
    writeFileSync(
      join(feedback, 'feilliste.csv'),
      csv([
        ['Kommunenr', 'Bydel', 'Brukernr', 'Tjenestetype', 'Variabel', 'Verdi', 'Feilkode', 'Alvorlighet', 'Melding'],
        ['0403', '00', '17', '11', 'timer', '200', 'T12', 'Feil', 'For mange timer'],
        ['0403', '00', '19', '2', 'dato', '', 'D02', 'Advarsel', 'Mangler dato'],
      ]),
    );
    store = new HistoryStore(join(folder, 'history.jsonl'));
    for (const event of [
      ...send({ municipality: '0403', day: daysAgo(20), id: 'h1', year }),
      download({ municipality: '0403', day: daysAgo(10), fileId: 'f1', folder: feedback, year }),
      ...send({ municipality: '3413', day: daysAgo(5), id: 's1', year }),
    ])
      await store.append(event);
    await config().update('historyLocation', folder, global);
    await config().update('environment', 'test', global);
    await config().update('municipalities', PROFILES, global);
    await config().update('activeMunicipality', '3413', global);
  });

  after(async () => {
    for (const key of KEYS) await config().update(key, undefined, global);
  });

  it('one row per profile, what needs action first, in the words of the core and Norwegian dates', async () => {
    const shown = await waitFor('three rows, Hamar’s feedback read', async () => {
      const current = await rows();
      return current.length === 3 && current.some((row) => row.row.latestFeedback?.summary.kind === 'read')
        ? current
        : undefined;
    });
    assert.deepEqual(
      shown.map((node) => [node.label, node.row.action]),
      [
        ['3412 Løten', 'send'],
        ['0403 Hamar', 'fix-errors'],
        ['3413 Stange', 'wait'],
      ],
    );
    const [, hamar, stange] = shown as [ProfileRowNode, ProfileRowNode, ProfileRowNode];
    assert.equal(hamar.description, describeRow(hamar.row, new Date()).summary);
    assert.match(String(hamar.description), /correction deadline \d\d\.\d\d\.\d{4} \(/);
    assert.equal(hamar.contextValue, 'overviewRow.fix-errors.sent.feedback');
    assert.equal(stange.contextValue, 'overviewRow.wait.sent');
    // Everything in the tooltip and in what a screen reader says.
    const label = hamar.accessibilityInformation?.label ?? '';
    for (const part of ['0403 Hamar', 'Latest feedback: 1 error, 1 warning', 'Last send: ', 'receipt R-h1'])
      assert.ok(label.includes(part), `"${part}" in "${label}"`);
    // appendText escapes the Markdown (spaces as &nbsp;, punctuation with a backslash): read it back as text.
    const tooltip = (hamar.tooltip as vscode.MarkdownString).value.replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');
    assert.match(tooltip, /Latest feedback: 1 error, 1 warning/);
    assert.match(tooltip, /Feedback: received \d\d\.\d\d\.\d{4}/);
    assert.match(String(stange.accessibilityInformation?.label), /waiting since \d\d\.\d\d\.\d{4} \(5 days\)/);
    // The parts as children: the keyboard reaches each one.
    const details = await api.views.yearOverview.getChildren(hamar);
    assert.equal(details.length, 6);
    assert.ok(details.every((node: OverviewNode) => node.kind === 'detail' && node.accessibilityInformation));
    assert.equal(api.views.yearOverview.getParent(details[0] as OverviewNode), hamar);
    assert.equal(api.views.yearOverview.view.description, `${year} · test`);
    assert.equal(api.views.yearOverview.view.badge?.value, 2, 'Løten and Hamar need action');
  });

  it('"IPLOS: Year overview" focuses the view', async () => {
    await vscode.commands.executeCommand('iplos.showYearOverview');
    await waitFor('the view is visible', () => api.views.yearOverview.view.visible || undefined);
  });

  it('a row’s "Open the latest feedback" opens the viewer on that feedback', async () => {
    const [, hamar] = await rows();
    const panel = (await vscode.commands.executeCommand('iplos.yearOverview.openFeedback', hamar)) as
      vscode.WebviewPanel | undefined;
    assert.ok(panel, 'a viewer panel');
    panel.dispose();
  });

  it('a row’s action makes its profile the active municipality first', async () => {
    const [loten] = await rows();
    // Validate asks for the extract file: the picker is closed (undefined) in the host, so nothing runs after it.
    let stopped = false;
    void vscode.commands.executeCommand('iplos.yearOverview.validate', loten).then(() => (stopped = true));
    await waitFor('Løten active', () => (config().get('activeMunicipality') === '3412' ? true : undefined));
    // Close the picker until the command has stopped at it (it may open after the workspace search).
    await waitFor('the validation stopped at the picker', async () => {
      if (stopped) return true;
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      return undefined;
    });
  });

  it('refreshes when the history changes (the CLI appending counts too) and when a deadline setting changes', async () => {
    await store.append(download({ municipality: '3413', day: daysAgo(1), fileId: 's-f1', year }));
    const stange = await waitFor('Stange’s download seen', async () => {
      const row = (await rows()).find((node) => node.row.id === '3413');
      return row?.row.action === 'open-feedback' ? row : undefined;
    });
    assert.match(String(stange.description), /download and decrypt the feedback/);

    await config().update('reportingDeadline', '12-31', global);
    const loten = await waitFor('the new reporting deadline', async () => {
      const row = (await rows()).find((node) => node.row.id === '3412');
      return row?.row.deadline?.date === `${year + 1}-12-31` ? row : undefined;
    });
    assert.match(String(loten.description), new RegExp(`reporting deadline 31\\.12\\.${year + 1}`));
  });

  it('no profile: no rows, and the welcome content (iplos.configured is false)', async () => {
    await config().update('municipalities', [], global);
    await waitFor('no rows', async () => ((await rows()).length === 0 ? true : undefined));
  });
});
