/**
 * CLI configuration: a JSON file with the extension's setting keys (the sandbox writes one),
 * from --config, else IPLOS_CONFIG, else ./iplos.config.json. Secrets never live there:
 * they come from environment variables or a hidden prompt on a terminal.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { settingsFrom, SettingsError, type IplosSettings } from '../core/config/settings';
import { msg } from '../core/i18n';
import { UsageError } from './cliError';
import type { CliIo } from './io';
import { promptHidden } from './readSecret';
import { historyFilePath } from '../core/history/historyLocation';

export interface CliConfig {
  settings: IplosSettings;
  /** The file it came from (relative paths in it are relative to this folder). */
  source: string | undefined;
  historyFile: string;
}

export async function loadConfig(explicit: string | undefined, io: CliIo): Promise<CliConfig> {
  const path = explicit ?? io.env.IPLOS_CONFIG ?? (existsSync('iplos.config.json') ? 'iplos.config.json' : undefined);
  let raw: unknown = {};
  if (path) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      throw new UsageError(
        msg('cannot read the configuration "{0}" ({1})', path, (error as NodeJS.ErrnoException).code ?? String(error)),
      );
    }
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new UsageError(msg('the configuration "{0}" is not valid JSON: {1}', path, (error as Error).message));
    }
  }
  let settings: IplosSettings;
  try {
    settings = settingsFrom(raw);
  } catch (error) {
    if (error instanceof SettingsError) throw new UsageError(`${error.message} ${error.remedy}`);
    throw error;
  }
  const base = path ? dirname(resolve(path)) : process.cwd();
  if (settings.caFile && !isAbsolute(settings.caFile)) settings.caFile = resolve(base, settings.caFile);
  if (io.env.IPLOS_MUNICIPALITY) settings.activeMunicipality = io.env.IPLOS_MUNICIPALITY;
  const stateHome = io.env.XDG_STATE_HOME ?? join(homedir(), '.local', 'state');
  const historyFile = historyFilePath(settings.historyLocation, join(stateHome, 'iplos-innsending'), base);
  return { settings, source: path, historyFile };
}

/** The four secrets, each from its environment variable or a hidden prompt (label: English; labelOf: the CLI's language). */
export const SECRETS = {
  ssbPassword: { variable: 'IPLOS_SSB_PASSWORD', label: 'SSB password' },
  kostraPin: { variable: 'IPLOS_KOSTRA_PIN', label: 'KOSTRA PIN' },
  encryptionKey: { variable: 'IPLOS_ENCRYPTION_KEY', label: 'Encryption key' },
  feedbackKey: { variable: 'IPLOS_FEEDBACK_KEY', label: 'Feedback key' },
} as const;

export async function secret(name: keyof typeof SECRETS, io: CliIo): Promise<string> {
  const { variable } = SECRETS[name];
  const label = labelOf(name);
  const fromEnv = io.env[variable];
  if (fromEnv) return fromEnv;
  if (io.stdin.isTTY && io.stderr.isTTY) {
    const answer = await promptHidden(`${label}: `, io);
    if (answer.length > 0) return answer;
  }
  throw new UsageError(msg('no {0}: set {1} (or run in a terminal to be asked)', label, variable));
}

function labelOf(name: keyof typeof SECRETS): string {
  switch (name) {
    case 'ssbPassword':
      return msg('SSB password');
    case 'kostraPin':
      return msg('KOSTRA PIN');
    case 'encryptionKey':
      return msg('Encryption key');
    case 'feedbackKey':
      return msg('Feedback key');
  }
}
