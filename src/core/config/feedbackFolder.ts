/**
 * Where decrypted feedback goes inside the workspace: the `feedbackFolder` setting (default
 * `IPLOS/${year}/tilbakemelding`) with `${year}` replaced. It must stay inside the
 * workspace — feedback holds personal data and belongs in the municipality's secure zone,
 * so an absolute path or one that climbs out with `..` is refused rather than followed.
 */
import { isAbsolute, normalize, sep } from 'node:path';
import { msg } from '../i18n';
import { SettingsError } from './settings';

export function feedbackFolderPath(template: string, year: number): string {
  const relative = normalize(template.trim().replaceAll('${year}', String(year)));
  if (relative === '' || relative === '.')
    throw new SettingsError(
      msg('The feedback folder setting is empty.'),
      msg('Set "iplos.feedbackFolder" to a folder inside the workspace, e.g. IPLOS/${year}/tilbakemelding.'),
    );
  if (isAbsolute(relative) || /^[a-zA-Z]:/.test(relative) || relative === '..' || relative.startsWith(`..${sep}`)) {
    throw new SettingsError(
      msg('The feedback folder "{0}" is not inside the workspace.', template),
      msg(
        'Feedback holds personal data: keep it in the workspace (the secure zone). Use a relative path such as IPLOS/${year}/tilbakemelding.',
      ),
    );
  }
  return relative;
}
