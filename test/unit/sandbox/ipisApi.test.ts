/**
 * The sandbox's IPIS send module over real HTTPS (trusting only the sandbox CA), checked
 * against test/sandbox/README.md, "IPIS send module (assumed protocol)".
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { request } from 'undici';
import { basicAuth, HttpsClient, type HttpsResponse } from '../../helpers/httpsClient';
import type { DemoMunicipality } from '../../sandbox/demoData';
import { startSandbox, type Sandbox } from '../../sandbox/server';

const MAX_PART_SIZE = 256 * 1024;
const YEAR = new Date().getFullYear() - 1;
const STATUS_MODEL_KEYS = [
  'id',
  'environment',
  'municipality',
  'bydel',
  'year',
  'fileName',
  'partCount',
  'totalSize',
  'sha256',
  'status',
  'createdAt',
  'parts',
  'missingParts',
];
const RECEIPT_KEYS = [
  'receiptId',
  'submissionId',
  'environment',
  'municipality',
  'bydel',
  'year',
  'fileName',
  'completedAt',
  'totalSize',
  'sha256',
  'parts',
];

type Json = Record<string, unknown>;
/** The parts of a response these tests read (also built by hand for a raw undici request). */
type Answer = Pick<HttpsResponse, 'status' | 'headers' | 'text' | 'json'>;
type Environment = 'test' | 'production';

interface Archive {
  whole: Buffer;
  sha256: string;
  parts: { index: number; bytes: Buffer; sha256: string }[];
}

interface Harness {
  sandbox: Sandbox;
  client: HttpsClient;
  base: Record<Environment, string>;
  hamar: DemoMunicipality;
  oslo: DemoMunicipality;
  trondheim: DemoMunicipality;
}

const sha256 = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex');

/** Random bytes in three parts of different sizes (the last one shorter). */
function makeArchive(sizes: number[] = [40_000, 40_000, 17_345]): Archive {
  const whole = randomBytes(sizes.reduce((sum, size) => sum + size, 0));
  let offset = 0;
  const parts = sizes.map((size, i) => {
    const bytes = whole.subarray(offset, offset + size);
    offset += size;
    return { index: i + 1, bytes, sha256: sha256(bytes) };
  });
  return { whole, sha256: sha256(whole), parts };
}

function auth(municipality: DemoMunicipality): string {
  return basicAuth(municipality.number, municipality.kostraPin);
}

function body(response: Answer): Json {
  assert.equal(typeof response.json, 'object', `a JSON object body, got: ${response.text}`);
  assert.notEqual(response.json, null);
  return response.json as Json;
}

function assertIsoTime(value: unknown, what: string): void {
  assert.equal(typeof value, 'string', `${what} is a string`);
  assert.match(value as string, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/, `${what} is an ISO time`);
  assert.ok(!Number.isNaN(Date.parse(value as string)), `${what} parses as a time`);
}

/** README: every error is `{error, message}` plus the fields named for that error. */
function assertError(response: Answer, status: number, error?: string, extraKeys: string[] = []): Json {
  assert.equal(response.status, status, `status ${status}, got ${response.status}: ${response.text}`);
  assert.match(String(response.headers['content-type']), /^application\/json/);
  const json = body(response);
  assert.deepEqual(
    Object.keys(json).sort(),
    ['error', 'message', ...extraKeys].sort(),
    `error body keys: ${response.text}`,
  );
  assert.equal(typeof json.error, 'string');
  assert.ok((json.error as string).length > 0);
  if (error !== undefined) assert.equal(json.error, error);
  assert.equal(typeof json.message, 'string');
  assert.ok((json.message as string).length > 0, 'the error has a message');
  return json;
}

function createFields(municipality: DemoMunicipality, archive: Archive, overrides: Json = {}): Json {
  return {
    municipality: municipality.number,
    year: YEAR,
    fileName: `IPLOS_${municipality.number}_${YEAR}.zip`,
    partCount: archive.parts.length,
    totalSize: archive.whole.length,
    sha256: archive.sha256,
    ...overrides,
  };
}

async function startHarness(): Promise<Harness> {
  const sandbox = await startSandbox({ port: 0, maxPartSize: MAX_PART_SIZE });
  const find = (number: string): DemoMunicipality => {
    const found = sandbox.info.municipalities.find((candidate) => candidate.number === number);
    assert.ok(found, `demo municipality ${number}`);
    return found;
  };
  return {
    sandbox,
    client: new HttpsClient(sandbox.info.caFile),
    base: { test: sandbox.info.ipisTestUrl, production: sandbox.info.ipisProductionUrl },
    hamar: find('0403'),
    oslo: find('0301'),
    trondheim: find('5001'),
  };
}

async function stopHarness(harness: Harness | undefined): Promise<void> {
  if (!harness) return;
  await harness.client.close();
  await harness.sandbox.stop();
}

