import { ArchiveError } from './archiveError';
import type { ExtractionLimits } from './limits';

/**
 * Counts the bytes an extraction really writes and stops it the moment an entry grows
 * past its declared size, past the total cap or past the ratio cap: headers can lie.
 */
export class ExtractionGuard {
  private total = 0;

  constructor(private readonly limits: ExtractionLimits) {}

  get bytesWritten(): number {
    return this.total;
  }

  forEntry(name: string, declaredSize: number, compressedSize: number): (length: number) => void {
    let written = 0;
    return (length) => {
      written += length;
      this.total += length;
      if (written > declaredSize) {
        throw new ArchiveError('CORRUPT', `"${name}" expands beyond the size its header declares (${declaredSize} bytes): the archive is damaged or hostile. Nothing was kept.`);
      }
      if (this.total > this.limits.maxTotalBytes) {
        throw new ArchiveError('TOO_LARGE', `The archive expands to more than ${this.limits.maxTotalBytes} bytes, the configured limit. Nothing was kept; raise the limit only if you trust the file.`);
      }
      if (written > this.limits.ratioGraceBytes && written / Math.max(1, compressedSize) > this.limits.maxRatio) {
        throw new ArchiveError('SUSPICIOUS_RATIO', `"${name}" expands more than ${this.limits.maxRatio} times its compressed size, which is typical of a zip bomb. Nothing was kept.`);
      }
    };
  }
}
