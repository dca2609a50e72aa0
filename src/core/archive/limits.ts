/**
 * Zip-bomb guards for extraction. Declared sizes are checked before anything is written
 * and real byte counts while writing, because a hostile archive can lie in its headers.
 */
export interface ExtractionLimits {
  /** Total bytes all entries may expand to. */
  maxTotalBytes: number;
  /** Largest allowed uncompressed/compressed ratio of an entry … */
  maxRatio: number;
  /** … once the entry has produced this many bytes (tiny files compress absurdly well). */
  ratioGraceBytes: number;
  /** Most entries an archive may hold. */
  maxEntries: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_LIMITS: ExtractionLimits = {
  maxTotalBytes: 16 * 1024 * MiB,
  maxRatio: 200,
  ratioGraceBytes: 1 * MiB,
  maxEntries: 10_000,
};

export function withDefaults(limits: Partial<ExtractionLimits> | undefined): ExtractionLimits {
  return { ...DEFAULT_LIMITS, ...limits };
}
