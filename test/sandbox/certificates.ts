import { webcrypto } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
// @peculiar/x509 resolves its ASN.1 schemas through tsyringe, which needs this polyfill first.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

/**
 * A throwaway certificate authority and a server certificate for `localhost` and
 * `127.0.0.1`, kept in the sandbox's state folder so that a CA file a user (or the demo)
 * configured stays valid across restarts. Clients must trust `ca.pem` explicitly: this
 * exercises the extra-CA path for real. Also makes deliberately bad certificates (expired,
 * wrong host name, unknown issuer) for the TLS failure tests.
 */
x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY = 24 * 60 * 60 * 1000;

export interface ServerCredentials {
  /** PEM of the CA that clients must trust. */
  caPem: string;
  caFile: string;
  certPem: string;
  keyPem: string;
}

interface Authority {
  certificate: x509.X509Certificate;
  keys: CryptoKeyPair;
}

export async function loadOrCreateCredentials(stateDir: string): Promise<ServerCredentials> {
  const files = {
    ca: join(stateDir, 'ca.pem'),
    caKey: join(stateDir, 'ca-key.pem'),
    cert: join(stateDir, 'server.pem'),
    key: join(stateDir, 'server-key.pem'),
  };
  if ([files.ca, files.caKey, files.cert, files.key].every((file) => existsSync(file))) {
    const certPem = await readFile(files.cert, 'utf8');
    if (new x509.X509Certificate(certPem).notAfter.getTime() > Date.now() + DAY) {
      return {
        caPem: await readFile(files.ca, 'utf8'),
        caFile: files.ca,
        certPem,
        keyPem: await readFile(files.key, 'utf8'),
      };
    }
  }
  await mkdir(stateDir, { recursive: true });
  const authority = await createAuthority('IPLOS Sandbox CA - throwaway - local tests only');
  const server = await issueServerCertificate(authority, { hosts: ['localhost', '127.0.0.1'] });
  const caPem = authority.certificate.toString('pem');
  await writeFile(files.ca, caPem);
  await writeFile(files.caKey, await privateKeyPem(authority.keys.privateKey), { mode: 0o600 });
  await writeFile(files.cert, server.certPem);
  await writeFile(files.key, server.keyPem, { mode: 0o600 });
  return { caPem, caFile: files.ca, certPem: server.certPem, keyPem: server.keyPem };
}

export async function createAuthority(commonName: string): Promise<Authority> {
  const keys = (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: `CN=${commonName}`,
    notBefore: new Date(Date.now() - DAY),
    notAfter: new Date(Date.now() + 3650 * DAY),
    keys,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certificate, keys };
}

export interface IssueOptions {
  hosts: string[];
  /** Validity window; default: from yesterday for two years. */
  notBefore?: Date;
  notAfter?: Date;
}

export async function issueServerCertificate(
  authority: Authority,
  options: IssueOptions,
): Promise<{ certPem: string; keyPem: string }> {
  const keys = (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
  const names = options.hosts.map((host) =>
    /^[\d.]+$/.test(host) ? { type: 'ip' as const, value: host } : { type: 'dns' as const, value: host },
  );
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: `CN=${options.hosts[0] ?? 'localhost'}`,
    issuer: authority.certificate.subject,
    notBefore: options.notBefore ?? new Date(Date.now() - DAY),
    notAfter: options.notAfter ?? new Date(Date.now() + 730 * DAY),
    signingKey: authority.keys.privateKey,
    publicKey: keys.publicKey,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(names),
      await x509.AuthorityKeyIdentifierExtension.create(authority.keys.publicKey),
    ],
  });
  return { certPem: certificate.toString('pem'), keyPem: await privateKeyPem(keys.privateKey) };
}

async function privateKeyPem(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN PRIVATE KEY-----\n${lines.join('\n')}\n-----END PRIVATE KEY-----\n`;
}

function randomSerial(): string {
  return Buffer.from(webcrypto.getRandomValues(new Uint8Array(8)))
    .toString('hex')
    .replace(/^[89a-f]/, '1');
}
