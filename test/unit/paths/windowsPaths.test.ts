/**
 * Windows path semantics, tested on Linux (issue 15): every function that builds, compares
 * or guards a path takes the `path` API, and here gets `path.win32` — drive letters in any
 * case, `\` and `/`, UNC shares (`\\server\share\…`), long paths (`\\?\…`), names that differ
 * only in case, reserved device names and trailing dots or spaces. `path.posix` shows what
 * stays as it was on Linux. Pure functions: no file is touched (none of this ran on Windows).
 */
import assert from 'node:assert/strict';
import { posix, win32 } from 'node:path';
import { describe, it } from 'node:test';
import { checkEntryName, destinationInside } from '../../../src/core/archive/safeEntryPath';
import { feedbackFolderIn, feedbackFolderPath } from '../../../src/core/config/feedbackFolder';
import { SettingsError } from '../../../src/core/config/settings';
import { historyFilePath } from '../../../src/core/history/historyLocation';
import { mayReopenPath } from '../../../src/core/history/reopenablePath';
import type { History } from '../../../src/core/history/submissionHistory';
import { foldersBetween, isInsideFolder, pathKey, samePath, windowsNameProblem } from '../../../src/core/paths';

describe('Windows paths: one file, many spellings', () => {
  it('pathKey: drive letter case, / or \\, trailing separators, the long-path prefix and name case are one key', () => {
    const spellings = [
      'C:\\Data\\IPLOS\\x.xml',
      'c:\\data\\iplos\\X.XML',
      'C:/Data/IPLOS/x.xml',
      'C:\\Data\\.\\Tmp\\..\\IPLOS\\x.xml',
      '\\\\?\\C:\\Data\\IPLOS\\x.xml',
      '//?/c:/data/iplos/x.xml',
    ];
    for (const spelling of spellings) assert.equal(pathKey(spelling, win32), 'c:\\data\\iplos\\x.xml', spelling);
    assert.equal(pathKey('C:\\Data\\', win32), 'c:\\data');
    assert.equal(pathKey('C:\\', win32), 'c:\\', 'a drive root keeps its separator');
  });

  it('pathKey: a UNC share, with and without the long-path prefix', () => {
    assert.equal(pathKey('\\\\Server\\Share\\IPLOS\\', win32), '\\\\server\\share\\iplos');
    assert.equal(pathKey('\\\\?\\UNC\\Server\\Share\\IPLOS', win32), '\\\\server\\share\\iplos');
    assert.equal(pathKey('//server/share/iplos', win32), '\\\\server\\share\\iplos');
    assert.ok(samePath('\\\\?\\UNC\\srv\\kommune\\h.jsonl', '\\\\SRV\\Kommune\\H.jsonl', win32));
  });

  it('on Linux case and backslashes still count (a different file there)', () => {
    assert.equal(samePath('/data/X.xml', '/data/x.xml', posix), false);
    assert.equal(samePath('/data/x.xml', '/data//./x.xml', posix), true);
    assert.equal(samePath('C:\\Data', 'c:\\data', win32), true);
  });
});

describe('Windows paths: inside a folder', () => {
  it('isInsideFolder across drive-letter case, separators, shares and long paths', () => {
    assert.ok(isInsideFolder('C:\\Kommune', 'c:/kommune/IPLOS/2025', win32));
    assert.ok(isInsideFolder('\\\\?\\C:\\Kommune', 'C:\\KOMMUNE\\a', win32));
    assert.ok(isInsideFolder('\\\\server\\share\\ws', '\\\\SERVER\\share\\ws\\IPLOS', win32));
    assert.ok(isInsideFolder('\\\\?\\UNC\\server\\share\\ws', '\\\\server\\share\\ws\\x', win32));
    assert.ok(isInsideFolder('C:\\', 'C:\\anything', win32), 'a drive root holds its drive');
    assert.ok(isInsideFolder('C:\\ws', 'C:\\ws\\..data', win32), 'a name starting with two dots is inside');
  });

  it('isInsideFolder refuses the folder itself, climbing out, another drive, another share, a sibling prefix', () => {
    assert.equal(isInsideFolder('C:\\ws', 'c:\\WS\\', win32), false, 'the folder itself');
    assert.equal(isInsideFolder('C:\\ws', 'C:\\ws\\..\\other', win32), false);
    assert.equal(isInsideFolder('C:\\ws', 'D:\\ws\\x', win32), false, 'another drive');
    assert.equal(isInsideFolder('\\\\server\\share\\ws', '\\\\server\\other\\ws\\x', win32), false);
    assert.equal(isInsideFolder('\\\\server\\share\\ws', 'C:\\ws\\x', win32), false);
    assert.equal(isInsideFolder('C:\\ws', 'C:\\ws-old\\x', win32), false, 'a sibling whose name starts the same');
    assert.equal(isInsideFolder('/ws', '/WS/x', posix), false, 'case counts on Linux');
    assert.ok(isInsideFolder('/', '/x', posix), '/ holds everything');
  });

  it('foldersBetween walks up to (not into) the root, a drive root too', () => {
    assert.deepEqual(foldersBetween('C:\\', 'C:\\a\\b', win32), ['C:\\a\\b', 'C:\\a']);
    assert.deepEqual(foldersBetween('c:\\WS', 'C:\\ws\\a\\b', win32), ['C:\\ws\\a\\b', 'C:\\ws\\a']);
    assert.deepEqual(foldersBetween('\\\\srv\\share', '\\\\srv\\share\\a', win32), ['\\\\srv\\share\\a']);
    assert.deepEqual(foldersBetween('C:\\ws', 'D:\\ws\\a', win32), []);
    assert.deepEqual(foldersBetween('/', '/a/b', posix), ['/a/b', '/a']);
  });
});

