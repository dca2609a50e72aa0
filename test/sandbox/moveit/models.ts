/** JSON shapes exactly as the MOVEit Transfer REST API v1 names them (shared/docs/moveit-rest-api.md). */
import type { Portal, PortalFile, PortalFolder, PortalUser } from './portal';
import { ORG_ID } from './portal';

export function simpleFileModel(portal: Portal, file: PortalFile) {
  const folder = portal.folders.get(file.folderId);
  return {
    id: file.id,
    name: file.name,
    path: `${folder?.path ?? ''}/${file.name}`,
    size: file.size,
    uploadStamp: file.uploadStamp,
    uploadUsername: file.uploadUsername,
    folderID: file.folderId,
    isNew: file.isNew,
  };
}

export function fileDetailsModel(portal: Portal, file: PortalFile, options: { wrongSha1?: boolean } = {}) {
  return {
    ...simpleFileModel(portal, file),
    orgID: String(ORG_ID),
    originalFilename: file.originalFilename,
    uploadUserFullName: file.uploadUserFullName,
    uploadComment: file.uploadComment,
    uploadIP: file.uploadIP,
    uploadAgentBrand: file.uploadAgentBrand,
    uploadAgentVersion: file.uploadAgentVersion,
    uploadIntegrity: file.uploadIntegrity,
    hash: options.wrongSha1 ? '0'.repeat(40) : file.sha1,
    downloadCount: file.downloadCount,
    originalFileType: 'Any',
    currentFileType: 'Any',
    dlpChecked: false,
    dlpBlocked: false,
    dlpMetaData: 0,
    dlpViolation: '',
  };
}

export function simpleFolderModel(portal: Portal, folder: PortalFolder) {
  return {
    id: folder.id,
    parentId: folder.parentId,
    name: folder.name,
    path: folder.path,
    lastContentChangeTime: folder.lastContentChangeTime,
    folderType: folder.folderType,
    isShared: false,
    permission: {
      canListSubfolders: true,
      canAddSubfolders: false,
      canChangeSettings: false,
      canDelete: false,
      canListFiles: true,
      canReadFiles: true,
      canWriteFiles: true,
      canDeleteFiles: true,
      canShare: false,
    },
    subfolderCount: portal.subfolders(folder.id).length,
    totalFileCount: portal.filesIn(folder.id).length,
    sharedWithUsersCount: 0,
    sharedWithGroupsCount: 0,
  };
}

export function folderContentItemModel(portal: Portal, item: { folder?: PortalFolder; file?: PortalFile }) {
  if (item.folder) {
    return {
      id: item.folder.id,
      parentId: item.folder.parentId,
      type: 'Folder',
      name: item.folder.name,
      lastUpdateTime: item.folder.lastContentChangeTime,
      path: item.folder.path,
      size: 0,
      folderType: item.folder.folderType,
      isShared: false,
    };
  }
  const file = item.file as PortalFile;
  const folder = portal.folders.get(file.folderId);
  return {
    id: Number(file.id),
    parentId: file.folderId,
    type: 'File',
    name: file.name,
    lastUpdateTime: file.uploadStamp,
    path: `${folder?.path ?? ''}/${file.name}`,
    size: file.size,
    folderType: folder?.folderType ?? 'Normal',
    isShared: false,
  };
}

export function userDetailsModel(portal: Portal, user: PortalUser) {
  return {
    id: user.id,
    orgID: ORG_ID,
    username: user.username,
    fullName: user.fullName,
    email: user.email,
    permission: 'User',
    status: user.status,
    lastLoginStamp: user.lastLoginStamp,
    passwordChangeStamp: user.passwordChangeStamp,
    forceChangePassword: user.forceChangePassword,
    homeFolderID: user.homeFolderId,
    defaultFolderID: user.homeFolderId,
    folderQuota: 0,
    totalFileSize: portal.visibleFiles(user.username).reduce((sum, file) => sum + file.size, 0),
    authMethod: 'MOVEit',
    language: 'en',
    emailFormat: 'HTML',
    displaySettings: { userListPageSize: 25, fileListPageSize: 25, liveViewPageSize: 25 },
  };
}

export function errorModel(status: number, title: string, detail: string) {
  return { errorCode: status, detail, title };
}
