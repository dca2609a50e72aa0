/**
 * One tab of a table file. For the error list: a summary (errors and warnings per code,
 * clients affected), filters (text, severity, code), grouping by code, copy/export of the
 * filtered rows, and a detail pane for the clicked row with the catalogue's explanation,
 * the client's other errors and "Go to record" (to the client's record, or — for the local
 * control, which knows where each finding is — to the finding's line). An error list
 * without rows says "No findings". Compared with an earlier round, the list has a Status
 * column (the host adds it), chips "18 fixed · 3 new · 9 remaining" that filter by status,
 * and the fixed rows apart at the end, without Go to record (SSB no longer reports them).
 * Other tables: the grid, numbers in nb-NO, and bar charts of their numeric columns.
 */
import { parseNorwegianNumber } from '../../src/core/feedback/norwegianNumber';
import type {
  FileViewState,
  RoundStatus,
  ViewCatalogueEntry,
  ViewComparison,
  ViewExtract,
  ViewLocalControl,
  ViewTableFile,
  WebviewMessage,
} from '../../src/shared/feedbackProtocol';
import { barCharts } from './barChart';
import { clear, h } from './dom';
import { RowModel, type ViewRows } from './rowModel';
import { formatNumber, t } from './strings';
import { ToggleChips } from './toggleChips';
import { VirtualTable, type GridColumn } from './virtualTable';

export interface TableViewContext {
  post(message: WebviewMessage): void;
  catalogue: Record<string, ViewCatalogueEntry>;
  extract(): ViewExtract;
  /** Set when the document is a local control. */
  localControl(): ViewLocalControl | undefined;
  /** Set while the feedback is compared with an earlier round. */
  comparison(): ViewComparison | undefined;
  saveState(state: FileViewState): void;
}

const SEVERITY_ORDER = ['critical', 'error', 'warning', 'info', 'success', 'unknown'] as const;
const STATUS_ORDER: readonly RoundStatus[] = ['fixed', 'new', 'remaining'];
/** How long typing in the filter box pauses before the rows are filtered (and the count said). */
const FILTER_DELAY_MS = 350;

export class TableView {
  readonly element: HTMLElement;
  private readonly model: RowModel;
  private readonly grid: VirtualTable;
  private readonly detail: HTMLElement;
  private readonly countLabel: HTMLElement;
  /** The filter box's text while typing has not paused yet. */
  private pendingText: string | undefined;
  private textTimer: ReturnType<typeof setTimeout> | undefined;
  private codeChips: ToggleChips | undefined;
  private view: ViewRows = { order: [], groups: [], matching: 0 };
  private readonly isErrorList: boolean;
  /** Columns shown as nb-NO numbers: numeric ones, except identifiers (client numbers, codes). */
  private readonly formatted: boolean[];

