/**
 * Writes a report file under a temporary name beside it and renames it into place, so a
 * reader (or a ticket upload) never sees half a file, and a failed write leaves nothing.
 */
import { rename, rm, writeFile } from 'node:fs/promises';

export async function writeFileAtomically(path: string, content: string): Promise<void> {
  const temporary = `${path}.${process.pid}.partial`;
  try {
    await writeFile(temporary, content, 'utf8');
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
