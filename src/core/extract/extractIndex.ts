import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathKey } from '../paths/pathComparison';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { msg } from '../i18n';
import { abortError, isCancellation, throwIfAborted, type CancelledError } from '../abort';
import { ExtractFileError } from './extractFileError';
import { type ClientLocation, LocationTable } from './locationTable';
import { TagStartTracker } from './tagPosition';

export type { ClientLocation, ServiceLocation, TagLocation } from './locationTable';

/**
 * An index of an IPLOS extract (see shared/docs/domain.md, "extract format"): where each
 * client's record (`Bruker`, by `brukerNr`) and its services (`Tjeneste`) start in the file,
 * so that a feedback row naming a client can open the extract at that client.
 *
 * The file is streamed once through saxes, like the pre-send check. Only the clients asked
 * for (`wanted`) are stored, so memory follows the number of wanted clients, not the file
 * size (a 1 GiB extract with 5 000 wanted clients peaks at ~81 MiB RSS, bench/extractIndex.bench.ts).
 * Without `wanted` every client is stored, compactly: ~70 bytes per client in typed arrays,
 * ~100 bytes of RSS measured (1.87 million clients of a 1 GiB extract: ~270 MiB peak; see
 * ./locationTable). Namespace prefixes are ignored (`ipl:Bruker` counts as `Bruker`).
 * When the XML breaks, the clients before the break are still indexed and the break is
 * reported in `error`: the viewer can still open those.
 *
 * `ExtractIndexCache` (below) keeps indexes between lookups and re-reads a file only when it
 * changed or when clients are asked for that it did not look for.
 */

export interface ExtractIndexOptions {
  /** Only these clients are stored (by `brukerNr`); all of them when absent. */
  wanted?: ReadonlySet<string>;
  /** Cancels indexing: the promise rejects with a CancelledError (named `AbortError`). */
  signal?: AbortSignal;
  /** Called after a chunk read, at most once per MiB, and once at the end with bytesDone = bytesTotal. */
  onProgress?: (progress: { bytesDone: number; bytesTotal: number }) => void;
}

export interface ExtractXmlError {
  /** English; says where the XML breaks and what to do. */
  message: string;
  /** One-based line of the XML error. */
  line: number;
  /** One-based column, counted in Unicode characters. */
  column: number;
}

export interface ExtractIndex {
  /** Absolute path of the extract. */
  readonly path: string;
  /** The file as it was when indexed; a changed size or mtime means the index is stale. */
  readonly file: { readonly size: number; readonly mtimeMs: number };
  /** Bytes read: the file size, or less when reading stopped at an XML error. */
  readonly bytes: number;
  /** The clients looked for; undefined when every client was. */
  readonly wanted: ReadonlySet<string> | undefined;
  /** Number of clients stored (found, and wanted). */
  readonly size: number;
  /** Number of `Bruker` elements read, wanted or not (up to the error, if any). */
  readonly clients: number;
  /** Stored `Bruker` numbers seen again later in the file; the first one is the one located. */
  readonly duplicates: number;
  /** The first XML error; clients after it are not in the index. */
  readonly error: ExtractXmlError | undefined;
  /** Where the client starts, with its services; undefined when not stored. */
  get(brukerNr: string): ClientLocation | undefined;
  /** True when the index looked for this client (so a missing one is not in the file, or after `error`). */
  covers(brukerNr: string): boolean;
  /** The stored brukerNr values, in file order. */
  keys(): IterableIterator<string>;
}

/**
 * Read size. Small on purpose: V8 puts a string over 128 KiB straight into the old
 * generation, where a decoded chunk waits for a full GC; with 1 MiB chunks a 256 MiB extract
 * peaked at ~130–155 MiB RSS, with 64 KiB at ~80 MiB, at the same speed. The `encoding`
 * option decodes with a StringDecoder, so no character is split between chunks.
 */
