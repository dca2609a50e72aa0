import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { validateExtract } from '../../../src/core/validation';
import { writeExtract, type PlantedError } from '../../fixtures/extractGenerator';
import { CLI } from '../../helpers/cli';
import { basicAuth, HttpsClient } from '../../helpers/httpsClient';
import { parseSemicolonCsv } from '../../helpers/semicolonCsv';
import { tempDir } from '../../helpers/tempDir';
import type { DemoMunicipality } from '../../sandbox/demoData';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { registerFinding } from '../../sandbox/ssb/registerChecks';

// The whole routine against the sandbox, with the real CLI for the archive steps:
// generate → encrypt/split → create → upload parts → complete → feedback appears →
// download (verified) → decrypt with the feedback key → exactly the planted errors (the
// validation engine's findings) plus the rows only SSB makes (R01, R02) for the identities the
// sandbox's registers single out (test/sandbox/README.md).
describe('sandbox: full loop from extract to feedback', () => {
  let sandbox: Sandbox;
  let client: HttpsClient;

  before(async () => {
    sandbox = await startSandbox({ port: 0, maxPartSize: 1024 * 1024 });
    client = new HttpsClient(sandbox.info.caFile);
  });

  after(async () => {
    await client.close();
    await sandbox.stop();
  });

  interface Loop {
    municipality: DemoMunicipality;
    environment: 'test' | 'production';
    bydel: string;
    extract: Parameters<typeof writeExtract>[1];
    encryptionKey?: string;
  }

  async function runLoop(loop: Loop): Promise<{
    rows: string[][];
    header: string[];
    files: string[];
    folder: string;
    fileName: string;
    planted: PlantedError[];
    summary: Awaited<ReturnType<typeof writeExtract>>;
    extract: string;
  }> {
    const dir = await tempDir();
    const { municipality } = loop;
    const extract = join(dir, `IPLOS_${municipality.number}_2025.xml`);
    const summary = await writeExtract(extract, loop.extract);

    // Encrypt and split with the shipped CLI, the key from the environment.
    const encrypted = spawnSync(
      process.execPath,
      [CLI, 'encrypt', extract, '--out', join(dir, 'out'), '--part-size', '0.0625', '--json'],
      { encoding: 'utf8', env: { ...process.env, IPLOS_KEY: loop.encryptionKey ?? municipality.encryptionKey } },
    );
    assert.equal(encrypted.status, 0, encrypted.stderr);
    const manifest = JSON.parse(encrypted.stdout) as {
      archive: { name: string; size: number };
      parts: { name: string; size: number; sha256: string }[];
    };
    assert.ok(manifest.parts.length >= 2, 'the extract is sent in several parts');
    const whole = createHash('sha256');
    const partBytes = await Promise.all(manifest.parts.map((part) => readFile(join(dir, 'out', part.name))));
    for (const bytes of partBytes) whole.update(bytes);

    // Send through IPIS.
    const ipis = loop.environment === 'test' ? sandbox.info.ipisTestUrl : sandbox.info.ipisProductionUrl;
    const auth = { authorization: basicAuth(municipality.number, municipality.kostraPin) };
    const created = await client.call('POST', `${ipis}/api/v1/submissions`, {
      headers: auth,
      json: {
        municipality: municipality.number,
        bydel: loop.bydel,
        year: 2025,
        fileName: manifest.archive.name,
        partCount: manifest.parts.length,
        totalSize: manifest.archive.size,
        sha256: whole.digest('hex'),
      },
    });
    assert.equal(created.status, 201, created.text);
    const id = (created.json as { id: string }).id;
    for (const [index, part] of manifest.parts.entries()) {
      const uploaded = await client.call('PUT', `${ipis}/api/v1/submissions/${id}/parts/${index + 1}`, {
        headers: { ...auth, 'x-content-sha256': part.sha256, 'content-type': 'application/octet-stream' },
        body: partBytes[index] as Buffer,
      });
      assert.equal(uploaded.status, 201, uploaded.text);
      assert.equal((uploaded.json as { sha256: string }).sha256, part.sha256, 'the server acknowledges the part hash');
    }
    const completed = await client.call('POST', `${ipis}/api/v1/submissions/${id}/complete`, { headers: auth });
    assert.equal(completed.status, 200, completed.text);
    assert.match((completed.json as { receiptId: string }).receiptId, /^IPIS-\d{4}-\d{6}$/);

    // SSB publishes the feedback; find it the way a client would, through the portal.
    const published = await sandbox.waitForFeedback(municipality.number, { submissionId: id });
    const token = await client.signIn(sandbox.info.ssbUrl, municipality.username, municipality.password);
    const frassbPath = `/Home/Ekstern/iplos/${municipality.username}/frassb`;
    const folder = (
      (
        await client.call('GET', `${sandbox.info.ssbUrl}/api/v1/folders?path=${encodeURIComponent(frassbPath)}`, {
          bearer: token,
        })
      ).json as { items: { id: number }[] }
    ).items[0];
    const listing = (
      await client.call('GET', `${sandbox.info.ssbUrl}/api/v1/folders/${folder?.id}/files?newOnly=true`, {
        bearer: token,
      })
    ).json as { items: { id: string; name: string; uploadUsername: string }[] };
    const item = listing.items.find((candidate) => candidate.id === published.fileId);
    assert.ok(item, 'the feedback is listed as new in frassb');
    assert.equal(item.uploadUsername, 'frassb');
    const details = (await client.call('GET', `${sandbox.info.ssbUrl}/api/v1/files/${item.id}`, { bearer: token }))
      .json as { hash: string; size: number };
    const download = await client.call('GET', `${sandbox.info.ssbUrl}/api/v1/files/${item.id}/download`, {
      bearer: token,
    });
    assert.equal(download.bytes.length, details.size);
    assert.equal(createHash('sha1').update(download.bytes).digest('hex'), details.hash);
    await writeFile(join(dir, item.name), download.bytes);

    // Decrypt with the feedback key, again with the shipped CLI.
    const feedbackKey = municipality.feedbackKeys[loop.environment];
    const decrypted = spawnSync(
      process.execPath,
      [CLI, 'decrypt', join(dir, item.name), '--out', join(dir, 'feedback'), '--json'],
      { encoding: 'utf8', env: { ...process.env, IPLOS_KEY: feedbackKey } },
    );
    assert.equal(decrypted.status, 0, decrypted.stderr);
    const files = (JSON.parse(decrypted.stdout) as { files: { name: string }[] }).files.map((file) => file.name).sort();
    const errorList = await readFile(join(dir, 'feedback', 'feilliste.csv'));
    const [header, ...rows] = parseSemicolonCsv(new TextDecoder('windows-1252').decode(errorList));
    return {
      rows,
      header: header as string[],
      files,
      folder: join(dir, 'feedback'),
      fileName: item.name,
      planted: summary.planted,
      summary,
      extract,
    };
  }

  const key = (row: { brukerNr: string; code: string; variable: string; value: string }): string =>
    `${row.brukerNr}|${row.code}|${row.variable}|${row.value}`;

  const reportedKeys = (rows: string[][]): string[] =>
    rows
      .map((row) =>
        key({
          brukerNr: row[2] as string,
          code: row[6] as string,
          variable: row[4] as string,
          value: row[5] as string,
        }),
      )
      .sort();

  /**
   * What SSB's error list should hold, worked out here without the sandbox's processing: the
   * engine's findings for the extract, plus R01/R02 for every client whose identity (typeID 1
   * or 2, a fid the engine did not fault) the sandbox's register rule singles out.
   */
  async function expectedRows(extract: string, municipality: string): Promise<{ local: string[]; ssbOnly: string[] }> {
    const report = await validateExtract(extract, { municipality, year: 2025, maxPerRule: Number.MAX_SAFE_INTEGER });
    const faulted = new Set(
      report.findings.filter((f) => f.ruleId === 'I03' || f.ruleId === 'I04').map((f) => f.brukerNr),
    );
    const ssbOnly: string[] = [];
    for (const match of (await readFile(extract, 'utf8')).matchAll(/<Bruker ([^>]*)>/g)) {
      const attributes = new Map([...(match[1] as string).matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
      const client = {
        brukerNr: attributes.get('brukerNr') ?? '',
        fid: attributes.get('fid') ?? '',
        typeID: attributes.get('typeID') ?? '',
        line: 0,
      };
      if (faulted.has(client.brukerNr)) continue;
      const finding = registerFinding(client, municipality);
      if (finding) ssbOnly.push(key({ ...finding, code: finding.ruleId }));
    }
    return { local: report.findings.map(key), ssbOnly };
  }

  it("test environment: the error list holds exactly the engine's findings (the planted errors) plus SSB's own R01/R02 rows; tables and encodings as SSB writes them", async () => {
    const hamar = sandbox.info.municipalities[0] as DemoMunicipality;
    const result = await runLoop({
      municipality: hamar,
      environment: 'test',
      bydel: '00',
      extract: { municipality: '0403', year: 2025, clients: 2500, errors: 18, seed: 4 },
    });
    assert.equal(result.fileName, '040300_iplos_2025_test.zip');
    assert.deepEqual(result.files, [
      'feilliste.csv',
      'kontrolltabell_alder_kjønn.csv',
      'kontrolltabell_måned.csv',
      'kontrolltabell_tjenester.csv',
      'les_meg.txt',
    ]);
    assert.deepEqual(result.header, [
      'Kommunenr',
      'Bydel',
      'Brukernr',
      'Tjenestetype',
      'Variabel',
      'Verdi',
      'Feilkode',
      'Alvorlighet',
      'Melding',
    ]);
    assert.equal(result.planted.length, 18);
    const expected = await expectedRows(result.extract, '0403');
    assert.deepEqual(expected.local.sort(), result.planted.map(key).sort(), 'the engine finds the planted errors');
    const ssbCodes = expected.ssbOnly.map((row) => row.split('|')[1]);
    assert.ok(ssbCodes.includes('R01') && ssbCodes.includes('R02'), `seed 4 has both: ${expected.ssbOnly.join(', ')}`);
    assert.deepEqual(reportedKeys(result.rows), [...expected.local, ...expected.ssbOnly].sort());
    assert.ok(result.rows.every((row) => row[0] === '0403' && row[1] === '00'));
    assert.deepEqual([...new Set(result.rows.map((row) => row[7]))].sort(), ['Advarsel', 'Feil', 'Informasjon']);
    const r01 = result.rows.find((row) => row[6] === 'R01');
    assert.deepEqual(r01?.slice(4, 9), [
      'fid',
      '',
      'R01',
      'Feil',
      'Brukerens identitet finnes ikke i Folkeregisteret.',
    ]);
    assert.ok(
      result.rows
        .filter((row) => row[6] === 'R02')
        .every((row) => row[4] === 'kommuneNr' && /^(0301|5001)$/.test(row[5] ?? '')),
      'R02 names another municipality',
    );
    // In file order: rows by the client's position (brukerNr grows through the file).
    const numbers = result.rows.map((row) => Number(row[2])).filter((n) => n > 0);
    assert.deepEqual(
      numbers,
      [...numbers].sort((a, b) => a - b),
    );

    // Encodings: Windows-1252 for the error list (ø is one byte 0xF8), UTF-8 with BOM for the age table.
    const errorBytes = await readFile(join(result.folder, 'feilliste.csv'));
    assert.ok(errorBytes.includes(0xf8), 'ø as Windows-1252');
    assert.ok(!errorBytes.includes(Buffer.from('ø', 'utf8')), 'not UTF-8');
    const ageTable = await readFile(join(result.folder, 'kontrolltabell_alder_kjønn.csv'));
    assert.deepEqual([...ageTable.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const serviceTable = new TextDecoder('windows-1252').decode(
      await readFile(join(result.folder, 'kontrolltabell_tjenester.csv')),
    );
    const total = parseSemicolonCsv(serviceTable).find((row) => row[0] === 'Totalt');
    assert.equal(total?.[1], new Intl.NumberFormat('nb-NO').format(result.summary.clients).replace(/\s/g, ' '));
    assert.equal(total?.[2], new Intl.NumberFormat('nb-NO').format(result.summary.services).replace(/\s/g, ' '));
    assert.match(serviceTable, /;\d+,\d\r\n/, 'averages with a decimal comma');
  });

  it('production, Oslo bydel 05: a wrong municipality number in the file gives K01 alone (a fatal gate: no other rows, no tables), with the production feedback key', async () => {
    const oslo = sandbox.info.municipalities[1] as DemoMunicipality;
    const result = await runLoop({
      municipality: oslo,
      environment: 'production',
      bydel: '05',
      extract: { municipality: '0301', year: 2025, clients: 1500, errors: 6, wrongMunicipality: '0302', seed: 9 },
    });
    assert.equal(result.fileName, '030105_iplos_2025.zip');
    assert.equal(result.planted.length, 7, 'K01 and six client errors in the file');
    assert.deepEqual(reportedKeys(result.rows), result.summary.expected.map(key));
    assert.deepEqual(
      result.rows.map((row) => [row[6], row[7], row[5]]),
      [['K01', 'Kritisk feil', '0302']],
    );
    assert.deepEqual(result.files, ['feilliste.csv', 'les_meg.txt']);
  });

  it('a malformed extract gets one X01 row and no control tables; a wrong encryption key gets Z01', async () => {
    const trondheim = sandbox.info.municipalities[2] as DemoMunicipality;
    const malformed = await runLoop({
      municipality: trondheim,
      environment: 'test',
      bydel: '00',
      extract: { municipality: '5001', year: 2025, clients: 1500, malformed: true, seed: 2 },
    });
    assert.deepEqual(
      malformed.rows.map((row) => row[6]),
      ['X01'],
    );
    assert.match(
      malformed.rows[0]?.[8] as string,
      /ikke velformet XML på \d+:\d+ .+: .+/,
      'the message says where the XML breaks',
    );
    assert.deepEqual(malformed.files, ['feilliste.csv', 'les_meg.txt']);

    const wrongKey = await runLoop({
      municipality: trondheim,
      environment: 'test',
      bydel: '00',
      extract: { municipality: '5001', year: 2025, clients: 1500, seed: 3 },
      encryptionKey: 'ikke-kommunens-nøkkel',
    });
    assert.deepEqual(
      wrongKey.rows.map((row) => row[6]),
      ['Z01'],
    );
    assert.match(wrongKey.rows[0]?.[8] as string, /Wrong key/);
  });
});
