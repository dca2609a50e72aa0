/**
 * A control rule explained as a read-only Markdown page (`iplos-rule:/T01.md`): what it
 * means, how to fix it in the EPJ, and what it rests on — the rule's own metadata
 * (describeRule), so the Problems panel, the viewer and this page say the same. The rule id
 * of a Problems entry links here through `iplos.explainRule`.
 */
import * as vscode from 'vscode';
import { describeRule, type RuleDescription } from '../../core/validation';
import { textLanguage } from '../language';
import { t } from '../localize';

export const RULE_SCHEME = 'iplos-rule';

/** The link a Problems entry's code opens (VS Code runs `command:` links from there). */
export function ruleExplanationLink(ruleId: string): vscode.Uri {
  return vscode.Uri.parse(`command:iplos.explainRule?${encodeURIComponent(JSON.stringify([ruleId]))}`);
}

export function ruleExplanationUri(ruleId: string): vscode.Uri {
  return vscode.Uri.from({ scheme: RULE_SCHEME, path: `/${ruleId}.md` });
}

export class RuleExplanations implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(RULE_SCHEME, this);

  provideTextDocumentContent(uri: vscode.Uri): string {
    const ruleId = uri.path.replace(/^\//, '').replace(/\.md$/, '');
    const rule = describeRule(ruleId, textLanguage());
    return rule ? ruleMarkdown(rule) : t('There is no control rule {0}.', ruleId);
  }

  dispose(): void {
    this.registration.dispose();
  }
}

export function ruleMarkdown(rule: RuleDescription): string {
  const basis = {
    spec: t("Helsedirektoratet's message specification"),
    guidance: t("Helsedirektoratet's guidance"),
    assumption: t('An assumption of this project: neither Helsedirektoratet nor SSB publishes this rule'),
  }[rule.basis];
  const foundBy =
    rule.origin === 'local'
      ? t('The local control, before sending (and SSB, after).')
      : t('Only SSB, after the extract is sent: it needs registers this machine does not have.');
  return [
    `# ${rule.id} — ${rule.title}`,
    '',
    `## ${t('What it means')}`,
    '',
    rule.meaning,
    '',
    `## ${t('How to fix it in the EPJ')}`,
    '',
    rule.fix,
    '',
    `## ${t('What the rule rests on')}`,
    '',
    `- ${t('Basis: {0}', basis)}`,
    `- ${t('Source: {0}', rule.source)}`,
    `- ${t('Found by: {0}', foundBy)}`,
    '',
  ].join('\n');
}