  constructor(
    private readonly file: ViewTableFile,
    private state: FileViewState,
    private readonly context: TableViewContext,
  ) {
    this.model = new RowModel(file);
    this.formatted = file.columns.map(
      (column) => column.numeric && (column.role === undefined || column.role === 'value'),
    );
    this.isErrorList = file.kind === 'error-list' && file.errors !== undefined;
    this.grid = new VirtualTable(
      columnsFor(file),
      {
        onSort: (column) => this.sortBy(column),
        onSelect: (viewRow) => this.select(viewRow),
        onActivate: (viewRow, fromKeyboard) => this.select(viewRow, true, fromKeyboard),
        onScroll: (top) => this.update({ scrollTop: top }, false),
      },
      file.name,
    );
    // A polite live region: "Showing 12 of 6 311 rows" is said after each filter change.
    this.countLabel = h('span', { class: 'count', role: 'status' });
    // A region, not an <aside>: a complementary landmark may not sit inside the main one.
    this.detail = h('section', { class: 'detail', role: 'region', 'aria-label': t('Error detail'), hidden: true });
    this.detail.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.closeDetail();
    });
    const parts: HTMLElement[] = [];
    // An error list without rows is a clean result: the message only, no empty grid to filter.
    const empty = this.isErrorList && file.rows.length === 0;
    if (empty) parts.push(this.noFindings());
    else {
      if (this.isErrorList) parts.push(this.summary());
      parts.push(this.toolbar());
    }
    if (file.malformed.count > 0) parts.push(this.malformedNotice());
    const main = h('div', { class: 'table-main' }, ...parts, ...(empty ? [] : [this.grid.element]));
    this.element = h(
      'section',
      { class: `table-view ${this.isErrorList ? 'error-list' : 'plain-table'}` },
      h('div', { class: 'split' }, main, this.detail),
    );
    if (!this.isErrorList) {
      const charts = barCharts(file);
      if (charts) this.element.append(charts);
    }
    this.refresh();
    if (state.scrollTop) requestAnimationFrame(() => (this.grid.scrollTop = state.scrollTop ?? 0));
    if (state.selectedRow !== undefined) this.showDetail(state.selectedRow);
  }

  focus(): void {
    this.grid.focus();
  }

  /** The view row of a table row, e.g. to select it programmatically. */
  selectTableRow(row: number, open = true): void {
    const viewRow = this.view.order.indexOf(row);
    if (viewRow >= 0) this.grid.setActive(viewRow, { notify: false });
    this.update({ selectedRow: row }, false);
    if (open) this.showDetail(row);
  }

  /** The extract became known (or its records were located): redraw the detail pane. */
  extractChanged(): void {
    if (this.state.selectedRow !== undefined) this.showDetail(this.state.selectedRow);
  }

  setLocated(rows: Set<number>): void {
    for (const error of this.file.errors ?? []) error.located = rows.has(error.row);
    this.extractChanged();
  }

  private update(change: Partial<FileViewState>, recompute = true): void {
    // Text typed but not yet applied goes with any other change, so nothing runs on stale text.
    if (this.pendingText !== undefined) {
      change = { filterText: this.pendingText, ...change };
      this.pendingText = undefined;
      clearTimeout(this.textTimer);
      recompute = true;
    }
    this.state = { ...this.state, ...change };
    this.context.saveState(this.state);
    if (recompute) this.refresh();
  }

  private refresh(): void {
    this.view = this.model.compute(this.state);
    const order = this.view.order;
    const selectedView = this.state.selectedRow !== undefined ? order.indexOf(this.state.selectedRow) : -1;
    this.grid.setSource(
      {
        count: order.length,
        cell: (viewRow, column) => {
          const row = order[viewRow] as number;
          const text = this.file.rows[row]?.[column] ?? '';
          return this.formatted[column] ? numberText(text) : text;
        },
        groupLabel: (viewRow) => {
          const row = order[viewRow] as number;
          if (row >= 0) return undefined;
          const group = this.view.groups[-1 - row];
          if (!group) return undefined;
          if (group.fixed) return t('Fixed since the round before ({0})', formatNumber(group.count));
          const title = this.context.catalogue[group.code]?.title;
          return `${group.code || t('(no code)')}${title ? ` — ${title}` : ''} (${formatNumber(group.count)})`;
        },
        rowClass: (viewRow) => {
          const row = order[viewRow] as number;
          const severity = row >= 0 ? this.model.severityOf(row) : undefined;
          const status = row >= 0 ? this.model.statusOf(row) : undefined;
          return [severity ? `severity-${severity}` : '', status ? `status-${status}` : ''].join(' ').trim();
        },
      },
      selectedView,
    );
    this.grid.setSortIndicator(this.state.sortColumn, this.state.sortDescending === true);
    this.codeChips?.setPressed(this.state.code || undefined);
    const total = this.file.rows.length;
    const count =
      this.view.matching === total
        ? t('{0} rows', formatNumber(total))
        : t('Showing {0} of {1} rows', formatNumber(this.view.matching), formatNumber(total));
    // A live region is announced whenever it is written: only when the count says something new.
    if (this.countLabel.textContent !== count) this.countLabel.textContent = count;
  }

  private sortBy(column: number): void {
    const descending = this.state.sortColumn === column ? !this.state.sortDescending : false;
    this.update({ sortColumn: column, sortDescending: descending });
  }

  private select(viewRow: number, open = true, focusDetail = false): void {
    const row = this.view.order[viewRow];
    if (row === undefined || row < 0) return;
    this.update({ selectedRow: row }, false);
    if (open || !this.detail.hidden) this.showDetail(row);
    // Enter on a row: focus goes to the detail's heading, so a screen reader reads what opened.
    if (focusDetail && !this.detail.hidden) this.detail.querySelector<HTMLElement>('h2')?.focus();
  }

  private closeDetail(): void {
    this.detail.hidden = true;
    this.update({ selectedRow: undefined }, false);
    this.grid.focus();
  }

  /** The rows currently shown (filter and sort applied), as table row indices. */
  private visibleRows(): number[] {
    return this.view.order.filter((row) => row >= 0);
  }

  private summary(): HTMLElement {
    const errors = this.file.errors ?? [];
    const perCode = new Map<string, { count: number; severity: string; clients: Set<string> }>();
    const clients = new Set<string>();
    let errorCount = 0;
    let warningCount = 0;
    for (const error of errors) {
      // The fixed rows of a comparison are the earlier round's: not errors to fix now.
      if (error.status === 'fixed') continue;
      const entry = perCode.get(error.code) ?? { count: 0, severity: error.severity, clients: new Set<string>() };
      entry.count++;
      if (error.brukerNr) {
        entry.clients.add(error.brukerNr);
        clients.add(error.brukerNr);
      }
      perCode.set(error.code, entry);
      if (error.severity === 'critical' || error.severity === 'error') errorCount++;
      if (error.severity === 'warning') warningCount++;
    }
    const totals = h(
      'p',
      { class: 'totals' },
      h('span', { class: 'total severity-error' }, t('{0} errors', formatNumber(errorCount))),
      h('span', { class: 'total severity-warning' }, t('{0} warnings', formatNumber(warningCount))),
      h('span', { class: 'total' }, t('{0} clients affected', formatNumber(clients.size))),
    );
    const chips = new ToggleChips(t('Errors per code'), (code) => {
      this.update({ code: code ?? '' });
      const select = this.element.querySelector<HTMLSelectElement>('select.code-filter');
      if (select) select.value = code ?? '';
    });
    for (const [code, entry] of [...perCode.entries()].sort(([a], [b]) => a.localeCompare(b, 'nb'))) {
      const title = this.context.catalogue[code]?.title ?? '';
      chips.add({
        key: code,
        className: `severity-${entry.severity}`,
        title: `${title}\n${t('{0} clients', formatNumber(entry.clients.size))}`,
        content: [h('strong', {}, code || t('(no code)')), ` ${formatNumber(entry.count)}`],
      });
    }
    chips.setPressed(this.state.code || undefined);
    this.codeChips = chips;
    const comparison = this.context.comparison();
    if (!comparison) return h('div', { class: 'summary' }, totals, chips.element);
    return h('div', { class: 'summary' }, totals, this.statusChips(comparison), chips.element);
  }

  /** "18 fixed · 3 new · 9 remaining": each a toggle chip that shows only the rows of its status (again: all). */
  private statusChips(comparison: ViewComparison): HTMLElement {
    const chips = new ToggleChips(t('Compared with {0}', comparison.label), (status) =>
      this.update({ status: (status ?? '') as RoundStatus | '' }),
    );
    const labels: Record<RoundStatus, string> = {
      fixed: t('{0} fixed', formatNumber(comparison.counts.fixed)),
      new: t('{0} new', formatNumber(comparison.counts.new)),
      remaining: t('{0} remaining', formatNumber(comparison.counts.remaining)),
    };
    for (const status of STATUS_ORDER)
      chips.add({ key: status, className: `status-${status}`, content: [labels[status]] });
    chips.setPressed(this.state.status || undefined);
    chips.element.classList.add('status-chips');
    return chips.element;
  }

  private noFindings(): HTMLElement {
    const name = this.context.extract().name;
    const local = this.context.localControl();
    return h(
      'div',
      { class: 'no-findings', role: 'status' },
      h('strong', {}, t('No findings.')),
      local && name && !local.fatal ? ` ${t('The local control found nothing to fix in {0}.', name)}` : undefined,
    );
  }

  private toolbar(): HTMLElement {
    const search = h('input', {
      type: 'search',
      class: 'text-filter',
      placeholder: t('Filter rows'),
      'aria-label': t('Filter rows'),
      value: this.state.filterText ?? '',
    });
    search.value = this.state.filterText ?? '';
    // Applied once typing pauses: each keystroke would filter 100 000 rows and announce a count.
    search.addEventListener('input', () => {
      this.pendingText = search.value;
      clearTimeout(this.textTimer);
      this.textTimer = setTimeout(() => this.update({}), FILTER_DELAY_MS);
    });
    const controls: HTMLElement[] = [search];
    if (this.isErrorList) {
      const errors = this.file.errors ?? [];
      const severities = SEVERITY_ORDER.filter((severity) => errors.some((error) => error.severity === severity));
      const severity = h(
        'select',
        { class: 'severity-filter', 'aria-label': t('Severity') },
        h('option', { value: '' }, t('All severities')),
        ...severities.map((value) => h('option', { value }, severityLabel(value, errors))),
      );
      severity.value = this.state.severity ?? '';
      severity.addEventListener('change', () => this.update({ severity: severity.value as FileViewState['severity'] }));
      const codes = [...new Set(errors.map((error) => error.code))].sort((a, b) => a.localeCompare(b, 'nb'));
      const code = h(
        'select',
        { class: 'code-filter', 'aria-label': t('Error code') },
        h('option', { value: '' }, t('All codes')),
        ...codes.map((value) => h('option', { value }, value || t('(no code)'))),
      );
      code.value = this.state.code ?? '';
      code.addEventListener('change', () => this.update({ code: code.value }));
      const group = h('input', { type: 'checkbox', class: 'group-toggle' });
      group.checked = this.state.groupByCode === true;
      group.addEventListener('change', () => this.update({ groupByCode: group.checked }));
      controls.push(severity, code, h('label', { class: 'toggle' }, group, ` ${t('Group by code')}`));
    }
    const copy = h('button', { type: 'button', class: 'secondary copy-rows' }, t('Copy rows'));
    copy.addEventListener('click', () =>
      this.context.post({ type: 'copyRows', file: this.file.id, rows: this.visibleRows() }),
    );
    const exportButton = h('button', { type: 'button', class: 'secondary export-rows' }, t('Export CSV…'));
    exportButton.addEventListener('click', () =>
      this.context.post({ type: 'exportRows', file: this.file.id, rows: this.visibleRows() }),
    );
    return h(
      'div',
      // A labelled group, not role="toolbar": that pattern's arrow keys would fight the text box's.
      { class: 'toolbar', role: 'group', 'aria-label': t('Filters') },
      ...controls,
      this.countLabel,
      h('span', { class: 'spacer' }),
      copy,
      exportButton,
    );
  }

  private malformedNotice(): HTMLElement {
    const { count, examples } = this.file.malformed;
    const list = h(
      'ul',
      {},
      ...examples.map((example) =>
        h('li', {}, t('Line {0}: {1}', example.line, example.problem), h('code', {}, example.text.slice(0, 200))),
      ),
    );
    return h(
      'details',
      { class: 'malformed' },
      h('summary', {}, t('{0} rows did not fit the columns and are shown as read', formatNumber(count))),
      list,
    );
  }

  private showDetail(row: number): void {
    if (!this.isErrorList) return;
    const error = this.model.errorAt(row);
    const cells = this.file.rows[row];
    if (!error || !cells) return;
    clear(this.detail);
    this.detail.hidden = false;
    const entry = this.context.catalogue[error.code];
    const close = h('button', { type: 'button', class: 'icon close-detail', 'aria-label': t('Close') }, '×');
    close.addEventListener('click', () => this.closeDetail());
    this.detail.append(
      h(
        'div',
        { class: 'detail-header' },
        h('h2', { tabindex: -1 }, entry ? `${error.code} — ${entry.title}` : error.code || t('Error')),
        close,
      ),
    );
    const fields = h('dl', { class: 'fields' });
    this.file.columns.forEach((column, index) =>
      fields.append(h('dt', {}, column.name), h('dd', {}, cells[index] ?? '')),
    );
    this.detail.append(fields);
    if (entry) {
      this.detail.append(
        h('h3', {}, t('What it means')),
        h('p', { class: 'meaning' }, entry.meaning),
        h('h3', {}, t('How to fix it in the EPJ')),
        h('p', { class: 'fix' }, entry.fix),
      );
      if (entry.source) this.detail.append(h('p', { class: 'rule-source muted' }, t('Source: {0}', entry.source)));
    } else {
      this.detail.append(
        h('p', { class: 'unknown-code' }, t('This code is not in the catalogue; the message from SSB is shown above.')),
      );
    }
    this.detail.append(this.recordActions(error));
    const others = (this.file.errors ?? []).filter(
      (other) => other.brukerNr && other.brukerNr === error.brukerNr && other.row !== row,
    );
    if (error.brukerNr) {
      this.detail.append(h('h3', {}, t('Other errors for client {0}', error.brukerNr)));
      if (others.length === 0) this.detail.append(h('p', { class: 'muted' }, t('None.')));
      else {
        const list = h('ul', { class: 'other-errors' });
        for (const other of others.slice(0, 50)) {
          const link = h(
            'button',
            { type: 'button', class: 'link' },
            `${other.code} ${this.file.rows[other.row]?.[this.messageColumn()] ?? ''}`,
          );
          link.addEventListener('click', () => this.selectTableRow(other.row));
          list.append(h('li', {}, link));
        }
        this.detail.append(list);
      }
    }
  }

  private recordActions(error: NonNullable<ReturnType<RowModel['errorAt']>>): HTMLElement {
    const actions = h('div', { class: 'record-actions' });
    if (error.status === 'fixed') {
      actions.append(
        h(
          'p',
          { class: 'muted fixed-note' },
          t('Fixed since the round before: SSB no longer reports it, so there is no record to go to.'),
        ),
      );
      return actions;
    }
    const extract = this.context.extract();
    const at = error.at;
    if (at) {
      // The local control knows the line: also a finding about the whole file can be shown.
      const go = h('button', { type: 'button', class: 'primary go-to-record' }, t('Go to record'));
      go.addEventListener('click', () => this.context.post({ type: 'goToRecord', file: this.file.id, row: error.row }));
      actions.append(go, h('p', { class: 'muted' }, t('Opens {0} at line {1}.', extract.name ?? '', at.line)));
      return actions;
    }
    if (!error.brukerNr) {
      actions.append(h('p', { class: 'muted' }, t('This error is about the whole file, not one client.')));
      return actions;
    }
    const go = h(
      'button',
      { type: 'button', class: 'primary go-to-record', disabled: !error.located },
      t('Go to record'),
    );
    go.addEventListener('click', () => this.context.post({ type: 'goToRecord', file: this.file.id, row: error.row }));
    actions.append(go);
    if (!extract.name) {
      const choose = h('button', { type: 'button', class: 'secondary choose-extract' }, t('Choose extract…'));
      choose.addEventListener('click', () => this.context.post({ type: 'chooseExtract' }));
      actions.append(
        choose,
        h('p', { class: 'muted' }, extract.problem ?? t('The extract this feedback is about is not known.')),
      );
    } else if (!error.located) {
      actions.append(h('p', { class: 'muted' }, t('Client {0} was not found in {1}.', error.brukerNr, extract.name)));
    } else {
      actions.append(h('p', { class: 'muted' }, t("Opens {0} at the client's record.", extract.name)));
    }
    return actions;
  }

  private messageColumn(): number {
    const index = this.file.columns.findIndex((column) => column.role === 'message');
    return index >= 0 ? index : this.file.columns.length - 1;
  }
}

