/**
 * The connection checks against the sandbox (real HTTPS on loopback, trusted only through
 * its CA file): everything passes with the CA file, everything over TLS fails with the
 * unknown-CA explanation without it, a wrong SSB password is tried exactly once, a closed
 * port fails at once, and a run with a hanging check still returns on time.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import {
  CHECK_IDS,
  firewallOrder,
  runConnectionChecks,
  type CheckConfig,
  type CheckId,
  type CheckResult,
} from '../../../src/core/checks';
import type { DemoMunicipality } from '../../sandbox/demoData';
import { startSandbox, type Sandbox } from '../../sandbox/server';

const HTTPS_CHECKS: CheckId[] = ['tls', 'ipis-test', 'ipis-production', 'ssb-info', 'ssb-login'];

function byId(results: CheckResult[]): Record<string, CheckResult> {
  return Object.fromEntries(results.map((result) => [result.id, result]));
}

function explain(results: CheckResult[]): string {
  return results.map((result) => `${result.id}: ${result.status} — ${result.detail}`).join('\n');
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

describe('connection checks against the sandbox', () => {
  /** The latest request to `path` is still waiting for its (delayed) answer: the caller did not wait for it. */
  const unanswered = (path: string): boolean =>
    sandbox.requests.filter((request) => request.path.startsWith(path)).at(-1)?.status === 0;

  let sandbox: Sandbox;
  let hamar: DemoMunicipality;
  let oslo: DemoMunicipality;

  const config = (overrides: Partial<CheckConfig> = {}): CheckConfig => ({
    ipisTestUrl: sandbox.info.ipisTestUrl,
    ipisProductionUrl: sandbox.info.ipisProductionUrl,
    expectedAddress: '127.0.0.1',
    ssbUrl: sandbox.info.ssbUrl,
    ssbOrgId: sandbox.info.ssbOrgId,
    caFile: sandbox.info.caFile,
    ssbCredentials: { username: hamar.username, password: hamar.password },
    ...overrides,
  });

  const tokenRequests = (): number =>
    sandbox.requests.filter((request) => request.method === 'POST' && request.path === '/api/v1/token').length;

  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    [hamar, oslo] = sandbox.info.municipalities as [DemoMunicipality, DemoMunicipality];
  });
  after(async () => {
    await sandbox.stop();
  });

  it('passes every HTTPS check with the CA file, in the fixed order, reporting each as it finishes', async () => {
    const reported: CheckId[] = [];
    const results = await runConnectionChecks(config(), { onResult: (result) => reported.push(result.id) });
    assert.deepEqual(
      results.map((result) => result.id),
      CHECK_IDS,
    );
    assert.deepEqual([...reported].sort(), [...CHECK_IDS].sort());
    const checks = byId(results);
    for (const id of ['tcp', 'tls', 'ipis-test', 'ipis-production', 'ssb-info', 'ssb-login', 'proxy']) {
      assert.equal(checks[id]?.status, 'pass', explain(results));
    }
    // The send module is addressed by IP here: nothing to resolve.
    assert.equal(checks['dns-os']?.status, 'skip');
    assert.equal(checks['dns-query']?.status, 'skip');
    for (const result of results) {
      assert.ok(Number.isInteger(result.durationMs) && result.durationMs >= 0, `${result.id} duration`);
      assert.ok(result.title.length > 0);
    }
    assert.equal(checks.tcp?.data?.address, '127.0.0.1');
    assert.equal(checks['ipis-test']?.data?.environment, 'test');
    assert.equal(checks['ipis-production']?.data?.environment, 'production');
    assert.match(checks['ssb-info']?.detail ?? '', /Statistisk sentralbyrå \(sandbox\)/);
    assert.match(checks['ssb-login']?.detail ?? '', new RegExp(`Signed in to SSB as ${hamar.username}`));
    assert.equal(checks.proxy?.detail, 'No proxy: connections go directly.');
    const text = JSON.stringify(results);
    assert.ok(!text.includes(hamar.password), 'no password in any result');
    assert.ok(!text.includes(hamar.kostraPin), 'no PIN in any result');
  });

  it('reports the certificate: subject, issuer, expiry, trusted', async () => {
    const [tls] = await runConnectionChecks(config(), { only: ['tls'] });
    assert.equal(tls?.status, 'pass', tls?.detail);
    assert.equal(tls?.data?.trusted, true);
    assert.equal(tls?.data?.subject, 'localhost');
    // The sandbox names its CA "IPLOS Sandbox CA (throwaway, local tests only)", but the
    // unescaped comma in that name cuts the certificate's CN at "(throwaway".
    assert.match(String(tls?.data?.issuer), /^IPLOS Sandbox CA/);
    assert.ok(Date.parse(String(tls?.data?.validTo)) > Date.now(), `validTo ${String(tls?.data?.validTo)}`);
    assert.match(String(tls?.data?.fingerprint256), /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    assert.match(tls?.detail ?? '', /issued by IPLOS Sandbox CA .*: trusted/);
  });

  it('without the CA file, TLS and every HTTPS check fail with the unknown-CA explanation', async () => {
    const { caFile: _caFile, ...withoutCa } = config();
    const results = await runConnectionChecks(withoutCa, { only: [...HTTPS_CHECKS, 'tcp'] });
    const checks = byId(results);
    assert.equal(checks.tcp?.status, 'pass', 'TCP does not depend on trust');
    for (const id of HTTPS_CHECKS) {
      const result = checks[id];
      assert.equal(result?.status, 'fail', `${id}: ${result?.detail}`);
      assert.equal(result?.data?.errorKind, 'tls-unknown-ca', `${id}: ${JSON.stringify(result?.data)}`);
      assert.match(result?.detail ?? '', /not signed by a certificate authority this machine trusts/);
      assert.match(result?.remedy ?? '', /"IPLOS: Ca File"/, `${id} remedy: ${result?.remedy}`);
    }
    assert.equal(checks.tls?.data?.trusted, false);
  });

  it('a wrong SSB password fails after exactly one sign-in attempt, without echoing the password', async () => {
    const wrong = 'Feil-passord-42';
    const before = tokenRequests();
    const results = await runConnectionChecks(
      config({ ssbCredentials: { username: hamar.username, password: wrong } }),
      { only: ['ssb-login'] },
    );
    const [login] = results;
    assert.equal(login?.status, 'fail', login?.detail);
    assert.match(login?.detail ?? '', /did not accept the user name or password/);
    assert.match(login?.remedy ?? '', /suspends the account/);
    assert.equal(login?.data?.errorCode, 'invalid_grant');
    assert.equal(tokenRequests() - before, 1, 'exactly one token request: a wrong password is never retried');
    assert.ok(!JSON.stringify(results).includes(wrong));
  });

  it('signs out after a successful sign-in (the tokens are revoked)', async () => {
    const revokesBefore = sandbox.requests.filter((request) => request.path === '/api/v1/token/revoke').length;
    const [login] = await runConnectionChecks(config(), { only: ['ssb-login'] });
    assert.equal(login?.status, 'pass', login?.detail);
    const revokes =
      sandbox.requests.filter((request) => request.path === '/api/v1/token/revoke').length - revokesBefore;
    assert.equal(revokes, 2, 'access and refresh token revoked');
  });

  it('warns when SSB requires a new password', async () => {
    sandbox.faults.set({ forcePasswordChange: [oslo.username] });
    try {
      const [login] = await runConnectionChecks(
        config({ ssbCredentials: { username: oslo.username, password: oslo.password } }),
        { only: ['ssb-login'] },
      );
      assert.equal(login?.status, 'warn', login?.detail);
      assert.match(login?.detail ?? '', /requires a new password/);
      assert.match(login?.remedy ?? '', /at least 6 characters/);
    } finally {
      sandbox.faults.clear();
    }
  });

  it('skips the sign-in when no password is stored', async () => {
    const { ssbCredentials: _credentials, ...withoutCredentials } = config();
    const before = tokenRequests();
    const [login] = await runConnectionChecks(withoutCredentials, { only: ['ssb-login'] });
    assert.equal(login?.status, 'skip');
    assert.match(login?.remedy ?? '', /SSB password/);
    assert.equal(tokenRequests(), before);
  });

  it('warns when a send module reports the other environment', async () => {
    const [production] = await runConnectionChecks(config({ ipisProductionUrl: sandbox.info.ipisTestUrl }), {
      only: ['ipis-production'],
    });
    assert.equal(production?.status, 'warn', production?.detail);
    assert.match(production?.detail ?? '', /answers as the test send module, but is configured as the production one/);
    assert.match(production?.remedy ?? '', /Ipis Production Url/);
  });

  it('a closed port fails at once with connection refused, for TCP, TLS and HTTPS', async () => {
    const port = await freePort();
    const results = await runConnectionChecks(config({ ipisTestUrl: `https://127.0.0.1:${port}/SendemodulTEST` }), {
      only: ['tcp', 'tls', 'ipis-test'],
    });
    // "connection-refused", not "timeout": nothing waited for a limit.
    for (const result of results) {
      assert.equal(result.status, 'fail', `${result.id}: ${result.detail}`);
      assert.equal(result.data?.errorKind, 'connection-refused', `${result.id}: ${JSON.stringify(result.data)}`);
    }
    const tcp = byId(results).tcp;
    assert.match(tcp?.detail ?? '', new RegExp(`127\\.0\\.0\\.1:${port} refused the connection`));
    assert.match(tcp?.remedy ?? '', new RegExp(`open https \\(tcp/${port}\\) from this machine to 127\\.0\\.0\\.1`));
    assert.equal(tcp?.data?.port, port);
  });

  it('a real failed run gives a firewall order, and neither it nor the results hold the password or PIN', async () => {
    const port = await freePort();
    const results = await runConnectionChecks(config({ ipisTestUrl: `https://127.0.0.1:${port}/SendemodulTEST` }));
    const checks = byId(results);
    assert.equal(checks.tcp?.status, 'fail');
    assert.equal(checks['ssb-login']?.status, 'pass', 'the password was used');
    const order = firewallOrder(results, {
      municipality: hamar.number,
      municipalityName: hamar.name,
      host: '127.0.0.1',
      expectedAddress: '127.0.0.1',
      port,
    });
    assert.ok(order);
    assert.match(order, new RegExp(`tcp/${port}`));
    assert.match(order, /Observert: 127\.0\.0\.1:\d+ refused the connection/);
    for (const secret of [hamar.password, hamar.kostraPin, hamar.encryptionKey]) {
      assert.ok(!JSON.stringify(results).includes(secret), 'no secret in the results');
      assert.ok(!order.includes(secret), 'no secret in the order');
    }
  });

  it('a direct TCP failure is only a warning when a proxy is configured', async () => {
    const port = await freePort();
    const [tcp] = await runConnectionChecks(
      config({ ipisTestUrl: `https://127.0.0.1:${port}/SendemodulTEST`, proxy: { url: 'http://127.0.0.1:9' } }),
      { only: ['tcp'] },
    );
    assert.equal(tcp?.status, 'warn', tcp?.detail);
    assert.match(tcp?.detail ?? '', /A proxy is configured \(http:\/\/127\.0\.0\.1:9\)/);
  });

  it('the overall time limit bounds the run: a hanging check fails with "no answer", the rest still pass', async () => {
    // A limit the other checks meet even on a loaded machine (at 1.5 s they did not, with five test runs sharing two cores).
    sandbox.faults.set({ delay: [{ path: '/SendemodulTEST/api/v1/status', ms: 12_000 }] });
    try {
      const results = await runConnectionChecks(config(), { overallTimeoutMs: 5000 });
      assert.equal(unanswered('/SendemodulTEST/api/v1/status'), true, 'returned before the delayed answer was sent');
      const checks = byId(results);
      assert.equal(checks['ipis-test']?.status, 'fail', explain(results));
      assert.match(checks['ipis-test']?.detail ?? '', /No answer within 5 s/);
      assert.equal(checks['ipis-test']?.data?.errorKind, 'timeout');
      assert.ok((checks['ipis-test']?.durationMs ?? 0) >= 4900);
      for (const id of ['tcp', 'tls', 'ipis-production', 'ssb-info', 'ssb-login', 'proxy'])
        assert.equal(checks[id]?.status, 'pass', explain(results));
    } finally {
      sandbox.faults.clear();
    }
  });

  it("a check's own time limit applies too", async () => {
    sandbox.faults.set({ delay: [{ path: '/api/v1/info', ms: 3000 }] });
    try {
      const [info] = await runConnectionChecks(config(), { only: ['ssb-info'], checkTimeoutMs: 500 });
      assert.equal(unanswered('/api/v1/info'), true, 'returned before the delayed answer was sent');
      assert.equal(info?.status, 'fail');
      assert.match(info?.detail ?? '', /No answer within 0\.5 s/);
    } finally {
      sandbox.faults.clear();
    }
  });

  it('cancelling skips what has not finished', async () => {
    sandbox.faults.set({ delay: [{ path: '/Sendemodul/api/v1/status', ms: 3000 }] });
    try {
      // Cancel once the test module has answered and the production request is at the
      // server (waiting for its delayed answer) — by events, not a fixed time, so a loaded
      // machine cannot make the request arrive after the cancel.
      const controller = new AbortController();
      const production = (): number =>
        sandbox.requests.filter((request) => request.path.startsWith('/Sendemodul/api/v1/status')).length;
      const before = production();
      let testAnswered = false;
      const watcher = setInterval(() => {
        if (testAnswered && production() > before) controller.abort();
      }, 10);
      const results = await runConnectionChecks(config(), {
        only: ['ipis-test', 'ipis-production'],
        signal: controller.signal,
        onResult: (result) => {
          if (result.id === 'ipis-test') testAnswered = true;
        },
      }).finally(() => clearInterval(watcher));
      assert.equal(unanswered('/Sendemodul/api/v1/status'), true, 'returned before the delayed answer was sent');
      const checks = byId(results);
      assert.equal(checks['ipis-test']?.status, 'pass');
      assert.equal(checks['ipis-production']?.status, 'skip');
      assert.equal(checks['ipis-production']?.detail, 'Cancelled before it finished.');
    } finally {
      sandbox.faults.clear();
    }
  });
});

