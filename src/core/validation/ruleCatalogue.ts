/**
 * The rules as a catalogue: what each id means and how to fix it, for the viewer (an SSB code
 * and a local rule explain themselves the same way), for a "rules" listing, and for the
 * generated docs/validation-rules.md. Everything here is read from the rules' own data.
 */
import type { FindingOrigin, RuleSeverity } from './finding';
import { RULES } from './rules';
import type { Rule, RuleBasis, RuleLanguage, RuleMetadata, RuleScope } from './ruleTypes';
import { severityProfile } from './severity';

export interface RuleDescription {
  id: string;
  title: string;
  meaning: string;
  fix: string;
  basis: RuleBasis;
  source: string;
  origin: FindingOrigin;
  element: string;
  scope: RuleScope;
  gate: boolean;
}

const BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((rule) => [rule.id, rule]));

/** The rule with this id (case and surrounding spaces ignored), or undefined. */
export function findRule(id: string): Rule | undefined {
  return BY_ID.get(id.trim().toUpperCase());
}

export function describeRule(id: string, language: RuleLanguage): RuleDescription | undefined {
  const rule = findRule(id);
  if (rule === undefined) return undefined;
  const text = rule.catalogue[language];
  return {
    id: rule.id,
    title: text.title,
    meaning: text.meaning,
    fix: text.fix,
    basis: rule.basis,
    source: rule.source,
    origin: rule.origin,
    element: rule.element,
    scope: rule.scope,
    gate: rule.gate === true,
  };
}

/**
 * A rule's message with its placeholders filled (`{value}`, `{variable}`, the rule's own
 * params…; an unknown placeholder stays as written): what the engine writes into a finding,
 * and what the sandbox's SSB writes into its error list, from the same data.
 */
export function ruleMessage(
  id: string,
  language: RuleLanguage,
  fields: Readonly<Record<string, string | number>>,
  variant?: string,
): string | undefined {
  const rule = findRule(id);
  if (rule === undefined) return undefined;
  return fillMessage(rule, language, fields, variant);
}

/** The rule's message (or its variant's) in the language, with `{name}` placeholders filled. */
export function fillMessage(
  rule: RuleMetadata,
  language: RuleLanguage,
  fields: Readonly<Record<string, string | number>>,
  variant?: string,
): string {
  const texts = (variant === undefined ? undefined : rule.variants?.[variant]) ?? rule.message;
  return texts[language].replace(/\{(\w+)\}/g, (match, key: string) => {
    const value = fields[key];
    return value === undefined ? match : String(value);
  });
}

/** Every rule id, in report order. */
export function ruleIds(): string[] {
  return RULES.map((rule) => rule.id);
}

/** Every rule's data (without its predicate), in report order, with its severity in the year's profile. */
export function ruleMetadata(year: number): (RuleMetadata & { severity: RuleSeverity })[] {
  const profile = severityProfile(year);
  return RULES.map(({ checks: _checks, ...metadata }) => ({
    ...metadata,
    severity: profile.severities[metadata.id] ?? 'error',
  }));
}
