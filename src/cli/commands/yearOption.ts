/** `--year <yyyy>` of `iplos send` and `iplos validate`: four digits, or absent. */
import { UsageError } from '../cliError';
import { msg } from '../../core/i18n';

export function yearOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}$/.test(value)) throw new UsageError(msg('--year must be four digits'));
  return Number(value);
}
