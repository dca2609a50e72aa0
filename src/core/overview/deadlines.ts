/**
 * The two dates of a reporting year: the reporting deadline (the extract is in) and the
 * correction deadline (SSB's errors are fixed and the extract sent again). Both are
 * settings, given as month-day (`MM-DD`) in the year after the reporting year, and counted
 * in calendar days in Norwegian time.
 *
 * Sources for the defaults: Helsedirektoratet's letter of 23.11.2016 (shared/seed) says the
 * ordinary submission of 2016 data is "i januar 2017"; the project's domain notes
 * (shared/docs/domain.md) give 15 January as that year's deadline and March for the
 * corrections. The day in March is an assumption (the end of the month); both are settings
 * because SSB sets the dates each year (the defaults live in settings.ts).
 */
import type { IplosSettings } from '../config/settings';

/** `reportingDeadline` and `correctionDeadline` (`MM-DD`; defaults and their sources in settings.ts). */
export type DeadlineSettings = Pick<IplosSettings, 'reportingDeadline' | 'correctionDeadline'>;

export type DeadlineKind = 'reporting' | 'correction';

export interface Deadline {
  kind: DeadlineKind;
  /** The last day, `YYYY-MM-DD` (a send on that day is in time). */
  date: string;
  /** Calendar days from today (Norwegian time) to the last day: 0 = today, negative = passed. */
  daysLeft: number;
}

/** The deadline's last day for a reporting year: the month-day in the following year. */
export function deadlineDate(year: number, monthDay: string): string {
  const [month, day] = monthDay.split('-').map(Number) as [number, number];
  const calendarYear = year + 1;
  const last = Math.min(day, daysInMonth(calendarYear, month));
  return `${calendarYear}-${pad(month)}-${pad(last)}`;
}

export function deadline(kind: DeadlineKind, year: number, settings: DeadlineSettings, now: Date): Deadline {
  const date = deadlineDate(year, kind === 'reporting' ? settings.reportingDeadline : settings.correctionDeadline);
  return { kind, date, daysLeft: daysBetween(osloDate(now), date) };
}

/** Today's date in Norway (`YYYY-MM-DD`): a deadline day ends at midnight there, not in UTC. */
export function osloDate(now: Date): string {
  const parts = osloDayFormat().formatToParts(now);
  const part = (type: string): string => parts.find((candidate) => candidate.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Made once: building an Intl formatter costs about a millisecond, and every row asks for today. */
let dayFormat: Intl.DateTimeFormat | undefined;
function osloDayFormat(): Intl.DateTimeFormat {
  dayFormat ??= new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Oslo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return dayFormat;
}

/** Whole days from one `YYYY-MM-DD` to another (both calendar dates, so no daylight-saving hour). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A `YYYY-MM-DD` as a time at noon UTC, which is the same calendar day in Norway (for formatDate). */
export function dateAtNoon(date: string): Date {
  return new Date(`${date}T12:00:00Z`);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
