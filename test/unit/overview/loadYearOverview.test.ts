/**
 * loadYearOverview reads the latest feedback's folder (real files, the sandbox's error-list
 * shape): errors and warnings as SSB wrote them, a folder that is gone said so, a read
 * summary kept in the cache and not read again.
 */
import assert from 'node:assert/strict';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { buildHistory } from '../../../src/core/history';
import { describeRow, loadYearOverview } from '../../../src/core/overview';
import { csv } from '../../sandbox/ssb/feedbackFiles';
import { tempDir } from '../../helpers/tempDir';
import { day, download, send, YEAR } from './overviewEvents';

const HEADER = [
  'Kommunenr',
  'Bydel',
  'Brukernr',
  'Tjenestetype',
  'Variabel',
  'Verdi',
  'Feilkode',
  'Alvorlighet',
  'Melding',
];

/** A decrypted feedback folder whose error list has these rows: [code, severity, brukerNr?]. */
async function feedbackFolder(rows: [string, string, string?][]): Promise<string> {
  const folder = join(await tempDir(), 'tilbakemelding');
  await mkdir(folder);
  const lines = rows.map(([code, severity, client], i) => [
    '0403',
    '00',
    client ?? String(1000 + i),
    '11',
    'v',
    '1',
    code,
    severity,
    'm',
  ]);
  await writeFile(join(folder, 'feilliste.csv'), csv([HEADER, ...lines]));
  await writeFile(join(folder, 'les_meg.txt'), 'Tilbakemelding IPLOS.\r\n');
  return folder;
}

describe('loadYearOverview', () => {
  it('the latest feedback’s counts, by the rounds: errors (Feil, Kritisk feil), warnings (Advarsel), the rest other', async () => {
    const folder = await feedbackFolder([
      ['T01', 'Feil'],
      ['T02', 'Feil'],
      ['X01', 'Kritisk feil'],
      ['A01', 'Advarsel'],
      ['I01', 'Informasjon'],
    ]);
    const history = buildHistory([
      ...send({ municipality: '0403', day: '2026-01-10', id: 'h1' }),
      download({ municipality: '0403', day: '2026-02-01', fileId: 'f1', folder }),
    ]);
    const input = {
      profiles: [{ number: '0403', name: 'Hamar' }],
      history,
      year: YEAR,
      environment: 'test' as const,
      deadlines: { reportingDeadline: '01-15', correctionDeadline: '03-31' },
      now: day('2026-02-02'),
    };
    const { rows } = await loadYearOverview(input);
    assert.deepEqual(rows[0]?.latestFeedback?.summary, { kind: 'read', counts: { errors: 3, warnings: 1, other: 1 } });
    assert.equal(rows[0]?.action, 'fix-errors');

    // A folder that is gone is said so, not thrown; the row asks to download it again.
    await rm(folder, { recursive: true });
    const gone = await loadYearOverview(input);
    assert.deepEqual(gone.rows[0]?.latestFeedback?.summary, { kind: 'missing', folder });
    assert.equal(gone.rows[0]?.action, 'open-feedback');
  });

  it('the change since the round before, by the rounds comparison: fixed, new, remaining', async () => {
    const first = await feedbackFolder([
      ['T01', 'Feil', '11'],
      ['T02', 'Feil', '12'],
      ['T03', 'Advarsel', '13'],
    ]);
    const second = await feedbackFolder([
      ['T03', 'Advarsel', '13'],
      ['T09', 'Feil', '14'],
    ]);
    const history = buildHistory([
      ...send({ municipality: '0403', day: '2026-01-10', id: 'h1' }),
      download({ municipality: '0403', day: '2026-02-01', fileId: 'f1', folder: first }),
      ...send({ municipality: '0403', day: '2026-02-10', id: 'h2' }),
      download({ municipality: '0403', day: '2026-02-20', fileId: 'f2', folder: second }),
    ]);
    const { rows } = await loadYearOverview({
      profiles: [{ number: '0403', name: 'Hamar' }],
      history,
      year: YEAR,
      environment: 'test',
      deadlines: { reportingDeadline: '01-15', correctionDeadline: '03-31' },
      now: day('2026-02-21'),
    });
    const row = rows[0];
    assert.equal(row?.latestFeedback?.fileId, 'f2');
    assert.deepEqual(row?.latestFeedback?.summary, {
      kind: 'read',
      counts: { errors: 1, warnings: 1, other: 0 },
      change: { fixed: 2, new: 1, remaining: 1 },
    });
    assert.equal(row && describeRow(row, day('2026-02-21')).change, '2 fixed · 1 new · 1 remaining');
  });

  it('a cancelled load rejects as a cancel', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(
      loadYearOverview(
        {
          profiles: [{ number: '0403', name: 'Hamar' }],
          history: buildHistory([]),
          year: YEAR,
          environment: 'test',
          deadlines: { reportingDeadline: '01-15', correctionDeadline: '03-31' },
          now: day('2026-02-02'),
        },
        { signal: controller.signal },
      ),
      { name: 'AbortError' },
    );
  });
});
