/**
 * The connection checks behind the "Connection checks" view and `iplos check`: can this
 * machine reach the IPIS send module inside Norsk Helsenett (DNS for iplos.nhn.no, the
 * expected address, tcp/443, TLS) and SSB's file portal, and does the stored SSB password
 * work? Every check has its own time limit, all run at once, and the whole run is bounded:
 * a check that has not answered when the run's limit hits is reported as failed, never
 * awaited. Results never hold a password, PIN or token.
 */
import { getServers, lookup, Resolver } from 'node:dns/promises';
import { connect as netConnect, isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import { checkServerIdentity, connect as tlsConnect, rootCertificates, type PeerCertificate } from 'node:tls';
import { msg } from '../i18n';
import { IpisClient, type Environment } from '../ipis/ipisClient';
import { classifyNetworkError, redactUrl } from '../net/networkError';
import { createTransport, readCaFile, type ProxySettings, type Transport } from '../net/transport';
import { SsbPortalClient } from '../ssb/portalClient';
import { PasswordChangeRequired, SsbSignInError } from '../ssb/ssbErrors';
import type { SignInGuard } from '../ssb/signInGuard';
import { SettingsError, type IplosSettings } from '../config/settings';
import {
  CHECK_IDS,
  CHECK_TITLES,
  type CheckDataValue,
  type CheckId,
  type CheckResult,
  type CheckStatus,
} from './checkTypes';

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

export interface RunChecksOptions {
  /** Cancels the run; checks not finished by then are reported as 'skip' ("Cancelled"). */
  signal?: AbortSignal;
  /** Time limit of each check (default 8000 ms). */
  checkTimeoutMs?: number;
  /** Time limit of the whole run (default 20000 ms); unfinished checks then fail. */
  overallTimeoutMs?: number;
  /** Run only these checks (results still in the fixed order). */
  only?: readonly CheckId[];
  /** Called as each check finishes. */
  onResult?: (result: CheckResult) => void;
}

export const DEFAULT_CHECK_TIMEOUT_MS = 8000;
const TRANSPORT_TIMEOUT_SLACK_MS = 2000;
export const DEFAULT_OVERALL_TIMEOUT_MS = 20_000;
/** How long closing the transport may take before in-flight requests are torn down. */
const CLOSE_GRACE_MS = 500;

type Data = Record<string, CheckDataValue>;

interface Outcome {
  status: CheckStatus;
  detail: string;
  remedy?: string;
  data?: Data;
}

interface Target {
  host: string;
  port: number;
  url: string;
}

interface CheckContext {
  config: CheckConfig;
  signal: AbortSignal;
  timeoutMs: number;
  transport(): Promise<Transport>;
  /** What a check learned before it may have timed out (e.g. the address it was connecting to). */
  observed: Data;
}

interface CheckDefinition {
  run(context: CheckContext): Promise<Outcome>;
  /** The outcome when the check's (or the run's) time limit hit first. */
  timedOut?(context: CheckContext, limit: string): Outcome;
}

/** The checks' configuration from the shared settings (extension and CLI alike). */
export function checkConfigFrom(
  settings: IplosSettings,
  options: {
    proxy?: ProxySettings | 'environment';
    ssbCredentials?: { username: string; password: string };
    ssbSignInGuard?: SignInGuard;
  } = {},
): CheckConfig {
  return {
    ipisTestUrl: settings.endpoints.ipisTestUrl,
    ipisProductionUrl: settings.endpoints.ipisProductionUrl,
    expectedAddress: settings.endpoints.expectedAddress,
    ssbUrl: settings.endpoints.ssbUrl,
    ssbOrgId: settings.endpoints.ssbOrgId,
    ...(settings.caFile ? { caFile: settings.caFile } : {}),
    ...options,
  };
}

export async function runConnectionChecks(config: CheckConfig, options: RunChecksOptions = {}): Promise<CheckResult[]> {
  const checkTimeoutMs = options.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  const overallTimeoutMs = options.overallTimeoutMs ?? DEFAULT_OVERALL_TIMEOUT_MS;
  const selected = CHECK_IDS.filter((id) => !options.only || options.only.includes(id));

  const stop = new AbortController();
  let stopReason: 'overall-timeout' | 'cancelled' | undefined;
  const halt = (reason: 'overall-timeout' | 'cancelled'): void => {
    if (stopReason) return;
    stopReason = reason;
    stop.abort(new Error(reason === 'cancelled' ? 'connection checks cancelled' : 'connection checks timed out'));
  };
  const onCancel = (): void => halt('cancelled');
  if (options.signal?.aborted) halt('cancelled');
  options.signal?.addEventListener('abort', onCancel, { once: true });
  const overallTimer = setTimeout(() => halt('overall-timeout'), overallTimeoutMs);

  let transportPromise: Promise<Transport> | undefined;
  /** A check hit a time limit or was cancelled: requests may still be in flight. */
  let interrupted = false;
  const transport = (): Promise<Transport> =>
    (transportPromise ??= createTransport({
      ...(config.caFile ? { caFile: config.caFile } : {}),
      ...(config.proxy ? { proxy: config.proxy } : {}),
      // Looser than the check's own limit, so the check's timer (with its clearer message)
      // always fires first; undici's coarse timers could otherwise win the race.
      connectTimeoutMs: checkTimeoutMs + TRANSPORT_TIMEOUT_SLACK_MS,
      headersTimeoutMs: checkTimeoutMs + TRANSPORT_TIMEOUT_SLACK_MS,
      bodyTimeoutMs: checkTimeoutMs + TRANSPORT_TIMEOUT_SLACK_MS,
    }));

  const runOne = async (id: CheckId): Promise<CheckResult> => {
    const started = performance.now();
    const definition = CHECKS[id];
    const signal = AbortSignal.any([stop.signal, AbortSignal.timeout(checkTimeoutMs)]);
    const context: CheckContext = { config, signal, timeoutMs: checkTimeoutMs, transport, observed: {} };
    let outcome: Outcome;
    if (signal.aborted) {
      outcome = abortedOutcome(definition, context, stopReason, checkTimeoutMs, overallTimeoutMs);
    } else {
      const aborted = rejectOnAbort(signal);
      try {
        outcome = await Promise.race([definition.run(context), aborted.promise]);
      } catch (error) {
        outcome = signal.aborted
          ? abortedOutcome(definition, context, stopReason, checkTimeoutMs, overallTimeoutMs)
          : failure(error, urlForCheck(id, config));
      } finally {
        aborted.dispose();
      }
      // An answer caused by the abort itself (a request that was cancelled) is the time limit's.
      if (signal.aborted) outcome = abortedOutcome(definition, context, stopReason, checkTimeoutMs, overallTimeoutMs);
    }
    if (signal.aborted) interrupted = true;
    const result: CheckResult = {
      id,
      title: CHECK_TITLES[id],
      status: outcome.status,
      detail: outcome.detail,
      durationMs: Math.round(performance.now() - started),
      ...(outcome.remedy ? { remedy: outcome.remedy } : {}),
      ...(outcome.data && Object.keys(outcome.data).length > 0 ? { data: outcome.data } : {}),
    };
    try {
      options.onResult?.(result);
    } catch {
      // A listener's failure must not cost the other checks their results.
    }
    return result;
  };

  try {
    return await Promise.all(selected.map(runOne));
  } finally {
    clearTimeout(overallTimer);
    options.signal?.removeEventListener('abort', onCancel);
    if (transportPromise) await closeTransport(transportPromise, !interrupted);
  }
}

/**
 * Closes the shared transport. After a time limit or a cancel, requests may still be in
 * flight (a sign-in cannot be aborted): they are torn down, never awaited.
 */
async function closeTransport(pending: Promise<Transport>, graceful: boolean): Promise<void> {
  const transport = await withinMs(
    pending.catch(() => undefined),
    CLOSE_GRACE_MS,
  );
  if (!transport) return;
  if (
    graceful &&
    (await withinMs(
      transport.close().then(
        () => true,
        () => true,
      ),
      CLOSE_GRACE_MS,
    ))
  )
    return;
  await withinMs(
    transport.dispatcher.destroy().catch(() => undefined),
    CLOSE_GRACE_MS,
  );
}

async function withinMs<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function rejectOnAbort(signal: AbortSignal): { promise: Promise<never>; dispose(): void } {
  let listener: (() => void) | undefined;
  const promise = new Promise<never>((_resolve, reject) => {
    listener = () => reject(signal.reason);
    signal.addEventListener('abort', listener, { once: true });
  });
  promise.catch(() => undefined);
  return { promise, dispose: () => listener && signal.removeEventListener('abort', listener) };
}

function abortedOutcome(
  definition: CheckDefinition,
  context: CheckContext,
  stopReason: 'overall-timeout' | 'cancelled' | undefined,
  checkTimeoutMs: number,
  overallTimeoutMs: number,
): Outcome {
  if (stopReason === 'cancelled')
    return {
      status: 'skip',
      detail: msg('Cancelled before it finished.'),
      data: { ...context.observed, errorKind: 'cancelled' },
    };
  const limit = seconds(stopReason === 'overall-timeout' ? overallTimeoutMs : checkTimeoutMs);
  const specific = definition.timedOut?.(context, limit);
  if (specific) return specific;
  return {
    status: 'fail',
    detail: msg('No answer within {0}.', limit),
    remedy: msg(
      'A firewall may be silently dropping the connection (ask IT to open HTTPS, tcp/443), or the service is slow; run the check again.',
    ),
    data: { ...context.observed, errorKind: 'timeout' },
  };
}

/** "8 s", "1.5 s". */
function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

/** A failed outcome from any error, in the words of NetworkError. */
function failure(error: unknown, url: string, data: Data = {}): Outcome {
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

function firstCode(error: unknown): string | undefined {
  for (
    let current = error as { code?: unknown; cause?: unknown } | undefined, depth = 0;
    current && depth < 6;
    current = current.cause as typeof current, depth++
  ) {
    if (typeof current.code === 'string') return current.code;
  }
  return undefined;
}

function urlForCheck(id: CheckId, config: CheckConfig): string {
  if (id === 'ipis-production') return config.ipisProductionUrl;
  if (id === 'ssb-info' || id === 'ssb-login') return config.ssbUrl;
  return config.ipisTestUrl;
}

/** The send module's host and port (from the test URL; both URLs name the same host in Helsenettet). */
function ipisTarget(config: CheckConfig): Target {
  let url: URL;
  try {
    url = new URL(config.ipisTestUrl);
  } catch {
    throw new SettingsError(
      msg('The IPIS test address is not a valid URL.'),
      msg('Check the setting "IPLOS: Endpoints: Ipis Test Url" (default https://iplos.nhn.no/SendemodulTEST).'),
      { detail: 'unparseable ipisTestUrl' },
    );
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = url.port ? Number(url.port) : url.protocol === 'http:' ? 80 : 443;
  return { host, port, url: redactUrl(config.ipisTestUrl) };
}

// ---------------------------------------------------------------------------------------
// DNS

const DNS_REMEDY = (host: string): string =>
  msg(
    '{0} is only known inside Norsk Helsenett: this machine must use the municipality\'s Helsenett DNS (or a DNS that forwards to it). Ask IT to set that up; check with "nslookup {0}".',
    host,
  );

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

const dnsOs: CheckDefinition = {
  async run({ config, observed }) {
    const { host } = ipisTarget(config);
    observed.host = host;
    if (isIP(host))
      return {
        status: 'skip',
        detail: msg("The send module's address is the IP address {0}; there is no name to resolve.", host),
        data: { host },
      };
    let answers: { address: string }[];
    try {
      answers = await lookup(host, { all: true });
    } catch (error) {
      const code = firstCode(error) ?? 'unknown';
      const detail =
        code === 'ENOTFOUND' || code === 'EAI_NONAME' || code === 'EAI_NODATA'
          ? msg('The system resolver does not find {0} ({1}).', host, code)
          : code === 'EAI_AGAIN'
            ? msg('The system resolver could not look up {0}: no DNS server answered in time ({1}).', host, code)
            : msg('The system resolver failed to look up {0} ({1}).', host, code);
      return {
        status: 'fail',
        detail,
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

const dnsQuery: CheckDefinition = {
  async run({ config, signal, timeoutMs, observed }) {
    const { host } = ipisTarget(config);
    observed.host = host;
    if (isIP(host))
      return {
        status: 'skip',
        detail: msg("The send module's address is the IP address {0}; there is no name to resolve.", host),
        data: { host },
      };
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

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

// ---------------------------------------------------------------------------------------
// TCP and TLS (direct, without the proxy: this is what a firewall order is about)

interface ResolvedAddress {
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

const openRemedy = (host: string, address: string, port: number): string =>
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

/** The proxy the HTTPS checks use, if any (undefined when the transport cannot be built). */
async function proxyUrlOf(context: CheckContext): Promise<string | undefined> {
  return context.transport().then(
    (transport) => transport.proxyUrl,
    () => undefined,
  );
}

/**
 * A direct connection failed while a proxy is configured: HTTPS may go through the proxy
 * instead, so this is a warning; the send module checks (through the proxy) decide.
 */
function proxyExcuse(observed: Data, outcome: Outcome): Outcome {
  const proxyUrl = typeof observed.proxyUrl === 'string' ? observed.proxyUrl : undefined;
  if (outcome.status !== 'fail' || !proxyUrl) return outcome;
  return {
    ...outcome,
    status: 'warn',
    detail: `${outcome.detail} ${msg('A proxy is configured ({0}): if HTTPS to the send module goes through it, a direct connection is not needed; the send module checks show whether it works.', proxyUrl)}`,
  };
}

const tcp: CheckDefinition = {
  async run(context) {
    const { config, signal, observed } = context;
    const { host, port } = ipisTarget(config);
    Object.assign(observed, { host, port });
    const proxyUrl = await proxyUrlOf(context);
    if (proxyUrl) observed.proxyUrl = proxyUrl;
    let resolved: ResolvedAddress;
    try {
      resolved = await addressFor(host, config.expectedAddress);
    } catch (error) {
      return proxyExcuse(observed, {
        ...failure(error, `https://${host}:${port}/`, { host, port }),
        detail: msg('Cannot connect: {0} does not resolve ({1}).', host, firstCode(error) ?? 'DNS'),
        remedy: DNS_REMEDY(host),
      });
    }
    observed.address = resolved.address;
    const data: Data = { host, port, address: resolved.address };
    try {
      const connection = await tcpConnect(resolved.address, port, signal);
      if (resolved.fallbackFrom) {
        return {
          status: 'warn',
          detail: msg(
            '{0} does not resolve here ({1}), but a direct connection to {2}:{3} works: only DNS is missing.',
            host,
            resolved.fallbackFrom,
            resolved.address,
            port,
          ),
          remedy: DNS_REMEDY(host),
          data: { ...data, localAddress: connection.localAddress, errorKind: 'dns', errorCode: resolved.fallbackFrom },
        };
      }
      const connected =
        host === resolved.address
          ? msg('Connected to {0}:{1}.', resolved.address, port)
          : msg('Connected to {0}:{1} ({2}).', resolved.address, port, host);
      return { status: 'pass', detail: connected, data: { ...data, localAddress: connection.localAddress } };
    } catch (error) {
      if (signal.aborted) throw error;
      const code = firstCode(error) ?? 'unknown';
      const where = `${resolved.address}:${port}`;
      const viaFallback = resolved.fallbackFrom
        ? ` ${msg('({0} does not resolve here; tried the expected address)', host)}`
        : '';
      const remedy = openRemedy(host, resolved.address, port);
      const failed = (detail: string, errorKind: string): Outcome => ({
        status: 'fail',
        detail: `${detail}${viaFallback}`,
        remedy,
        data: { ...data, errorKind, errorCode: code },
      });
      let outcome: Outcome;
      if (code === 'ECONNREFUSED')
        outcome = failed(
          msg('{0} refused the connection (ECONNREFUSED): nothing listens there, or a firewall rejects it.', where),
          'connection-refused',
        );
      else if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH')
        outcome = failed(
          msg('There is no route from this machine to {0} ({1}).', resolved.address, code),
          'connection-refused',
        );
      else if (code === 'ETIMEDOUT')
        outcome = failed(
          msg('No answer from {0} (ETIMEDOUT): a firewall is probably dropping the connection.', where),
          'timeout',
        );
      else if (code === 'ECONNRESET')
        outcome = failed(
          msg('The connection to {0} was reset (ECONNRESET): a firewall may be rejecting it.', where),
          'connection-reset',
        );
      else outcome = failed(msg('Connecting to {0} failed ({1}).', where, code), 'connection-reset');
      return proxyExcuse(observed, outcome);
    }
  },
  timedOut({ observed }, limit) {
    const host = String(observed.host ?? msg('the host'));
    const address = String(observed.address ?? host);
    const port = Number(observed.port ?? 443);
    const detail = observed.address
      ? msg('No answer from {0}:{1} within {2}: a firewall is probably dropping the connection.', address, port, limit)
      : msg('Looking up {0} took longer than {1}.', host, limit);
    return proxyExcuse(observed, {
      status: 'fail',
      detail,
      remedy: observed.address ? openRemedy(host, address, port) : DNS_REMEDY(host),
      data: { ...observed, errorKind: 'timeout' },
    });
  },
};

function tcpConnect(
  address: string,
  port: number,
  signal: AbortSignal,
): Promise<{ remoteAddress: string; localAddress: string }> {
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host: address, port });
    const onAbort = (): void => {
      socket.destroy();
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    const done = (): void => {
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
    };
    socket.once('connect', () => {
      const info = { remoteAddress: socket.remoteAddress ?? address, localAddress: socket.localAddress ?? '' };
      done();
      resolve(info);
    });
    socket.once('error', (error) => {
      done();
      reject(error);
    });
  });
}

/** Certificates expiring sooner than this give a warning. */
const EXPIRY_WARNING_DAYS = 14;

const tls: CheckDefinition = {
  async run(context) {
    const { config, signal, observed } = context;
    const { host, port } = ipisTarget(config);
    Object.assign(observed, { host, port });
    const proxyUrl = await proxyUrlOf(context);
    if (proxyUrl) observed.proxyUrl = proxyUrl;
    const url = `https://${host}:${port}/`;
    const ca = config.caFile ? [...rootCertificates, ...(await readCaFile(config.caFile))] : undefined;
    let resolved: ResolvedAddress;
    try {
      resolved = await addressFor(host, config.expectedAddress);
    } catch (error) {
      return proxyExcuse(observed, {
        ...failure(error, url, { host, port, trusted: false }),
        detail: msg('Cannot connect: {0} does not resolve ({1}).', host, firstCode(error) ?? 'DNS'),
        remedy: DNS_REMEDY(host),
      });
    }
    observed.address = resolved.address;
    const data: Data = { host, port, address: resolved.address };
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
      const remedy = isTls
        ? problem.remedy
        : problem.kind === 'connection-refused' || problem.kind === 'timeout' || problem.kind === 'connection-reset'
          ? openRemedy(host, resolved.address, port)
          : problem.remedy;
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
    const host = String(observed.host ?? msg('the host'));
    const address = String(observed.address ?? host);
    const port = Number(observed.port ?? 443);
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

/**
 * A verifying TLS handshake (never with verification off). The certificate is read after
 * success, or — for a host name mismatch — from the identity check, which still decides.
 */
function tlsHandshake(options: {
  address: string;
  port: number;
  host: string;
  ca?: string[];
  signal: AbortSignal;
  onCertificate: (certificate: PeerCertificate) => void;
}): Promise<{ certificate: PeerCertificate; protocol: string }> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({
      host: options.address,
      port: options.port,
      ...(isIP(options.host) ? {} : { servername: options.host }),
      ...(options.ca ? { ca: options.ca } : {}),
      rejectUnauthorized: true,
      checkServerIdentity: (hostname, certificate) => {
        options.onCertificate(certificate);
        return checkServerIdentity(hostname, certificate);
      },
    });
    const onAbort = (): void => {
      socket.destroy();
      reject(options.signal.reason);
    };
    options.signal.addEventListener('abort', onAbort, { once: true });
    const done = (): void => {
      options.signal.removeEventListener('abort', onAbort);
      socket.destroy();
    };
    socket.once('secureConnect', () => {
      const certificate = socket.getPeerCertificate();
      const protocol = socket.getProtocol() ?? 'TLS';
      const authorized = socket.authorized;
      done();
      if (!authorized) reject(new Error(`certificate not authorized: ${String(socket.authorizationError)}`));
      else resolve({ certificate, protocol });
    });
    socket.once('error', (error) => {
      done();
      reject(error);
    });
  });
}

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

// ---------------------------------------------------------------------------------------
// HTTPS: the send modules and SSB's portal (through the product's transport and proxy)

function ipisCheck(role: Environment): CheckDefinition {
  const setting = role === 'test' ? 'IPLOS: Endpoints: Ipis Test Url' : 'IPLOS: Endpoints: Ipis Production Url';
  return {
    async run({ config, signal, transport }) {
      const url = role === 'test' ? config.ipisTestUrl : config.ipisProductionUrl;
      const shown = redactUrl(url);
      const data: Data = { url: shown, expectedEnvironment: role };
      let answer: { environment?: unknown; service?: unknown } | undefined;
      try {
        const client = new IpisClient((await transport()).dispatcher, url, { municipality: '0000', kostraPin: '' });
        answer = (await client.status(signal)) as typeof answer;
      } catch (error) {
        if (signal.aborted) throw error;
        const outcome = failure(error, url, data);
        if (outcome.data?.httpStatus === 404)
          outcome.remedy = msg('Check the setting "{0}": {1} has no send module.', setting, shown);
        return outcome;
      }
      const environment = typeof answer?.environment === 'string' ? answer.environment : undefined;
      const service = typeof answer?.service === 'string' ? answer.service : 'IPIS';
      if (!environment) {
        return {
          status: 'fail',
          detail: msg(
            '{0} answered, but not as an IPIS send module (no environment in its status). A proxy or login page may be answering instead.',
            shown,
          ),
          remedy: msg('Check the setting "{0}" and the proxy settings.', setting),
          data: { ...data, errorKind: 'http' },
        };
      }
      const all = { ...data, environment, service };
      if (environment !== role) {
        return {
          status: 'warn',
          detail: msg(
            '{0} answers as the {1} send module, but is configured as the {2} one.',
            shown,
            environment,
            role,
          ),
          remedy: msg('Check the setting "{0}".', setting),
          data: { ...all, errorKind: 'mismatch' },
        };
      }
      return { status: 'pass', detail: msg('{0} answers: {1} ({2}).', shown, service, environment), data: all };
    },
  };
}

const ssbInfo: CheckDefinition = {
  async run({ config, signal, transport }) {
    const shown = redactUrl(config.ssbUrl);
    try {
      const client = new SsbPortalClient(
        (await transport()).dispatcher,
        config.ssbUrl,
        config.ssbOrgId ? { orgId: config.ssbOrgId } : {},
      );
      const info = await client.info(signal);
      const name = typeof info?.name === 'string' ? info.name : undefined;
      const baseUrl = typeof info?.baseURL === 'string' ? info.baseURL : undefined;
      if (!name && !baseUrl) {
        return {
          status: 'fail',
          detail: msg(
            "{0} answered, but not as SSB's file portal (no organisation in /api/v1/info). A proxy or login page may be answering instead.",
            shown,
          ),
          remedy: msg(
            'Check the setting "IPLOS: Endpoints: Ssb Url" (https://filsluse.ssb.no) and the proxy settings.',
          ),
          data: { url: shown, errorKind: 'http' },
        };
      }
      const orgId = typeof info?.id === 'string' || typeof info?.id === 'number' ? String(info.id) : undefined;
      const detail = baseUrl
        ? msg('{0} answers: {1} ({2}).', shown, name ?? 'SSB', baseUrl)
        : msg('{0} answers: {1}.', shown, name ?? 'SSB');
      return {
        status: 'pass',
        detail,
        data: {
          url: shown,
          ...(name ? { organisation: name } : {}),
          ...(baseUrl ? { baseURL: baseUrl } : {}),
          ...(orgId ? { orgId } : {}),
        },
      };
    } catch (error) {
      if (signal.aborted) throw error;
      return failure(error, config.ssbUrl, { url: shown });
    }
  },
};

const ssbLogin: CheckDefinition = {
  async run({ config, signal, transport }) {
    const credentials = config.ssbCredentials;
    if (!credentials) {
      return {
        status: 'skip',
        detail: msg('No SSB password is stored for this municipality, so signing in was not tried.'),
        remedy: msg(
          "Store the municipality's SSB password (kept in the operating system's secure storage) to include this check.",
        ),
      };
    }
    const { username } = credentials;
    const client = new SsbPortalClient((await transport()).dispatcher, config.ssbUrl, {
      ...(config.ssbOrgId ? { orgId: config.ssbOrgId } : {}),
      ...(config.ssbSignInGuard ? { guard: config.ssbSignInGuard } : {}),
    });
    try {
      // One attempt only: a wrong password is never retried (SSB suspends the account).
      await client.signIn(username, credentials.password);
    } catch (error) {
      if (signal.aborted) throw error;
      if (error instanceof PasswordChangeRequired) {
        return {
          status: 'warn',
          detail: msg('SSB knows {0}, but requires a new password before signing in.', username),
          remedy: `${msg('Sign in to SSB in IPLOS Innsending and choose a new password.')} ${error.remedy}`,
          data: { username, errorKind: 'password-change-required' },
        };
      }
      if (error instanceof SsbSignInError) {
        return {
          status: 'fail',
          detail: error.message,
          remedy: error.remedy,
          data: {
            username,
            errorKind: 'sign-in',
            ...(error.detail.startsWith('invalid_grant') ? { errorCode: 'invalid_grant' } : {}),
          },
        };
      }
      return failure(error, config.ssbUrl, { username });
    }
    await client.signOut().catch(() => undefined);
    return {
      status: 'pass',
      detail: msg('Signed in to SSB as {0} (and signed out again).', username),
      data: { username },
    };
  },
};

const proxy: CheckDefinition = {
  async run({ config, transport }) {
    let current: Transport;
    try {
      current = await transport();
    } catch (error) {
      return failure(error, config.ipisTestUrl);
    }
    const source = config.proxy === 'environment' ? 'HTTPS_PROXY' : 'http.proxy';
    if (!current.proxyUrl)
      return { status: 'pass', detail: msg('No proxy: connections go directly.'), data: { proxy: false } };
    const data: Data = { proxy: true, proxyUrl: current.proxyUrl, source };
    if (current.strictSSLIgnored) {
      return {
        status: 'warn',
        detail: msg(
          'Proxy {0} (credentials hidden). http.proxyStrictSSL is off in VS Code; IPLOS Innsending still verifies certificates.',
          current.proxyUrl,
        ),
        remedy: msg(
          'If the proxy re-signs HTTPS, set the setting "IPLOS: Ca File" to its CA certificate (PEM) instead of switching checks off.',
        ),
        data: { ...data, strictSSLIgnored: true },
      };
    }
    return { status: 'pass', detail: msg('Proxy {0} (credentials hidden), from {1}.', current.proxyUrl, source), data };
  },
};

const CHECKS: Record<CheckId, CheckDefinition> = {
  'dns-os': dnsOs,
  'dns-query': dnsQuery,
  tcp,
  tls,
  'ipis-test': ipisCheck('test'),
  'ipis-production': ipisCheck('production'),
  'ssb-info': ssbInfo,
  'ssb-login': ssbLogin,
  proxy,
};
