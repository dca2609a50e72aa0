/**
 * Decoding SSB's text files. Norwegian public files come as UTF-8 with a BOM (Excel's
 * "CSV UTF-8"), UTF-8 without one, or Windows-1252 (Excel's plain "CSV" on a Norwegian
 * Windows). Nothing in the file says which, so the bytes decide: a BOM wins; otherwise
 * bytes that are valid UTF-8 are UTF-8, since Windows-1252 text with æøå is practically
 * never valid UTF-8 by accident; everything else is Windows-1252, which maps every byte.
 *
 * Excel's "Unicode text" (.txt) is UTF-16 little-endian with a BOM; it is recognised too,
 * because decoding it as Windows-1252 would show a NUL between every letter.
 */

export type TextEncodingName = 'utf-8-bom' | 'utf-8' | 'windows-1252' | 'utf-16le-bom';

export interface DecodedText {
  /** The text without any byte order mark. */
  text: string;
  encoding: TextEncodingName;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;
const UTF16LE_BOM = [0xff, 0xfe] as const;

export function decodeText(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, UTF8_BOM)) {
    // A BOM followed by bytes that are not UTF-8 is a damaged file; replacement characters
    // show the damage where it is, rather than guessing a second encoding.
    return {
      text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(UTF8_BOM.length)),
      encoding: 'utf-8-bom',
    };
  }
  if (startsWith(bytes, UTF16LE_BOM)) {
    return {
      text: new TextDecoder('utf-16le', { ignoreBOM: true }).decode(bytes.subarray(UTF16LE_BOM.length)),
      encoding: 'utf-16le-bom',
    };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

/**
 * Since Node 20.18.3 / 22.13.0 the one-shot `TextDecoder('windows-1252').decode()` takes a
 * Latin-1 fast path and turns 0x80–0x9F into control characters instead of `€`, `–`, `’`, `Œ`, …
 * (nodejs/node#56542, #60888).
 * The streaming path goes through ICU and decodes them correctly; Windows-1252 is one byte
 * per character, so the final flush adds nothing.
 */
function decodeWindows1252(bytes: Uint8Array): string {
  const decoder = new TextDecoder('windows-1252');
  return decoder.decode(bytes, { stream: true }) + decoder.decode();
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, index) => bytes[index] === byte);
}
