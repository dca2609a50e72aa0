/**
 * The one place that builds the HTTP dispatcher for IPIS and SSB. A bundled undici does
 * not go through VS Code's proxy support, so the proxy comes from the user's settings
 * (`http.proxy`, `http.noProxy`, `http.proxyStrictSSL`) in the extension, or from
 * HTTPS_PROXY / NO_PROXY for the CLI. Trust = Node's root certificates plus an optional
 * extra CA file (PEM, may hold several certificates).
 */
import { readFile } from 'node:fs/promises';
import { rootCertificates } from 'node:tls';
import type { Dispatcher } from 'undici';
import { msg } from '../i18n';
import { logRequestsOf, type RequestLogger } from './http';
import { NetworkError } from './networkError';
import { undici } from './undiciLazy';

export interface ProxySettings {
  /** `http.proxy`; empty = no proxy. */
  url?: string;
  /** `http.noProxy`: hosts (and `.domain` suffixes) that bypass the proxy. */
  noProxy?: string[];
  /**
   * `http.proxyStrictSSL`. VS Code skips certificate checks when it is false; this extension
   * still checks (the secrets it sends are too sensitive) and reports the setting instead,
   * pointing to the CA-file setting for proxies that re-sign HTTPS.
   */
  strictSSL?: boolean;
}

export interface TransportOptions {
  /** Extra CA certificate file (PEM) trusted in addition to the system's. */
  caFile?: string;
  /** Explicit proxy settings, or 'environment' to use HTTPS_PROXY / NO_PROXY (CLI). */
  proxy?: ProxySettings | 'environment';
  connectTimeoutMs?: number;
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  /** Told of every request (method, URL without query, status, time; never headers or bodies). */
  onRequest?: RequestLogger;
}

export interface Transport {
  dispatcher: Dispatcher;
  /** The proxy in use, if any (for the connection check and the log). */
  proxyUrl: string | undefined;
  /** http.proxyStrictSSL was false: certificates are verified anyway; tell the user. */
  strictSSLIgnored: boolean;
  close(): Promise<void>;
}

export async function createTransport(options: TransportOptions = {}): Promise<Transport> {
  const ca = options.caFile ? [...rootCertificates, ...(await readCaFile(options.caFile))] : undefined;
  const timeouts = {
    connect: { timeout: options.connectTimeoutMs ?? 15_000, ...(ca ? { ca } : {}) },
    headersTimeout: options.headersTimeoutMs ?? 60_000,
    bodyTimeout: options.bodyTimeoutMs ?? 120_000,
    keepAliveTimeout: 30_000,
  };
  const proxy = resolveProxy(options.proxy);
  if (!proxy.url) {
    const agent = new (undici().Agent)(timeouts);
    if (options.onRequest) logRequestsOf(agent, options.onRequest);
    return { dispatcher: agent, proxyUrl: undefined, strictSSLIgnored: false, close: () => agent.close() };
  }
  const tls = ca ? { ca } : {};
  const agent = new (undici().EnvHttpProxyAgent)({
    ...timeouts,
    httpProxy: proxy.url,
    httpsProxy: proxy.url,
    noProxy: proxy.noProxy.join(','),
    requestTls: tls,
    proxyTls: tls,
    connect: { ...timeouts.connect, ...tls },
  });
  if (options.onRequest) logRequestsOf(agent, options.onRequest);
  return {
    dispatcher: agent,
    proxyUrl: redactProxy(proxy.url),
    strictSSLIgnored: proxy.strictSSL === false,
    close: () => agent.close(),
  };
}

function resolveProxy(setting: TransportOptions['proxy']): {
  url: string | undefined;
  noProxy: string[];
  strictSSL: boolean;
} {
  if (setting === 'environment') {
    const url = process.env.HTTPS_PROXY ?? process.env.https_proxy ?? process.env.HTTP_PROXY ?? process.env.http_proxy;
    const noProxy = (process.env.NO_PROXY ?? process.env.no_proxy ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    return { url: url || undefined, noProxy, strictSSL: true };
  }
  return { url: setting?.url || undefined, noProxy: setting?.noProxy ?? [], strictSSL: setting?.strictSSL ?? true };
}

/**
 * The PEM certificates in a CA file; a clear configuration error when there are none. A
 * NetworkError of kind 'configuration', not a SettingsError: the CA file is how this machine
 * reaches the network, and the connection checks report it, like any other reason a
 * connection cannot be made, as the outcome of the checks that need it (errorKind).
 */
export async function readCaFile(path: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new NetworkError(
      'configuration',
      msg('The CA file "{0}" cannot be read.', path),
      msg('Check the setting "IPLOS: Ca File" (CLI: caFile): it must name a PEM file on this machine.'),
      String((error as NodeJS.ErrnoException).code ?? error),
      { cause: error },
    );
  }
  const certificates = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (certificates.length === 0) {
    throw new NetworkError(
      'configuration',
      msg('The CA file "{0}" holds no PEM certificate.', path),
      msg('Export the CA certificate in PEM format (text starting with "-----BEGIN CERTIFICATE-----").'),
      'no BEGIN CERTIFICATE block',
    );
  }
  return certificates;
}

/** Proxy URL for display: credentials removed. */
function redactProxy(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return '(invalid proxy URL)';
  }
}
