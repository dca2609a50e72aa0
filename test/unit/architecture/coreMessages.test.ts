// The real host names here are only text in messages: nothing in this file opens a connection
// (no sandbox or loopback address is needed).
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { msg, setTranslator } from '../../../src/core/i18n';

// The core's user-facing messages are English templates passed through msg(), which the host
// may translate (the extension hands it vscode.l10n.t). The template is the translation key,
// so it must be a plain string literal (either quote: the formatter double-quotes a text with
// an apostrophe) that an extractor can find by regex.
describe('core messages', () => {
  afterEach(() => setTranslator(undefined));

  it('msg fills {0}, {1}… with its arguments when there is no translator', () => {
    assert.equal(msg('The name {0} cannot be resolved.', 'iplos.nhn.no'), 'The name iplos.nhn.no cannot be resolved.');
    assert.equal(msg('{1} of {0}, then {1} again', 3, 'two'), 'two of 3, then two again');
    assert.equal(msg('No placeholders.'), 'No placeholders.');
    assert.equal(msg('Zero is a value: {0}.', 0), 'Zero is a value: 0.');
    assert.equal(msg('Missing {1} stays.', 'a'), 'Missing {1} stays.');
    assert.equal(
      msg('Not a placeholder: IPLOS/${year}/tilbakemelding.'),
      'Not a placeholder: IPLOS/${year}/tilbakemelding.',
    );
  });

  it('msg hands the template and the arguments to the translator; setTranslator(undefined) restores English', () => {
    const calls: [string, (string | number)[]][] = [];
    setTranslator((message, args) => {
      calls.push([message, args]);
      return `nb: ${message.replace(/\{(\d+)\}/g, (_match, index: string) => `[${String(args[Number(index)])}]`)}`;
    });
    assert.equal(
      msg('The name {0} cannot be resolved.', 'iplos.nhn.no'),
      'nb: The name [iplos.nhn.no] cannot be resolved.',
    );
    assert.equal(msg('{0} answered {1}.', 'host', 503), 'nb: [host] answered [503].');
    assert.deepEqual(calls, [
      ['The name {0} cannot be resolved.', ['iplos.nhn.no']],
      ['{0} answered {1}.', ['host', 503]],
    ]);
    setTranslator(undefined);
    assert.equal(msg('The name {0} cannot be resolved.', 'iplos.nhn.no'), 'The name iplos.nhn.no cannot be resolved.');
  });

  it('every msg(…) call in src/core has a plain string literal as its first argument', async () => {
    const root = join(__dirname, '..', '..', '..', 'src', 'core');
    const files = (await readdir(root, { recursive: true })).map(String).filter((name) => name.endsWith('.ts'));
    const offenders: string[] = [];
    let calls = 0;
    for (const file of files) {
      const text = await readFile(join(root, file), 'utf8');
      // A call, not the definition (`function msg(`) nor a member such as `error.msg(`.
      for (const match of text.matchAll(/(?<![\w$.])(?<!function\s+)msg\(/g)) {
        calls++;
        const rest = text.slice((match.index ?? 0) + match[0].length);
        // The literal must be the whole first argument: followed by `,` or `)`, not by `+`.
        if (!/^\s*(?:'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")\s*[,)]/.test(rest)) {
          const line = text.slice(0, match.index).split('\n').length;
          offenders.push(`${file}:${line}: ${rest.split('\n')[0]?.slice(0, 80) ?? ''}`);
        }
      }
    }
    assert.ok(calls > 100, `found the core's msg calls (${calls})`);
    assert.deepEqual(offenders, []);
  });
});
