/**
 * "Year overview": one row per municipality profile (and district) for the reporting year,
 * sorted by what needs action first (the core's order), rendered from YearOverviewModel.
 * A row's description is the core's one-line summary (what to do, by when); its tooltip
 * and screen-reader label hold every part; its children list the parts one per line, so
 * the keyboard reaches them too. Inline and context actions (send, validate, open
 * feedback, resume) run the existing commands for that profile.
 *
 * A native tree rather than a webview: it is keyboard- and screen-reader accessible and
 * follows the theme by itself, there is no second webview to secure, and 40 rows are a
 * list VS Code already draws well (docs/architecture.md).
 */
import * as vscode from 'vscode';
import { describeRow, URGENCY, type OverviewRow, type RowText, type YearOverview } from '../../core/overview';
import type { YearOverviewModel } from '../models/yearOverviewModel';
import { t } from '../localize';

export type OverviewNode = ProfileRowNode | RowDetailNode;

const ICONS: readonly vscode.ThemeIcon[] = [
  new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  new vscode.ThemeIcon('cloud-upload', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  new vscode.ThemeIcon('mail', new vscode.ThemeColor('problemsInfoIcon.foreground')),
  new vscode.ThemeIcon('watch'),
  new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
];

/** The parts of a row, in the order the children and the tooltip show them. */
function parts(text: RowText): [string, string][] {
  return [
    [t('To do'), text.action],
    [t('Next deadline'), text.deadline || '—'],
    [t('Last send'), text.lastSend],
    [t('Feedback'), text.feedback],
    [t('Latest feedback'), text.counts || '—'],
    [t('Since the round before'), text.change || '—'],
  ];
}

export class ProfileRowNode extends vscode.TreeItem {
  readonly kind = 'row';
  readonly text: RowText;

  constructor(
    readonly row: OverviewRow,
    overview: Pick<YearOverview, 'year' | 'environment'>,
    now: Date,
  ) {
    const text = describeRow(row, now);
    super(text.name, vscode.TreeItemCollapsibleState.Collapsed);
    this.text = text;
    this.id = `overview:${overview.year}:${overview.environment}:${row.id}`;
    this.description = text.summary;
    this.iconPath = ICONS[row.urgency] ?? ICONS[URGENCY.waiting];
    // Tokens the menus match: the action, then what the row has (`.sent`, `.feedback`).
    this.contextValue = [
      `overviewRow.${row.action}`,
      row.lastSend ? 'sent' : '',
      row.latestFeedback?.folder ? 'feedback' : '',
    ]
      .filter(Boolean)
      .join('.');
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown('**');
    tooltip.appendText(text.name);
    tooltip.appendMarkdown('**\n\n');
    for (const [label, value] of parts(text)) {
      tooltip.appendText(`${label}: ${value}`);
      tooltip.appendMarkdown('  \n');
    }
    this.tooltip = tooltip;
    this.accessibilityInformation = {
      label: [text.name, row.overdue ? t('overdue') : '', ...parts(text).map(([l, v]) => `${l}: ${v}`)]
        .filter(Boolean)
        .join('. '),
    };
  }
}

/** One part of a row ("Next deadline: correction deadline 31.03.2026 (45 days left)"). */
export class RowDetailNode extends vscode.TreeItem {
  readonly kind = 'detail';
  constructor(
    readonly parent: ProfileRowNode,
    index: number,
    label: string,
    value: string,
  ) {
    super(label, vscode.TreeItemCollapsibleState.None);
    this.id = `${parent.id ?? ''}:${index}`;
    this.description = value;
    this.tooltip = `${label}: ${value}`;
    this.accessibilityInformation = { label: `${label}: ${value}` };
    this.contextValue = 'overviewDetail';
  }
}

export class YearOverviewView implements vscode.TreeDataProvider<OverviewNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<OverviewNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<OverviewNode>;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** The rows last shown, for the commands that ask "which municipality?". */
  private shown: ProfileRowNode[] = [];

  constructor(private readonly model: YearOverviewModel) {
    this.view = vscode.window.createTreeView('iplos.yearOverview', { treeDataProvider: this, showCollapseAll: true });
    this.subscriptions.push(
      this.view,
      model.onDidChange(() => this.changed.fire(undefined)),
    );
  }

  get rows(): readonly ProfileRowNode[] {
    return this.shown;
  }

  /** The rows, read now (for a palette command before the view was ever drawn). */
  async loadRows(): Promise<readonly ProfileRowNode[]> {
    const overview = await this.model.read();
    const now = new Date();
    return overview ? overview.rows.map((row) => new ProfileRowNode(row, overview, now)) : [];
  }

  getTreeItem(node: OverviewNode): vscode.TreeItem {
    return node;
  }

  async getChildren(node?: OverviewNode): Promise<OverviewNode[]> {
    if (node instanceof ProfileRowNode)
      return parts(node.text).map(([label, value], index) => new RowDetailNode(node, index, label, value));
    if (node) return [];
    const overview = await this.model.read();
    if (!overview) {
      this.view.description = t('settings not valid');
      this.view.badge = undefined;
      return (this.shown = []);
    }
    const now = new Date();
    this.shown = overview.rows.map((row) => new ProfileRowNode(row, overview, now));
    this.view.description =
      overview.environment === 'production' ? t('{0} · PRODUCTION', overview.year) : t('{0} · test', overview.year);
    const urgent = overview.rows.filter((row) => row.urgency <= URGENCY.errors).length;
    this.view.badge =
      urgent > 0 ? { value: urgent, tooltip: t('{0} municipality profile(s) need action', urgent) } : undefined;
    return this.shown;
  }

  /** The language changed: the rows are built again with the new strings. */
  relocalize(): void {
    this.changed.fire(undefined);
  }

  getParent(node: OverviewNode): OverviewNode | undefined {
    return node instanceof RowDetailNode ? node.parent : undefined;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}
