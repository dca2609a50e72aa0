/**
 * Turns an entry name from an untrusted archive into a relative path inside the target
 * folder, or explains why it cannot be one. Both `/` and `\` count as separators, since
 * archives made on Windows use either and Windows resolves both.
 */
import { isAbsolute, join, resolve, sep } from 'node:path';
import { msg } from '../i18n';

export type EntryPathResult = { ok: true; segments: string[] } | { ok: false; reason: string };

const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?$/i;
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHARACTERS = /[\u0000-\u001f<>:"|?*]/;

export function checkEntryName(name: string): EntryPathResult {
  if (name.length === 0) return { ok: false, reason: msg('the entry has an empty name') };
  if (/^[a-zA-Z]:/.test(name)) return { ok: false, reason: msg('the name starts with a drive letter') };
  if (name.startsWith('/') || name.startsWith('\\') || isAbsolute(name))
    return { ok: false, reason: msg('the name is an absolute path') };
  const segments = name.split(/[\\/]+/).filter((segment) => segment.length > 0 && segment !== '.');
  if (segments.length === 0) return { ok: false, reason: msg('the name has no file part') };
  for (const segment of segments) {
    if (segment === '..') return { ok: false, reason: msg('the name climbs out of the folder with ".."') };
    if (FORBIDDEN_CHARACTERS.test(segment))
      return {
        ok: false,
        reason: msg('"{0}" holds a character that is not allowed in file names', printable(segment)),
      };
    const trimmed = segment.replace(/[. ]+$/, '');
    if (trimmed.length === 0) return { ok: false, reason: msg('"{0}" is not a valid file name', segment) };
    if (WINDOWS_DEVICE.test(trimmed))
      return { ok: false, reason: msg('"{0}" is a reserved device name on Windows', segment) };
  }
  return { ok: true, segments };
}

/** The absolute destination, asserted to lie inside `root` (belt and braces after `checkEntryName`). */
export function destinationInside(root: string, segments: readonly string[]): string {
  const absoluteRoot = resolve(root);
  const destination = resolve(join(absoluteRoot, ...segments));
  if (!destination.startsWith(absoluteRoot + sep)) throw new Error(`refusing to write outside ${absoluteRoot}`);
  return destination;
}

function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
