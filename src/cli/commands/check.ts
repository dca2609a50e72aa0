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
import { loadConfig } from '../config';
import { parseCommandLine } from '../parse';
import { cliSignInGuard } from '../session';

const SYMBOL: Record<CheckResult['status'], string> = { pass: 'ok  ', warn: 'WARN', fail: 'FAIL', skip: 'skip' };

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'check the connection to IPIS (DNS, firewall, TLS) and to SSB; write the firewall order for IT',
  usage: `iplos check [--only <id,id,…>] [--order] [--json] [--config <file>]

Runs the connection checks concurrently, each with a time limit:
  ${CHECK_IDS.join(', ')}
dns-os/dns-query: does iplos.nhn.no resolve (through the OS, and in a DNS query) to the
expected address; tcp: can tcp/443 be opened; tls: is the certificate trusted; ipis-*:
do the send modules answer; ssb-*: does SSB's portal answer and accept the sign-in
(only when IPLOS_SSB_PASSWORD is set); proxy: which proxy is used (HTTPS_PROXY).

When a network check fails, --order prints a request to IT ("bestilling til IT-drift"),
in Norwegian, ready to paste into a ticket. Exit code 1 when any check fails.`,

  async run(args, io, signal) {
    const { values } = parseCommandLine(
      args,
      { only: { type: 'string' }, order: { type: 'boolean' }, json: { type: 'boolean' }, config: { type: 'string' } },
      0,
    );
    const only = values.only?.split(',').map((id) => id.trim()) as CheckId[] | undefined;
    for (const id of only ?? [])
      if (!CHECK_IDS.includes(id))
        throw new UsageError(`unknown check "${id}"; the checks are ${CHECK_IDS.join(', ')}`);
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
      for (const result of results) {
        io.stdout.write(
          `${SYMBOL[result.status]} ${result.title.padEnd(34)} ${result.detail} (${result.durationMs} ms)\n`,
        );
        if (result.remedy && (result.status === 'fail' || result.status === 'warn'))
          io.stdout.write(`     → ${result.remedy}\n`);
      }
      if (order && values.order) io.stdout.write(`\n${order}\n`);
      else if (order)
        io.stdout.write('\nA network check failed: run "iplos check --order" for a firewall order to send to IT.\n');
    }
    return results.some((result) => result.status === 'fail') ? EXIT_FAILURE : EXIT_OK;
  },
};
