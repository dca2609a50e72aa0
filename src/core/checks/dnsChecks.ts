/**
 * 'dns-os' and 'dns-query': does the send module's name resolve, through the operating
 * system and in a DNS query to the configured (or the system's) DNS servers, and to the
 * expected address? iplos.nhn.no is only known inside Norsk Helsenett.
 */
import { getServers, lookup, Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';
import { msg } from '../i18n';
import {
  DNS_REMEDY,
  firstCode,
  ipisTarget,
  seconds,
  type CheckContext,
  type CheckDefinition,
  type Data,
  type Outcome,
} from './checkDefinition';

/**
 * pass when the expected address is among the answers; warn when the name resolves elsewhere.
 * `dnsServers`: the servers asked, or undefined for the system resolver.
 */
function compareAddresses(
  host: string,
  addresses: string[],
  expected: string,
  dnsServers: string | undefined,
  data: Data,
): Outcome {
  const list = addresses.join(', ');
  const all = { ...data, addresses, ...(expected ? { expectedAddress: expected } : {}) };
  if (!expected) {
    const detail =
      dnsServers === undefined
        ? msg('{0} resolves to {1} (system resolver).', host, list)
        : msg('{0} resolves to {1} (DNS server {2}).', host, list, dnsServers);
    return { status: 'pass', detail, data: all };
  }
  if (addresses.includes(expected)) {
    const detail =
      dnsServers === undefined
        ? msg('{0} resolves to {1} (system resolver), the expected address.', host, list)
        : msg('{0} resolves to {1} (DNS server {2}), the expected address.', host, list, dnsServers);
    return { status: 'pass', detail, data: all };
  }
  const mismatch =
    dnsServers === undefined
      ? msg('{0} resolves to {1} (system resolver), not to the expected {2}.', host, list, expected)
      : msg('{0} resolves to {1} (DNS server {2}), not to the expected {3}.', host, list, dnsServers, expected);
  return {
    status: 'warn',
    detail: `${mismatch} ${msg('This can be right (an internal split-horizon DNS, or address translation); the TCP, TLS and send module checks show whether it works.')}`,
    remedy: msg(
      'If the connection checks fail, ask IT why {0} resolves to {1} here; inside Norsk Helsenett it is {2}.',
      host,
      list,
      expected,
    ),
    data: { ...all, errorKind: 'mismatch' },
  };
}

/** The send module's name (noted in case the check times out), or the checks' skip when it is an IP address. */
function nameToResolve({ config, observed }: CheckContext): { host: string } | { skip: Outcome } {
  const { host } = ipisTarget(config);
  observed.host = host;
  if (!isIP(host)) return { host };
  return {
    skip: {
      status: 'skip',
      detail: msg("The send module's address is the IP address {0}; there is no name to resolve.", host),
      data: { host },
    },
  };
}

export const dnsOs: CheckDefinition = {
  async run(context) {
    const { config } = context;
    const name = nameToResolve(context);
    if ('skip' in name) return name.skip;
    const { host } = name;
    let answers: { address: string }[];
    try {
      answers = await lookup(host, { all: true });
    } catch (error) {
      const code = firstCode(error) ?? 'unknown';
      return {
        status: 'fail',
        detail: lookupFailure(host, code),
        remedy: DNS_REMEDY(host),
        data: {
          host,
          errorKind: 'dns',
          errorCode: code,
          ...(config.expectedAddress ? { expectedAddress: config.expectedAddress } : {}),
        },
      };
    }
    return compareAddresses(host, unique(answers.map((answer) => answer.address)), config.expectedAddress, undefined, {
      host,
    });
  },
  timedOut({ observed }, limit) {
    const host = String(observed.host ?? msg('the host'));
    return {
      status: 'fail',
      detail: msg('The system resolver did not answer for {0} within {1}.', host, limit),
      remedy: DNS_REMEDY(host),
      data: { ...observed, errorKind: 'timeout' },
    };
  },
};

export const dnsQuery: CheckDefinition = {
  async run(context) {
    const { config, signal, timeoutMs, observed } = context;
    const name = nameToResolve(context);
    if ('skip' in name) return name.skip;
    const { host } = name;
    const servers = config.dnsServers && config.dnsServers.length > 0 ? config.dnsServers : getServers();
    observed.dnsServers = servers;
    if (servers.length === 0)
      return {
        status: 'fail',
        detail: msg('This machine has no DNS server configured.'),
        remedy: DNS_REMEDY(host),
        data: { host, errorKind: 'dns' },
      };
    const named = servers.join(', ');
    // Each server gets its share of the check's time, so the resolver's own timeout comes first.
    const resolver = new Resolver({ timeout: Math.max(200, Math.floor((timeoutMs - 250) / servers.length)), tries: 1 });
    try {
      resolver.setServers(servers);
    } catch (error) {
      return {
        status: 'fail',
        detail: msg('The DNS server list "{0}" is not valid ({1}).', named, (error as Error).message),
        remedy: msg('Give DNS servers as IP addresses, optionally with a port (1.2.3.4 or 1.2.3.4:53).'),
        data: { host, dnsServers: servers, errorKind: 'configuration' },
      };
    }
    const cancel = (): void => resolver.cancel();
    signal.addEventListener('abort', cancel, { once: true });
    let addresses: string[];
    try {
      addresses = await resolver.resolve4(host);
    } catch (error) {
      if (signal.aborted) throw error;
      const code = firstCode(error) ?? 'unknown';
      const data: Data = {
        host,
        dnsServers: servers,
        errorCode: code,
        errorKind: code === 'ETIMEOUT' ? 'timeout' : 'dns',
        ...(config.expectedAddress ? { expectedAddress: config.expectedAddress } : {}),
      };
      const reachRemedy = msg(
        'Check that this machine may reach the DNS server {0} (udp and tcp port 53), or ask IT.',
        named,
      );
      switch (code) {
        case 'ENOTFOUND':
          return {
            status: 'fail',
            detail: msg('The name {0} does not exist in the DNS at {1} (NXDOMAIN).', host, named),
            remedy: DNS_REMEDY(host),
            data,
          };
        case 'ENODATA':
          return {
            status: 'fail',
            detail: msg('The name {0} exists in the DNS at {1} but has no IPv4 address (A record).', host, named),
            remedy: DNS_REMEDY(host),
            data,
          };
        case 'ETIMEOUT':
          return {
            status: 'fail',
            detail: msg('The DNS server {0} did not answer for {1} within {2}.', named, host, seconds(timeoutMs)),
            remedy: reachRemedy,
            data,
          };
        case 'ECONNREFUSED':
          return {
            status: 'fail',
            detail: msg('The DNS server {0} refused the connection.', named),
            remedy: reachRemedy,
            data,
          };
        case 'ESERVFAIL':
          return {
            status: 'fail',
            detail: msg(
              'The DNS server {0} could not answer for {1} (SERVFAIL); it may not reach the name servers of nhn.no.',
              named,
              host,
            ),
            remedy: DNS_REMEDY(host),
            data,
          };
        case 'EREFUSED':
          return {
            status: 'fail',
            detail: msg('The DNS server {0} refused to answer for {1} (REFUSED).', named, host),
            remedy: DNS_REMEDY(host),
            data,
          };
        default:
          return {
            status: 'fail',
            detail: msg('Asking the DNS server {0} for {1} failed ({2}).', named, host, code),
            remedy: DNS_REMEDY(host),
            data,
          };
      }
    } finally {
      signal.removeEventListener('abort', cancel);
    }
    return compareAddresses(host, unique(addresses), config.expectedAddress, named, { host, dnsServers: servers });
  },
  timedOut({ observed }, limit) {
    const servers = Array.isArray(observed.dnsServers) ? observed.dnsServers.join(', ') : msg('the DNS server');
    return {
      status: 'fail',
      detail: msg(
        'The DNS server {0} did not answer for {1} within {2}.',
        servers,
        String(observed.host ?? msg('the host')),
        limit,
      ),
      remedy: msg('Check that this machine may reach the DNS server {0} (udp and tcp port 53), or ask IT.', servers),
      data: { ...observed, errorKind: 'timeout' },
    };
  },
};

/** Why the system resolver did not find the name. */
function lookupFailure(host: string, code: string): string {
  if (code === 'ENOTFOUND' || code === 'EAI_NONAME' || code === 'EAI_NODATA')
    return msg('The system resolver does not find {0} ({1}).', host, code);
  if (code === 'EAI_AGAIN')
    return msg('The system resolver could not look up {0}: no DNS server answered in time ({1}).', host, code);
  return msg('The system resolver failed to look up {0} ({1}).', host, code);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
