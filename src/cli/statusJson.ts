/**
 * `iplos status --json`: the year overview for scripts. The field names are stable (README,
 * "iplos status"): `format` changes only when a field is renamed or removed; fields may be
 * added. Each row carries the facts (dates as ISO times, deadlines as `YYYY-MM-DD`) and,
 * in `text`, the same phrases the table and the VS Code view show.
 */
import { describeRow, type OverviewRow, type RowText, type YearOverview } from '../core/overview';

export const STATUS_JSON_FORMAT = 'iplos-status/1';

export interface StatusJsonRow extends Omit<OverviewRow, 'profile' | 'order'> {
  municipality: string;
  name: string;
  bydel: string;
  text: RowText;
}

export interface StatusJson {
  format: typeof STATUS_JSON_FORMAT;
  year: number;
  environment: YearOverview['environment'];
  at: string;
  /** Sorted by what needs action first. */
  rows: StatusJsonRow[];
}

export function statusJson(overview: YearOverview, now: Date): StatusJson {
  return {
    format: STATUS_JSON_FORMAT,
    year: overview.year,
    environment: overview.environment,
    at: overview.at,
    rows: overview.rows.map(({ profile, order: _order, ...row }) => ({
      municipality: profile.number,
      name: profile.name,
      bydel: profile.bydel ?? '00',
      ...row,
      text: describeRow({ profile, order: _order, ...row }, now),
    })),
  };
}
