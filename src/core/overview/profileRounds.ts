/**
 * The rounds of one profile in a reporting year and environment: each send (complete or
 * not) with the feedback downloaded for it, oldest first. Which download belongs to which
 * send is the history's own rule (feedbackForSubmission: same municipality, district, year
 * and environment, downloaded after the send was created and before the next one) — not a
 * second rule here.
 */
import type { Environment, MunicipalityProfile } from '../config/settings';
import {
  feedbackForSubmission,
  type FeedbackRecord,
  type History,
  type IntentRecord,
  type SubmissionRecord,
} from '../history';

export interface Round {
  submission: SubmissionRecord;
  /** Newest first, as feedbackForSubmission gives them. */
  feedback: FeedbackRecord[];
}

export interface ProfileRounds {
  /** Every send of the profile for the year and environment, in the order they were created. */
  rounds: Round[];
  /** Sends interrupted before the submission was created, oldest first. */
  intents: IntentRecord[];
}

export function profileRounds(
  history: History,
  profile: MunicipalityProfile,
  year: number,
  environment: Environment,
): ProfileRounds {
  const bydel = profile.bydel ?? '00';
  const isOurs = (record: { municipality: string; bydel: string; year: number; environment: Environment }): boolean =>
    record.municipality === profile.number &&
    record.bydel === bydel &&
    record.year === year &&
    record.environment === environment;
  const rounds = history.submissions
    .filter(isOurs)
    .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt))
    .map((submission) => ({ submission, feedback: feedbackForSubmission(history, submission) }));
  return { rounds, intents: history.pendingIntents.filter(isOurs) };
}

/** The newest download among the rounds (of the latest send that has one), with its round. */
export function latestFeedback(rounds: readonly Round[]): { record: FeedbackRecord; round: Round } | undefined {
  for (let index = rounds.length - 1; index >= 0; index--) {
    const round = rounds[index];
    const [newest] = round?.feedback ?? [];
    if (round && newest) return { record: newest, round };
  }
  return undefined;
}
