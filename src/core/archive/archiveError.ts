/**
 * Every failure of the archive core is an ArchiveError with a stable code (for tests,
 * the CLI's exit path and the extension's messages) and a message that says what
 * happened and what to do — so its remedy stays ''. Messages never contain the key.
 * A cancel is not a failure: it is the core's CancelledError (../abort).
 */
import { IplosError } from '../errors';

export type ArchiveErrorCode =
  | 'EMPTY_INPUT'
  | 'INPUT_NOT_FOUND'
  | 'NOT_A_ZIP'
  | 'WRONG_KEY'
  | 'CORRUPT'
  | 'TRUNCATED'
  | 'MISSING_PART'
  | 'UNSAFE_ENTRY'
  | 'TOO_LARGE'
  | 'SUSPICIOUS_RATIO'
  | 'UNSUPPORTED'
  | 'OUTPUT_EXISTS';

export class ArchiveError extends IplosError {
  override readonly name = 'ArchiveError';
  declare readonly code: ArchiveErrorCode;

  /** Narrows the code to the archive's own; an ArchiveError has no remedy or detail of its own. */
  constructor(code: ArchiveErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { cause: options.cause });
  }
}

export function isArchiveError(value: unknown, code?: ArchiveErrorCode): value is ArchiveError {
  return value instanceof ArchiveError && (code === undefined || value.code === code);
}
