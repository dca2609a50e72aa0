/**
 * The extract file itself: its size, and a missing file, a folder or a file that may not be
 * read turned into a LocalFileError with a remedy — a problem of the disk, not a finding of
 * the control (a finding is about the file's content).
 */
import { stat } from 'node:fs/promises';
import { msg } from '../i18n';
import { LocalFileError } from '../localFileError';

export async function fileSize(path: string): Promise<number> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw readError(path, error);
  }
  if (info.isDirectory()) {
    throw new LocalFileError(msg('"{0}" is a folder, not a file.', path), {
      remedy: msg('Choose the extract file the EPJ exported.'),
      detail: 'EISDIR',
    });
  }
  return info.size;
}

/** The error to throw for a failed read of `path`: a LocalFileError for what the user can fix, else the error itself. */
export function readError(path: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new LocalFileError(msg('The extract file "{0}" does not exist.', path), {
      remedy: msg('Check the path, or export the extract from the EPJ again.'),
      detail: code,
      cause: error,
    });
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EISDIR') {
    return new LocalFileError(msg('The extract file "{0}" cannot be read ({1}).', path, code), {
      remedy: msg('Check that you may read the file, or copy it to a folder of your own.'),
      detail: code,
      cause: error,
    });
  }
  return error;
}
