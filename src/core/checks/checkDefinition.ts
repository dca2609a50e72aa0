/**
 * What every connection check is made of: its configuration, the context the runner hands
 * it, the outcome it returns, and the helpers several checks share (a failure in the words
 * of NetworkError, the send module's address, the DNS remedy, the proxy excuse).
 */
import { msg } from '../i18n';
import { SettingsError } from '../config/settings';
import { classifyNetworkError, redactUrl } from '../net/networkError';
import type { ProxySettings, Transport } from '../net/transport';
import type { SignInGuard } from '../ssb/signInGuard';
import type { CheckDataValue, CheckStatus } from './checkTypes';

export interface CheckConfig {
  ipisTestUrl: string;
  ipisProductionUrl: string;
  /** The address iplos.nhn.no must resolve to (91.186.94.110); empty = do not compare. */
  expectedAddress: string;
  ssbUrl: string;
  ssbOrgId?: string;
  caFile?: string;
  proxy?: ProxySettings | 'environment';
  /** DNS servers for 'dns-query' ("1.2.3.4" or "1.2.3.4:5353"); default: the system's (dns.getServers()). */
  dnsServers?: string[];
  /** Absent → 'ssb-login' is skipped. */
  ssbCredentials?: { username: string; password: string };
  /**
   * The session's sign-in guard, so that the check's sign-in counts towards (and respects)
   * the back-off after wrong passwords; SSB suspends accounts after a few of them.
   */
  ssbSignInGuard?: SignInGuard;
}

export type Data = Record<string, CheckDataValue>;

export interface Outcome {
  status: CheckStatus;
  detail: string;
  remedy?: string;
  data?: Data;
}

export interface Target {
  host: string;
  port: number;
  url: string;
}

export interface CheckContext {
  config: CheckConfig;
  signal: AbortSignal;
  timeoutMs: number;
  transport(): Promise<Transport>;
  /** What a check learned before it may have timed out (e.g. the address it was connecting to). */
  observed: Data;
}

export interface CheckDefinition {
  run(context: CheckContext): Promise<Outcome>;
  /** The outcome when the check's (or the run's) time limit hit first. */
  timedOut?(context: CheckContext, limit: string): Outcome;
}

/** "8 s", "1.5 s". */
export function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

/** A failed outcome from any error, in the words of NetworkError. */
export function failure(error: unknown, url: string, data: Data = {}): Outcome {
  const problem = classifyNetworkError(error, url);
  const code = firstCode(error);
  return {
    status: 'fail',
    detail: problem.message,
    ...(problem.remedy ? { remedy: problem.remedy } : {}),
    data: {
      ...data,
      errorKind: problem.kind,
      ...(code ? { errorCode: code } : {}),
      ...(problem.status !== undefined ? { httpStatus: problem.status } : {}),
    },
  };
}

export function firstCode(error: unknown): string | undefined {
  for (
    let current = error as { code?: unknown; cause?: unknown } | undefined, depth = 0;
    current && depth < 6;
    current = current.cause as typeof current, depth++
  ) {
    if (typeof current.code === 'string') return current.code;
  }
  return undefined;
}

/** The send module's host and port (from the test URL; both URLs name the same host in Helsenettet). */
export function ipisTarget(config: CheckConfig): Target {
  const address = sendModuleAddress(config.ipisTestUrl);
  if (!address)
    throw new SettingsError(
      msg('The IPIS test address is not a valid URL.'),
      msg('Check the setting "IPLOS: Endpoints: Ipis Test Url" (default https://iplos.nhn.no/SendemodulTEST).'),
      { detail: 'unparseable ipisTestUrl' },
    );
  return { ...address, url: redactUrl(config.ipisTestUrl) };
}

/**
 * The host (IPv6 without brackets) and port a send module URL names; undefined when it is no
 * URL. The checks connect there, and the firewall order asks IT to open the same.
 */
export function sendModuleAddress(text: string): { host: string; port: number } | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (url.port) return { host, port: Number(url.port) };
  return { host, port: url.protocol === 'http:' ? 80 : 443 };
}

/** The remedy whenever the send module's name does not resolve (DNS, TCP and TLS checks). */
export const DNS_REMEDY = (host: string): string =>
  msg(
    '{0} is only known inside Norsk Helsenett: this machine must use the municipality\'s Helsenett DNS (or a DNS that forwards to it). Ask IT to set that up; check with "nslookup {0}".',
    host,
  );

/** The proxy the HTTPS checks use, if any (undefined when the transport cannot be built). */
export async function proxyUrlOf(context: CheckContext): Promise<string | undefined> {
  return context.transport().then(
    (transport) => transport.proxyUrl,
    () => undefined,
  );
}

/**
 * A direct connection failed while a proxy is configured: HTTPS may go through the proxy
 * instead, so this is a warning; the send module checks (through the proxy) decide.
 */
export function proxyExcuse(observed: Data, outcome: Outcome): Outcome {
  const proxyUrl = typeof observed.proxyUrl === 'string' ? observed.proxyUrl : undefined;
  if (outcome.status !== 'fail' || !proxyUrl) return outcome;
  return {
    ...outcome,
    status: 'warn',
    detail: `${outcome.detail} ${msg('A proxy is configured ({0}): if HTTPS to the send module goes through it, a direct connection is not needed; the send module checks show whether it works.', proxyUrl)}`,
  };
}
