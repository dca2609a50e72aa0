/** The year at a glance: where each municipality profile stands in a reporting year (issue 14). */
export { actionNeeded, URGENCY, type RowFacts, type RowVerdict } from './actionNeeded';
export { buildYearOverview, type YearOverviewInput } from './buildYearOverview';
export {
  dateAtNoon,
  daysBetween,
  deadline,
  deadlineDate,
  osloDate,
  type Deadline,
  type DeadlineKind,
  type DeadlineSettings,
} from './deadlines';
export {
  daysLeftText,
  describeAction,
  describeChange,
  describeDeadline,
  describeRow,
  describeSummary,
  profileName,
  type RowText,
} from './describeRow';
export { overviewSummary } from './feedbackSummary';
export { loadYearOverview } from './loadYearOverview';
export type {
  ActionNeeded,
  FeedbackCounts,
  FeedbackState,
  FeedbackSummary,
  LastSend,
  LatestFeedback,
  OverviewRow,
  UnfinishedSend,
  YearOverview,
} from './overviewRow';
export { latestFeedback, profileRounds, type ProfileRounds, type Round } from './profileRounds';
export { compareRows, sortRows } from './sortRows';
