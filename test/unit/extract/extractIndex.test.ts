import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { appendFile, readFile, utimes, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, it } from 'node:test';
import {
  type ClientLocation,
  type ExtractIndex,
  ExtractIndexCache,
  type ExtractIndexOptions,
  indexExtract,
  INDEX_CHUNK_BYTES,
} from '../../../src/core/extract/extractIndex';
import { CancelledError } from '../../../src/core/abort';
import { ExtractFileError } from '../../../src/core/extract/extractFileError';
import { writeExtract } from '../../fixtures/extractGenerator';
import { SeededRandom } from '../../fixtures/random';
import { tempDir } from '../../helpers/tempDir';

const MUNICIPALITY = '0403';
const YEAR = 2025;
const MiB = 1 << 20;

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

async function writeText(text: string, name = 'uttrekk.xml'): Promise<string> {
  const path = join(await tempDir(), name);
  await writeFile(path, text);
  return path;
}

async function generated(options: {
  clients?: number;
  targetBytes?: number;
  seed: number;
  malformed?: boolean;
}): Promise<{ path: string; clients: number; services: number; bytes: number }> {
  const path = join(await tempDir(), 'uttrekk.xml');
  const summary = await writeExtract(path, { municipality: MUNICIPALITY, year: YEAR, ...options });
  return { path, ...summary };
}

/** The given lines of a file (one-based), read as a stream so a large file is never held whole. */
async function readLines(path: string, wanted: Set<number>): Promise<Map<number, string>> {
  const found = new Map<number, string>();
  let number = 0;
  for await (const line of createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })) {
    number++;
    if (wanted.has(number)) found.set(number, line);
  }
  return found;
}

/** The text of `line` from one-based `column`, counted in Unicode characters (as an editor does). */
function fromColumn(line: string, column: number): string {
  return [...line].slice(column - 1).join('');
}

/**
 * The oracle for positions: every `<Name` start tag in `text` (any prefix), found on the lines
 * without a parser. Columns in Unicode characters; a byte-order mark is not a column.
 */
