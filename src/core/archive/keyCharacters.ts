/**
 * Keys with characters outside ASCII (æ, ø, å …): what IPLOS does with them and what it says.
 *
 * A zip password is bytes, and which encoding turns the typed characters into them is not
 * settled (PKWARE's APPNOTE speaks of the encoding of names and comments, not of passwords;
 * assumption: no tool can count on another's choice). IPLOS uses UTF-8. Measured here (test/unit/archive/sevenZipInterop.test.ts): 7-Zip 26 reads such an
 * archive with the same key, but refuses to *write* one ("E_INVALIDARG"); other tools may use
 * a Windows code page (CP1252/CP850) and fail to open it, or make an archive IPLOS cannot
 * open with the key as typed. So the product keeps such a key (refusing would lock out a
 * municipality whose key SSB already issued) and warns where it is stored or given, without
 * ever repeating the key or its characters.
 */
import { msg } from '../i18n';

export type ArchiveKeyUse = 'encryption' | 'feedback';

/** True when every character is ASCII (U+0000–U+007F). */
export function isAsciiKey(key: string): boolean {
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** The warning for a non-ASCII key, or undefined for an ASCII one. */
export function nonAsciiKeyWarning(key: string, use: ArchiveKeyUse): string | undefined {
  if (isAsciiKey(key)) return undefined;
  if (use === 'encryption') {
    return msg(
      'The encryption key has characters outside ASCII (such as æ, ø, å). IPLOS encrypts with the UTF-8 bytes of the key: 7-Zip opens such an extract, but 7-Zip 26 refuses to create one, and tools that use a Windows code page instead may fail to open it. Use a key of the letters A–Z and a–z, digits and ASCII punctuation, and agree it with SSB.',
    );
  }
  return msg(
    "The feedback key has characters outside ASCII (such as æ, ø, å). IPLOS opens feedback with the UTF-8 bytes of the key; if SSB's tool turned the characters into other bytes (a Windows code page), the key is reported as wrong. Ask SSB for a key of the letters A–Z and a–z, digits and ASCII punctuation.",
  );
}
