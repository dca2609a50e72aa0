/**
 * The year overview's states and order: a profile never sent, one waiting, one overdue,
 * feedback with errors, clean feedback, a district, an interrupted resend — and 40
 * profiles sorted by what needs action first, the same whatever order they are configured in.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS, type MunicipalityProfile } from '../../../src/core/config/settings';
import { buildHistory, type HistoryEvent } from '../../../src/core/history';
import type { FeedbackRoundSummary } from '../../../src/core/rounds';
import { buildYearOverview, describeRow, URGENCY, type OverviewRow } from '../../../src/core/overview';
import { day, download, send, YEAR } from './overviewEvents';

const deadlines = { reportingDeadline: '01-15', correctionDeadline: '03-31' };

function overview(
  profiles: MunicipalityProfile[],
  events: HistoryEvent[],
  now: Date,
  summaries: [string, RoundSummary][] = [],
) {
  return buildYearOverview({
    profiles,
    history: buildHistory(events),
    year: YEAR,
    environment: 'test',
    deadlines,
    now,
    rounds: new Map(summaries.map(([fileId, summary]) => [fileId, { fileId, ...summary }])),
  });
}

const hamar = { number: '0403', name: 'Hamar' };
const stange = { number: '3413', name: 'Stange' };
const loten = { number: '3412', name: 'Løten' };
const osloGamle = { number: '0301', name: 'Oslo', bydel: '01' };
const osloGrunerlokka = { number: '0301', name: 'Oslo', bydel: '02' };

/** core/rounds' summary of a download (what HistoryModel.rounds() holds), without its file id. */
type RoundSummary = Omit<FeedbackRoundSummary, 'fileId'>;
const clean = (errors = 0, warnings = 0): RoundSummary => ({ counts: { errors, warnings, other: 0 } });

function only(rows: OverviewRow[], id: string): OverviewRow {
  const row = rows.find((candidate) => candidate.id === id);
  assert.ok(row, `a row for ${id}`);
  return row;
}

