/**
 * Text only: the real host and address below are written into the order, never contacted —
 * nothing in this file opens a connection (no loopback sandbox is needed).
 *
 * The firewall order for IT-drift: nothing when the network checks pass; otherwise a
 * Norwegian ticket text with host, address, tcp/443, what was observed and the date —
 * and never a secret.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CHECK_TITLES,
  firewallOrder,
  type CheckId,
  type CheckResult,
  type CheckStatus,
} from '../../../src/core/checks';

const PASSWORD = 'Sandkasse-0403';
const CONTEXT = {
  municipality: '0403',
  municipalityName: 'Hamar',
  host: 'iplos.nhn.no',
  expectedAddress: '91.186.94.110',
  port: 443,
  date: new Date(2027, 0, 12, 9, 30),
};

function result(
  id: CheckId,
  status: CheckStatus,
  detail: string,
  data?: CheckResult['data'],
  remedy?: string,
): CheckResult {
  return {
    id,
    title: CHECK_TITLES[id],
    status,
    detail,
    durationMs: 12,
    ...(remedy ? { remedy } : {}),
    ...(data ? { data } : {}),
  };
}

const passing: CheckResult[] = [
  result('dns-os', 'pass', 'iplos.nhn.no resolves to 91.186.94.110 (system resolver), the expected address.', {
    host: 'iplos.nhn.no',
    addresses: ['91.186.94.110'],
  }),
  result('dns-query', 'pass', 'iplos.nhn.no resolves to 91.186.94.110 (DNS server 10.0.0.53), the expected address.'),
  result('tcp', 'pass', 'Connected to 91.186.94.110:443 (iplos.nhn.no).'),
  result('tls', 'pass', 'Certificate for iplos.nhn.no, issued by Buypass, valid until 2027-06-01: trusted (TLSv1.3).'),
  result('ipis-test', 'pass', 'https://iplos.nhn.no/SendemodulTEST answers: IPIS (test).'),
  result('ipis-production', 'pass', 'https://iplos.nhn.no/Sendemodul answers: IPIS (production).'),
  result('ssb-info', 'pass', 'https://filsluse.ssb.no answers: SSB.'),
  result('ssb-login', 'pass', 'Signed in to SSB as postmottak@hamar.kommune.no (and signed out again).', {
    username: 'postmottak@hamar.kommune.no',
  }),
  result('proxy', 'pass', 'No proxy: connections go directly.', { proxy: false }),
];

const failing: CheckResult[] = [
  result(
    'dns-os',
    'fail',
    'The system resolver does not find iplos.nhn.no (ENOTFOUND).',
    { host: 'iplos.nhn.no', errorKind: 'dns', errorCode: 'ENOTFOUND' },
    'Ask IT.',
  ),
  result(
    'dns-query',
    'warn',
    'iplos.nhn.no resolves to 10.20.30.40 (DNS server 10.0.0.53), not to the expected 91.186.94.110.',
    { host: 'iplos.nhn.no', addresses: ['10.20.30.40'], expectedAddress: '91.186.94.110', errorKind: 'mismatch' },
  ),
  result(
    'tcp',
    'fail',
    'No answer from 91.186.94.110:443 within 8 s: a firewall is probably dropping the connection.',
    { host: 'iplos.nhn.no', port: 443, address: '91.186.94.110', errorKind: 'timeout' },
    'Ask IT to open https (tcp/443) from this machine to iplos.nhn.no (91.186.94.110).',
  ),
  result('tls', 'fail', 'No TLS handshake with 91.186.94.110:443 within 8 s.', {
    errorKind: 'timeout',
    trusted: false,
  }),
  result('ipis-test', 'fail', 'iplos.nhn.no did not answer in time.', { errorKind: 'timeout' }),
  result('ipis-production', 'fail', 'iplos.nhn.no did not answer in time.', { errorKind: 'timeout' }),
  result('ssb-info', 'pass', 'https://filsluse.ssb.no answers: SSB.'),
  result('ssb-login', 'fail', 'SSB did not accept the user name or password for postmottak@hamar.kommune.no.', {
    username: 'postmottak@hamar.kommune.no',
    errorCode: 'invalid_grant',
  }),
  result('proxy', 'pass', 'No proxy: connections go directly.', { proxy: false }),
];

describe('firewallOrder', () => {
  it("is undefined when every network check passes (SSB failures are not IT-drift's firewall)", () => {
    assert.equal(firewallOrder(passing, CONTEXT), undefined);
    const onlySsbFails = passing.map((entry) =>
      entry.id === 'ssb-login' ? { ...entry, status: 'fail' as const } : entry,
    );
    assert.equal(firewallOrder(onlySsbFails, CONTEXT), undefined);
    const onlyWarnings = passing.map((entry) =>
      entry.id === 'dns-query' ? { ...entry, status: 'warn' as const } : entry,
    );
    assert.equal(firewallOrder(onlyWarnings, CONTEXT), undefined);
    assert.equal(firewallOrder([], CONTEXT), undefined);
  });

  it('writes the order from failed DNS and TCP checks: host, address, tcp/443, observations, Norwegian date', () => {
    const text = firewallOrder(failing, CONTEXT);
    assert.ok(text);
    const lines = text.split('\n');
    assert.equal(lines[0], 'Bestilling: åpning i brannmur for IPLOS-innsending (IPIS) i Helsenettet');
    assert.match(text, /Fra: IPLOS-innsendingsansvarlig, 0403 Hamar kommune/);
    assert.match(
      text,
      /https \(tcp\/443\) fra maskinen\/nettet der innsendingen gjøres, til iplos\.nhn\.no \(91\.186\.94\.110\)/,
    );
    assert.match(text, /nslookup iplos\.nhn\.no/);
    assert.match(text, /- IP-adresse: 91\.186\.94\.110/);
    assert.match(text, /tcp\/443/);
    assert.match(text, /Helsedirektoratet .*23\.11\.2016.*ref\. 14\/1092-22/);
    // The date, in Norwegian.
    const date = new Intl.DateTimeFormat('nb-NO', { dateStyle: 'long' }).format(CONTEXT.date);
    assert.match(date, /^12\. januar 2027$/);
    assert.match(text, new RegExp(`Dato: ${date}`));
    // Observations: each failed network check with its title and what was observed.
    assert.match(
      text,
      /- Feil: Navneoppslag \(DNS\) via operativsystemet: navnet kan ikke slås opp i DNS\.\n {2}Observert: The system resolver does not find iplos\.nhn\.no \(ENOTFOUND\)\./,
    );
    assert.match(
      text,
      /- Feil: TCP-tilkobling: ingen svar innen tidsfristen .*\(91\.186\.94\.110:443\)\.\n {2}Observert: No answer from 91\.186\.94\.110:443 within 8 s/,
    );
    assert.match(text, /- Feil: Sendemodulen IPIS, test \(HTTPS\)/);
    // A warned network check is a note, with the address DNS gave.
    assert.match(
      text,
      /- Merknad: Navneoppslag \(DNS\) direkte mot DNS-server: iplos\.nhn\.no slås opp til 10\.20\.30\.40, ikke til forventet 91\.186\.94\.110\./,
    );
    // SSB is not the firewall's business.
    assert.ok(!text.includes('SSB did not accept'));
    assert.ok(!text.includes('postmottak@'));
    assert.match(text, /Test-NetConnection iplos\.nhn\.no -Port 443/);
  });

  it("asks for the inspecting proxy's CA certificate and names the proxy when relevant", () => {
    const results = [
      result(
        'tls',
        'fail',
        'The certificate of iplos.nhn.no is not signed by a certificate authority this machine trusts. (UNABLE_TO_VERIFY_LEAF_SIGNATURE)',
        { errorKind: 'tls-unknown-ca', trusted: false },
      ),
      result('proxy', 'pass', 'Proxy http://proxy.kommune.example:3128 (credentials hidden), from http.proxy.', {
        proxy: true,
        proxyUrl: 'http://proxy.kommune.example:3128',
      }),
    ];
    const text = firewallOrder(results, { ...CONTEXT, source: 'PC-IPLOS-01 (10.1.2.3)' }) ?? '';
    assert.match(text, /CA-sertifikatet den bruker \(PEM-fil\)/);
    assert.match(text, /IPLOS: Ca File/);
    assert.match(text, /proxyen http:\/\/proxy\.kommune\.example:3128/);
    assert.match(text, /der innsendingen gjøres \(PC-IPLOS-01 \(10\.1\.2\.3\)\)/);
  });

  it('never contains a secret', () => {
    const text = firewallOrder(failing, CONTEXT) ?? '';
    assert.ok(text.length > 0);
    assert.ok(!text.includes(PASSWORD));
    for (const entry of failing) assert.ok(!JSON.stringify(entry).includes(PASSWORD));
  });
});
