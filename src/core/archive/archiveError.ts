/**
 * Every failure of the archive core is an ArchiveError with a stable code (for tests,
 * the CLI's exit path and the extension's messages) and a message that says what
 * happened and what to do. Messages never contain the key.
 */
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
  | 'OUTPUT_EXISTS'
  | 'CANCELLED';

export class ArchiveError extends Error {
  override readonly name = 'ArchiveError';

  constructor(
    readonly code: ArchiveErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isArchiveError(value: unknown, code?: ArchiveErrorCode): value is ArchiveError {
  return value instanceof ArchiveError && (code === undefined || value.code === code);
}
