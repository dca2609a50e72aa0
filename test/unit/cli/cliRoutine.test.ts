import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { writeExtract } from '../../fixtures/extractGenerator';
import { ssbOnlyFindings } from '../../sandbox/ssb/ssbCheck';
import { runCliProcess, type CliRun } from '../../helpers/cli';
import { parseSemicolonCsv } from '../../helpers/semicolonCsv';
import { tempDir } from '../../helpers/tempDir';
import type { DemoMunicipality } from '../../sandbox/demoData';
import { startSandbox, writeSandboxFiles, type Sandbox } from '../../sandbox/server';

// The CLI performs the whole routine against the sandbox: send, wait, download + decrypt, history.
describe('iplos send / feedback / history against the sandbox', () => {
  let sandbox: Sandbox;
  let hamar: DemoMunicipality;
  let state: string;
  let env: Record<string, string>;

  before(async () => {
    // Not tempDir(): its cleanup hook, registered inside a before hook, would run too early.
    state = await mkdtemp(join(tmpdir(), 'iplos-cli-routine-'));
    sandbox = await startSandbox({ port: 0, stateDir: join(state, 'sandbox') });
    await writeSandboxFiles(sandbox.info);
    hamar = sandbox.info.municipalities[0] as DemoMunicipality;
    const {
      IPLOS_KEY: _a,
      IPLOS_SSB_PASSWORD: _b,
      IPLOS_KOSTRA_PIN: _c,
      IPLOS_ENCRYPTION_KEY: _d,
      IPLOS_FEEDBACK_KEY: _e,
      ...clean
    } = process.env as Record<string, string>;
    env = {
      ...clean,
      IPLOS_CONFIG: join(sandbox.info.stateDir, 'iplos.config.json'),
      XDG_STATE_HOME: join(state, 'xdg'),
      IPLOS_SSB_PASSWORD: hamar.password,
      IPLOS_KOSTRA_PIN: hamar.kostraPin,
      IPLOS_ENCRYPTION_KEY: hamar.encryptionKey,
      IPLOS_FEEDBACK_KEY: hamar.feedbackKeys.test,
    };
  });
  beforeEach(() => sandbox.faults.clear());
  after(async () => {
    await sandbox.stop();
    await rm(state, { recursive: true, force: true });
  });

  /** Runs the real CLI asynchronously (the sandbox runs in this process). */
  const iplos = (args: string[], extraEnv: Record<string, string | undefined> = {}): Promise<CliRun> =>
    runCliProcess(args, env, extraEnv);

  async function extract(
    options: Partial<Parameters<typeof writeExtract>[1]> = {},
  ): Promise<{ path: string; planted: number }> {
    const dir = await tempDir();
    const path = join(dir, 'IPLOS_0403_2025.xml');
    const summary = await writeExtract(path, { municipality: '0403', year: 2025, clients: 2000, seed: 8, ...options });
    // SSB's error list: the planted errors plus the rows only SSB makes (R01, R02; test/sandbox/README.md).
    const ssbOnly = await ssbOnlyFindings(path, '0403', 2025);
    return { path, planted: summary.expected.length + ssbOnly.length };
  }

  it('send → feedback wait → feedback download → history, with JSON output for scripts', async () => {
    // Planted errors on purpose, so that SSB's error list has rows: sent with --send-with-errors.
    const { path, planted } = await extract({ errors: 7 });
    const sent = await iplos(['send', path, '--json', '--send-with-errors']);
    assert.equal(sent.status, 0, sent.stderr);
    const receipt = JSON.parse(sent.stdout) as { receiptId: string; submissionId: string };
    assert.match(receipt.receiptId, /^IPIS-\d{4}-\d{6}$/);
    assert.match(
      sent.stderr,
      /^Control: Critical errors 0 · Errors [1-9][\d\s]* · Warnings \d[\d\s]* · Information \d[\d\s]*$/m,
    );
    assert.match(sent.stderr, /^Sending with [1-9]\d* error\(s\) \(--send-with-errors\)\.$/m);
    assert.match(sent.stderr, /0403 Hamar, year 2025: 2000 clients/);

    const waited = await iplos(['feedback', 'wait', '--interval', '0.2', '--timeout', '30', '--json']);
    assert.equal(waited.status, 0, waited.stderr);
    const files = JSON.parse(waited.stdout) as { id: string; name: string }[];
    assert.equal(files[0]?.name, '040300_iplos_2025_test.zip');

    const out = join(state, 'feedback');
    const downloaded = await iplos(['feedback', 'download', files[0]?.id as string, '--out', out, '--json']);
    assert.equal(downloaded.status, 0, downloaded.stderr);
    const result = JSON.parse(downloaded.stdout) as { folder: string; files: string[] };
    assert.ok(result.files.includes('feilliste.csv'));
    const rows = parseSemicolonCsv(
      new TextDecoder('windows-1252').decode(await readFile(join(result.folder, 'feilliste.csv'))),
    );
    assert.equal(rows.length - 1, planted, "the error list has the planted errors and SSB's own rows");

    const history = await iplos(['history', '--json']);
    const parsed = JSON.parse(history.stdout) as {
      submissions: { submissionId: string; status: string; receipt?: { receiptId: string } }[];
      feedback: { fileName: string; decryptedTo: string }[];
    };
    assert.equal(
      parsed.submissions.find((record) => record.submissionId === receipt.submissionId)?.receipt?.receiptId,
      receipt.receiptId,
    );
    assert.equal(parsed.feedback.at(-1)?.fileName, '040300_iplos_2025_test.zip');
    assert.equal(parsed.feedback.at(-1)?.decryptedTo, result.folder);
    const csv = await iplos(['history', '--csv']);
    assert.ok(csv.stdout.startsWith('\uFEFF'), 'CSV with BOM for Excel');
    assert.match(csv.stdout, new RegExp(receipt.receiptId));
    for (const output of [sent, waited, downloaded, history, csv]) {
      for (const secretValue of [hamar.password, hamar.kostraPin, hamar.encryptionKey])
        assert.ok(!`${output.stdout}${output.stderr}`.includes(secretValue), 'no secret in the output');
    }
    // Test feedback needs no key: the core's rule gives SSB's documented test key.
    const keyless = await iplos(
      ['feedback', 'download', files[0]?.id as string, '--out', join(state, 'keyless'), '--json'],
      {
        IPLOS_FEEDBACK_KEY: undefined,
      },
    );
    assert.equal(keyless.status, 0, keyless.stderr);
    assert.ok((JSON.parse(keyless.stdout) as { files: string[] }).files.includes('feilliste.csv'));
  });

  it('production needs a confirmation: refused without --yes when there is no terminal; with --yes it goes to Sendemodul', async () => {
    const { path } = await extract();
    const productionBefore = [...sandbox.submissions.submissions.values()].filter(
      (submission) => submission.environment === 'production',
    ).length;
    const refused = await iplos(['send', path, '--env', 'production']);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /PRODUCTION needs --yes/);
    assert.equal(
      [...sandbox.submissions.submissions.values()].filter((submission) => submission.environment === 'production')
        .length,
      productionBefore,
      'nothing was sent',
    );
    const confirmed = await iplos(['send', path, '--env', 'production', '--yes', '--json']);
    assert.equal(confirmed.status, 0, confirmed.stderr);
    assert.match(confirmed.stderr, /PRODUCTION/);
    const feedback = await sandbox.waitForFeedback('0403', {
      submissionId: (JSON.parse(confirmed.stdout) as { submissionId: string }).submissionId,
    });
    assert.equal(feedback.fileName, '040300_iplos_2025.zip');
  });

  it('an extract for another municipality is refused before anything is encrypted or sent (exit 1, with line numbers)', async () => {
    const { path } = await extract({ wrongMunicipality: '0301' });
    const count = sandbox.submissions.submissions.size;
    const result = await iplos(['send', path, '--send-with-errors']);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /^Control: Critical errors [1-9]/m);
    assert.match(result.stderr, /^ {2}4:\d+ {2}.*(0301.*0403|0403.*0301)/m, 'the reason, at line 4');
    assert.match(
      result.stderr,
      /^Not sent: the extract cannot be sent as it is\./m,
      '--send-with-errors never sends a fatal one',
    );
    assert.equal(sandbox.submissions.submissions.size, count);
  });

  it('errors stop the send unless --send-with-errors; production still needs its confirmation', async () => {
    const { path } = await extract({ clients: 300, errors: 6 });
    const count = sandbox.submissions.submissions.size;
    const refused = await iplos(['send', path]);
    assert.equal(refused.status, 1, refused.stderr);
    assert.match(refused.stderr, /^Control: Critical errors 0 · Errors [1-9]/m);
    assert.match(refused.stderr, /^T0\d {2}/m, 'the rules that found errors, with their first findings');
    assert.match(refused.stderr, /^Not sent: the control found [1-9]\d* error\(s\)\..*--send-with-errors/m);
    const production = await iplos(['send', path, '--env', 'production', '--send-with-errors']);
    assert.equal(production.status, 2);
    assert.match(production.stderr, /PRODUCTION needs --yes/);
    assert.equal(sandbox.submissions.submissions.size, count, 'nothing was sent');
    const sent = await iplos(['send', path, '--send-with-errors', '--json']);
    assert.equal(sent.status, 0, sent.stderr);
    assert.equal(sandbox.submissions.submissions.size, count + 1);
  });

  it('--no-validate skips the control (for tests): a broken extract goes to SSB; it needs --year', async () => {
    const { path } = await extract({ clients: 200, malformed: true });
    const count = sandbox.submissions.submissions.size;
    const refused = await iplos(['send', path]);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /^X01 {2}/m);
    const noYear = await iplos(['send', path, '--no-validate']);
    assert.equal(noYear.status, 2);
    assert.match(noYear.stderr, /--no-validate needs --year/);
    assert.equal(sandbox.submissions.submissions.size, count);
    const sent = await iplos(['send', path, '--no-validate', '--year', '2025', '--json']);
    assert.equal(sent.status, 0, sent.stderr);
    assert.match(sent.stderr, /^The control was skipped \(--no-validate\): for tests only\.$/m);
    assert.match(sent.stderr, /0403 Hamar, year 2025: not controlled, /);
    assert.doesNotMatch(sent.stderr, /^Control:/m);
    assert.equal(sandbox.submissions.submissions.size, count + 1);
  });

  it('a send that fails at completion is resumed with --resume: no part is sent twice, one submission', async () => {
    const { path } = await extract({ clients: 4000 });
    sandbox.faults.set({ failRequests: [{ method: 'POST', path: '/complete$', status: 409, times: 1 }] });
    const failed = await iplos(['send', path]);
    assert.equal(failed.status, 1);
    const history = JSON.parse((await iplos(['history', '--json'])).stdout) as {
      submissions: { submissionId: string; status: string; clientReference: string }[];
    };
    const unfinished = history.submissions.at(-1);
    assert.equal(unfinished?.status, 'failed');
    const putsBefore = sandbox.requests.filter(
      (record) => record.method === 'PUT' && record.path.includes(unfinished?.submissionId as string),
    ).length;
    const resumed = await iplos(['send', '--resume', unfinished?.submissionId as string, '--json']);
    assert.equal(resumed.status, 0, resumed.stderr);
    assert.equal(
      sandbox.requests.filter(
        (record) => record.method === 'PUT' && record.path.includes(unfinished?.submissionId as string),
      ).length,
      putsBefore,
      'no part sent again',
    );
    assert.equal(
      [...sandbox.submissions.submissions.values()].filter(
        (submission) => submission.clientReference === unfinished?.clientReference,
      ).length,
      1,
    );
  });

  it('a missing secret without a terminal names the variable to set (exit 2)', async () => {
    const { path } = await extract({ clients: 100 });
    const result = await iplos(['send', path], { IPLOS_ENCRYPTION_KEY: undefined });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /IPLOS_ENCRYPTION_KEY/);
  });

  it('a wrong SSB password: one clear line, exit 1, and exactly one sign-in attempt', async () => {
    const tokenRequests = () => sandbox.requests.filter((record) => record.path === '/api/v1/token').length;
    const before = tokenRequests();
    const result = await iplos(['feedback', 'list'], { IPLOS_SSB_PASSWORD: 'feil-passord-9' });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /^iplos feedback: SSB did not accept the user name or password/);
    assert.equal(tokenRequests() - before, 1);
  });

  it('iplos check: all checks pass against the sandbox; without its CA the TLS checks fail and --order prints the request to IT', async () => {
    const passed = await iplos(['check', '--json']);
    assert.equal(passed.status, 0, passed.stdout + passed.stderr);
    const report = JSON.parse(passed.stdout) as {
      results: { id: string; status: string }[];
      firewallOrder: string | null;
    };
    assert.deepEqual(
      report.results.filter((result) => result.status === 'fail'),
      [],
    );
    assert.equal(report.results.find((result) => result.id === 'ssb-login')?.status, 'pass');
    assert.equal(report.firewallOrder, null);

    const config = JSON.parse(await readFile(join(sandbox.info.stateDir, 'iplos.config.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    delete config.caFile;
    const withoutCa = join(state, 'without-ca.json');
    await writeFile(withoutCa, JSON.stringify(config));
    const failed = await iplos(['check', '--config', withoutCa, '--order']);
    assert.equal(failed.status, 1);
    assert.match(failed.stdout, /FAIL TLS handshake/);
    assert.match(failed.stdout, /Bestilling: åpning i brannmur/);
    assert.ok(!failed.stdout.includes(hamar.password));
    const unknown = await iplos(['check', '--only', 'dns-os,ping']);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown check "ping"/);
  });

  it('a configuration file with an http:// address is a usage error', async () => {
    const bad = join(state, 'bad.json');
    await writeFile(bad, JSON.stringify({ endpoints: { ssbUrl: 'http://filsluse.example' } }));
    const result = await iplos(['feedback', 'list', '--config', bad]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /https:\/\//);
  });
});
