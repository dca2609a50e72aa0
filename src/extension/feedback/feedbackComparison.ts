/**
 * Which earlier round a feedback folder is compared with: the candidates from the history (the
 * decrypted downloads of the same municipality), the default — the round before, for the same
 * municipality, district, year and environment (the core's `previousFeedback`) — and the quick
 * pick "Compare with…" that offers them, plus a folder of one's own.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { formatDateTime } from '../../core/format/norwegian';
import type { FeedbackRecord, History } from '../../core/history';
import { samePath } from '../../core/paths';
import { previousFeedback, type RoundPlace } from '../../core/rounds';
import { feedbackNameOfFolder } from '../../core/ssb/feedbackDownload';
import { t } from '../localize';

/** The download a folder holds, when the history knows it. */
export function recordOfFolder(history: History, folder: string): FeedbackRecord | undefined {
  return [...history.feedback]
    .reverse()
    .find((record) => record.decryptedTo !== undefined && samePath(record.decryptedTo, folder));
}

/** Whose feedback a folder is: the history's record, else its name (`040300_iplos_…`); undefined when neither says (the core's `placesOfRounds` decides). */
export function placeOfFolder(history: History, folder: string): RoundPlace | undefined {
  const record = recordOfFolder(history, folder);
  if (record) return { municipality: record.municipality, bydel: record.bydel ?? '00' };
  const name = feedbackNameOfFolder(basename(folder));
  return name ? { municipality: name.municipality, bydel: name.bydel } : undefined;
}

/** The round before `folder` (same municipality, district, year and environment), when the history has one on disk. */
export function defaultComparison(history: History, folder: string): FeedbackRecord | undefined {
  const record = recordOfFolder(history, folder);
  const previous = record ? previousFeedback(history, record) : undefined;
  return previous?.decryptedTo && existsSync(previous.decryptedTo) ? previous : undefined;
}

/** "040300_iplos_2025_test, downloaded 10.01.2026 10:00" — or the folder's name. */
export function comparisonLabel(history: History, folder: string): string {
  const record = recordOfFolder(history, folder);
  return record
    ? t('{0}, downloaded {1}', record.fileName.replace(/\.zip$/i, ''), formatDateTime(record.at))
    : basename(folder);
}

interface CandidateItem extends vscode.QuickPickItem {
  folder?: string;
}

/** Asks which earlier round to compare `folder` with; the round before comes first. Undefined: cancelled. */
export async function pickComparison(history: History, folder: string): Promise<string | undefined> {
  const own = recordOfFolder(history, folder);
  const fallback = defaultComparison(history, folder);
  const candidates = history.feedback
    .filter(
      (record) =>
        record.decryptedTo !== undefined &&
        !samePath(record.decryptedTo, folder) &&
        (!own || record.municipality === own.municipality) &&
        existsSync(record.decryptedTo),
    )
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  const ordered = fallback ? [fallback, ...candidates.filter((record) => record !== fallback)] : candidates;
  const items: CandidateItem[] = ordered.map((record) => ({
    label: record.fileName,
    description:
      record === fallback
        ? t('the round before · downloaded {0}', formatDateTime(record.at))
        : t('downloaded {0}', formatDateTime(record.at)),
    detail: record.decryptedTo,
    folder: record.decryptedTo,
  }));
  const chooseFolder: CandidateItem = { label: t('$(folder) Choose a decrypted feedback folder…') };
  const picked = await vscode.window.showQuickPick([...items, chooseFolder], {
    title: t('Compare {0} with…', basename(folder)),
    placeHolder:
      items.length > 0
        ? t('An earlier feedback round')
        : t('The history has no other feedback for this municipality: choose a folder'),
  });
  if (!picked) return undefined;
  if (picked.folder) return picked.folder;
  const chosen = await vscode.window.showOpenDialog({
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    openLabel: t('Compare with this feedback'),
  });
  return chosen?.[0]?.fsPath;
}
