/**
 * Counts the bytes an extraction really writes and stops it the moment an entry grows
 * past its declared size, past the total cap or past the ratio cap: headers can lie.
 */
import { ArchiveError } from './archiveError';
import { msg } from '../i18n';
import type { ExtractionLimits } from './limits';

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
        throw new ArchiveError(
          'CORRUPT',
          msg(
            '"{0}" expands beyond the size its header declares ({1} bytes): the archive is damaged or hostile. Nothing was kept.',
            name,
            declaredSize,
          ),
        );
      }
      if (this.total > this.limits.maxTotalBytes) {
        throw new ArchiveError(
          'TOO_LARGE',
          msg(
            'The archive expands to more than {0} bytes, the configured limit. Nothing was kept; raise the limit only if you trust the file.',
            this.limits.maxTotalBytes,
          ),
        );
      }
      if (written > this.limits.ratioGraceBytes && written / Math.max(1, compressedSize) > this.limits.maxRatio) {
        throw new ArchiveError(
          'SUSPICIOUS_RATIO',
          msg(
            '"{0}" expands more than {1} times its compressed size, which is typical of a zip bomb. Nothing was kept.',
            name,
            this.limits.maxRatio,
          ),
        );
      }
    };
  }
}
