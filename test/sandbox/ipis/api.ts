/**
 * The IPIS send module as this project assumes it (test/sandbox/README.md, "IPIS send
 * module (assumed protocol)"): HTTP Basic with kommunenummer + KOSTRA PIN; create a submission, upload its
 * parts one by one (idempotent, SHA-256 checked), read its status to resume, complete it
 * for a receipt. Mounted at /SendemodulTEST (test) and /Sendemodul (production).
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { DemoMunicipality } from '../demoData';
import type { Faults } from '../faults';
import { readJson, sendJson, type RequestContext, type Router } from '../http/router';
import { statusModel, type Environment, type Receipt, type Submission, type SubmissionStore } from './submissions';

export interface IpisDependencies {
  store: SubmissionStore;
  faults: Faults;
  municipalities: readonly DemoMunicipality[];
  /** Largest accepted part in bytes (413 above it). */
  maxPartSize: () => number;
  /** Called once per completed submission (SSB's processing starts here). */
  onComplete: (submission: Submission, receipt: Receipt) => void;
}

export const IPIS_BASES: Record<Environment, string> = { test: '/SendemodulTEST', production: '/Sendemodul' };
const SHA256 = /^[0-9a-f]{64}$/i;

export function registerIpisApi(router: Router, deps: IpisDependencies): void {
  for (const [environment, base] of Object.entries(IPIS_BASES) as [Environment, string][]) {
    router.add('GET', `${base}/api/v1/status`, ({ res }) =>
      sendJson(res, 200, {
        service: 'IPIS sendemodul (sandbox)',
        environment,
        version: '1',
        time: new Date().toISOString(),
      }),
    );

    router.add('POST', `${base}/api/v1/submissions`, async (ctx) => {
      const municipality = authenticate(ctx, deps);
      if (!municipality) return;
      const body = await readJson(ctx.req).catch(() => Symbol('malformed'));
      const problem = validateCreate(body, municipality);
      if (problem) return fail(ctx.res, problem.status, problem.error, problem.message);
      const fields = body as CreateBody;
      if (fields.clientReference) {
        const existing = deps.store.byClientReference(environment, municipality.number, fields.clientReference);
        if (existing) {
          const same =
            existing.fileName === fields.fileName &&
            existing.partCount === fields.partCount &&
            existing.totalSize === fields.totalSize &&
            existing.sha256 === fields.sha256.toLowerCase() &&
            existing.year === fields.year &&
            existing.bydel === (fields.bydel ?? '00');
          if (!same)
            return fail(
              ctx.res,
              409,
              'reference_conflict',
              'This clientReference was used for a submission with other details; use a new reference for a new archive.',
            );
          return sendJson(ctx.res, 200, statusModel(deps.store, existing));
        }
      }
      const submission = deps.store.create({
        environment,
        municipality: fields.municipality,
        bydel: fields.bydel ?? '00',
        year: fields.year,
        fileName: fields.fileName,
        partCount: fields.partCount,
        totalSize: fields.totalSize,
        sha256: fields.sha256.toLowerCase(),
        ...(fields.clientReference ? { clientReference: fields.clientReference } : {}),
      });
      sendJson(ctx.res, 201, statusModel(deps.store, submission), {
        Location: `${base}/api/v1/submissions/${submission.id}`,
      });
    });

    router.add('GET', `${base}/api/v1/submissions/:id`, (ctx) => {
      const submission = ownSubmission(ctx, deps, environment);
      if (submission) sendJson(ctx.res, 200, statusModel(deps.store, submission));
    });

    router.add('PUT', `${base}/api/v1/submissions/:id/parts/:index`, async (ctx) => {
      const submission = ownSubmission(ctx, deps, environment);
      if (!submission) return;
      await receivePart(ctx, deps, submission);
    });

    router.add('POST', `${base}/api/v1/submissions/:id/complete`, async (ctx) => {
      const submission = ownSubmission(ctx, deps, environment);
      if (!submission) return;
      if (submission.receipt) return sendJson(ctx.res, 200, submission.receipt);
      const missing = deps.store.missingParts(submission);
      if (missing.length > 0)
        return sendJson(ctx.res, 409, {
          error: 'parts_missing',
          message: `Parts ${missing.join(', ')} have not been received.`,
          missingParts: missing,
        });
      const check = await verifyWhole(submission);
      if (check) return fail(ctx.res, 422, 'archive_mismatch', check);
      const receipt = deps.store.issueReceipt(submission);
      deps.onComplete(submission, receipt);
      sendJson(ctx.res, 200, receipt);
    });
  }
}

