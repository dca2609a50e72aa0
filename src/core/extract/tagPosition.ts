/**
 * Where a start tag begins (the line and column of its `<`) while a saxes parser streams a
 * file. Shared by the extract check and the extract index.
 *
 * saxes tells where it *is*, not where a tag began: at `opentagstart` it has read the `<`,
 * the name and one character after it, and its column (zero-based, of the next character,
 * counted in Unicode characters) is then one past that character. On the same line the `<`
 * is therefore at one-based column `column - name - 1`, which is all nearly every tag needs.
 * When a line break follows the name (`<Bruker⏎ brukerNr="1">`), saxes is already on the next
 * line and the `<` must be found in the text; that is why the tracker sees every chunk and
 * keeps the last two.
 *
 * Columns count Unicode characters (code points), like saxes and like an editor's
 * "column": `æøå` are one each, and so is a character outside the BMP. A byte-order mark is
 * not counted. Line breaks are XML 1.0's (`\n`, `\r\n`, `\r`).
 */

/** The parts of a SaxesParser the tracker reads (saxes must be created with `position: true`). */
export interface ParserPosition {
  readonly line: number;
  readonly column: number;
  /** Index into everything written so far, in UTF-16 code units. */
  readonly position: number;
}

export interface TagStart {
  /** One-based line of the `<`. */
  line: number;
  /**
   * One-based column of the `<`, in Unicode characters. Undefined only when a line break
   * follows a tag name and the `<` lies more than a chunk back (a name over a chunk long), or
   * when `start` is called late, after saxes has moved more than a chunk past the tag.
   */
  column: number | undefined;
}

/** A chunk of the text as written to the parser. */
interface Chunk {
  text: string;
  /** Index of `text[0]` in everything written, in UTF-16 code units. */
  start: number;
  /** Characters on the line before `text[0]` (0 when the chunk starts a line). */
  columnAtStart: number;
}

const LF = 0x0a;
const CR = 0x0d;
const BOM = 0xfeff;
const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const EQUALS = 0x3d;
const COLON = 0x3a;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const SPACE = 0x20;
const TAB = 0x09;

export class TagStartTracker {
  private current: Chunk | undefined;
  private previous: Chunk | undefined;
  private nextStart = 0;
  private nextColumnAtStart = 0;
  /** saxes counts a leading byte-order mark as a character of line 1; an editor does not. */
  private bom = false;
  private markedLine = 0;
  private markedColumn = 0;
  private markedPosition = 0;

  constructor(private readonly parser: ParserPosition) {}

  /** Call with every chunk, in order, right before writing it to the parser. */
  feed(text: string): void {
    if (this.current === undefined) this.bom = text.charCodeAt(0) === BOM;
    this.previous = this.current;
    const chunk: Chunk = { text, start: this.nextStart, columnAtStart: this.nextColumnAtStart };
    this.current = chunk;
    this.nextStart += text.length;
    this.nextColumnAtStart = columnAfter(chunk);
  }

  /** Call from the parser's `opentagstart` handler: remembers where saxes is. O(1). */
  mark(): void {
    this.markedLine = this.parser.line;
    this.markedColumn = this.parser.column;
    this.markedPosition = this.parser.position;
  }

  /**
   * The `<` of the tag whose start was marked last; `name` is its name as saxes reports it
   * (with any prefix). Exact when called in the same `opentagstart` handler as `mark`.
   */
  start(name: string): TagStart {
    const nameLength = codePoints(name, 0, name.length);
    let line = this.markedLine;
    let column: number | undefined;
    if (this.markedColumn > nameLength) {
      column = this.markedColumn - nameLength - 1;
    } else {
      // A line break followed the name: `position` is just past it (past both of `\r\n`).
      line -= 1;
      let lineBreak = this.markedPosition - 1;
      if (this.charCodeAt(lineBreak) === LF && this.charCodeAt(lineBreak - 1) === CR) lineBreak -= 1;
      column = this.columnOf(lineBreak - name.length - 1);
    }
    if (line === 1 && this.bom && column !== undefined) column -= 1;
    return { line, column };
  }

