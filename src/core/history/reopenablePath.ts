/**
 * Which paths the feedback viewer may open again after a reload (its serializer gets them
 * from the webview's state, which is not to be trusted further than that): one inside a
 * workspace folder, or one the history knows — an extract it sent, a feedback folder it
 * decrypted into (or a sibling of one). Compared as the platform does (pathComparison.ts),
 * so `c:\data\x.xml` is the history's `C:\Data\x.xml` on Windows and not on Linux.
 */
import * as nodePath from 'node:path';
import { isInsideFolder, samePath, type PathApi } from '../paths/pathComparison';
import type { History } from './submissionHistory';

export function mayReopenPath(
  path: string,
  kind: 'feedback' | 'extract',
  workspaceFolders: readonly string[],
  history: Pick<History, 'submissions' | 'feedback'>,
  api: PathApi = nodePath,
): boolean {
  if (!api.isAbsolute(path)) return false;
  if (workspaceFolders.some((folder) => isInsideFolder(folder, path, api))) return true;
  if (kind === 'extract') return history.submissions.some((record) => samePath(record.extract.path, path, api));
  return history.feedback.some(
    (record) =>
      record.decryptedTo !== undefined &&
      (samePath(record.decryptedTo, path, api) || samePath(api.dirname(record.decryptedTo), api.dirname(path), api)),
  );
}
