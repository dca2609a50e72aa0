/**
 * "SSB folders": the signed-in user's folders on SSB's file portal, from the home folder
 * down, loaded lazily; files a page at a time with a "More…" row. New files carry a badge
 * (a file decoration) and count in the view's badge. Signed out, the view is empty and its
 * welcome content offers "Sign in to SSB".
 */
import * as vscode from 'vscode';
import { formatBytes, formatDateTime } from '../../core/format/norwegian';
import type { PortalFile, PortalFolder } from '../../core/ssb/portalClient';
import type { SsbFolders } from '../models/ssbFolders';
import { t } from '../localize';

export type SsbNode = FolderNode | FileNode | MoreNode | MessageNode;

export const SSB_SCHEME = 'iplos-ssb';

export class FolderNode extends vscode.TreeItem {
  readonly kind = 'folder';
  constructor(
    readonly folder: PortalFolder,
    expanded: boolean,
    /** A top-level row says what the folder is; its name is the user name for both. */
    rootLabel?: string,
  ) {
    super(
      rootLabel ?? folder.name,
      expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
    );
    if (rootLabel) this.description = folder.path;
    this.id = `folder:${folder.id}`;
    this.resourceUri = vscode.Uri.from({ scheme: SSB_SCHEME, path: folder.path });
    this.iconPath = vscode.ThemeIcon.Folder;
    this.tooltip = folder.path;
    this.contextValue = 'ssbFolder';
  }
}

export class FileNode extends vscode.TreeItem {
  readonly kind = 'file';
  constructor(
    readonly file: PortalFile,
    readonly parent: FolderNode | undefined,
  ) {
    super(file.name, vscode.TreeItemCollapsibleState.None);
    this.id = `file:${file.id}`;
    // A resourceUri gives the file-type icon of the theme, and the decoration its "new" badge.
    this.resourceUri = vscode.Uri.from({
      scheme: SSB_SCHEME,
      path: file.path || `/${file.name}`,
      query: file.isNew ? 'new' : '',
    });
    this.iconPath = vscode.ThemeIcon.File;
    this.description = `${formatBytes(file.size)} · ${formatDateTime(file.uploadStamp)} · ${file.uploadUsername}`;
    this.contextValue = file.isNew ? 'ssbFile.new' : 'ssbFile.read';
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(
      `${file.name}\n${t('Size: {0}', formatBytes(file.size))}\n${t('Uploaded {0} by {1}', formatDateTime(file.uploadStamp), file.uploadUsername)}\n`,
    );
    if (file.isNew) tooltip.appendText(t('New: not downloaded yet') + '\n');
    this.tooltip = tooltip;
    // Commas, not the middle dot: a screen reader pauses at a comma. "New" is only a badge letter on screen.
    const facts = [formatBytes(file.size), formatDateTime(file.uploadStamp), file.uploadUsername];
    this.accessibilityInformation = {
      label: [file.name, ...(file.isNew ? [t('new')] : []), ...facts].join(', '),
    };
  }
}

export class MoreNode extends vscode.TreeItem {
  readonly kind = 'more';
  constructor(
    readonly parent: FolderNode,
    readonly nextPage: number,
    remaining: number,
  ) {
    super(t('More… ({0} more files)', remaining), vscode.TreeItemCollapsibleState.None);
    this.id = `more:${parent.folder.id}:${nextPage}`;
    this.iconPath = new vscode.ThemeIcon('ellipsis');
    this.command = { command: 'iplos.ssb.loadMore', title: t('Load more'), arguments: [this] };
    this.contextValue = 'ssbMore';
  }
}

export class MessageNode extends vscode.TreeItem {
  readonly kind = 'message';
  constructor(message: string, icon = 'info') {
    super(message, vscode.TreeItemCollapsibleState.None);
    this.iconPath = new vscode.ThemeIcon(icon);
    this.contextValue = 'ssbMessage';
  }
}

