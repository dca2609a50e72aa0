/**
 * Every network failure becomes a NetworkError that says, in words a municipal IT person
 * recognises, what happened and what to do — plus technical detail for the log. Neither
 * ever contains a secret: callers pass URLs without credentials, and bodies are not quoted.
 * The message and remedy are made with core/i18n's msg, so the host may translate them; the
 * detail stays English. Only the network's failures: a cancelled request is the core's
 * CancelledError, a local disk or state problem has its own IplosError.
 */
import { CancelledError, isCancellation } from '../abort';
import { SettingsError } from '../config/settings';
import { IplosError } from '../errors';
import { msg } from '../i18n';

export type NetworkErrorKind =
  | 'dns'
  | 'connection-refused'
  | 'timeout'
  | 'connection-reset'
  | 'tls-unknown-ca'
  | 'tls-expired'
  | 'tls-hostname'
  | 'tls-other'
  | 'proxy'
  | 'http'
  | 'integrity'
  /** The server answered, but not with what the API documents (an HTML login page, a missing field). */
  | 'unexpected-response'
  /** A setting of the network (the CA file, an endpoint) makes the request impossible. */
  | 'configuration';

/** An IplosError whose code is its kind. */
export class NetworkError extends IplosError {
  override readonly name: string = 'NetworkError';
  declare readonly code: NetworkErrorKind;

  constructor(
    readonly kind: NetworkErrorKind,
    /** What happened, for the user. */
    message: string,
    /** What to do about it, for the user. */
    remedy: string,
    /** Codes and causes, for the log. */
    detail: string,
    readonly options: { status?: number; retryable?: boolean; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(kind, message, { remedy, detail, cause: options.cause });
  }

  get status(): number | undefined {
    return this.options.status;
  }

  /** Worth another attempt: the network or the server may recover. */
  get retryable(): boolean {
    return this.options.retryable ?? false;
  }

  get retryAfterMs(): number | undefined {
    return this.options.retryAfterMs;
  }
}

const TLS_UNKNOWN_CA = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_UNTRUSTED',
]);
const TLS_EXPIRED = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);

/**
 * What a failed request means to its caller: a CancelledError when the caller cancelled it —
 * its signal is aborted, whatever the abort reason looks like (undici rejects with the
 * caller's reason, e.g. VS Code's CancellationError), or undici reports an abort — and
 * otherwise the NetworkError of classifyNetworkError. A cancel is never retried.
 */
export function classifyRequestError(error: unknown, url: string, signal?: AbortSignal): NetworkError | CancelledError {
  if (error instanceof NetworkError || error instanceof CancelledError) return error;
  const aborted = { detail: `aborted: ${describeChain(error)}`, cause: error };
  if (signal?.aborted) return new CancelledError(msg('Cancelled.'), aborted);
  // undici reports a refused tunnel as an AbortError ("Proxy response (403) !== 200"): not a cancel.
  if (!isProxyFailure(error) && (isCancellation(error) || errorCodes(error).includes('UND_ERR_ABORTED')))
    return new CancelledError(msg('Cancelled.'), aborted);
  return classifyNetworkError(error, url);
}

/**
 * Turns whatever undici or Node threw into a NetworkError about `url`: what the network did.
 * Whether the caller cancelled is classifyRequestError's question; here an abort is just a
 * request that failed. A SettingsError (an endpoint that is no URL) is what made the request
 * impossible: the network's configuration, in the same words.
 */
