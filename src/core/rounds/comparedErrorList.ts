/**
 * The current round's error list with the comparison written into it, as one table the viewer,
 * its exports and `iplos feedback compare --csv` all show the same way: a Status column
 * (Fixed / New / Remaining), and the previous round's fixed rows appended after the current
 * ones — they are no longer in SSB's list, so they have no record to go to, but the officer
 * wants to see what the round achieved. Appending keeps every current row's index, so
 * "Go to record" and the located clients stay as they were.
 */
import type { ErrorListFile, ErrorRow, TableColumn } from '../feedback/feedbackModel';
import { msg } from '../i18n';
import { compareRounds, currentRowStatuses, type RoundCounts, type RoundStatus } from './compareRounds';
import { roundErrorsFromErrorList, type RoundPlace } from './roundErrors';

export interface ComparedErrorList {
  /** The current list plus the Status column (last) and the fixed rows (after the current ones). */
  file: ErrorListFile;
  /** Per row of `file.table.rows`. */
  statuses: RoundStatus[];
  counts: RoundCounts;
  /** Index of the Status column in `file.table.columns`. */
  statusColumn: number;
}

/** The status as the Status column writes it, in the user's language. */
export function roundStatusLabel(status: RoundStatus): string {
  switch (status) {
    case 'fixed':
      return msg('Fixed');
    case 'new':
      return msg('New');
    case 'remaining':
      return msg('Remaining');
  }
}

/**
 * `previous` undefined or without rows is a previous round without errors: every current row is
 * new. `current` undefined is a round in which SSB found nothing (it then leaves out the error
 * list): the previous list's columns, no current rows, every previous row fixed. The previous list's cells are placed under the current columns by role (Brukernr under
 * Brukernr, whatever the header says), else by the same header; other cells stay empty.
 */
export function compareErrorLists(
  given: { file: ErrorListFile | undefined; place: RoundPlace },
  previous: { file: ErrorListFile | undefined; place: RoundPlace },
): ComparedErrorList {
  const current = { file: given.file ?? emptyErrorListLike(previous.file), place: given.place };
  const currentRows = roundErrorsFromErrorList(current.file, current.place);
  const previousRows = previous.file ? roundErrorsFromErrorList(previous.file, previous.place) : [];
  const comparison = compareRounds(previousRows, currentRows);
  // By table row: error i of the list is about table row `errors[i].row`.
  const byError = currentRowStatuses(comparison, currentRows.length);
  const statuses: RoundStatus[] = new Array<RoundStatus>(current.file.table.rows.length).fill('new');
  current.file.errors.forEach((error, index) => (statuses[error.row] = byError[index] ?? 'new'));
  const columns: TableColumn[] = [...current.file.table.columns, { name: msg('Status'), numeric: false }];
  const statusColumn = columns.length - 1;
  const rows = current.file.table.rows.map((cells, index) => [...cells, roundStatusLabel(statuses[index] ?? 'new')]);
  const rowLines = [...current.file.table.rowLines];
  const errors: ErrorRow[] = [...current.file.errors];
  if (previous.file) {
    const source = previous.file;
    const place = placeColumns(current.file.table.columns, source.table.columns);
    for (const index of comparison.fixed) {
      const error = source.errors[index];
      if (!error) continue;
      const cells = source.table.rows[error.row] ?? [];
      const row = rows.length;
      rows.push([...place.map((from) => (from >= 0 ? (cells[from] ?? '') : '')), roundStatusLabel('fixed')]);
      rowLines.push(source.table.rowLines[error.row] ?? 0);
      errors.push({ ...error, row });
      statuses[row] = 'fixed';
    }
  }
  return {
    file: { ...current.file, table: { columns, rows, rowLines }, errors },
    statuses,
    counts: comparison.counts,
    statusColumn,
  };
}

/** For each target column, the source column that holds the same thing (-1: none). */
function placeColumns(target: readonly TableColumn[], source: readonly TableColumn[]): number[] {
  return target.map((column) => {
    if (column.role !== undefined) {
      const byRole = source.findIndex((candidate) => candidate.role === column.role);
      if (byRole >= 0) return byRole;
    }
    return source.findIndex((candidate) => candidate.name === column.name);
  });
}

/** An error list with `like`'s columns (none without it) and no rows: the round SSB found nothing in. */
function emptyErrorListLike(like: ErrorListFile | undefined): ErrorListFile {
  return {
    kind: 'error-list',
    name: like?.name ?? '',
    size: 0,
    source: like?.source ?? { encoding: 'utf-8', delimiter: ';' },
    table: { columns: like ? [...like.table.columns] : [], rows: [], rowLines: [] },
    errors: [],
    malformed: { count: 0, examples: [] },
  };
}
