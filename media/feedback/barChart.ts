/**
 * A bar chart per numeric column of a control table, drawn with the platform's own SVG
 * (a rect per bar, a text per label — no chart engine): one bar per row, labelled by the
 * table's first text column. Sum rows ("Totalt", "Sum") are left out so they do not dwarf
 * the rest. Colours come from the theme, so light, dark and high contrast all work.
 * For a screen reader a chart is one image whose name holds its values ("Bar chart of
 * Antall brukere: Praktisk bistand 1 234, …"); its bars and labels are not read one by one
 * (role="img" makes them presentational) and nothing in it takes focus.
 */
import { parseNorwegianNumber } from '../../src/core/feedback/norwegianNumber';
import type { ViewTableFile } from '../../src/shared/feedbackProtocol';
import { h, svg } from './dom';
import { formatNumber, t } from './strings';

const MAX_BARS = 60;
const BAR = 18;
const GAP = 6;
const LABEL_WIDTH = 160;
const CHART_WIDTH = 520;

export function barCharts(file: ViewTableFile): HTMLElement | undefined {
  const labelColumn = file.columns.findIndex((column) => !column.numeric);
  const numeric = file.columns
    .map((column, index) => ({ column, index }))
    .filter(({ column, index }) => column.numeric && index !== labelColumn);
  const rows = file.rows.filter((row) => !/^(totalt|total|sum|i alt)$/i.test((row[labelColumn] ?? '').trim()));
  if (numeric.length === 0 || rows.length === 0 || rows.length > MAX_BARS) return undefined;
  const section = h('section', { class: 'charts', 'aria-label': t('Charts') });
  for (const { column, index } of numeric) {
    // A blank or SSB-suppressed cell (':' or '.') has no value: no bar, and "no value" in words, never 0.
    const values = rows.map((row) => parseNorwegianNumber(row[index] ?? ''));
    const max = Math.max(...values.map((value) => Math.abs(value ?? 0)), 1);
    const height = rows.length * (BAR + GAP) + GAP;
    const labelOf = (row: string[], rowIndex: number): string =>
      labelColumn >= 0 ? (row[labelColumn] ?? '') : String(rowIndex + 1);
    const valueText = (value: number | undefined): string =>
      value === undefined ? t('no value') : formatNumber(value);
    const valuesText = rows.map((row, rowIndex) => `${labelOf(row, rowIndex)} ${valueText(values[rowIndex])}`);
    const name = t('Bar chart of {0}: {1}', column.name, valuesText.join(', '));
    const chart = svg('svg', {
      class: 'bar-chart',
      viewBox: `0 0 ${LABEL_WIDTH + CHART_WIDTH + 80} ${height}`,
      role: 'img',
      'aria-label': name,
      focusable: 'false',
      preserveAspectRatio: 'xMinYMin meet',
    });
    chart.append(svg('title', {}, name));
    rows.forEach((row, rowIndex) => {
      const y = GAP + rowIndex * (BAR + GAP);
      const value = values[rowIndex];
      const width = value === undefined ? 0 : Math.max(value === 0 ? 0 : 1, (Math.abs(value) / max) * CHART_WIDTH);
      const label = labelOf(row, rowIndex);
      const bar =
        value === undefined
          ? []
          : [
              svg(
                'rect',
                { x: LABEL_WIDTH, y, width, height: BAR, class: 'bar', rx: 2 },
                svg('title', {}, `${label}: ${formatNumber(value)}`),
              ),
            ];
      chart.append(
        svg(
          'text',
          {
            x: LABEL_WIDTH - 8,
            y: y + BAR / 2,
            class: 'bar-label',
            'text-anchor': 'end',
            'dominant-baseline': 'middle',
          },
          label,
        ),
        ...bar,
        svg(
          'text',
          { x: LABEL_WIDTH + width + 6, y: y + BAR / 2, class: 'bar-value', 'dominant-baseline': 'middle' },
          valueText(value),
        ),
      );
    });
    section.append(h('figure', { class: 'chart' }, h('figcaption', {}, column.name), chart));
  }
  return section;
}
