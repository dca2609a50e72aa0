/**
 * The opening the TCP and TLS checks share: both connect directly (without the proxy: this is
 * what a firewall order is about) to the send module's host and port, note what they learn
 * for a time-out report, and resolve the name the same way — falling back to the expected
 * address when the name does not resolve, to tell a missing DNS entry from a closed firewall.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { msg } from '../i18n';
import {
  DNS_REMEDY,
  failure,
  firstCode,
  ipisTarget,
  proxyExcuse,
  proxyUrlOf,
  type CheckContext,
  type Data,
  type Outcome,
} from './checkDefinition';

export interface ResolvedAddress {
  address: string;
  /** The name did not resolve: connecting to the expected address instead. */
  fallbackFrom?: string;
}

/** The address a connection to `host` uses; when the name does not resolve, the expected address (to tell DNS from firewall). */
async function addressFor(host: string, expected: string): Promise<ResolvedAddress> {
  if (isIP(host)) return { address: host };
  try {
    return { address: (await lookup(host)).address };
  } catch (error) {
    const code = firstCode(error);
    if (
      expected &&
      isIP(expected) &&
      code &&
      ['ENOTFOUND', 'EAI_NONAME', 'EAI_NODATA', 'EAI_AGAIN', 'EAI_FAIL'].includes(code)
    )
      return { address: expected, fallbackFrom: code };
    throw error;
  }
}

/** The remedy when a direct connection to the send module is refused, reset or dropped. */
export const openRemedy = (host: string, address: string, port: number): string =>
  host === address
    ? msg(
        'Ask IT to open https (tcp/{0}) from this machine to {1}; it is only reachable inside Norsk Helsenett.',
        port,
        address,
      )
    : msg(
        'Ask IT to open https (tcp/{0}) from this machine to {1} ({2}); it is only reachable inside Norsk Helsenett.',
        port,
        host,
        address,
      );

export interface DirectTarget {
  host: string;
  port: number;
  /** https://host:port/, for the words of NetworkError. */
  url: string;
}

/** The send module's host and port, noted (with the proxy, for proxyExcuse) in case the check times out. */
export async function directTarget(context: CheckContext): Promise<DirectTarget> {
  const { host, port } = ipisTarget(context.config);
  Object.assign(context.observed, { host, port });
  const proxyUrl = await proxyUrlOf(context);
  if (proxyUrl) context.observed.proxyUrl = proxyUrl;
  return { host, port, url: `https://${host}:${port}/` };
}

export interface DirectAddress extends ResolvedAddress {
  /** host, port and address: the data every outcome of the connection carries. */
  data: Data;
}

/**
 * The address to connect to, or (as `failed`) the check's outcome when the name does not
 * resolve; `failureData` is added to that outcome's data.
 */
export async function resolveDirect(
  context: CheckContext,
  { host, port, url }: DirectTarget,
  failureData: Data = {},
): Promise<DirectAddress | { failed: Outcome }> {
  let resolved: ResolvedAddress;
  try {
    resolved = await addressFor(host, context.config.expectedAddress);
  } catch (error) {
    return {
      failed: proxyExcuse(context.observed, {
        ...failure(error, url, { host, port, ...failureData }),
        detail: msg('Cannot connect: {0} does not resolve ({1}).', host, firstCode(error) ?? 'DNS'),
        remedy: DNS_REMEDY(host),
      }),
    };
  }
  context.observed.address = resolved.address;
  return { ...resolved, data: { host, port, address: resolved.address } };
}

/** What a TCP or TLS check had learned when its time limit hit. */
export function observedTarget(observed: Data): { host: string; address: string; port: number } {
  const host = String(observed.host ?? msg('the host'));
  return { host, address: String(observed.address ?? host), port: Number(observed.port ?? 443) };
}
