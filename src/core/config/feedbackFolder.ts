/**
 * Where decrypted feedback goes inside the workspace: the `feedbackFolder` setting (default
 * `IPLOS/${year}/tilbakemelding`) with `${year}` replaced. It must stay inside the
 * workspace — feedback holds personal data and belongs in the municipality's secure zone,
 * so an absolute path or one that climbs out with `..` is refused rather than followed.
 * Windows' rules hold on every platform (a workspace on a share is opened from Windows PCs):
 * `\` and `/` both separate, `C:\…`, `C:…`, `\\server\share\…` and `\\?\…` are not relative,
 * and a name Windows refuses or changes (`NUL`, `con.txt`, `data.`) is refused.
 */
import * as nodePath from 'node:path';
import { msg } from '../i18n';
import { isInsideFolder, type PathApi } from '../paths/pathComparison';
import { windowsNameProblem } from '../paths/windowsNames';
import { SettingsError } from './settings';

/** The folder relative to the workspace, joined with the platform's separator (`api`, by default the running one's). */
export function feedbackFolderPath(template: string, year: number, api: PathApi = nodePath): string {
  const value = template.trim().replaceAll('${year}', String(year));
  const outside = (): SettingsError =>
    new SettingsError(
      msg('The feedback folder "{0}" is not inside the workspace.', template),
      msg(
        'Feedback holds personal data: keep it in the workspace (the secure zone). Use a relative path such as IPLOS/${year}/tilbakemelding.',
      ),
    );
  // A drive (`C:`, also drive-relative `C:data`), a root (`\`, `/`), a share or a long path (`\\…`).
  if (/^[a-zA-Z]:/.test(value) || /^[\\/]/.test(value) || api.isAbsolute(value)) throw outside();
  const segments: string[] = [];
  for (const segment of value.split(/[\\/]+/)) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length === 0) throw outside();
      segments.pop();
      continue;
    }
    const problem = windowsNameProblem(segment);
    if (problem)
      throw new SettingsError(
        msg('The feedback folder "{0}" is not a valid folder name: {1}.', template, problem),
        msg('Set "iplos.feedbackFolder" to a folder inside the workspace, e.g. IPLOS/${year}/tilbakemelding.'),
      );
    segments.push(segment);
  }
  if (segments.length === 0)
    throw new SettingsError(
      msg('The feedback folder setting is empty.'),
      msg('Set "iplos.feedbackFolder" to a folder inside the workspace, e.g. IPLOS/${year}/tilbakemelding.'),
    );
  return api.join(...segments);
}

/**
 * The feedback folder's absolute path in `workspace` (a local folder, a drive root or a share
 * such as `\\server\share\IPLOS`), checked once more to lie inside it.
 */
export function feedbackFolderIn(workspace: string, template: string, year: number, api: PathApi = nodePath): string {
  const folder = api.join(workspace, feedbackFolderPath(template, year, api));
  if (!isInsideFolder(workspace, folder, api))
    throw new SettingsError(
      msg('The feedback folder "{0}" is not inside the workspace.', template),
      msg('Set "iplos.feedbackFolder" to a folder inside the workspace, e.g. IPLOS/${year}/tilbakemelding.'),
    );
  return folder;
}
