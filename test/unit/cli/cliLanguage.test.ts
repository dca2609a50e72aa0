/**
 * The CLI's language (issue 15): `--lang nb|en` before the command, else IPLOS_LANG, else
 * English. Under nb the core's messages and the report's rule titles and severities come from
 * the nb bundle the package ships; the JSON output stays English. In this process (runCli),
 * on real files; nothing here uses the network.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { UsageError } from '../../../src/cli/cliError';
import { chooseCliLanguage, nbBundlePath, useCliLanguage } from '../../../src/cli/language';
import { msg } from '../../../src/core/i18n';
import { describeRule } from '../../../src/core/validation/ruleCatalogue';
import { runCliInProcess } from '../../helpers/cliInProcess';
import { writeHandExtract } from '../../helpers/handExtract';

const NB = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'l10n', 'bundle.l10n.nb.json'), 'utf8')) as Record<
  string,
  string
>;

describe('iplos --lang / IPLOS_LANG', () => {
  after(() => useCliLanguage('en'));

  it('chooses --lang over IPLOS_LANG, English by default, and refuses anything but nb and en', () => {
    assert.equal(chooseCliLanguage(undefined, {}), 'en');
    assert.equal(chooseCliLanguage(undefined, { IPLOS_LANG: 'nb' }), 'nb');
    assert.equal(chooseCliLanguage(undefined, { IPLOS_LANG: 'NB' }), 'nb');
    assert.equal(chooseCliLanguage('en', { IPLOS_LANG: 'nb' }), 'en');
    assert.throws(
      () => chooseCliLanguage('nn', {}),
      (error: unknown) => error instanceof UsageError && /--lang/.test(error.message),
    );
    assert.throws(() => chooseCliLanguage(undefined, { IPLOS_LANG: 'de' }), /IPLOS_LANG must be nb or en, not "de"/);
  });

  it('finds the bundle the package ships, from src/cli and from dist/', () => {
    const repo = join(__dirname, '..', '..', '..');
    assert.equal(nbBundlePath(join(repo, 'src', 'cli')), join(repo, 'l10n', 'bundle.l10n.nb.json'));
    assert.equal(nbBundlePath(join(repo, 'dist')), join(repo, 'l10n', 'bundle.l10n.nb.json'));
  });

  it('under nb the core speaks bokmål (its msg() through the bundle); under en English again', () => {
    const template = 'The extract file "{0}" does not exist.';
    assert.ok(NB[template], 'the message is translated');
    useCliLanguage('nb');
    assert.equal(msg(template, 'x.xml'), (NB[template] as string).replace('{0}', 'x.xml'));
    useCliLanguage('en');
    assert.equal(msg(template, 'x.xml'), template.replace('{0}', 'x.xml'));
  });

  it('iplos --lang nb validate: the error line, rule titles, severities and findings in bokmål; default English', async () => {
    const path = await writeHandExtract({ clients: [{ tjenester: [{ tjenesteType: '99' }] }] });
    const nb = await runCliInProcess(['--lang', 'nb', 'validate', path, '--municipality', '0403'], {});
    assert.equal(nb.status, 1, nb.stderr);
    assert.match(nb.stdout, new RegExp(`^T01 {2}Feil: ${describeRule('T01', 'nb')?.title ?? '?'} \\(1\\)$`, 'm'));
    assert.match(nb.stdout, /Ukjent tjenestetype 99/);
    const byEnv = await runCliInProcess(['validate', path, '--municipality', '0403'], { IPLOS_LANG: 'nb' });
    assert.equal(byEnv.stdout, nb.stdout, 'IPLOS_LANG=nb is the same as --lang nb');
    const en = await runCliInProcess(['validate', path, '--municipality', '0403'], {});
    assert.match(en.stdout, new RegExp(`^T01 {2}Error: ${describeRule('T01', 'en')?.title ?? '?'} \\(1\\)$`, 'm'));
    const missing = await runCliInProcess(
      ['--lang=nb', 'validate', join(path, 'none.xml'), '--municipality', '0403'],
      {},
    );
    assert.match(missing.stderr, /^iplos validate: Uttrekksfilen «.*none\.xml» finnes ikke\./);
    const json = await runCliInProcess(['--lang', 'nb', 'validate', path, '--municipality', '0403', '--json'], {});
    assert.equal(
      (JSON.parse(json.stdout) as { report: { tallies: { title: string }[] } }).report.tallies[0]?.title,
      describeRule('T01', 'en')?.title,
      'JSON stays English',
    );
  });

  it('a bad --lang is a usage error (exit 2)', async () => {
    const run = await runCliInProcess(['--lang', 'de', 'check'], {});
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--lang must be nb or en, not "de"/);
  });
});
