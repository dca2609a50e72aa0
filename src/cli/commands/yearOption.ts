/** `--year <yyyy>` of `iplos send` and `iplos validate`: four digits, or absent. */
import { UsageError } from '../cliError';

export function yearOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}$/.test(value)) throw new UsageError('--year must be four digits');
  return Number(value);
}
