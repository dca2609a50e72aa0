/**
 * `iplos status`: the year overview of every profile in the configuration, from a real
 * history file and a real decrypted feedback folder — as a table and as JSON with a stable
 * `format`. Nothing here connects anywhere (the endpoints are loopback, port 9, unused).
 */
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { HistoryStore, type HistoryEvent } from '../../../src/core/history';
import type { StatusJson } from '../../../src/cli/statusJson';
import { runCliInProcess } from '../../helpers/cliInProcess';
import { tempDir } from '../../helpers/tempDir';
import { csv } from '../../sandbox/ssb/feedbackFiles';
import { download, send } from '../overview/overviewEvents';

const LOOPBACK = {
  ipisTestUrl: 'https://127.0.0.1:9/SendemodulTEST',
  ipisProductionUrl: 'https://127.0.0.1:9/Sendemodul',
  ssbUrl: 'https://127.0.0.1:9',
};

const PROFILES = [
  { number: '0403', name: 'Hamar' },
  { number: '3413', name: 'Stange' },
  { number: '3412', name: 'Løten' },
  { number: '0301', name: 'Oslo', bydel: '01' },
];

/** A configuration with the four profiles and its own history: Hamar has feedback with errors, Stange waits, Løten and Oslo 01 have sent nothing. */
async function setUp(extra: object = {}): Promise<string> {
  const dir = await tempDir();
  const folder = join(dir, 'tilbakemelding', '040300_iplos_2025_test');
  await mkdir(folder, { recursive: true });
  await writeFile(
    join(folder, 'feilliste.csv'),
    csv([
      ['Kommunenr', 'Bydel', 'Brukernr', 'Tjenestetype', 'Variabel', 'Verdi', 'Feilkode', 'Alvorlighet', 'Melding'],
      ['0403', '00', '17', '11', 'timer', '200', 'T12', 'Feil', 'For mange timer'],
      ['0403', '00', '18', '11', 'timer', '190', 'T12', 'Feil', 'For mange timer'],
      ['0403', '00', '19', '2', 'dato', '', 'D02', 'Advarsel', 'Mangler dato'],
    ]),
  );
  const events: HistoryEvent[] = [
    ...send({ municipality: '0403', day: '2026-01-08', id: 'h1' }),
    download({ municipality: '0403', day: '2026-01-20', fileId: 'f1', folder }),
    ...send({ municipality: '3413', day: '2026-01-12', id: 's1' }),
  ];
  const store = new HistoryStore(join(dir, 'state', 'history.jsonl'));
  for (const event of events) await store.append(event);
  const config = join(dir, 'iplos.config.json');
  await writeFile(
    config,
    JSON.stringify({ endpoints: LOOPBACK, municipalities: PROFILES, historyLocation: 'state', ...extra }),
  );
  return config;
}

describe('iplos status', () => {
  it('--json: every profile, sorted by what needs action first, with the counts and the deadline', async () => {
    const config = await setUp();
    const run = await runCliInProcess([
      'status',
      '--year',
      '2025',
      '--today',
      '2026-02-03',
      '--json',
      '--config',
      config,
    ]);
    assert.equal(run.status, 0, run.stderr);
    const json = JSON.parse(run.stdout) as StatusJson;
    assert.equal(json.format, 'iplos-status/1');
    assert.equal(json.year, 2025);
    assert.equal(json.environment, 'test');
    assert.deepEqual(
      json.rows.map((row) => [row.id, row.action, row.overdue]),
      [
        ['0301-01', 'send', true],
        ['3412', 'send', true],
        ['0403', 'fix-errors', false],
        ['3413', 'wait', false],
      ],
    );
    const hamar = json.rows[2];
    assert.deepEqual(hamar?.latestFeedback?.summary, { kind: 'read', counts: { errors: 2, warnings: 1, other: 0 } });
    assert.deepEqual(hamar?.deadline, { kind: 'correction', date: '2026-03-31', daysLeft: 56 });
    assert.equal(hamar?.text.deadline, 'correction deadline 31.03.2026 (56 days left)');
    assert.equal(hamar?.lastSend?.receiptId, 'R-h1');
    assert.equal(json.rows[0]?.bydel, '01');
    assert.equal(json.rows[0]?.text.name, '0301 Oslo, bydel 01');
  });

  it('the table: one line per profile, the overdue ones marked, Norwegian dates', async () => {
    const config = await setUp();
    const run = await runCliInProcess(['status', '--year', '2025', '--today', '2026-02-03', '--config', config]);
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.trimEnd().split('\n');
    assert.equal(lines[0], 'IPLOS 2025 (test): 4 municipality profile(s)');
    assert.match(lines[2] ?? '', /^Municipality\s+Action\s+Next deadline\s+Latest feedback\s+Change\s+Last send$/);
    const body = lines.slice(4);
    assert.equal(body.length, 4);
    assert.match(
      body[0] ?? '',
      /^0301 Oslo, bydel 01\s+OVERDUE: send the extract\s+reporting deadline 15\.01\.2026 \(19 days overdue\)/,
    );
    assert.match(
      body[2] ?? '',
      /^0403 Hamar\s+fix SSB's errors in the EPJ and send again\s+correction deadline 31\.03\.2026 \(56 days left\)\s+2 errors, 1 warning · received 20\.01\.2026/,
    );
    assert.match(body[3] ?? '', /^3413 Stange\s+wait for SSB's feedback .*waiting since 12\.01\.2026 \(22 days\)/);
  });

  it('the deadlines come from the configuration; a bad one is a usage error naming it', async () => {
    const later = await setUp({ reportingDeadline: '02-28' });
    const run = await runCliInProcess([
      'status',
      '--year',
      '2025',
      '--today',
      '2026-02-03',
      '--json',
      '--config',
      later,
    ]);
    const json = JSON.parse(run.stdout) as StatusJson;
    assert.deepEqual(json.rows[0]?.deadline, { kind: 'reporting', date: '2026-02-28', daysLeft: 25 });
    assert.equal(json.rows[0]?.overdue, false);

    const bad = await setUp({ correctionDeadline: '31.03' });
    const refused = await runCliInProcess(['status', '--config', bad]);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /correctionDeadline must be a month and day as MM-DD/);
  });

  it('another environment has its own rounds: in production nothing was sent', async () => {
    const config = await setUp();
    const run = await runCliInProcess([
      'status',
      '--year',
      '2025',
      '--today',
      '2026-01-10',
      '--environment',
      'production',
      '--json',
      '--config',
      config,
    ]);
    const json = JSON.parse(run.stdout) as StatusJson;
    assert.equal(json.environment, 'production');
    assert.ok(json.rows.every((row) => row.action === 'send' && !row.overdue));
  });

  it('refuses a --today that is not a date', async () => {
    const config = await setUp();
    const run = await runCliInProcess(['status', '--today', '2026-02-30', '--config', config]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--today must be a date/);
  });
});
