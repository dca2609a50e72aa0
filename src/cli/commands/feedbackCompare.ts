/**
 * `iplos feedback compare <earlier> <later> [--json|--csv]`: what the later feedback round fixed,
 * what is new and what remains (the core's comparison, docs/feedback-rounds.md). Each side is a
 * decrypted feedback folder, an encrypted feedback zip — decrypted as `iplos feedback download`
 * does, with the same key rule, into a folder beside the zip (the secure zone it lies in, not
 * the system's temp folder) that is removed afterwards — or a history entry: a submission id
 * (its newest decrypted feedback) or a feedback file id.
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { decryptArchive } from '../../core/archive';
import { readFeedbackFolder, type ErrorListFile, type FeedbackSet } from '../../core/feedback';
import { toExcelCsv } from '../../core/format/excelCsv';
import { buildHistory, feedbackForSubmission, HistoryStore, type History } from '../../core/history';
import { compareErrorLists, placesOfRounds, type RoundPlace } from '../../core/rounds';
import { feedbackKeyFor, feedbackNameOfFolder } from '../../core/ssb/feedbackDownload';
import { EXIT_OK, UsageError } from '../cliError';
import { msg } from '../../core/i18n';
import { loadConfig, secret, SECRETS } from '../config';
import type { CliIo } from '../io';
import { warnAboutKey } from '../readSecret';
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
    const earlierSide = await resolveSide(earlierArg, historyOnce, io, signal, cleanup);
    const laterSide = await resolveSide(laterArg, historyOnce, io, signal, cleanup);
    // A side whose name says nothing about whose it is takes the other side's place (the core's rule, as in the viewer).
    const places = placesOfRounds(earlierSide.place, laterSide.place);
    const earlier: CompareSide = { ...earlierSide, place: places.earlier };
    const later: CompareSide = { ...laterSide, place: places.later };
    // A later round without an error list (SSB found nothing): the earlier list's columns, every row fixed.
    const compared = compareErrorLists(
      { file: errorListOf(later.set), place: later.place },
      { file: errorListOf(earlier.set), place: earlier.place },
    );
    if (values.csv)
      io.stdout.write(toExcelCsv([compared.file.table.columns.map((c) => c.name), ...compared.file.table.rows]));
    else if (values.json) io.stdout.write(`${JSON.stringify(compareJson(earlier, later, compared), null, 2)}\n`);
    else io.stdout.write(compareText(earlier, later, compared));
    return EXIT_OK;
  } finally {
    for (const folder of cleanup) {
      await rm(folder, { recursive: true, force: true });
      removed(folder);
    }
  }
}

const COMPARE_FOLDER_PREFIX = '.iplos-compare-';
/** A folder of ours older than this is left from a compare that was killed (no compare takes an hour). */
const STALE_AFTER_MS = 60 * 60 * 1000;

/** The decrypted folders (personal data) that exist now: removed on exit and on a signal that ends the CLI. */
const keptUntilExit = new Set<string>();
const ENDING_SIGNALS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

function onEndingSignal(signal: NodeJS.Signals): void {
  removeKept();
  process.exit(ENDING_SIGNALS[signal as keyof typeof ENDING_SIGNALS] ?? 1);
}

/**
 * SIGINT and SIGTERM abort the command (main.ts), which removes its folders on the way out; a
 * second Ctrl-C, SIGHUP, or a key prompt that does not end on abort would leave them — so while
 * a folder exists, those signals remove it (synchronously) and end the CLI.
 */
function removeOnExit(folder: string): void {
  if (keptUntilExit.size === 0) {
    process.on('exit', removeKept);
    for (const signal of Object.keys(ENDING_SIGNALS)) process.on(signal, onEndingSignal);
  }
  keptUntilExit.add(folder);
}

function removed(folder: string): void {
  if (!keptUntilExit.delete(folder) || keptUntilExit.size > 0) return;
  process.off('exit', removeKept);
  for (const signal of Object.keys(ENDING_SIGNALS)) process.off(signal, onEndingSignal);
}

function removeKept(): void {
  for (const folder of keptUntilExit) rmSync(folder, { recursive: true, force: true });
}

/** Removes `.iplos-compare-*` folders beside the zip that a killed compare left (decrypted personal data). */
async function sweepStaleFolders(parent: string): Promise<void> {
  const entries = await readdir(parent, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isDirectory() || !entry.name.startsWith(COMPARE_FOLDER_PREFIX)) continue;
    const folder = join(parent, entry.name);
    const stamp = await stat(folder).catch(() => undefined);
    if (stamp && Date.now() - stamp.mtimeMs > STALE_AFTER_MS) await rm(folder, { recursive: true, force: true });
  }
}

async function resolveSide(
  given: string,
  history: () => Promise<History>,
  io: CliIo,
  signal: AbortSignal,
  cleanup: string[],
): Promise<UnplacedSide> {
  const path = resolve(given);
  if (existsSync(path) && statSync(path).isDirectory()) return side(given, path, placeOfName(basename(path)), signal);
  if (existsSync(path) && /\.zip$/i.test(path)) {
    const key =
      feedbackKeyFor(basename(path), io.env[SECRETS.feedbackKey.variable]) ?? (await secret('feedbackKey', io));
    warnAboutKey(key, 'feedback', io);
    await sweepStaleFolders(dirname(path));
    const folder = await mkdtemp(join(dirname(path), COMPARE_FOLDER_PREFIX));
    cleanup.push(folder);
    removeOnExit(folder);
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

/** A side before the places are settled: `place` undefined when neither the history nor the name says. */
type UnplacedSide = Omit<CompareSide, 'place'> & { place: RoundPlace | undefined };

async function side(
  given: string,
  folder: string,
  place: RoundPlace | undefined,
  signal: AbortSignal,
): Promise<UnplacedSide> {
  return { given, folder, place, set: await readFeedbackFolder(folder, { signal }) };
}

function placeOfName(name: string): RoundPlace | undefined {
  const parsed = feedbackNameOfFolder(name);
  return parsed ? { municipality: parsed.municipality, bydel: parsed.bydel } : undefined;
}

function errorListOf(set: FeedbackSet): ErrorListFile | undefined {
  return set.files.find((file): file is ErrorListFile => file.kind === 'error-list');
}