export class SsbView implements vscode.TreeDataProvider<SsbNode>, vscode.FileDecorationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<SsbNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly decorationsChanged = new vscode.EventEmitter<vscode.Uri | vscode.Uri[] | undefined>();
  readonly onDidChangeFileDecorations = this.decorationsChanged.event;
  readonly view: vscode.TreeView<SsbNode>;
  /** The node last given to VS Code for each folder, so a change redraws just that folder. */
  private readonly folderNodes = new Map<number, FolderNode>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private newCount = 0;

  constructor(
    private readonly folders: SsbFolders,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.view = vscode.window.createTreeView('iplos.ssb', {
      treeDataProvider: this,
      canSelectMany: true,
      showCollapseAll: true,
    });
    this.subscriptions.push(
      this.view,
      vscode.window.registerFileDecorationProvider(this),
      folders.onDidChange((folder) => {
        const node = folder ? this.folderNodes.get(folder.id) : undefined;
        if (!folder) this.folderNodes.clear();
        this.changed.fire(node);
        this.decorationsChanged.fire(undefined);
      }),
      folders.onDidChangeNewCount((count) => this.showNewCount(count)),
    );
  }

  /** The language changed: every row, its decorations and the badge again. */
  relocalize(): void {
    this.folderNodes.clear();
    this.changed.fire(undefined);
    this.decorationsChanged.fire(undefined);
    this.showNewCount(this.newCount);
  }

  private showNewCount(count: number): void {
    this.newCount = count;
    this.view.badge = count > 0 ? { value: count, tooltip: t('{0} new file(s) from SSB', count) } : undefined;
    // Not only a badge: the view's title says it in words too.
    this.view.description = count > 0 ? t('{0} new file(s) from SSB', count) : undefined;
  }

  getTreeItem(node: SsbNode): vscode.TreeItem {
    return node;
  }

  async getChildren(node?: SsbNode): Promise<SsbNode[]> {
    if (!this.folders.signedIn) return [];
    if (!node) {
      const roots = this.folders.roots();
      if (roots.length === 0) return [new MessageNode(t('No folders are visible to this user.'), 'warning')];
      return roots.map((root) => this.folderNode(root, true));
    }
    if (!(node instanceof FolderNode)) return [];
    try {
      const contents = await this.folders.load(node.folder);
      const children: SsbNode[] = [
        ...contents.subfolders.map((folder) => this.folderNode(folder, false)),
        ...contents.files.map((file) => new FileNode(file, node)),
      ];
      if (contents.files.length < contents.totalFiles)
        children.push(new MoreNode(node, contents.pagesLoaded + 1, contents.totalFiles - contents.files.length));
      if (children.length === 0) children.push(new MessageNode(t('Empty'), 'circle-slash'));
      return children;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.log.error(`Listing ${node.folder.path} failed: ${reason}`);
      return [new MessageNode(t('Could not list this folder: {0}', reason), 'error')];
    }
  }

  async getParent(node: SsbNode): Promise<SsbNode | undefined> {
    if (node instanceof FileNode || node instanceof MoreNode) return node.parent;
    if (node instanceof FolderNode) {
      const parent = await this.folders.parentOf(node.folder);
      return parent ? this.folderNode(parent, false) : undefined;
    }
    return undefined;
  }

  /** Shows a file in the tree (after a notification link or a "new feedback" message). */
  async revealFile(file: PortalFile): Promise<boolean> {
    const folder = await this.folders.folderOf(file);
    if (!folder) return false;
    await vscode.commands.executeCommand('iplos.ssb.focus');
    try {
      await this.view.reveal(new FileNode(file, this.folderNode(folder, false)), {
        select: true,
        focus: true,
        expand: true,
      });
      return true;
    } catch (error) {
      this.log.warn(`Could not reveal ${file.name}: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (uri.scheme !== SSB_SCHEME || uri.query !== 'new') return undefined;
    return {
      badge: 'N',
      tooltip: t('New'),
      color: new vscode.ThemeColor('gitDecoration.addedResourceForeground'),
    };
  }

  /** A root row says what the folder is; a folder on the way to frassb starts open. */
  private folderNode(folder: PortalFolder, isRoot: boolean): FolderNode {
    const root = isRoot || this.folders.roots().some((candidate) => candidate.id === folder.id);
    let label: string | undefined;
    if (root) label = this.folders.isHome(folder) ? t('Home folder') : t('IPLOS folder at SSB');
    const node = new FolderNode(folder, this.folders.leadsToFeedback(folder), label);
    this.folderNodes.set(folder.id, node);
    return node;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
    this.decorationsChanged.dispose();
  }
}
