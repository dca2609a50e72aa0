/**
 * Entry names without the UTF-8 flag are in the DOS code page of the PC that made the
 * zip. Windows in Norway uses code page 850, which has ø/Ø where code page 437 has ¢/¥
 * (æ, Æ, å and Å are the same in both). WHATWG TextDecoder knows neither, so the upper
 * half of CP850 is listed here; zip.js's own CP437 table is used when that is asked for.
 */
export type LegacyEncoding = 'cp850' | 'cp437';

const CP850_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈıÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u00ad±‗¾¶§÷¸°¨·¹³²■\u00a0';

export function decodeCp850(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += byte < 0x80 ? String.fromCharCode(byte) : (CP850_HIGH[byte - 0x80] as string);
  return text;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** zip.js `decodeText` hook: valid UTF-8 stays UTF-8 (many tools omit the flag), else the legacy page. */
export function legacyNameDecoder(encoding: LegacyEncoding): (value: Uint8Array) => string | undefined {
  return (value) => {
    try {
      return strictUtf8.decode(value);
    } catch {
      return encoding === 'cp850' ? decodeCp850(value) : undefined;
    }
  };
}
