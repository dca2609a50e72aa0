import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { CancelledError } from '../../../src/core/abort';
import { send } from '../../../src/core/net/http';
import { NetworkError } from '../../../src/core/net/networkError';
import { createTransport, type Transport } from '../../../src/core/net/transport';
import { SsbPortalClient } from '../../../src/core/ssb/portalClient';
import { PortalLinkError } from '../../../src/core/ssb/portalLinkError';
import { PasswordChangeRequired, SsbSignInError } from '../../../src/core/ssb/ssbErrors';
import { tempDir } from '../../helpers/tempDir';
import type { DemoMunicipality } from '../../sandbox/demoData';
import { startSandbox, type Sandbox } from '../../sandbox/server';

// The SSB portal client against the sandbox's MOVEit API over HTTPS with its CA.
describe('SSB portal client', () => {
  let sandbox: Sandbox;
  let transport: Transport;
  let hamar: DemoMunicipality;
  let frassbId: number;
  let fileId: string;
  const content = Buffer.from(Array.from({ length: 40_000 }, (_, i) => `linje ${i};æøå\n`).join(''));
  const fast = { retry: { baseDelayMs: 10, maxDelayMs: 50 } };
  const client = () => new SsbPortalClient(transport.dispatcher, sandbox.info.ssbUrl, { orgId: '5281', ...fast });
  const tokenRequests = () =>
    sandbox.requests.filter((record) => record.method === 'POST' && record.path === '/api/v1/token').length;

  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    transport = await createTransport({ caFile: sandbox.info.caFile });
    hamar = sandbox.info.municipalities[0] as DemoMunicipality;
    frassbId = sandbox.portal.folderByPath(`/Home/Ekstern/iplos/${hamar.username}/frassb`)?.id as number;
    fileId = (
      await sandbox.portal.addFile(frassbId, '040300_iplos_2025_test.zip', content, {
        username: 'frassb',
        fullName: 'SSB IPLOS (frassb)',
      })
    ).id;
  });
  beforeEach(() => sandbox.faults.clear());
  after(async () => {
    await transport.close();
    await sandbox.stop();
  });

  it('signs in, finds frassb by path, lists files across all pages, and signs out revoking both tokens', async () => {
    for (let n = 0; n < 430; n++)
      await sandbox.portal.addFile(frassbId, `eldre_${String(n).padStart(3, '0')}.txt`, Buffer.from(`fil ${n}`), {
        username: 'frassb',
        fullName: 'SSB',
      });
    const ssb = client();
    await ssb.signIn(hamar.username, hamar.password);
    const folder = await ssb.folderByPath(`/Home/Ekstern/iplos/${hamar.username}/frassb`);
    assert.equal(folder?.id, frassbId);
    const files = await ssb.files(frassbId);
    assert.equal(files.length, 431, 'all three pages of 200');
    const revokesBefore = sandbox.requests.filter((record) => record.path === '/api/v1/token/revoke').length;
    await ssb.signOut();
    assert.equal(
      sandbox.requests.filter((record) => record.path === '/api/v1/token/revoke').length - revokesBefore,
      2,
      'access and refresh token revoked',
    );
    assert.equal(ssb.signedIn, false);
    for (const file of [...sandbox.portal.files.values()].filter((candidate) => candidate.name.startsWith('eldre_')))
      await sandbox.portal.deleteFile(file.id);
  });

  it('refreshes the token when it ages past half its life, in the middle of a listing', async () => {
    sandbox.faults.set({ tokenLifetimeSeconds: 2, delay: [{ path: `/api/v1/folders/${frassbId}/files`, ms: 1200 }] });
    const ssb = client();
    await ssb.signIn(hamar.username, hamar.password);
    const refreshesBefore = sandbox.requests.filter((record) => record.path === '/api/v1/token').length;
    await ssb.files(frassbId); // slow: the token is past half-life afterwards
    await ssb.fileDetails(fileId);
    assert.ok(
      sandbox.requests.filter((record) => record.path === '/api/v1/token').length > refreshesBefore,
      'a refresh grant was used',
    );
    assert.ok(
      sandbox.requests.filter((record) => record.path.startsWith('/api/v1/files/') && record.status === 401).length ===
        0,
      'no request was made with an expired token',
    );
  });

  it('after an expired token (401) it refreshes once and repeats the request', async () => {
    sandbox.faults.set({ tokenLifetimeSeconds: 1 });
    const ssb = new SsbPortalClient(transport.dispatcher, sandbox.info.ssbUrl, { ...fast, now: () => 0 }); // never thinks the token is old
    await ssb.signIn(hamar.username, hamar.password);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const details = await ssb.fileDetails(fileId);
    assert.equal(details.id, fileId);
  });

  it('downloads to .part, verifies size and SHA-1, renames, and marks the file read', async () => {
    const dir = await tempDir();
    const ssb = client();
    await ssb.signIn(hamar.username, hamar.password);
    const progress: number[] = [];
    const { path } = await ssb.download(fileId, dir, { onProgress: ({ bytesDone }) => progress.push(bytesDone) });
    assert.equal(path, join(dir, '040300_iplos_2025_test.zip'));
    assert.ok((await readFile(path)).equals(content));
    assert.deepEqual(await readdir(dir), ['040300_iplos_2025_test.zip']);
    assert.equal(progress.at(-1), content.length);
    assert.equal(sandbox.portal.files.get(fileId)?.isNew, false);
    await ssb.markRead(fileId, false);
    assert.equal(sandbox.portal.files.get(fileId)?.isNew, true, 'mark unread works too');
  });

  it('the HTTP layer drops Authorization when a redirect leaves the origin (folder-scoped downloads answer 302)', async () => {
    const ssb = client();
    await ssb.signIn(hamar.username, hamar.password);
    const token = (ssb as unknown as { auth: { tokens: { access: string } } }).auth.tokens.access;
    const response = await send(transport.dispatcher, {
      method: 'GET',
      url: `${sandbox.info.ssbUrl}/api/v1/folders/${frassbId}/files/${fileId}/download`,
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(response.status, 200);
    assert.notEqual(new URL(response.url).host, new URL(sandbox.info.ssbUrl).host, 'followed to another origin');
    assert.ok(Buffer.from(await response.body.arrayBuffer()).equals(content));
    const redirected = sandbox.requests.filter((record) =>
      record.path.startsWith(`/api/v1/files/${fileId}/download?redirectToken=`),
    );
    assert.ok(
      redirected.length > 0 && redirected.every((record) => record.hasAuthorization === false),
      `Authorization dropped on the cross-origin redirect: ${JSON.stringify(redirected)}`,
    );
  });

  it('a download cut off mid-way resumes with Range and still verifies', async () => {
    const dir = await tempDir();
    sandbox.faults.set({ dropDownloadAfterBytes: { bytes: 200_000 } });
    const ssb = client();
    await ssb.signIn(hamar.username, hamar.password);
    const { path } = await ssb.download(fileId, dir);
    assert.ok((await readFile(path)).equals(content));
    const ranged = sandbox.requests.filter(
      (record) => record.range !== undefined && record.path.includes(`/files/${fileId}/download`),
    );
    assert.ok(
      ranged.some((record) => /^bytes=\d+-$/.test(record.range ?? '') && record.status === 206),
      'resumed with a Range request answered 206',
    );
  });

  it('a corrupted byte or a wrong SHA-1 in the metadata: integrity error and no file left', async () => {
    for (const fault of [{ corruptDownload: {} }, { wrongSha1: true }]) {
      const dir = await tempDir();
      sandbox.faults.set(fault);
      const ssb = client();
      await ssb.signIn(hamar.username, hamar.password);
      await assert.rejects(ssb.download(fileId, dir), (error: NetworkError) => {
        assert.equal(error.kind, 'integrity', JSON.stringify(fault));
        assert.match(error.message, /checksum/);
        return true;
      });
      assert.deepEqual(await readdir(dir), [], 'no file and no .part left');
    }
  });

  it('cancel during a download stops it and leaves nothing', async () => {
    const dir = await tempDir();
    sandbox.faults.set({ delay: [{ path: `/api/v1/files/${fileId}/download`, ms: 2000 }] });
    const ssb = client();
    await ssb.signIn(hamar.username, hamar.password);
    const controller = new AbortController();
    // Aborted with a reason of the caller's own, as VS Code's Cancel button does (CancellationError).
    setTimeout(() => controller.abort(Object.assign(new Error('Canceled'), { name: 'Canceled' })), 300);
    await assert.rejects(
      ssb.download(fileId, dir, { signal: controller.signal }),
      (error: unknown) => error instanceof CancelledError && error.code === 'cancelled',
    );
    assert.equal(existsSync(join(dir, '040300_iplos_2025_test.zip.part')), false);
    assert.deepEqual(await readdir(dir), []);
  });

  it('a wrong password: exactly one token request, explained, and repeats are held back (no lockout by the client)', async () => {
    const trondheim = sandbox.info.municipalities[2] as DemoMunicipality;
    const ssb = client();
    const before = tokenRequests();
    await assert.rejects(
      ssb.signIn(trondheim.username, 'feil-passord-1'),
      (error: SsbSignInError) => /did not accept/.test(error.message) && /suspends the account/.test(error.remedy),
    );
    assert.equal(tokenRequests() - before, 1, 'no automatic retry of invalid_grant');
    await assert.rejects(ssb.signIn(trondheim.username, 'feil-passord-2'), /2 failed attempts/);
    await assert.rejects(ssb.signIn(trondheim.username, 'feil-passord-3'), /held back/);
    assert.equal(tokenRequests() - before, 2, 'the third attempt never reached SSB');
    assert.equal(sandbox.portal.user(trondheim.username)?.status, 'Active', 'the account is not locked');
  });

  it('password change required: the rules are returned, a weak new password is refused locally, a good one completes the change', async () => {
    const oslo = sandbox.info.municipalities[1] as DemoMunicipality;
    sandbox.faults.set({ forcePasswordChange: [oslo.username] });
    const ssb = client();
    await assert.rejects(ssb.signIn(oslo.username, oslo.password), (error: PasswordChangeRequired) => {
      assert.ok(error instanceof PasswordChangeRequired);
      assert.deepEqual(error.requirements, {
        minimumLength: 6,
        usernameRule: 'MustNotResemble',
        lettersAndNumbers: true,
        mixedCase: false,
        nonAlphanumeric: false,
        noDictionaryWords: false,
        fromServer: true,
      });
      return true;
    });
    const before = tokenRequests();
    await assert.rejects(ssb.signIn(oslo.username, oslo.password, 'Oslo2026'), (error: PasswordChangeRequired) =>
      error.problems.includes('resembles-username'),
    );
    assert.equal(tokenRequests(), before, 'refused locally, nothing sent');
    await ssb.signIn(oslo.username, oslo.password, 'Vinter-Kveld-7');
    assert.equal(ssb.signedIn, true);
    await ssb.signOut();
    await client().signIn(oslo.username, 'Vinter-Kveld-7');
  });

  it('resolves a notification e-mail link to the file', async () => {
    const ssb = client();
    await ssb.signIn(hamar.username, hamar.password);
    const details = await ssb.resolveNotificationLink(
      `${sandbox.info.ssbUrl}/human.aspx?r=123&Arg12=filelist&Arg06=${frassbId}&Arg07=${fileId}`,
    );
    assert.equal(details.id, fileId);
    const folderOnly = await ssb.resolveNotificationLink(
      `${sandbox.info.ssbUrl}/human.aspx?arg12=filelist&arg06=${frassbId}`,
    );
    assert.equal(folderOnly.folderID, frassbId);
    await assert.rejects(ssb.resolveNotificationLink('ikke en lenke'), /not a link/);
    // The user's input, not the network: no network error (that would send the user to the connection settings).
    await assert.rejects(
      ssb.resolveNotificationLink(`${sandbox.info.ssbUrl}/human.aspx?arg12=filelist`),
      (error: unknown) =>
        error instanceof PortalLinkError &&
        !(error instanceof NetworkError) &&
        /does not name a folder/.test(error.message),
    );
  });

  it('without the sandbox CA: the unknown-CA explanation, and no request reaches the server', async () => {
    const untrusting = await createTransport();
    try {
      const ssb = new SsbPortalClient(untrusting.dispatcher, sandbox.info.ssbUrl, fast);
      await assert.rejects(
        ssb.signIn(hamar.username, hamar.password),
        (error: NetworkError) => error.kind === 'tls-unknown-ca' && /Ca File/.test(error.remedy),
      );
    } finally {
      await untrusting.close();
    }
  });
});
