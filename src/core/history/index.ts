export {
  HISTORY_EVENT_TYPES,
  HISTORY_EVENT_VERSION,
  type ArchiveInfo,
  type ExtractInfo,
  type FeedbackDownloadedEvent,
  type HistoryEvent,
  type HistoryEventType,
  type PartInfo,
  type PartSentEvent,
  type SubmissionCompletedEvent,
  type SubmissionCreatedEvent,
  type SubmissionEnvironment,
  type SubmissionFailedEvent,
  type SubmissionIntentEvent,
  type SubmissionReceipt,
} from './historyEvents';
export { checkHistoryEvent, MAX_REASON_LENGTH, type EventCheck } from './eventShape';
export { HistoryStore, type HistoryReadResult } from './historyStore';
export {
  buildHistory,
  CSV_COLUMNS,
  feedbackForSubmission,
  latestCompletedSubmission,
  toCsv,
  unfinishedSubmissions,
  type AcknowledgedPart,
  type FeedbackRecord,
  type History,
  type IntentRecord,
  type SubmissionFailure,
  type SubmissionRecord,
  type SubmissionStatus,
} from './submissionHistory';