function create(
  h: Harness,
  environment: Environment,
  municipality: DemoMunicipality,
  fields: unknown,
): Promise<HttpsResponse> {
  return h.client.call('POST', `${h.base[environment]}/api/v1/submissions`, {
    headers: { authorization: auth(municipality) },
    json: fields,
  });
}

/** Creates a submission and returns its status model (asserting the 201). */
async function createSubmission(
  h: Harness,
  environment: Environment,
  municipality: DemoMunicipality,
  archive: Archive,
  overrides: Json = {},
): Promise<Json> {
  const response = await create(h, environment, municipality, createFields(municipality, archive, overrides));
  assert.equal(response.status, 201, response.text);
  return body(response);
}

function putPart(
  h: Harness,
  environment: Environment,
  municipality: DemoMunicipality,
  id: string,
  index: number | string,
  bytes: Buffer,
  declaredSha256?: string,
): Promise<HttpsResponse> {
  const headers: Record<string, string> = {
    authorization: auth(municipality),
    'content-type': 'application/octet-stream',
  };
  if (declaredSha256 !== undefined) headers['x-content-sha256'] = declaredSha256;
  return h.client.call('PUT', `${h.base[environment]}/api/v1/submissions/${id}/parts/${index}`, {
    headers,
    body: bytes,
  });
}

function getStatus(
  h: Harness,
  environment: Environment,
  municipality: DemoMunicipality,
  id: string,
): Promise<HttpsResponse> {
  return h.client.call('GET', `${h.base[environment]}/api/v1/submissions/${id}`, {
    headers: { authorization: auth(municipality) },
  });
}

function complete(
  h: Harness,
  environment: Environment,
  municipality: DemoMunicipality,
  id: string,
): Promise<HttpsResponse> {
  return h.client.call('POST', `${h.base[environment]}/api/v1/submissions/${id}/complete`, {
    headers: { authorization: auth(municipality) },
  });
}

/** The status model with exactly the README's fields; `received` lists the parts received so far. */
function assertStatusModel(
  model: Json,
  expected: {
    environment: Environment;
    municipality: string;
    bydel: string;
    year: number;
    fileName: string;
    archive: Archive;
    status: 'open' | 'complete';
    received: number[];
  },
): void {
  const keys = expected.status === 'complete' ? [...STATUS_MODEL_KEYS, 'receipt'] : STATUS_MODEL_KEYS;
  assert.deepEqual(Object.keys(model).sort(), [...keys].sort(), 'status model fields');
  assert.equal(typeof model.id, 'string');
  assert.ok((model.id as string).length > 0);
  assert.equal(model.environment, expected.environment);
  assert.equal(model.municipality, expected.municipality);
  assert.equal(model.bydel, expected.bydel);
  assert.equal(model.year, expected.year);
  assert.equal(model.fileName, expected.fileName);
  assert.equal(model.partCount, expected.archive.parts.length);
  assert.equal(model.totalSize, expected.archive.whole.length);
  assert.equal(model.sha256, expected.archive.sha256);
  assert.equal(model.status, expected.status);
  assertIsoTime(model.createdAt, 'createdAt');
  const parts = model.parts as Json[];
  assert.ok(Array.isArray(parts));
  assert.equal(parts.length, expected.archive.parts.length);
  parts.forEach((part, i) => {
    const index = i + 1;
    assert.equal(part.index, index, 'parts are listed in order, from 1');
    if (expected.received.includes(index)) {
      const sent = expected.archive.parts[i] as Archive['parts'][number];
      assert.deepEqual(Object.keys(part).sort(), ['index', 'received', 'receivedAt', 'sha256', 'size']);
      assert.equal(part.received, true);
      assert.equal(part.size, sent.bytes.length);
      assert.equal(part.sha256, sent.sha256);
      assertIsoTime(part.receivedAt, `part ${index} receivedAt`);
    } else {
      assert.deepEqual(part, { index, received: false });
    }
  });
  const missing = expected.archive.parts
    .map((part) => part.index)
    .filter((index) => !expected.received.includes(index));
  assert.deepEqual(model.missingParts, missing);
}

function assertReceipt(
  receipt: Json,
  expected: {
    submissionId: string;
    environment: Environment;
    municipality: string;
    bydel: string;
    year: number;
    fileName: string;
    archive: Archive;
  },
): void {
  assert.deepEqual(Object.keys(receipt).sort(), [...RECEIPT_KEYS].sort(), 'receipt fields');
  assert.match(receipt.receiptId as string, /^IPIS-\d{4}-\d{6}$/);
  assert.equal(receipt.submissionId, expected.submissionId);
  assert.equal(receipt.environment, expected.environment);
  assert.equal(receipt.municipality, expected.municipality);
  assert.equal(receipt.bydel, expected.bydel);
  assert.equal(receipt.year, expected.year);
  assert.equal(receipt.fileName, expected.fileName);
  assertIsoTime(receipt.completedAt, 'completedAt');
  assert.equal(receipt.totalSize, expected.archive.whole.length);
  assert.equal(receipt.sha256, expected.archive.sha256);
  assert.deepEqual(
    receipt.parts,
    expected.archive.parts.map((part) => ({ index: part.index, size: part.bytes.length, sha256: part.sha256 })),
  );
}

