/**
 * The stable identity of an error row across feedback rounds: which error about which record
 * it is, independent of the round it came in. Two rows with the same identity are "the same
 * error"; a row whose identity is gone in the next round was fixed. The definition, with its
 * reasons and sources, is written down in docs/feedback-rounds.md; keep the two in step.
 *
 * Identity = municipality, bydel, client (brukerNr), service type, variable, error code — each
 * normalised (below). Value, severity and message are NOT part of it: a service of 200 hours
 * corrected to 180 is still "more than 168 hours" (the same error, remaining); a severity
 * profile may change between years; the local control writes its messages in English or
 * Norwegian while SSB writes Norwegian.
 *
 * A client whose brukerNr changed between two extracts is another client to this identity, so
 * its errors count as fixed + new. That is deliberate: an error row names the client by
 * brukerNr only (shared/docs/domain.md, "feedback content"; SSB does not echo the identity
 * number — test/sandbox/README.md, R01), and the row's other fields describe the error, not
 * the client, so pairing by them would merge two different clients' errors (assumption: no
 * other client attribute is in SSB's error list).
 */
import type { Severity } from '../feedback/feedbackModel';

/** One error row of a round, normalised, whatever found it (SSB's error list or the local control). */
export interface RoundError {
  /** Four digits when it is a number (Excel drops the leading zero of `0301`). */
  municipality: string;
  /** Two digits; `00` when the row names none (a municipality without districts). */
  bydel: string;
  /** As written; '' for a row about the whole file. */
  brukerNr: string;
  /** A numeric code without leading zeros (`01` = `1`), else as written; '' when not about a service. */
  serviceType: string;
  /** Lower case. */
  variable: string;
  /** Upper case (rule ids `T01`, SSB's `Feilkode`). */
  code: string;
  /** Not part of the identity (see above); kept to count errors and warnings. */
  severity: Severity;
  value: string;
  message: string;
}

/** The fields that make the identity, as they come from a file (not yet normalised). */
export interface RawIdentity {
  municipality: string;
  bydel: string;
  brukerNr: string;
  serviceType: string;
  variable: string;
  code: string;
}

export function normaliseMunicipality(text: string): string {
  const trimmed = text.trim();
  return /^\d{1,3}$/.test(trimmed) ? trimmed.padStart(4, '0') : trimmed;
}

export function normaliseBydel(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return '00';
  return /^\d$/.test(trimmed) ? `0${trimmed}` : trimmed;
}

export function normaliseServiceType(text: string): string {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? String(Number.parseInt(trimmed, 10)) : trimmed;
}

/** The identity's fields normalised, the rest of the row kept as given. */
export function normaliseRoundError(
  raw: RawIdentity & { severity: Severity; value: string; message: string },
): RoundError {
  return {
    municipality: normaliseMunicipality(raw.municipality),
    bydel: normaliseBydel(raw.bydel),
    brukerNr: raw.brukerNr.trim(),
    serviceType: normaliseServiceType(raw.serviceType),
    variable: raw.variable.trim().toLowerCase(),
    code: raw.code.trim().toUpperCase(),
    severity: raw.severity,
    value: raw.value,
    message: raw.message,
  };
}

/**
 * The identity as one string (for a Map key). Each field is prefixed with its length, so two
 * different identities never give the same string, whatever characters the fields hold.
 */
export function errorIdentity(error: RoundError): string {
  const { municipality, bydel, brukerNr, serviceType, variable, code } = error;
  return `${municipality.length}:${municipality}${bydel.length}:${bydel}${brukerNr.length}:${brukerNr}${serviceType.length}:${serviceType}${variable.length}:${variable}${code.length}:${code}`;
}

/** Whether two rows are the same error (the same identity). */
export function sameIdentity(a: RoundError, b: RoundError): boolean {
  return (
    a.brukerNr === b.brukerNr &&
    a.code === b.code &&
    a.serviceType === b.serviceType &&
    a.variable === b.variable &&
    a.municipality === b.municipality &&
    a.bydel === b.bydel
  );
}
