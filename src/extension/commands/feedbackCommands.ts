/**
 * "IPLOS: Download feedback": one or several files from SSB's portal → verified download
 * → decrypted with the feedback key → into the workspace's feedback folder
 * (`IPLOS/<year>/tilbakemelding`) → opened. Files come from the SSB view (multi-select),
 * the "new feedback" notification, or a pick list of the frassb folder. Also the SSB
 * view's other actions: refresh, more files, mark read/unread, open in the portal, and the
 * link from SSB's e-mail.
 */
import * as vscode from 'vscode';
import { isArchiveError } from '../../core/archive';
import { feedbackFolderIn } from '../../core/config/feedbackFolder';
import { defaultReportingYear, type MunicipalityProfile } from '../../core/config/settings';
import {
  downloadFeedback,
  feedbackKeyFor,
  parseFeedbackName,
  type DownloadedFeedback,
} from '../../core/ssb/feedbackDownload';
import type { PortalFile } from '../../core/ssb/portalClient';
import { portalFolderUrl } from '../../core/ssb/portalLinks';
import { UserCancelled, UserFacingError } from '../errors';
import { withCancellableProgress } from '../progress';
import type { Services, Views } from '../services/container';
import { FileNode, MoreNode } from '../views/ssbView';
import { aString, instanceOf, optionalArg } from './arguments';
import { command, type CommandSpec } from './registry';
import { requireTrust } from './trust';
import { t } from '../localize';

export function feedbackCommands(services: Services, views: Views): CommandSpec[] {
  return [
    command({
      id: 'iplos.downloadFeedback',
      action: () => t('Downloading feedback'),
      args: (raw) => portalFilesArg(raw[0], raw[1]),
      run: (files) => downloadFeedbackFiles(services, files),
      failed: [] as DownloadedFeedback[],
    }),
    command({
      id: 'iplos.ssb.refresh',
      action: () => t('Refreshing the SSB folders'),
      run: () => {
        services.ssbFolders.refresh();
        return services.poller.poll();
      },
    }),
    command({
      id: 'iplos.ssb.loadMore',
      action: () => t('Listing more files'),
      args: (raw) => optionalArg(raw[0], t('a "More…" row'), instanceOf(MoreNode)),
      run: async (node) => {
        if (node) await services.ssbFolders.loadMore(node.parent.folder, node.nextPage);
      },
    }),
    command({
      id: 'iplos.ssb.markRead',
      action: () => t('Marking as read'),
      args: (raw) => portalFilesArg(raw[0], raw[1]),
      run: (files) => markRead(services, true, files),
    }),
    command({
      id: 'iplos.ssb.markUnread',
      action: () => t('Marking as unread'),
      args: (raw) => portalFilesArg(raw[0], raw[1]),
      run: (files) => markRead(services, false, files),
    }),
    command({
      id: 'iplos.ssb.openInPortal',
      action: () => t("Opening SSB's portal"),
      args: (raw) => portalFilesArg(raw[0], undefined)?.[0],
      run: (file) => openInPortal(services, file),
    }),
    command({
      id: 'iplos.ssb.revealLink',
      action: () => t('Opening the link'),
      args: (raw) => optionalArg(raw[0], t('a link'), aString),
      run: (link) => revealNotificationLink(services, views, link),
    }),
  ];
}

/** The poller found new feedback: say so, with Download and Show. */
export async function announceNewFeedback(services: Services, views: Views, files: PortalFile[]): Promise<void> {
  const download = t('Download');
  const show = t('Show');
  const message =
    files.length === 1
      ? t('New feedback from SSB: {0}', files[0]?.name ?? '')
      : t('New feedback from SSB: {0} files', files.length);
  const choice = await vscode.window.showInformationMessage(message, download, show);
  if (choice === download) await vscode.commands.executeCommand('iplos.downloadFeedback', files[0], files);
  if (choice === show && files[0]) await views.ssb.revealFile(files[0]);
}