describe('IPIS sandbox: status and authentication', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => stopHarness(h));

  for (const environment of ['test', 'production'] as const) {
    it(`GET /api/v1/status answers without auth in ${environment}`, async () => {
      const response = await h.client.call('GET', `${h.base[environment]}/api/v1/status`);
      assert.equal(response.status, 200, response.text);
      assert.match(String(response.headers['content-type']), /^application\/json/);
      const json = body(response);
      assert.deepEqual(Object.keys(json).sort(), ['environment', 'service', 'time', 'version']);
      assert.equal(json.environment, environment);
      assert.equal(typeof json.service, 'string');
      assert.ok((json.service as string).length > 0);
      assert.ok(typeof json.version === 'string' || typeof json.version === 'number', 'version is present');
      assertIsoTime(json.time, 'time');
    });
  }

  it('the two bases are …/SendemodulTEST (test) and …/Sendemodul (production)', () => {
    assert.match(h.base.test, /^https:\/\/[^/]+\/SendemodulTEST$/);
    assert.match(h.base.production, /^https:\/\/[^/]+\/Sendemodul$/);
  });

  it('a wrong KOSTRA PIN gets 401 unauthorized with WWW-Authenticate: Basic realm="IPIS"', async () => {
    const archive = makeArchive();
    for (const environment of ['test', 'production'] as const) {
      const response = await h.client.call('POST', `${h.base[environment]}/api/v1/submissions`, {
        headers: { authorization: basicAuth(h.hamar.number, '00000') },
        json: createFields(h.hamar, archive),
      });
      assertError(response, 401, 'unauthorized');
      assert.equal(response.headers['www-authenticate'], 'Basic realm="IPIS"');
    }
  });

  it("another municipality's PIN or an unknown municipality number gets 401", async () => {
    const archive = makeArchive();
    for (const authorization of [
      basicAuth(h.hamar.number, h.trondheim.kostraPin),
      basicAuth('9999', h.hamar.kostraPin),
    ]) {
      const response = await h.client.call('POST', `${h.base.test}/api/v1/submissions`, {
        headers: { authorization },
        json: createFields(h.hamar, archive),
      });
      assertError(response, 401, 'unauthorized');
      assert.equal(response.headers['www-authenticate'], 'Basic realm="IPIS"');
    }
  });

  it('no Authorization header gets 401 on every authenticated endpoint', async () => {
    const archive = makeArchive();
    const id = randomUUID();
    const calls: [string, string, Parameters<HttpsClient['call']>[2]][] = [
      ['POST', `${h.base.test}/api/v1/submissions`, { json: createFields(h.hamar, archive) }],
      ['GET', `${h.base.test}/api/v1/submissions/${id}`, {}],
      [
        'PUT',
        `${h.base.test}/api/v1/submissions/${id}/parts/1`,
        {
          headers: { 'x-content-sha256': archive.parts[0]?.sha256 ?? '' },
          body: archive.parts[0]?.bytes ?? Buffer.alloc(0),
        },
      ],
      ['POST', `${h.base.test}/api/v1/submissions/${id}/complete`, {}],
    ];
    for (const [method, url, options] of calls) {
      const response = await h.client.call(method, url, options);
      assertError(response, 401, 'unauthorized');
      assert.equal(response.headers['www-authenticate'], 'Basic realm="IPIS"', `${method} ${url}`);
    }
  });

  it('a municipality in the body other than the authenticated one gets 403 forbidden', async () => {
    const archive = makeArchive();
    for (const environment of ['test', 'production'] as const) {
      const response = await create(h, environment, h.trondheim, createFields(h.hamar, archive));
      assertError(response, 403, 'forbidden');
    }
    assert.equal(h.sandbox.submissions.submissions.size, 0, 'nothing was created');
  });
});

