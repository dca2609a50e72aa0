import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { sandboxFixture, tempFolder, type SandboxFixture } from './sandboxSetup';

// The Connection checks view against the sandbox: every check runs, the rows show the
// results, a failing send module counts in the badge and yields a firewall order.
describe('connection checks view', () => {
  let fixture: SandboxFixture;

  before(async () => {
    fixture = await sandboxFixture({ historyFolder: tempFolder('checks') });
  });

  after(async () => {
    await fixture?.stop();
  });

  it('"IPLOS: Run connection checks" fills one row per check; the sandbox passes', async () => {
    const results = (await vscode.commands.executeCommand('iplos.runChecks')) as {
      id: string;
      status: string;
      detail: string;
    }[];
    const byId = new Map(results.map((result) => [result.id, result]));
    for (const id of ['tcp', 'tls', 'ipis-test', 'ipis-production', 'ssb-info', 'ssb-login'])
      assert.equal(byId.get(id)?.status, 'pass', `${id}: ${byId.get(id)?.detail}`);
    const view = fixture.api.views.checks;
    const rows = view.getChildren();
    assert.equal(rows.length, 9);
    const login = rows.find((row) => row.checkId === 'ssb-login');
    assert.equal(login?.contextValue, 'check.pass');
    assert.match(String(login?.description), /OK · \d/);
    // The result in words for a screen reader, and in the view's title beside the badge (issue 17).
    assert.match(String(login?.accessibilityInformation?.label), /: OK, \d/);
    assert.match(String(view.view.description), /^\d of 9 OK, 0 failed$/);
    assert.equal(view.view.badge, undefined, 'no failure, no badge');
    assert.equal(fixture.api.services.checks.firewallOrder(), undefined, 'nothing to order from IT');
  });

  it('a send module that does not answer fails, counts in the badge, and gives the firewall order for IT', async () => {
    const config = vscode.workspace.getConfiguration('iplos');
    // A closed port on loopback: the connection is refused, as behind a closed firewall.
    await config.update(
      'endpoints.ipisTestUrl',
      'https://127.0.0.1:9/SendemodulTEST',
      vscode.ConfigurationTarget.Global,
    );
    try {
      const results = (await vscode.commands.executeCommand('iplos.runChecks')) as { id: string; status: string }[];
      const failed = results.filter((result) => result.status === 'fail').map((result) => result.id);
      assert.ok(failed.includes('tcp') && failed.includes('ipis-test'), failed.join(','));
      const view = fixture.api.views.checks;
      assert.equal(view.view.badge?.value, failed.length);
      const tcpRow = view.getChildren().find((row) => row.checkId === 'tcp');
      assert.equal(tcpRow?.contextValue, 'check.fail.network', 'the failed network row offers the firewall order');
      assert.match(
        String(tcpRow?.accessibilityInformation?.label),
        /: failed, .+, .+/,
        'failed, its time and what was seen',
      );
      assert.match(String(view.view.description), new RegExp(`, ${failed.length} failed$`));
      const order = (await vscode.commands.executeCommand('iplos.copyFirewallOrder')) as string;
      assert.match(order, /Bestilling: åpning i brannmur/);
      assert.match(order, /tcp\/9/);
      assert.match(order, /Hamar/);
      assert.doesNotMatch(order, /Sandkasse-0403/, 'no password in the order');
      // The order is also opened as a document to read or edit.
      assert.match(vscode.window.activeTextEditor?.document.getText() ?? '', /Bestilling: åpning i brannmur/);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    } finally {
      await config.update('endpoints.ipisTestUrl', fixture.sandbox.info.ipisTestUrl, vscode.ConfigurationTarget.Global);
    }
    await vscode.commands.executeCommand('iplos.checks.runOne', 'tcp');
    assert.equal(
      fixture.api.services.checks.allResults.find((result) => result.id === 'tcp')?.status,
      'pass',
      'running one check again updates its row',
    );
    assert.equal(
      fixture.api.services.checks.allResults.find((result) => result.id === 'ipis-test')?.status,
      'fail',
      'the other rows keep their result until run again',
    );
  });

  it('"Show check details" opens what the check observed', async () => {
    await vscode.commands.executeCommand('iplos.checks.runOne', 'tls');
    await vscode.commands.executeCommand('iplos.checks.showDetails', 'tls');
    const text = vscode.window.activeTextEditor?.document.getText() ?? '';
    assert.match(text, /TLS handshake and certificate/);
    assert.match(text, /issuer/i);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
