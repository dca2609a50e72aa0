/**
 * Which extract a command works on when none was given: the XML files of the workspace
 * (the active editor's first), or one browsed to. Used by "Send extract" and "Validate
 * extract".
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { UserFacingError } from '../errors';
import { t } from '../localize';

export async function pickExtract(texts: { title: string; openLabel: string }): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const found = await vscode.workspace.findFiles('**/*.{xml,XML}', '**/{node_modules,.git}/**', 200);
  const browse = t('Browse…');
  type Item = vscode.QuickPickItem & { uri?: vscode.Uri };
  const items: Item[] = found
    // The active editor's file first, then by path.
    .sort(
      (a, b) =>
        Number(b.toString() === active?.toString()) - Number(a.toString() === active?.toString()) ||
        a.fsPath.localeCompare(b.fsPath),
    )
    .map((uri) => ({ label: basename(uri.fsPath), description: vscode.workspace.asRelativePath(uri, true), uri }));
  items.push({ label: `$(folder-opened) ${browse}`, alwaysShow: true });
  const picked = await vscode.window.showQuickPick(items, {
    title: texts.title,
    placeHolder: t('The XML file the EPJ exported'),
    matchOnDescription: true,
    ignoreFocusOut: true,
  });
  if (!picked) return undefined;
  if (picked.uri) return picked.uri;
  const chosen = await vscode.window.showOpenDialog({
    canSelectMany: false,
    openLabel: texts.openLabel,
    filters: { [t('IPLOS extract')]: ['xml', 'XML'], [t('All files')]: ['*'] },
  });
  return chosen?.[0];
}

/** The core reads files on this machine only: another scheme is refused with what to do. */
export function requireLocalFile(uri: vscode.Uri): void {
  if (uri.scheme !== 'file')
    throw new UserFacingError(
      t('Only files on this machine can be checked and sent ({0}).', uri.toString()),
      t('Save the extract into the workspace folder on this machine and use it from there.'),
    );
}