describe('IPIS sandbox: creating a submission', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => stopHarness(h));

  it('201 with a Location header and the status model (open, no parts received)', async () => {
    const archive = makeArchive();
    const fields = createFields(h.hamar, archive);
    const response = await create(h, 'test', h.hamar, fields);
    assert.equal(response.status, 201, response.text);
    assert.match(String(response.headers['content-type']), /^application\/json/);
    const model = body(response);
    assertStatusModel(model, {
      environment: 'test',
      municipality: '0403',
      bydel: '00',
      year: YEAR,
      fileName: `IPLOS_0403_${YEAR}.zip`,
      archive,
      status: 'open',
      received: [],
    });
    assert.deepEqual(model.missingParts, [1, 2, 3]);

    const location = response.headers.location;
    assert.equal(typeof location, 'string', 'a Location header');
    const resolved = new URL(location as string, `${h.base.test}/api/v1/submissions`).href;
    assert.equal(resolved, `${h.base.test}/api/v1/submissions/${model.id as string}`);
    const again = await h.client.call('GET', resolved, { headers: { authorization: auth(h.hamar) } });
    assert.equal(again.status, 200, again.text);
    assert.deepEqual(again.json, model, 'the Location answers with the same status model');
  });

  it('bydel "00" may be given explicitly for a municipality without districts', async () => {
    const archive = makeArchive();
    const model = await createSubmission(h, 'test', h.trondheim, archive, { bydel: '00' });
    assertStatusModel(model, {
      environment: 'test',
      municipality: '5001',
      bydel: '00',
      year: YEAR,
      fileName: `IPLOS_5001_${YEAR}.zip`,
      archive,
      status: 'open',
      received: [],
    });
  });

  it('Oslo with one of its districts (bydel "03") is accepted', async () => {
    const archive = makeArchive();
    const model = await createSubmission(h, 'test', h.oslo, archive, { bydel: '03' });
    assertStatusModel(model, {
      environment: 'test',
      municipality: '0301',
      bydel: '03',
      year: YEAR,
      fileName: `IPLOS_0301_${YEAR}.zip`,
      archive,
      status: 'open',
      received: [],
    });
  });

  it('in production the model says environment "production"', async () => {
    const archive = makeArchive();
    const model = await createSubmission(h, 'production', h.hamar, archive);
    assertStatusModel(model, {
      environment: 'production',
      municipality: '0403',
      bydel: '00',
      year: YEAR,
      fileName: `IPLOS_0403_${YEAR}.zip`,
      archive,
      status: 'open',
      received: [],
    });
  });

  it('a malformed body gets 400 invalid_request', async () => {
    const url = `${h.base.test}/api/v1/submissions`;
    const headers = { authorization: auth(h.hamar), 'content-type': 'application/json' };
    for (const text of ['{"municipality": "0403", ', 'not json', '', '"a string"', '42', 'null', '[]']) {
      const response = await h.client.call('POST', url, { headers, body: text });
      assertError(response, 400, 'invalid_request');
    }
  });

  const archive = makeArchive();
  const invalid: [string, Json][] = [
    ['municipality with three digits', { municipality: '403' }],
    ['municipality with five digits', { municipality: '04030' }],
    ['municipality as a number', { municipality: 403 }],
    ['municipality missing', { municipality: undefined }],
    ['a bydel Hamar does not have', { bydel: '01' }],
    ['a bydel that is not two digits', { bydel: '0' }],
    ['year far in the past', { year: 1999 }],
    ['year far in the future', { year: new Date().getFullYear() + 5 }],
    ['year as a string', { year: String(YEAR) }],
    ['partCount 0', { partCount: 0 }],
    ['partCount not an integer', { partCount: 1.5 }],
    ['totalSize 0', { totalSize: 0 }],
    ['totalSize negative', { totalSize: -1 }],
    ['sha256 not hex', { sha256: 'z'.repeat(64) }],
    ['sha256 too short', { sha256: archive.sha256.slice(0, 63) }],
    ['fileName missing', { fileName: undefined }],
  ];
  for (const [what, overrides] of invalid) {
    it(`${what} gets 400 invalid_request`, async () => {
      const count = h.sandbox.submissions.submissions.size;
      const response = await create(h, 'test', h.hamar, createFields(h.hamar, archive, overrides));
      assertError(response, 400, 'invalid_request');
      assert.equal(h.sandbox.submissions.submissions.size, count, 'nothing was created');
    });
  }

  it('Oslo with a district it does not have (bydel "16") gets 400 invalid_request', async () => {
    const response = await create(h, 'test', h.oslo, createFields(h.oslo, archive, { bydel: '16' }));
    assertError(response, 400, 'invalid_request');
  });

  it('a create with a used clientReference is idempotent: 200 with the same submission', async () => {
    const reference = `ref-${randomUUID()}`;
    const first = await create(h, 'test', h.hamar, createFields(h.hamar, archive, { clientReference: reference }));
    assert.equal(first.status, 201, first.text);
    const created = body(first);
    const second = await create(h, 'test', h.hamar, createFields(h.hamar, archive, { clientReference: reference }));
    assert.equal(second.status, 200, second.text);
    const existing = body(second);
    assert.equal(existing.id, created.id);
    assert.deepEqual(existing, created, 'the same status model');
    assertStatusModel(existing, {
      environment: 'test',
      municipality: '0403',
      bydel: '00',
      year: YEAR,
      fileName: `IPLOS_0403_${YEAR}.zip`,
      archive,
      status: 'open',
      received: [],
    });
  });

  it('the same clientReference in the other environment, or by another municipality, is a new submission', async () => {
    const reference = `ref-${randomUUID()}`;
    const inTest = body(
      await create(h, 'test', h.hamar, createFields(h.hamar, archive, { clientReference: reference })),
    );

    const first = await create(
      h,
      'production',
      h.hamar,
      createFields(h.hamar, archive, { clientReference: reference }),
    );
    assert.equal(first.status, 201, first.text);
    const inProduction = body(first);
    assert.notEqual(inProduction.id, inTest.id);
    assert.equal(inProduction.environment, 'production');
    const repeated = await create(
      h,
      'production',
      h.hamar,
      createFields(h.hamar, archive, { clientReference: reference }),
    );
    assert.equal(repeated.status, 200, repeated.text);
    assert.equal(body(repeated).id, inProduction.id);

    const other = await create(
      h,
      'test',
      h.trondheim,
      createFields(h.trondheim, archive, { clientReference: reference }),
    );
    assert.equal(other.status, 201, other.text);
    assert.notEqual(body(other).id, inTest.id);
    assert.equal(body(other).municipality, '5001');
  });
});

