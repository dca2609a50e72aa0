/**
 * What SSB's error codes mean and how to fix them in the EPJ, in Norwegian and English: a view
 * of the validation rules' catalogue texts (core/validation/rules), so an SSB code and a
 * finding of the local control explain themselves the same way. The codes are the project's
 * (shared/docs/iplos-control-rules.md) until SSB's real list is known. A code that is not a
 * rule has no entry: the viewer then shows the file's own message.
 */
import { findRule, ruleIds } from '../validation/ruleCatalogue';

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

/** The entry for a code (case and surrounding spaces ignored), or undefined for an unknown code. */
export function lookupErrorCode(code: string, language: CatalogueLanguage): ErrorCatalogueEntry | undefined {
  const rule = findRule(code);
  const text = rule?.catalogue[language];
  if (rule === undefined || text === undefined) return undefined;
  return { code: rule.id, title: text.title, meaning: text.meaning, fix: text.fix };
}

/** Every code in the catalogue, sorted. */
export function catalogueCodes(): string[] {
  return ruleIds().sort();
}