describe('Windows paths: names Windows refuses or changes', () => {
  it('reserved device names, also with an extension and in any case', () => {
    for (const name of [
      'CON',
      'prn',
      'Aux',
      'NUL',
      'nul.txt',
      'COM1',
      'com9.csv',
      'LPT1',
      'lpt3.log',
      'COM¹',
      'NUL.',
      'con .txt'.trim(),
    ])
      assert.ok(windowsNameProblem(name), name);
    for (const name of ['console.log', 'CONTROL', 'nullable.csv', 'com10', 'lpt', 'tilbakemelding'])
      assert.equal(windowsNameProblem(name), undefined, name);
  });

  it('trailing dots and spaces (Windows strips them: "data." would be "data"), forbidden characters', () => {
    for (const name of [
      'data.',
      'data ',
      'data. .',
      '...',
      ' ',
      'a:b',
      'a|b',
      'a?',
      'a*',
      'a"b',
      'a<b',
      'a>b',
      'tab\tx',
    ])
      assert.ok(windowsNameProblem(name), JSON.stringify(name));
    assert.equal(windowsNameProblem('.skjult'), undefined, 'a leading dot is fine');
  });
});

describe('Windows paths: the feedback folder stays inside the workspace', () => {
  it('relative templates with either separator, joined with Windows separators', () => {
    assert.equal(feedbackFolderPath('IPLOS/${year}/tilbakemelding', 2025, win32), 'IPLOS\\2025\\tilbakemelding');
    assert.equal(feedbackFolderPath('IPLOS\\${year}\\tilbakemelding\\', 2025, win32), 'IPLOS\\2025\\tilbakemelding');
    assert.equal(feedbackFolderPath('IPLOS\\${year}\\tilbakemelding', 2025, posix), 'IPLOS/2025/tilbakemelding');
    assert.equal(feedbackFolderPath('IPLOS/x/../tilbakemelding', 2025, win32), 'IPLOS\\tilbakemelding');
  });

  it('refuses drives (any case, also drive-relative), roots, shares, long paths and climbing out', () => {
    const refused = [
      'C:\\Users\\x',
      'c:/users/x',
      'C:data',
      '\\IPLOS',
      '/IPLOS',
      '\\\\server\\share\\IPLOS',
      '//server/share/IPLOS',
      '\\\\?\\C:\\IPLOS',
      '\\\\?\\UNC\\server\\share',
      '..\\utenfor',
      'IPLOS\\..\\..\\x',
      'IPLOS/..\\../x',
    ];
    for (const api of [win32, posix])
      for (const template of refused)
        assert.throws(
          () => feedbackFolderPath(template, 2025, api),
          SettingsError,
          `${template} (${api === win32 ? 'win32' : 'posix'})`,
        );
  });

  it('refuses reserved and trailing-dot names on every platform (the share is opened from Windows)', () => {
    for (const template of ['IPLOS/NUL/x', 'IPLOS\\con.txt', 'IPLOS./${year}', 'IPLOS/2025 /x', 'IPLOS/a:b'])
      for (const api of [win32, posix])
        assert.throws(
          () => feedbackFolderPath(template, 2025, api),
          (error: unknown) => error instanceof SettingsError && /not a valid folder name/.test(error.message),
          template,
        );
  });

  it('feedbackFolderIn: under a drive root, a local folder and a share', () => {
    assert.equal(feedbackFolderIn('C:\\', 'IPLOS/${year}', 2025, win32), 'C:\\IPLOS\\2025');
    assert.equal(feedbackFolderIn('c:\\Kommune\\ws', 'IPLOS', 2025, win32), 'c:\\Kommune\\ws\\IPLOS');
    assert.equal(
      feedbackFolderIn('\\\\srv\\share\\ws', 'IPLOS/${year}', 2025, win32),
      '\\\\srv\\share\\ws\\IPLOS\\2025',
    );
    assert.throws(() => feedbackFolderIn('C:\\ws', '..\\x', 2025, win32), SettingsError);
  });
});

