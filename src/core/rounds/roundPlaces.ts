/**
 * Whose two compared rounds are, when one side does not say: a folder the history does not know
 * and whose name is not SSB's (`040300_iplos_…`) takes the other side's place — the same
 * municipality's rounds are compared (rows with Kommunenr say it themselves). Used by the viewer
 * and `iplos feedback compare`, so both match rows alike. When neither side says: `0000`/`00`.
 */
import type { RoundPlace } from './roundErrors';

/** The place neither side names (an assumption: only rows that carry Kommunenr are placed then). */
export const UNKNOWN_PLACE: RoundPlace = { municipality: '0000', bydel: '00' };

export function placesOfRounds(
  earlier: RoundPlace | undefined,
  later: RoundPlace | undefined,
): { earlier: RoundPlace; later: RoundPlace } {
  const known = later ?? earlier ?? UNKNOWN_PLACE;
  return { earlier: earlier ?? known, later: later ?? earlier ?? known };
}
