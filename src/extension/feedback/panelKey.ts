/**
 * The keys of the viewer's open panels. A document's own key (a feedback folder, or
 * `local-control:` and an extract's path) is what its webview keeps and the serializer reopens
 * from, so it keeps the path as given; the panels are found by `panelKey` of it, one spelling
 * per file (src/core/paths): on Windows `Uri.fsPath` lowercases the drive letter, and `C:\…`
 * from the history and `c:\…` from the explorer must show the same panel. No `vscode` here,
 * so the Windows cases are unit-tested on Linux (test/unit/feedback/panelKey.test.ts).
 */
import * as nodePath from 'node:path';
import { pathKey, type PathApi } from '../../core/paths';

const LOCAL_CONTROL_PREFIX = 'local-control:';

/** The document key of an extract's local control. */
export function localControlKey(extractPath: string): string {
  return `${LOCAL_CONTROL_PREFIX}${extractPath}`;
}

/** The extract's path of a local control document's key; undefined for another document. */
export function extractOfKey(key: string): string | undefined {
  return key.startsWith(LOCAL_CONTROL_PREFIX) ? key.slice(LOCAL_CONTROL_PREFIX.length) : undefined;
}

/** What the open panels are keyed by: the document key with its path in one spelling per file. */
export function panelKey(documentKey: string, api: PathApi = nodePath): string {
  const extract = extractOfKey(documentKey);
  return extract === undefined ? pathKey(documentKey, api) : localControlKey(pathKey(extract, api));
}
