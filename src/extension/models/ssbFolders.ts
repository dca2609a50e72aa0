/**
 * What the signed-in user sees of SSB's file portal: the root folders (SSB's IPLOS folder
 * for the municipality, holding frassb, and the home folder), each folder's subfolders and
 * files — loaded lazily and kept until a refresh, files a page at a time — and the number
 * of new files. It does the portal I/O and fires changes; the SSB folders view renders it.
 */
import * as vscode from 'vscode';
import type { PortalFile, PortalFolder } from '../../core/ssb/portalClient';
import { UserFacingError } from '../errors';
import type { SsbSession } from '../services/ssbSession';
import { t } from '../localize';

export const FILES_PAGE_SIZE = 50;

export interface FolderContents {
  subfolders: PortalFolder[];
  files: PortalFile[];
  pagesLoaded: number;
  totalFiles: number;
}

export class SsbFolders implements vscode.Disposable {
  private readonly contents = new Map<number, FolderContents>();
  private readonly folders = new Map<number, PortalFolder>();
  private newFiles = 0;
  private readonly changed = new vscode.EventEmitter<PortalFolder | undefined>();
  /** A folder's contents changed (or, with undefined, everything: sign-in, sign-out, refresh). */
  readonly onDidChange = this.changed.event;
  private readonly newCountChanged = new vscode.EventEmitter<number>();
  readonly onDidChangeNewCount = this.newCountChanged.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly ssb: SsbSession) {
    this.subscriptions = [
      ssb.onDidChange((session) => {
        if (!session) this.setNewCount(0);
        this.refresh();
      }),
    ];
  }

  get signedIn(): boolean {
    return this.ssb.current !== undefined;
  }

  /** The number of new (not yet downloaded) files, as the poller last found it. */
  get newCount(): number {
    return this.newFiles;
  }

  setNewCount(count: number): void {
    if (count === this.newFiles) return;
    this.newFiles = count;
    this.newCountChanged.fire(count);
  }

  /** SSB's folder for the municipality first, then the home folder; one of them when the other contains it or is missing. */
  roots(): PortalFolder[] {
    const session = this.ssb.current;
    if (!session) return [];
    const iplos = session.iplos ?? session.frassb;
    const roots: PortalFolder[] = [];
    if (iplos) roots.push(iplos);
    if (session.home && !(iplos && isOnPathTo(session.home, iplos))) roots.push(session.home);
    for (const root of roots) this.folders.set(root.id, root);
    return roots;
  }

  isHome(folder: PortalFolder): boolean {
    return folder.id === this.ssb.current?.home?.id;
  }

  /** Whether a folder lies on the way to the feedback folder (frassb), so the view opens it. */
  leadsToFeedback(folder: PortalFolder): boolean {
    return isOnPathTo(folder, this.ssb.current?.frassb);
  }

  /** A folder's contents: its subfolders and the first page of files, loaded once. */
  async load(folder: PortalFolder): Promise<FolderContents> {
    const cached = this.contents.get(folder.id);
    if (cached) return cached;
    const session = this.ssb.current;
    if (!session) throw new UserFacingError(t('Not signed in to SSB.'), t('Sign in to SSB again.'));
    const [subfolders, page] = await Promise.all([
      session.portal.subfolders(folder.id),
      session.portal.filesPage(folder.id, 1, FILES_PAGE_SIZE),
    ]);
    for (const subfolder of subfolders) this.folders.set(subfolder.id, subfolder);
    const contents: FolderContents = {
      subfolders,
      files: [...page.items],
      pagesLoaded: 1,
      totalFiles: page.totalItems,
    };
    this.contents.set(folder.id, contents);
    return contents;
  }

  /** The next page of a folder's files (the view's "More…" row). */
  async loadMore(folder: PortalFolder, page: number): Promise<void> {
    const session = this.ssb.current;
    const contents = this.contents.get(folder.id);
    if (!session || !contents) return;
    const next = await session.portal.filesPage(folder.id, page, FILES_PAGE_SIZE);
    contents.files.push(...next.items.filter((file) => !contents.files.some((known) => known.id === file.id)));
    contents.pagesLoaded = page;
    contents.totalFiles = next.totalItems;
    this.changed.fire(folder);
  }

  /** The folder a file lies in, loaded, with the file among its contents (to reveal it). */
  async folderOf(file: PortalFile): Promise<PortalFolder | undefined> {
    const session = this.ssb.current;
    if (!session) return undefined;
    const folder = this.folders.get(file.folderID) ?? (await session.portal.folder(file.folderID));
    this.folders.set(folder.id, folder);
    const contents = await this.load(folder);
    if (!contents.files.some((known) => known.id === file.id)) contents.files.unshift(file);
    return folder;
  }

  /** A folder's parent (for the view's getParent), or undefined at a root. */
  async parentOf(folder: PortalFolder): Promise<PortalFolder | undefined> {
    const session = this.ssb.current;
    if (!session || !folder.parentId || this.roots().some((root) => root.id === folder.id)) return undefined;
    const parent = this.folders.get(folder.parentId) ?? (await session.portal.folder(folder.parentId));
    this.folders.set(parent.id, parent);
    return parent;
  }

  /** A file changed on the portal (downloaded → read, marked unread). */
  fileChanged(file: PortalFile): void {
    for (const contents of this.contents.values()) {
      const index = contents.files.findIndex((known) => known.id === file.id);
      if (index >= 0) contents.files[index] = file;
    }
    this.changed.fire(this.folders.get(file.folderID));
  }

  refresh(): void {
    this.contents.clear();
    this.folders.clear();
    this.changed.fire(undefined);
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
    this.newCountChanged.dispose();
  }
}

function isOnPathTo(folder: PortalFolder, target: PortalFolder | undefined): boolean {
  if (!target) return false;
  const path = folder.path.toLowerCase();
  const targetPath = target.path.toLowerCase();
  return targetPath === path || targetPath.startsWith(`${path}/`);
}