// The proxy check only reports settings; it opens no connection, so these addresses are never contacted.
describe('proxy check', () => {
  const base: CheckConfig = {
    ipisTestUrl: 'https://iplos.nhn.no/SendemodulTEST',
    ipisProductionUrl: 'https://iplos.nhn.no/Sendemodul',
    expectedAddress: '91.186.94.110',
    ssbUrl: 'https://filsluse.ssb.no',
  };

  it('names the proxy without its credentials, and warns when http.proxyStrictSSL is off', async () => {
    const [proxy] = await runConnectionChecks(
      { ...base, proxy: { url: 'http://drift:Hemmelig-99@proxy.kommune.example:3128', strictSSL: false } },
      { only: ['proxy'] },
    );
    assert.equal(proxy?.status, 'warn');
    assert.match(
      proxy?.detail ?? '',
      /^Proxy http:\/\/proxy\.kommune\.example:3128 \(credentials hidden\)\. http\.proxyStrictSSL is off in VS Code; IPLOS Innsending still verifies certificates\./,
    );
    assert.match(proxy?.remedy ?? '', /IPLOS: Ca File/);
    assert.ok(!JSON.stringify(proxy).includes('Hemmelig-99'));
    assert.ok(!JSON.stringify(proxy).includes('drift:'));
  });

  it('passes with a proxy that keeps strict SSL, and with none', async () => {
    const [withProxy] = await runConnectionChecks(
      { ...base, proxy: { url: 'http://proxy.kommune.example:3128' } },
      { only: ['proxy'] },
    );
    assert.equal(withProxy?.status, 'pass');
    assert.equal(withProxy?.data?.proxyUrl, 'http://proxy.kommune.example:3128');
    const [none] = await runConnectionChecks({ ...base, proxy: { url: '' } }, { only: ['proxy'] });
    assert.equal(none?.status, 'pass');
    assert.equal(none?.data?.proxy, false);
  });

  it('an unreadable CA file fails the checks that need it with the setting to fix', async () => {
    // Loopback only: tests never reach for the real (public) IPIS address.
    const loopback: CheckConfig = {
      ipisTestUrl: 'https://127.0.0.1:1/SendemodulTEST',
      ipisProductionUrl: 'https://127.0.0.1:1/Sendemodul',
      expectedAddress: '127.0.0.1',
      ssbUrl: 'https://127.0.0.1:1',
    };
    const results = await runConnectionChecks(
      { ...loopback, caFile: '/nonexistent/ca.pem' },
      { only: ['proxy', 'tls'], checkTimeoutMs: 2000 },
    );
    for (const result of results) {
      assert.equal(result.status, 'fail', `${result.id}: ${result.detail}`);
      assert.equal(result.data?.errorKind, 'configuration');
      assert.match(result.remedy ?? '', /IPLOS: Ca File/);
    }
  });

  it('only: [] runs nothing', async () => {
    assert.deepEqual(await runConnectionChecks(base, { only: [] }), []);
  });
});
