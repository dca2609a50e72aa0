import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, manifest } from './extension';

interface CommandContribution {
  command: string;
  title: string;
  category?: string;
}

describe('contributions', () => {
  before(async () => {
    await activateExtension();
  });

  it('an IPLOS view container in the activity bar holds the four views', async () => {
    const contributes = manifest().contributes as {
      viewsContainers: { activitybar: { id: string }[] };
      views: Record<string, { id: string }[]>;
    };
    assert.deepEqual(
      contributes.viewsContainers.activitybar.map((container) => container.id),
      ['iplos'],
    );
    assert.deepEqual(
      contributes.views.iplos?.map((view) => view.id),
      ['iplos.checks', 'iplos.yearOverview', 'iplos.history', 'iplos.ssb'],
    );
    // The workbench really knows them: opening the container and focusing each view works.
    await vscode.commands.executeCommand('workbench.view.extension.iplos');
    for (const id of ['iplos.checks', 'iplos.yearOverview', 'iplos.history', 'iplos.ssb'])
      await vscode.commands.executeCommand(`${id}.focus`);
  });

  it('each view has welcome content with a working command link', () => {
    const welcome = manifest().contributes.viewsWelcome as { view: string; contents: string }[];
    assert.deepEqual([...new Set(welcome.map((item) => item.view))].sort(), [
      'iplos.checks',
      'iplos.history',
      'iplos.ssb',
      'iplos.yearOverview',
    ]);
    for (const item of welcome) assert.match(item.contents, /\(command:iplos\.[a-zA-Z.]+\)/, item.view);
  });

  it('every contributed command is registered, in the IPLOS category, and runs', async () => {
    const commands = manifest().contributes.commands as CommandContribution[];
    assert.ok(commands.length > 0);
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const command of commands) {
      assert.ok(registered.has(command.command), `${command.command} is registered`);
      assert.equal(command.category, 'IPLOS', `${command.command} is in the IPLOS category`);
    }
    await vscode.commands.executeCommand('iplos.showLog');
    await vscode.commands.executeCommand('iplos.openSettings');
    await vscode.commands.executeCommand('iplos.openWalkthrough');
  });

  it('every action of a view, row or editor menu is also in the Command Palette, so the keyboard reaches it (issue 17)', () => {
    const menus = manifest().contributes.menus as Record<string, { command: string; when?: string }[]>;
    const hidden = new Set(
      (menus.commandPalette ?? []).filter((entry) => entry.when === 'false').map((entry) => entry.command),
    );
    // "More…" is not an action but a row: Enter on the row runs it (its TreeItem.command).
    assert.deepEqual([...hidden], ['iplos.ssb.loadMore']);
    for (const [menu, entries] of Object.entries(menus)) {
      if (menu === 'commandPalette') continue;
      for (const entry of entries)
        assert.ok(!hidden.has(entry.command), `${entry.command} (${menu}) is in the palette`);
    }
  });

  it("the walkthrough follows the letter's action points, each step with a command button and a page", () => {
    const walkthroughs = manifest().contributes.walkthroughs as {
      id: string;
      steps: { id: string; description: string; media: { markdown?: string }; completionEvents: string[] }[];
    }[];
    assert.equal(walkthroughs[0]?.id, 'iplos.routine');
    assert.deepEqual(
      walkthroughs[0]?.steps.map((step) => step.id),
      ['checkConnection', 'setUp', 'validate', 'sendTest', 'readFeedback', 'production'],
    );
    const registered = vscode.commands.getCommands(true);
    return registered.then((commands) => {
      for (const step of walkthroughs[0]?.steps ?? []) {
        assert.ok(step.media.markdown, step.id);
        assert.ok(step.completionEvents.length > 0, step.id);
      }
      assert.ok(commands.includes('iplos.openWalkthrough'));
    });
  });

  it('settings have their documented defaults', () => {
    // The suite points the endpoints at loopback (tests never reach the real services); the defaults are VS Code's.
    const config = vscode.workspace.getConfiguration('iplos');
    const defaultOf = (key: string): unknown => config.inspect(key)?.defaultValue;
    assert.equal(defaultOf('environment'), 'test');
    assert.equal(defaultOf('endpoints.ipisTestUrl'), 'https://iplos.nhn.no/SendemodulTEST');
    assert.equal(defaultOf('endpoints.ipisProductionUrl'), 'https://iplos.nhn.no/Sendemodul');
    assert.equal(defaultOf('endpoints.expectedAddress'), '91.186.94.110');
    assert.equal(defaultOf('endpoints.ssbUrl'), 'https://filsluse.ssb.no');
    assert.equal(defaultOf('endpoints.ssbOrgId'), '5281');
    assert.equal(defaultOf('feedbackFolder'), 'IPLOS/${year}/tilbakemelding');
    assert.deepEqual(defaultOf('municipalities'), []);
  });

  it('server addresses and the CA file cannot be set by a workspace (machine scope)', async () => {
    const config = vscode.workspace.getConfiguration('iplos');
    for (const key of ['endpoints.ssbUrl', 'endpoints.ipisTestUrl', 'endpoints.ipisProductionUrl', 'caFile']) {
      await assert.rejects(
        Promise.resolve(config.update(key, 'https://evil.example', vscode.ConfigurationTarget.Workspace)),
        (error: Error) => /machine|application|user settings|scope/i.test(error.message),
        `${key} refused at workspace level`,
      );
    }
    assert.notEqual(vscode.workspace.getConfiguration('iplos').get('endpoints.ssbUrl'), 'https://evil.example');
  });
});
