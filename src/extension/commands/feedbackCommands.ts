/**
 * "IPLOS: Download feedback": one or several files from SSB's portal → verified download
 * → decrypted with the feedback key → into the workspace's feedback folder
 * (`IPLOS/<year>/tilbakemelding`) → opened. Files come from the SSB view (multi-select),
 * the "new feedback" notification, or a pick list of the frassb folder.
 */
import { join } from 'node:path';
import * as vscode from 'vscode';
import { isArchiveError } from '../../core/archive';
import { feedbackFolderPath } from '../../core/config/feedbackFolder';
import { defaultReportingYear, type MunicipalityProfile } from '../../core/config/settings';
import {
  downloadFeedback,
  parseFeedbackName,
  TEST_FEEDBACK_KEY,
  type DownloadedFeedback,
} from '../../core/ssb/feedbackDownload';
import type { PortalFile } from '../../core/ssb/portalClient';
import { readSettings } from '../configuration';
import { UserCancelled, UserFacingError, reportError } from '../errors';
import { withCancellableProgress } from '../progress';
import type { Services } from '../services';
import { FileNode } from '../views/ssbView';
import { requireTrust } from './trust';

export async function downloadFeedbackCommand(
  services: Services,
  node?: FileNode | PortalFile,
  selection?: readonly (FileNode | PortalFile)[],
): Promise<DownloadedFeedback[]> {
  const what = vscode.l10n.t('Downloading feedback');
  try {
    requireTrust();
    const session = await services.ssb.ensure();
    const chosen = filesFrom(node, selection) ?? (await pickFeedbackFiles(services));
    if (!chosen || chosen.length === 0) return [];
    const workspace = workspaceFolder();
    const results: DownloadedFeedback[] = [];
    await withCancellableProgress(vscode.l10n.t('Downloading feedback from SSB'), async (progress, signal) => {
      for (const [index, file] of chosen.entries()) {
        const year = parseFeedbackName(file.name)?.year ?? defaultReportingYear();
        const target = join(workspace.uri.fsPath, feedbackFolderPath(readSettings().feedbackFolder, year));
        const key = await feedbackKey(services, session.profile, file.name);
        const label = chosen.length > 1 ? `${file.name} (${index + 1}/${chosen.length})` : file.name;
        services.log.info(`Downloading ${file.name} (${file.id}, ${file.size} bytes) into ${target}`);
        const result = await downloadWithKeyRetry(services, session.profile, file, key, (attemptKey) =>
          downloadFeedback(session.portal, file.id, target, attemptKey, services.history.store, {
            signal,
            onProgress: ({ phase, bytesDone, bytesTotal }) =>
              progress.bytes({
                step:
                  phase === 'downloading'
                    ? vscode.l10n.t('Downloading {0}', label)
                    : vscode.l10n.t('Decrypting {0}', label),
                bytesDone,
                bytesTotal,
              }),
          }),
        );
        services.log.info(`Verified and decrypted ${file.name} into ${result.folder}: ${result.files.join(', ')}`);
        results.push(result);
        services.ssbView.fileChanged({ ...file, isNew: false });
      }
    });
    services.history.refresh();
    void services.poller.poll();
    const last = results.at(-1);
    if (last) {
      await vscode.commands
        .executeCommand('revealInExplorer', vscode.Uri.file(last.folder))
        .then(undefined, () => undefined);
      await openFeedbackFolder(services, last.folder);
      void vscode.window.showInformationMessage(
        results.length === 1
          ? vscode.l10n.t(
              'Feedback {0} is decrypted into {1}.',
              chosen[0]?.name ?? '',
              vscode.workspace.asRelativePath(last.folder),
            )
          : vscode.l10n.t('{0} feedback files are decrypted.', results.length),
      );
    }
    return results;
  } catch (error) {
    services.history.refresh();
    await reportError(services.log, what, error);
    return [];
  }
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
      reason: vscode.l10n.t('The key did not open {0}.', file.name),
    });
    if (retry === undefined) throw error;
    return attempt(retry);
  }
}

/** Test feedback uses SSB's documented test key unless the user stored another; production needs the municipality's. */
async function feedbackKey(services: Services, profile: MunicipalityProfile, fileName: string): Promise<string> {
  const stored = await services.secrets.get(profile, 'feedbackKey');
  if (parseFeedbackName(fileName)?.environment === 'test') return stored ?? TEST_FEEDBACK_KEY;
  const key =
    stored ??
    (await services.secrets.ask(profile, 'feedbackKey', {
      reason: vscode.l10n.t("Production feedback has the municipality's own key."),
    }));
  if (key === undefined) throw new UserCancelled();
  return key;
}

