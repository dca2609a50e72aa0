export type {
  ColumnRole,
  ErrorListFile,
  ErrorRow,
  FeedbackFile,
  FeedbackSet,
  MalformedRows,
  OtherFile,
  Severity,
  Table,
  TableColumn,
  TableFile,
  TableSource,
  TextFile,
} from './feedbackModel';
export { decodeText, type DecodedText, type TextEncodingName } from './textEncoding';
export { isNorwegianNumber, isNumericColumn, parseNorwegianNumber } from './norwegianNumber';
export {
  DELIMITERS,
  MAX_MALFORMED_EXAMPLES,
  parseDelimitedTable,
  type DelimitedTable,
  type DelimitedTableOptions,
  type Delimiter,
} from './delimitedTable';
export { readSpreadsheetTable, SpreadsheetError, type SpreadsheetTable } from './spreadsheetTable';
export {
  columnRoles,
  isErrorListHeader,
  normaliseHeader,
  parseSeverity,
  readErrorList,
  type ErrorList,
} from './errorList';
export { catalogueCodes, lookupErrorCode, type CatalogueLanguage, type ErrorCatalogueEntry } from './errorCatalogue';
export { DEFAULT_MAX_FILE_BYTES, readFeedbackFolder, type ReadFeedbackOptions } from './readFeedbackFolder';
