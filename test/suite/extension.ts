import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';

export const EXTENSION_ID = 'iplos-innsending.iplos-innsending';

/** What activate() hands to tests (only in ExtensionMode.Test): the extension's own objects. */
export type { TestApi };

/** Activates the extension under test and returns its test API; throws when activation fails. */
export async function activateExtension(): Promise<TestApi> {
  const extension = vscode.extensions.getExtension<TestApi | undefined>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this host`);
  const api = await extension.activate();
  if (!api) throw new Error('activate() returned no test API: is the host running in test mode?');
  return api;
}

export function manifest(): Record<string, unknown> & { contributes: Record<string, unknown> } {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed`);
  return extension.packageJSON as Record<string, unknown> & { contributes: Record<string, unknown> };
}
