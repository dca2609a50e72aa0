/**
 * What Windows does not allow in one file or folder name, whatever system makes the name: a
 * feedback folder or an archive entry named here is opened on an officer's Windows PC or a
 * share it mounts. Source: Microsoft, "Naming Files, Paths, and Namespaces"
 * (learn.microsoft.com/windows/win32/fileio/naming-a-file): the reserved device names CON,
 * PRN, AUX, NUL, COM0–9, LPT0–9 (and the superscript digits ¹²³), also with an extension
 * (`NUL.txt`, and `NUL .txt`: spaces before the dot are ignored); the characters
 * < > : " / \ | ? * and 0–31; and a name ending in a dot or a space, which Windows strips —
 * so `Data.` would silently be `Data`.
 */
import { msg } from '../i18n';

const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$) *(\..*)?$/i;
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHARACTERS = /[\u0000-\u001f<>:"|?*\\/]/;

/** Why `name` (one segment, no separators) cannot be a file or folder name on Windows; undefined when it can. */
export function windowsNameProblem(name: string): string | undefined {
  if (FORBIDDEN_CHARACTERS.test(name))
    return msg('"{0}" holds a character that is not allowed in file names', printable(name));
  const trimmed = name.replace(/[. ]+$/, '');
  if (trimmed.length === 0) return msg('"{0}" is not a valid file name', name);
  // Before the trailing-dot rule: "NUL." is a device name however it ends.
  if (WINDOWS_DEVICE.test(trimmed)) return msg('"{0}" is a reserved device name on Windows', name);
  if (trimmed.length !== name.length)
    return msg('"{0}" ends in a dot or a space, which Windows removes from file names', name);
  return undefined;
}

function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
