/**
 * The SSB portal client's resource endpoints against a MOVEit server that does not answer
 * as documented: an HTML login page with status 200, a null hash, a folder mask matching
 * several folders, a sort field ignored, and /info needing a token (sandbox faults).
 */
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { after, before, beforeEach, describe, it } from 'node:test';
import { runConnectionChecks, type CheckConfig } from '../../../src/core/checks';
import { createTransport, type Transport } from '../../../src/core/net/transport';
import { SsbPortalClient } from '../../../src/core/ssb/portalClient';
import { newestFirst } from '../../../src/core/ssb/portalRequest';
import {
  PortalInfoNeedsSignIn,
  UnexpectedResponseError,
  UnverifiableFileError,
} from '../../../src/core/ssb/unexpectedResponse';
import { tempDir } from '../../helpers/tempDir';
import type { DemoMunicipality } from '../../sandbox/demoData';
import { startSandbox, type Sandbox } from '../../sandbox/server';

describe('SSB portal client: resource answers are checked', () => {
  let sandbox: Sandbox;
  let transport: Transport;
  let hamar: DemoMunicipality;
  let frassbId: number;
  let tilssbId: number;
  const frassbPath = () => `/Home/Ekstern/iplos/${hamar.username}/frassb`;
  const client = () =>
    new SsbPortalClient(transport.dispatcher, sandbox.info.ssbUrl, {
      orgId: '5281',
      retry: { baseDelayMs: 10, maxDelayMs: 50 },
    });
  async function signedIn(): Promise<SsbPortalClient> {
    const ssb = client();
    await ssb.signIn(hamar.username, hamar.password);
    return ssb;
  }
  /** Three files whose name order, id order and upload order all differ. */
  const stamps = {
    'b_middle.zip': '2025-03-02T09:00:00',
    'a_newest.zip': '2025-03-10T08:00:00',
    'c_oldest.zip': '2025-01-15T23:59:59',
  };
  const ids: Record<string, string> = {};

  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    transport = await createTransport({ caFile: sandbox.info.caFile });
    hamar = sandbox.info.municipalities[0] as DemoMunicipality;
    frassbId = sandbox.portal.folderByPath(frassbPath())?.id as number;
    tilssbId = sandbox.portal.folderByPath(`/Home/Ekstern/iplos/${hamar.username}/tilssb`)?.id as number;
    for (const [name, stamp] of Object.entries(stamps)) {
      const file = await sandbox.portal.addFile(frassbId, name, Buffer.from(name), {
        username: 'frassb',
        fullName: 'SSB',
      });
      file.uploadStamp = stamp;
      ids[name] = file.id;
    }
  });
  beforeEach(() => sandbox.faults.clear());
  after(async () => {
    await transport.close();
    await sandbox.stop();
  });

  it('an HTML page with status 200 on any resource endpoint: UnexpectedResponseError naming status and content type', async () => {
    const ssb = await signedIn();
    const calls: [string, () => Promise<unknown>][] = [
      ['/api/v1/users/self', () => ssb.self()],
      ['/api/v1/folders$', () => ssb.folderByPath(frassbPath())],
      [`/api/v1/folders/${frassbId}$`, () => ssb.folder(frassbId)],
      ['/subfolders', () => ssb.subfolders(frassbId)],
      [`/api/v1/folders/${frassbId}/files`, () => ssb.files(frassbId)],
      [`/api/v1/folders/${frassbId}/files`, () => ssb.filesPage(frassbId, 1)],
      ['/api/v1/files$', () => ssb.newFiles()],
      [`/api/v1/files/${ids['a_newest.zip']}$`, () => ssb.fileDetails(ids['a_newest.zip'] as string)],
      [`/api/v1/files/${ids['a_newest.zip']}$`, () => ssb.markRead(ids['a_newest.zip'] as string)],
    ];
    for (const [path, call] of calls) {
      sandbox.faults.set({ htmlPage: [{ path }] });
      await assert.rejects(call, (error: unknown) => {
        assert.ok(error instanceof UnexpectedResponseError, `${path}: ${String(error)}`);
        assert.equal(error.code, 'unexpected-response');
        assert.match(error.message, /HTTP 200, text\/html/);
        assert.match(error.remedy, /proxy or login page/);
        assert.match(error.detail, /HTML/);
        assert.doesNotMatch(error.detail, /<form|password/i, 'the page itself is not quoted');
        return true;
      });
    }
    await ssb.signOut();
  });

  it('an HTML page in a notification-link lookup is reported, not taken for a wrong candidate', async () => {
    const ssb = await signedIn();
    sandbox.faults.set({ htmlPage: [{ path: '/api/v1/files/', times: 5 }] });
    const link = `${sandbox.info.ssbUrl}/human.aspx?Arg12=fileview&Arg06=${frassbId}&Arg07=${ids['b_middle.zip']}`;
    await assert.rejects(ssb.resolveNotificationLink(link), UnexpectedResponseError);
    await ssb.signOut();
  });

  it('hash: null in the file details: shown with an empty hash, but never downloaded (UnverifiableFileError, nothing written, still new)', async () => {
    const ssb = await signedIn();
    sandbox.faults.set({ nullHash: true });
    const id = ids['b_middle.zip'] as string;
    assert.equal((await ssb.fileDetails(id)).hash, '');
    const folder = await tempDir();
    const downloadsBefore = sandbox.requests.filter((record) => record.path.endsWith('/download')).length;
    await assert.rejects(ssb.download(id, folder), (error: unknown) => {
      assert.ok(error instanceof UnverifiableFileError, String(error));
      assert.match(error.message, /no checksum \(SHA-1\) for "b_middle\.zip"/);
      assert.match(error.remedy, /Nothing was downloaded/);
      return true;
    });
    assert.deepEqual(await readdir(folder), []);
    assert.equal(sandbox.requests.filter((record) => record.path.endsWith('/download')).length, downloadsBefore);
    assert.equal(sandbox.portal.files.get(id)?.isNew, true, 'not marked read');
    await ssb.signOut();
  });

  it('folderByPath: a mask matching several folders over several pages → the exact (case-insensitive) match, else undefined', async () => {
    const ssb = await signedIn();
    sandbox.faults.set({ folderMaskMatchesSeveral: { perPage: 1 } }); // frassb is on page 2 of 4
    const before = sandbox.requests.length;
    const found = await ssb.folderByPath(frassbPath().toUpperCase());
    assert.equal(found?.id, frassbId);
    const pages = sandbox.requests.slice(before).filter((record) => record.path.startsWith('/api/v1/folders?'));
    assert.ok(pages.length >= 4, `every page of the search is read (${pages.length})`);
    assert.equal(await ssb.folderByPath(`/Home/Ekstern/iplos/${hamar.username}/finnesikke`), undefined, 'not /Home');
    await ssb.signOut();
  });

  it('files(): newest first by uploadStamp even when the server ignores sortField=datetime; --latest and the link fallback use it', async () => {
    const ssb = await signedIn();
    sandbox.faults.set({ ignoreFileSort: true });
    const files = await ssb.files(frassbId);
    assert.deepEqual(
      files.map((file) => file.name),
      ['a_newest.zip', 'b_middle.zip', 'c_oldest.zip'],
    );
    const page = await ssb.filesPage(frassbId, 1);
    assert.equal(page.items[0]?.name, 'a_newest.zip');
    // A link whose file argument names nothing in the folder falls back to the newest file.
    const link = `${sandbox.info.ssbUrl}/human.aspx?Arg12=fileview&Arg06=${frassbId}&Arg07=99999999`;
    assert.equal((await ssb.resolveNotificationLink(link)).name, 'a_newest.zip');
    await ssb.signOut();
  });

  it('newestFirst compares the stamps as written (no time zone) and breaks ties by the later tracking number', () => {
    const sorted = newestFirst([
      { id: '9', uploadStamp: '2025-03-01T10:00:00' },
      { id: '455000010', uploadStamp: '2025-03-01T10:00:00' },
      { id: '455000002', uploadStamp: '2025-03-01T10:00:00' },
      { id: '1', uploadStamp: '2025-12-31T23:59:59' },
    ]);
    assert.deepEqual(
      sorted.map((file) => file.id),
      ['1', '455000010', '455000002', '9'],
    );
  });

  it('new files of the frassb folder only: a new file in tilssb is not feedback', async () => {
    const stray = await sandbox.portal.addFile(tilssbId, 'kvittering.txt', Buffer.from('x'), {
      username: hamar.username,
      fullName: 'Hamar',
    });
    const ssb = await signedIn();
    const inFrassb = await ssb.files(frassbId, { newOnly: true });
    assert.ok(!inFrassb.some((file) => file.id === stray.id));
    assert.ok(
      (await ssb.newFiles()).some((file) => file.id === stray.id),
      'newFiles() is across all folders',
    );
    await sandbox.portal.deleteFile(stray.id);
    await ssb.signOut();
  });

  it('/info: the sandbox answers PublicOrgModel (id a string) without a token; 401/403 is PortalInfoNeedsSignIn', async () => {
    const info = await client().info();
    assert.equal(info.id, '5281');
    for (const status of [401, 403] as const) {
      sandbox.faults.set({ infoRequiresToken: { status } });
      await assert.rejects(client().info(), (error: unknown) => {
        assert.ok(error instanceof PortalInfoNeedsSignIn, String(error));
        assert.equal(error.status, status);
        assert.equal(error.answeredAsPortal, true);
        return true;
      });
    }
    sandbox.faults.set({ htmlPage: [{ path: '/api/v1/info' }] });
    await assert.rejects(client().info(), UnexpectedResponseError);
  });

  it("the 'ssb-info' check: 401/403 from /info passes (reachable, needs sign-in); an HTML 401 warns; an HTML 200 fails", async () => {
    const config: CheckConfig = {
      ipisTestUrl: sandbox.info.ipisTestUrl,
      ipisProductionUrl: sandbox.info.ipisProductionUrl,
      expectedAddress: '127.0.0.1',
      ssbUrl: sandbox.info.ssbUrl,
      ssbOrgId: sandbox.info.ssbOrgId,
      caFile: sandbox.info.caFile,
    };
    const check = async () => (await runConnectionChecks(config, { only: ['ssb-info'] }))[0];
    assert.equal((await check())?.status, 'pass');
    for (const status of [401, 403] as const) {
      sandbox.faults.set({ infoRequiresToken: { status } });
      const result = await check();
      assert.equal(result?.status, 'pass', result?.detail);
      assert.match(result?.detail ?? '', new RegExp(`HTTP ${status}.*signed-in user`));
      assert.equal(result?.data?.signInRequired, true);
    }
    sandbox.faults.set({ infoRequiresToken: { status: 401, html: true } });
    const html = await check();
    assert.equal(html?.status, 'warn', html?.detail);
    assert.match(html?.detail ?? '', /HTTP 401 with text\/html/);
    sandbox.faults.set({ htmlPage: [{ path: '/api/v1/info' }] });
    const page = await check();
    assert.equal(page?.status, 'fail', page?.detail);
    assert.match(page?.detail ?? '', /HTTP 200, text\/html/);
    assert.equal(page?.data?.errorKind, 'unexpected-response');
  });
});
