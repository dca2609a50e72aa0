/**
 * Text only: the real host and address below are written into the order, never contacted —
 * nothing in this file opens a connection (no loopback sandbox is needed).
 *
 * The firewall order from the settings (one function for the extension and the CLI): host
 * and port from the IPIS test URL, the expected address, the municipality and the date.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkTitle, firewallOrder, firewallOrderFor, type CheckId, type CheckResult } from '../../../src/core/checks';
import { DEFAULT_ENDPOINTS, DEFAULT_SETTINGS, type IplosSettings } from '../../../src/core/config/settings';

function result(id: CheckId, status: CheckResult['status'], detail: string): CheckResult {
  return { id, title: checkTitle(id), status, detail, durationMs: 5 };
}

function settingsWith(ipisTestUrl: string): IplosSettings {
  return { ...DEFAULT_SETTINGS, endpoints: { ...DEFAULT_ENDPOINTS, ipisTestUrl } };
}

const hamar = { number: '0403', name: 'Hamar' };
const date = new Date(2027, 0, 12, 9, 30);
const tcpFails = [
  result('dns-os', 'pass', 'iplos.nhn.no resolves to 91.186.94.110 (system resolver), the expected address.'),
  result(
    'tcp',
    'fail',
    'No answer from 91.186.94.110:443 (ETIMEDOUT): a firewall is probably dropping the connection.',
  ),
];

describe('firewallOrderFor', () => {
  it('is the order for the send module the settings name, from the municipality, dated', () => {
    const text = firewallOrderFor(tcpFails, DEFAULT_SETTINGS, hamar, date);
    assert.equal(
      text,
      firewallOrder(tcpFails, {
        host: 'iplos.nhn.no',
        port: 443,
        expectedAddress: '91.186.94.110',
        municipality: '0403',
        municipalityName: 'Hamar',
        date,
      }),
    );
    assert.match(text ?? '', /Fra: IPLOS-innsendingsansvarlig, 0403 Hamar kommune/);
    assert.match(text ?? '', /https \(tcp\/443\).*til iplos\.nhn\.no \(91\.186\.94\.110\)/);
  });

  it('takes host and port from the test URL, and leaves the municipality out when none is selected', () => {
    const text = firewallOrderFor(tcpFails, settingsWith('https://[fd00::10]:8443/SendemodulTEST'), undefined, date);
    assert.match(text ?? '', /- Vertsnavn: fd00::10\n/);
    assert.match(text ?? '', /- Port og protokoll: tcp\/8443 \(https\)/);
    assert.match(text ?? '', /^Fra: IPLOS-innsendingsansvarlig$/m);
  });

  it('is undefined when no network check failed, or when the test URL is no URL', () => {
    assert.equal(firewallOrderFor([result('tcp', 'pass', 'Connected.')], DEFAULT_SETTINGS, hamar), undefined);
    assert.equal(firewallOrderFor(tcpFails, settingsWith('iplos.nhn.no/SendemodulTEST'), hamar), undefined);
  });
});
