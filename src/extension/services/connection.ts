/**
 * One HTTP transport for the whole extension (keep-alive connections to IPIS and SSB),
 * built from the CA file and proxy settings, and rebuilt when either changes. Whoever
 * holds a session bound to the old transport is told through `onDidChange`.
 */
import * as vscode from 'vscode';
import { createTransport, type Transport } from '../../core/net/transport';
import type { Configuration } from './configuration';

export class ConnectionProvider implements vscode.Disposable {
  private current: Promise<Transport> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly listener: vscode.Disposable;

  constructor(
    private readonly configuration: Configuration,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.listener = configuration.onDidChange((change) => {
      if (!change.affects('connection')) return;
      this.log.info('Network settings changed: new connections use them.');
      void this.reset();
    });
  }

  transport(): Promise<Transport> {
    if (!this.current) {
      const settings = this.configuration.settings;
      const proxy = this.configuration.proxy;
      this.current = createTransport({
        ...(settings.caFile ? { caFile: settings.caFile } : {}),
        proxy,
        // Method, URL without query, status and time only: headers and bodies carry secrets.
        onRequest: (entry) =>
          this.log.debug(`${entry.method} ${entry.url} → ${entry.status ?? entry.error} (${entry.ms} ms)`),
      });
      this.current.then(
        (transport) => {
          if (transport.proxyUrl) this.log.info(`Using the proxy ${transport.proxyUrl}`);
          if (transport.strictSSLIgnored)
            this.log.warn(
              'http.proxyStrictSSL is off, but IPLOS Innsending still verifies certificates; set iplos.caFile for a proxy that re-signs HTTPS.',
            );
        },
        () => {
          // A bad CA file: the next call tries again (after the user fixed the setting).
          this.current = undefined;
        },
      );
    }
    return this.current;
  }

  async reset(): Promise<void> {
    const old = this.current;
    this.current = undefined;
    this.changed.fire();
    const transport = await old?.catch(() => undefined);
    await transport?.close().catch(() => undefined);
  }

  dispose(): void {
    this.listener.dispose();
    this.changed.dispose();
    void this.reset();
  }
}