export const INDEX_CHUNK_BYTES = 64 * 1024;
/** Progress is reported at most once per this many bytes (and once at the end). */
const PROGRESS_BYTES = 1 << 20;

const CLIENT = 'Bruker';
const SERVICE = 'Tjeneste';
const CLIENT_NUMBER = 'brukerNr';
const SERVICE_TYPE = 'tjenesteType';

/** What the last `opentagstart` was, so `opentag` needs no second name comparison. */
const OTHER = 0;
const CLIENT_TAG = 1;
const SERVICE_TAG = 2;
type TagKind = typeof OTHER | typeof CLIENT_TAG | typeof SERVICE_TAG;
const TAG_KINDS: ReadonlyMap<string, TagKind> = new Map([
  [CLIENT, CLIENT_TAG],
  [SERVICE, SERVICE_TAG],
]);

export async function indexExtract(path: string, options: ExtractIndexOptions = {}): Promise<ExtractIndex> {
  const { signal, onProgress } = options;
  throwIfAborted(signal, cancelled);
  const absolute = resolve(path);
  const file = await statExtract(absolute);
  throwIfAborted(signal, cancelled);
  // A copy: the caller may change its set later, and `covers` must answer for this read.
  const wanted =
    options.wanted === undefined ? undefined : new Set([...options.wanted].map((brukerNr) => brukerNr.trim()));
  const table = new LocationTable();
  let clients = 0;
  let duplicates = 0;
  let error: ExtractXmlError | undefined;

  if (file.size === 0) {
    error = {
      message: msg(
        'The extract file "{0}" is empty (0 bytes), so no client can be found in it. Export the extract from the EPJ again.',
        absolute,
      ),
      line: 1,
      column: 1,
    };
    onProgress?.({ bytesDone: 0, bytesTotal: 0 });
    return new ParsedIndex(absolute, file, 0, wanted, table, clients, duplicates, error);
  }

  const parser = new SaxesParser<{ position: true; xmlns: false }>({ position: true, xmlns: false });
  const tags = new TagStartTracker(parser);
  /** Set by the first XML error: events after it (saxes goes on) are ignored. */
  let stopped = false;
  let depth = 0;
  /** Depth of the open `Bruker`, 0 outside one; services inside it belong to it. */
  let clientDepth = 0;
  /** Whether the open `Bruker` is stored (wanted, with a new brukerNr). */
  let recording = false;
  let kind: TagKind = OTHER;
  let startLine = 0;
  let startColumn = 0;

  parser.on('opentagstart', (tag) => {
    if (stopped) return;
    const name = localName(tag.name);
    kind = TAG_KINDS.get(name) ?? OTHER;
    if (kind === OTHER) return;
    // Now, not at `opentag`: the `<` may be a chunk behind once the attributes are read.
    tags.mark();
    const start = tags.start(tag.name);
    startLine = start.line;
    // Unknown only for a namespace prefix longer than a chunk (64 KiB) followed by a line break.
    startColumn = start.column ?? 1;
  });
  parser.on('opentag', (tag) => {
    if (stopped) return;
    depth++;
    if (kind === CLIENT_TAG) onClient(tag);
    else if (kind === SERVICE_TAG && recording)
      table.addService(startLine, startColumn, attribute(tag, SERVICE_TYPE)?.trim() ?? '');
    kind = OTHER;
    // A self-closing tag is followed by its closetag event, so depth stays right.
  });
  parser.on('closetag', () => {
    if (stopped) return;
    // A Bruker nested in a Bruker ends both: services after the inner one are not attributed.
    if (depth === clientDepth) {
      clientDepth = 0;
      recording = false;
    }
    depth--;
  });
  parser.on('error', (xmlError) => {
    if (stopped) return;
    stopped = true;
    const line = parser.line;
    const column = Math.max(1, parser.column);
    const reason = xmlError.message.replace(/^\d+:\d+: /, '').replace(/\.$/, '');
    error = {
      message: msg(
        'The extract is not well-formed XML at {0}:{1} (line {0}, column {1}): {2}. Clients after that point cannot be located. The file is damaged or incomplete: export it again from the EPJ, and do not edit it by hand.',
        line,
        column,
        reason,
      ),
      line,
      column,
    };
  });

  const onClient = (tag: SaxesTagPlain): void => {
    clients++;
    clientDepth = depth;
    const brukerNr = attribute(tag, CLIENT_NUMBER)?.trim();
    recording = false;
    if (brukerNr === undefined || brukerNr === '' || (wanted !== undefined && !wanted.has(brukerNr))) return;
    recording = table.add(brukerNr, startLine, startColumn);
    if (!recording) duplicates++;
  };

  const stream = createReadStream(absolute, { highWaterMark: INDEX_CHUNK_BYTES, encoding: 'utf8' });
  const onAbort = (): void => {
    stream.destroy(cancelled(signal));
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  let reported = 0;
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      throwIfAborted(signal, cancelled);
      tags.feed(chunk);
      parser.write(chunk);
      if (onProgress !== undefined && stream.bytesRead - reported >= PROGRESS_BYTES) {
        reported = stream.bytesRead;
        onProgress({ bytesDone: reported, bytesTotal: Math.max(file.size, reported) });
      }
      if (stopped) break;
    }
    throwIfAborted(signal, cancelled);
    if (!stopped) parser.close();
  } catch (caught) {
    throwIfAborted(signal, cancelled);
    // Deleted or moved between the stat and the read.
    if ((caught as NodeJS.ErrnoException).code === 'ENOENT') throw missingFileError(absolute, caught);
    throw caught;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    stream.destroy();
  }

  const bytes = stream.bytesRead;
  onProgress?.({ bytesDone: Math.max(file.size, bytes), bytesTotal: Math.max(file.size, bytes) });
  return new ParsedIndex(absolute, file, bytes, wanted, table, clients, duplicates, error);
}

