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

export function fileDetailsModel(
  portal: Portal,
  file: PortalFile,
  options: { wrongSha1?: boolean; nullHash?: boolean } = {},
) {
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
    hash: detailsHash(file, options),
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
    // S1: "Null if user has not logged in yet" / "… hasn't changed password yet".
    lastLoginStamp: user.lastLoginStamp || null,
    passwordChangeStamp: user.passwordChangeStamp || null,
    forceChangePassword: user.forceChangePassword,
    homeFolderID: user.homeFolderId,
    defaultFolderID: user.homeFolderId,
    folderQuota: 0,
    totalFileSize: portal.visibleFiles(user.username).reduce((sum, file) => sum + file.size, 0),
    // S1's enums: authMethod MOVEitOnly|ExternalOnly|Both, emailFormat HTML|Text.
    authMethod: 'MOVEitOnly',
    language: 'en',
    emailFormat: 'HTML',
    receivesNotification: 'ReceivesNotifications',
    expirationPolicyID: 0,
    notes: '',
    statusNote: '',
    displaySettings: { userListPageSize: 25, fileListPageSize: 25, liveViewPageSize: 25 },
  };
}

/**
 * PublicOrgModel (GET /info) as S1 defines it: `id` a string; securityNoticeRequired
 * NotRequired|WhenNew|Always; ssoAuthMode Invalid|Optional|Required (S1 has no "None";
 * which value a portal without SSO reports is unverified — "Invalid" is assumed).
 */
/** `notice`: the security notice the users must accept (S1's securityNotice text, required 'Always'). */
export function publicOrgModel(baseURL: string, notice?: { label: string; text: string }) {
  return {
    id: String(ORG_ID),
    name: 'Statistisk sentralbyrå (sandbox)',
    shortName: 'SSB',
    language: 'nb',
    formattingLocale: 'nb-NO',
    securityBanner: '',
    securityNotice: notice?.text ?? '',
    // The sandbox's own field for the notice's title; S1 names only securityNotice (the text).
    securityNoticeLabel: notice?.label ?? '',
    securityNoticeStamp: '',
    securityNoticeRequired: notice ? 'Always' : 'NotRequired',
    securityNoticeAcceptance: '',
    techInfo: '',
    techName: 'SSB',
    techPhone: '',
    techEmail: 'iplos@ssb.no',
    informationLink: '',
    informationLinkName: '',
    contactLink: '',
    contactLinkName: '',
    allowPassChangeRequests: true,
    baseURL,
    mfaTrustDeviceEnabled: false,
    ssoAuthMode: 'Invalid',
  };
}

function detailsHash(file: PortalFile, options: { wrongSha1?: boolean; nullHash?: boolean }): string | null {
  if (options.nullHash) return null;
  return options.wrongSha1 ? '0'.repeat(40) : file.sha1;
}

export function errorModel(status: number, title: string, detail: string) {
  return { errorCode: status, detail, title };
}
