/**
 * The connection checks' result shape, shared by the extension's "Checks" view, the CLI
 * (`iplos check`) and the firewall order for IT-drift. Everything here is display-safe:
 * no result ever holds a password, PIN or token.
 */
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

export type CheckId =
  'dns-os' | 'dns-query' | 'tcp' | 'tls' | 'ipis-test' | 'ipis-production' | 'ssb-info' | 'ssb-login' | 'proxy';

/** Every check, in the order results are returned and shown. */
export const CHECK_IDS: readonly CheckId[] = [
  'dns-os',
  'dns-query',
  'tcp',
  'tls',
  'ipis-test',
  'ipis-production',
  'ssb-info',
  'ssb-login',
  'proxy',
];

/** The checks about the path to the IPIS send module inside Norsk Helsenett (what a firewall order is about). */
export const NETWORK_CHECK_IDS: readonly CheckId[] = [
  'dns-os',
  'dns-query',
  'tcp',
  'tls',
  'ipis-test',
  'ipis-production',
];

export type CheckDataValue = string | number | boolean | string[];

export interface CheckResult {
  id: CheckId;
  /** checkTitle(id): English unless the host set a translator (core/i18n). */
  title: string;
  status: CheckStatus;
  /** What was observed (no secrets); English unless the host set a translator (core/i18n). */
  detail: string;
  durationMs: number;
  /** What to do about it, when there is something to do. */
  remedy?: string;
  /**
   * Machine-readable observations, e.g. `host`, `port`, `addresses`, `expectedAddress`,
   * `address`, `errorKind` (a NetworkErrorKind, or 'timeout' / 'mismatch' / 'cancelled'),
   * `errorCode`, certificate `subject` / `issuer` / `validTo` / `trusted`, `environment`.
   */
  data?: Record<string, CheckDataValue>;
}
