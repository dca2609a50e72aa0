/**
 * `iplos feedback compare <earlier> <later> [--json|--csv]`: what the later feedback round fixed,
 * what is new and what remains (the core's comparison, docs/feedback-rounds.md). Each side is a
 * decrypted feedback folder, an encrypted feedback zip — decrypted as `iplos feedback download`
 * does, with the same key rule, into a folder beside the zip (the secure zone it lies in, not
 * the system's temp folder) that is removed afterwards — or a history entry: a submission id
 * (its newest decrypted feedback) or a feedback file id.
 */
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { decryptArchive } from '../../core/archive';
import { readFeedbackFolder, type ErrorListFile, type FeedbackSet } from '../../core/feedback';
import { toExcelCsv } from '../../core/format/excelCsv';
import { buildHistory, feedbackForSubmission, HistoryStore, type History } from '../../core/history';
import { compareErrorLists, type RoundPlace } from '../../core/rounds';
import { feedbackKeyFor, feedbackNameOfFolder } from '../../core/ssb/feedbackDownload';
import { EXIT_OK, UsageError } from '../cliError';
import { msg } from '../../core/i18n';
import { loadConfig, secret, SECRETS } from '../config';
import type { CliIo } from '../io';
import { compareJson, compareText } from '../compareOutput';

export interface CompareSide {
  /** As given on the command line. */
  given: string;
  /** The decrypted folder read. */
  folder: string;
  place: RoundPlace;
  set: FeedbackSet;
}

export async function feedbackCompare(
  positionals: readonly string[],
  values: { json?: boolean; csv?: boolean; config?: string },
  io: CliIo,
  signal: AbortSignal,
): Promise<number> {
  const [earlierArg, laterArg, extra] = positionals;
  if (!earlierArg || !laterArg || extra !== undefined)
    throw new UsageError(msg('give two feedback rounds: iplos feedback compare <earlier> <later>'));
  if (values.json && values.csv) throw new UsageError(msg('--json and --csv go one at a time'));
  const cleanup: string[] = [];
  try {
    let history: History | undefined;
    const historyOnce = async (): Promise<History> => {
      if (history) return history;
      const config = await loadConfig(values.config, io);
      history = buildHistory((await new HistoryStore(config.historyFile).readEvents()).events);
      return history;
    };
    const earlier = await resolveSide(earlierArg, historyOnce, io, signal, cleanup);
    const later = await resolveSide(laterArg, historyOnce, io, signal, cleanup);
    // A side whose name says nothing about whose it is takes the other side's place (rows with Kommunenr say it themselves).
    if (earlier.place.municipality === '0000') earlier.place = later.place;
    if (later.place.municipality === '0000') later.place = earlier.place;
    const laterList = errorListOf(later.set);
    const compared = compareErrorLists(
      { file: laterList ?? emptyErrorList(), place: later.place },
      { file: errorListOf(earlier.set), place: earlier.place },
    );
    if (values.csv)
      io.stdout.write(toExcelCsv([compared.file.table.columns.map((c) => c.name), ...compared.file.table.rows]));
    else if (values.json) io.stdout.write(`${JSON.stringify(compareJson(earlier, later, compared), null, 2)}\n`);
    else io.stdout.write(compareText(earlier, later, compared));
    return EXIT_OK;
  } finally {
    for (const folder of cleanup) await rm(folder, { recursive: true, force: true });
  }
}

async function resolveSide(
  given: string,
  history: () => Promise<History>,
  io: CliIo,
  signal: AbortSignal,
  cleanup: string[],
): Promise<CompareSide> {
  const path = resolve(given);
  if (existsSync(path) && statSync(path).isDirectory()) return side(given, path, placeOfName(basename(path)), signal);
  if (existsSync(path) && /\.zip$/i.test(path)) {
    const key =
      feedbackKeyFor(basename(path), io.env[SECRETS.feedbackKey.variable]) ?? (await secret('feedbackKey', io));
    const folder = await mkdtemp(join(dirname(path), '.iplos-compare-'));
    cleanup.push(folder);
    await decryptArchive(path, folder, { key, signal });
    return side(given, folder, placeOfName(basename(path).replace(/\.zip$/i, '')), signal);
  }
  const records = await history();
  const submission = records.submissions.find((record) => record.submissionId === given);
  const download = submission
    ? feedbackForSubmission(records, submission).find((record) => record.decryptedTo)
    : records.feedback.find((record) => record.fileId === given && record.decryptedTo);
  if (submission && !download)
    throw new UsageError(
      msg('submission {0} has no decrypted feedback in the history (iplos feedback download)', given),
    );
  if (!download?.decryptedTo)
    throw new UsageError(msg('{0} is neither a folder, a zip, nor a submission or feedback id in the history', given));
  return side(
    given,
    download.decryptedTo,
    { municipality: download.municipality, bydel: download.bydel ?? '00' },
    signal,
  );
}

async function side(given: string, folder: string, place: RoundPlace, signal: AbortSignal): Promise<CompareSide> {
  return { given, folder, place, set: await readFeedbackFolder(folder, { signal }) };
}

function placeOfName(name: string): RoundPlace {
  const parsed = feedbackNameOfFolder(name);
  return parsed ? { municipality: parsed.municipality, bydel: parsed.bydel } : { municipality: '0000', bydel: '00' };
}

function errorListOf(set: FeedbackSet): ErrorListFile | undefined {
  return set.files.find((file): file is ErrorListFile => file.kind === 'error-list');
}

/** A later round without an error list: no errors (the core's assumption, docs/feedback-rounds.md). */
function emptyErrorList(): ErrorListFile {
  return {
    kind: 'error-list',
    name: '',
    size: 0,
    source: { encoding: 'utf-8', delimiter: ';' },
    table: { columns: [], rows: [], rowLines: [] },
    errors: [],
    malformed: { count: 0, examples: [] },
  };
}