/** The file's size and mtime, or an error that says what to do when it cannot be indexed. */
async function statExtract(path: string): Promise<{ size: number; mtimeMs: number }> {
  try {
    const info = await stat(path);
    if (info.isDirectory())
      throw new ExtractFileError(
        'EISDIR',
        msg('"{0}" is a folder, not an extract file. Choose the extract file the EPJ exported.', path),
      );
    return { size: info.size, mtimeMs: info.mtimeMs };
  } catch (caught) {
    const code = (caught as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw missingFileError(path, caught);
    throw caught;
  }
}

function missingFileError(path: string, cause: unknown): ExtractFileError {
  return new ExtractFileError(
    'ENOENT',
    msg(
      'The extract file "{0}" does not exist, so the clients in the feedback cannot be located in it. Check the path, or choose the extract that was sent.',
      path,
    ),
    cause,
  );
}

class ParsedIndex implements ExtractIndex {
  constructor(
    readonly path: string,
    readonly file: { readonly size: number; readonly mtimeMs: number },
    readonly bytes: number,
    readonly wanted: ReadonlySet<string> | undefined,
    private readonly table: LocationTable,
    readonly clients: number,
    readonly duplicates: number,
    readonly error: ExtractXmlError | undefined,
  ) {}

  get size(): number {
    return this.table.size;
  }

  get(brukerNr: string): ClientLocation | undefined {
    return this.table.get(brukerNr.trim());
  }

  covers(brukerNr: string): boolean {
    return this.wanted === undefined || this.wanted.has(brukerNr.trim());
  }

  keys(): IterableIterator<string> {
    return this.table.keys();
  }
}

/** An attribute by local name: `brukerNr` also matches `ipl:brukerNr`. */
function attribute(tag: SaxesTagPlain, name: string): string | undefined {
  const value = tag.attributes[name];
  if (value !== undefined) return value;
  for (const key in tag.attributes) {
    if (localName(key) === name) return tag.attributes[key];
  }
  return undefined;
}

/** The name without a namespace prefix. */
function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

type Cancelled = 'index' | 'locate';

function cancelledMessage(what: Cancelled): string {
  return what === 'locate'
    ? msg('Locating the clients in the extract was cancelled.')
    : msg('Indexing the extract was cancelled.');
}

function cancelled(signal: AbortSignal | undefined, what: Cancelled = 'index'): CancelledError {
  return abortError(cancelledMessage(what), signal);
}

const locateCancelled = (signal: AbortSignal | undefined): CancelledError => cancelled(signal, 'locate');

// ---------------------------------------------------------------- the cache

/** The clients found, by brukerNr; with the index they came from and the ones not found. */
export class ExtractLocations extends Map<string, ClientLocation> {
  /** The clients asked for that are not in the file, or lie after `index.error`. */
  readonly missing: string[] = [];

  /** `index.error` says whether reading stopped early. */
  constructor(readonly index: ExtractIndex) {
    super();
  }
}

export interface LocateOptions {
  /** Cancels this lookup (rejects with a CancelledError, named `AbortError`); a shared read goes on for the others. */
  signal?: AbortSignal;
  /** Progress of the read, when one is needed (not called on a cache hit). */
  onProgress?: (progress: { bytesDone: number; bytesTotal: number }) => void;
}

export interface ExtractIndexCacheOptions {
  /** Indexes of at most this many files are kept; the least recently used goes first. Default 4. */
  maxFiles?: number;
  /** Builds an index; tests pass a spy. Default `indexExtract`. */
  indexer?: (path: string, options: ExtractIndexOptions) => Promise<ExtractIndex>;
}

type Progress = NonNullable<LocateOptions['onProgress']>;

interface Build {
  wanted: ReadonlySet<string>;
  promise: Promise<ExtractIndex>;
  controller: AbortController;
  /** Lookups waiting for this build; it is cancelled when the last one is. */
  waiters: number;
  listeners: Set<Progress>;
}

interface Entry {
  file: { size: number; mtimeMs: number };
  index?: ExtractIndex;
  /** The newest read under way; it looks for everything `index` did and more. */
  build?: Build;
}

/**
 * Extract indexes kept between lookups, one per file (by absolute path), so that opening
 * feedback rows one after another reads a 1 GiB extract once, not once per row.
 *
 * An index is reused while the file's size and mtime are unchanged (one `stat` per lookup).
 * It stores only the clients asked for; asking for a client it did not look for re-reads the
 * file once for the union of the old and the new clients (never just the new ones, so the
 * earlier rows stay located), and that index replaces the old one. So the file is read
 * once per new set of clients, and the index grows with the clients asked for until the
 * file changes. Lookups for the same file at the same time share one read; a read stops
 * when every lookup waiting for it has been cancelled.
 */
export class ExtractIndexCache {
  private readonly entries = new Map<string, Entry>();
  private readonly maxFiles: number;
  private readonly indexer: NonNullable<ExtractIndexCacheOptions['indexer']>;

  constructor(options: ExtractIndexCacheOptions = {}) {
    this.maxFiles = Math.max(1, options.maxFiles ?? 4);
    this.indexer = options.indexer ?? indexExtract;
  }

  /**
   * Where the given clients are in the extract at `path`. Rejects when the file is missing
   * (with a message that says what to do) or the lookup is cancelled; an extract that is not
   * well-formed XML still answers for the clients before the error.
   */
  async locate(path: string, brukerNrs: Iterable<string>, options: LocateOptions = {}): Promise<ExtractLocations> {
    const { signal } = options;
    throwIfAborted(signal, locateCancelled);
    const absolute = resolve(path);
    const ids = [...new Set([...brukerNrs].map((brukerNr) => brukerNr.trim()))];
    const file = await statExtract(absolute);
    throwIfAborted(signal, locateCancelled);

    // One entry per file however it is spelled (on Windows `C:\X.xml` and `c:/x.XML` are one file).
    const key = pathKey(absolute);
    let entry = this.entries.get(key);
    if (entry === undefined || entry.file.size !== file.size || entry.file.mtimeMs !== file.mtimeMs) {
      // A changed file: the old index is stale. A read under way finishes for its callers only.
      entry = { file };
    }
    // Re-inserting makes this the most recently used file.
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.evict();

    const cached = entry.index;
    if (cached !== undefined && ids.every((id) => cached.covers(id))) return answer(cached, ids);
    // A read whose callers all left is being cancelled: it cannot serve anyone.
    const running = entry.build?.controller.signal.aborted === false ? entry.build : undefined;
    const build =
      running !== undefined && ids.every((id) => running.wanted.has(id))
        ? running
        : this.startBuild(absolute, entry, running, ids);
    return answer(await this.wait(build, options), ids);
  }

  /** Forgets the index of one file (the next lookup reads it again). */
  invalidate(path: string): void {
    this.entries.delete(pathKey(path));
  }

  /** Forgets every index. */
  clear(): void {
    this.entries.clear();
  }

  private startBuild(path: string, entry: Entry, running: Build | undefined, ids: string[]): Build {
    const wanted = new Set<string>([...(entry.index?.wanted ?? []), ...(running?.wanted ?? []), ...ids]);
    const controller = new AbortController();
    const listeners = new Set<Progress>();
    const promise = this.indexer(path, {
      wanted,
      signal: controller.signal,
      onProgress: (progress) => {
        for (const listener of listeners) listener(progress);
      },
    });
    const build: Build = { wanted, promise, controller, waiters: 0, listeners };
    entry.build = build;
    promise.then(
      (index) => {
        if (entry.build === build) entry.build = undefined;
        const current =
          this.entries.get(pathKey(path)) === entry &&
          index.file.size === entry.file.size &&
          index.file.mtimeMs === entry.file.mtimeMs;
        // An older, narrower read that ends after a wider one does not replace it.
        const wider = entry.index === undefined || [...(entry.index.wanted ?? [])].every((id) => index.covers(id));
        if (current && wider) entry.index = index;
      },
      () => {
        if (entry.build === build) entry.build = undefined;
      },
    );
    return build;
  }

  /** Waits for a shared build; this caller's signal cancels only its own wait (and the build, if it was the last). */
  private wait(build: Build, options: LocateOptions): Promise<ExtractIndex> {
    const { signal, onProgress } = options;
    build.waiters++;
    if (onProgress !== undefined) build.listeners.add(onProgress);
    return new Promise<ExtractIndex>((resolvePromise, reject) => {
      let settled = false;
      const leave = (): void => {
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        if (onProgress !== undefined) build.listeners.delete(onProgress);
        build.waiters--;
      };
      const onAbort = (): void => {
        if (settled) return;
        leave();
        if (build.waiters === 0) build.controller.abort(signal?.reason);
        reject(locateCancelled(signal));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      build.promise.then(
        (index) => {
          if (settled) return;
          leave();
          resolvePromise(index);
        },
        (error: unknown) => {
          if (settled) return;
          leave();
          reject(isCancellation(error) ? locateCancelled(signal) : error);
        },
      );
    });
  }

  private evict(): void {
    for (const [path, entry] of this.entries) {
      if (this.entries.size <= this.maxFiles) return;
      // A file being read stays: its callers are waiting.
      if (entry.build === undefined) this.entries.delete(path);
    }
  }
}

function answer(index: ExtractIndex, ids: string[]): ExtractLocations {
  const locations = new ExtractLocations(index);
  for (const id of ids) {
    const location = index.get(id);
    if (location === undefined) locations.missing.push(id);
    else locations.set(id, location);
  }
  return locations;
}
