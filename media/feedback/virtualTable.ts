/**
 * A grid that stays smooth at 100 000 rows: only the rows in view (plus a margin) exist in
 * the DOM, absolutely placed over a spacer as tall as all rows together, and reused as the
 * user scrolls. Rows are addressed by their position in the current view (after filter,
 * sort, grouping).
 *
 * Accessibility follows the ARIA grid pattern for a virtualised table: `aria-rowcount` is the
 * whole count and each rendered row carries its `aria-rowindex`, so a screen reader says
 * "row 512 of 100 001" although only a window is in the DOM. The grid is one tab stop
 * (roving tabindex): the active row, or a column header after ↑ from the first row.
 * Keyboard: ↑ ↓ PgUp PgDn Home End move the active row, Enter opens it; in the header
 * ← → move between columns, Enter/Space sorts, ↓ goes back to the rows.
 */
import { h } from './dom';

export interface GridColumn {
  name: string;
  numeric: boolean;
  /** CSS track size, e.g. "12ch" or "minmax(20ch, 1fr)". */
  width: string;
}

export interface GridSource {
  count: number;
  /** Text of a cell; for a group header row, only column 0 is asked for. */
  cell(viewRow: number, column: number): string;
  /** A label when the view row is a group header (not selectable). */
  groupLabel?(viewRow: number): string | undefined;
  /** Extra CSS classes of a row (e.g. its severity). */
  rowClass?(viewRow: number): string;
}

export interface GridEvents {
  onSort?(column: number): void;
  onSelect?(viewRow: number): void;
  /** `fromKeyboard`: Enter (focus may move to what opens), not a click. */
  onActivate?(viewRow: number, fromKeyboard: boolean): void;
  onScroll?(scrollTop: number): void;
}

const ROW_HEIGHT = 24;
const OVERSCAN = 8;

export class VirtualTable {
  readonly element: HTMLElement;
  private readonly header: HTMLElement;
  private readonly sortButtons: HTMLButtonElement[] = [];
  private readonly viewport: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly body: HTMLElement;
  private readonly pool: HTMLElement[] = [];
  private source: GridSource = { count: 0, cell: () => '' };
  private active = -1;
  /** The column header that holds the tab stop, when the user went up into the header. */
  private headerFocus: number | undefined;
  private frame = 0;

  constructor(
    private readonly columns: GridColumn[],
    private readonly events: GridEvents,
    label: string,
  ) {
    const template = columns.map((column) => column.width).join(' ');
    this.header = h('div', { class: 'grid-row grid-header', role: 'row', 'aria-rowindex': 1 });
    this.header.style.gridTemplateColumns = template;
    columns.forEach((column, index) => {
      const button = h(
        'button',
        { class: `grid-sort${column.numeric ? ' numeric' : ''}`, type: 'button', title: column.name, tabindex: -1 },
        column.name,
      );
      button.addEventListener('click', () => this.events.onSort?.(index));
      this.sortButtons.push(button);
      this.header.append(h('div', { class: 'grid-cell', role: 'columnheader', 'aria-colindex': index + 1 }, button));
    });
    this.spacer = h('div', { class: 'grid-spacer', 'aria-hidden': 'true' });
    this.body = h('div', { class: 'grid-body', role: 'rowgroup' });
    this.viewport = h('div', { class: 'grid-viewport' }, this.spacer, this.body);
    this.element = h(
      'div',
      // Read-only: a screen reader must not call the cells editable.
      { class: 'grid', role: 'grid', 'aria-label': label, 'aria-colcount': columns.length, 'aria-readonly': 'true' },
      h('div', { class: 'grid-head', role: 'rowgroup' }, this.header),
      this.viewport,
    );
    this.body.style.setProperty('--grid-columns', template);
    this.viewport.addEventListener('scroll', () => {
      this.schedule();
      this.events.onScroll?.(this.viewport.scrollTop);
    });
    this.element.addEventListener('keydown', (event) => this.onKey(event));
    this.body.addEventListener('click', (event) => {
      const row = (event.target as HTMLElement).closest<HTMLElement>('.grid-row');
      if (!row?.dataset.viewRow) return;
      this.setActive(Number(row.dataset.viewRow), { notify: true, reveal: false });
      this.events.onActivate?.(this.active, false);
    });
    // The tab stop follows focus (roving tabindex), however focus came: Tab, a click, the keys.
    // Focus is selection here (one active row): a row reached by Tab becomes the active row.
    this.element.addEventListener('focusin', (event) => {
      const target = event.target as HTMLElement;
      const column = this.sortButtons.indexOf(target as HTMLButtonElement);
      if (column >= 0) {
        this.headerFocus = column;
        return;
      }
      const row = target.closest<HTMLElement>('.grid-body .grid-row');
      if (!row?.dataset.viewRow) return;
      this.headerFocus = undefined;
      if (this.active < 0) this.setActive(Number(row.dataset.viewRow), { reveal: false });
    });
    new ResizeObserver(() => this.schedule()).observe(this.viewport);
  }

