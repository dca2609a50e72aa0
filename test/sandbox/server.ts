/**
 * The sandbox: SSB's file portal (MOVEit Transfer REST API) and the IPIS send module over
 * HTTPS on loopback, with SSB's processing that turns a completed submission into an
 * encrypted feedback file in the municipality's `frassb` folder. Started by
 * `npm run sandbox` and in-process by tests (`startSandbox({ port: 0 })`).
 */
import { EventEmitter, once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadOrCreateCredentials } from './certificates';
import { DEMO_MUNICIPALITIES, type DemoMunicipality } from './demoData';
import { Faults, type FaultPlan } from './faults';
import { BodyTooLarge, readJson, Router, sendJson } from './http/router';
import { IPIS_BASES, registerIpisApi } from './ipis/api';
import { statusModel, SubmissionStore } from './ipis/submissions';
import { registerMoveItApi } from './moveit/api';
import { Portal } from './moveit/portal';
import { TokenStore } from './moveit/tokens';
import { processSubmission, type PublishedFeedback } from './ssb/processing';

const STATUS_TITLES: Record<number, string> = {
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Payload Too Large',
  500: 'Internal Server Error',
};

export interface SandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Keeps the CA and certificates (and file contents) between runs; default: a new temp folder. */
  stateDir?: string;
  /** Seconds between a completed submission and its feedback appearing (default 0). */
  feedbackDelaySeconds?: number;
  /** Largest IPIS part in bytes (default 100 MiB). */
  maxPartSize?: number;
  /**
   * IIS's `maxAllowedContentLength` for the portal's upload: a declared body above it is
   * refused with 413 (chunked bodies pass, as the MOVEit docs say). Default: no limit.
   */
  maxUploadContentLength?: number;
  faults?: FaultPlan;
}

export interface SandboxInfo {
  ssbUrl: string;
  ssbOrgId: string;
  ipisTestUrl: string;
  ipisProductionUrl: string;
  caFile: string;
  adminUrl: string;
  stateDir: string;
  municipalities: DemoMunicipality[];
}

export interface RequestRecord {
  time: string;
  method: string;
  path: string;
  host: string;
  hasAuthorization: boolean;
  /** The Range header, when a client resumed a download. */
  range?: string;
  /** HTTP status; 0 while the answer is still being sent (or when the connection broke). */
  status: number;
}

