/**
 * The rows of one round, from what the project reads: SSB's error list (a decrypted feedback
 * folder) or the local control's findings. Both become `RoundError`s in the same order as their
 * source, so an index into the result is an index into the source's rows.
 */
import type { ErrorListFile, FeedbackSet } from '../feedback/feedbackModel';
import type { Finding } from '../validation/finding';
import { normaliseRoundError, type RoundError } from './errorIdentity';

/** Whose round it is, for rows that do not name it (the feedback's file name says it: `040300_iplos_…`). */
export interface RoundPlace {
  municipality: string;
  /** `00` when the municipality has no districts. */
  bydel: string;
}

/**
 * The rows of one error list. A row's municipality and bydel come from its own columns
 * (`Kommunenr`, `Bydel`) when the list has them and the cell is filled, else from `place`.
 */
export function roundErrorsFromErrorList(file: ErrorListFile, place: RoundPlace): RoundError[] {
  const municipalityColumn = file.table.columns.findIndex((column) => column.role === 'municipality');
  const bydelColumn = file.table.columns.findIndex((column) => column.role === 'bydel');
  return file.errors.map((error) => {
    const cells = file.table.rows[error.row] ?? [];
    const municipality = municipalityColumn >= 0 ? (cells[municipalityColumn] ?? '').trim() : '';
    const bydel = bydelColumn >= 0 ? (cells[bydelColumn] ?? '').trim() : '';
    return normaliseRoundError({
      municipality: municipality || place.municipality,
      bydel: bydel || place.bydel,
      brukerNr: error.brukerNr,
      serviceType: error.serviceType,
      variable: error.variable,
      code: error.code,
      severity: error.severity,
      value: error.value,
      message: error.message,
    });
  });
}

/** The error list of a feedback folder, with its rows as a round. */
export interface FeedbackRound {
  /** The error list's file name inside the folder; undefined when the folder has none. */
  file?: string;
  errors: RoundError[];
}

/**
 * The round of a feedback folder: its first error list (SSB sends one; the viewer shows the
 * same one first). A feedback without any error list is a round without errors — an
 * assumption (the format is not public, shared/docs/domain.md): SSB may leave the list out when
 * it has nothing to say; `file` is then undefined, so a caller can tell.
 */
export function roundFromFeedback(set: FeedbackSet, place: RoundPlace): FeedbackRound {
  const list = set.files.find((file): file is ErrorListFile => file.kind === 'error-list');
  if (!list) return { errors: [] };
  return { file: list.name, errors: roundErrorsFromErrorList(list, place) };
}

/**
 * The local control's findings as a round. `kommuneNr` is the element's own; a finding before
 * the first `Kommune` (a whole-file finding) takes `place.municipality`. The extract has no
 * district of its own: it is the profile's (`place.bydel`).
 */
export function roundErrorsFromFindings(findings: readonly Finding[], place: RoundPlace): RoundError[] {
  return findings.map((finding) =>
    normaliseRoundError({
      municipality: finding.kommuneNr || place.municipality,
      bydel: place.bydel,
      brukerNr: finding.brukerNr,
      serviceType: finding.serviceType,
      variable: finding.variable,
      code: finding.code || finding.ruleId,
      severity: finding.severity,
      value: finding.value,
      message: finding.message,
    }),
  );
}
