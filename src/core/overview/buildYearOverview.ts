/**
 * The year overview from the history: one row per configured profile for a reporting year
 * and environment, sorted by what needs action first. What the latest feedback holds (its
 * counts, the change since the round before) comes in as core/rounds' summaries by file id
 * (the extension's HistoryModel keeps them; loadYearOverview.ts reads those it needs), so
 * this reads no feedback itself — only whether a folder without a summary still exists.
 */
import { profileId, type Environment, type MunicipalityProfile } from '../config/settings';
import type { History } from '../history';
import type { FeedbackRoundSummary } from '../rounds';
import { actionNeeded } from './actionNeeded';
import type { DeadlineSettings } from './deadlines';
import type { LastSend, LatestFeedback, OverviewRow, UnfinishedSend, YearOverview } from './overviewRow';
import { overviewSummary } from './feedbackSummary';
import { latestFeedback, profileRounds, type ProfileRounds } from './profileRounds';
import { sortRows } from './sortRows';

export interface YearOverviewInput {
  profiles: readonly MunicipalityProfile[];
  history: History;
  year: number;
  environment: Environment;
  deadlines: DeadlineSettings;
  now: Date;
  /** core/rounds' summary of each decrypted download that could be read, by file id. */
  rounds?: ReadonlyMap<string, FeedbackRoundSummary>;
}

export function buildYearOverview(input: YearOverviewInput): YearOverview {
  const rows = input.profiles.map((profile, order) => buildRow(input, profile, order));
  return { year: input.year, environment: input.environment, at: input.now.toISOString(), rows: sortRows(rows) };
}

function buildRow(input: YearOverviewInput, profile: MunicipalityProfile, order: number): OverviewRow {
  const { rounds, intents } = profileRounds(input.history, profile, input.year, input.environment);
  const completed = rounds.filter((round) => round.submission.receipt);
  const last = completed.at(-1);
  const lastSend: LastSend | undefined =
    last?.submission.receipt &&
    ({
      submissionId: last.submission.submissionId,
      environment: last.submission.environment,
      sentAt: last.submission.receipt.completedAt,
      receiptId: last.submission.receipt.receiptId,
      extractName: last.submission.extract.name,
      extractPath: last.submission.extract.path,
    } satisfies LastSend);
  const unfinished = unfinishedAfter({ rounds, intents }, lastSend?.sentAt);
  const latest = latestFeedback(rounds);
  const shownFeedback: LatestFeedback | undefined = latest && {
    fileId: latest.record.fileId,
    fileName: latest.record.fileName,
    at: latest.record.at,
    ...(latest.record.decryptedTo ? { folder: latest.record.decryptedTo } : {}),
    answersLastSend: latest.round === last,
    summary: overviewSummary(latest.record, input.rounds ?? new Map()),
  };
  const answered = last !== undefined && last.feedback.length > 0;
  const feedback = !lastSend ? 'not-sent' : answered ? 'received' : 'waiting';
  const facts = {
    year: input.year,
    ...(lastSend ? { lastSend } : {}),
    ...(unfinished ? { unfinished } : {}),
    feedback,
    ...(shownFeedback ? { latestFeedback: shownFeedback } : {}),
  } as const;
  return {
    profile,
    id: profileId(profile),
    order,
    ...facts,
    ...(feedback === 'waiting' && lastSend ? { waitingSince: lastSend.sentAt } : {}),
    ...actionNeeded(facts, input.deadlines, input.now),
  };
}

/**
 * The newest send started after the last complete one (or at all, when none is complete)
 * and not finished: a submission that is incomplete or failed, or an intent that never got
 * its submission. A send cancelled before the last receipt is history, not work.
 */
function unfinishedAfter(rounds: ProfileRounds, sentAt: string | undefined): UnfinishedSend | undefined {
  const after = (at: string): boolean => sentAt === undefined || Date.parse(at) > Date.parse(sentAt);
  const candidates: UnfinishedSend[] = [
    ...rounds.rounds
      .filter((round) => round.submission.status !== 'complete' && after(round.submission.createdAt))
      .map((round): UnfinishedSend => ({
        submissionId: round.submission.submissionId,
        clientReference: round.submission.clientReference,
        status: round.submission.status === 'failed' ? 'failed' : 'incomplete',
        at: round.submission.updatedAt,
      })),
    ...rounds.intents
      .filter((intent) => after(intent.at))
      .map((intent): UnfinishedSend => ({ clientReference: intent.clientReference, status: 'intent', at: intent.at })),
  ];
  return candidates.sort((a, b) => Date.parse(b.at) - Date.parse(a.at))[0];
}
