/**
 * A year-overview row in words, the same in the VS Code view and in `iplos status`: each
 * part a short phrase (made with msg, so the extension shows it in the UI language; the
 * CLI keeps English), dates in Norwegian format (core/format). `summary` is the row's one
 * line: the action and the fact it rests on (the counts, how long SSB has been waited for),
 * then the deadline when one applies.
 */
import { formatDate, formatDateTime, formatInteger } from '../format/norwegian';
import { msg } from '../i18n';
import { dateAtNoon, daysBetween, osloDate, type Deadline } from './deadlines';
import type { RoundCounts } from '../rounds';
import type { ActionNeeded, FeedbackSummary, OverviewRow } from './overviewRow';

export interface RowText {
  /** "0403 Hamar", "0301 Oslo, bydel 01". */
  name: string;
  lastSend: string;
  feedback: string;
  /** Errors and warnings of the latest feedback; '' when there is none. */
  counts: string;
  /** Fixed / new / remaining since the round before; '' when not known. */
  change: string;
  deadline: string;
  action: string;
  /** One line: what to do and by when. */
  summary: string;
}

export function describeRow(row: OverviewRow, now: Date): RowText {
  const counts = describeSummary(row.latestFeedback?.summary);
  const change = row.latestFeedback?.summary.kind === 'read' ? describeChange(row.latestFeedback.summary.change) : '';
  const deadline = row.deadline ? describeDeadline(row.deadline) : '';
  const action = describeAction(row.action);
  const feedback = describeFeedback(row, now);
  return {
    name: profileName(row),
    lastSend: describeLastSend(row),
    feedback,
    counts,
    change,
    deadline,
    action,
    summary: [row.overdue ? msg('OVERDUE') : '', ...summaryParts(row, { action, counts, change, feedback }), deadline]
      .filter(Boolean)
      .join(' · '),
  };
}

/** What the one line says before the deadline: the action, and the fact it rests on. */
function summaryParts(row: OverviewRow, text: Pick<RowText, 'action' | 'counts' | 'change' | 'feedback'>): string[] {
  switch (row.action) {
    case 'fix-errors':
      return [text.action, text.counts, text.change];
    case 'wait':
      return [text.feedback];
    case 'none':
      return [text.counts || text.action, text.change];
    default:
      return [text.action];
  }
}

export function profileName(row: Pick<OverviewRow, 'profile'>): string {
  const { number, name, bydel } = row.profile;
  return bydel && bydel !== '00' ? msg('{0} {1}, bydel {2}', number, name, bydel) : `${number} ${name}`;
}

function describeLastSend(row: OverviewRow): string {
  const send = row.lastSend;
  const unfinished = row.unfinished ? msg('a send was interrupted {0}', formatDateTime(row.unfinished.at)) : '';
  if (!send) return unfinished || msg('not sent');
  const sent = msg('{0} ({1}), receipt {2}', formatDateTime(send.sentAt), send.environment, send.receiptId);
  return unfinished ? `${sent}; ${unfinished}` : sent;
}

function describeFeedback(row: OverviewRow, now: Date): string {
  if (row.feedback === 'not-sent') return msg('none (not sent)');
  if (row.feedback === 'waiting' && row.waitingSince) {
    const days = daysBetween(osloDate(new Date(row.waitingSince)), osloDate(now));
    return msg('waiting since {0} ({1} days)', formatDate(row.waitingSince), formatInteger(days));
  }
  const latest = row.latestFeedback;
  return latest ? msg('received {0}', formatDate(latest.at)) : msg('received');
}

export function describeSummary(summary: FeedbackSummary | undefined): string {
  if (!summary) return '';
  switch (summary.kind) {
    case 'read':
      return `${countText(summary.counts.errors, 'error')}, ${countText(summary.counts.warnings, 'warning')}`;
    case 'not-decrypted':
      return msg('feedback not decrypted');
    case 'missing':
      return msg('feedback folder missing: {0}', summary.folder);
    case 'unreadable':
      return msg('feedback cannot be read: {0}', summary.folder);
  }
}

function countText(count: number, what: 'error' | 'warning'): string {
  if (what === 'error') return count === 1 ? msg('1 error') : msg('{0} errors', formatInteger(count));
  return count === 1 ? msg('1 warning') : msg('{0} warnings', formatInteger(count));
}

export function describeChange(change: RoundCounts | undefined): string {
  if (!change) return '';
  return msg(
    '{0} fixed · {1} new · {2} remaining',
    formatInteger(change.fixed),
    formatInteger(change.new),
    formatInteger(change.remaining),
  );
}

export function describeDeadline(due: Deadline): string {
  const date = formatDate(dateAtNoon(due.date));
  const left = daysLeftText(due.daysLeft);
  return due.kind === 'reporting'
    ? msg('reporting deadline {0} ({1})', date, left)
    : msg('correction deadline {0} ({1})', date, left);
}

export function daysLeftText(days: number): string {
  if (days === 0) return msg('today');
  if (days === 1) return msg('1 day left');
  if (days > 1) return msg('{0} days left', formatInteger(days));
  if (days === -1) return msg('1 day overdue');
  return msg('{0} days overdue', formatInteger(-days));
}

export function describeAction(action: ActionNeeded): string {
  switch (action) {
    case 'send':
      return msg('send the extract');
    case 'resume':
      return msg('resume the interrupted send');
    case 'fix-errors':
      return msg("fix SSB's errors in the EPJ and send again");
    case 'open-feedback':
      return msg('download and decrypt the feedback');
    case 'wait':
      return msg("wait for SSB's feedback");
    case 'none':
      return msg('nothing to do');
  }
}
