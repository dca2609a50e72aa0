/**
 * The TLS check against servers with deliberately bad certificates, always verifying:
 * a certificate for another host name (the certificate is still described), one that is
 * about to expire (a warning), and an expired one.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createServer, type Server } from 'node:tls';
import { runConnectionChecks, type CheckResult } from '../../../src/core/checks';
import { createAuthority, issueServerCertificate } from '../../sandbox/certificates';
import { tempDir } from '../../helpers/tempDir';

const DAY = 24 * 60 * 60 * 1000;

describe('tls check', () => {
  const servers: Server[] = [];
  let caFile: string;
  const ports: Record<'otherHost' | 'expiringSoon' | 'expired', number> = { otherHost: 0, expiringSoon: 0, expired: 0 };

  const serve = async (certPem: string, keyPem: string): Promise<number> => {
    const server = createServer({ cert: certPem, key: keyPem }, (socket) => socket.end());
    server.on('tlsClientError', () => undefined);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    servers.push(server);
    return (server.address() as AddressInfo).port;
  };

  before(async () => {
    const authority = await createAuthority('Kommune Test CA');
    caFile = join(await tempDir('iplos-tls-'), 'ca.pem');
    await writeFile(caFile, authority.certificate.toString('pem'));
    const other = await issueServerCertificate(authority, { hosts: ['other.example'] });
    ports.otherHost = await serve(other.certPem, other.keyPem);
    const soon = await issueServerCertificate(authority, {
      hosts: ['127.0.0.1'],
      notAfter: new Date(Date.now() + 5 * DAY),
    });
    ports.expiringSoon = await serve(soon.certPem, soon.keyPem);
    const expired = await issueServerCertificate(authority, {
      hosts: ['127.0.0.1'],
      notBefore: new Date(Date.now() - 30 * DAY),
      notAfter: new Date(Date.now() - DAY),
    });
    ports.expired = await serve(expired.certPem, expired.keyPem);
  });
  after(async () => {
    await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
  });

  const tls = async (port: number): Promise<CheckResult> => {
    const [result] = await runConnectionChecks(
      {
        ipisTestUrl: `https://127.0.0.1:${port}/SendemodulTEST`,
        ipisProductionUrl: `https://127.0.0.1:${port}/Sendemodul`,
        expectedAddress: '127.0.0.1',
        ssbUrl: `https://127.0.0.1:${port}`,
        caFile,
      },
      { only: ['tls'], checkTimeoutMs: 3000 },
    );
    assert.ok(result);
    return result;
  };

  it('fails for a certificate made out to another host name, and still describes it', async () => {
    const result = await tls(ports.otherHost);
    assert.equal(result.status, 'fail', result.detail);
    assert.equal(result.data?.errorKind, 'tls-hostname');
    assert.equal(result.data?.errorCode, 'ERR_TLS_CERT_ALTNAME_INVALID');
    assert.equal(result.data?.trusted, false);
    assert.equal(result.data?.subject, 'other.example');
    assert.equal(result.data?.issuer, 'Kommune Test CA');
    assert.match(result.detail, /presented a certificate for other\.example, issued by Kommune Test CA/);
  });

  it('warns when the certificate expires within two weeks', async () => {
    const result = await tls(ports.expiringSoon);
    assert.equal(result.status, 'warn', result.detail);
    assert.equal(result.data?.trusted, true);
    assert.match(result.detail, /expires in [45] days/);
    assert.match(result.remedy ?? '', /renew/);
  });

  it('fails for an expired certificate', async () => {
    const result = await tls(ports.expired);
    assert.equal(result.status, 'fail', result.detail);
    assert.equal(result.data?.errorKind, 'tls-expired');
    assert.equal(result.data?.errorCode, 'CERT_HAS_EXPIRED');
    assert.match(result.remedy ?? '', /date and time/);
  });
});
