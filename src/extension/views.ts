import * as vscode from 'vscode';

/**
 * The three IPLOS views. Until a municipality is set up they have no rows, so VS Code
 * shows their welcome content (package.json `viewsWelcome`) with the next step to take.
 */
export const VIEW_IDS = ['iplos.checks', 'iplos.history', 'iplos.ssb'] as const;

class NotConfiguredView implements vscode.TreeDataProvider<never> {
  getTreeItem(element: never): vscode.TreeItem {
    return element;
  }

  getChildren(): never[] {
    return [];
  }
}

export function registerViews(): vscode.Disposable[] {
  return VIEW_IDS.map((id) => vscode.window.createTreeView(id, { treeDataProvider: new NotConfiguredView() }));
}
