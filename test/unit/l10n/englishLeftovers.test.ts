/**
 * The matcher the Norwegian journey (test/e2e/norwegian.journey.test.ts) uses to fail on
 * English left on screen: it must find English — also with its placeholders filled — and
 * must not find the Norwegian translations or plain data.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { englishMatcher } from '../../helpers/englishLeftovers';

const nb = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'l10n', 'bundle.l10n.nb.json'), 'utf8')) as Record<
  string,
  string
>;

describe('English left on screen under nb', () => {
  const matcher = englishMatcher();

  it('finds English strings, with placeholders filled and whitespace folded, in a line of a longer text', () => {
    const found = matcher.leftovers([
      'Send anyway',
      'Sending IPLOS_0403_2025.xml to IPIS (test)',
      'Uttrekk\nNew feedback from SSB:   040300_iplos_2025_test.zip',
    ]);
    assert.deepEqual(
      found.map((item) => item.english),
      ['Send anyway', 'Sending {0} to IPIS (test)', 'New feedback from SSB: {0}'],
    );
  });

  it("finds English inside a row's parts, as the views join them (' · ', ', ', ': '), short words too", () => {
    const found = matcher.leftovers([
      '040300_iplos_2025_test.zip, new, 12 kB · 01.12.2026',
      'Hamar · test · sendt 01.12.2026 · 3 feil, 1 advarsel (2 rettet, 4 new)',
      'Frist: overdue',
    ]);
    assert.deepEqual(
      found.map((item) => item.english),
      ['new', '{0} new', 'overdue'],
    );
    // The same rows in bokmål have nothing left over.
    assert.deepEqual(
      matcher.leftovers([
        '040300_iplos_2025_test.zip, ny, 12 kB · 01.12.2026',
        'Hamar · test · sendt 01.12.2026 · 3 feil, 1 advarsel (2 rettet, 4 nye)',
        'Frist: over fristen',
      ]),
      [],
    );
  });

  it('does not count the Norwegian translations, data, generic strings or VS Code’s own buttons', () => {
    const norwegian = Object.values(nb).map((text) => text.replace(/\{\d+\}/g, 'X1'));
    assert.deepEqual(matcher.leftovers(norwegian), []);
    assert.deepEqual(matcher.leftovers(['IPLOS_0403_2025.xml', '0403 Hamar', 'T01', '12 345', 'Cancel']), []);
  });
});