describe('buildYearOverview: the state of one profile', () => {
  it('never sent, before the reporting deadline: send, the reporting deadline with its days left', () => {
    const { rows } = overview([hamar], [], day('2026-01-05'));
    const row = only(rows, '0403');
    assert.equal(row.feedback, 'not-sent');
    assert.equal(row.action, 'send');
    assert.equal(row.overdue, false);
    assert.equal(row.urgency, URGENCY.notSent);
    assert.deepEqual(row.deadline, { kind: 'reporting', date: '2026-01-15', daysLeft: 10 });
    assert.equal(row.lastSend, undefined);
    const text = describeRow(row, day('2026-01-05'));
    assert.equal(text.deadline, 'reporting deadline 15.01.2026 (10 days left)');
    assert.equal(text.lastSend, 'not sent');
  });

  it('never sent, after the reporting deadline: overdue, first of all', () => {
    const { rows } = overview([hamar], [], day('2026-01-18'));
    const row = only(rows, '0403');
    assert.equal(row.overdue, true);
    assert.equal(row.urgency, URGENCY.overdue);
    assert.equal(row.deadline?.daysLeft, -3);
    assert.match(
      describeRow(row, day('2026-01-18')).summary,
      /^OVERDUE · send the extract · reporting deadline 15\.01\.2026 \(3 days overdue\)$/,
    );
  });

  it('on the deadline day itself: not overdue, "today"', () => {
    const { rows } = overview([hamar], [], new Date('2026-01-15T22:30:00Z')); // 23:30 in Norway
    const row = only(rows, '0403');
    assert.equal(row.overdue, false);
    assert.equal(describeRow(row, new Date()).deadline, 'reporting deadline 15.01.2026 (today)');
  });

  it('sent, no feedback yet: waiting since the receipt, never overdue, the correction deadline next', () => {
    const events = send({ municipality: '0403', day: '2026-01-10', id: 'h1' });
    const now = day('2026-04-02');
    const { rows } = overview([hamar], events, now);
    const row = only(rows, '0403');
    assert.equal(row.feedback, 'waiting');
    assert.equal(row.action, 'wait');
    assert.equal(row.overdue, false, 'waiting for SSB is not the officer’s delay');
    assert.equal(row.urgency, URGENCY.waiting);
    assert.equal(row.lastSend?.receiptId, 'R-h1');
    assert.equal(row.waitingSince, row.lastSend?.sentAt);
    assert.equal(row.deadline?.kind, 'correction');
    const text = describeRow(row, now);
    assert.equal(text.feedback, 'waiting since 10.01.2026 (82 days)');
    // The one line says how long SSB has been waited for; the passed deadline is a fact, not the officer's delay.
    assert.equal(text.summary, 'waiting since 10.01.2026 (82 days) · correction deadline 31.03.2026 (2 days overdue)');
    assert.match(text.lastSend, /^10\.01\.2026, 1\d:\d\d \(test\), receipt R-h1$/);
  });

  it('feedback with errors: fix them, by the correction deadline; overdue once it has passed', () => {
    const events = [
      ...send({ municipality: '0403', day: '2026-01-10', id: 'h1' }),
      download({ municipality: '0403', day: '2026-02-01', fileId: 'f1', folder: '/feedback/h1' }),
    ];
    const before = only(overview([hamar], events, day('2026-03-01'), [['f1', clean(12, 3)]]).rows, '0403');
    assert.equal(before.feedback, 'received');
    assert.equal(before.action, 'fix-errors');
    assert.equal(before.urgency, URGENCY.errors);
    assert.deepEqual(before.deadline, { kind: 'correction', date: '2026-03-31', daysLeft: 30 });
    assert.equal(describeRow(before, day('2026-03-01')).counts, '12 errors, 3 warnings');
    assert.equal(
      describeRow(before, day('2026-03-01')).summary,
      "fix SSB's errors in the EPJ and send again · 12 errors, 3 warnings · correction deadline 31.03.2026 (30 days left)",
    );
    const after = only(overview([hamar], events, day('2026-04-01'), [['f1', clean(12, 3)]]).rows, '0403');
    assert.equal(after.overdue, true);
    assert.equal(after.urgency, URGENCY.overdue);
  });

  it('clean feedback: nothing to do, no deadline, last in the list', () => {
    const events = [
      ...send({ municipality: '0403', day: '2026-01-10', id: 'h1' }),
      download({ municipality: '0403', day: '2026-02-01', fileId: 'f1', folder: '/feedback/h1' }),
    ];
    const row = only(overview([hamar], events, day('2026-04-20'), [['f1', clean(0, 4)]]).rows, '0403');
    assert.equal(row.action, 'none');
    assert.equal(row.overdue, false);
    assert.equal(row.deadline, undefined);
    assert.equal(row.urgency, URGENCY.done);
    assert.equal(describeRow(row, day('2026-04-20')).summary, '0 errors, 4 warnings');
  });

  it('feedback downloaded but not decrypted: open it (before the waiting ones)', () => {
    const events = [
      ...send({ municipality: '0403', day: '2026-01-10', id: 'h1' }),
      download({ municipality: '0403', day: '2026-02-01', fileId: 'f1' }),
    ];
    const row = only(overview([hamar], events, day('2026-02-02')).rows, '0403');
    assert.equal(row.action, 'open-feedback');
    assert.equal(row.urgency, URGENCY.openFeedback);
    assert.equal(describeRow(row, day('2026-02-02')).counts, 'feedback not decrypted');
  });

  it('sent again after feedback: waiting for round 2, still showing round 1’s counts', () => {
    const events = [
      ...send({ municipality: '0403', day: '2026-01-10', id: 'h1' }),
      download({ municipality: '0403', day: '2026-02-01', fileId: 'f1', folder: '/feedback/h1' }),
      ...send({ municipality: '0403', day: '2026-02-20', id: 'h2' }),
    ];
    const row = only(overview([hamar], events, day('2026-02-25'), [['f1', clean(5, 0)]]).rows, '0403');
    assert.equal(row.feedback, 'waiting');
    assert.equal(row.lastSend?.receiptId, 'R-h2');
    assert.equal(row.latestFeedback?.fileId, 'f1');
    assert.equal(row.latestFeedback?.answersLastSend, false);
    assert.equal(row.action, 'wait');
  });

  it('a resend that failed after the first round: resume it, by the correction deadline', () => {
    const events = [
      ...send({ municipality: '0403', day: '2026-01-10', id: 'h1' }),
      download({ municipality: '0403', day: '2026-02-01', fileId: 'f1', folder: '/feedback/h1' }),
      ...send({ municipality: '0403', day: '2026-02-20', id: 'h2', complete: false }),
    ];
    const row = only(overview([hamar], events, day('2026-02-25'), [['f1', clean(5, 0)]]).rows, '0403');
    assert.equal(row.action, 'resume');
    assert.equal(row.unfinished?.submissionId, 'h2');
    assert.equal(row.unfinished?.status, 'failed');
    assert.equal(row.lastSend?.receiptId, 'R-h1');
    assert.equal(row.deadline?.kind, 'correction');
    assert.equal(row.urgency, URGENCY.notSent);
  });

  it('districts are rows of their own: a send of bydel 01 is not bydel 02’s', () => {
    const events = send({ municipality: '0301', bydel: '01', day: '2026-01-10', id: 'o1' });
    const { rows } = overview([osloGamle, osloGrunerlokka], events, day('2026-01-12'));
    assert.equal(only(rows, '0301-01').feedback, 'waiting');
    assert.equal(only(rows, '0301-02').feedback, 'not-sent');
    assert.equal(describeRow(only(rows, '0301-02'), day('2026-01-12')).name, '0301 Oslo, bydel 02');
  });

  it('only the chosen environment and year count: a production send does not answer the test overview', () => {
    const events = [
      ...send({ municipality: '0403', day: '2026-01-10', id: 'p1', environment: 'production' }),
      ...submissionOfOtherYear(),
    ];
    const row = only(overview([hamar], events, day('2026-01-12')).rows, '0403');
    assert.equal(row.feedback, 'not-sent');
  });
});

