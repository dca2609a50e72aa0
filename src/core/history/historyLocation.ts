/**
 * The history file (`history.jsonl`) from the `historyLocation` setting: a folder, often on
 * a network share so that colleagues see one history (`\\server\share\IPLOS`), else the
 * caller's default folder. A relative folder is taken from `base` (the CLI: the
 * configuration file's folder; the extension: the user's home folder — an extension host's
 * working directory is no place anyone chose). A Windows drive without a folder (`H:`,
 * `H:iplos`) would be relative to that drive's current directory, which changes with the
 * process; it is read as the drive's root (`H:\`, `H:\iplos`). A long-path prefix (`\\?\…`)
 * is kept: Windows resolves it, and Node passes it through.
 */
import * as nodePath from 'node:path';
import type { PathApi } from '../paths/pathComparison';

export const HISTORY_FILE_NAME = 'history.jsonl';

export function historyFilePath(
  location: string | undefined,
  defaultFolder: string,
  base: string,
  api: PathApi = nodePath,
): string {
  let folder = (location ?? '').trim();
  if (folder === '') return api.join(defaultFolder, HISTORY_FILE_NAME);
  if (api.sep === '\\' && /^[a-zA-Z]:(?![\\/])/.test(folder)) folder = `${folder.slice(0, 2)}\\${folder.slice(2)}`;
  return api.join(api.resolve(base, folder), HISTORY_FILE_NAME);
}
