/**
 * The viewer's panel keys (src/extension/feedback/panelKey.ts): one panel per folder or
 * extract however its path is spelled. `path.win32` stands for Windows, where `Uri.fsPath`
 * lowercases the drive letter; `path.posix` shows that Linux keeps case apart. Pure: no file.
 */
import assert from 'node:assert/strict';
import { posix, win32 } from 'node:path';
import { describe, it } from 'node:test';
import { extractOfKey, localControlKey, panelKey } from '../../../src/extension/feedback/panelKey';

describe('panelKey', () => {
  it('a feedback folder: C:\\… from the history and c:\\… from a Uri are one panel on Windows', () => {
    assert.equal(
      panelKey('C:\\IPLOS\\Tilbakemelding\\0403_2025', win32),
      panelKey('c:\\iplos\\tilbakemelding\\0403_2025\\', win32),
    );
    assert.notEqual(panelKey('/data/Feedback', posix), panelKey('/data/feedback', posix));
  });

  it("an extract's local control: the same, behind its prefix, and the path given is kept for the document", () => {
    const fromHistory = localControlKey('C:\\Uttrekk\\0403.xml');
    const fromUri = localControlKey('c:\\Uttrekk\\0403.xml');
    assert.equal(panelKey(fromHistory, win32), panelKey(fromUri, win32));
    assert.equal(extractOfKey(fromHistory), 'C:\\Uttrekk\\0403.xml');
    assert.notEqual(panelKey(fromHistory, win32), panelKey('C:\\Uttrekk\\0403.xml', win32), 'not a folder key');
  });
});
