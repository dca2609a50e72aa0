/**
 * The connection checks behind the "Connection checks" view and `iplos check`: can this
 * machine reach the IPIS send module inside Norsk Helsenett (DNS for iplos.nhn.no, the
 * expected address, tcp/443, TLS) and SSB's file portal, and does the stored SSB password
 * work? Every check has its own time limit, all run at once, and the whole run is bounded:
 * a check that has not answered when the run's limit hits is reported as failed, never
 * awaited. Results never hold a password, PIN or token. The checks themselves live in one
 * file per kind; this is the runner.
 */
import { performance } from 'node:perf_hooks';
import { msg } from '../i18n';
import { createTransport, type ProxySettings, type Transport } from '../net/transport';
import type { SignInGuard } from '../ssb/signInGuard';
import type { IplosSettings } from '../config/settings';
import {
  failure,
  seconds,
  type CheckConfig,
  type CheckContext,
  type CheckDefinition,
  type Outcome,
} from './checkDefinition';
import { checkTitle } from './checkTitles';
import { CHECK_IDS, type CheckId, type CheckResult } from './checkTypes';
import { dnsOs, dnsQuery } from './dnsChecks';
import { proxy } from './proxyCheck';
import { ipisCheck } from './sendModuleChecks';
import { ssbInfo, ssbLogin } from './ssbChecks';
import { tcp } from './tcpCheck';
import { tls } from './tlsCheck';

export type { CheckConfig } from './checkDefinition';

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
      title: checkTitle(id),
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

function urlForCheck(id: CheckId, config: CheckConfig): string {
  if (id === 'ipis-production') return config.ipisProductionUrl;
  if (id === 'ssb-info' || id === 'ssb-login') return config.ssbUrl;
  return config.ipisTestUrl;
}

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
