// The command boundary: every contributed command is registered through the one registry,
// and each one, given a broken precondition, tells the user what happened and what to do
// (through the ErrorReporter) instead of ending in VS Code's generic "command failed".
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ReportedError } from '../../src/extension/services/errorReporter';
import { activateExtension, manifest, type TestApi } from './extension';
import { useUnreachableEndpoints } from './sandboxSetup';

/**
 * How each command is called so that it must fail. The broken precondition for most is the
 * settings: an IPIS address that is not https:// makes every setting-reading step fail with
 * the settings' remedy. Commands that open a picker first get an argument they cannot
 * understand instead (a wrong argument is also a failure the user must be told about).
 */
const WRONG = 42;
const FAILING_CALLS: Record<string, unknown[]> = {
  'iplos.validateExtract': [],
  'iplos.explainRule': ['Z99'],
  'iplos.sendExtract': [],
  'iplos.resumeSend': [{ submissionId: 'not-in-the-history' }],
  'iplos.runChecks': [],
  'iplos.checks.runOne': ['tcp'],
  'iplos.copyFirewallOrder': [],
  'iplos.checks.showDetails': [WRONG],
  'iplos.signIn': [],
  'iplos.downloadFeedback': [],
  'iplos.openFeedback': [WRONG],
  'iplos.compareFeedback': [WRONG],
  'iplos.setSecret': ['kostraPin'],
  'iplos.clearSecret': ['kostraPin'],
  'iplos.selectMunicipality': [],
  'iplos.switchEnvironment': [],
  'iplos.ssb.loadMore': [WRONG],
  'iplos.ssb.markRead': [],
  'iplos.ssb.markUnread': [],
  'iplos.ssb.openInPortal': [],
  'iplos.ssb.revealLink': ['https://127.0.0.1:9/human.aspx?Arg06=1'],
  'iplos.history.openExtract': [WRONG],
  'iplos.history.resume': [WRONG],
  'iplos.history.copyReceipt': [WRONG],
  'iplos.history.exportCsv': [WRONG],
  'iplos.yearOverview.send': [WRONG],
  'iplos.yearOverview.validate': [WRONG],
  'iplos.yearOverview.resume': [WRONG],
  'iplos.yearOverview.openFeedback': [WRONG],
};

/** Commands that have no precondition to break (they show the log, a page, or ask first), each with why. */
const CANNOT_FAIL: Record<string, string> = {
  'iplos.showLog': 'shows the log channel',
  'iplos.openSettings': "opens VS Code's settings editor",
  'iplos.openWalkthrough': "opens VS Code's walkthrough page",
  'iplos.addMunicipality': 'asks for the number first and stops when the input box is closed',
  'iplos.signOut': 'signing out when signed out does nothing',
  'iplos.ssb.refresh': 'signed out it has nothing to refresh',
  'iplos.history.refresh': 'only re-reads the history file',
  'iplos.showYearOverview': 'focuses the Year overview view',
  'iplos.yearOverview.refresh': 'only re-reads the overview',
  'iplos.yearOverview.chooseYear': 'asks for the year first; closing the list changes nothing',
};

describe('command registry', () => {
  let api: TestApi;

  before(async () => {
    api = await activateExtension();
  });

  it('registers every contributed command, and only those', () => {
    const contributed = (manifest().contributes.commands as { command: string }[]).map((entry) => entry.command).sort();
    assert.deepEqual([...api.registry.ids].sort(), contributed);
    for (const id of contributed)
      assert.ok(id in FAILING_CALLS || id in CANNOT_FAIL, `${id} has a failing call or a reason it cannot fail`);
  });

  it('each command reports a failure with what to do, through the one reporter', async () => {
    const config = vscode.workspace.getConfiguration('iplos');
    const reports: ReportedError[] = [];
    const listener = api.services.reporter.onDidReport((report) => reports.push(report));
    await config.update(
      'municipalities',
      [{ number: '0403', name: 'Hamar', bydel: '00', ssbUsername: 'postmottak@hamar.kommune.no' }],
      vscode.ConfigurationTarget.Global,
    );
    await config.update('activeMunicipality', '0403', vscode.ConfigurationTarget.Global);
    await config.update(
      'endpoints.ipisTestUrl',
      'http://127.0.0.1:9/SendemodulTEST',
      vscode.ConfigurationTarget.Global,
    );
    try {
      for (const [id, args] of Object.entries(FAILING_CALLS)) {
        reports.length = 0;
        await vscode.commands.executeCommand(id, ...args);
        const report = reports.find((candidate) => candidate.commandId === id);
        assert.ok(report, `${id} reported its failure (got: ${JSON.stringify(reports)})`);
        assert.equal(report.cancelled, false, `${id}: a failure, not a cancel`);
        assert.ok(report.message.length > 0, `${id}: says what happened`);
        assert.ok(report.remedy.length > 0, `${id}: says what to do (${report.message})`);
      }
    } finally {
      listener.dispose();
      for (const key of ['municipalities', 'activeMunicipality'])
        await config.update(key, undefined, vscode.ConfigurationTarget.Global);
      await useUnreachableEndpoints();
    }
  });

  it('invalid settings while the checks start: the error is reported, no row is left running, the badge counts what failed', async () => {
    const config = vscode.workspace.getConfiguration('iplos');
    const reports: ReportedError[] = [];
    const listener = api.services.reporter.onDidReport((report) => reports.push(report));
    await config.update('endpoints.ssbUrl', 'http://127.0.0.1:9', vscode.ConfigurationTarget.Global);
    try {
      await vscode.commands.executeCommand('iplos.runChecks');
      const report = reports.find((candidate) => candidate.commandId === 'iplos.runChecks');
      assert.match(report?.message ?? '', /https:\/\//, 'the settings problem is named');
      const rows = api.views.checks.getChildren();
      assert.equal(rows.length, 9);
      assert.deepEqual(
        rows.filter((row) => /running/.test(String(row.contextValue))).map((row) => row.checkId),
        [],
        'no spinner left on',
      );
      const failed = api.services.checks.allResults.filter((result) => result.status === 'fail').length;
      assert.equal(api.views.checks.view.badge?.value, failed > 0 ? failed : undefined);
    } finally {
      listener.dispose();
      await useUnreachableEndpoints();
    }
  });
});
