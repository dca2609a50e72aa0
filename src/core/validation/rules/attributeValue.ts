/**
 * Small helpers the predicates share: an attribute's value trimmed, and whether it is there.
 * XML keeps attribute values as written; IPLOS values are codes, numbers and dates, where
 * surrounding spaces are never meant, so the rules compare trimmed values (as SSB's own
 * examples do) and report the value as written.
 */
import type { OpenElement } from '../ruleTypes';

/** The trimmed value, or undefined when the attribute is missing. */
export function trimmed(element: OpenElement, name: string): string | undefined {
  return element.attribute(name)?.trim();
}

/** Missing, or only spaces. */
export function isBlank(value: string | undefined): value is undefined | '' {
  return value === undefined || value.trim() === '';
}