export interface Sandbox {
  info: SandboxInfo;
  faults: Faults;
  portal: Portal;
  submissions: SubmissionStore;
  /** Every request, oldest first (tests assert on what clients sent). */
  requests: RequestRecord[];
  /** 'feedback' (PublishedFeedback) after SSB's processing published a file. */
  events: EventEmitter;
  /** Resolves with the feedback for a municipality (for one submission, when given). */
  waitForFeedback(
    municipality: string,
    options?: { submissionId?: string; timeoutMs?: number },
  ): Promise<PublishedFeedback>;
  stop(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const stateDir = resolve(options.stateDir ?? mkdtempSync(join(tmpdir(), 'iplos-sandbox-')));
  const credentials = await loadOrCreateCredentials(stateDir);
  const faults = new Faults();
  if (options.faults) faults.set(options.faults);
  const portal = new Portal(stateDir);
  const municipalities = DEMO_MUNICIPALITIES.map((municipality) => structuredClone(municipality));
  for (const municipality of municipalities) portal.addMunicipalityUser(municipality);
  const submissions = new SubmissionStore(stateDir);
  const events = new EventEmitter();
  const published: PublishedFeedback[] = [];
  const requests: RequestRecord[] = [];
  const pending = new Set<Promise<unknown>>();
  const stopping = new AbortController();

  // IPIS answers errors as {error, message}; the portal as MOVEit's ErrorModel.
  const errorBody = (status: number, message: string, path: string): unknown =>
    /^\/Sendemodul(TEST)?\//i.test(path)
      ? { error: status === 404 ? 'not_found' : status === 405 ? 'method_not_allowed' : 'server_error', message }
      : { errorCode: status, title: STATUS_TITLES[status] ?? 'Error', detail: message };
  const router = new Router(errorBody);
  registerMoveItApi(router, {
    portal,
    tokens: new TokenStore(),
    faults,
    redirectTokens: new Map(),
    maxUploadContentLength: () => options.maxUploadContentLength,
  });
  registerIpisApi(router, {
    store: submissions,
    faults,
    municipalities,
    maxPartSize: () => options.maxPartSize ?? 100 * 1024 * 1024,
    onComplete: (submission, receipt) => {
      const municipality = municipalities.find(
        (candidate) => candidate.number === submission.municipality,
      ) as DemoMunicipality;
      const job: Promise<void> = processSubmission({
        submission,
        receipt,
        municipality,
        portal,
        delaySeconds: options.feedbackDelaySeconds ?? 0,
        workDir: stateDir,
        signal: stopping.signal,
      })
        .then((feedback: PublishedFeedback) => {
          published.push(feedback);
          events.emit('feedback', feedback);
        })
        .catch((error: unknown) => {
          if (!stopping.signal.aborted) events.emit('processing-error', error);
        })
        .finally(() => pending.delete(job));
      pending.add(job);
    },
  });
  registerAdminApi(router, { faults, submissions, requests, info: () => info });

  const handler = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', `https://${req.headers.host ?? 'localhost'}`);
    // Recorded on arrival (a client may finish reading before the server's 'finish' event);
    // the status is filled in when the answer is complete (0 until then).
    const record: RequestRecord = {
      time: new Date().toISOString(),
      method: req.method ?? '',
      path: url.pathname + url.search,
      host: req.headers.host ?? '',
      hasAuthorization: req.headers.authorization !== undefined,
      ...(req.headers.range ? { range: req.headers.range } : {}),
      status: 0,
    };
    requests.push(record);
    if (requests.length > 5000) requests.shift();
    res.on('finish', () => {
      record.status = res.statusCode;
    });
    try {
      const delay = faults.takeDelay(url.pathname);
      if (delay > 0) await new Promise((done) => setTimeout(done, delay));
      const failure = url.pathname.startsWith('/__sandbox')
        ? undefined
        : faults.takeFailure(req.method ?? '', url.pathname);
      if (failure) {
        req.resume();
        const headers: Record<string, string> =
          failure.retryAfterSeconds !== undefined ? { 'Retry-After': String(failure.retryAfterSeconds) } : {};
        return sendJson(
          res,
          failure.status,
          {
            errorCode: failure.status,
            title: 'Injected fault',
            detail: `The sandbox answers ${failure.status} on purpose.`,
          },
          headers,
        );
      }
      if (faults.takeHtmlPage(url.pathname)) {
        req.resume();
        return void res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(LOGIN_PAGE);
      }
      if (!(await router.handle(req, res, url)))
        sendJson(res, 404, errorBody(404, `No route for ${req.method} ${url.pathname}.`, url.pathname));
    } catch (error) {
      if (res.headersSent) return void res.destroy();
      if (error instanceof BodyTooLarge) return sendJson(res, 413, errorBody(413, error.message, url.pathname));
      if (error instanceof SyntaxError)
        return sendJson(res, 400, { error: 'invalid_request', message: `Malformed JSON: ${error.message}` });
      sendJson(res, 500, errorBody(500, (error as Error).message, url.pathname));
    }
  };

  const tls = { cert: credentials.certPem, key: credentials.keyPem };
  const primary = createServer(tls, (req, res) => void handler(req, res));
  primary.listen(options.port ?? 0, '127.0.0.1');
  await once(primary, 'listening');
  const port = (primary.address() as AddressInfo).port;
  // "localhost" may resolve to ::1 first: answer there too when the machine has IPv6 loopback.
  const servers: Server[] = [primary];
  const secondary = createServer(tls, (req, res) => void handler(req, res));
  await new Promise<void>((done) => {
    secondary.once('error', () => done());
    secondary.listen(port, '::1', () => {
      servers.push(secondary);
      done();
    });
  });