/** A file row (and the selection), or portal files as the notification passes them. */
function portalFilesArg(first: unknown, selection: unknown): PortalFile[] | undefined {
  const asFile = (value: unknown): PortalFile | undefined => {
    if (value instanceof FileNode) return value.file;
    return isPortalFile(value) ? value : undefined;
  };
  const expected = t("a file on SSB's portal");
  const many = Array.isArray(selection) && selection.length > 0 ? selection : [first];
  const files = many.map((item) => optionalArg(item, expected, asFile)).filter((file) => file !== undefined);
  return files.length > 0 ? files : undefined;
}

function isPortalFile(value: unknown): value is PortalFile {
  const file = value as PortalFile | undefined;
  return typeof file === 'object' && file !== null && typeof file.id === 'string' && typeof file.name === 'string';
}

async function downloadFeedbackFiles(
  services: Services,
  given: PortalFile[] | undefined,
): Promise<DownloadedFeedback[]> {
  requireTrust();
  const session = await services.ssb.ensure();
  const chosen = given ?? (await pickFeedbackFiles(services));
  if (!chosen || chosen.length === 0) return [];
  const workspace = workspaceFolder();
  const results: DownloadedFeedback[] = [];
  try {
    await withCancellableProgress(t('Downloading feedback from SSB'), async (progress, signal) => {
      for (const [index, file] of chosen.entries()) {
        const year = parseFeedbackName(file.name)?.year ?? defaultReportingYear();
        const target = feedbackFolderIn(workspace.uri.fsPath, services.configuration.settings.feedbackFolder, year);
        const key = await feedbackKey(services, session.profile, file.name);
        const label = chosen.length > 1 ? `${file.name} (${index + 1}/${chosen.length})` : file.name;
        services.log.info(`Downloading ${file.name} (${file.id}, ${file.size} bytes) into ${target}`);
        const result = await downloadWithKeyRetry(services, session.profile, file, key, (attemptKey) =>
          downloadFeedback(session.portal, file.id, target, attemptKey, services.history.store, {
            signal,
            onProgress: ({ phase, bytesDone, bytesTotal }) =>
              progress.bytes({
                step: phase === 'downloading' ? t('Downloading {0}', label) : t('Decrypting {0}', label),
                bytesDone,
                bytesTotal,
              }),
          }),
        );
        services.log.info(`Verified and decrypted ${file.name} into ${result.folder}: ${result.files.join(', ')}`);
        results.push(result);
        services.ssbFolders.fileChanged({ ...file, isNew: false });
      }
    });
  } finally {
    // Also after a failure: what did complete is in the history.
    services.history.refresh();
  }
  void services.poller.poll();
  const last = results.at(-1);
  if (last) {
    await vscode.commands
      .executeCommand('revealInExplorer', vscode.Uri.file(last.folder))
      .then(undefined, () => undefined);
    services.feedbackPanels.show(last.folder);
    void vscode.window.showInformationMessage(
      results.length === 1
        ? t('Feedback {0} is decrypted into {1}.', chosen[0]?.name ?? '', vscode.workspace.asRelativePath(last.folder))
        : t('{0} feedback files are decrypted.', results.length),
    );
  }
  return results;
}

/** A wrong key: ask once for the right one (and keep it); the verified zip is already kept. */
async function downloadWithKeyRetry(
  services: Services,
  profile: MunicipalityProfile,
  file: PortalFile,
  key: string,
  attempt: (key: string) => Promise<DownloadedFeedback>,
): Promise<DownloadedFeedback> {
  try {
    return await attempt(key);
  } catch (error) {
    if (!isArchiveError(error, 'WRONG_KEY')) throw error;
    services.log.warn(`The feedback key did not open ${file.name}`);
    const retry = await services.secrets.ask(profile, 'feedbackKey', {
      reason: t('The key did not open {0}.', file.name),
    });
    if (retry === undefined) throw error;
    return attempt(retry);
  }
}