function startTags(text: string, name: string): { line: number; column: number }[] {
  const starts: { line: number; column: number }[] = [];
  const pattern = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${name}(?![\\w.:-])`, 'g');
  text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .forEach((line, index) => {
      for (const match of line.matchAll(pattern))
        starts.push({ line: index + 1, column: [...line.slice(0, match.index)].length + 1 });
    });
  return starts;
}

/** Every client of the index with its position, in file order. */
function clientStarts(index: ExtractIndex): { line: number; column: number }[] {
  return [...index.keys()].map((brukerNr) => (index.get(brukerNr) as ClientLocation).bruker);
}

/** Checks every located client and service against the file's text at that line and column. */
async function assertAtTheirTags(path: string, locations: ClientLocation[]): Promise<void> {
  const lineNumbers = new Set(
    locations.flatMap((location) => [location.bruker.line, ...location.services.map((service) => service.line)]),
  );
  const lines = await readLines(path, lineNumbers);
  for (const location of locations) {
    const at = fromColumn(lines.get(location.bruker.line) ?? '', location.bruker.column);
    assert.ok(
      at.startsWith('<Bruker '),
      `client ${location.brukerNr}: "${at.slice(0, 40)}" at ${location.bruker.line}:${location.bruker.column}`,
    );
    assert.ok(
      at.includes(`brukerNr="${location.brukerNr}"`),
      `client ${location.brukerNr} at ${location.bruker.line}:${location.bruker.column}: "${at.slice(0, 40)}"`,
    );
    for (const service of location.services) {
      const text = fromColumn(lines.get(service.line) ?? '', service.column);
      assert.ok(
        text.startsWith(`<Tjeneste tjenesteType="${service.serviceType}"`),
        `client ${location.brukerNr}, service at ${service.line}:${service.column}: "${text.slice(0, 40)}"`,
      );
    }
  }
}

/** The services of each client as the generator wrote them: the `<Tjeneste` lines up to `</Bruker>`. */
async function servicesInFile(path: string): Promise<Map<string, string[]>> {
  const services = new Map<string, string[]>();
  let current: string[] | undefined;
  for await (const line of createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })) {
    const client = /<Bruker brukerNr="([^"]+)"/.exec(line);
    if (client) services.set(client[1] as string, (current = []));
    const service = /<Tjeneste tjenesteType="([^"]*)"/.exec(line);
    if (service && current) current.push(service[1] as string);
    if (line.includes('</Bruker>')) current = undefined;
  }
  return services;
}

describe('indexExtract: generated extracts', () => {
  it('locates every wanted client at the < of its Bruker tag, with its services and their types', async () => {
    const file = await generated({ clients: 600, seed: 21 });
    const inFile = await servicesInFile(file.path);
    const wanted = new Set([...inFile.keys()].filter((_, i) => i % 7 === 3));
    const index = await indexExtract(file.path, { wanted });

    assert.equal(index.error, undefined);
    assert.equal(index.clients, file.clients, 'every Bruker is counted');
    assert.equal(index.size, wanted.size, 'only the wanted ones are stored');
    assert.equal(index.bytes, file.bytes);
    assert.equal(index.file.size, file.bytes);
    assert.ok(index.file.mtimeMs > 0);
    const locations = [...wanted].map((brukerNr) => index.get(brukerNr));
    assert.ok(
      locations.every((location) => location !== undefined),
      'every wanted client is found',
    );
    await assertAtTheirTags(file.path, locations as ClientLocation[]);
    for (const location of locations as ClientLocation[]) {
      assert.deepEqual(
        location.services.map((service) => service.serviceType),
        inFile.get(location.brukerNr),
        `the services of client ${location.brukerNr}, in file order`,
      );
    }
  });

  it('stores only the wanted clients, and says which ones it looked for', async () => {
    const file = await generated({ clients: 200, seed: 22 });
    const index = await indexExtract(file.path, { wanted: new Set(['100005', '100150', 'finnes-ikke']) });
    assert.deepEqual([...index.keys()], ['100005', '100150']);
    assert.equal(index.get('100006'), undefined, 'not wanted, not stored');
    assert.equal(index.get('finnes-ikke'), undefined);
    assert.equal(index.covers('finnes-ikke'), true, 'looked for, and not in the file');
    assert.equal(index.covers('100006'), false, 'never looked for');
    assert.deepEqual([...(index.wanted ?? [])].sort(), ['100005', '100150', 'finnes-ikke']);
    assert.equal(index.get(' 100005 ')?.brukerNr, '100005', 'a lookup ignores surrounding spaces');
  });

  it('stores every client, in file order, when no clients are named', async () => {
    // Enough clients for the table to grow its arrays and rehash a few times.
    const file = await generated({ clients: 5000, seed: 23 });
    const text = await readFile(file.path, 'utf8');
    const index = await indexExtract(file.path);
    assert.equal(index.wanted, undefined);
    assert.equal(index.size, file.clients);
    assert.equal(index.clients, file.clients);
    assert.equal(index.covers('anything'), true);
    assert.deepEqual(clientStarts(index), startTags(text, 'Bruker'));
    const services = [...index.keys()].flatMap((brukerNr) => index.get(brukerNr)?.services ?? []);
    assert.equal(services.length, file.services);
    assert.deepEqual(
      services.map(({ line, column }) => ({ line, column })),
      startTags(text, 'Tjeneste'),
    );
  });

  it('locates every wanted client in a 50 MiB extract', async () => {
    const file = await generated({ targetBytes: 50 * MiB, seed: 24 });
    const random = new SeededRandom(24);
    const wanted = new Set<string>();
    while (wanted.size < 2000) wanted.add(String(100001 + random.int(0, file.clients - 1)));
    const index = await indexExtract(file.path, { wanted });
    assert.equal(index.error, undefined);
    assert.equal(index.clients, file.clients);
    assert.equal(index.size, wanted.size);
    const locations = [...wanted].map((brukerNr) => index.get(brukerNr));
    assert.ok(
      locations.every((location) => location !== undefined),
      'every wanted client is found',
    );
    await assertAtTheirTags(file.path, locations as ClientLocation[]);
  });
});

describe('indexExtract: positions', () => {
  it('ignores namespace prefixes on elements and attributes', async () => {
    const text =
      DECLARATION +
      '<ipl:Melding xmlns:ipl="urn:example:ipl" meldingstype="B">\n' +
      '  <ipl:Kommune kommuneNr="0403">\n' +
      '    <ipl:Bruker brukerNr="1"><ipl:Tjeneste tjenesteType="3"/><ipl:Tjeneste ipl:tjenesteType="4"/></ipl:Bruker>\n' +
      '    <x:Bruker xmlns:x="urn:example:x" x:brukerNr="2">\n      <x:Tjeneste tjenesteType=" 11 "/>\n    </x:Bruker>\n' +
      '  </ipl:Kommune>\n' +
      '</ipl:Melding>\n';
    const index = await indexExtract(await writeText(text));
    assert.equal(index.error, undefined);
    assert.deepEqual(index.get('1'), {
      brukerNr: '1',
      bruker: { line: 4, column: 5 },
      services: [
        { line: 4, column: 30, serviceType: '3' },
        { line: 4, column: 62, serviceType: '4' },
      ],
    });
    assert.deepEqual(index.get('2'), {
      brukerNr: '2',
      bruker: { line: 5, column: 5 },
      services: [{ line: 6, column: 7, serviceType: '11' }],
    });
    assert.deepEqual(clientStarts(index), startTags(text, 'Bruker'));
  });

  it('counts columns in characters: æøå and an emoji before the tag do not shift them', async () => {
    const text =
      DECLARATION +
      '<Melding merknad="Blåbærsyltetøy fra Ålesund">\n' +
      '  <Kommune kommuneNr="0403" navn="Hamar – Østre">\n' +
      '    <Merknad tekst="æøå ÆØÅ 😀 €"/><Bruker brukerNr="7" navn="Ærlig Øyvind"><Tjeneste tjenesteType="2"/></Bruker>\n' +
      '    <Bruker brukerNr="8"/>\n' +
      '  </Kommune>\n' +
      '</Melding>\n';
    const path = await writeText(text);
    const index = await indexExtract(path);
    const seven = index.get('7');
    assert.deepEqual(seven?.bruker, { line: 4, column: 35 });
    assert.deepEqual(seven?.services, [{ line: 4, column: 76, serviceType: '2' }]);
    await assertAtTheirTags(path, [seven as ClientLocation]);
    assert.deepEqual(clientStarts(index), startTags(text, 'Bruker'));
    assert.deepEqual(index.get('8')?.services, [], 'a self-closing Bruker has no services');
  });

  it('finds the < of a tag whose name is followed by a line break (LF, CRLF and CR)', async () => {
    for (const newline of ['\n', '\r\n', '\r']) {
      const text =
        `<?xml version="1.0"?>${newline}<Melding>${newline}` +
        `  <Kommune kommuneNr="0403">${newline}` +
        `    <Merknad tekst="æøå"/> <Bruker${newline}        brukerNr="1">${newline}` +
        `      <Tjeneste${newline}tjenesteType="5"/><Tjeneste${newline}tjenesteType="6"/>${newline}` +
        `    </Bruker>${newline}  </Kommune>${newline}</Melding>${newline}`;
      const index = await indexExtract(await writeText(text));
      const label = JSON.stringify(newline);
      assert.equal(index.error, undefined, label);
      assert.deepEqual(
        index.get('1'),
        {
          brukerNr: '1',
          bruker: { line: 4, column: 28 },
          services: [
            { line: 6, column: 7, serviceType: '5' },
            { line: 7, column: 19, serviceType: '6' },
          ],
        },
        label,
      );
    }
  });

  it('does not count a byte order mark as a column', async () => {
    const index = await indexExtract(await writeText('\uFEFF<Melding><Bruker brukerNr="1"/></Melding>\n'));
    assert.deepEqual(index.get('1')?.bruker, { line: 1, column: 10 });
  });

  // Reads are INDEX_CHUNK_BYTES long, so 1 MiB is a chunk boundary (ASCII padding: bytes =
  // characters). A tag that straddles it, on a line that started chunks before, is found exactly.
  it('reads in chunks that divide 1 MiB (the boundary the next tests use)', () => {
    assert.equal(MiB % INDEX_CHUNK_BYTES, 0);
  });
  const boundaryCases: [string, string, string][] = [
    ['< before the boundary, name and line break after it', '<', 'Bruker\n'],
    ['name before the boundary, line break after it', '<Bruker', '\n'],
    ['CR before the boundary, LF after it', '<Bruker\r', '\n'],
  ];
  for (const [label, before, after] of boundaryCases) {
    it(`finds a tag across the chunk boundary: ${label}`, async () => {
      const start = `${DECLARATION}<Melding>\n<Kommune kommuneNr="0403" merknad="æøå">`;
      const prefix = `${start}${'x'.repeat(MiB - Buffer.byteLength(start) - before.length)}${before}`;
      assert.equal(Buffer.byteLength(prefix), MiB, 'the first chunk ends right after `before`');
      const text = `${prefix}${after} brukerNr="1"/>\n</Kommune>\n</Melding>\n`;
      const index = await indexExtract(await writeText(text));
      assert.equal(index.error, undefined);
      assert.equal(index.get('1')?.bruker.line, 3);
      assert.deepEqual(clientStarts(index), startTags(text, 'Bruker'));
    });
  }

  it('finds a tag followed by a line break on a line that began two chunks back', async () => {
    // Line 3 runs over 2.5 MiB of multi-byte characters: the chunks in the middle hold no line break.
    const text = `${DECLARATION}<Melding>\n<Kommune kommuneNr="0403" merknad="${'æøå '.repeat(400_000)}"><Bruker\n brukerNr="1"/></Kommune>\n</Melding>\n`;
    assert.ok(Buffer.byteLength(text) > 2.5 * MiB);
    const index = await indexExtract(await writeText(text));
    assert.equal(index.error, undefined);
    assert.deepEqual(index.get('1')?.bruker, { line: 3, column: 35 + 1_600_000 + 2 + 1 });
    assert.deepEqual(clientStarts(index), startTags(text, 'Bruker'));
  });
});

describe('indexExtract: odd files', () => {
  it('keeps the first of two clients with the same brukerNr and counts the other', async () => {
    const text = `${DECLARATION}<Melding>\n<Bruker brukerNr="1"><Tjeneste tjenesteType="1"/></Bruker>\n<Bruker brukerNr="1"><Tjeneste tjenesteType="2"/></Bruker>\n<Bruker/>\n</Melding>\n`;
    const index = await indexExtract(await writeText(text));
    assert.equal(index.size, 1);
    assert.equal(index.clients, 3, 'a Bruker without brukerNr is counted, not stored');
    assert.equal(index.duplicates, 1);
    assert.deepEqual(index.get('1'), {
      brukerNr: '1',
      bruker: { line: 3, column: 1 },
      services: [{ line: 3, column: 22, serviceType: '1' }],
    });
  });

  it('gives a service without a type as an empty type, and ignores services outside a Bruker', async () => {
    const text = `${DECLARATION}<Melding>\n<Tjeneste tjenesteType="9"/><Bruker brukerNr="1"><Vurdering><Tjeneste/></Vurdering></Bruker><Tjeneste tjenesteType="9"/>\n</Melding>\n`;
    const index = await indexExtract(await writeText(text));
    assert.deepEqual(
      index.get('1')?.services,
      [{ line: 3, column: 61, serviceType: '' }],
      'a Tjeneste deeper inside the Bruker is its service',
    );
  });

  it('indexes a malformed extract up to the XML error and reports where it is', async () => {
    const file = await generated({ clients: 100, seed: 25, malformed: true });
    const inFile = await servicesInFile(file.path);
    const index = await indexExtract(file.path);
    assert.ok(index.error, 'the XML error is reported');
    assert.equal(index.error.column, 35, 'the stray < in `    <Avbrutt uttak="ufullstendig" <`');
    const errorLine = (await readLines(file.path, new Set([index.error.line]))).get(index.error.line);
    assert.match(errorLine ?? '', /<Avbrutt/);
    assert.match(
      index.error.message,
      new RegExp(`${index.error.line}:35.*not well-formed|not well-formed.*${index.error.line}:35`),
    );
    assert.ok(index.size > 0 && index.size < 100, `indexed up to the error: ${index.size}`);
    assert.equal(index.clients, index.size);
    const located = [...index.keys()].map((brukerNr) => index.get(brukerNr) as ClientLocation);
    await assertAtTheirTags(file.path, located);
    assert.ok(
      located.every((location) => location.bruker.line < (index.error?.line ?? 0)),
      'only clients before the error',
    );
    const after = [...inFile.keys()].filter((brukerNr) => index.get(brukerNr) === undefined);
    assert.equal(after.length, 100 - index.size, 'the clients after the error are missing');
  });

  it('reports a truncated extract at its end, with the clients before it', async () => {
    const text = `${DECLARATION}<Melding>\n<Bruker brukerNr="1"/>\n<Bruker brukerNr="2"><Tjeneste tjenesteType="1"/>`;
    const index = await indexExtract(await writeText(text));
    assert.equal(index.error?.line, 4);
    assert.deepEqual([...index.keys()], ['1', '2']);
  });

  it('reports an empty file as an error in the index', async () => {
    const index = await indexExtract(await writeText(''));
    assert.equal(index.size, 0);
    assert.match(index.error?.message ?? '', /empty/);
  });

  it('rejects a missing file and a folder with a message that says what to do', async () => {
    const dir = await tempDir();
    await assert.rejects(indexExtract(join(dir, 'finnes-ikke.xml')), (error: NodeJS.ErrnoException) => {
      assert.ok(error instanceof ExtractFileError);
      assert.equal(error.code, 'ENOENT');
      assert.match(error.message, /does not exist.*Check the path/);
      return true;
    });
    await assert.rejects(indexExtract(dir), (error: unknown) => {
      assert.ok(error instanceof ExtractFileError);
      assert.equal(error.code, 'EISDIR');
      assert.match(error.message, /is a folder/);
      return true;
    });
  });
});

describe('indexExtract: reading', () => {
  it('reports progress once per MiB read, ending at bytesTotal', async () => {
    const file = await generated({ clients: 6000, seed: 26 });
    assert.ok(file.bytes > 3 * MiB, 'several MiB');
    const reports: { bytesDone: number; bytesTotal: number }[] = [];
    await indexExtract(file.path, { wanted: new Set(['100001']), onProgress: (progress) => reports.push(progress) });
    assert.equal(reports.length, Math.floor(file.bytes / MiB) + 1, 'one per MiB, and the final one');
    assert.equal(reports[0]?.bytesDone, MiB);
    assert.ok(
      reports.every(
        (report, i) => report.bytesTotal === file.bytes && report.bytesDone >= (reports[i - 1]?.bytesDone ?? 0),
      ),
    );
    assert.deepEqual(reports.at(-1), { bytesDone: file.bytes, bytesTotal: file.bytes });
  });

  it('is cancelled by the signal while reading', async () => {
    const file = await generated({ clients: 6000, seed: 27 });
    const controller = new AbortController();
    let reports = 0;
    const options: ExtractIndexOptions = {
      signal: controller.signal,
      onProgress: () => {
        reports++;
        controller.abort();
      },
    };
    await assert.rejects(indexExtract(file.path, options), { name: 'AbortError', message: /cancelled/ });
    await assert.rejects(indexExtract(file.path, { signal: AbortSignal.abort() }), CancelledError);
    assert.equal(reports, 1, 'no chunk is read after the abort');
  });

  it('is cancelled by a signal that fires between reads, and does not start when already aborted', async () => {
    const file = await generated({ clients: 6000, seed: 27 });
    const controller = new AbortController();
    await assert.rejects(
      indexExtract(file.path, { signal: controller.signal, onProgress: () => setImmediate(() => controller.abort()) }),
      { name: 'AbortError' },
    );
    await assert.rejects(indexExtract(join(await tempDir(), 'finnes-ikke.xml'), { signal: AbortSignal.abort() }), {
      name: 'AbortError',
    });
  });
});

describe('ExtractIndexCache', () => {
  /** A cache whose builds are counted, with the wanted set of each. */
  function spiedCache(): { cache: ExtractIndexCache; builds: (ReadonlySet<string> | undefined)[] } {
    const builds: (ReadonlySet<string> | undefined)[] = [];
    const cache = new ExtractIndexCache({
      indexer: (path, options) => {
        builds.push(options.wanted);
        return indexExtract(path, options);
      },
    });
    return { cache, builds };
  }

  it('reads a file once for the same clients and answers from the same index', async () => {
    const file = await generated({ clients: 300, seed: 31 });
    const { cache, builds } = spiedCache();
    const first = await cache.locate(file.path, ['100002', '100200', 'finnes-ikke']);
    const second = await cache.locate(file.path, new Set(['100200']));
    assert.equal(builds.length, 1, 'one read');
    assert.equal(second.index, first.index, 'the same index object');
    assert.deepEqual([...first.keys()], ['100002', '100200']);
    assert.deepEqual(first.missing, ['finnes-ikke']);
    assert.deepEqual(first.get('100200'), first.index.get('100200'));
    await assertAtTheirTags(file.path, [...first.values()]);
    assert.deepEqual([...second.keys()], ['100200']);
  });

  it('shares one read between lookups at the same time', async () => {
    const file = await generated({ clients: 3000, seed: 32 });
    const { cache, builds } = spiedCache();
    const [a, b] = await Promise.all([
      cache.locate(file.path, ['100010', '100020']),
      cache.locate(file.path, ['100020']),
    ]);
    assert.equal(builds.length, 1);
    assert.equal(a.index, b.index);
    assert.equal(b.get('100020')?.brukerNr, '100020');
  });

  it('re-reads for the union when asked for clients it did not look for', async () => {
    const file = await generated({ clients: 300, seed: 33 });
    const { cache, builds } = spiedCache();
    const first = await cache.locate(file.path, ['100001', '100002']);
    const second = await cache.locate(file.path, ['100003']);
    assert.equal(builds.length, 2);
    assert.deepEqual([...(builds[1] ?? [])].sort(), ['100001', '100002', '100003'], 'old and new clients together');
    assert.notEqual(second.index, first.index);
    const third = await cache.locate(file.path, ['100001', '100003']);
    assert.equal(builds.length, 2, 'the union index answers for the earlier clients too');
    assert.equal(third.index, second.index);
    assert.deepEqual([...third.keys()], ['100001', '100003']);
  });

  it('reads the file again when its size or its modification time changed', async () => {
    const file = await generated({ clients: 200, seed: 34 });
    const { cache, builds } = spiedCache();
    const first = await cache.locate(file.path, ['100001']);

    await appendFile(file.path, '\n');
    const second = await cache.locate(file.path, ['100001']);
    assert.equal(builds.length, 2, 'size changed');
    assert.notEqual(second.index, first.index);
    assert.equal(second.index.file.size, file.bytes + 1);

    const later = new Date(second.index.file.mtimeMs + 5000);
    await utimes(file.path, later, later);
    const third = await cache.locate(file.path, ['100001']);
    assert.equal(builds.length, 3, 'only the mtime changed');
    assert.notEqual(third.index, second.index);

    await cache.locate(file.path, ['100001']);
    assert.equal(builds.length, 3, 'unchanged since: cached');
    cache.invalidate(file.path);
    await cache.locate(file.path, ['100001']);
    assert.equal(builds.length, 4, 'invalidated');
  });

  it('keys files by absolute path, and keeps at most maxFiles of them', async () => {
    const a = await generated({ clients: 50, seed: 35 });
    const b = await generated({ clients: 50, seed: 36 });
    const builds: string[] = [];
    const cache = new ExtractIndexCache({
      maxFiles: 1,
      indexer: (path, options) => (builds.push(path), indexExtract(path, options)),
    });
    await cache.locate(a.path, ['100001']);
    await cache.locate(relative(process.cwd(), a.path), ['100001']);
    assert.equal(builds.length, 1, 'the same file by another path');
    await cache.locate(b.path, ['100001']);
    await cache.locate(a.path, ['100001']);
    assert.deepEqual(builds, [a.path, b.path, a.path], 'a was evicted for b');
  });

  it('cancels one lookup without cancelling a read another lookup waits for, and stops a read nobody waits for', async () => {
    const file = await generated({ clients: 6000, seed: 37 });
    const signals: AbortSignal[] = [];
    const cache = new ExtractIndexCache({
      indexer: (path, options) => {
        if (options.signal) signals.push(options.signal);
        return indexExtract(path, options);
      },
    });
    const leaving = new AbortController();
    const left = cache.locate(file.path, ['100010'], { signal: leaving.signal, onProgress: () => leaving.abort() });
    const staying = cache.locate(file.path, ['100010']);
    await assert.rejects(left, { name: 'AbortError' });
    const located = await staying;
    assert.equal(located.get('100010')?.brukerNr, '100010');
    assert.equal(signals.length, 1);
    assert.equal(signals[0]?.aborted, false);

    const other = await generated({ clients: 6000, seed: 38 });
    const alone = new AbortController();
    await assert.rejects(
      cache.locate(other.path, ['100010'], { signal: alone.signal, onProgress: () => alone.abort() }),
      { name: 'AbortError', message: /cancelled/ },
    );
    assert.equal(signals[1]?.aborted, true, 'the read stopped');
    const again = await cache.locate(other.path, ['100010']);
    assert.equal(again.get('100010')?.brukerNr, '100010', 'a later lookup reads again');
    assert.equal(signals.length, 3);
  });

  it('answers from a malformed extract and rejects a missing file', async () => {
    const file = await generated({ clients: 100, seed: 39, malformed: true });
    const cache = new ExtractIndexCache();
    const located = await cache.locate(file.path, ['100001', '100099']);
    assert.ok(located.index.error);
    assert.deepEqual([...located.keys()], ['100001']);
    assert.deepEqual(located.missing, ['100099']);
    await assert.rejects(cache.locate(join(await tempDir(), 'borte.xml'), ['1']), /does not exist/);
  });
});
