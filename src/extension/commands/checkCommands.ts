/** "IPLOS: Run connection checks" and the per-row actions of the Connection checks view. */
import * as vscode from 'vscode';
import { CHECK_IDS, checkTitle, type CheckId, type CheckResult } from '../../core/checks';
import { formatMilliseconds } from '../../core/format/norwegian';
import type { Services } from '../services/container';
import { CheckItem } from '../views/checksView';
import { instanceOf, oneOf, optionalArg } from './arguments';
import { command, type CommandSpec } from './registry';
import { t } from '../localize';

export function checkCommands(services: Services): CommandSpec[] {
  const checkArg = (raw: readonly unknown[]): CheckId | undefined =>
    optionalArg(raw[0], t('a connection check'), oneOf(CHECK_IDS), (value) => instanceOf(CheckItem)(value)?.checkId);
  return [
    command({
      id: 'iplos.runChecks',
      action: () => t('Running the connection checks'),
      run: () => runChecks(services),
    }),
    command({
      id: 'iplos.checks.runOne',
      action: () => t('Running the connection check'),
      args: checkArg,
      run: async (id) => {
        const chosen = id ?? (await pickCheck(services));
        return chosen ? services.checks.run([chosen]) : [];
      },
    }),
    command({
      id: 'iplos.copyFirewallOrder',
      action: () => t('Writing the firewall order for IT'),
      run: () => copyFirewallOrder(services),
    }),
    command({
      id: 'iplos.checks.showDetails',
      action: () => t('Showing the check details'),
      args: checkArg,
      run: async (id) => showCheckDetails(services, id ?? (await pickCheck(services))),
    }),
  ];
}

async function runChecks(services: Services): Promise<CheckResult[]> {
  await vscode.commands.executeCommand('iplos.checks.focus');
  const results = await services.checks.run();
  const failed = results.filter((result) => result.status === 'fail');
  if (failed.length > 0) {
    const copy = t('Copy firewall order for IT');
    const canOrder = services.checks.firewallOrder() !== undefined;
    void vscode.window
      .showWarningMessage(
        t(
          '{0} of {1} connection checks failed: {2}',
          failed.length,
          results.length,
          failed.map((result) => checkTitle(result.id)).join(', '),
        ),
        ...(canOrder ? [copy] : []),
      )
      .then((choice) => {
        if (choice === copy) void vscode.commands.executeCommand('iplos.copyFirewallOrder');
      });
  }
  return results;
}

/** The Norwegian order for IT-drift to the clipboard, and opened as a document to read or edit. */
async function copyFirewallOrder(services: Services): Promise<string | undefined> {
  if (services.checks.allResults.length === 0) await services.checks.run();
  const order = services.checks.firewallOrder();
  if (!order) {
    void vscode.window.showInformationMessage(t('No network check failed: there is nothing to order from IT.'));
    return undefined;
  }
  await vscode.env.clipboard.writeText(order);
  services.log.info('Firewall order for IT copied to the clipboard');
  const document = await vscode.workspace.openTextDocument({ content: order, language: 'plaintext' });
  await vscode.window.showTextDocument(document, { preview: true });
  // A status-bar note, not a notification: the order itself is on screen.
  vscode.window.setStatusBarMessage(
    t('$(check) Firewall order for IT copied: paste it into a ticket to IT-drift'),
    8000,
  );
  return order;
}

/** All a check observed, as a read-only document (also for pasting into a support case). */
async function showCheckDetails(services: Services, id: CheckId | undefined): Promise<void> {
  const result = id ? services.checks.result(id) : undefined;
  if (!id || !result) {
    void vscode.window.showInformationMessage(t('Run the connection checks first.'));
    return;
  }
  const lines = [
    `# ${checkTitle(id)}`,
    '',
    `- ${t('Status')}: ${result.status}`,
    `- ${t('Time')}: ${formatMilliseconds(result.durationMs)}`,
    '',
    result.detail,
  ];
  if (result.remedy) lines.push('', `**${t('What to do')}:** ${result.remedy}`);
  if (result.data && Object.keys(result.data).length > 0) {
    lines.push('', `## ${t('Observed')}`, '');
    for (const [key, value] of Object.entries(result.data))
      lines.push(`- ${key}: ${Array.isArray(value) ? value.join(', ') : String(value)}`);
  }
  const document = await vscode.workspace.openTextDocument({ content: lines.join('\n'), language: 'markdown' });
  await vscode.window.showTextDocument(document, { preview: true });
}

async function pickCheck(services: Services): Promise<CheckId | undefined> {
  const picked = await vscode.window.showQuickPick(
    CHECK_IDS.map((id) => ({ label: checkTitle(id), description: services.checks.result(id)?.status ?? '', id })),
    { title: t('Which check?') },
  );
  return picked?.id;
}
