/**
 * Filtering, sorting and grouping of one table's rows, kept apart from the DOM so it is
 * cheap to recompute on every keystroke: the text to search and the sort keys are
 * computed once per row and column, then only index arrays are rebuilt. Compared with an
 * earlier round, the rows SSB no longer reports (fixed) come last, under a heading of their
 * own: they are what the round achieved, not something left to do.
 */
import { parseNorwegianNumber } from '../../src/core/feedback/norwegianNumber';
import type {
  FileViewState,
  RoundStatus,
  Severity,
  ViewErrorRow,
  ViewTableFile,
} from '../../src/shared/feedbackProtocol';

export interface ViewRows {
  /** Table row index per view row; group headers are negative (-1 - group index). */
  order: number[];
  /** `fixed`: the heading above the fixed rows of a comparison (not a code group). */
  groups: { code: string; count: number; fixed?: boolean }[];
  /** Rows that pass the filter (group headers not counted). */
  matching: number;
}

const collator = new Intl.Collator('nb', { numeric: true, sensitivity: 'base' });

export class RowModel {
  /** Lower-cased row text for the text filter, built on the first text filter (not on load: first paint). */
  private haystack: string[] | undefined;
  private readonly numericKeys = new Map<number, Float64Array>();
  private readonly errorsByRow = new Map<number, ViewErrorRow>();

  constructor(readonly file: ViewTableFile) {
    for (const error of file.errors ?? []) this.errorsByRow.set(error.row, error);
  }

  errorAt(row: number): ViewErrorRow | undefined {
    return this.errorsByRow.get(row);
  }

  severityOf(row: number): Severity | undefined {
    return this.errorsByRow.get(row)?.severity;
  }

  codeOf(row: number): string {
    return this.errorsByRow.get(row)?.code ?? '';
  }

  statusOf(row: number): RoundStatus | undefined {
    return this.errorsByRow.get(row)?.status;
  }

  compute(state: FileViewState): ViewRows {
    const text = (state.filterText ?? '').trim().toLocaleLowerCase('nb');
    const severity = state.severity ?? '';
    const code = state.code ?? '';
    const status = state.status ?? '';
    let order: number[] = [];
    const haystack = text
      ? (this.haystack ??= this.file.rows.map((row) => row.join('\u0001').toLocaleLowerCase('nb')))
      : undefined;
    for (let row = 0; row < this.file.rows.length; row++) {
      if (haystack && !haystack[row]?.includes(text)) continue;
      if (severity && this.severityOf(row) !== severity) continue;
      if (code && this.codeOf(row) !== code) continue;
      if (status && this.statusOf(row) !== status) continue;
      order.push(row);
    }
    if (state.sortColumn !== undefined && state.sortColumn < this.file.columns.length)
      order = this.sorted(order, state.sortColumn, state.sortDescending === true);
    const matching = order.length;
    if (!state.groupByCode || !this.file.errors) return this.fixedApart(order, matching);
    // Group by error code (codes in catalogue order: alphabetical), keeping the sort inside each group.
    const byCode = new Map<string, number[]>();
    for (const row of order) {
      const key = this.codeOf(row);
      const list = byCode.get(key) ?? [];
      list.push(row);
      byCode.set(key, list);
    }
    const groups = [...byCode.entries()].sort(([a], [b]) => collator.compare(a, b));
    const grouped: number[] = [];
    groups.forEach(([, rows], index) => {
      grouped.push(-1 - index);
      // Inside a code group too, the fixed rows of a comparison come last.
      grouped.push(...rows.filter((row) => this.statusOf(row) !== 'fixed'));
      grouped.push(...rows.filter((row) => this.statusOf(row) === 'fixed'));
    });
    return {
      order: grouped,
      groups: groups.map(([groupCode, rows]) => ({ code: groupCode, count: rows.length })),
      matching,
    };
  }

  /** The fixed rows after the others (sorted alike), under their heading; unchanged when there are none. */
  private fixedApart(order: number[], matching: number): ViewRows {
    const open: number[] = [];
    const fixed: number[] = [];
    for (const row of order) (this.statusOf(row) === 'fixed' ? fixed : open).push(row);
    if (fixed.length === 0) return { order, groups: [], matching };
    return { order: [...open, -1, ...fixed], groups: [{ code: '', count: fixed.length, fixed: true }], matching };
  }

  private sorted(rows: number[], column: number, descending: boolean): number[] {
    const sign = descending ? -1 : 1;
    if (this.file.columns[column]?.numeric) {
      const keys = this.numericKey(column);
      return rows.sort((a, b) => sign * ((keys[a] as number) - (keys[b] as number)) || a - b);
    }
    const cells = this.file.rows;
    return rows.sort((a, b) => sign * collator.compare(cells[a]?.[column] ?? '', cells[b]?.[column] ?? '') || a - b);
  }

  /** Numbers of a numeric column (empty cells sort first). */
  private numericKey(column: number): Float64Array {
    let keys = this.numericKeys.get(column);
    if (!keys) {
      keys = new Float64Array(this.file.rows.length);
      this.file.rows.forEach((row, index) => {
        (keys as Float64Array)[index] = parseNorwegianNumber(row[column] ?? '') ?? Number.NEGATIVE_INFINITY;
      });
      this.numericKeys.set(column, keys);
    }
    return keys;
  }
}
