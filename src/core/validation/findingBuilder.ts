/**
 * A finding from what a predicate reported: the rule's id and origin, the severity of the
 * year's profile (its Norwegian name as SSB writes it), the client and municipality it
 * belongs to, where it is, and the message filled in the language asked for. Every string is
 * detached from the chunk it was sliced from (detach.ts): the report outlives the reading.
 */
import { detach } from './detach';
import type { Finding, RuleSeverity } from './finding';
import { fillMessage } from './ruleCatalogue';
import type { FindingDraft, RuleLanguage, RuleMetadata, SourcePosition } from './ruleTypes';
import { severityName } from './severity';

/** Where the finding points: the element's `<`, or the attribute's name when `attribute` is set. */
export interface FindingPlace {
  element: string;
  position: SourcePosition;
  attribute?: string | undefined;
}

export interface FindingContext {
  language: RuleLanguage;
  /** The current client's brukerNr ('' outside a client). */
  brukerNr: string;
  kommuneNr: string;
  /** The service's tjenesteType, for a finding about a Tjeneste ('' otherwise). */
  serviceType: string;
}

export function buildFinding(
  rule: RuleMetadata,
  severity: RuleSeverity,
  draft: FindingDraft,
  at: FindingPlace,
  context: FindingContext,
): Finding {
  const { line, column } = at.position;
  const value = draft.value ?? '';
  const variable = draft.variable ?? draft.attribute ?? '';
  const fields: Record<string, string | number> = {
    value,
    variable,
    attribute: draft.attribute ?? '',
    element: at.element,
    brukerNr: context.brukerNr,
    kommuneNr: context.kommuneNr,
    line,
    column,
    ...draft.params,
  };
  const finding: Finding = {
    ruleId: rule.id,
    code: rule.id,
    severity,
    severityText: severityName(severity, 'nb'),
    origin: rule.origin,
    brukerNr: detach(context.brukerNr),
    kommuneNr: detach(context.kommuneNr),
    serviceType: detach(context.serviceType),
    variable: detach(variable),
    value: detach(value),
    message: detach(fillMessage(rule, context.language, fields, draft.variant)),
    element: at.element,
    line,
    column,
  };
  if (at.attribute !== undefined) finding.attribute = at.attribute;
  return finding;
}
