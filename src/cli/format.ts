/** A progress line on a terminal, redrawn in place at most every 200 ms. */
import { formatBytes } from '../core/format/norwegian';

export function progressPrinter(
  stream: NodeJS.WritableStream & { isTTY?: boolean },
  verb: string,
): ((done: number, total: number) => void) & { end(): void } {
  let last = 0;
  let shown = false;
  const print = (done: number, total: number): void => {
    if (!stream.isTTY) return;
    const now = Date.now();
    if (now - last < 200 && done < total) return;
    last = now;
    shown = true;
    const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
    stream.write(`\r${verb} ${percent}% (${formatBytes(done)} of ${formatBytes(total)})\u001b[K`);
  };
  return Object.assign(print, {
    end(): void {
      if (shown) stream.write('\r\u001b[K');
    },
  });
}
