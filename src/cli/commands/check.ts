import {
  CHECK_IDS,
  checkConfigFrom,
  firewallOrderFor,
  runConnectionChecks,
  type CheckId,
  type CheckResult,
} from '../../core/checks';
import { selectedProfile } from '../../core/config/settings';
import { EXIT_FAILURE, EXIT_OK, UsageError } from '../cliError';
import type { CliCommand } from '../command';
import { msg } from '../../core/i18n';
import { loadConfig } from '../config';
import { parseCommandLine } from '../parse';
import { cliSignInGuard } from '../session';

/** Each result's mark, in the CLI's language, padded to one width (--json has the status itself). */
function marks(): Record<CheckResult['status'], string> {
  const words = { pass: msg('ok'), warn: msg('WARN'), fail: msg('FAIL'), skip: msg('skip') };
  const width = Math.max(...Object.values(words).map((word) => word.length));
  return {
    pass: words.pass.padEnd(width),
    warn: words.warn.padEnd(width),
    fail: words.fail.padEnd(width),
    skip: words.skip.padEnd(width),
  };
}

export const checkCommand: CliCommand = {
  name: 'check',
  get summary() {
    return msg('check the connection to IPIS (DNS, firewall, TLS) and to SSB; write the firewall order for IT');
  },
  get usage() {
    return msg(
      `iplos check [--only <id,id,…>] [--order] [--json] [--config <file>]

Runs the connection checks concurrently, each with a time limit:
  {0}
dns-os/dns-query: does iplos.nhn.no resolve (through the OS, and in a DNS query) to the
expected address; tcp: can tcp/443 be opened; tls: is the certificate trusted; ipis-*:
do the send modules answer; ssb-*: does SSB's portal answer and accept the sign-in
(only when IPLOS_SSB_PASSWORD is set); proxy: which proxy is used (HTTPS_PROXY).

When a network check fails, --order prints a request to IT ("bestilling til IT-drift"),
in Norwegian, ready to paste into a ticket. Exit code 1 when any check fails.`,
      CHECK_IDS.join(', '),
    );
  },

  async run(args, io, signal) {
    const { values } = parseCommandLine(
      args,
      { only: { type: 'string' }, order: { type: 'boolean' }, json: { type: 'boolean' }, config: { type: 'string' } },
      0,
    );
    const only = values.only?.split(',').map((id) => id.trim()) as CheckId[] | undefined;
    for (const id of only ?? [])
      if (!CHECK_IDS.includes(id))
        throw new UsageError(msg('unknown check "{0}"; the checks are {1}', id, CHECK_IDS.join(', ')));
    const config = await loadConfig(values.config, io);
    const { settings } = config;
    const profile = selectedProfile(settings);
    const password = io.env.IPLOS_SSB_PASSWORD;
    const results = await runConnectionChecks(
      checkConfigFrom(settings, {
        proxy: 'environment',
        ...(profile?.ssbUsername && password ? { ssbCredentials: { username: profile.ssbUsername, password } } : {}),
        ssbSignInGuard: cliSignInGuard(config),
      }),
      { signal, ...(only ? { only } : {}) },
    );
    const order = firewallOrderFor(results, settings, profile);
    if (values.json) {
      io.stdout.write(`${JSON.stringify({ results, firewallOrder: order ?? null }, null, 2)}\n`);
    } else {
      const mark = marks();
      const indent = ' '.repeat(mark.pass.length + 1);
      for (const result of results) {
        io.stdout.write(
          `${mark[result.status]} ${result.title.padEnd(34)} ${result.detail} (${result.durationMs} ms)\n`,
        );
        if (result.remedy && (result.status === 'fail' || result.status === 'warn'))
          io.stdout.write(`${indent}→ ${result.remedy}\n`);
      }
      if (order && values.order) io.stdout.write(`\n${order}\n`);
      else if (order)
        io.stdout.write(
          `\n${msg('A network check failed: run "iplos check --order" for a firewall order to send to IT.')}\n`,
        );
    }
    return results.some((result) => result.status === 'fail') ? EXIT_FAILURE : EXIT_OK;
  },
};