function filesFrom(
  node: FileNode | PortalFile | undefined,
  selection: readonly (FileNode | PortalFile)[] | undefined,
): PortalFile[] | undefined {
  const items = selection && selection.length > 0 ? selection : node ? [node] : [];
  const files = items
    .map((item) => (item instanceof FileNode ? item.file : item))
    .filter(
      (file): file is PortalFile =>
        typeof file === 'object' && file !== null && typeof (file as PortalFile).id === 'string',
    );
  return files.length > 0 ? files : undefined;
}

async function pickFeedbackFiles(services: Services): Promise<PortalFile[] | undefined> {
  const session = await services.ssb.ensure();
  if (!session.frassb)
    throw new UserFacingError(
      vscode.l10n.t("SSB's portal shows no feedback folder (frassb) for {0}.", session.profile.ssbUsername ?? ''),
      vscode.l10n.t(
        'Check the SSB user name in the settings; if it is right, ask SSB (iplos@ssb.no) to give the user its IPLOS folder.',
      ),
      true,
    );
  const files = await session.portal.files(session.frassb.id);
  if (files.length === 0) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        "There is no feedback in {0} yet. SSB's processing can take a while; you will be told when it arrives.",
        session.frassb.path,
      ),
    );
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    files.map((file) => ({
      label: `${file.isNew ? '$(circle-filled) ' : ''}${file.name}`,
      description: file.isNew ? vscode.l10n.t('new') : '',
      detail: `${file.uploadStamp.replace('T', ' ')} · ${file.uploadUsername}`,
      file,
      picked: file.isNew,
    })),
    {
      title: vscode.l10n.t('Download feedback'),
      placeHolder: vscode.l10n.t('Files in {0}', session.frassb.path),
      canPickMany: true,
    },
  );
  return picked?.map((item) => item.file);
}

function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder)
    throw new UserFacingError(
      vscode.l10n.t('No folder is open.'),
      vscode.l10n.t('Open a folder first: feedback is decrypted into the workspace (your secure zone).'),
    );
  return folder;
}

/** Opens decrypted feedback in the feedback viewer (error list, control tables, a tab per file). */
export async function openFeedbackFolder(services: Services, folder: string): Promise<vscode.WebviewPanel> {
  return services.feedbackPanels.show(folder);
}

export async function markReadCommand(
  services: Services,
  read: boolean,
  node?: FileNode,
  selection?: readonly FileNode[],
): Promise<void> {
  try {
    const session = await services.ssb.ensure();
    const files = filesFrom(node, selection) ?? (await pickFeedbackFiles(services));
    for (const file of files ?? []) {
      await session.portal.markRead(file.id, read);
      services.ssbView.fileChanged({ ...file, isNew: !read });
    }
    void services.poller.poll();
  } catch (error) {
    await reportError(
      services.log,
      read ? vscode.l10n.t('Marking as read') : vscode.l10n.t('Marking as unread'),
      error,
    );
  }
}

/** Opens the file's folder in SSB's web portal (the classic `human.aspx` file list). */
export async function openInPortalCommand(services: Services, node?: FileNode): Promise<void> {
  const settings = readSettings();
  const folderId = node?.file.folderID ?? services.ssb.current?.frassb?.id;
  const base = settings.endpoints.ssbUrl.replace(/\/+$/, '');
  const url = folderId
    ? `${base}/human.aspx?OrgID=${encodeURIComponent(settings.endpoints.ssbOrgId)}&Arg12=filelist&Arg06=${folderId}`
    : base;
  await vscode.env.openExternal(vscode.Uri.parse(url));
}

/** A link from SSB's "New File Notification" e-mail → the file, shown in the SSB view. */
export async function revealNotificationLinkCommand(
  services: Services,
  link?: string,
): Promise<PortalFile | undefined> {
  try {
    const text =
      typeof link === 'string'
        ? link
        : await vscode.window.showInputBox({
            title: vscode.l10n.t('Link from the SSB e-mail'),
            prompt: vscode.l10n.t('Paste the link from SSB\'s "New File Notification" e-mail'),
            placeHolder: 'https://filsluse.ssb.no/human.aspx?…Arg06=…',
            value: (await vscode.env.clipboard.readText()).includes('human.aspx')
              ? await vscode.env.clipboard.readText()
              : '',
            ignoreFocusOut: true,
          });
    if (!text) return undefined;
    const session = await services.ssb.ensure();
    const details = await session.portal.resolveNotificationLink(text);
    services.log.info(`Notification link → ${details.name} (${details.id}) in folder ${details.folderID}`);
    const shown = await services.ssbView.revealFile(details);
    const download = vscode.l10n.t('Download');
    void vscode.window
      .showInformationMessage(
        shown
          ? vscode.l10n.t('The link is {0}.', details.name)
          : vscode.l10n.t('The link is {0} (not listed in the view).', details.name),
        download,
      )
      .then((choice) => {
        if (choice === download) void downloadFeedbackCommand(services, details);
      });
    return details;
  } catch (error) {
    await reportError(services.log, vscode.l10n.t('Opening the link'), error);
    return undefined;
  }
}
