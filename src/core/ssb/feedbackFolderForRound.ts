/**
 * Where a downloaded feedback file is decrypted: `<dir>/<file name without .zip>`, unless an
 * earlier round already lies there. SSB names every round of a year alike
 * (`040300_iplos_2025_test.zip`, and a new file replaces the old one on the portal), so the
 * second round would overwrite the first — and with it the only copy to compare the rounds
 * with (docs/feedback-rounds.md). A folder recorded in the history for another portal file is
 * therefore left alone: the next round goes to `<name>-2`, `<name>-3`, … Downloading the same
 * file again reuses its own folder.
 */
import { buildHistory, type HistoryStore } from '../history';

export async function feedbackFolderForRound(history: HistoryStore, base: string, fileId: string): Promise<string> {
  const { feedback } = buildHistory((await history.readEvents()).events);
  const takenByOthers = new Set(
    feedback.filter((record) => record.fileId !== fileId && record.decryptedTo).map((record) => record.decryptedTo),
  );
  const own = feedback.find((record) => record.fileId === fileId)?.decryptedTo;
  if (own !== undefined && !takenByOthers.has(own)) return own;
  if (!takenByOthers.has(base)) return base;
  for (let round = 2; ; round++) {
    const candidate = `${base}-${round}`;
    if (!takenByOthers.has(candidate)) return candidate;
  }
}
