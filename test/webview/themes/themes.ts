/**
 * The four themes the accessibility tests render the viewer in, and their `--vscode-*`
 * variables as a real code-server webview received them (captured by captureThemes.ts into
 * the JSON files beside this one — VS Code's values, not ours).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ThemeInfo {
  /** File name of the captured variables. */
  id: string;
  /** The name VS Code's `workbench.colorTheme` setting knows it by. */
  vscodeName: string;
  /** The body class VS Code's webview host sets (vscode-dark, vscode-light, vscode-high-contrast …). */
  kind: string;
}

export interface CapturedTheme {
  source: string;
  theme: string;
  kind: string;
  variables: Record<string, string>;
}

export const THEMES: ThemeInfo[] = [
  { id: 'dark-modern', vscodeName: 'Default Dark Modern', kind: 'vscode-dark' },
  { id: 'light-modern', vscodeName: 'Default Light Modern', kind: 'vscode-light' },
  { id: 'high-contrast', vscodeName: 'Default High Contrast', kind: 'vscode-high-contrast' },
  {
    id: 'high-contrast-light',
    vscodeName: 'Default High Contrast Light',
    kind: 'vscode-high-contrast vscode-high-contrast-light',
  },
];

export function loadTheme(id: string): CapturedTheme {
  return JSON.parse(readFileSync(join(__dirname, `${id}.json`), 'utf8')) as CapturedTheme;
}

/** The variables as one `:root{…}` rule, as VS Code sets them on the webview's `<html>`. */
export function themeCss(theme: CapturedTheme): string {
  const declarations = Object.entries(theme.variables)
    .map(([name, value]) => `${name}:${value};`)
    .join('');
  return `:root{${declarations}}`;
}