describe('Windows paths: archive entries and where they are written', () => {
  it('entry names: drive letters, roots, shares and long paths are refused whatever the platform', () => {
    for (const name of ['C:\\x.csv', 'c:x.csv', '\\x.csv', '\\\\server\\share\\x.csv', '\\\\?\\C:\\x.csv', '//?/c:/x'])
      for (const api of [win32, posix]) assert.equal(checkEntryName(name, api).ok, false, name);
    assert.equal(checkEntryName('mappe\\NUL.txt', win32).ok, false);
    assert.equal(checkEntryName('rapport.', win32).ok, false, 'Windows would write "rapport"');
    assert.deepEqual(checkEntryName('mappe\\fil.csv', win32), { ok: true, segments: ['mappe', 'fil.csv'] });
  });

  it('destinationInside: a drive root, a share and a long-path root as the target folder', () => {
    assert.equal(destinationInside('C:\\', ['a', 'b.csv'], win32), 'C:\\a\\b.csv');
    assert.equal(destinationInside('\\\\srv\\share\\ut', ['b.csv'], win32), '\\\\srv\\share\\ut\\b.csv');
    assert.equal(destinationInside('\\\\?\\C:\\ut', ['b.csv'], win32), '\\\\?\\C:\\ut\\b.csv');
    assert.throws(() => destinationInside('C:\\ut', ['..', 'x'], win32), /outside/);
    assert.throws(() => destinationInside('C:\\ut', ['D:\\x'], win32), /outside/);
  });
});

describe('Windows paths: the history location', () => {
  it('a share, a long path, a drive letter without a folder, a relative folder, and the default', () => {
    assert.equal(
      historyFilePath('\\\\srv\\iplos\\', 'C:\\state', 'C:\\Users\\o', win32),
      '\\\\srv\\iplos\\history.jsonl',
    );
    assert.equal(historyFilePath('  H:\\IPLOS  ', 'C:\\state', 'C:\\Users\\o', win32), 'H:\\IPLOS\\history.jsonl');
    assert.equal(historyFilePath('H:', 'C:\\state', 'C:\\Users\\o', win32), 'H:\\history.jsonl');
    assert.equal(historyFilePath('h:iplos', 'C:\\state', 'C:\\Users\\o', win32), 'h:\\iplos\\history.jsonl');
    assert.equal(
      historyFilePath('\\\\?\\C:\\IPLOS', 'C:\\state', 'C:\\Users\\o', win32),
      '\\\\?\\C:\\IPLOS\\history.jsonl',
    );
    assert.equal(historyFilePath('IPLOS', 'C:\\state', 'C:\\Users\\o', win32), 'C:\\Users\\o\\IPLOS\\history.jsonl');
    assert.equal(historyFilePath('', 'C:\\state', 'C:\\Users\\o', win32), 'C:\\state\\history.jsonl');
    assert.equal(historyFilePath(undefined, '/state', '/home/o', posix), '/state/history.jsonl');
    assert.equal(
      historyFilePath('H:', '/state', '/home/o', posix),
      '/home/o/H:/history.jsonl',
      'on Linux H: is a name',
    );
  });
});

describe('Windows paths: what the viewer may reopen', () => {
  const history: Pick<History, 'submissions' | 'feedback'> = {
    submissions: [{ extract: { path: 'C:\\Uttrekk\\IPLOS_0403_2025.xml' } } as History['submissions'][number]],
    feedback: [{ decryptedTo: '\\\\srv\\share\\ws\\IPLOS\\2025\\tilbakemelding\\a' } as History['feedback'][number]],
  };

  it('an extract the history sent, however the drive and name are cased or prefixed', () => {
    for (const path of [
      'c:\\uttrekk\\iplos_0403_2025.XML',
      'C:/Uttrekk/IPLOS_0403_2025.xml',
      '\\\\?\\C:\\Uttrekk\\IPLOS_0403_2025.xml',
    ])
      assert.ok(mayReopenPath(path, 'extract', [], history, win32), path);
    assert.equal(mayReopenPath('D:\\Uttrekk\\IPLOS_0403_2025.xml', 'extract', [], history, win32), false);
    assert.equal(mayReopenPath('Uttrekk\\IPLOS_0403_2025.xml', 'extract', [], history, win32), false, 'relative');
  });

  it('feedback inside a workspace on a share, or next to one the history decrypted', () => {
    assert.ok(mayReopenPath('\\\\SRV\\Share\\WS\\x', 'feedback', ['\\\\srv\\share\\ws'], history, win32));
    assert.ok(
      mayReopenPath('\\\\?\\UNC\\srv\\share\\ws\\IPLOS\\2025\\tilbakemelding\\b', 'feedback', [], history, win32),
    );
    assert.equal(mayReopenPath('\\\\srv\\share\\ws-old\\x', 'feedback', ['\\\\srv\\share\\ws'], history, win32), false);
    assert.equal(mayReopenPath('C:\\ws\\x', 'feedback', ['C:\\ws\\x'], history, win32), false, 'the workspace itself');
    assert.equal(mayReopenPath('/srv/X', 'feedback', ['/srv/x'], { submissions: [], feedback: [] }, posix), false);
  });
});
