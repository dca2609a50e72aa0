/**
 * Download → verify → decrypt → record: the feedback routine shared by the CLI and the
 * extension. The verified zip stays beside the decrypted folder (it is encrypted); the
 * history records where both went.
 */
import { basename, join } from 'node:path';
import { decryptArchive, isArchiveError } from '../archive';
import type { HistoryStore } from '../history';
import { msg } from '../i18n';
import { feedbackFolderForRound } from './feedbackFolderForRound';
import type { SsbPortalClient } from './portalClient';

export interface FeedbackName {
  municipality: string;
  bydel: string;
  year: number;
  environment: 'test' | 'production';
}

/** The key of all of SSB's test feedback files (Helsedirektoratet's letter of 23.11.2016). */
export const TEST_FEEDBACK_KEY = '123456';

/**
 * The key to open a feedback file with: the one the user gave, else — for test feedback
 * only — SSB's documented test key; undefined when production feedback needs the
 * municipality's own key (each municipality has its own).
 */
export function feedbackKeyFor(fileName: string, given: string | undefined): string | undefined {
  if (given) return given;
  return parseFeedbackName(fileName)?.environment === 'test' ? TEST_FEEDBACK_KEY : undefined;
}

/** `040300_iplos_2025_test.zip` → 0403, 00, 2025, test (undefined for other names). */
export function parseFeedbackName(name: string): FeedbackName | undefined {
  const match = /^(\d{4})(\d{2})_iplos_(\d{4})(_test)?\.zip$/i.exec(name);
  if (!match) return undefined;
  return {
    municipality: match[1] as string,
    bydel: match[2] as string,
    year: Number(match[3]),
    environment: match[4] ? 'test' : 'production',
  };
}

/**
 * The feedback name a decrypted folder was made from: `<dir>/<name>` or, for a later round of
 * the same name, `<name>-2`, `<name>-3` (feedbackFolderForRound.ts).
 */
export function feedbackNameOfFolder(folderName: string): FeedbackName | undefined {
  return parseFeedbackName(`${folderName.replace(/-\d+$/, '')}.zip`);
}

export interface DownloadedFeedback {
  zipPath: string;
  folder: string;
  files: string[];
  name: FeedbackName | undefined;
}

export async function downloadFeedback(
  portal: SsbPortalClient,
  fileId: string,
  targetFolder: string,
  feedbackKey: string,
  history: HistoryStore,
  options: {
    signal?: AbortSignal;
    onProgress?: (progress: { phase: 'downloading' | 'decrypting'; bytesDone: number; bytesTotal: number }) => void;
  } = {},
): Promise<DownloadedFeedback> {
  const { path: zipPath, details } = await portal.download(fileId, targetFolder, {
    ...(options.signal ? { signal: options.signal } : {}),
    onProgress: ({ bytesDone, bytesTotal }) => options.onProgress?.({ phase: 'downloading', bytesDone, bytesTotal }),
  });
  const folder = await feedbackFolderForRound(
    history,
    join(targetFolder, basename(zipPath).replace(/\.zip$/i, '')),
    details.id,
  );
  const name = parseFeedbackName(details.name);
  const record = {
    version: 1 as const,
    at: new Date().toISOString(),
    fileId: details.id,
    fileName: details.name,
    size: details.size,
    sha1: details.hash,
    municipality: name?.municipality ?? '0000',
    ...(name ? { year: name.year, bydel: name.bydel, environment: name.environment } : {}),
    downloadedTo: zipPath,
  };
  let files: string[];
  try {
    const result = await decryptArchive(zipPath, folder, {
      key: feedbackKey,
      overwrite: true,
      ...(options.signal ? { signal: options.signal } : {}),
      onProgress: ({ bytesDone, bytesTotal }) => options.onProgress?.({ phase: 'decrypting', bytesDone, bytesTotal }),
    });
    files = result.files.map((file) => file.name);
  } catch (error) {
    // The verified zip is kept: it can be decrypted later with the right key.
    await history.append({ type: 'feedback-downloaded', ...record });
    if (isArchiveError(error, 'WRONG_KEY')) {
      error.message = `${error.message} ${msg('The downloaded file is kept at {0}.', zipPath)}`;
    }
    throw error;
  }
  await history.append({ type: 'feedback-downloaded', ...record, decryptedTo: folder, files });
  return { zipPath, folder, files, name };
}