interface CreateBody {
  municipality: string;
  bydel?: string;
  year: number;
  fileName: string;
  partCount: number;
  totalSize: number;
  sha256: string;
  clientReference?: string;
}

function validateCreate(
  body: unknown,
  municipality: DemoMunicipality,
): { status: number; error: string; message: string } | undefined {
  const invalid = (message: string) => ({ status: 400, error: 'invalid_request', message });
  if (typeof body !== 'object' || body === null) return invalid('The body must be a JSON object.');
  const b = body as Record<string, unknown>;
  if (typeof b.municipality !== 'string' || !/^\d{4}$/.test(b.municipality))
    return invalid('municipality must be a four-digit string.');
  if (b.municipality !== municipality.number)
    return {
      status: 403,
      error: 'forbidden',
      message: `These credentials are for ${municipality.number}, not ${b.municipality}.`,
    };
  const hasDistricts = !municipality.bydeler.includes('00');
  if (hasDistricts && b.bydel === undefined)
    return invalid(
      `${municipality.name} submits per district: bydel must be one of ${municipality.bydeler.join(', ')}.`,
    );
  if (b.bydel !== undefined && (typeof b.bydel !== 'string' || !municipality.bydeler.includes(b.bydel)))
    return invalid(`bydel must be one of ${municipality.bydeler.join(', ')}.`);
  if (typeof b.year !== 'number' || !Number.isInteger(b.year) || b.year < 2000 || b.year > new Date().getFullYear() + 1)
    return invalid('year must be a reporting year.');
  if (typeof b.fileName !== 'string' || !/^[\w.\-æøåÆØÅ ]{1,200}$/.test(b.fileName))
    return invalid('fileName must be a plain file name.');
  if (typeof b.partCount !== 'number' || !Number.isInteger(b.partCount) || b.partCount < 1 || b.partCount > 999)
    return invalid('partCount must be 1 to 999.');
  if (typeof b.totalSize !== 'number' || !Number.isSafeInteger(b.totalSize) || b.totalSize < 1)
    return invalid('totalSize must be a positive integer.');
  if (typeof b.sha256 !== 'string' || !SHA256.test(b.sha256)) return invalid('sha256 must be 64 hex digits.');
  if (b.clientReference !== undefined && (typeof b.clientReference !== 'string' || b.clientReference.length > 100))
    return invalid('clientReference must be a string of at most 100 characters.');
  return undefined;
}

/** The municipality whose kommunenummer + KOSTRA PIN are in the Basic credentials, or a 401. */
function authenticate(ctx: RequestContext, deps: IpisDependencies): DemoMunicipality | undefined {
  const match = /^Basic\s+(.+)$/i.exec(ctx.req.headers.authorization ?? '');
  const [number, pin] = match
    ? Buffer.from(match[1] as string, 'base64')
        .toString('utf8')
        .split(':')
    : [];
  const municipality = deps.municipalities.find(
    (candidate) => candidate.number === number && candidate.kostraPin === pin,
  );
  if (!municipality) {
    sendJson(
      ctx.res,
      401,
      { error: 'unauthorized', message: 'Unknown municipality number or wrong KOSTRA PIN.' },
      { 'WWW-Authenticate': 'Basic realm="IPIS"' },
    );
  }
  return municipality;
}

function ownSubmission(ctx: RequestContext, deps: IpisDependencies, environment: Environment): Submission | undefined {
  const municipality = authenticate(ctx, deps);
  if (!municipality) return undefined;
  const submission = deps.store.submissions.get(ctx.params.id ?? '');
  if (!submission || submission.environment !== environment || submission.municipality !== municipality.number) {
    fail(ctx.res, 404, 'not_found', `No submission ${ctx.params.id} for ${municipality.number} in ${environment}.`);
    return undefined;
  }
  return submission;
}

