/** Human-readable byte counts for CLI output (binary units, one decimal). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** A progress line on a terminal, redrawn in place at most every 200 ms. */
export function progressPrinter(stream: NodeJS.WritableStream & { isTTY?: boolean }, verb: string): ((done: number, total: number) => void) & { end(): void } {
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
