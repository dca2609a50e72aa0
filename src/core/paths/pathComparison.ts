/**
 * Comparing and guarding paths with the semantics of the platform they are on. Officers work
 * on Windows, often on a network share, where `C:\Data`, `c:/data` and `\\?\C:\Data` are one
 * folder, `\\server\share\…` is a path like any other, and names differ only in case
 * (NTFS and SMB shares are case-insensitive by default; a folder made case-sensitive with
 * `fsutil` is the rare exception this accepts). Each function takes the `path` API to use —
 * `path.win32` or `path.posix`, the running platform's by default — so that the Windows
 * cases are unit-tested on Linux (test/unit/paths).
 */
import * as nodePath from 'node:path';

export type PathApi = nodePath.PlatformPath;

/**
 * One spelling per file, for comparing and as a map key: resolved (relative to the working
 * directory), normalised, without a trailing separator; on Windows also without the long-path
 * prefix (`\\?\C:\…` → `C:\…`, `\\?\UNC\server\share` → `\\server\share`) and in lower case.
 */
export function pathKey(path: string, api: PathApi = nodePath): string {
  if (!isWindows(api)) return trimTrailingSeparator(api.resolve(path), api);
  return trimTrailingSeparator(api.resolve(withoutLongPathPrefix(path)), api).toLowerCase();
}

/** Whether two paths name the same file (by their spelling; links are not followed). */
export function samePath(a: string, b: string, api: PathApi = nodePath): boolean {
  return pathKey(a, api) === pathKey(b, api);
}

/**
 * Whether `candidate` lies strictly inside `folder` (not the folder itself). A drive root
 * (`C:\`) or `/` holds everything on it; another drive or share is never inside. A name that
 * merely starts with two dots (`..data`) is inside.
 */
export function isInsideFolder(folder: string, candidate: string, api: PathApi = nodePath): boolean {
  const inside = api.relative(pathKey(folder, api), pathKey(candidate, api));
  if (inside === '' || api.isAbsolute(inside)) return false;
  return inside !== '..' && !inside.startsWith(`..${api.sep}`);
}

/** The folders from `folder` up to, not including, `root` (deepest first); empty when `folder` is not inside `root`. */
export function foldersBetween(root: string, folder: string, api: PathApi = nodePath): string[] {
  const folders: string[] = [];
  for (let current = folder; isInsideFolder(root, current, api); current = api.dirname(current)) {
    folders.push(current);
    if (api.dirname(current) === current) break;
  }
  return folders;
}

/** `\\?\C:\x` → `C:\x`, `\\?\UNC\server\share\x` → `\\server\share\x`; `\\.\` device paths stay as they are. */
export function withoutLongPathPrefix(path: string): string {
  if (/^[\\/]{2}\?[\\/]UNC[\\/]/i.test(path)) return `\\\\${path.slice(8)}`;
  if (/^[\\/]{2}\?[\\/]/.test(path)) return path.slice(4);
  return path;
}

function isWindows(api: PathApi): boolean {
  return api.sep === '\\';
}

function trimTrailingSeparator(path: string, api: PathApi): string {
  const root = api.parse(path).root;
  let end = path.length;
  while (end > root.length && (path[end - 1] === api.sep || path[end - 1] === '/')) end--;
  return path.slice(0, end);
}
