/**
 * The attributes a set of record targets names (recordTarget.ts), found in the extract's text:
 * one streamed pass that stops after the last target, reading each target's start tag from
 * its line (and up to `WINDOW_LINES` more, for tags over several lines). Memory holds only
 * the lines of the tags being read, whatever the file size.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { abortError, throwIfAborted } from '../abort';
import { msg } from '../i18n';
import { findAttribute } from './findAttribute';
import type { TagLocation } from './locationTable';

/** An attribute on a line of its own is still found; a tag longer than this is not (its element is). */
const WINDOW_LINES = 16;

export interface AttributeRequest {
  tag: TagLocation;
  attribute: string;
}

/** For each request (by its index), the attribute's position, when the tag has it. */
export async function locateAttributes(
  path: string,
  requests: readonly AttributeRequest[],
  signal?: AbortSignal,
): Promise<Map<number, TagLocation>> {
  const found = new Map<number, TagLocation>();
  if (requests.length === 0) return found;
  const order = requests.map((_, index) => index).sort((a, b) => requestLine(requests, a) - requestLine(requests, b));
  const active: { index: number; lines: string[] }[] = [];
  let next = 0;
  let lineNumber = 0;
  const finish = (window: { index: number; lines: string[] }): void => {
    const request = requests[window.index] as AttributeRequest;
    const first = Array.from(window.lines[0] ?? '')
      .slice(request.tag.column - 1)
      .join('');
    const text = [first, ...window.lines.slice(1)].join('\n');
    const position = findAttribute(text, request.tag, request.attribute);
    if (position) found.set(window.index, position);
  };
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 64 * 1024 });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  try {
    for await (const text of lines) {
      throwIfAborted(signal, (aborted) =>
        abortError(msg('Locating the clients in the extract was cancelled.'), aborted),
      );
      lineNumber++;
      while (next < order.length && requestLine(requests, order[next] as number) === lineNumber)
        active.push({ index: order[next++] as number, lines: [] });
      for (const window of active) window.lines.push(text);
      while (active.length > 0 && (active[0] as { lines: string[] }).lines.length >= WINDOW_LINES)
        finish(active.shift() as { index: number; lines: string[] });
      if (next >= order.length && active.length === 0) break;
    }
    for (const window of active) finish(window);
  } finally {
    lines.close();
    stream.destroy();
  }
  return found;
}

function requestLine(requests: readonly AttributeRequest[], index: number): number {
  return (requests[index] as AttributeRequest).tag.line;
}
