import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { pathKey } from '../paths/pathComparison';
import { createInterface } from 'node:readline';
import { checkHistoryEvent } from './eventShape';
import type { HistoryEvent } from './historyEvents';

export interface HistoryReadResult {
  /** Every valid event, in file (= append) order. */
  events: HistoryEvent[];
  /** Complete lines that were not valid JSON, or not an event this version knows. */
  skippedLines: number;
  /**
   * The file ends in a line without '\n' that is not a valid event: a crash (or power loss)
   * cut an append short, or another process is appending right now. Not counted in
   * `skippedLines`, so callers can tell this expected leftover from real damage.
   */
  tornTail: boolean;
}

/**
 * Appends waiting in this process, per file: one append at a time, in call order. Keyed by
 * pathKey, so that two spellings of one file on Windows (`C:\Data\h.jsonl`, `c:/data/H.jsonl`,
 * `\\?\C:\…`) share one queue rather than interleave.
 */
const queues = new Map<string, Promise<void>>();

/**
 * The submission history: an append-only JSON Lines file, one event per line, shared by the
 * CLI and the extension (several processes may append to it at the same time).
 *
 * Appending relies on O_APPEND: each line goes out in one write(2) to a file opened for
 * appending, so the kernel places it at the current end of the file and lines from
 * different processes do not interleave. That holds for local file systems on Linux, macOS
 * and Windows (FILE_APPEND_DATA) for lines this small; it does not hold on network shares
 * (NFS, SMB), where two machines appending at once could overwrite each other — the
 * history belongs on a local disk. After a crash, a line may be cut short; readers skip it
 * and the next append starts on a fresh line, so one torn record is the worst case.
 *
 * The file is opened per append and closed again, not kept open: events are a few per
 * submission, so an open/fsync/close each costs nothing noticeable, while a handle held for
 * the extension host's lifetime would keep the file locked against moving or deleting on
 * Windows and keep writing to the old file if it was replaced.
 */
export class HistoryStore {
  readonly filePath: string;

  constructor(filePath: string) {
    this.filePath = resolve(filePath);
  }

  /**
   * Appends one event and resolves once it is on disk (fsync). Only the fields the event type
   * defines are written, whatever else the object carries. Rejects with a TypeError for an
   * object that is not a valid event, without touching the file.
   */
  append(event: HistoryEvent): Promise<void> {
    const checked = checkHistoryEvent(event);
    if (!checked.ok) return Promise.reject(new TypeError(`Not a valid history event (${checked.problem}).`));
    const line = `${JSON.stringify(checked.event)}\n`;
    const file = this.filePath;
    const key = pathKey(file);
    const appended = (queues.get(key) ?? Promise.resolve()).then(() => appendLine(file, line));
    // A failed append must not stop the ones queued after it.
    const settled = appended.then(ignore, ignore);
    queues.set(key, settled);
    void settled.then(() => {
      if (queues.get(key) === settled) queues.delete(key);
    });
    return appended;
  }

  /**
   * Reads every event, streaming (the file may grow large). Never throws because of what the
   * file holds; only when it cannot be read at all (a missing file is an empty history).
   * Reads up to the size the file had when reading started, so a concurrent append is
   * either wholly in or wholly out — or, caught mid-write, reported as a torn tail.
   */
  async readEvents(): Promise<HistoryReadResult> {
    const result: HistoryReadResult = { events: [], skippedLines: 0, tornTail: false };
    let handle: FileHandle;
    try {
      handle = await open(this.filePath, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return result;
      throw error;
    }
    try {
      const { size } = await handle.stat();
      if (size === 0) return result;
      const terminated = await endsWithNewline(handle, size);
      const lines = createInterface({
        input: handle.createReadStream({ start: 0, end: size - 1, autoClose: false }),
        crlfDelay: Infinity,
      });
      let lastLineRejected = false;
      for await (const line of lines) {
        lastLineRejected = false;
        if (line.trim() === '') continue;
        const event = parseLine(line);
        if (event) result.events.push(event);
        else {
          result.skippedLines++;
          lastLineRejected = true;
        }
      }
      // readline also yields the last line when no '\n' ends it; that one is the torn tail.
      if (!terminated && lastLineRejected) {
        result.skippedLines--;
        result.tornTail = true;
      }
      return result;
    } finally {
      await handle.close();
    }
  }
}

function ignore(): void {}

function parseLine(line: string): HistoryEvent | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  const checked = checkHistoryEvent(value);
  return checked.ok ? checked.event : undefined;
}

async function endsWithNewline(handle: FileHandle, size: number): Promise<boolean> {
  const last = Buffer.alloc(1);
  const { bytesRead } = await handle.read(last, 0, 1, size - 1);
  return bytesRead === 1 && last[0] === 0x0a;
}

async function appendLine(file: string, line: string): Promise<void> {
  // 'a+' is 'a' (O_APPEND: every write lands at the end) plus reading, to look at the last byte.
  const handle = await open(file, 'a+', 0o600).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
    await mkdir(dirname(file), { recursive: true });
    return open(file, 'a+', 0o600);
  });
  try {
    const { size } = await handle.stat();
    // After a torn line, the new record must start on a line of its own. The '\n' goes out in
    // the same write as the record. Another process's append still under way looks torn too
    // (the file grows while it is written); its line still completes before ours starts, so
    // the extra '\n' only makes an empty line, which readers skip.
    const repair = size > 0 && !(await endsWithNewline(handle, size));
    const bytes = Buffer.from(repair ? `\n${line}` : line, 'utf8');
    // One write call. A regular file takes all of it in practice; a short write (disk full)
    // gets the rest written after it — at worst one torn line, which readers skip.
    let written = 0;
    while (written < bytes.length) {
      const { bytesWritten } = await handle.write(bytes, written, bytes.length - written);
      if (bytesWritten === 0) throw new Error(`Could not write to ${file}.`);
      written += bytesWritten;
    }
    await handle.sync();
    if (size === 0) await syncFolder(dirname(file));
  } finally {
    await handle.close();
  }
}

/** A new file's name is in its folder: sync that too, or a power loss could lose the file. */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return; // folders cannot be opened for syncing there (NTFS journals it)
  const handle = await open(folder, 'r').catch(() => undefined);
  if (!handle) return;
  await handle.sync().catch(ignore);
  await handle.close();
}
