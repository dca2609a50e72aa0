/**
 * An extract that cannot be read at all: it does not exist (`ENOENT`) or is a folder
 * (`EISDIR`). The code is the file system's, as callers already test it; the message says
 * what to do, so there is no separate remedy.
 */
import { IplosError } from '../errors';

export type ExtractFileErrorCode = 'ENOENT' | 'EISDIR';

export class ExtractFileError extends IplosError {
  override readonly name = 'ExtractFileError';
  declare readonly code: ExtractFileErrorCode;

  constructor(code: ExtractFileErrorCode, message: string, cause?: unknown) {
    const underneath = (cause as Error | undefined)?.message;
    super(code, message, { detail: underneath ? `${code}: ${underneath}` : code, cause });
  }
}
