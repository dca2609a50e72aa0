/**
 * Finds English left on screen under `iplos.language: nb` (issue 15): a text that equals
 * an English string of l10n/bundle.l10n.json — placeholders standing for any value — whose
 * nb translation is different. A text is matched whole, line by line, and part by part, split
 * on the separators the views join their parts with (' · ', ', ', ': '): "0403 · test · sent
 * 01.12.2026 · 3 new" holds "{0} new". Strings too generic to tell apart from data (fewer than
 * four letters besides the placeholders for a whole line, three for a part: "new", but not
 * "{0} ({1})") and the words VS Code itself writes in English on its own buttons are not counted.
 * With `{ within: true }` a text also counts when it holds such a string (four letters or more) between
 * word boundaries (- and _ join words) — for the CLI, whose lines put a prefix ("iplos validate: ") or a
 * value before and after a message (test/unit/cli/cliNorwegian.test.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const REPO = join(__dirname, '..', '..');

/** VS Code's own labels (its dialogs' and notifications' buttons), in its display language, not ours. */
const VS_CODE_OWN = new Set(['Cancel', 'OK', 'Close', 'Yes', 'No']);

export interface EnglishMatcher {
  /** The English strings each text is, or with `within` holds (empty for a text that is not left-over English). */
  leftovers(texts: Iterable<string>, options?: { within?: boolean }): { text: string; english: string }[];
}

export function englishMatcher(
  en: Record<string, string> = bundle('l10n/bundle.l10n.json'),
  nb: Record<string, string> = bundle('l10n/bundle.l10n.nb.json'),
): EnglishMatcher {
  const patterns: { english: string; pattern: RegExp; within: RegExp; lines: boolean; letters: number }[] = [];
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
    patterns.push({
      english,
      letters,
      lines: english.includes('\n'),
      pattern: new RegExp(`^${source}$`, 's'),
      // A word joined by - or _ is one word: "production" is not inside "ipis-production" or "--production".
      within: new RegExp(`(?<![\\p{L}\\d_-])${source}(?![\\p{L}\\d_-])`, 'su'),
    });
  }
  return {
    leftovers(texts, { within = false } = {}) {
      const found: { text: string; english: string }[] = [];
      for (const raw of texts) {
        if (within) {
          for (const [index, line] of [raw, ...raw.split('\n')].entries()) {
            const text = normalise(line);
            if (text.length < 4) continue;
            // Inside a whole text only the strings of several lines are looked for (one line's are found in its
            // line): a search of every string through a long text takes minutes.
            const match = patterns.find(
              (candidate) => candidate.letters >= 4 && (index > 0 || candidate.lines) && candidate.within.test(text),
            );
            if (match && !found.some((item) => item.text === text)) found.push({ text, english: match.english });
          }
          continue;
        }
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
