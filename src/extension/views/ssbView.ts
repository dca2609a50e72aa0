/**
 * "SSB folders": the signed-in user's folders on SSB's file portal, from the home folder
 * down, loaded lazily; files a page at a time with a "More…" row. New files carry a badge
 * (a file decoration) and count in the view's badge. Signed out, the view is empty and its
 * welcome content offers "Sign in to SSB".
 */
import * as vscode from 'vscode';
import { formatBytes, formatDateTime } from '../../core/format/norwegian';
import type { PortalFile, PortalFolder } from '../../core/ssb/portalClient';
import type { SsbSession } from '../ssbSession';

export type SsbNode = FolderNode | FileNode | MoreNode | MessageNode;

const PAGE_SIZE = 50;
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
      `${file.name}\n${vscode.l10n.t('Size: {0}', formatBytes(file.size))}\n${vscode.l10n.t('Uploaded {0} by {1}', formatDateTime(file.uploadStamp), file.uploadUsername)}\n`,
    );
    if (file.isNew) tooltip.appendText(vscode.l10n.t('New: not downloaded yet') + '\n');
    this.tooltip = tooltip;
    this.accessibilityInformation = {
      label: `${file.name}${file.isNew ? `, ${vscode.l10n.t('new')}` : ''}, ${this.description}`,
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
    super(vscode.l10n.t('More… ({0} more files)', remaining), vscode.TreeItemCollapsibleState.None);
    this.id = `more:${parent.folder.id}:${nextPage}`;
    this.iconPath = new vscode.ThemeIcon('ellipsis');
    this.command = { command: 'iplos.ssb.loadMore', title: vscode.l10n.t('Load more'), arguments: [this] };
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

interface FolderContents {
  subfolders: PortalFolder[];
  files: PortalFile[];
  pagesLoaded: number;
  totalFiles: number;
}

export class SsbView implements vscode.TreeDataProvider<SsbNode>, vscode.FileDecorationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<SsbNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly decorationsChanged = new vscode.EventEmitter<vscode.Uri | vscode.Uri[] | undefined>();
  readonly onDidChangeFileDecorations = this.decorationsChanged.event;
  readonly view: vscode.TreeView<SsbNode>;
  private readonly contents = new Map<number, FolderContents>();
  private readonly folderNodes = new Map<number, FolderNode>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly ssb: SsbSession,
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
      ssb.onDidChange(() => this.refresh()),
    );
  }

  refresh(): void {
    this.contents.clear();
    this.folderNodes.clear();
    this.changed.fire(undefined);
    this.decorationsChanged.fire(undefined);
  }

  /** The badge counts new files (set by the poller, which asks the portal for them). */
  setNewCount(count: number): void {
    this.view.badge =
      count > 0 ? { value: count, tooltip: vscode.l10n.t('{0} new file(s) from SSB', count) } : undefined;
  }

  getTreeItem(node: SsbNode): vscode.TreeItem {
    return node;
  }

  async getChildren(node?: SsbNode): Promise<SsbNode[]> {
    const session = this.ssb.current;
    if (!session) return [];
    if (!node) {
      const roots = this.roots();
      if (roots.length === 0)
        return [new MessageNode(vscode.l10n.t('No folders are visible to this user.'), 'warning')];
      return roots.map((root) => this.folderNode(root, isOnPathTo(root, session.frassb)));
    }
    if (!(node instanceof FolderNode)) return [];
    try {
      const contents = await this.load(node.folder);
      const children: SsbNode[] = [
        ...contents.subfolders.map((folder) => this.folderNode(folder, isOnPathTo(folder, session.frassb))),
        ...contents.files.map((file) => new FileNode(file, node)),
      ];
      if (contents.files.length < contents.totalFiles)
        children.push(new MoreNode(node, contents.pagesLoaded + 1, contents.totalFiles - contents.files.length));
      if (children.length === 0) children.push(new MessageNode(vscode.l10n.t('Empty'), 'circle-slash'));
      return children;
    } catch (error) {
      this.log.error(`Listing ${node.folder.path} failed: ${error instanceof Error ? error.message : String(error)}`);
      return [
        new MessageNode(
          vscode.l10n.t('Could not list this folder: {0}', error instanceof Error ? error.message : String(error)),
          'error',
        ),
      ];
    }
  }

  async getParent(node: SsbNode): Promise<SsbNode | undefined> {
    if (node instanceof FileNode || node instanceof MoreNode) return node.parent;
    if (node instanceof FolderNode) {
      const session = this.ssb.current;
      if (!session || this.roots().some((root) => root.id === node.folder.id) || !node.folder.parentId)
        return undefined;
      const parent =
        this.folderNodes.get(node.folder.parentId)?.folder ?? (await session.portal.folder(node.folder.parentId));
      return this.folderNode(parent, true);
    }
    return undefined;
  }

  /** Loads the next page of a folder's files (the "More…" row). */
  async loadMore(node: MoreNode): Promise<void> {
    const session = this.ssb.current;
    const contents = this.contents.get(node.parent.folder.id);
    if (!session || !contents) return;
    const page = await session.portal.filesPage(node.parent.folder.id, node.nextPage, PAGE_SIZE);
    contents.files.push(...page.items.filter((file) => !contents.files.some((known) => known.id === file.id)));
    contents.pagesLoaded = node.nextPage;
    contents.totalFiles = page.totalItems;
    this.changed.fire(node.parent);
  }

  /** Shows a file in the tree (after a notification link or a "new feedback" message). */
  async revealFile(file: PortalFile): Promise<boolean> {
    const session = this.ssb.current;
    if (!session) return false;
    const folder = this.folderNodes.get(file.folderID)?.folder ?? (await session.portal.folder(file.folderID));
    const parent = this.folderNode(folder, true);
    const contents = await this.load(folder);
    if (!contents.files.some((known) => known.id === file.id)) contents.files.unshift(file);
    await vscode.commands.executeCommand('iplos.ssb.focus');
    try {
      await this.view.reveal(new FileNode(file, parent), { select: true, focus: true, expand: true });
      return true;
    } catch (error) {
      this.log.warn(`Could not reveal ${file.name}: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  }

  /** A file changed on the portal (downloaded → read, marked unread): redraw it. */
  fileChanged(file: PortalFile): void {
    for (const contents of this.contents.values()) {
      const index = contents.files.findIndex((known) => known.id === file.id);
      if (index >= 0) contents.files[index] = file;
    }
    const parent = this.folderNodes.get(file.folderID);
    this.changed.fire(parent);
    this.decorationsChanged.fire(undefined);
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (uri.scheme !== SSB_SCHEME || uri.query !== 'new') return undefined;
    return {
      badge: 'N',
      tooltip: vscode.l10n.t('New'),
      color: new vscode.ThemeColor('gitDecoration.addedResourceForeground'),
    };
  }

  /**
   * SSB's folder for the municipality (holding frassb, where feedback arrives) first, then
   * the user's home folder; one of them when the other contains it or is missing.
   */
  private roots(): PortalFolder[] {
    const session = this.ssb.current;
    if (!session) return [];
    const iplos = session.iplos ?? session.frassb;
    const roots: PortalFolder[] = [];
    if (iplos) roots.push(iplos);
    if (session.home && !(iplos && isOnPathTo(session.home, iplos))) roots.push(session.home);
    return roots;
  }

  private rootLabel(folder: PortalFolder): string {
    return folder.id === this.ssb.current?.home?.id
      ? vscode.l10n.t('Home folder')
      : vscode.l10n.t('IPLOS folder at SSB');
  }

  private folderNode(folder: PortalFolder, expanded: boolean, rootLabel?: string): FolderNode {
    const node = new FolderNode(
      folder,
      expanded,
      rootLabel ?? (this.roots().some((root) => root.id === folder.id) ? this.rootLabel(folder) : undefined),
    );
    this.folderNodes.set(folder.id, node);
    return node;
  }

  private async load(folder: PortalFolder): Promise<FolderContents> {
    const cached = this.contents.get(folder.id);
    if (cached) return cached;
    const session = this.ssb.current;
    if (!session) throw new Error(vscode.l10n.t('Not signed in to SSB: sign in again.'));
    const [subfolders, page] = await Promise.all([
      session.portal.subfolders(folder.id),
      session.portal.filesPage(folder.id, 1, PAGE_SIZE),
    ]);
    const contents: FolderContents = {
      subfolders,
      files: [...page.items],
      pagesLoaded: 1,
      totalFiles: page.totalItems,
    };
    this.contents.set(folder.id, contents);
    return contents;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
    this.decorationsChanged.dispose();
  }
}

function isOnPathTo(folder: PortalFolder, target: PortalFolder | undefined): boolean {
  if (!target) return false;
  const path = folder.path.toLowerCase();
  const targetPath = target.path.toLowerCase();
  return targetPath === path || targetPath.startsWith(`${path}/`);
}
