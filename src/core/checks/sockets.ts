/**
 * The two direct connections the checks make, without the proxy (what a firewall order is
 * about): a plain TCP connect and a verifying TLS handshake. Both are closed as soon as they
 * are open, and both give up when the check's signal aborts.
 */
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { checkServerIdentity, connect as tlsConnect, type PeerCertificate, type TLSSocket } from 'node:tls';

/**
 * Opens a socket and settles once it is `ready` (then closes it), fails on its error, or on
 * the signal's abort. `read` takes what is needed from the open socket; throwing rejects.
 */
function openOnce<S extends Socket, T>(
  open: () => S,
  ready: 'connect' | 'secureConnect',
  signal: AbortSignal,
  read: (socket: S) => T,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const socket = open();
    const onAbort = (): void => {
      socket.destroy();
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    const done = (): void => {
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
    };
    socket.once(ready, () => {
      let value: T;
      try {
        value = read(socket);
      } catch (error) {
        done();
        reject(error);
        return;
      }
      done();
      resolve(value);
    });
    socket.once('error', (error) => {
      done();
      reject(error);
    });
  });
}

export function tcpConnect(
  address: string,
  port: number,
  signal: AbortSignal,
): Promise<{ remoteAddress: string; localAddress: string }> {
  return openOnce(
    () => netConnect({ host: address, port }),
    'connect',
    signal,
    (socket) => ({ remoteAddress: socket.remoteAddress ?? address, localAddress: socket.localAddress ?? '' }),
  );
}

/**
 * A verifying TLS handshake (never with verification off). The certificate is read after
 * success, or — for a host name mismatch — from the identity check, which still decides.
 */
export function tlsHandshake(options: {
  address: string;
  port: number;
  host: string;
  ca?: string[];
  signal: AbortSignal;
  onCertificate: (certificate: PeerCertificate) => void;
}): Promise<{ certificate: PeerCertificate; protocol: string }> {
  const open = (): TLSSocket =>
    tlsConnect({
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
  return openOnce(open, 'secureConnect', options.signal, (socket) => {
    const certificate = socket.getPeerCertificate();
    const protocol = socket.getProtocol() ?? 'TLS';
    if (!socket.authorized) throw new Error(`certificate not authorized: ${String(socket.authorizationError)}`);
    return { certificate, protocol };
  });
}
