/**
 * What SSB's error codes mean and how to fix them in the EPJ, in Norwegian and English. The
 * texts live in errorCatalogue.json, so they can be corrected without touching code; the codes
 * are the project's assumption (test/fixtures/extractRules.ts) until SSB's real list is known.
 * A code that is not in the catalogue has no entry: the viewer then shows the file's own message.
 */
import catalogue from './errorCatalogue.json';

export type CatalogueLanguage = 'nb' | 'en';

export interface ErrorCatalogueEntry {
  /** The code as the catalogue writes it (upper case). */
  code: string;
  title: string;
  /** What the error means, in the officer's terms. */
  meaning: string;
  /** What to do in the EPJ. */
  fix: string;
}

interface CatalogueText {
  title: string;
  meaning: string;
  fix: string;
}

const ENTRIES: Readonly<Record<string, Readonly<Record<CatalogueLanguage, CatalogueText>>>> = catalogue;

/** The entry for a code (case and surrounding spaces ignored), or undefined for an unknown code. */
export function lookupErrorCode(code: string, language: CatalogueLanguage): ErrorCatalogueEntry | undefined {
  const key = code.trim().toUpperCase();
  if (!Object.hasOwn(ENTRIES, key)) return undefined;
  const text = ENTRIES[key]?.[language];
  return text === undefined ? undefined : { code: key, title: text.title, meaning: text.meaning, fix: text.fix };
}

/** Every code in the catalogue, sorted. */
export function catalogueCodes(): string[] {
  return Object.keys(ENTRIES).sort();
}
