/**
 * Where an SSB error row points in the extract: the element it names and, when it names one,
 * the attribute. A row carries the client (`brukerNr`), the service type (`tjenesteType`) and
 * the variable (shared/docs/domain.md, "feedback"): a row with a service type lands on that
 * client's `Tjeneste` of that type, on the variable's attribute; a row on a function score (or
 * the assessment's date) with no service type lands on the `Vurdering`; any other row on the
 * client's `Bruker` (on the variable's attribute when the start tag has it). Go to record and
 * the Problems panel both use this, so they always agree.
 *
 * Several services of the named type: the first one. The row does not say which (its `value`
 * might, but the index keeps no values) — an assumption until SSB's rows are seen to tell.
 */
import { normaliseServiceType } from '../rounds/errorIdentity';
import { FUNCTION_VARIABLES } from '../validation/rules/assessmentRules';
import type { ClientLocation, TagLocation } from './locationTable';

export interface RecordTarget {
  element: 'Bruker' | 'Tjeneste' | 'Vurdering';
  /** The element's start tag. */
  tag: TagLocation;
  /** The attribute to land on inside that start tag (look it up with `findAttribute`). */
  attribute?: string;
}

/** The assessment's own attributes: the 18 function scores and its date (assessmentRules.ts). */
const ASSESSMENT_VARIABLES: ReadonlySet<string> = new Set(
  [...FUNCTION_VARIABLES, 'dato'].map((name) => name.toLowerCase()),
);

export function recordTarget(location: ClientLocation, row: { serviceType: string; variable: string }): RecordTarget {
  const variable = row.variable.trim();
  const withAttribute = variable === '' ? {} : { attribute: variable };
  // As the rounds match rows: `01` is type 1 (SSB's lists may pad it); a variable is matched whatever its case.
  const serviceType = normaliseServiceType(row.serviceType);
  if (serviceType !== '') {
    const service = location.services.find((candidate) => normaliseServiceType(candidate.serviceType) === serviceType);
    if (service) return { element: 'Tjeneste', tag: { line: service.line, column: service.column }, ...withAttribute };
  } else if (location.assessment && ASSESSMENT_VARIABLES.has(variable.toLowerCase())) {
    return { element: 'Vurdering', tag: location.assessment, ...withAttribute };
  }
  // A service type the client does not have: the client, and no attribute of another element.
  return { element: 'Bruker', tag: location.bruker, ...(serviceType === '' ? withAttribute : {}) };
}
