/**
 * 'ipis-test' and 'ipis-production': does each IPIS send module answer its status over HTTPS
 * (through the product's transport and proxy, as a send would), and as the environment it is
 * configured as? A proxy or login page answering instead is told apart.
 */
import { msg } from '../i18n';
import { IpisClient, type Environment } from '../ipis/ipisClient';
import { redactUrl } from '../net/networkError';
import { failure, type CheckDefinition, type Data } from './checkDefinition';

export function ipisCheck(role: Environment): CheckDefinition {
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