/** The stored key, or the core's rule for test feedback; production asks for the municipality's own. */
async function feedbackKey(services: Services, profile: MunicipalityProfile, fileName: string): Promise<string> {
  const key =
    feedbackKeyFor(fileName, await services.secrets.get(profile, 'feedbackKey')) ??
    (await services.secrets.ask(profile, 'feedbackKey', {
      reason: t("Production feedback has the municipality's own key."),
    }));
  if (key === undefined) throw new UserCancelled();
  return key;
}

async function pickFeedbackFiles(services: Services): Promise<PortalFile[] | undefined> {
  const session = await services.ssb.ensure();
  if (!session.frassb)
    throw new UserFacingError(
      t("SSB's portal shows no feedback folder (frassb) for {0}.", session.profile.ssbUsername ?? ''),
      t(
        'Check the SSB user name in the settings; if it is right, ask SSB (iplos@ssb.no) to give the user its IPLOS folder.',
      ),
      true,
    );
  const files = await session.portal.files(session.frassb.id);
  if (files.length === 0) {
    void vscode.window.showInformationMessage(
      t(
        "There is no feedback in {0} yet. SSB's processing can take a while; you will be told when it arrives.",
        session.frassb.path,
      ),
    );
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    files.map((file) => ({
      label: `${file.isNew ? '$(circle-filled) ' : ''}${file.name}`,
      description: file.isNew ? t('new') : '',
      detail: `${file.uploadStamp.replace('T', ' ')} · ${file.uploadUsername}`,
      file,
      picked: file.isNew,
    })),
    {
      title: t('Download feedback'),
      placeHolder: t('Files in {0}', session.frassb.path),
      canPickMany: true,
    },
  );
  return picked?.map((item) => item.file);
}

function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder)
    throw new UserFacingError(
      t('No folder is open.'),
      t('Open a folder first: feedback is decrypted into the workspace (your secure zone).'),
    );
  return folder;
}

async function markRead(services: Services, read: boolean, given: PortalFile[] | undefined): Promise<void> {
  const session = await services.ssb.ensure();
  const files = given ?? (await pickFeedbackFiles(services));
  for (const file of files ?? []) {
    await session.portal.markRead(file.id, read);
    services.ssbFolders.fileChanged({ ...file, isNew: !read });
  }
  void services.poller.poll();
}

/** Opens the file's folder (else the feedback folder) in SSB's web portal. */
async function openInPortal(services: Services, file: PortalFile | undefined): Promise<void> {
  const { endpoints } = services.configuration.settings;
  const folderId = file?.folderID ?? services.ssb.current?.frassb?.id;
  await vscode.env.openExternal(vscode.Uri.parse(portalFolderUrl(endpoints.ssbUrl, endpoints.ssbOrgId, folderId)));
}

/** A link from SSB's "New File Notification" e-mail → the file, shown in the SSB view. */
async function revealNotificationLink(
  services: Services,
  views: Views,
  link: string | undefined,
): Promise<PortalFile | undefined> {
  const text = link ?? (await askForLink());
  if (!text) return undefined;
  const session = await services.ssb.ensure();
  const details = await session.portal.resolveNotificationLink(text);
  services.log.info(`Notification link → ${details.name} (${details.id}) in folder ${details.folderID}`);
  const shown = await views.ssb.revealFile(details);
  const download = t('Download');
  void vscode.window
    .showInformationMessage(
      shown ? t('The link is {0}.', details.name) : t('The link is {0} (not listed in the view).', details.name),
      download,
    )
    .then((choice) => {
      if (choice === download) void vscode.commands.executeCommand('iplos.downloadFeedback', details);
    });
  return details;
}

async function askForLink(): Promise<string | undefined> {
  const clipboard = await vscode.env.clipboard.readText();
  return vscode.window.showInputBox({
    title: t('Link from the SSB e-mail'),
    prompt: t('Paste the link from SSB\'s "New File Notification" e-mail'),
    placeHolder: 'https://filsluse.ssb.no/human.aspx?…Arg06=…',
    value: clipboard.includes('human.aspx') ? clipboard : '',
    ignoreFocusOut: true,
  });
}