  /** New rows (after filtering, sorting, grouping); keeps the active row when it is still there. */
  setSource(source: GridSource, activeRow = -1): void {
    this.source = source;
    this.spacer.style.height = `${source.count * ROW_HEIGHT}px`;
    this.element.setAttribute('aria-rowcount', String(source.count + 1));
    this.active = activeRow < source.count ? activeRow : -1;
    this.renderNow();
  }

  setSortIndicator(column: number | undefined, descending: boolean): void {
    [...this.header.children].forEach((cell, index) => {
      // aria-sort only on the one sorted column (ARIA: one header at a time).
      if (index === column) cell.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
      else cell.removeAttribute('aria-sort');
      cell.classList.toggle('sorted', index === column);
      cell.classList.toggle('descending', index === column && descending);
    });
  }

  get activeRow(): number {
    return this.active;
  }

  get scrollTop(): number {
    return this.viewport.scrollTop;
  }

  set scrollTop(value: number) {
    this.viewport.scrollTop = value;
    this.renderNow();
  }

  /** Moves focus to the grid's one tab stop. */
  focus(): void {
    if (this.headerFocus !== undefined) {
      this.sortButtons[this.headerFocus]?.focus();
      return;
    }
    const row = this.renderedRow(this.tabRow());
    (row ?? this.viewport).focus({ preventScroll: true });
  }

  setActive(viewRow: number, options: { notify?: boolean; reveal?: boolean } = {}): void {
    if (viewRow < 0 || viewRow >= this.source.count) return;
    if (this.source.groupLabel?.(viewRow) !== undefined) return;
    this.active = viewRow;
    if (options.reveal !== false) this.reveal(viewRow);
    this.renderNow();
    if (options.notify) this.events.onSelect?.(viewRow);
  }

  /** The row that is the tab stop: the active one, else the first selectable row. */
  private tabRow(): number {
    return this.active >= 0 ? this.active : (this.nextSelectable(-1, 1) ?? -1);
  }

  private renderedRow(viewRow: number): HTMLElement | undefined {
    if (viewRow < 0) return undefined;
    return this.pool.find((row) => !row.hidden && row.dataset.viewRow === String(viewRow));
  }

  private reveal(viewRow: number): void {
    const top = viewRow * ROW_HEIGHT;
    const height = this.viewport.clientHeight;
    if (top < this.viewport.scrollTop) this.viewport.scrollTop = top;
    else if (top + ROW_HEIGHT > this.viewport.scrollTop + height) this.viewport.scrollTop = top + ROW_HEIGHT - height;
  }

