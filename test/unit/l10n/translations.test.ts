import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { catalogueCodes, lookupErrorCode } from '../../../src/core/feedback';
import { FEEDBACK_STRING_KEYS } from '../../../src/shared/feedbackStringKeys';

// The Norwegian (bokmål) translation is complete: every UI string of the extension, its
// manifest, its webview and its error catalogue has an nb text with the same placeholders.
const REPO = join(__dirname, '..', '..', '..');
const json = (path: string): Record<string, string> => JSON.parse(readFileSync(join(REPO, path), 'utf8')) as Record<string, string>;
const placeholders = (text: string): string[] => [...text.matchAll(/\{\d+\}|\$\([a-z-~]+\)/g)].map((match) => match[0]).sort();

function sourceFiles(folder: string): string[] {
  return readdirSync(join(REPO, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('Norwegian translation', () => {
  const bundle = json('l10n/bundle.l10n.json');
  const nb = json('l10n/bundle.l10n.nb.json');

  it('l10n/bundle.l10n.json holds every t() string of the extension, every core msg() message, and every webview string (run `npm run l10n` after adding one)', () => {
    const missing: string[] = [];
    for (const file of sourceFiles('src')) {
      const text = readFileSync(file, 'utf8');
      // The extension's t() (src/extension/localize.ts), the core's and the CLI's msg(); the webview has neither.
      const call = file.includes(`${join('src', 'extension')}`) ? /(?<![\w.])t|l10n\.t/ : /\bmsg|l10n\.t/;
      // Either quote (the formatter writes a string that holds an apostrophe in double quotes), or a
      // template literal without `${…}` (the CLI's help texts).
      const literal = new RegExp(`(?:${call.source})\\(\\s*(['"\`])((?:(?!\\1)[^\\\\]|\\\\.)*)\\1`, 'g');
      for (const match of text.matchAll(literal)) {
        const key = (match[2] as string).replace(/\\(['"`\\])/g, '$1');
        if (!(key in bundle)) missing.push(`${file.slice(REPO.length + 1)}: ${key}`);
      }
    }
    for (const key of FEEDBACK_STRING_KEYS) if (!(key in bundle)) missing.push(`webview: ${key}`);
    assert.deepEqual(missing, []);
  });

  it('every webview t(…) string is listed in feedbackStringKeys.ts', () => {
    const listed = new Set<string>(FEEDBACK_STRING_KEYS);
    const missing: string[] = [];
    for (const file of sourceFiles('media')) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*(['"])((?:(?!\1)[^\\]|\\.)*)\1/g)) {
        const key = (match[2] as string).replace(/\\(['"\\])/g, '$1');
        if (!listed.has(key)) missing.push(`${file.slice(REPO.length + 1)}: ${key}`);
      }
    }
    assert.deepEqual(missing, []);
  });

  it('l10n/bundle.l10n.nb.json translates every string, keeping placeholders and icons', () => {
    assert.deepEqual(Object.keys(bundle).filter((key) => !(key in nb)), [], 'missing in nb');
    assert.deepEqual(Object.keys(nb).filter((key) => !(key in bundle)), [], 'stale in nb');
    for (const [key, text] of Object.entries(nb)) {
      assert.ok(text.trim().length > 0, `empty translation of "${key}"`);
      assert.deepEqual(placeholders(text), placeholders(key), `placeholders of "${key}"`);
    }
  });

  it('package.nls.nb.json translates every manifest string, keeping command links', () => {
    const en = json('package.nls.json');
    const nls = json('package.nls.nb.json');
    assert.deepEqual(Object.keys(en).filter((key) => !(key in nls)), [], 'missing in nb');
    assert.deepEqual(Object.keys(nls).filter((key) => !(key in en)), [], 'stale in nb');
    const links = (text: string): string[] => [...text.matchAll(/\(command:[^)]+\)/g)].map((match) => match[0]).sort();
    for (const [key, text] of Object.entries(en)) assert.deepEqual(links(nls[key] ?? ''), links(text), `command links of ${key}`);
    // Every %key% the manifest uses exists.
    const manifest = readFileSync(join(REPO, 'package.json'), 'utf8');
    const used = [...manifest.matchAll(/"%([^%"]+)%"/g)].map((match) => match[1] as string);
    assert.deepEqual(used.filter((key) => !(key in en)), [], 'manifest keys without a text');
  });

  it('the error catalogue has Norwegian and English for every code', () => {
    for (const code of catalogueCodes()) {
      for (const language of ['nb', 'en'] as const) {
        const entry = lookupErrorCode(code, language);
        assert.ok(entry?.title && entry.meaning && entry.fix, `${code} ${language}`);
      }
      assert.notEqual(lookupErrorCode(code, 'nb')?.fix, lookupErrorCode(code, 'en')?.fix, `${code}: nb differs from en`);
    }
  });

  it('walkthrough pages exist in English and Norwegian', () => {
    const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { contributes: { walkthroughs?: { steps: { media: { markdown?: string } }[] }[] } };
    const steps = manifest.contributes.walkthroughs?.flatMap((walkthrough) => walkthrough.steps) ?? [];
    assert.ok(steps.length >= 5);
    for (const step of steps) {
      const page = step.media.markdown;
      assert.ok(page, 'each step has a page');
      assert.ok(readFileSync(join(REPO, page), 'utf8').length > 100, page);
      assert.ok(readFileSync(join(REPO, page.replace(/\.md$/, '.nb.md')), 'utf8').length > 100, `${page} in nb`);
    }
  });
});
