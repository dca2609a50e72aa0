import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { HttpsClient } from '../../helpers/httpsClient';

// The MOVEit Transfer REST API of the sandbox over real HTTPS, trusting only its CA.
describe('sandbox: SSB file portal (MOVEit REST API)', () => {
  let sandbox: Sandbox;
  let client: HttpsClient;
  let ssb: string;
  let hamar: { username: string; password: string };
  let token: string;
  let frassbId: number;

  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    client = new HttpsClient(sandbox.info.caFile);
    ssb = sandbox.info.ssbUrl;
    hamar = sandbox.info.municipalities[0] as { username: string; password: string };
    token = await client.signIn(ssb, hamar.username, hamar.password);
    const folders = await client.call(
      'GET',
      `${ssb}/api/v1/folders?path=${encodeURIComponent(`/Home/Ekstern/iplos/${hamar.username}/frassb`)}`,
      { bearer: token },
    );
    frassbId = ((folders.json as { items: { id: number }[] }).items[0] as { id: number }).id;
    for (let n = 1; n <= 7; n++) {
      await sandbox.portal.addFile(frassbId, `040300_fil_${n}.zip`, Buffer.from(`innhold ${n} `.repeat(n * 10)), {
        username: 'frassb',
        fullName: 'SSB IPLOS (frassb)',
      });
    }
  });

  after(async () => {
    await client.close();
    await sandbox.stop();
  });

  describe('tokens', () => {
    it('password grant → TokenAcquiredModel; the token opens /users/self', async () => {
      const response = await client.call('POST', `${ssb}/api/v1/token`, {
        form: { grant_type: 'password', username: hamar.username, password: hamar.password, orgId: '5281' },
      });
      assert.equal(response.status, 200);
      const body = response.json as {
        access_token: string;
        token_type: string;
        expires_in: number;
        refresh_token: string;
      };
      assert.equal(body.token_type, 'bearer');
      assert.equal(body.expires_in, 1200);
      assert.ok(body.access_token.length > 200 && body.refresh_token.length > 200);
      const self = await client.call('GET', `${ssb}/api/v1/users/self`, { bearer: body.access_token });
      assert.equal(self.status, 200);
      assert.equal((self.json as { username: string }).username, hamar.username);
      assert.equal(typeof (self.json as { homeFolderID: number }).homeFolderID, 'number');
    });

    it('refresh_token grant rotates the refresh token; the old one is spent', async () => {
      const first = (
        await client.call('POST', `${ssb}/api/v1/token`, {
          form: { grant_type: 'password', username: hamar.username, password: hamar.password },
        })
      ).json as { refresh_token: string };
      const refreshed = await client.call('POST', `${ssb}/api/v1/token`, {
        form: { grant_type: 'refresh_token', refresh_token: first.refresh_token },
      });
      assert.equal(refreshed.status, 200);
      assert.notEqual((refreshed.json as { refresh_token: string }).refresh_token, first.refresh_token);
      const again = await client.call('POST', `${ssb}/api/v1/token`, {
        form: { grant_type: 'refresh_token', refresh_token: first.refresh_token },
      });
      assert.equal(again.status, 400);
      assert.equal((again.json as { error: string }).error, 'invalid_grant');
    });

    it('revoke ends the session: the access token gets 401 ErrorModel', async () => {
      const session = await client.signIn(ssb, hamar.username, hamar.password);
      const revoked = await client.call('POST', `${ssb}/api/v1/token/revoke`, { form: { token: session } });
      assert.equal(revoked.status, 200);
      assert.equal(typeof (revoked.json as { message: string }).message, 'string');
      const after = await client.call('GET', `${ssb}/api/v1/users/self`, { bearer: session });
      assert.equal(after.status, 401);
      assert.deepEqual(Object.keys(after.json as object).sort(), ['detail', 'errorCode', 'title']);
    });

    it('wrong password and unknown user: 400 invalid_grant with the same description', async () => {
      const trondheim = sandbox.info.municipalities[2] as { username: string };
      const wrong = await client.call('POST', `${ssb}/api/v1/token`, {
        form: { grant_type: 'password', username: trondheim.username, password: 'feil-passord-1' },
      });
      const unknown = await client.call('POST', `${ssb}/api/v1/token`, {
        form: { grant_type: 'password', username: 'ingen@example.no', password: 'feil-passord-1' },
      });
      for (const response of [wrong, unknown]) {
        assert.equal(response.status, 400);
        assert.equal((response.json as { error: string }).error, 'invalid_grant');
      }
      assert.equal(
        (wrong.json as { error_description: string }).error_description,
        (unknown.json as { error_description: string }).error_description,
      );
      assert.equal(sandbox.portal.user(trondheim.username)?.failedLogins, 1);
    });

    it('missing fields and unsupported grants are 400 with an OAuth-style error', async () => {
      const missing = await client.call('POST', `${ssb}/api/v1/token`, {
        form: { grant_type: 'password', username: hamar.username },
      });
      assert.equal((missing.json as { error: string }).error, 'invalid_request');
      const grant = await client.call('POST', `${ssb}/api/v1/token`, { form: { grant_type: 'client_credentials' } });
      assert.equal(grant.status, 400);
      assert.equal((grant.json as { error: string }).error, 'unsupported_grant_type');
    });
  });

  describe('resources', () => {
    it('no token, a bad token: 401 ErrorModel with WWW-Authenticate', async () => {
      for (const bearer of [undefined, 'X03wnot-a-token']) {
        const response = await client.call('GET', `${ssb}/api/v1/users/self`, bearer ? { bearer } : {});
        assert.equal(response.status, 401);
        assert.equal(response.headers['www-authenticate'], 'Bearer');
        assert.equal((response.json as { errorCode: number }).errorCode, 401);
      }
    });

    it('/info answers without a token', async () => {
      const response = await client.call('GET', `${ssb}/api/v1/info?orgId=5281`);
      assert.equal(response.status, 200);
      assert.equal((response.json as { allowPassChangeRequests: boolean }).allowPassChangeRequests, true);
    });

    it('resolves the frassb folder by path (case-insensitive names and masks) and lists its subfolders', async () => {
      const byPath = await client.call(
        'GET',
        `${ssb}/api/v1/folders?PATH=${encodeURIComponent(`/home/ekstern/iplos/${hamar.username.toUpperCase()}/FRASSB`)}`,
        { bearer: token },
      );
      assert.equal(byPath.status, 200);
      const page = byPath.json as {
        items: { id: number; path: string; name: string }[];
        paging: { totalItems: number };
      };
      assert.equal(page.paging.totalItems, 1);
      assert.equal(page.items[0]?.id, frassbId);
      const masked = await client.call(
        'GET',
        `${ssb}/api/v1/folders?path=${encodeURIComponent(`/Home/Ekstern/iplos/${hamar.username}/*`)}`,
        { bearer: token },
      );
      assert.deepEqual((masked.json as { items: { name: string }[] }).items.map((item) => item.name).sort(), [
        'frassb',
        'tilssb',
      ]);
      const parent = (masked.json as { items: { parentId: number }[] }).items[0]?.parentId as number;
      const subfolders = await client.call('GET', `${ssb}/api/v1/folders/${parent}/subfolders`, { bearer: token });
      assert.deepEqual(
        (subfolders.json as { items: { name: string }[] }).items.map((item) => item.name),
        ['frassb', 'tilssb'],
      );
    });

    it('pages files across all pages with the paging envelope, sorted either way', async () => {
      const names: string[] = [];
      for (let page = 1; page <= 4; page++) {
        const response = await client.call(
          'GET',
          `${ssb}/api/v1/folders/${frassbId}/files?page=${page}&perPage=2&sortField=name&sortDirection=descending`,
          { bearer: token },
        );
        const body = response.json as {
          items: { name: string }[];
          paging: { page: number; perPage: number; totalItems: number; totalPages: number };
          sorting: { sortField: string; sortDirection: string }[];
        };
        assert.deepEqual(body.paging, { page, perPage: 2, totalItems: 7, totalPages: 4 });
        assert.deepEqual(body.sorting, [{ sortField: 'name', sortDirection: 'desc' }]);
        names.push(...body.items.map((item) => item.name));
      }
      assert.deepEqual(
        names,
        Array.from({ length: 7 }, (_, i) => `040300_fil_${7 - i}.zip`),
      );
    });

    it('folder content mixes folders and files; /files lists everything visible with currentTimestamp', async () => {
      const content = await client.call('GET', `${ssb}/api/v1/folders/${frassbId}/content?perPage=50`, {
        bearer: token,
      });
      assert.equal(
        (content.json as { items: { type: string }[] }).items.filter((item) => item.type === 'File').length,
        7,
      );
      const files = await client.call('GET', `${ssb}/api/v1/files?perPage=200`, { bearer: token });
      const body = files.json as { items: unknown[]; currentTimestamp: string };
      assert.equal(body.items.length, 7);
      assert.match(body.currentTimestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    });

    it('newOnly and sinceDate filter; PATCH isNew marks a file read', async () => {
      const listed = (
        await client.call('GET', `${ssb}/api/v1/folders/${frassbId}/files?newOnly=true&perPage=50`, { bearer: token })
      ).json as { items: { id: string; isNew: boolean }[] };
      assert.equal(listed.items.length, 7);
      const target = listed.items[0]?.id as string;
      const patched = await client.call('PATCH', `${ssb}/api/v1/files/${target}`, {
        bearer: token,
        json: { isNew: false },
      });
      assert.equal(patched.status, 200);
      assert.equal((patched.json as { isNew: boolean }).isNew, false);
      const stillNew = (await client.call('GET', `${ssb}/api/v1/files?newOnly=true&perPage=50`, { bearer: token }))
        .json as { items: { id: string }[] };
      assert.equal(stillNew.items.length, 6);
      assert.ok(!stillNew.items.some((item) => item.id === target));
      const future = (await client.call('GET', `${ssb}/api/v1/files?sinceDate=2099-01-01T00:00:00`, { bearer: token }))
        .json as { items: unknown[] };
      assert.equal(future.items.length, 0);
      const bad = await client.call('GET', `${ssb}/api/v1/files?sinceDate=igår`, { bearer: token });
      assert.equal(bad.status, 400);
      await client.call('PATCH', `${ssb}/api/v1/files/${target}`, { bearer: token, json: { isNew: true } });
    });

    it('file details carry the SHA-1 hash and uploader; the download matches it, ranges give 206 and 416', async () => {
      const file = [...sandbox.portal.files.values()].find((candidate) => candidate.name === '040300_fil_3.zip');
      assert.ok(file);
      const details = (await client.call('GET', `${ssb}/api/v1/files/${file.id}`, { bearer: token })).json as {
        hash: string;
        size: number;
        uploadUsername: string;
        uploadIntegrity: number;
        orgID: string;
      };
      assert.equal(details.uploadUsername, 'frassb');
      assert.equal(details.uploadIntegrity, 1);
      assert.equal(details.orgID, '5281');
      const download = await client.call('GET', `${ssb}/api/v1/files/${file.id}/download`, { bearer: token });
      assert.equal(download.status, 200);
      assert.equal(download.headers['accept-ranges'], 'bytes');
      assert.equal(Buffer.byteLength(download.text), details.size);
      assert.equal(createHash('sha1').update(download.text).digest('hex'), details.hash);
      const partial = await client.call('GET', `${ssb}/api/v1/files/${file.id}/download`, {
        bearer: token,
        headers: { range: 'bytes=10-' },
      });
      assert.equal(partial.status, 206);
      assert.equal(partial.headers['content-range'], `bytes 10-${details.size - 1}/${details.size}`);
      assert.equal(partial.text, download.text.slice(10));
      const beyond = await client.call('GET', `${ssb}/api/v1/files/${file.id}/download`, {
        bearer: token,
        headers: { range: `bytes=${details.size}-` },
      });
      assert.equal(beyond.status, 416);
      assert.equal(beyond.headers['content-range'], `bytes */${details.size}`);
    });

    it('the folder-scoped download redirects to another origin with a one-time link that needs no Authorization', async () => {
      const file = [...sandbox.portal.files.values()].find((candidate) => candidate.name === '040300_fil_2.zip');
      assert.ok(file);
      const redirect = await client.call('GET', `${ssb}/api/v1/folders/${frassbId}/files/${file.id}/download`, {
        bearer: token,
      });
      assert.equal(redirect.status, 302);
      const location = new URL(redirect.headers.location as string);
      assert.notEqual(location.host, new URL(ssb).host, 'a different origin');
      const followed = await client.call('GET', location.href);
      assert.equal(followed.status, 200);
      assert.equal(followed.text, 'innhold 2 '.repeat(20));
      assert.equal((await client.call('GET', location.href)).status, 401, 'the link works once');
      const last = sandbox.requests.filter((record) =>
        record.path.startsWith(`/api/v1/files/${file.id}/download?redirectToken`),
      );
      assert.equal(last[0]?.hasAuthorization, false);
    });

    it('uploads with a hash (201 FileDetailsModel) and refuses a wrong hash with 422', async () => {
      const content = Buffer.from('tilbakemelding til SSB æøå');
      const sha1 = createHash('sha1').update(content).digest('hex');
      const upload = (hash: string) => {
        const boundary = '----iplos-test-boundary';
        const body = Buffer.concat([
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="hashtype"\r\n\r\nsha-1\r\n--${boundary}\r\nContent-Disposition: form-data; name="hash"\r\n\r\n${hash}\r\n`,
          ),
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="melding.txt"\r\nContent-Type: text/plain\r\n\r\n`,
          ),
          content,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]);
        return client.call('POST', `${ssb}/api/v1/folders/${frassbId}/files`, {
          bearer: token,
          headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
          body,
        });
      };
      const created = await upload(sha1);
      assert.equal(created.status, 201);
      assert.equal((created.json as { hash: string }).hash, sha1);
      assert.equal((created.json as { size: number }).size, content.length);
      const refused = await upload('0'.repeat(40));
      assert.equal(refused.status, 422);
      assert.equal((refused.json as { errors: { field: string }[] }).errors[0]?.field, 'hash');
      const deleted = await client.call('DELETE', `${ssb}/api/v1/files/${(created.json as { id: string }).id}`, {
        bearer: token,
      });
      assert.equal(deleted.status, 204);
    });

    it("another municipality's folder and file are 403; unknown ones 404", async () => {
      const oslo = sandbox.info.municipalities[1] as { username: string; password: string };
      const osloToken = await client.signIn(ssb, oslo.username, oslo.password);
      const file = [...sandbox.portal.files.values()][0];
      assert.equal((await client.call('GET', `${ssb}/api/v1/folders/${frassbId}`, { bearer: osloToken })).status, 403);
      assert.equal((await client.call('GET', `${ssb}/api/v1/files/${file?.id}`, { bearer: osloToken })).status, 403);
      assert.equal((await client.call('GET', `${ssb}/api/v1/files/1`, { bearer: token })).status, 404);
      assert.equal((await client.call('GET', `${ssb}/api/v1/folders/1`, { bearer: token })).status, 404);
      const osloFolders = (await client.call('GET', `${ssb}/api/v1/folders?perPage=200`, { bearer: osloToken }))
        .json as { items: { path: string }[] };
      assert.ok(
        osloFolders.items.every((folder) => folder.path.includes(oslo.username)),
        'Oslo sees only its own folders',
      );
    });

    it('the notification link human.aspx?Arg06=…&Arg07=… answers with a page naming the file', async () => {
      const file = [...sandbox.portal.files.values()].find((candidate) => candidate.name === '040300_fil_1.zip');
      const page = await client.call('GET', `${ssb}/human.aspx?Arg12=filelist&arg06=${frassbId}&Arg07=${file?.id}`);
      assert.equal(page.status, 200);
      assert.match(page.headers['content-type'] as string, /text\/html/);
      assert.match(page.text, /040300_fil_1\.zip/);
      assert.doesNotMatch(page.text, /040300_fil_2\.zip/);
    });
  });
});
