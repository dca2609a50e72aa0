/**
 * The language of the texts the extension takes from the core in both languages (the
 * control's findings, the rule catalogue, the severity names): bokmål when VS Code runs in
 * Norwegian, else English. The one place this is decided; a later setting replaces it here.
 */
import * as vscode from 'vscode';

export type TextLanguage = 'nb' | 'en';

/**
 * 'nb' for a Norwegian display language — `nb`, `no`, and also `nn` (a Nynorsk reader is
 * better served by bokmål than by English; the viewer did so before) — else 'en'.
 */
export function textLanguage(displayLanguage: string = vscode.env.language): TextLanguage {
  const language = displayLanguage.toLowerCase();
  return language.startsWith('nb') || language.startsWith('no') || language.startsWith('nn') ? 'nb' : 'en';
}
