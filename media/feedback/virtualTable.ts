/**
 * A grid that stays smooth at 100 000 rows: only the rows in view (plus a margin) exist in
 * the DOM, absolutely placed over a spacer as tall as all rows together, and reused as the
 * user scrolls. Keyboard: ↑ ↓ PgUp PgDn Home End move the active row, Enter opens it.
 * Rows are addressed by their position in the current view (after filter, sort, grouping).
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
  onActivate?(viewRow: number): void;
  onScroll?(scrollTop: number): void;
}

const ROW_HEIGHT = 24;
const OVERSCAN = 8;

export class VirtualTable {
  readonly element: HTMLElement;
  private readonly header: HTMLElement;
  private readonly viewport: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly body: HTMLElement;
  private readonly pool: HTMLElement[] = [];
  private source: GridSource = { count: 0, cell: () => '' };
  private active = -1;
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
        { class: `grid-sort${column.numeric ? ' numeric' : ''}`, type: 'button', title: column.name },
        column.name,
      );
      button.addEventListener('click', () => this.events.onSort?.(index));
      this.header.append(h('div', { class: 'grid-cell', role: 'columnheader', 'aria-sort': 'none' }, button));
    });
    this.spacer = h('div', { class: 'grid-spacer' });
    this.body = h('div', { class: 'grid-body', role: 'rowgroup' });
    this.viewport = h(
      'div',
      { class: 'grid-viewport', tabindex: 0, role: 'rowgroup', 'aria-label': label },
      this.spacer,
      this.body,
    );
    this.element = h(
      'div',
      { class: 'grid', role: 'grid', 'aria-label': label, 'aria-colcount': columns.length },
      h('div', { class: 'grid-head', role: 'rowgroup' }, this.header),
      this.viewport,
    );
    this.body.style.setProperty('--grid-columns', template);
    this.viewport.addEventListener('scroll', () => {
      this.schedule();
      this.events.onScroll?.(this.viewport.scrollTop);
    });
    this.viewport.addEventListener('keydown', (event) => this.onKey(event));
    this.body.addEventListener('click', (event) => {
      const row = (event.target as HTMLElement).closest<HTMLElement>('.grid-row');
      if (!row?.dataset.viewRow) return;
      this.setActive(Number(row.dataset.viewRow), { notify: true, reveal: false });
      this.events.onActivate?.(this.active);
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
      const order = descending ? 'descending' : 'ascending';
      cell.setAttribute('aria-sort', index === column ? order : 'none');
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

  focus(): void {
    this.viewport.focus();
  }

  setActive(viewRow: number, options: { notify?: boolean; reveal?: boolean } = {}): void {
    if (viewRow < 0 || viewRow >= this.source.count) return;
    if (this.source.groupLabel?.(viewRow) !== undefined) return;
    this.active = viewRow;
    if (options.reveal !== false) this.reveal(viewRow);
    this.renderNow();
    if (options.notify) this.events.onSelect?.(viewRow);
  }

  private reveal(viewRow: number): void {
    const top = viewRow * ROW_HEIGHT;
    const height = this.viewport.clientHeight;
    if (top < this.viewport.scrollTop) this.viewport.scrollTop = top;
    else if (top + ROW_HEIGHT > this.viewport.scrollTop + height) this.viewport.scrollTop = top + ROW_HEIGHT - height;
  }

  private onKey(event: KeyboardEvent): void {
    const page = Math.max(1, Math.floor(this.viewport.clientHeight / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    let target: number | undefined;
    if (event.key in moves)
      target = this.nextSelectable(this.active < 0 ? -1 : this.active, moves[event.key] as number);
    else if (event.key === 'Home') target = this.nextSelectable(-1, 1);
    else if (event.key === 'End') target = this.nextSelectable(this.source.count, -1);
    else if (event.key === 'Enter' && this.active >= 0) {
      event.preventDefault();
      this.events.onActivate?.(this.active);
      return;
    } else return;
    event.preventDefault();
    if (target !== undefined) this.setActive(target, { notify: true });
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
    while (this.pool.length < needed) {
      const row = h('div', { class: 'grid-row', role: 'row' });
      row.style.gridTemplateColumns = this.header.style.gridTemplateColumns;
      for (let column = 0; column < this.columns.length; column++)
        row.append(
          h('div', { class: `grid-cell${this.columns[column]?.numeric ? ' numeric' : ''}`, role: 'gridcell' }),
        );
      this.pool.push(row);
      this.body.append(row);
    }
    this.pool.forEach((row, index) => {
      const viewRow = first + index;
      if (index >= needed) {
        row.hidden = true;
        return;
      }
      row.hidden = false;
      row.style.transform = `translateY(${viewRow * ROW_HEIGHT}px)`;
      row.dataset.viewRow = String(viewRow);
      row.setAttribute('aria-rowindex', String(viewRow + 2));
      const group = this.source.groupLabel?.(viewRow);
      row.className = `grid-row${group !== undefined ? ' grid-group' : ''}${viewRow === this.active ? ' active' : ''} ${this.source.rowClass?.(viewRow) ?? ''}`;
      row.setAttribute('aria-selected', String(viewRow === this.active));
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
  }
}

export const GRID_ROW_HEIGHT = ROW_HEIGHT;