async function receivePart(ctx: RequestContext, deps: IpisDependencies, submission: Submission): Promise<void> {
  const { req, res } = ctx;
  const index = Number(ctx.params.index);
  if (submission.receipt)
    return fail(res, 409, 'submission_complete', 'The submission is complete; no more parts are accepted.');
  if (!Number.isInteger(index) || index < 1 || index > submission.partCount)
    return fail(res, 400, 'invalid_request', `Part index must be 1 to ${submission.partCount}.`);
  const declared = (req.headers['x-content-sha256'] as string | undefined)?.toLowerCase();
  if (!declared || !SHA256.test(declared))
    return fail(res, 400, 'invalid_request', 'The X-Content-SHA256 header (64 hex digits) is required.');
  const length = Number(req.headers['content-length'] ?? NaN);
  const limit = deps.maxPartSize();
  if (Number.isFinite(length) && length > limit) {
    res.setHeader('Connection', 'close');
    return fail(res, 413, 'part_too_large', `A part may be at most ${limit} bytes.`);
  }
  const temp = join(deps.store.folderOf(submission), `part-${index}.${process.hrtime.bigint()}.tmp`);
  const hash = createHash('sha256');
  const out = createWriteStream(temp);
  const dropAfter = deps.faults.takeUploadDrop();
  let size = 0;
  try {
    for await (const chunk of req) {
      const bytes = chunk as Buffer;
      size += bytes.length;
      if (dropAfter !== undefined && size >= dropAfter) {
        req.socket.destroy();
        throw new Error('connection dropped by fault injection');
      }
      if (size > limit) {
        res.setHeader('Connection', 'close');
        throw Object.assign(new Error('too large'), { tooLarge: true });
      }
      hash.update(bytes);
      if (!out.write(bytes)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
    await new Promise<void>((resolve, reject) =>
      out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
  } catch (error) {
    out.destroy();
    await rm(temp, { force: true });
    if ((error as { tooLarge?: boolean }).tooLarge)
      return fail(res, 413, 'part_too_large', `A part may be at most ${limit} bytes.`);
    return; // the connection is gone
  }
  const actual = hash.digest('hex');
  if (actual !== declared) {
    await rm(temp, { force: true });
    return sendJson(res, 422, {
      error: 'hash_mismatch',
      message: 'The part does not match its SHA-256.',
      expected: declared,
      actual,
    });
  }
  const existing = submission.parts.get(index);
  if (existing) {
    await rm(temp, { force: true });
    if (existing.sha256 === actual)
      return sendJson(res, 200, {
        index,
        size: existing.size,
        sha256: existing.sha256,
        receivedAt: existing.receivedAt,
      });
    return fail(res, 409, 'part_conflict', `Part ${index} was already received with other content.`);
  }
  const diskPath = join(deps.store.folderOf(submission), `part-${index}`);
  await rename(temp, diskPath);
  const part = { index, size, sha256: actual, diskPath, receivedAt: new Date().toISOString() };
  submission.parts.set(index, part);
  sendJson(res, 201, { index, size, sha256: actual, receivedAt: part.receivedAt });
}

/** The parts, concatenated, must have the declared total size and SHA-256. */
async function verifyWhole(submission: Submission): Promise<string | undefined> {
  const parts = [...submission.parts.values()].sort((a, b) => a.index - b.index);
  const size = parts.reduce((sum, part) => sum + part.size, 0);
  if (size !== submission.totalSize)
    return `The parts add up to ${size} bytes, not the declared ${submission.totalSize}.`;
  const hash = createHash('sha256');
  for (const part of parts) for await (const chunk of createReadStream(part.diskPath)) hash.update(chunk as Buffer);
  const actual = hash.digest('hex');
  return actual === submission.sha256
    ? undefined
    : `The parts together have SHA-256 ${actual}, not the declared ${submission.sha256}.`;
}

function fail(res: ServerResponse, status: number, error: string, message: string): void {
  sendJson(res, status, { error, message });
}
