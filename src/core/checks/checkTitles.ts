/**
 * The checks' titles, in one place for the results, the extension's view and the CLI:
 * English templates through msg, so the extension shows them translated and the CLI in
 * English. One literal msg call per title, so the extractor finds them.
 */
import { msg } from '../i18n';
import { CHECK_IDS, type CheckId } from './checkTypes';

export function checkTitle(id: CheckId): string {
  switch (id) {
    case 'dns-os':
      return msg('DNS lookup (system resolver)');
    case 'dns-query':
      return msg('DNS query (DNS server)');
    case 'tcp':
      return msg('TCP connection');
    case 'tls':
      return msg('TLS handshake and certificate');
    case 'ipis-test':
      return msg('IPIS send module, test');
    case 'ipis-production':
      return msg('IPIS send module, production');
    case 'ssb-info':
      return msg("SSB's file portal");
    case 'ssb-login':
      return msg('SSB sign-in');
    case 'proxy':
      return msg('Proxy');
  }
}

/** The same titles by id, each read through checkTitle when used (so translated as well). */
export const CHECK_TITLES: Readonly<Record<CheckId, string>> = Object.freeze(
  Object.defineProperties(
    {} as Record<CheckId, string>,
    Object.fromEntries(CHECK_IDS.map((id) => [id, { get: () => checkTitle(id), enumerable: true }])),
  ),
);
