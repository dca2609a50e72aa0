/** Builds error rows for the rounds tests: a valid row of Hamar (0403) with the fields a test names. */
import { normaliseRoundError, type RoundError } from '../../../src/core/rounds';

export function row(fields: Partial<RoundError> = {}): RoundError {
  return normaliseRoundError({
    municipality: '0403',
    bydel: '00',
    brukerNr: '1001',
    serviceType: '',
    variable: '',
    code: 'T01',
    severity: 'error',
    value: '',
    message: 'Ukjent tjenestetype',
    ...fields,
  });
}
