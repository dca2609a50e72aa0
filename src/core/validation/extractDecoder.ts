/**
 * Bytes of the extract to text, streaming, in the character set the file says it is in: a
 * byte-order mark (UTF-8, UTF-16), else the XML declaration's `encoding` (the XSDs
 * themselves are ISO-8859-1), else UTF-8 (XML 1.0, 4.3.3). UTF-8 is checked, not repaired:
 * bytes that are not UTF-8 are an error with their offset, never a silent U+FFFD. ISO-8859-1
 * is decoded byte for byte (one byte is one character, so a chunk never splits one); note that
 * TextDecoder's "iso-8859-1" is really windows-1252 (WHATWG), which is why it is not used for it.
 */
import { isUtf8 } from 'node:buffer';

export interface ExtractDecoder {
  /** The character set in use, as the messages name it ("UTF-8", "ISO-8859-1", …). */
  readonly encoding: string;
  /** The text of the next chunk; throws UndecodableBytesError at the first byte that cannot be read. */
  decode(bytes: Buffer): string;
  /** Whatever is left at the end of the file (throws when a character was cut off). */
  end(): string;
}

/** Bytes that are not text in the file's character set. `text` is what could be read before them. */
export class UndecodableBytesError extends Error {
  constructor(
    readonly text: string,
    /** Offset of the first bad byte in the file. */
    readonly offset: number,
    readonly encoding: string,
  ) {
    super(`bytes at offset ${offset} are not ${encoding}`);
  }
}

/** The declaration names a character set this reader does not know. */
export class UnsupportedEncodingError extends Error {
  constructor(readonly encoding: string) {
    super(`unsupported encoding ${encoding}`);
  }
}

const LATIN1_LABELS = new Set([
  'iso-8859-1',
  'iso8859-1',
  'iso_8859-1',
  'latin1',
  'latin-1',
  'l1',
  'us-ascii',
  'ascii',
]);
const UTF8_LABELS = new Set(['utf-8', 'utf8']);

/** The decoder for a file that starts with `head` (its first chunk). */
export function createExtractDecoder(head: Buffer): ExtractDecoder {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return new Utf8Decoder();
  if (head[0] === 0xff && head[1] === 0xfe) return new WhatwgDecoder('utf-16le', 'UTF-16');
  if (head[0] === 0xfe && head[1] === 0xff) return new WhatwgDecoder('utf-16be', 'UTF-16');
  const declared = declaredEncoding(head);
  if (declared === undefined) return new Utf8Decoder();
  const label = declared.toLowerCase();
  if (UTF8_LABELS.has(label)) return new Utf8Decoder();
  if (LATIN1_LABELS.has(label)) return new Latin1Decoder(declared);
  try {
    return new WhatwgDecoder(label, declared);
  } catch {
    throw new UnsupportedEncodingError(declared);
  }
}

/** `encoding="…"` of an XML declaration at the very start (read as ASCII), or undefined. */
export function declaredEncoding(head: Buffer): string | undefined {
  const start = head.subarray(0, 512).toString('latin1');
  const declaration = /^<\?xml\s[^>]*?\?>/.exec(start)?.[0];
  return declaration === undefined ? undefined : /\sencoding\s*=\s*(["'])([^"']*)\1/.exec(declaration)?.[2];
}

class Utf8Decoder implements ExtractDecoder {
  readonly encoding = 'UTF-8';
  /** The bytes of a character cut off at the end of the last chunk (0–3). */
  private carry: Buffer = Buffer.alloc(0);
  /** File offset of the first byte of `carry`. */
  private offset = 0;

  decode(bytes: Buffer): string {
    const all = this.carry.length === 0 ? bytes : Buffer.concat([this.carry, bytes]);
    const cut = completeLength(all);
    const whole = all.subarray(0, cut);
    if (!isUtf8(whole)) {
      const bad = firstInvalidUtf8(whole);
      throw new UndecodableBytesError(whole.subarray(0, bad).toString('utf8'), this.offset + bad, this.encoding);
    }
    this.carry = Buffer.from(all.subarray(cut));
    this.offset += cut;
    return whole.toString('utf8');
  }

  end(): string {
    if (this.carry.length > 0) throw new UndecodableBytesError('', this.offset, this.encoding);
    return '';
  }
}

class Latin1Decoder implements ExtractDecoder {
  constructor(readonly encoding: string) {}

  decode(bytes: Buffer): string {
    return bytes.toString('latin1');
  }

  end(): string {
    return '';
  }
}

/** Any other character set TextDecoder knows (windows-1252, ISO-8859-15, UTF-16, …). */
class WhatwgDecoder implements ExtractDecoder {
  private readonly decoder: TextDecoder;
  private offset = 0;

  constructor(
    label: string,
    readonly encoding: string,
  ) {
    // ignoreBOM keeps a byte-order mark in the text, where the position tracker expects it.
    this.decoder = new TextDecoder(label, { fatal: true, ignoreBOM: true });
  }

  decode(bytes: Buffer): string {
    try {
      const text = this.decoder.decode(bytes, { stream: true });
      this.offset += bytes.length;
      return text;
    } catch {
      throw new UndecodableBytesError('', this.offset, this.encoding);
    }
  }

  end(): string {
    try {
      return this.decoder.decode();
    } catch {
      throw new UndecodableBytesError('', this.offset, this.encoding);
    }
  }
}

/** The length of `bytes` without a UTF-8 sequence cut off at its end. */
function completeLength(bytes: Buffer): number {
  const length = bytes.length;
  for (let back = 1; back <= 3 && back <= length; back++) {
    const byte = bytes[length - back] as number;
    if ((byte & 0xc0) === 0x80) continue;
    const needed = sequenceLength(byte);
    return needed > back ? length - back : length;
  }
  return length;
}

/** How many bytes the UTF-8 sequence led by this byte has (1 for a byte that cannot lead one: isUtf8 rejects it). */
function sequenceLength(lead: number): number {
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  if (lead >= 0xe0) return lead <= 0xef ? 3 : 1;
  if (lead >= 0xc2) return 2;
  return 1;
}

/** Offset of the first byte that is not part of valid UTF-8 (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF). */
export function firstInvalidUtf8(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] as number;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const length = sequenceLength(lead);
    if (length === 1) return i;
    const second = bytes[i + 1];
    if (second === undefined) return i;
    const low = (lead === 0xe0 && 0xa0) || (lead === 0xf0 && 0x90) || 0x80;
    const high = (lead === 0xed && 0x9f) || (lead === 0xf4 && 0x8f) || 0xbf;
    if (second < low || second > high) return i;
    for (let k = 2; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return i;
    }
    i += length;
  }
  return bytes.length;
}