describe('IPIS sandbox: uploading parts', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => stopHarness(h));

  it('a new part gets 201 {index, size, sha256, receivedAt}; the same bytes again 200 with the same body', async () => {
    const archive = makeArchive();
    const id = (await createSubmission(h, 'test', h.hamar, archive)).id as string;
    const part = archive.parts[1] as Archive['parts'][number];
    const first = await putPart(h, 'test', h.hamar, id, 2, part.bytes, part.sha256);
    assert.equal(first.status, 201, first.text);
    const json = body(first);
    assert.deepEqual(Object.keys(json).sort(), ['index', 'receivedAt', 'sha256', 'size']);
    assert.equal(json.index, 2);
    assert.equal(json.size, part.bytes.length);
    assert.equal(json.sha256, part.sha256);
    assertIsoTime(json.receivedAt, 'receivedAt');

    const again = await putPart(h, 'test', h.hamar, id, 2, part.bytes, part.sha256);
    assert.equal(again.status, 200, again.text);
    assert.deepEqual(again.json, json, 'the same body as the first time');
  });

  it('other bytes for a received part get 409 part_conflict, and the first bytes stay', async () => {
    const archive = makeArchive();
    const id = (await createSubmission(h, 'test', h.hamar, archive)).id as string;
    const part = archive.parts[0] as Archive['parts'][number];
    assert.equal((await putPart(h, 'test', h.hamar, id, 1, part.bytes, part.sha256)).status, 201);
    const other = randomBytes(part.bytes.length);
    assertError(await putPart(h, 'test', h.hamar, id, 1, other, sha256(other)), 409, 'part_conflict');
    const status = body(await getStatus(h, 'test', h.hamar, id));
    assertStatusModel(status, {
      environment: 'test',
      municipality: '0403',
      bydel: '00',
      year: YEAR,
      fileName: `IPLOS_0403_${YEAR}.zip`,
      archive,
      status: 'open',
      received: [1],
    });
  });

  it('bytes that do not match X-Content-SHA256 get 422 hash_mismatch {expected, actual}, and nothing is stored', async () => {
    const archive = makeArchive();
    const id = (await createSubmission(h, 'test', h.hamar, archive)).id as string;
    const part = archive.parts[0] as Archive['parts'][number];
    const declared = (archive.parts[1] as Archive['parts'][number]).sha256;
    const json = assertError(await putPart(h, 'test', h.hamar, id, 1, part.bytes, declared), 422, 'hash_mismatch', [
      'expected',
      'actual',
    ]);
    assert.equal(json.expected, declared);
    assert.equal(json.actual, part.sha256);
    const status = body(await getStatus(h, 'test', h.hamar, id));
    assert.deepEqual(status.missingParts, [1, 2, 3]);
    // The part is not poisoned: the right bytes are accepted as new afterwards.
    assert.equal((await putPart(h, 'test', h.hamar, id, 1, part.bytes, part.sha256)).status, 201);
  });

  it('a missing or malformed X-Content-SHA256 header gets 400', async () => {
    const archive = makeArchive();
    const id = (await createSubmission(h, 'test', h.hamar, archive)).id as string;
    const part = archive.parts[0] as Archive['parts'][number];
    assertError(await putPart(h, 'test', h.hamar, id, 1, part.bytes), 400);
    assertError(await putPart(h, 'test', h.hamar, id, 1, part.bytes, 'not-a-hash'), 400);
    assertError(await putPart(h, 'test', h.hamar, id, 1, part.bytes, part.sha256.slice(1)), 400);
    assert.deepEqual(body(await getStatus(h, 'test', h.hamar, id)).missingParts, [1, 2, 3]);
  });

  it('a bad part index (0, n+1, not a number) gets 400', async () => {
    const archive = makeArchive();
    const id = (await createSubmission(h, 'test', h.hamar, archive)).id as string;
    const part = archive.parts[0] as Archive['parts'][number];
    for (const index of [0, archive.parts.length + 1, 'x', '1.5', -1]) {
      assertError(await putPart(h, 'test', h.hamar, id, index, part.bytes, part.sha256), 400);
    }
    assert.deepEqual(body(await getStatus(h, 'test', h.hamar, id)).missingParts, [1, 2, 3]);
  });

  it('a part larger than the limit gets 413 part_too_large (with Content-Length)', async () => {
    const big = randomBytes(MAX_PART_SIZE + 1024);
    const archive: Archive = {
      whole: big,
      sha256: sha256(big),
      parts: [{ index: 1, bytes: big, sha256: sha256(big) }],
    };
    const id = (await createSubmission(h, 'test', h.hamar, archive)).id as string;
    assertError(await putPart(h, 'test', h.hamar, id, 1, big, sha256(big)), 413, 'part_too_large');
    assert.deepEqual(body(await getStatus(h, 'test', h.hamar, id)).missingParts, [1]);
  });

  it('a part larger than the limit gets 413 part_too_large (chunked, no Content-Length)', async () => {
    const big = randomBytes(MAX_PART_SIZE + 64 * 1024);
    const archive: Archive = {
      whole: big,
      sha256: sha256(big),
      parts: [{ index: 1, bytes: big, sha256: sha256(big) }],
    };
    const id = (await createSubmission(h, 'test', h.hamar, archive)).id as string;
    const chunks = Array.from({ length: big.length / (16 * 1024) }, (_, i) =>
      big.subarray(i * 16 * 1024, (i + 1) * 16 * 1024),
    );
    const response = await request(`${h.base.test}/api/v1/submissions/${id}/parts/1`, {
      dispatcher: h.client.dispatcher,
      method: 'PUT',
      headers: {
        authorization: auth(h.hamar),
        'content-type': 'application/octet-stream',
        'x-content-sha256': sha256(big),
      },
      body: Readable.from(chunks),
    });
    const text = await response.body.text();
    assertError(
      { status: response.statusCode, headers: response.headers, text, json: JSON.parse(text) },
      413,
      'part_too_large',
    );
    assert.deepEqual(body(await getStatus(h, 'test', h.hamar, id)).missingParts, [1]);
  });

  it('a part of exactly the limit is accepted', async () => {
    const exact = randomBytes(MAX_PART_SIZE);
    const archive: Archive = {
      whole: exact,
      sha256: sha256(exact),
      parts: [{ index: 1, bytes: exact, sha256: sha256(exact) }],
    };
    const id = (await createSubmission(h, 'test', h.hamar, archive)).id as string;
    const response = await putPart(h, 'test', h.hamar, id, 1, exact, sha256(exact));
    assert.equal(response.status, 201, response.text);
    assert.equal(body(response).size, MAX_PART_SIZE);
  });

  it('the status model lists the received parts and the missing ones (to resume)', async () => {
    const archive = makeArchive();
    const id = (await createSubmission(h, 'test', h.hamar, archive)).id as string;
    for (const index of [3, 1]) {
      const part = archive.parts[index - 1] as Archive['parts'][number];
      assert.equal((await putPart(h, 'test', h.hamar, id, index, part.bytes, part.sha256)).status, 201);
    }
    const response = await getStatus(h, 'test', h.hamar, id);
    assert.equal(response.status, 200, response.text);
    const status = body(response);
    assertStatusModel(status, {
      environment: 'test',
      municipality: '0403',
      bydel: '00',
      year: YEAR,
      fileName: `IPLOS_0403_${YEAR}.zip`,
      archive,
      status: 'open',
      received: [1, 3],
    });
    assert.deepEqual(status.missingParts, [2]);
  });
});

