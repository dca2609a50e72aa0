/**
 * The file portal's data: users, folders and files as MOVEit Transfer models them
 * (shared/docs/moveit-rest-api.md). File contents live on disk in the state folder.
 * Ids are strings for files ("tracking numbers") and numbers for folders, as on MOVEit.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DemoMunicipality } from '../demoData';

export const ORG_ID = 5281;

export interface PortalUser {
  id: string;
  username: string;
  fullName: string;
  email: string;
  password: string;
  homeFolderId: number;
  forceChangePassword: boolean;
  failedLogins: number;
  status: 'Active' | 'Suspended';
  lastLoginStamp: string;
  passwordChangeStamp: string;
}

export interface PortalFolder {
  id: number;
  parentId: number;
  name: string;
  path: string;
  folderType: 'Root' | 'Normal' | 'Virtual' | 'Mailbox';
  /** Users who may list and read it (and its subfolders). */
  members: Set<string>;
  lastContentChangeTime: string;
}

export interface PortalFile {
  id: string;
  folderId: number;
  name: string;
  size: number;
  sha1: string;
  diskPath: string;
  uploadStamp: string;
  uploadUsername: string;
  uploadUserFullName: string;
  uploadComment: string;
  uploadIntegrity: number;
  uploadIP: string;
  uploadAgentBrand: string;
  uploadAgentVersion: string;
  isNew: boolean;
  originalFilename: string;
  downloadCount: number;
}

/** MOVEit shows local (Oslo) time without an offset, e.g. "2026-01-20T10:15:30". */
export function portalTimestamp(date = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Oslo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  })
    .format(date)
    .replace(' ', 'T');
}

export class Portal {
  readonly users = new Map<string, PortalUser>();
  readonly folders = new Map<number, PortalFolder>();
  readonly files = new Map<string, PortalFile>();
  private nextFolderId = 700_000_001;
  private nextFileId = 455_000_001;
  private readonly fileDir: string;

  constructor(stateDir: string) {
    this.fileDir = join(stateDir, 'portal-files');
    mkdirSync(this.fileDir, { recursive: true });
    this.addFolder(0, '', 'Root');
    this.ensurePath('/Home');
    this.ensurePath('/Home/Ekstern/iplos');
  }

  addMunicipalityUser(municipality: DemoMunicipality): PortalUser {
    const home = this.ensurePath(`/Home/${municipality.username}`);
    home.members.add(municipality.username);
    const iplos = this.ensurePath(`/Home/Ekstern/iplos/${municipality.username}`);
    iplos.members.add(municipality.username);
    this.ensurePath(`/Home/Ekstern/iplos/${municipality.username}/frassb`).members.add(municipality.username);
    this.ensurePath(`/Home/Ekstern/iplos/${municipality.username}/tilssb`).members.add(municipality.username);
    const user: PortalUser = {
      id: randomBytes(8)
        .toString('base64url')
        .toLowerCase()
        .replace(/[^a-z0-9]/g, 'x'),
      username: municipality.username,
      fullName: municipality.fullName,
      email: municipality.username,
      password: municipality.password,
      homeFolderId: home.id,
      forceChangePassword: false,
      failedLogins: 0,
      status: 'Active',
      lastLoginStamp: '',
      passwordChangeStamp: portalTimestamp(),
    };
    this.users.set(user.username.toLowerCase(), user);
    return user;
  }

  user(username: string): PortalUser | undefined {
    return this.users.get(username.toLowerCase());
  }

  folderByPath(path: string): PortalFolder | undefined {
    const wanted = normalisePath(path).toLowerCase();
    return [...this.folders.values()].find((folder) => folder.path.toLowerCase() === wanted);
  }

  /** A user sees a folder when they are a member of it or of one of its ancestors. */
  canSee(username: string, folder: PortalFolder): boolean {
    for (
      let current: PortalFolder | undefined = folder;
      current;
      current = current.parentId ? this.folders.get(current.parentId) : undefined
    ) {
      if (current.members.has(username)) return true;
      if (current.id === current.parentId) break;
    }
    return false;
  }

