/**
 * Turns an entry name from an untrusted archive into a relative path inside the target
 * folder, or explains why it cannot be one. Both `/` and `\` count as separators, since
 * archives made on Windows use either and Windows resolves both; a name Windows would
 * refuse or change (windowsNames.ts) is refused on every platform.
 */
import * as nodePath from 'node:path';
import { msg } from '../i18n';
import { isInsideFolder, type PathApi } from '../paths/pathComparison';
import { windowsNameProblem } from '../paths/windowsNames';

export type EntryPathResult = { ok: true; segments: string[] } | { ok: false; reason: string };

export function checkEntryName(name: string, api: PathApi = nodePath): EntryPathResult {
  if (name.length === 0) return { ok: false, reason: msg('the entry has an empty name') };
  if (/^[a-zA-Z]:/.test(name)) return { ok: false, reason: msg('the name starts with a drive letter') };
  // `\\server\share`, `\\?\C:\…` and `/x` are absolute on Windows, whichever platform reads the archive.
  if (name.startsWith('/') || name.startsWith('\\') || api.isAbsolute(name))
    return { ok: false, reason: msg('the name is an absolute path') };
  const segments = name.split(/[\\/]+/).filter((segment) => segment.length > 0 && segment !== '.');
  if (segments.length === 0) return { ok: false, reason: msg('the name has no file part') };
  for (const segment of segments) {
    if (segment === '..') return { ok: false, reason: msg('the name climbs out of the folder with ".."') };
    const problem = windowsNameProblem(segment);
    if (problem) return { ok: false, reason: problem };
  }
  return { ok: true, segments };
}

/** The absolute destination, asserted to lie inside `root` (belt and braces after `checkEntryName`). */
export function destinationInside(root: string, segments: readonly string[], api: PathApi = nodePath): string {
  const absoluteRoot = api.resolve(root);
  const destination = api.resolve(api.join(absoluteRoot, ...segments));
  if (!isInsideFolder(absoluteRoot, destination, api)) throw new Error(`refusing to write outside ${absoluteRoot}`);
  return destination;
}