describe('IPIS sandbox: completing a submission', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => stopHarness(h));

  async function upload(
    environment: Environment,
    municipality: DemoMunicipality,
    id: string,
    archive: Archive,
    indexes = archive.parts.map((part) => part.index),
  ): Promise<void> {
    for (const index of indexes) {
      const part = archive.parts[index - 1] as Archive['parts'][number];
      const response = await putPart(h, environment, municipality, id, index, part.bytes, part.sha256);
      assert.equal(response.status, 201, response.text);
    }
  }

  it('with parts missing: 409 parts_missing {missingParts}', async () => {
    const archive = makeArchive();
    const id = (await createSubmission(h, 'test', h.hamar, archive)).id as string;
    const none = assertError(await complete(h, 'test', h.hamar, id), 409, 'parts_missing', ['missingParts']);
    assert.deepEqual(none.missingParts, [1, 2, 3]);
    await upload('test', h.hamar, id, archive, [2]);
    const some = assertError(await complete(h, 'test', h.hamar, id), 409, 'parts_missing', ['missingParts']);
    assert.deepEqual(some.missingParts, [1, 3]);
    assert.equal(body(await getStatus(h, 'test', h.hamar, id)).status, 'open');
  });

  it('with all parts: 200 receipt; again: the identical receipt; status "complete" with the receipt; no more parts (409 submission_complete)', async () => {
    const archive = makeArchive();
    const id = (await createSubmission(h, 'test', h.hamar, archive)).id as string;
    await upload('test', h.hamar, id, archive);

    const response = await complete(h, 'test', h.hamar, id);
    assert.equal(response.status, 200, response.text);
    const receipt = body(response);
    assertReceipt(receipt, {
      submissionId: id,
      environment: 'test',
      municipality: '0403',
      bydel: '00',
      year: YEAR,
      fileName: `IPLOS_0403_${YEAR}.zip`,
      archive,
    });

    const again = await complete(h, 'test', h.hamar, id);
    assert.equal(again.status, 200, again.text);
    assert.deepEqual(again.json, receipt, 'completing again returns the same receipt');

    const status = body(await getStatus(h, 'test', h.hamar, id));
    assertStatusModel(status, {
      environment: 'test',
      municipality: '0403',
      bydel: '00',
      year: YEAR,
      fileName: `IPLOS_0403_${YEAR}.zip`,
      archive,
      status: 'complete',
      received: [1, 2, 3],
    });
    assert.deepEqual(status.receipt, receipt);

    const part = archive.parts[0] as Archive['parts'][number];
    assertError(await putPart(h, 'test', h.hamar, id, 1, part.bytes, part.sha256), 409, 'submission_complete');
    const other = randomBytes(10);
    assertError(await putPart(h, 'test', h.hamar, id, 2, other, sha256(other)), 409, 'submission_complete');
  });

  it("receipts have distinct ids; Oslo's receipt carries its bydel; production works the same", async () => {
    const oslo = makeArchive([1000, 2000]);
    const osloId = (await createSubmission(h, 'test', h.oslo, oslo, { bydel: '07' })).id as string;
    await upload('test', h.oslo, osloId, oslo);
    const osloReceipt = body(await complete(h, 'test', h.oslo, osloId));
    assertReceipt(osloReceipt, {
      submissionId: osloId,
      environment: 'test',
      municipality: '0301',
      bydel: '07',
      year: YEAR,
      fileName: `IPLOS_0301_${YEAR}.zip`,
      archive: oslo,
    });

    const production = makeArchive([5000]);
    const productionId = (await createSubmission(h, 'production', h.trondheim, production)).id as string;
    await upload('production', h.trondheim, productionId, production);
    const productionResponse = await complete(h, 'production', h.trondheim, productionId);
    assert.equal(productionResponse.status, 200, productionResponse.text);
    const productionReceipt = body(productionResponse);
    assertReceipt(productionReceipt, {
      submissionId: productionId,
      environment: 'production',
      municipality: '5001',
      bydel: '00',
      year: YEAR,
      fileName: `IPLOS_5001_${YEAR}.zip`,
      archive: production,
    });
    assert.notEqual(productionReceipt.receiptId, osloReceipt.receiptId);
  });

  it('parts that do not add up to the declared sha256 get 422 archive_mismatch, and the submission stays open', async () => {
    const archive = makeArchive();
    const wrong = sha256('not the archive');
    const id = (await createSubmission(h, 'test', h.hamar, archive, { sha256: wrong })).id as string;
    await upload('test', h.hamar, id, archive); // every part hashes correctly on its own
    assertError(await complete(h, 'test', h.hamar, id), 422, 'archive_mismatch');
    const status = body(await getStatus(h, 'test', h.hamar, id));
    assert.equal(status.status, 'open');
    assert.equal(status.sha256, wrong);
    assert.deepEqual(status.missingParts, []);
    assert.equal(status.receipt, undefined);
  });

  it('parts that do not add up to the declared totalSize get 422 archive_mismatch', async () => {
    const archive = makeArchive();
    const id = (await createSubmission(h, 'test', h.hamar, archive, { totalSize: archive.whole.length + 1 }))
      .id as string;
    await upload('test', h.hamar, id, archive);
    assertError(await complete(h, 'test', h.hamar, id), 422, 'archive_mismatch');
    assert.equal(body(await getStatus(h, 'test', h.hamar, id)).status, 'open');
  });
});

