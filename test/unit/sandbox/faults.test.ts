import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import { basicAuth, HttpsClient } from '../../helpers/httpsClient';
import { startSandbox, type Sandbox } from '../../sandbox/server';

// Every fault the sandbox can inject, observed from the outside over HTTPS.
describe('sandbox: fault injection', () => {
  let sandbox: Sandbox;
  let client: HttpsClient;
  let ssb: string;
  let hamar: { number: string; username: string; password: string; kostraPin: string };
  let fileId: string;
  const content = randomBytes(300 * 1024);

  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    client = new HttpsClient(sandbox.info.caFile);
    ssb = sandbox.info.ssbUrl;
    hamar = sandbox.info.municipalities[0] as typeof hamar;
    const frassb = sandbox.portal.folderByPath(`/Home/Ekstern/iplos/${hamar.username}/frassb`);
    fileId = (
      await sandbox.portal.addFile(frassb?.id as number, '040300_iplos_2025_test.zip', content, {
        username: 'frassb',
        fullName: 'SSB',
      })
    ).id;
  });

  beforeEach(() => sandbox.faults.clear());

  after(async () => {
    await client.close();
    await sandbox.stop();
  });

  const download = async (token: string) =>
    client.call('GET', `${ssb}/api/v1/files/${fileId}/download`, { bearer: token });

  it('failRequests: 503 with Retry-After, only as often as asked', async () => {
    sandbox.faults.set({
      failRequests: [{ method: 'GET', path: '^/api/v1/info$', status: 503, retryAfterSeconds: 7, times: 2 }],
    });
    for (let attempt = 0; attempt < 2; attempt++) {
      const failed = await client.call('GET', `${ssb}/api/v1/info`);
      assert.equal(failed.status, 503);
      assert.equal(failed.headers['retry-after'], '7');
    }
    assert.equal((await client.call('GET', `${ssb}/api/v1/info`)).status, 200);
  });

  it('dropUploadAfterBytes: the connection is cut mid-part and nothing is stored', async () => {
    const ipis = sandbox.info.ipisTestUrl;
    const auth = { authorization: basicAuth(hamar.number, hamar.kostraPin) };
    const sha256 = createHash('sha256').update(content).digest('hex');
    const created = await client.call('POST', `${ipis}/api/v1/submissions`, {
      headers: auth,
      json: {
        municipality: hamar.number,
        year: 2025,
        fileName: 'x.zip',
        partCount: 1,
        totalSize: content.length,
        sha256,
      },
    });
    const id = (created.json as { id: string }).id;
    sandbox.faults.set({ dropUploadAfterBytes: { bytes: 100 * 1024 } });
    await assert.rejects(
      client.call('PUT', `${ipis}/api/v1/submissions/${id}/parts/1`, {
        headers: { ...auth, 'x-content-sha256': sha256 },
        body: content,
      }),
    );
    const status = (await client.call('GET', `${ipis}/api/v1/submissions/${id}`, { headers: auth })).json as {
      missingParts: number[];
    };
    assert.deepEqual(status.missingParts, [1]);
    const retried = await client.call('PUT', `${ipis}/api/v1/submissions/${id}/parts/1`, {
      headers: { ...auth, 'x-content-sha256': sha256 },
      body: content,
    });
    assert.equal(retried.status, 201);
  });

  it('dropDownloadAfterBytes: the download is cut short', async () => {
    const token = await client.signIn(ssb, hamar.username, hamar.password);
    sandbox.faults.set({ dropDownloadAfterBytes: { bytes: 64 * 1024 } });
    await assert.rejects(download(token));
    assert.equal((await download(token)).status, 200, 'only once');
  });

  it('corruptDownload: one byte differs, so the SHA-1 no longer matches the metadata', async () => {
    const token = await client.signIn(ssb, hamar.username, hamar.password);
    sandbox.faults.set({ corruptDownload: {} });
    const corrupt = await client.call('GET', `${ssb}/api/v1/files/${fileId}/download`, { bearer: token });
    const details = (await client.call('GET', `${ssb}/api/v1/files/${fileId}`, { bearer: token })).json as {
      hash: string;
    };
    assert.equal(details.hash, createHash('sha1').update(content).digest('hex'));
    assert.equal(corrupt.bytes.length, content.length);
    const differing = [...corrupt.bytes].filter((byte, index) => byte !== content[index]).length;
    assert.equal(differing, 1, 'exactly one byte flipped');
    assert.notEqual(createHash('sha1').update(corrupt.bytes).digest('hex'), details.hash);
    const clean = await client.call('GET', `${ssb}/api/v1/files/${fileId}/download`, { bearer: token });
    assert.ok(clean.bytes.equals(content), 'only once');
  });

  it('wrongSha1: the metadata reports a SHA-1 the file does not have', async () => {
    const token = await client.signIn(ssb, hamar.username, hamar.password);
    sandbox.faults.set({ wrongSha1: true });
    const details = (await client.call('GET', `${ssb}/api/v1/files/${fileId}`, { bearer: token })).json as {
      hash: string;
    };
    assert.notEqual(details.hash, createHash('sha1').update(content).digest('hex'));
  });

  it('delay: responses are slowed down', async () => {
    sandbox.faults.set({ delay: [{ path: '^/api/v1/info$', ms: 300 }] });
    const started = Date.now();
    assert.equal((await client.call('GET', `${ssb}/api/v1/info`)).status, 200);
    assert.ok(Date.now() - started >= 300);
  });

  it('tokenLifetimeSeconds: the access token expires (401), and the refresh token with it', async () => {
    sandbox.faults.set({ tokenLifetimeSeconds: 1 });
    const signIn = async () =>
      (
        await client.call('POST', `${ssb}/api/v1/token`, {
          form: { grant_type: 'password', username: hamar.username, password: hamar.password },
        })
      ).json as { access_token: string; refresh_token: string; expires_in: number };
    const refresh = (token: string) =>
      client.call('POST', `${ssb}/api/v1/token`, { form: { grant_type: 'refresh_token', refresh_token: token } });
    const fresh = await signIn();
    assert.equal((await refresh(fresh.refresh_token)).status, 200, 'within the lifetime the refresh works');
    const tokens = await signIn();
    assert.equal(tokens.expires_in, 1);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    assert.equal((await client.call('GET', `${ssb}/api/v1/users/self`, { bearer: tokens.access_token })).status, 401);
    const late = await refresh(tokens.refresh_token);
    assert.equal(late.status, 400, 'the refresh token does not outlive the access token');
    assert.equal((late.json as { error: string }).error, 'invalid_grant');
  });

  it("forcePasswordChange: password_change_required until a new password that meets SSB's rules", async () => {
    const trondheim = sandbox.info.municipalities[2] as { username: string; password: string };
    sandbox.faults.set({ forcePasswordChange: [trondheim.username] });
    const grant = (extra: Record<string, string> = {}) =>
      client.call('POST', `${ssb}/api/v1/token`, {
        form: { grant_type: 'password', username: trondheim.username, password: trondheim.password, ...extra },
      });
    const required = await grant();
    assert.equal(required.status, 400);
    const body = required.json as {
      error: string;
      error_code: number;
      password_requirements: {
        minimum_length: number;
        require_letters_numbers: boolean;
        username_match_requirement: string;
      };
    };
    assert.equal(body.error, 'password_change_required');
    assert.equal(body.error_code, 3988);
    assert.deepEqual(
      [
        body.password_requirements.minimum_length,
        body.password_requirements.require_letters_numbers,
        body.password_requirements.username_match_requirement,
      ],
      [6, true, 'MustNotResemble'],
    );
    for (const weak of ['kort1', 'bareBokstaver', 'Postmottak2026', '123456789']) {
      const refused = await grant({ new_password: weak });
      assert.equal(refused.status, 400, weak);
      assert.match((refused.json as { error_description: string }).error_description, /does not meet/);
    }
    const changed = await grant({ new_password: 'Ny-Vinter-2026' });
    assert.equal(changed.status, 200);
    assert.equal(
      (
        await client.call('POST', `${ssb}/api/v1/token`, {
          form: { grant_type: 'password', username: trondheim.username, password: trondheim.password },
        })
      ).status,
      400,
      'the old password is gone',
    );
    assert.equal(
      (
        await client.call('POST', `${ssb}/api/v1/token`, {
          form: { grant_type: 'password', username: trondheim.username, password: 'Ny-Vinter-2026' },
        })
      ).status,
      200,
    );
  });

  it('lockoutThreshold: after N bad passwords even the right one gets invalid_grant', async () => {
    const oslo = sandbox.info.municipalities[1] as { username: string; password: string };
    sandbox.faults.set({ lockoutThreshold: 3 });
    for (let attempt = 0; attempt < 3; attempt++) {
      await client.call('POST', `${ssb}/api/v1/token`, {
        form: { grant_type: 'password', username: oslo.username, password: `feil-${attempt}-x` },
      });
    }
    const locked = await client.call('POST', `${ssb}/api/v1/token`, {
      form: { grant_type: 'password', username: oslo.username, password: oslo.password },
    });
    assert.equal(locked.status, 400);
    assert.equal((locked.json as { error: string }).error, 'invalid_grant');
    assert.equal(sandbox.portal.user(oslo.username)?.status, 'Suspended');
  });

  it('the loopback admin endpoint sets, shows and clears faults', async () => {
    const set = await client.call('POST', `${sandbox.info.adminUrl}/faults`, {
      json: { wrongSha1: true, tokenLifetimeSeconds: 5 },
    });
    assert.equal(set.status, 200);
    assert.deepEqual(sandbox.faults.current, { wrongSha1: true, tokenLifetimeSeconds: 5 });
    assert.deepEqual((await client.call('GET', `${sandbox.info.adminUrl}/faults`)).json, {
      wrongSha1: true,
      tokenLifetimeSeconds: 5,
    });
    assert.equal((await client.call('DELETE', `${sandbox.info.adminUrl}/faults`)).status, 204);
    assert.deepEqual(sandbox.faults.current, {});
    const requests = (await client.call('GET', `${sandbox.info.adminUrl}/requests`)).json as { path: string }[];
    assert.ok(requests.some((record) => record.path === '/__sandbox/faults'));
  });
});
