/**
 * 'tcp': can this machine open tcp/443 to the send module directly? Tells a refused
 * connection, a missing route, a dropped one (a firewall) and a missing DNS entry apart.
 */
import { msg } from '../i18n';
import { DNS_REMEDY, firstCode, proxyExcuse, type CheckDefinition, type Outcome } from './checkDefinition';
import { directTarget, observedTarget, openRemedy, resolveDirect } from './directTarget';
import { tcpConnect } from './sockets';

export const tcp: CheckDefinition = {
  async run(context) {
    const { signal, observed } = context;
    const target = await directTarget(context);
    const { host, port } = target;
    const resolved = await resolveDirect(context, target);
    if ('failed' in resolved) return resolved.failed;
    const { data } = resolved;
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
    const { host, address, port } = observedTarget(observed);
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
