/**
 * 'tls': a verifying TLS handshake with the send module, directly. Reports the certificate
 * (subject, issuer, validity), warns when it expires soon, and explains a certificate this
 * machine does not trust (often a proxy or firewall that inspects HTTPS).
 */
import { rootCertificates, type PeerCertificate } from 'node:tls';
import { msg } from '../i18n';
import { classifyNetworkError } from '../net/networkError';
import { readCaFile } from '../net/transport';
import { DNS_REMEDY, firstCode, proxyExcuse, type CheckDefinition, type Data } from './checkDefinition';
import { directTarget, observedTarget, openRemedy, resolveDirect } from './directTarget';
import { tlsHandshake } from './sockets';

/** Certificates expiring sooner than this give a warning. */
const EXPIRY_WARNING_DAYS = 14;

export const tls: CheckDefinition = {
  async run(context) {
    const { config, signal, observed } = context;
    const target = await directTarget(context);
    const { host, port, url } = target;
    const ca = config.caFile ? [...rootCertificates, ...(await readCaFile(config.caFile))] : undefined;
    const resolved = await resolveDirect(context, target, { trusted: false });
    if ('failed' in resolved) return resolved.failed;
    const { data } = resolved;
    let seen: PeerCertificate | undefined;
    try {
      const handshake = await tlsHandshake({
        address: resolved.address,
        port,
        host,
        ...(ca ? { ca } : {}),
        signal,
        onCertificate: (certificate) => (seen = certificate),
      });
      const certificate = describeCertificate(handshake.certificate);
      const daysLeft = Math.floor((Date.parse(certificate.validTo) - Date.now()) / 86_400_000);
      const all: Data = {
        ...data,
        ...certificate,
        trusted: true,
        protocol: handshake.protocol,
        daysLeft,
        ...(resolved.fallbackFrom ? { errorKind: 'dns', errorCode: resolved.fallbackFrom } : {}),
      };
      const summary = msg(
        'Certificate for {0}, issued by {1}, valid until {2}: trusted ({3}).',
        certificate.subject,
        certificate.issuer,
        certificate.validTo.slice(0, 10),
        handshake.protocol,
      );
      if (resolved.fallbackFrom)
        return {
          status: 'warn',
          detail: `${summary} ${msg('{0} does not resolve here ({1}); the handshake went to the expected address {2}.', host, resolved.fallbackFrom, resolved.address)}`,
          remedy: DNS_REMEDY(host),
          data: all,
        };
      if (daysLeft < EXPIRY_WARNING_DAYS)
        return {
          status: 'warn',
          detail: `${summary} ${msg('It expires in {0} days.', daysLeft)}`,
          remedy: msg("The server's owner must renew the certificate; sending stops working when it expires."),
          data: all,
        };
      return { status: 'pass', detail: summary, data: all };
    } catch (error) {
      if (signal.aborted) throw error;
      const problem = classifyNetworkError(error, url);
      const code = firstCode(error);
      const certificate = seen ? describeCertificate(seen) : undefined;
      const isTls = problem.kind.startsWith('tls-');
      let detail = code ? `${problem.message.replace(/\.$/, '')} (${code}).` : problem.message;
      if (certificate)
        detail += ` ${msg('The server presented a certificate for {0}, issued by {1}, valid until {2}.', certificate.subject, certificate.issuer, certificate.validTo.slice(0, 10))}`;
      if (resolved.fallbackFrom)
        detail += ` ${msg('({0} does not resolve here; tried the expected address {1}.)', host, resolved.address)}`;
      const unreachable = ['connection-refused', 'timeout', 'connection-reset'].includes(problem.kind);
      const remedy = !isTls && unreachable ? openRemedy(host, resolved.address, port) : problem.remedy;
      return proxyExcuse(observed, {
        status: 'fail',
        detail,
        ...(remedy ? { remedy } : {}),
        data: {
          ...data,
          ...(certificate ?? {}),
          trusted: false,
          errorKind: problem.kind,
          ...(code ? { errorCode: code } : {}),
        },
      });
    }
  },
  timedOut({ observed }, limit) {
    const { host, address, port } = observedTarget(observed);
    return proxyExcuse(observed, {
      status: 'fail',
      detail: msg(
        'No TLS handshake with {0}:{1} within {2}: a firewall may be dropping the connection, or inspecting it.',
        address,
        port,
        limit,
      ),
      remedy: openRemedy(host, address, port),
      data: { ...observed, trusted: false, errorKind: 'timeout' },
    });
  },
};

function describeCertificate(certificate: PeerCertificate): {
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  fingerprint256: string;
} {
  const name = (entity: PeerCertificate['subject'] | undefined): string => {
    const value = entity?.CN ?? entity?.O;
    return (Array.isArray(value) ? value.join(', ') : value) || '(no name)';
  };
  const iso = (text: string | undefined): string => {
    const time = text ? Date.parse(text) : Number.NaN;
    return Number.isNaN(time) ? String(text ?? '') : new Date(time).toISOString();
  };
  return {
    subject: name(certificate.subject),
    issuer: name(certificate.issuer),
    validFrom: iso(certificate.valid_from),
    validTo: iso(certificate.valid_to),
    fingerprint256: certificate.fingerprint256 ?? '',
  };
}