  /**
   * Where the name of the attribute `attribute` (local name: a prefix is ignored) starts in the
   * tag marked last, found by scanning the tag's raw text from its `<`. Meant for the few
   * attributes a finding is about, not for every attribute: call it in the `opentag` handler
   * of that tag. Undefined when the tag has no such attribute, or its text is no longer held
   * (a tag over a chunk long).
   */
  attribute(name: string, attribute: string): TagStart | undefined {
    let index = this.markedPosition - 1;
    if (this.charCodeAt(index) === LF && this.charCodeAt(index - 1) === CR) index -= 1;
    const open = index - name.length - 1;
    if (this.charCodeAt(open) !== LT) return undefined;
    const found = this.findAttribute(open + 1 + name.length, attribute);
    if (found === undefined) return undefined;
    const start = this.start(name);
    let line = start.line;
    for (let i = open; i < found; i++) {
      const code = this.charCodeAt(i);
      if (code === LF || (code === CR && this.charCodeAt(i + 1) !== LF)) line++;
    }
    let column = this.columnOf(found);
    if (line === 1 && this.bom && column !== undefined) column -= 1;
    return { line, column };
  }

  /** Index of the name of the attribute whose local name is `wanted`, scanning a tag's attributes from `from`. */
  private findAttribute(from: number, wanted: string): number | undefined {
    let i = from;
    for (;;) {
      let code = this.charCodeAt(i);
      while (code === SPACE || code === TAB || code === LF || code === CR) code = this.charCodeAt(++i);
      if (code === -1 || code === GT || code === SLASH) return undefined;
      const nameStart = i;
      while (code !== -1 && code !== EQUALS && code !== SPACE && code !== TAB && code !== LF && code !== CR) {
        code = this.charCodeAt(++i);
      }
      const nameEnd = i;
      while (code !== -1 && code !== QUOTE && code !== APOSTROPHE) code = this.charCodeAt(++i);
      if (code === -1) return undefined;
      const quote = code;
      do code = this.charCodeAt(++i);
      while (code !== -1 && code !== quote);
      if (code === -1) return undefined;
      i++;
      if (this.localNameIs(nameStart, nameEnd, wanted)) return nameStart;
    }
  }

  private localNameIs(start: number, end: number, wanted: string): boolean {
    let from = start;
    for (let i = start; i < end; i++) if (this.charCodeAt(i) === COLON) from = i + 1;
    if (end - from !== wanted.length) return false;
    for (let k = 0; k < wanted.length; k++) if (this.charCodeAt(from + k) !== wanted.charCodeAt(k)) return false;
    return true;
  }

  private chunkAt(index: number): Chunk | undefined {
    if (this.current !== undefined && index >= this.current.start) return this.current;
    if (this.previous !== undefined && index >= this.previous.start) return this.previous;
    return undefined;
  }

  private charCodeAt(index: number): number {
    const chunk = this.chunkAt(index);
    return chunk === undefined ? -1 : chunk.text.charCodeAt(index - chunk.start);
  }

  /** One-based column of the character at `index` (a UTF-16 index into everything written). */
  private columnOf(index: number): number | undefined {
    const chunk = index < 0 ? undefined : this.chunkAt(index);
    if (chunk === undefined) return undefined;
    const offset = index - chunk.start;
    const lineStart = lastLineBreak(chunk.text, offset - 1) + 1;
    const before = lineStart > 0 ? 0 : chunk.columnAtStart;
    return before + codePoints(chunk.text, lineStart, offset) + 1;
  }
}

/** Characters on the line at the end of `chunk`: what the next chunk's line starts with. */
function columnAfter(chunk: Chunk): number {
  const { text } = chunk;
  const lineStart = lastLineBreak(text, text.length - 1) + 1;
  return (lineStart > 0 ? 0 : chunk.columnAtStart) + codePoints(text, lineStart, text.length);
}

/** Index of the last `\n` or `\r` at or before `from`, or -1. A loop, so it stops at the nearest one. */
function lastLineBreak(text: string, from: number): number {
  for (let i = from; i >= 0; i--) {
    const code = text.charCodeAt(i);
    if (code === LF || code === CR) return i;
  }
  return -1;
}

/** Unicode characters in `text[from, to)`: UTF-16 units minus the low halves of surrogate pairs. */
function codePoints(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    if ((text.charCodeAt(i) & 0xfc00) !== 0xdc00) count++;
  }
  return count;
}
