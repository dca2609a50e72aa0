/**
 * `iplos --lang nb` speaks bokmål in its own lines too (issue 15): the help, a control with
 * errors, the year overview, a feedback comparison, usage errors and a key prompt on a
 * terminal. Each run's whole output must hold the Norwegian lines expected and no English
 * string of the bundle whose translation differs (the English-leftover matcher of the
 * Norwegian journey, here also inside a line: the CLI puts "iplos validate: " and values
 * around its messages). Real files; nothing connects anywhere (the endpoints are loopback,
 * 127.0.0.1 port 9, unused).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { useCliLanguage } from '../../../src/cli/language';
import { HistoryStore } from '../../../src/core/history';
import { CLI } from '../../helpers/cli';
import { runCliInProcess, type CliRun } from '../../helpers/cliInProcess';
import { englishMatcher } from '../../helpers/englishLeftovers';
import { writeHandExtract } from '../../helpers/handExtract';
import { tempDir } from '../../helpers/tempDir';
import { csv } from '../../sandbox/ssb/feedbackFiles';
import { download, send } from '../overview/overviewEvents';

const LOOPBACK = {
  ipisTestUrl: 'https://127.0.0.1:9/SendemodulTEST',
  ipisProductionUrl: 'https://127.0.0.1:9/Sendemodul',
  ssbUrl: 'https://127.0.0.1:9',
};

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

const matcher = englishMatcher();

/** Words that are also values of the CLI's options (--env test|production), written as typed in any language. */
const OPTION_VALUES = new Set(['production']);

/** English the bundle translates, anywhere in what the run wrote (stdout and stderr). */
function englishIn(run: Pick<CliRun, 'stdout' | 'stderr'>): string[] {
  return matcher
    .leftovers([run.stdout, run.stderr], { within: true })
    .filter((found) => !OPTION_VALUES.has(found.english))
    .map((found) => `"${found.english}" in "${found.text.slice(0, 160)}"`);
}

/** A feedback folder SSB's way (…_iplos_<year>_test) with an error list of these rows. */
async function feedbackFolder(parent: string, name: string, rows: string[][]): Promise<string> {
  const folder = join(parent, name);
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'feilliste.csv'), csv([HEADER, ...rows]));
  return folder;
}

