/**
 * Where an attribute's name starts inside a start tag, from the tag's text: the line and
 * column (one-based, Unicode characters, like the extract index) of its first character.
 * The text begins at the tag's `<`, which is at `tag`; it may run over several lines and past
 * the tag's end (only the tag is read). A namespace prefix is ignored (`ipl:tilDato` matches
 * `tilDato`). Undefined when the tag has no such attribute or the text ends first.
 */
import type { TagLocation } from './locationTable';

export function findAttribute(text: string, tag: TagLocation, attribute: string): TagLocation | undefined {
  const chars = Array.from(text); // code points, as the columns count them
  let i = 0;
  let line = tag.line;
  let column = tag.column;
  const advance = (): void => {
    const character = chars[i++];
    if (character === '\n' || (character === '\r' && chars[i] !== '\n')) {
      line++;
      column = 1;
    } else {
      column++;
    }
  };
  const isSpace = (character: string | undefined): boolean =>
    character === ' ' || character === '\t' || character === '\n' || character === '\r';

  if (chars[i] !== '<') return undefined;
  advance();
  while (i < chars.length && !isSpace(chars[i]) && chars[i] !== '>' && chars[i] !== '/') advance(); // the element name
  for (;;) {
    while (isSpace(chars[i])) advance();
    if (i >= chars.length || chars[i] === '>' || chars[i] === '/') return undefined;
    const start = { line, column };
    const nameStart = i;
    while (i < chars.length && !isSpace(chars[i]) && chars[i] !== '=' && chars[i] !== '>') advance();
    // Case-insensitive: SSB's lists may write the variable otherwise (`TILDATO` for `tilDato`).
    if (localName(chars.slice(nameStart, i).join('')).toLowerCase() === attribute.toLowerCase()) return start;
    while (isSpace(chars[i])) advance();
    if (chars[i] !== '=') continue;
    advance();
    while (isSpace(chars[i])) advance();
    const quote = chars[i];
    if (quote !== '"' && quote !== "'") continue;
    advance();
    while (i < chars.length && chars[i] !== quote) advance();
    advance();
  }
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}
