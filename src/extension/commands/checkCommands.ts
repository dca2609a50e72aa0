/** "IPLOS: Run connection checks" and the per-row actions of the Connection checks view. */
import * as vscode from 'vscode';
import { CHECK_IDS, checkTitle, type CheckId, type CheckResult } from '../../core/checks';
import { formatMilliseconds } from '../../core/format/norwegian';
import type { Services } from '../services';
import { CheckItem } from '../views/checksView';

export async function runChecksCommand(services: Services): Promise<CheckResult[]> {
  await vscode.commands.executeCommand('iplos.checks.focus');
  const results = await services.checksView.run();
  const failed = results.filter((result) => result.status === 'fail');
  if (failed.length > 0) {
    const copy = vscode.l10n.t('Copy firewall order for IT');
    const canOrder = services.checksView.firewallOrder() !== undefined;
    void vscode.window
      .showWarningMessage(
        vscode.l10n.t(
          '{0} of {1} connection checks failed: {2}',
          failed.length,
          results.length,
          failed.map((result) => checkTitle(result.id)).join(', '),
        ),
        ...(canOrder ? [copy] : []),
      )
      .then((choice) => {
        if (choice === copy) void copyFirewallOrderCommand(services);
      });
  }
  return results;
}

export async function runOneCheckCommand(services: Services, item?: CheckItem | CheckId): Promise<CheckResult[]> {
  const id =
    item instanceof CheckItem
      ? item.checkId
      : typeof item === 'string' && CHECK_IDS.includes(item)
        ? item
        : await pickCheck(services);
  if (!id) return [];
  return services.checksView.run([id]);
}

/** The Norwegian order for IT-drift to the clipboard, and opened as a document to read or edit. */
export async function copyFirewallOrderCommand(services: Services): Promise<string | undefined> {
  if (services.checksView.allResults.length === 0) await services.checksView.run();
  const order = services.checksView.firewallOrder();
  if (!order) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('No network check failed: there is nothing to order from IT.'),
    );
    return undefined;
  }
  await vscode.env.clipboard.writeText(order);
  services.log.info('Firewall order for IT copied to the clipboard');
  const document = await vscode.workspace.openTextDocument({ content: order, language: 'plaintext' });
  await vscode.window.showTextDocument(document, { preview: true });
  // A status-bar note, not a notification: the order itself is on screen.
  vscode.window.setStatusBarMessage(
    vscode.l10n.t('$(check) Firewall order for IT copied: paste it into a ticket to IT-drift'),
    8000,
  );
  return order;
}

/** All a check observed, as a read-only document (also for pasting into a support case). */
export async function showCheckDetailsCommand(services: Services, item?: CheckItem | CheckId): Promise<void> {
  const id = item instanceof CheckItem ? item.checkId : typeof item === 'string' ? item : await pickCheck(services);
  const result = services.checksView.allResults.find((candidate) => candidate.id === id);
  if (!id || !result) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Run the connection checks first.'));
    return;
  }
  const lines = [
    `# ${checkTitle(id)}`,
    '',
    `- ${vscode.l10n.t('Status')}: ${result.status}`,
    `- ${vscode.l10n.t('Time')}: ${formatMilliseconds(result.durationMs)}`,
    '',
    result.detail,
  ];
  if (result.remedy) lines.push('', `**${vscode.l10n.t('What to do')}:** ${result.remedy}`);
  if (result.data && Object.keys(result.data).length > 0) {
    lines.push('', `## ${vscode.l10n.t('Observed')}`, '');
    for (const [key, value] of Object.entries(result.data))
      lines.push(`- ${key}: ${Array.isArray(value) ? value.join(', ') : String(value)}`);
  }
  const document = await vscode.workspace.openTextDocument({ content: lines.join('\n'), language: 'markdown' });
  await vscode.window.showTextDocument(document, { preview: true });
}

async function pickCheck(services: Services): Promise<CheckId | undefined> {
  const results = new Map(services.checksView.allResults.map((result) => [result.id, result]));
  const picked = await vscode.window.showQuickPick(
    CHECK_IDS.map((id) => ({ label: checkTitle(id), description: results.get(id)?.status ?? '', id })),
    { title: vscode.l10n.t('Which check?') },
  );
  return picked?.id;
}
