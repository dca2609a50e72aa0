/**
 * Which language the extension speaks: the `iplos.language` setting (`auto` = VS Code's
 * display language), resolved to bokmål or English. The language the core's two-language
 * texts (the control's findings, the rule catalogue, the severity names) are taken in is the
 * same one; `localize.ts` loads its bundle.
 */
import * as vscode from 'vscode';

export type TextLanguage = 'nb' | 'en';
/** The `iplos.language` setting. */
export type LanguageSetting = 'auto' | TextLanguage;

/**
 * 'nb' for a Norwegian display language — `nb`, `no`, and also `nn` (a Nynorsk reader is
 * better served by bokmål than by English; the viewer did so before) — else 'en'.
 */
export function displayTextLanguage(displayLanguage: string = vscode.env.language): TextLanguage {
  const language = displayLanguage.toLowerCase();
  return language.startsWith('nb') || language.startsWith('no') || language.startsWith('nn') ? 'nb' : 'en';
}

/** The setting resolved: `auto` follows the display language. */
export function resolveLanguage(setting: LanguageSetting, displayLanguage: string = vscode.env.language): TextLanguage {
  return setting === 'auto' ? displayTextLanguage(displayLanguage) : setting;
}

let active: TextLanguage | undefined;

/** Set by localize.useLanguage, with the bundle it loads. */
export function setActiveLanguage(language: TextLanguage): void {
  active = language;
}

/** The language the extension speaks now (before activation: VS Code's display language). */
export function textLanguage(): TextLanguage {
  return active ?? displayTextLanguage();
}