describe('iplos --lang nb: the CLI’s own lines in bokmål', () => {
  let dir: string;
  let config: string;
  let earlier: string;
  let later: string;

  before(async () => {
    dir = await tempDir();
    earlier = await feedbackFolder(join(dir, 'runde1'), '040300_iplos_2025_test', [
      ['0403', '00', '17', '11', 'timer', '200', 'T12', 'Feil', 'For mange timer'],
      ['0403', '00', '18', '11', 'timer', '190', 'T12', 'Feil', 'For mange timer'],
    ]);
    later = await feedbackFolder(join(dir, 'runde2'), '040300_iplos_2025_test', [
      ['0403', '00', '18', '11', 'timer', '190', 'T12', 'Feil', 'For mange timer'],
      ['0403', '00', '19', '2', 'dato', '', 'D02', 'Advarsel', 'Mangler dato'],
    ]);
    const store = new HistoryStore(join(dir, 'state', 'history.jsonl'));
    for (const event of [
      ...send({ municipality: '0403', day: '2026-01-08', id: 'h1' }),
      download({ municipality: '0403', day: '2026-01-20', fileId: 'f1', folder: later }),
    ])
      await store.append(event);
    config = join(dir, 'iplos.config.json');
    await writeFile(
      config,
      JSON.stringify({
        endpoints: LOOPBACK,
        municipalities: [
          { number: '0403', name: 'Hamar' },
          { number: '3412', name: 'Løten' },
        ],
        historyLocation: 'state',
      }),
    );
  });
  after(() => useCliLanguage('en'));

  it('--help and a command’s --help', async () => {
    const overview = await runCliInProcess(['--lang', 'nb', '--help']);
    assert.equal(overview.status, 0);
    assert.match(overview.stdout, /^iplos — IPLOS Innsending på kommandolinjen$/m);
    assert.match(overview.stdout, /^Kommandoer:$/m);
    assert.match(overview.stdout, /^ {2}validate +kontroller et uttrekk før det sendes/m);
    assert.match(overview.stdout, /^Avslutningskoder: 0 ok, 1 operasjonen feilet, 2 feil bruk\.$/m);
    assert.deepEqual(englishIn(overview), []);
    for (const name of ['check', 'validate', 'send', 'feedback', 'history', 'status', 'encrypt', 'decrypt']) {
      const help = await runCliInProcess(['--lang', 'nb', name, '--help']);
      assert.equal(help.status, 0, name);
      assert.match(help.stdout, new RegExp(`^iplos ${name}`), name);
      assert.deepEqual(englishIn(help), [], name);
    }
    const validate = await runCliInProcess(['validate', '--help'], { IPLOS_LANG: 'nb' });
    assert.match(validate.stdout, /^ {2}--limit <n> +funn som tas vare på per regel/m);
    assert.match(validate.stdout, /\(standard 100;/, 'the placeholder filled in');
  });

  it('validate on an extract with errors: header, counts, the "… og N til" line and the Resultat line', async () => {
    const extract = await writeHandExtract({
      clients: Array.from({ length: 7 }, () => ({ tjenester: [{ tjenesteType: '99' }] })),
    });
    const run = await runCliInProcess(['--lang', 'nb', 'validate', extract, '--municipality', '0403']);
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /^Kontroll av .+\.xml \(.+\): kommune 0403, periode .+, rapporteringsår \d{4}$/m);
    assert.match(run.stdout, /^EPJ .+ · 7 brukere, 7 tjenester$/m);
    assert.match(run.stdout, /^Kritiske feil 0 · Feil [1-9]\d* · Advarsler \d+ · Informasjon \d+$/m);
    assert.match(run.stdout, /^ {2}… og 2 til$/m);
    assert.match(
      run.stdout,
      /^Resultat: feil — SSB ville avvist disse postene\. Rett dem i EPJ og eksporter uttrekket på nytt\.$/m,
    );
    assert.deepEqual(englishIn(run), []);
    // The matcher does see the CLI's English: the same run without --lang is full of it.
    const english = englishIn(await runCliInProcess(['validate', extract, '--municipality', '0403']));
    assert.ok(english.length >= 5, english.join('\n'));
  });

  it('status: the table’s header, columns and marks', async () => {
    const run = await runCliInProcess([
      '--lang',
      'nb',
      'status',
      '--year',
      '2025',
      '--today',
      '2026-02-03',
      '--config',
      config,
    ]);
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.trimEnd().split('\n');
    assert.equal(lines[0], 'IPLOS 2025 (test): 2 kommuneprofil(er)');
    assert.match(
      lines[2] ?? '',
      /^Kommune\s+Tiltak\s+Neste frist\s+Siste tilbakemelding\s+Endring\s+Siste innsending$/,
    );
    assert.match(run.stdout, /^3412 Løten\s+FORSINKET: /m);
    assert.deepEqual(englishIn(run), []);
  });

  it('feedback compare: the sides, the counts and the three groups', async () => {
    const run = await runCliInProcess(['--lang', 'nb', 'feedback', 'compare', earlier, later, '--config', config]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^Tidligere: .*runde1/m);
    assert.match(run.stdout, /^Senere: {4}.*runde2/m);
    assert.match(run.stdout, /^1 rettet · 1 nye · 1 gjenstår$/m);
    assert.match(run.stdout, /^Nye \(1\):$/m);
    assert.match(run.stdout, /^Gjenstår \(1\):$/m);
    assert.match(run.stdout, /^Rettet \(1\):$/m);
    assert.deepEqual(englishIn(run), []);
    // What scripts read stays as it was: JSON's statuses, and the CSV's header is the error list's own.
    const json = await runCliInProcess(['--lang', 'nb', 'feedback', 'compare', earlier, later, '--json']);
    assert.deepEqual((JSON.parse(json.stdout) as { rows: { status: string }[] }).rows.map((row) => row.status).sort(), [
      'fixed',
      'new',
      'remaining',
    ]);
  });

  it('usage errors: a missing argument, an unknown option, a wrong value, an unknown command', async () => {
    const cases: [string[], RegExp][] = [
      [['validate'], /^iplos validate: mangler uttrekket som skal kontrolleres\nKjør «iplos validate --help»\.$/m],
      [['validate', 'x.xml', '--bogus'], /^iplos validate: Ukjent valg «--bogus»$/m],
      [['validate', 'x.xml', '--limit'], /^iplos validate: Valget --limit mangler en verdi$/m],
      [['status', '--today', '3.2.2026'], /^iplos status: --today må være en dato på formen åååå-mm-dd$/m],
      [['feedback', 'compare', earlier], /^iplos feedback: oppgi to tilbakemeldingsrunder: /m],
      [['--bogus', 'status'], /^iplos: ukjent valg «--bogus» foran kommandoen .*Kjør «iplos --help»\.$/m],
      [['statu'], /^iplos: ukjent kommando «statu»\. Kjør «iplos --help»\.$/m],
      [['encrypt', 'x.xml', '--key=hemmelig'], /^iplos encrypt: --key godtas ikke: en hemmelighet på kommandolinjen/m],
    ];
    for (const [args, expected] of cases) {
      const run = await runCliInProcess(['--lang', 'nb', ...args]);
      assert.equal(run.status, 2, args.join(' '));
      assert.match(run.stderr, expected, args.join(' '));
      assert.deepEqual(englishIn(run), [], args.join(' '));
    }
    // Without a terminal to ask on, the missing key is a usage error in bokmål too.
    const extract = join(dir, 'uttrekk.xml');
    await writeFile(extract, '<Melding/>');
    const noKey = await runCliInProcess(['--lang', 'nb', 'encrypt', extract, '--out', join(dir, 'ut')]);
    assert.equal(noKey.status, 2);
    assert.match(
      noKey.stderr,
      /^iplos encrypt: mangler krypteringsnøkkel: bruk --key-file <path> eller sett IPLOS_KEY/m,
    );
    assert.deepEqual(englishIn(noKey), []);
  });

  // On a real terminal (a pty from util-linux `script`), the bundled CLI as shipped.
  it('the key prompt on a terminal, the progress and the result line', async () => {
    const extract = join(dir, 'spørsmål.xml');
    await writeFile(extract, '<Melding/>');
    const command = `${process.execPath} ${CLI} --lang nb encrypt ${extract} --out ${join(dir, 'kryptert')}`;
    const { IPLOS_KEY: _unset, IPLOS_LANG: _language, ...env } = process.env;
    const child = spawn('script', ['-qec', command, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let screen = '';
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no prompt; screen: ${screen}`)), 20_000);
      child.stdout.on('data', (data: Buffer) => {
        screen += data.toString();
        if (screen.includes('Krypteringsnøkkel: ')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    child.stdin.write('Tast-Inn-7788\r');
    assert.equal(await exited, 0, screen);
    assert.match(screen, /Krypterte spørsmål\.xml \(.+\) → .+ i 1 del\(er\):/);
    // eslint-disable-next-line no-control-regex -- the terminal's own sequences are not text
    const text = screen.replace(/\r(?!\n)/g, '\n').replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
    assert.deepEqual(englishIn({ stdout: text, stderr: '' }), []);
  });
});