describe('IPIS sandbox: submissions that are not yours', () => {
  let h: Harness;
  let archive: Archive;
  let hamarTestId: string;
  before(async () => {
    h = await startHarness();
    archive = makeArchive();
    hamarTestId = (await createSubmission(h, 'test', h.hamar, archive)).id as string;
  });
  after(() => stopHarness(h));

  function everyCall(environment: Environment, municipality: DemoMunicipality, id: string): Promise<HttpsResponse>[] {
    const part = archive.parts[0] as Archive['parts'][number];
    return [
      getStatus(h, environment, municipality, id),
      putPart(h, environment, municipality, id, 1, part.bytes, part.sha256),
      complete(h, environment, municipality, id),
    ];
  }

  it('an unknown submission id gets 404 not_found', async () => {
    for (const response of await Promise.all(everyCall('test', h.hamar, randomUUID())))
      assertError(response, 404, 'not_found');
    for (const response of await Promise.all(everyCall('test', h.hamar, 'no-such-id')))
      assertError(response, 404, 'not_found');
  });

  it("another municipality's submission gets 404 not_found (Trondheim reading Hamar's)", async () => {
    for (const response of await Promise.all(everyCall('test', h.trondheim, hamarTestId)))
      assertError(response, 404, 'not_found');
    // Nothing changed for Hamar.
    const status = body(await getStatus(h, 'test', h.hamar, hamarTestId));
    assertStatusModel(status, {
      environment: 'test',
      municipality: '0403',
      bydel: '00',
      year: YEAR,
      fileName: `IPLOS_0403_${YEAR}.zip`,
      archive,
      status: 'open',
      received: [],
    });
  });

  it('a test-environment submission read through the production base gets 404 not_found', async () => {
    for (const response of await Promise.all(everyCall('production', h.hamar, hamarTestId)))
      assertError(response, 404, 'not_found');
    assert.deepEqual(body(await getStatus(h, 'test', h.hamar, hamarTestId)).missingParts, [1, 2, 3]);
  });

  it('a production submission read through the test base gets 404 not_found', async () => {
    const productionId = (await createSubmission(h, 'production', h.hamar, archive)).id as string;
    for (const response of await Promise.all(everyCall('test', h.hamar, productionId)))
      assertError(response, 404, 'not_found');
    assert.equal((await getStatus(h, 'production', h.hamar, productionId)).status, 200);
  });
});