function submissionOfOtherYear(): HistoryEvent[] {
  return send({ municipality: '0403', day: '2025-01-10', id: 'old' }).map((event) =>
    event.type === 'submission-created' ? { ...event, year: YEAR - 1 } : event,
  );
}

describe('buildYearOverview: the order', () => {
  it('what needs action first: overdue, not sent, errors, feedback to open, waiting, done', () => {
    const now = day('2026-04-02'); // after both deadlines
    const profiles = [
      { number: '0001', name: 'Done' },
      { number: '0002', name: 'Waiting' },
      { number: '0003', name: 'Errors late' },
      { number: '0004', name: 'Never sent' },
      { number: '0005', name: 'To open' },
    ];
    const events = [
      ...send({ municipality: '0001', day: '2026-01-10', id: 'a' }),
      download({ municipality: '0001', day: '2026-02-01', fileId: 'fa', folder: '/f/a' }),
      ...send({ municipality: '0002', day: '2026-03-30', id: 'b' }),
      ...send({ municipality: '0003', day: '2026-01-10', id: 'c' }),
      download({ municipality: '0003', day: '2026-02-01', fileId: 'fc', folder: '/f/c' }),
      ...send({ municipality: '0005', day: '2026-01-10', id: 'e' }),
      download({ municipality: '0005', day: '2026-02-01', fileId: 'fe' }),
    ];
    const { rows } = overview(profiles, events, now, [
      ['fa', clean(0, 2)],
      ['fc', clean(3, 0)],
    ]);
    assert.deepEqual(
      rows.map((row) => [row.profile.name, row.action, row.overdue]),
      [
        ['Never sent', 'send', true],
        ['Errors late', 'fix-errors', true],
        ['To open', 'open-feedback', false],
        ['Waiting', 'wait', false],
        ['Done', 'none', false],
      ],
    );
  });

  it('three municipalities in different states (the journey’s picture)', () => {
    const events = [
      ...send({ municipality: '0403', day: '2026-01-10', id: 'h1' }),
      download({ municipality: '0403', day: '2026-02-01', fileId: 'f1', folder: '/f/h1' }),
      ...send({ municipality: '3413', day: '2026-01-12', id: 's1' }),
    ];
    const { rows } = overview([hamar, stange, loten], events, day('2026-02-03'), [['f1', clean(7, 2)]]);
    assert.deepEqual(
      rows.map((row) => `${row.profile.name}: ${row.action}`),
      ['Løten: send', 'Hamar: fix-errors', 'Stange: wait'],
    );
  });

  it('40 profiles: every one a row, the urgent first, and the same order however they are configured', () => {
    const profiles: MunicipalityProfile[] = Array.from({ length: 40 }, (_, i) => ({
      number: String(3401 + i),
      name: `Kommune ${i}`,
      ...(i % 10 === 9 ? { bydel: String(i).padStart(2, '0') } : {}),
    }));
    const events: HistoryEvent[] = [];
    const summaries: [string, RoundSummary][] = [];
    // Four states, by the profile's number: 0 never sent, 1 waiting, 2 errors, 3 clean.
    profiles.forEach((profile, i) => {
      const state = i % 4;
      if (state === 0) return;
      const id = `s${i}`;
      const common = { municipality: profile.number, ...(profile.bydel ? { bydel: profile.bydel } : {}) };
      events.push(...send({ ...common, day: '2026-01-08', id }));
      if (state === 1) return;
      events.push(download({ ...common, day: '2026-01-25', fileId: `f${i}`, folder: `/f/${i}` }));
      summaries.push([`f${i}`, state === 2 ? clean(i, 1) : clean(0, i)]);
    });
    const now = day('2026-01-30');
    const forward = overview(profiles, events, now, summaries).rows;
    const backward = overview([...profiles].reverse(), events, now, summaries).rows;
    assert.equal(forward.length, 40);
    assert.deepEqual(
      forward.map((row) => row.id),
      backward.map((row) => row.id),
      'the configured order does not change the order of the rows',
    );
    const urgencies = forward.map((row) => row.urgency);
    assert.deepEqual(
      urgencies,
      [...urgencies].sort((a, b) => a - b),
      'sorted by urgency',
    );
    assert.deepEqual(
      forward.map((row) => row.action).filter((action, i, all) => all.indexOf(action) === i),
      ['send', 'fix-errors', 'wait', 'none'],
    );
    // Within "never sent" (the same deadline), by municipality number.
    const neverSent = forward.filter((row) => row.action === 'send').map((row) => row.profile.number);
    assert.deepEqual(neverSent, [...neverSent].sort());
    assert.equal(neverSent.length, 10);
    // The districts are there, with their own id.
    assert.ok(forward.some((row) => row.id === '3410-09'));
  });
});

describe('the deadlines are settings', () => {
  it('defaults: 15 January and 31 March of the year after the reporting year', () => {
    assert.equal(DEFAULT_SETTINGS.reportingDeadline, '01-15');
    assert.equal(DEFAULT_SETTINGS.correctionDeadline, '03-31');
  });

  it('other dates move the deadline and the days left', () => {
    const row = only(
      buildYearOverview({
        profiles: [hamar],
        history: buildHistory([]),
        year: YEAR,
        environment: 'test',
        deadlines: { reportingDeadline: '01-31', correctionDeadline: '03-15' },
        now: day('2026-01-18'),
      }).rows,
      '0403',
    );
    assert.deepEqual(row.deadline, { kind: 'reporting', date: '2026-01-31', daysLeft: 13 });
    assert.equal(row.overdue, false);
  });
});
