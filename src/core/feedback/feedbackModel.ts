/**
 * SSB's feedback as the viewer shows it: the files of one decrypted feedback zip, each read
 * into a table where it is one. The format is not public (shared/docs/domain.md): delimited
 * text (`;`, `,` or tab; Windows-1252 or UTF-8 with or without BOM), possibly `.xlsx`.
 * The error list is recognised by its headers; every other table is shown as it is.
 */

/** What a column of the error list holds, recognised from its header (Norwegian or English). */
export type ColumnRole =
  'municipality' | 'bydel' | 'brukerNr' | 'serviceType' | 'variable' | 'value' | 'code' | 'severity' | 'message';

/** Severities as SSB's control programs name them (Kritisk feil, Feil, Advarsel, Informasjon, Suksess). */
export type Severity = 'critical' | 'error' | 'warning' | 'info' | 'success' | 'unknown';

export interface TableColumn {
  /** The header as written in the file. */
  name: string;
  /** Set for the error list's recognised columns. */
  role?: ColumnRole;
  /** Every non-empty cell is a number (Norwegian `1 234,5` or plain `1234.5`). */
  numeric: boolean;
}

export interface Table {
  columns: TableColumn[];
  /** Cell text as in the file, one array per data row (header excluded), padded to the column count. */
  rows: string[][];
  /** 1-based line in the file where each row starts (quoted fields can span lines). */
  rowLines: number[];
}

/** Rows that did not fit (too few or too many fields, an unclosed quote); the file is still shown. */
export interface MalformedRows {
  count: number;
  /** The first few, for the user to look at. */
  examples: { line: number; problem: string; text: string }[];
}

export interface ErrorRow {
  /** Index into the table's rows. */
  row: number;
  brukerNr: string;
  code: string;
  severity: Severity;
  /** The severity as written ("Feil", "Advarsel", …). */
  severityText: string;
  serviceType: string;
  variable: string;
  value: string;
  message: string;
}

interface FileBase {
  /** File name inside the feedback folder (no folders). */
  name: string;
  size: number;
}

export interface TableSource {
  /** 'utf-8', 'utf-8-bom', 'windows-1252' or 'utf-16le-bom' (see textEncoding.ts); 'xlsx' for spreadsheets. */
  encoding: string;
  /** ';', ',', '\t'; '' for spreadsheets. */
  delimiter: string;
  /** For spreadsheets: the sheet shown. */
  sheet?: string;
}

export interface ErrorListFile extends FileBase {
  kind: 'error-list';
  source: TableSource;
  table: Table;
  errors: ErrorRow[];
  malformed: MalformedRows;
}

export interface TableFile extends FileBase {
  kind: 'table';
  source: TableSource;
  table: Table;
  malformed: MalformedRows;
}

/** Plain text that is not a table (a read-me): shown as text. */
export interface TextFile extends FileBase {
  kind: 'text';
  text: string;
  encoding: string;
}

/** Anything else (PDF, images, unreadable files): listed, with an "Open" action. */
export interface OtherFile extends FileBase {
  kind: 'other';
  reason: string;
}

export type FeedbackFile = ErrorListFile | TableFile | TextFile | OtherFile;

export interface FeedbackSet {
  /** Absolute path of the decrypted folder. */
  folder: string;
  files: FeedbackFile[];
}