  visibleFolders(username: string): PortalFolder[] {
    return [...this.folders.values()].filter((folder) => this.canSee(username, folder));
  }

  visibleFiles(username: string): PortalFile[] {
    return [...this.files.values()].filter((file) => {
      const folder = this.folders.get(file.folderId);
      return folder !== undefined && this.canSee(username, folder);
    });
  }

  subfolders(folderId: number): PortalFolder[] {
    return [...this.folders.values()].filter((folder) => folder.parentId === folderId && folder.id !== folderId);
  }

  filesIn(folderId: number): PortalFile[] {
    return [...this.files.values()].filter((file) => file.folderId === folderId);
  }

  /** Where uploads are written while they arrive (the same disk as the stored files, so a rename moves them). */
  get uploadFolder(): string {
    return this.fileDir;
  }

  /** Stores a file as an upload by `uploader` (SSB publishes feedback this way). */
  async addFile(
    folderId: number,
    name: string,
    content: Buffer,
    uploader: { username: string; fullName: string; comment?: string; ip?: string },
  ): Promise<PortalFile> {
    const diskPath = join(this.fileDir, `incoming-${randomUUID()}`);
    await writeFile(diskPath, content);
    const sha1 = createHash('sha1').update(content).digest('hex');
    return this.addStoredFile(folderId, name, { diskPath, size: content.length, sha1 }, uploader);
  }

  /** Stores a file already on disk (moved into the portal's folder), e.g. a streamed upload or a large bench file. */
  async addStoredFile(
    folderId: number,
    name: string,
    stored: { diskPath: string; size: number; sha1: string },
    uploader: { username: string; fullName: string; comment?: string; ip?: string },
  ): Promise<PortalFile> {
    const folder = this.folders.get(folderId);
    if (!folder) throw new Error(`no folder ${folderId}`);
    const id = String(this.nextFileId++);
    const diskPath = join(this.fileDir, `${id}-${randomUUID()}`);
    await rename(stored.diskPath, diskPath);
    const file: PortalFile = {
      id,
      folderId,
      name,
      size: stored.size,
      sha1: stored.sha1,
      diskPath,
      uploadStamp: portalTimestamp(),
      uploadUsername: uploader.username,
      uploadUserFullName: uploader.fullName,
      uploadComment: uploader.comment ?? '',
      uploadIntegrity: 1,
      uploadIP: uploader.ip ?? '127.0.0.1',
      uploadAgentBrand: 'IPLOS sandbox',
      uploadAgentVersion: '1.0',
      isNew: true,
      originalFilename: name,
      downloadCount: 0,
    };
    this.files.set(id, file);
    folder.lastContentChangeTime = file.uploadStamp;
    return file;
  }

  async deleteFile(id: string): Promise<boolean> {
    const file = this.files.get(id);
    if (!file) return false;
    this.files.delete(id);
    await rm(file.diskPath, { force: true });
    return true;
  }

  private ensurePath(path: string): PortalFolder {
    const existing = this.folderByPath(path);
    if (existing) return existing;
    const parts = normalisePath(path).split('/').filter(Boolean);
    let parent = this.folderByPath('/') as PortalFolder;
    for (const [index, name] of parts.entries()) {
      const childPath = `/${parts.slice(0, index + 1).join('/')}`;
      parent = this.folderByPath(childPath) ?? this.addFolder(parent.id, name, 'Normal', childPath);
    }
    return parent;
  }

  private addFolder(parentId: number, name: string, folderType: PortalFolder['folderType'], path = '/'): PortalFolder {
    const id = this.nextFolderId++;
    const folder: PortalFolder = {
      id,
      parentId: parentId === 0 ? 0 : parentId,
      name,
      path,
      folderType,
      members: new Set(),
      lastContentChangeTime: portalTimestamp(),
    };
    this.folders.set(id, folder);
    return folder;
  }
}

function normalisePath(path: string): string {
  const trimmed = path.replace(/\\/g, '/').replace(/\/+$/, '');
  return trimmed.startsWith('/') ? trimmed || '/' : `/${trimmed}`;
}