  const origin = `https://127.0.0.1:${port}`;
  const info: SandboxInfo = {
    ssbUrl: origin,
    ssbOrgId: '5281',
    ipisTestUrl: `${origin}${IPIS_BASES.test}`,
    ipisProductionUrl: `${origin}${IPIS_BASES.production}`,
    caFile: credentials.caFile,
    adminUrl: `${origin}/__sandbox`,
    stateDir,
    municipalities,
  };

  return {
    info,
    faults,
    portal,
    submissions,
    requests,
    events,
    waitForFeedback(municipality, { submissionId, timeoutMs = 60_000 } = {}) {
      const wanted = (feedback: PublishedFeedback): boolean =>
        feedback.municipality === municipality &&
        (submissionId === undefined || feedback.submissionId === submissionId);
      const already = published.find(wanted);
      if (already) return Promise.resolve(already);
      return new Promise((resolveFeedback, reject) => {
        const timer = setTimeout(() => {
          events.off('feedback', listener);
          reject(new Error(`no feedback for ${municipality} within ${timeoutMs} ms`));
        }, timeoutMs);
        const listener = (feedback: PublishedFeedback): void => {
          if (!wanted(feedback)) return;
          clearTimeout(timer);
          events.off('feedback', listener);
          resolveFeedback(feedback);
        };
        events.on('feedback', listener);
      });
    },
    async stop() {
      stopping.abort();
      for (const server of servers) server.closeAllConnections();
      await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
      await Promise.allSettled([...pending]);
    },
  };
}

/** Test-only admin endpoints; the server listens on loopback only. */
function registerAdminApi(
  router: Router,
  deps: { faults: Faults; submissions: SubmissionStore; requests: RequestRecord[]; info: () => SandboxInfo },
): void {
  router.add('GET', '/__sandbox/info', ({ res }) => sendJson(res, 200, deps.info()));
  router.add('GET', '/__sandbox/faults', ({ res }) => sendJson(res, 200, deps.faults.current));
  router.add('POST', '/__sandbox/faults', async ({ req, res }) => {
    deps.faults.set(((await readJson(req)) ?? {}) as FaultPlan);
    sendJson(res, 200, deps.faults.current);
  });
  router.add('DELETE', '/__sandbox/faults', ({ res }) => {
    deps.faults.clear();
    res.writeHead(204).end();
  });
  router.add('GET', '/__sandbox/requests', ({ res }) => sendJson(res, 200, deps.requests));
  router.add('GET', '/__sandbox/submissions', ({ res }) =>
    sendJson(
      res,
      200,
      [...deps.submissions.submissions.values()].map((submission) => statusModel(deps.submissions, submission)),
    ),
  );
}

/** The JSON `npm run sandbox` prints and writes to <state>/sandbox.json. */
export async function writeSandboxFiles(info: SandboxInfo): Promise<void> {
  await writeFile(join(info.stateDir, 'sandbox.json'), `${JSON.stringify(info, null, 2)}\n`);
  const first = info.municipalities[0] as DemoMunicipality;
  // A CLI configuration for the first municipality: endpoints and names only, no secrets.
  const config = {
    environment: 'test',
    municipalities: [{ number: first.number, name: first.name, bydel: first.bydeler[0], ssbUsername: first.username }],
    activeMunicipality: first.number,
    endpoints: {
      ipisTestUrl: info.ipisTestUrl,
      ipisProductionUrl: info.ipisProductionUrl,
      expectedAddress: '127.0.0.1',
      ssbUrl: info.ssbUrl,
      ssbOrgId: info.ssbOrgId,
    },
    caFile: info.caFile,
  };
  await writeFile(join(info.stateDir, 'iplos.config.json'), `${JSON.stringify(config, null, 2)}\n`);
}

/** What an IIS or firewall sign-in page in front of the portal answers (the htmlPage fault). */
const LOGIN_PAGE =
  '<!DOCTYPE html><html><head><title>Sign in</title></head><body><form method="post" action="/login"><input name="user"><input name="pass" type="password"></form></body></html>';