  private onKey(event: KeyboardEvent): void {
    const inHeader = this.sortButtons.includes(event.target as HTMLButtonElement);
    if (inHeader) {
      this.onHeaderKey(event);
      return;
    }
    const page = Math.max(1, Math.floor(this.viewport.clientHeight / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    let target: number | undefined;
    if (event.key === 'ArrowUp' && this.active >= 0 && this.nextSelectable(this.active, -1) === this.active) {
      // Up from the first row: into the header, to sort by keyboard.
      event.preventDefault();
      this.focusHeader(0);
      return;
    }
    if (event.key in moves)
      target = this.nextSelectable(this.active < 0 ? -1 : this.active, moves[event.key] as number);
    else if (event.key === 'Home') target = this.nextSelectable(-1, 1);
    else if (event.key === 'End') target = this.nextSelectable(this.source.count, -1);
    else if (event.key === 'Enter' && this.active >= 0) {
      event.preventDefault();
      this.events.onActivate?.(this.active, true);
      return;
    } else return;
    event.preventDefault();
    if (target !== undefined) {
      this.setActive(target, { notify: true });
      this.focus();
    }
  }

  private onHeaderKey(event: KeyboardEvent): void {
    const current = this.headerFocus ?? 0;
    const last = this.sortButtons.length - 1;
    const targets: Record<string, number> = {
      ArrowLeft: Math.max(0, current - 1),
      ArrowRight: Math.min(last, current + 1),
      Home: 0,
      End: last,
    };
    if (event.key in targets) {
      event.preventDefault();
      this.focusHeader(targets[event.key] as number);
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      this.headerFocus = undefined;
      this.renderNow();
      const row = this.tabRow();
      if (row >= 0) this.reveal(row);
      this.renderNow();
      this.focus();
    }
  }

  private focusHeader(column: number): void {
    this.headerFocus = column;
    this.renderNow();
    this.focus();
  }

  /** The next row that is not a group header, `step` rows away (clamped to the ends). */
  private nextSelectable(from: number, step: number): number | undefined {
    let row = Math.min(this.source.count - 1, Math.max(0, from + step));
    const direction = step > 0 ? 1 : -1;
    while (row >= 0 && row < this.source.count && this.source.groupLabel?.(row) !== undefined) row += direction;
    return row >= 0 && row < this.source.count ? row : undefined;
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.renderNow();
    });
  }

  private renderNow(): void {
    const height = this.viewport.clientHeight || 600;
    const first = Math.max(0, Math.floor(this.viewport.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(this.source.count, Math.ceil((this.viewport.scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
    const needed = last - first;
    while (this.pool.length < needed) this.pool.push(this.newRow());
    // A reused row element must not carry focus to another row: remember whose focus it was.
    const focused = this.pool.find((row) => row === document.activeElement)?.dataset.viewRow;
    const tabRow = this.headerFocus === undefined ? this.tabRow() : -1;
    this.pool.forEach((row, index) => {
      const viewRow = first + index;
      if (index >= needed) {
        row.hidden = true;
        row.tabIndex = -1;
        return;
      }
      row.hidden = false;
      row.style.transform = `translateY(${viewRow * ROW_HEIGHT}px)`;
      row.dataset.viewRow = String(viewRow);
      row.setAttribute('aria-rowindex', String(viewRow + 2));
      row.tabIndex = viewRow === tabRow ? 0 : -1;
      const group = this.source.groupLabel?.(viewRow);
      row.className = `grid-row${group !== undefined ? ' grid-group' : ''}${viewRow === this.active ? ' active' : ''} ${this.source.rowClass?.(viewRow) ?? ''}`;
      if (viewRow === this.active) row.setAttribute('aria-selected', 'true');
      else row.removeAttribute('aria-selected');
      const cells = row.children;
      for (let column = 0; column < cells.length; column++) {
        const cell = cells[column] as HTMLElement;
        // A group's header row shows the group's name in the first column only.
        const groupText = column === 0 ? (group ?? '') : '';
        const text = group !== undefined ? groupText : this.source.cell(viewRow, column);
        if (cell.textContent !== text) cell.textContent = text;
        if (group === undefined) cell.title = text.length > 40 ? text : '';
      }
    });
    this.sortButtons.forEach((button, index) => (button.tabIndex = index === this.headerFocus ? 0 : -1));
    // The tab stop scrolled out of the window: the viewport holds it (and focus) until it returns.
    const tabStop = this.renderedRow(tabRow);
    if (this.headerFocus !== undefined || tabStop) {
      if (document.activeElement === this.viewport) tabStop?.focus({ preventScroll: true });
      this.viewport.removeAttribute('tabindex');
    } else this.viewport.tabIndex = 0;
    if (focused !== undefined && focused !== document.activeElement?.getAttribute('data-view-row'))
      (this.renderedRow(Number(focused)) ?? tabStop ?? this.viewport).focus({ preventScroll: true });
  }

  private newRow(): HTMLElement {
    const row = h('div', { class: 'grid-row', role: 'row', tabindex: -1 });
    row.style.gridTemplateColumns = this.header.style.gridTemplateColumns;
    for (let column = 0; column < this.columns.length; column++)
      row.append(
        h('div', {
          class: `grid-cell${this.columns[column]?.numeric ? ' numeric' : ''}`,
          role: 'gridcell',
          'aria-colindex': column + 1,
        }),
      );
    this.body.append(row);
    return row;
  }
}

export const GRID_ROW_HEIGHT = ROW_HEIGHT;
