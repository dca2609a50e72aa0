/**
 * Finds English left on screen under `iplos.language: nb` (issue 15): a text that equals
 * an English string of l10n/bundle.l10n.json — placeholders standing for any value — whose
 * nb translation is different. A text is matched whole, line by line, and part by part, split
 * on the separators the views join their parts with (' · ', ', ', ': '): "0403 · test · sent
 * 01.12.2026 · 3 new" holds "{0} new". Strings too generic to tell apart from data (fewer than
 * four letters besides the placeholders for a whole line, three for a part: "new", but not
 * "{0} ({1})") and the words VS Code itself writes in English on its own buttons are not counted.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const REPO = join(__dirname, '..', '..');

/** VS Code's own labels (its dialogs' and notifications' buttons), in its display language, not ours. */
const VS_CODE_OWN = new Set(['Cancel', 'OK', 'Close', 'Yes', 'No']);

export interface EnglishMatcher {
  /** The English strings each text is (empty for a text that is not left-over English). */
  leftovers(texts: Iterable<string>): { text: string; english: string }[];
}

export function englishMatcher(
  en: Record<string, string> = bundle('l10n/bundle.l10n.json'),
  nb: Record<string, string> = bundle('l10n/bundle.l10n.nb.json'),
): EnglishMatcher {
  const patterns: { english: string; pattern: RegExp; letters: number }[] = [];
  for (const english of Object.keys(en)) {
    if (VS_CODE_OWN.has(english) || nb[english] === undefined || nb[english] === english) continue;
    // Icons ($(check)) are drawn, not written; what is left is compared, whitespace folded.
    const text = normalise(english.replace(/\$\([a-z-~]+\)/g, ''));
    const letters = text.replace(/\{\d+\}/g, '').replace(/[^\p{L}]/gu, '').length;
    if (letters < 3) continue;
    const source = text
      .split(/\{\d+\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.+?');
    patterns.push({ english, pattern: new RegExp(`^${source}$`, 's'), letters });
  }
  return {
    leftovers(texts) {
      const found: { text: string; english: string }[] = [];
      for (const raw of texts) {
        const lines = [raw, ...raw.split('\n')];
        const candidates = [
          ...lines.map((line) => ({ text: normalise(line), minLetters: 4 })),
          ...lines.flatMap((line) =>
            line
              .split(PART_SEPARATORS)
              .map((part) => ({ text: normalise(part).replace(/^\(|\)$/g, ''), minLetters: 3 })),
          ),
        ];
        for (const { text, minLetters } of candidates) {
          if (text.length < 3) continue;
          const match = patterns.find(({ pattern, letters }) => letters >= minLetters && pattern.test(text));
          if (match && !found.some((item) => item.text === text)) found.push({ text, english: match.english });
        }
      }
      return found;
    },
  };
}

/** What the views join a row's parts with (a description, a spoken label, a tooltip line); a part's outer brackets go. */
const PART_SEPARATORS = / · |, |: /;

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function bundle(path: string): Record<string, string> {
  return JSON.parse(readFileSync(join(REPO, path), 'utf8')) as Record<string, string>;
}