function columnsFor(file: ViewTableFile): GridColumn[] {
  const sample = widthSample(file.rows);
  return file.columns.map((column, index) => {
    const longest = Math.max(column.name.length, ...sample.map((row) => (row[index] ?? '').length));
    if (column.role === 'message') return { name: column.name, numeric: false, width: 'minmax(24ch, 1fr)' };
    return { name: column.name, numeric: column.numeric, width: `${Math.min(40, Math.max(6, longest + 2))}ch` };
  });
}

/**
 * The rows a column's width is measured on: the first 200 and 200 spread over the rest, so a
 * value that only comes later (a compared list's fixed rows are last) is not clipped.
 */
function widthSample(rows: readonly string[][]): string[][] {
  const sample = rows.slice(0, 200);
  const step = Math.max(1, Math.floor(rows.length / 200));
  for (let row = 200; row < rows.length; row += step) sample.push(rows[row] ?? []);
  if (rows.length > 200) sample.push(rows[rows.length - 1] ?? []);
  return sample;
}

/** Numbers as nb-NO ("1 234,5"), whatever the file wrote; other text unchanged. */
function numberText(text: string): string {
  const value = parseNorwegianNumber(text);
  return value === undefined ? text : formatNumber(value);
}

function severityLabel(severity: string, errors: NonNullable<ViewTableFile['errors']>): string {
  return errors.find((error) => error.severity === severity)?.severityText || severity;
}
