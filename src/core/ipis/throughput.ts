/**
 * Transfer rate and time left for progress reports: an exponentially weighted average
 * over samples, so one slow or fast second does not make the estimate jump around.
 */
export class Throughput {
  private rate = 0;
  private lastTime: number;
  private lastBytes = 0;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly smoothing = 0.3,
  ) {
    this.lastTime = now();
  }

  /** Records the running byte count; returns bytes per second. */
  sample(bytesDone: number): number {
    const time = this.now();
    const elapsed = (time - this.lastTime) / 1000;
    if (elapsed >= 0.25) {
      const instant = Math.max(0, bytesDone - this.lastBytes) / elapsed;
      this.rate = this.rate === 0 ? instant : this.smoothing * instant + (1 - this.smoothing) * this.rate;
      this.lastTime = time;
      this.lastBytes = bytesDone;
    }
    return this.rate;
  }

  /** Seconds left at the current rate, or undefined before there is a rate. */
  etaSeconds(bytesDone: number, bytesTotal: number): number | undefined {
    return this.rate > 0 ? Math.max(0, (bytesTotal - bytesDone) / this.rate) : undefined;
  }
}
