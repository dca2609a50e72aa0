/**
 * Which extract a feedback set is about: the one the user chose for it, else the latest
 * completed submission of the same municipality, district, year and environment in the
 * history (SSB answers the latest submission).
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { latestCompletedSubmission } from '../../core/history';
import { pathKey } from '../../core/paths';
import { parseFeedbackName } from '../../core/ssb/feedbackDownload';
import type { HistoryModel } from '../models/historyModel';
import { t } from '../localize';

const CHOSEN = 'iplos.feedback.chosenExtracts';

export interface ExtractChoice {
  path?: string;
  /** Why there is none (shown in the viewer). */
  problem?: string;
}

export async function extractForFeedback(
  folder: string,
  history: HistoryModel,
  state: vscode.Memento,
): Promise<ExtractChoice> {
  const remembered = state.get<Record<string, string>>(CHOSEN, {});
  // By pathKey (Windows: one entry however the folder is spelled); a choice remembered before that, by the path.
  const chosen = remembered[pathKey(folder)] ?? remembered[folder];
  if (chosen && existsSync(chosen)) return { path: chosen };
  const name = parseFeedbackName(`${basename(folder)}.zip`);
  if (!name) return { problem: t('The folder name does not say which municipality and year the feedback is for.') };
  const records = (await history.read()).submissions;
  const submission = latestCompletedSubmission(records, name.municipality, name.year, {
    bydel: name.bydel,
    environment: name.environment,
  });
  if (!submission)
    return {
      problem: t(
        'No completed submission for {0} {1} ({2}) is in the history on this machine.',
        name.municipality,
        name.year,
        name.environment,
      ),
    };
  if (!existsSync(submission.extract.path))
    return {
      problem: t(
        'The extract that was sent, {0}, is no longer at {1}.',
        submission.extract.name,
        submission.extract.path,
      ),
    };
  return { path: submission.extract.path };
}

export async function rememberExtract(folder: string, path: string, state: vscode.Memento): Promise<void> {
  await state.update(CHOSEN, { ...state.get<Record<string, string>>(CHOSEN, {}), [pathKey(folder)]: path });
}
