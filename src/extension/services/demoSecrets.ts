/**
 * `npm run demo` starts VS Code with IPLOS_DEMO_SECRETS naming a JSON file of the sandbox's
 * throwaway secrets, so the demo works without typing them. They are taken only while every
 * endpoint is the sandbox on this machine (loopback), so the variable can never feed
 * secrets towards a real service, and only where none is stored yet.
 */
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { profileId } from '../../core/config/settings';
import type { Configuration } from './configuration';
import { SECRET_KINDS, type ProfileSecrets, type SecretKind } from './secrets';

export async function loadDemoSecrets(
  configuration: Configuration,
  secrets: ProfileSecrets,
  log: vscode.LogOutputChannel,
  file = process.env.IPLOS_DEMO_SECRETS,
): Promise<number> {
  if (!file) return 0;
  const settings = configuration.settings;
  const endpoints = [settings.endpoints.ipisTestUrl, settings.endpoints.ipisProductionUrl, settings.endpoints.ssbUrl];
  if (!endpoints.every(isLoopback)) {
    log.warn(
      'IPLOS_DEMO_SECRETS is set, but the endpoints are not the sandbox on this machine: demo secrets are not used.',
    );
    return 0;
  }
  let demo: Record<string, Partial<Record<SecretKind, string>>>;
  try {
    demo = JSON.parse(await readFile(file, 'utf8')) as typeof demo;
  } catch (error) {
    log.warn(`Demo secrets could not be read from ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return 0;
  }
  let stored = 0;
  for (const profile of settings.municipalities) {
    const values = demo[profileId(profile)];
    if (!values) continue;
    for (const kind of SECRET_KINDS) {
      const value = values[kind];
      if (typeof value !== 'string' || value === '' || (await secrets.has(profile, kind))) continue;
      await secrets.store(profile, kind, value);
      stored++;
    }
  }
  if (stored > 0) log.info(`Demo: ${stored} sandbox secret(s) stored (the endpoints are the sandbox on this machine).`);
  return stored;
}

function isLoopback(url: string): boolean {
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}
