/**
 * History events for the year-overview tests: a profile's sends and downloads at given
 * days of the 2026 season (reporting year 2025), built on the history tests' samples.
 */
import type { FeedbackDownloadedEvent, HistoryEvent } from '../../../src/core/history';
import { completed, failed, feedbackDownloaded, partSent, submissionCreated } from '../history/fixtures/sampleEvents';

export const YEAR = 2025;

/** Minutes from the samples' start (2 February 2026, 08:00 UTC) to a day in the season. */
const START = Date.UTC(2026, 1, 2, 8, 0);
export const minuteOf = (isoDay: string): number => (Date.parse(`${isoDay}T09:00:00Z`) - START) / 60_000;

export interface SendSpec {
  municipality: string;
  bydel?: string;
  day: string;
  id: string;
  environment?: 'test' | 'production';
  /** False: the send stopped after part 1 and failed. */
  complete?: boolean;
  /** The reporting year (default YEAR). */
  year?: number;
}

export function send(spec: SendSpec): HistoryEvent[] {
  const minute = minuteOf(spec.day);
  const created = submissionCreated({
    submissionId: spec.id,
    municipality: spec.municipality,
    bydel: spec.bydel ?? '00',
    year: spec.year ?? YEAR,
    environment: spec.environment ?? 'test',
    partCount: 1,
    minute,
  });
  if (spec.complete === false) return [created, failed(spec.id, minute + 2)];
  return [created, partSent(spec.id, 1, minute + 1), completed(spec.id, minute + 2, `R-${spec.id}`)];
}

export function download(spec: {
  municipality: string;
  bydel?: string;
  day: string;
  fileId: string;
  folder?: string;
  environment?: 'test' | 'production';
  year?: number;
}): FeedbackDownloadedEvent {
  const sample = feedbackDownloaded(minuteOf(spec.day));
  const bydel = spec.bydel ?? '00';
  const { decryptedTo: _folder, files: _files, ...rest } = sample;
  return {
    ...rest,
    fileId: spec.fileId,
    fileName: `${spec.municipality}${bydel}_iplos_${spec.year ?? YEAR}_test.zip`,
    municipality: spec.municipality,
    bydel,
    year: spec.year ?? YEAR,
    environment: spec.environment ?? 'test',
    ...(spec.folder ? { decryptedTo: spec.folder, files: ['feilliste.csv'] } : {}),
  };
}

/** A time on a day of the season, in Norway's morning. */
export function day(isoDay: string): Date {
  return new Date(`${isoDay}T09:00:00Z`);
}
