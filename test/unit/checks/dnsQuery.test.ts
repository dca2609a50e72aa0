/**
 * The 'dns-query' check against a DNS server on loopback: the expected address, another
 * address (a warning: split-horizon DNS or NAT can be right, the connection checks decide),
 * a name the server does not know (NXDOMAIN → fail), and a server that never answers.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runConnectionChecks, type CheckConfig, type CheckResult } from '../../../src/core/checks';
import { startDnsResponder, type DnsResponder } from './dnsResponder';

const EXPECTED = '91.186.94.110';

function config(server: string): CheckConfig {
  return {
    ipisTestUrl: 'https://iplos.nhn.no/SendemodulTEST',
    ipisProductionUrl: 'https://iplos.nhn.no/Sendemodul',
    expectedAddress: EXPECTED,
    ssbUrl: 'https://filsluse.ssb.no',
    dnsServers: [server],
  };
}

async function dnsQuery(server: string, checkTimeoutMs = 3000): Promise<CheckResult> {
  const results = await runConnectionChecks(config(server), { only: ['dns-query'], checkTimeoutMs });
  assert.equal(results.length, 1);
  const result = results[0] as CheckResult;
  assert.equal(result.id, 'dns-query');
  assert.equal(result.title, 'DNS query (DNS server)');
  return result;
}

describe('dns-query', () => {
  const responders: DnsResponder[] = [];
  let helsenett: DnsResponder;
  let splitHorizon: DnsResponder;
  let internetOnly: DnsResponder;
  let silent: DnsResponder;

  before(async () => {
    helsenett = await startDnsResponder({ 'iplos.nhn.no': [EXPECTED] });
    splitHorizon = await startDnsResponder({ 'iplos.nhn.no': ['10.20.30.40'] });
    internetOnly = await startDnsResponder({ 'www.ssb.no': ['192.0.2.1'] });
    silent = await startDnsResponder({ 'iplos.nhn.no': [EXPECTED] }, { silent: true });
    responders.push(helsenett, splitHorizon, internetOnly, silent);
  });
  after(async () => {
    await Promise.all(responders.map((responder) => responder.close()));
  });

  it('passes when the DNS server answers the expected address', async () => {
    const result = await dnsQuery(helsenett.server);
    assert.equal(result.status, 'pass', result.detail);
    assert.match(result.detail, /iplos\.nhn\.no resolves to 91\.186\.94\.110/);
    assert.deepEqual(result.data?.addresses, [EXPECTED]);
    assert.equal(result.data?.expectedAddress, EXPECTED);
    assert.deepEqual(result.data?.dnsServers, [helsenett.server]);
    assert.equal(result.remedy, undefined);
    assert.ok(helsenett.queries.includes('A iplos.nhn.no'), `queries: ${helsenett.queries.join(', ')}`);
  });

  it('warns, naming both addresses, when the name resolves elsewhere', async () => {
    const result = await dnsQuery(splitHorizon.server);
    assert.equal(result.status, 'warn', result.detail);
    assert.match(result.detail, /10\.20\.30\.40/);
    assert.match(result.detail, /not to the expected 91\.186\.94\.110/);
    assert.equal(result.data?.errorKind, 'mismatch');
    assert.match(result.remedy ?? '', /10\.20\.30\.40/);
  });

  it('fails when the name does not exist in that DNS (NXDOMAIN)', async () => {
    const result = await dnsQuery(internetOnly.server);
    assert.equal(result.status, 'fail', result.detail);
    assert.match(result.detail, /does not exist in the DNS at 127\.0\.0\.1:\d+ \(NXDOMAIN\)/);
    assert.equal(result.data?.errorCode, 'ENOTFOUND');
    assert.equal(result.data?.errorKind, 'dns');
    assert.match(result.remedy ?? '', /Helsenett DNS/);
    assert.match(result.remedy ?? '', /nslookup iplos\.nhn\.no/);
  });

  it("fails with a timeout when the DNS server never answers, within the check's limit", async () => {
    const result = await dnsQuery(silent.server, 1000);
    assert.equal(result.status, 'fail', result.detail);
    assert.match(result.detail, /did not answer/);
    assert.equal(result.data?.errorKind, 'timeout');
    assert.ok(silent.queries.length >= 1, 'the query reached the server');
  });

  it('skips both DNS checks when the send module is addressed by IP', async () => {
    const results = await runConnectionChecks(
      { ...config(helsenett.server), ipisTestUrl: 'https://127.0.0.1:1/SendemodulTEST' },
      { only: ['dns-os', 'dns-query'] },
    );
    assert.deepEqual(
      results.map((result) => [result.id, result.status]),
      [
        ['dns-os', 'skip'],
        ['dns-query', 'skip'],
      ],
    );
    for (const result of results) assert.match(result.detail, /IP address 127\.0\.0\.1; there is no name to resolve/);
  });
});
