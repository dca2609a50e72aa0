/**
 * Links into SSB's web portal (MOVEit Transfer's classic `human.aspx` pages), as its
 * "New File Notification" e-mails write them: `OrgID` the organisation, `Arg12` the page
 * (`filelist`, `fileview`), `Arg06` the folder id and `Arg07` the file id. The e-mail's
 * links are parsed by SsbPortalClient.resolveNotificationLink; this builds them.
 */

/** The file list of a folder in the portal's web interface; the portal's start page without a folder. */
export function portalFolderUrl(ssbUrl: string, orgId: string, folderId?: number): string {
  const base = ssbUrl.replace(/\/+$/, '');
  if (folderId === undefined) return base;
  return `${base}/human.aspx?OrgID=${encodeURIComponent(orgId)}&Arg12=filelist&Arg06=${folderId}`;
}
