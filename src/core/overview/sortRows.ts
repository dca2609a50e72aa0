/**
 * The order of the year overview: what needs action first (urgency, actionNeeded.ts), then
 * the nearest deadline, then by municipality number and district, and last the place in
 * the configuration — so the same history always gives the same order, whatever order
 * the rows were built in.
 */
import type { OverviewRow } from './overviewRow';

export function compareRows(a: OverviewRow, b: OverviewRow): number {
  return (
    a.urgency - b.urgency ||
    daysLeft(a) - daysLeft(b) ||
    a.profile.number.localeCompare(b.profile.number) ||
    (a.profile.bydel ?? '00').localeCompare(b.profile.bydel ?? '00') ||
    a.order - b.order
  );
}

/** A new array, sorted; the input is left as it is. */
export function sortRows(rows: readonly OverviewRow[]): OverviewRow[] {
  return [...rows].sort(compareRows);
}

function daysLeft(row: OverviewRow): number {
  return row.deadline?.daysLeft ?? Number.POSITIVE_INFINITY;
}