export function classifyNetworkError(error: unknown, url: string): NetworkError {
  if (error instanceof NetworkError) return error;
  if (error instanceof SettingsError)
    return new NetworkError('configuration', error.message, error.remedy, error.detail, { cause: error });
  const host = safeHost(url);
  const codes = errorCodes(error);
  const detail = `${codes.join(' / ') || 'no code'}: ${describeChain(error)}`;
  const has = (...wanted: string[]): boolean => codes.some((code) => wanted.includes(code));
  const cause = { cause: error };

  if (isProxyFailure(error)) {
    return new NetworkError(
      'proxy',
      msg('The proxy refused or could not connect to {0}.', host),
      msg(
        'Check the proxy settings (http.proxy, or HTTPS_PROXY for the command line) and that the proxy allows this address.',
      ),
      detail,
      { ...cause, retryable: false },
    );
  }
  if (codes.some((code) => TLS_UNKNOWN_CA.has(code))) {
    return new NetworkError(
      'tls-unknown-ca',
      msg('The certificate of {0} is not signed by a certificate authority this machine trusts.', host),
      msg(
        'If your network inspects HTTPS (a proxy, or Norsk Helsenett\'s own CA), set the setting "IPLOS: Ca File" (CLI: caFile) to that CA certificate (PEM). Certificate checks are never switched off.',
      ),
      detail,
      cause,
    );
  }
  if (codes.some((code) => TLS_EXPIRED.has(code))) {
    return new NetworkError(
      'tls-expired',
      msg('The certificate of {0} has expired or is not valid yet.', host),
      msg("Check the computer's date and time; if it is right, the server's certificate must be renewed by its owner."),
      detail,
      cause,
    );
  }
  if (has('ERR_TLS_CERT_ALTNAME_INVALID', 'HOSTNAME_MISMATCH')) {
    return new NetworkError(
      'tls-hostname',
      msg('The certificate presented for {0} is made out to another host name.', host),
      msg('Check the address in the settings; a proxy or firewall may also be intercepting the connection.'),
      detail,
      cause,
    );
  }
  if (has('ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL')) {
    return new NetworkError(
      'dns',
      msg('The name {0} cannot be resolved (DNS).', host),
      msg(
        "Check that this machine uses a DNS server that knows the name (for iplos.nhn.no: the municipality's Helsenett DNS), or ask IT to add it.",
      ),
      detail,
      { ...cause, retryable: has('EAI_AGAIN') },
    );
  }
  if (has('ECONNREFUSED')) {
    return new NetworkError(
      'connection-refused',
      msg('{0} refused the connection.', host),
      msg('The service may be down, or a firewall rejects the connection: ask IT to open HTTPS (tcp/443) to it.'),
      detail,
      { ...cause, retryable: true },
    );
  }
  if (
    has('UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ESOCKETTIMEDOUT')
  ) {
    return new NetworkError(
      'timeout',
      msg('{0} did not answer in time.', host),
      msg(
        'A firewall may be silently dropping the connection (ask IT to open HTTPS, tcp/443), or the network is slow; try again.',
      ),
      detail,
      { ...cause, retryable: true },
    );
  }
  if (has('ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE')) {
    return new NetworkError(
      'connection-reset',
      msg('The connection to {0} was cut off.', host),
      msg(
        'This is usually temporary; try again. If it keeps happening, a proxy or firewall may be interrupting long transfers.',
      ),
      detail,
      { ...cause, retryable: true },
    );
  }
  if (codes.some((code) => code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || code.includes('CERT'))) {
    return new NetworkError(
      'tls-other',
      msg('The secure connection to {0} failed.', host),
      msg('A proxy or firewall may be interfering with HTTPS; see the log for the exact cause.'),
      detail,
      cause,
    );
  }
  return new NetworkError(
    'connection-reset',
    msg('The request to {0} failed.', host),
    msg('Try again; see the log for the exact cause.'),
    detail,
    { ...cause, retryable: true },
  );
}

/** A NetworkError for an HTTP status the caller did not expect. */
export function httpError(
  url: string,
  status: number,
  summary: string,
  headers: Record<string, string | string[] | undefined> = {},
): NetworkError {
  const host = safeHost(url);
  const retryable = status === 429 || status >= 500;
  const retryAfterMs = parseRetryAfter(headers['retry-after']);
  const remedy = httpRemedy(status);
  const message = summary
    ? msg('{0} answered {1}: {2}.', host, status, summary)
    : msg('{0} answered {1}.', host, status);
  return new NetworkError('http', message, remedy, `HTTP ${status} from ${redactUrl(url)}`, {
    status,
    retryable,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
}

function httpRemedy(status: number): string {
  if (status === 429) return msg('The server asks us to slow down; this is retried automatically.');
  // IIS (SSB's portal) and the IPIS send module refuse a body above their limit with 413.
  if (status === 413)
    return msg(
      'The server refused the request as too large. Send the file in smaller parts (for a send: a lower "IPLOS: Max Part Size MiB").',
    );
  if (status >= 500) return msg('The service has a problem; this is retried automatically, or try again later.');
  return msg('See the log for details.');
}

/** Retry-After in seconds or as an HTTP date → milliseconds. */
export function parseRetryAfter(value: string | string[] | undefined): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  if (/^\d+$/.test(text.trim())) return Number(text.trim()) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** The URL without credentials or query string (which may carry one-time tokens). */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

function isProxyFailure(error: unknown): boolean {
  const codes = errorCodes(error);
  return (
    codes.some((code) => ['UND_ERR_PROXY', 'ERR_PROXY', 'EPROXY'].includes(code)) || /proxy/i.test(describeChain(error))
  );
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return msg('the server');
  }
}

function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  for (
    let current = error as { code?: unknown; cause?: unknown; errors?: unknown[] } | undefined, depth = 0;
    current && depth < 6;
    current = current.cause as typeof current, depth++
  ) {
    if (typeof current.code === 'string') codes.push(current.code);
    if (Array.isArray(current.errors))
      for (const inner of current.errors)
        if (typeof (inner as { code?: unknown }).code === 'string') codes.push((inner as { code: string }).code);
  }
  return codes;
}

function describeChain(error: unknown): string {
  const parts: string[] = [];
  for (
    let current = error as { message?: unknown; cause?: unknown } | undefined, depth = 0;
    current && depth < 6;
    current = current.cause as typeof current, depth++
  ) {
    if (typeof current.message === 'string' && current.message) parts.push(current.message);
  }
  return parts.join(' ← ') || String(error);
}