describe('IPIS: districts, reference conflicts and error shapes', () => {
  let sandbox: Sandbox;
  let client: HttpsClient;
  let ipis: string;

  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    client = new HttpsClient(sandbox.info.caFile);
    ipis = sandbox.info.ipisTestUrl;
  });

  after(async () => {
    await client.close();
    await sandbox.stop();
  });

  const body = (overrides: Record<string, unknown> = {}) => ({
    municipality: '0301',
    bydel: '04',
    year: 2025,
    fileName: 'IPLOS_0301_2025.zip',
    partCount: 2,
    totalSize: 1000,
    sha256: 'a'.repeat(64),
    ...overrides,
  });

  it('a municipality with districts (Oslo) must name its bydel', async () => {
    const oslo = sandbox.info.municipalities[1] as { number: string; kostraPin: string };
    const { bydel: _omitted, ...withoutBydel } = body();
    const response = await client.call('POST', `${ipis}/api/v1/submissions`, {
      headers: { authorization: basicAuth(oslo.number, oslo.kostraPin) },
      json: withoutBydel,
    });
    assert.equal(response.status, 400);
    assert.equal((response.json as { error: string }).error, 'invalid_request');
    assert.match((response.json as { message: string }).message, /per district/);
  });

  it('reusing a clientReference for other archive details is a 409 reference_conflict', async () => {
    const oslo = sandbox.info.municipalities[1] as { number: string; kostraPin: string };
    const headers = { authorization: basicAuth(oslo.number, oslo.kostraPin) };
    const first = await client.call('POST', `${ipis}/api/v1/submissions`, {
      headers,
      json: body({ clientReference: 'ref-1' }),
    });
    assert.equal(first.status, 201);
    const changed = await client.call('POST', `${ipis}/api/v1/submissions`, {
      headers,
      json: body({ clientReference: 'ref-1', sha256: 'b'.repeat(64) }),
    });
    assert.equal(changed.status, 409);
    assert.equal((changed.json as { error: string }).error, 'reference_conflict');
  });

  it('unknown paths and wrong methods under IPIS answer {error, message} too', async () => {
    const unknown = await client.call('GET', `${ipis}/api/v1/finnes-ikke`);
    assert.equal(unknown.status, 404);
    assert.equal((unknown.json as { error: string }).error, 'not_found');
    assert.equal(typeof (unknown.json as { message: string }).message, 'string');
    const method = await client.call('DELETE', `${ipis}/api/v1/status`);
    assert.equal(method.status, 405);
    assert.equal((method.json as { error: string }).error, 'method_not_allowed');
    assert.equal(method.headers.allow, 'GET');
  });
});
