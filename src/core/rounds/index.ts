/**
 * Feedback rounds: the identity of an error row across rounds and the comparisons built on it
 * (SSB's feedback against the round before; the local control against SSB's feedback). See
 * docs/feedback-rounds.md for the definition and its sources.
 */
export {
  errorIdentity,
  normaliseBydel,
  normaliseMunicipality,
  normaliseRoundError,
  normaliseServiceType,
  sameIdentity,
  type RawIdentity,
  type RoundError,
} from './errorIdentity';
export { matchErrors, type ErrorMatch } from './matchErrors';
export {
  compareRounds,
  compareWithPrevious,
  currentRowStatuses,
  type NoPreviousRound,
  type RoundComparison,
  type RoundCounts,
  type RoundStatus,
} from './compareRounds';
export { compareLocalWithSsb, type LocalVsSsb, type LocalVsSsbCounts } from './compareLocalWithSsb';
export {
  roundErrorsFromErrorList,
  roundErrorsFromFindings,
  roundFromFeedback,
  type FeedbackRound,
  type RoundPlace,
} from './roundErrors';
export { severityCounts, type SeverityCounts } from './severityCounts';
export {
  previousFeedback,
  readFeedbackRound,
  summariseFeedbackRounds,
  type FeedbackRoundSummary,
} from './historyRounds';
export { compareErrorLists, roundStatusLabel, type ComparedErrorList } from './comparedErrorList';
export { placesOfRounds, UNKNOWN_PLACE } from './roundPlaces';
