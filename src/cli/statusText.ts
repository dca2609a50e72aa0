/**
 * `iplos status` as a table on a terminal: one line per profile, sorted by what needs action
 * first (the core's order), with the columns a person scans for 40 municipalities —
 * municipality, what to do, the deadline, the latest feedback's counts and change, the
 * last send. The words are the core's (describeRow), so they match the VS Code view.
 */
import { describeRow, type YearOverview } from '../core/overview';
import { msg } from '../core/i18n';
import { terminalSafe } from './validationText';

/** The column titles, in the CLI's language. */
function columns(): string[] {
  return [
    msg('Municipality'),
    msg('Action'),
    msg('Next deadline'),
    msg('Latest feedback'),
    msg('Change'),
    msg('Last send'),
  ];
}

export function statusText(overview: YearOverview, now: Date): string {
  const COLUMNS = columns();
  const environment = overview.environment === 'production' ? msg('production') : msg('test');
  const header = `${msg('IPLOS {0} ({1}): {2} municipality profile(s)', overview.year, environment, overview.rows.length)}\n`;
  if (overview.rows.length === 0)
    return `${header}${msg('No municipality is set up: add them to "municipalities" in the configuration.')}\n`;
  const cells = overview.rows.map((row) => {
    const text = describeRow(row, now);
    const feedback = text.counts ? `${text.counts} · ${text.feedback}` : text.feedback;
    return [
      text.name,
      row.overdue ? msg('OVERDUE: {0}', text.action) : text.action,
      text.deadline || '—',
      feedback,
      text.change || '—',
      text.lastSend,
    ].map(terminalSafe);
  });
  const widths = COLUMNS.map((title, column) =>
    Math.max(title.length, ...cells.map((row) => (row[column] ?? '').length)),
  );
  const line = (row: readonly string[]): string =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return `${header}\n${[line(COLUMNS), line(widths.map((width) => '-'.repeat(width))), ...cells.map(line)].join('\n')}\n`;
}
