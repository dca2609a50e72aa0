/** A progress line on a terminal, redrawn in place at most every 200 ms; `verb` in the CLI's language. */
import { formatBytes } from '../core/format/norwegian';
import { msg } from '../core/i18n';

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
    stream.write(`\r${msg('{0} {1}% ({2} of {3})', verb, percent, formatBytes(done), formatBytes(total))}\u001b[K`);
  };
  return Object.assign(print, {
    end(): void {
      if (shown) stream.write('\r\u001b[K');
    },
  });
}
