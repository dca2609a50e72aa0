/**
 * 'proxy': which proxy the HTTPS checks (and sends) go through, from VS Code's http.proxy or
 * HTTPS_PROXY, with its credentials hidden; a warning when http.proxyStrictSSL is off.
 */
import { msg } from '../i18n';
import type { Transport } from '../net/transport';
import { failure, type CheckDefinition, type Data } from './checkDefinition';

export const proxy: CheckDefinition = {
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
