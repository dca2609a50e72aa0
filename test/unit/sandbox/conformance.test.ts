/**
 * Contract test: the sandbox's MOVEit answers, fetched over real HTTPS (trusting only the
 * sandbox CA), must match the JSON Schemas in test/sandbox/schemas/, which are written from
 * shared/docs/moveit-rest-api.md rather than from the sandbox code.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Ajv, { type AnySchema } from 'ajv';
import { Agent, FormData, request } from 'undici';
import { startSandbox, type Sandbox } from '../../sandbox/server';

const SCHEMA_DIR = join(__dirname, '..', '..', 'sandbox', 'schemas');
const SCHEMA_BASE = 'https://schemas.iplos.invalid/moveit/';
/** The content types the reference lists for JSON answers. */
const JSON_CONTENT_TYPE = /^(application\/json|text\/json|application\/problem\+json)\s*(;|$)/i;

type Json = Record<string, unknown>;

interface Answer {
  status: number;
  contentType: string;
  body: Json;
}

function loadAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false });
  for (const name of readdirSync(SCHEMA_DIR).filter((file) => file.endsWith('.schema.json'))) {
    const schema = JSON.parse(readFileSync(join(SCHEMA_DIR, name), 'utf8')) as AnySchema & { $id?: string };
    assert.equal(schema.$id, `${SCHEMA_BASE}${name}`, `${name}: $id must match the file name`);
    ajv.addSchema(schema);
  }
  return ajv;
}

describe('sandbox MOVEit API conforms to the reference schemas (test/sandbox/schemas)', () => {
  const ajv = loadAjv();
  let sandbox: Sandbox;
  let dispatcher: Agent;

  /** Errors of `body` against the schema, or undefined when it conforms. */
  function problems(schemaName: string, body: unknown): string | undefined {
    const validate = ajv.getSchema(`${SCHEMA_BASE}${schemaName}.schema.json`);
    assert.ok(validate, `no schema ${schemaName}.schema.json in ${SCHEMA_DIR}`);
    return validate(body) ? undefined : ajv.errorsText(validate.errors, { separator: '\n  ', dataVar: 'body' });
  }

  function assertConforms(schemaName: string, body: unknown, what: string): void {
    const errors = problems(schemaName, body);
    if (errors !== undefined) {
      assert.fail(
        `${what} does not conform to ${schemaName}:\n  ${errors}\nbody: ${JSON.stringify(body, null, 2).slice(0, 4000)}`,
      );
    }
  }

  async function call(
    method: string,
    path: string,
    options: { token?: string; form?: Record<string, string>; body?: FormData } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { accept: 'application/json' };
    let body: string | FormData | undefined = options.body;
    if (options.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(options.form).toString();
    }
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const response = await request(`${sandbox.info.ssbUrl}${path}`, {
      dispatcher,
      method: method as 'GET',
      headers,
      body,
    });
    const text = await response.body.text();
    const header = response.headers['content-type'];
    const contentType = (Array.isArray(header) ? header[0] : header) ?? '';
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      assert.fail(
        `${method} ${path}: answer ${response.statusCode} is not JSON (content-type "${contentType}"): ${text.slice(0, 300)}`,
      );
    }
    return { status: response.statusCode, contentType, body: parsed as Json };
  }

  /** Asserts the status and a JSON content type, then validates the body. */
  function expectAnswer(answer: Answer, status: number, schemaName: string, what: string): void {
    assert.equal(
      answer.status,
      status,
      `${what}: expected HTTP ${status}, got ${answer.status}: ${JSON.stringify(answer.body).slice(0, 500)}`,
    );
    assert.match(answer.contentType, JSON_CONTENT_TYPE, `${what}: Content-Type "${answer.contentType}" is not JSON`);
    assertConforms(schemaName, answer.body, what);
  }

  function municipality(index: number): { username: string; password: string } {
    const found = sandbox.info.municipalities[index];
    assert.ok(found, `the sandbox has no demo municipality #${index}`);
    return found;
  }

  function signIn(index: number): Promise<Answer> {
    const { username, password } = municipality(index);
    return call('POST', '/api/v1/token', { form: { grant_type: 'password', username, password } });
  }

  // One session for the resource endpoints, shared by the tests that need it.
  let session: Promise<string> | undefined;
  function accessToken(): Promise<string> {
    session ??= signIn(0).then((answer) => {
      expectAnswer(answer, 200, 'TokenAcquiredModel', 'POST /api/v1/token (password grant)');
      return answer.body.access_token as string;
    });
    return session;
  }

  async function frassbFolderId(): Promise<number> {
    const path = `/Home/Ekstern/iplos/${municipality(0).username}/frassb`;
    const answer = await call('GET', `/api/v1/folders?${new URLSearchParams({ path })}`, {
      token: await accessToken(),
    });
    expectAnswer(answer, 200, 'PagedFolders', `GET /api/v1/folders?path=${path}`);
    const items = answer.body.items as Json[];
    assert.equal(items.length, 1, `exactly one folder should match ${path}, got ${items.length}`);
    assert.equal((items[0] as Json).path, path);
    return (items[0] as Json).id as number;
  }

  const content = Buffer.from(`conformance test upload ${new Date().toISOString()}\n`, 'utf8');
  const sha1 = createHash('sha1').update(content).digest('hex');
  let upload: Promise<Answer> | undefined;
  /** Uploads one file into the first municipality's frassb folder (once) and returns the 201 answer. */
  function uploaded(): Promise<Answer> {
    upload ??= (async () => {
      const [token, folderId] = await Promise.all([accessToken(), frassbFolderId()]);
      const form = new FormData();
      form.append('file', new Blob([content], { type: 'text/plain' }), 'conformance.txt');
      form.append('hashtype', 'sha-1');
      form.append('hash', sha1);
      const answer = await call('POST', `/api/v1/folders/${folderId}/files`, { token, body: form });
      expectAnswer(answer, 201, 'FileDetailsModel', `POST /api/v1/folders/${folderId}/files`);
      return answer;
    })();
    return upload;
  }

  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    // Trust exactly the sandbox's CA: full certificate verification stays on.
    dispatcher = new Agent({ connect: { ca: readFileSync(sandbox.info.caFile) } });
  });

  after(async () => {
    await dispatcher?.close();
    await sandbox?.stop();
    // startSandbox() made a temporary state folder for this run; leave nothing behind.
    if (sandbox) await rm(sandbox.info.stateDir, { recursive: true, force: true });
  });

  it('the schemas are not vacuous: hand-made non-conforming bodies are rejected', () => {
    const file = {
      id: '455000001',
      name: 'a.zip',
      path: '/Home/a.zip',
      size: 10,
      uploadStamp: '2025-01-20T10:15:30',
      uploadUsername: 'frassb',
      folderID: 700000001,
      isNew: true,
    };
    const folder = {
      id: 700000001,
      parentId: 0,
      name: 'frassb',
      path: '/Home/frassb',
      lastContentChangeTime: '2025-01-20T10:15:30',
      folderType: 'Normal',
      isShared: false,
      permission: {
        canListSubfolders: true,
        canAddSubfolders: false,
        canChangeSettings: false,
        canDelete: false,
        canListFiles: true,
        canReadFiles: true,
        canWriteFiles: true,
        canDeleteFiles: true,
        canShare: false,
      },
      subfolderCount: 0,
      totalFileCount: 1,
      sharedWithUsersCount: 0,
      sharedWithGroupsCount: 0,
    };
    const paging = { page: 1, perPage: 25, totalItems: 1, totalPages: 1 };
    const sorting = [{ sortField: 'name', sortDirection: 'asc' }];
    const details = {
      ...file,
      orgID: '5281',
      originalFilename: 'a.zip',
      uploadUserFullName: 'SSB',
      uploadComment: '',
      uploadIP: '10.0.0.1',
      uploadAgentBrand: 'x',
      uploadAgentVersion: '1',
      uploadIntegrity: 1,
      hash: 'da39a3ee5e6b4b0d3255bfef95601890afd80709',
      downloadCount: 0,
      originalFileType: 'Any',
      currentFileType: 'Any',
      dlpChecked: false,
      dlpBlocked: false,
      dlpMetaData: 0,
      dlpViolation: '',
    };
    const user = {
      id: 'axaxfbz5v85l7dp1',
      orgID: 5281,
      username: 'u',
      fullName: 'U',
      email: 'u@example.org',
      permission: 'User',
      status: 'Active',
      lastLoginStamp: '',
      passwordChangeStamp: '',
      forceChangePassword: false,
      homeFolderID: 1,
      defaultFolderID: 1,
      folderQuota: 0,
      totalFileSize: 0,
      authMethod: 'MOVEitOnly',
      language: 'en',
      emailFormat: 'HTML',
      displaySettings: {},
    };
    const org = {
      id: '5281',
      name: 'SSB',
      allowPassChangeRequests: true,
      // A value checked against the schema, never contacted: the sandbox answers on loopback.
      baseURL: 'https://filsluse.ssb.no',
      securityNoticeRequired: 'NotRequired',
      mfaTrustDeviceEnabled: false,
      ssoAuthMode: 'Invalid',
    };
    const requirements = {
      minimum_length: 6,
      username_match_requirement: 'MustNotResemble',
      require_letters_numbers: true,
      no_dictionary_words: false,
      require_mixed_case: false,
      require_non_alphanumeric: false,
    };
    const passwordChange = {
      error: 'password_change_required',
      error_code: 3988,
      mfa_access_token: 'm',
      password_requirements: requirements,
      user: { org_id: 5281 },
    };
    const { totalPages: _dropped, ...pagingWithoutTotalPages } = paging;
    const { hash: _hash, ...detailsWithoutHash } = details;

    // The good bodies pass, so each rejection below is caused by the one defect it plants.
    const good: [string, unknown][] = [
      ['SimpleFileResourceModel', file],
      ['FileDetailsModel', details],
      ['SimpleFolderModel', folder],
      ['UserDetailsModel', user],
      ['UserDetailsModel', { ...user, lastLoginStamp: null, passwordChangeStamp: null }],
      ['PublicOrgModel', org],
      ['PagedFiles', { items: [file], paging, sorting }],
      ['PagedFolders', { items: [folder], paging, sorting }],
      ['SimpleFileResourcePagedModel', { items: [file], paging, sorting, currentTimestamp: '2025-01-20T10:15:30' }],
      ['TokenAcquiredModel', { access_token: 'a', token_type: 'bearer', expires_in: 1200, refresh_token: 'r' }],
      ['TokenError', { error: 'invalid_grant', error_description: 'Invalid username/password', error_code: 2400 }],
      ['TokenError', passwordChange],
      [
        'TokenError',
        { error: 'accept_security_notice_required', error_code: 3985, mfa_access_token: 'm', user: { org_id: 5281 } },
      ],
      [
        'TokenError',
        {
          error: 'mfa_required',
          error_code: 2028,
          mfa_access_token: 'm',
          mfa_supported_methods: { is_mfa_authenticator_enabled: true, is_mfa_email_enabled: false },
        },
      ],
      ['TokenOtpSent', { user: { masked_email: 'p***@example.no' } }],
      ['ErrorModel', { errorCode: 404, detail: 'Not found', title: 'Not Found' }],
    ];
    for (const [schema, body] of good)
      assert.equal(problems(schema, body), undefined, `the hand-made ${schema} should conform`);

    const bad: [string, string, unknown, RegExp][] = [
      ['file id as a number', 'SimpleFileResourceModel', { ...file, id: 455000001 }, /\/id must be string/],
      [
        'folderID as a string',
        'SimpleFileResourceModel',
        { ...file, folderID: '700000001' },
        /folderID must be integer/,
      ],
      [
        'uploadStamp with a time zone',
        'SimpleFileResourceModel',
        { ...file, uploadStamp: '2025-01-20T10:15:30Z' },
        /uploadStamp must match pattern/,
      ],
      ['size as a fraction', 'SimpleFileResourceModel', { ...file, size: 1.5 }, /size must be integer/],
      ['FileDetailsModel orgID as a number', 'FileDetailsModel', { ...details, orgID: 5281 }, /orgID must be string/],
      ['FileDetailsModel without hash', 'FileDetailsModel', detailsWithoutHash, /must have required property 'hash'/],
      [
        'folderType "Bogus"',
        'SimpleFolderModel',
        { ...folder, folderType: 'Bogus' },
        /folderType must be equal to one of the allowed values/,
      ],
      ['folder id as a string', 'SimpleFolderModel', { ...folder, id: '700000001' }, /\/id must be integer/],
      [
        'permission flag as a string',
        'SimpleFolderModel',
        { ...folder, permission: { ...folder.permission, canReadFiles: 'yes' } },
        /canReadFiles must be boolean/,
      ],
      ['UserDetailsModel orgID as a string', 'UserDetailsModel', { ...user, orgID: '5281' }, /orgID must be integer/],
      [
        'UserDetailsModel homeFolderID as a string',
        'UserDetailsModel',
        { ...user, homeFolderID: '1' },
        /homeFolderID must be integer/,
      ],
      [
        'UserDetailsModel status "Locked"',
        'UserDetailsModel',
        { ...user, status: 'Locked' },
        /status must be equal to one of the allowed values/,
      ],
      [
        'UserDetailsModel permission "Root"',
        'UserDetailsModel',
        { ...user, permission: 'Root' },
        /permission must be equal to one of the allowed values/,
      ],
      [
        'UserDetailsModel authMethod "MOVEit"',
        'UserDetailsModel',
        { ...user, authMethod: 'MOVEit' },
        /authMethod must be equal to one of the allowed values/,
      ],
      ['PublicOrgModel id as a number', 'PublicOrgModel', { ...org, id: 5281 }, /\/id must be string/],
      [
        'PublicOrgModel securityNoticeRequired as a boolean',
        'PublicOrgModel',
        { ...org, securityNoticeRequired: false },
        /securityNoticeRequired must be equal to one of the allowed values/,
      ],
      [
        'PublicOrgModel ssoAuthMode "None"',
        'PublicOrgModel',
        { ...org, ssoAuthMode: 'None' },
        /ssoAuthMode must be equal to one of the allowed values/,
      ],
      [
        'paging without totalPages',
        'PagedFiles',
        { items: [file], paging: pagingWithoutTotalPages, sorting },
        /must have required property 'totalPages'/,
      ],
      [
        'the older flat paging shape',
        'PagedFiles',
        { items: [file], currentPage: 1, totalItems: 1, itemsPerPage: 25 },
        /must have required property 'paging'/,
      ],
      [
        'sortDirection "ascending"',
        'PagedFolders',
        { items: [folder], paging, sorting: [{ sortField: 'name', sortDirection: 'ascending' }] },
        /sortDirection must be equal to one of the allowed values/,
      ],
      [
        'a folder page holding a bad folder',
        'PagedFolders',
        { items: [{ ...folder, folderType: 'Bogus' }], paging, sorting },
        /items\/0\/folderType/,
      ],
      [
        'a file page holding a numeric file id',
        'PagedFiles',
        { items: [{ ...file, id: 1 }], paging, sorting },
        /items\/0\/id must be string/,
      ],
      [
        'GET /files without currentTimestamp',
        'SimpleFileResourcePagedModel',
        { items: [file], paging, sorting },
        /must have required property 'currentTimestamp'/,
      ],
      [
        'expires_in as a string',
        'TokenAcquiredModel',
        { access_token: 'a', token_type: 'bearer', expires_in: '1200', refresh_token: 'r' },
        /expires_in must be integer/,
      ],
      [
        'token answer without refresh_token',
        'TokenAcquiredModel',
        { access_token: 'a', token_type: 'bearer', expires_in: 1200 },
        /must have required property 'refresh_token'/,
      ],
      [
        'an ErrorModel instead of a token error',
        'TokenError',
        { errorCode: 400, detail: 'Bad', title: 'Bad Request' },
        /must match exactly one schema in oneOf/,
      ],
      [
        'password_change_required with error_code 3985',
        'TokenError',
        { ...passwordChange, error_code: 3985 },
        /error_code must be equal to constant/,
      ],
      [
        'password_change_required without user.org_id',
        'TokenError',
        { ...passwordChange, user: {} },
        /must have required property 'org_id'/,
      ],
      [
        'username_match_requirement "Never"',
        'TokenError',
        { ...passwordChange, password_requirements: { ...requirements, username_match_requirement: 'Never' } },
        /username_match_requirement must be equal to one of the allowed values/,
      ],
      [
        'an OAuth-style error instead of an ErrorModel',
        'ErrorModel',
        { error: 'not_found', message: 'x' },
        /must have required property 'errorCode'/,
      ],
      [
        'errorCode as a string',
        'ErrorModel',
        { errorCode: '404', detail: 'Not found', title: 'Not Found' },
        /errorCode must be integer/,
      ],
    ];
    for (const [what, schema, body, expected] of bad) {
      const errors = problems(schema, body);
      assert.notEqual(errors, undefined, `${schema} accepted a body with ${what}`);
      assert.match(
        errors as string,
        expected,
        `${schema} rejected a body with ${what}, but not for that reason:\n  ${errors}`,
      );
    }
  });

  it('certificate verification is on: a client that does not trust the sandbox CA is refused', async () => {
    const untrusting = new Agent();
    try {
      await assert.rejects(
        request(`${sandbox.info.ssbUrl}/api/v1/info`, { dispatcher: untrusting }).then((response) =>
          response.body.text(),
        ),
        (error: Error & { code?: string; cause?: { code?: string } }) =>
          /CERT|SELF_SIGNED|UNABLE_TO/i.test(`${error.code ?? ''} ${error.cause?.code ?? ''} ${error.message}`),
      );
    } finally {
      await untrusting.close();
    }
  });

  it('POST /api/v1/token, password grant: 200 TokenAcquiredModel', async () => {
    const answer = await signIn(0);
    expectAnswer(answer, 200, 'TokenAcquiredModel', 'POST /api/v1/token (password grant)');
    assert.equal(String(answer.body.token_type).toLowerCase(), 'bearer');
  });

  it('POST /api/v1/token, refresh_token grant: 200 TokenAcquiredModel', async () => {
    const first = await signIn(0);
    expectAnswer(first, 200, 'TokenAcquiredModel', 'POST /api/v1/token (password grant)');
    const answer = await call('POST', '/api/v1/token', {
      form: { grant_type: 'refresh_token', refresh_token: first.body.refresh_token as string },
    });
    expectAnswer(answer, 200, 'TokenAcquiredModel', 'POST /api/v1/token (refresh_token grant)');
    assert.notEqual(answer.body.access_token, first.body.access_token, 'the refresh should issue a new access token');
  });

  it('POST /api/v1/token with a wrong password: 400 invalid_grant', async () => {
    // The second municipality, one bad attempt: far from the lockout and not the signed-in user.
    const { username } = municipality(1);
    const answer = await call('POST', '/api/v1/token', {
      form: { grant_type: 'password', username, password: 'Feil-passord-1' },
    });
    expectAnswer(answer, 400, 'TokenError', 'POST /api/v1/token (wrong password)');
    assert.equal(answer.body.error, 'invalid_grant');
  });

  it('POST /api/v1/token when a password change is forced: 400 password_change_required', async () => {
    const { username } = municipality(2);
    sandbox.faults.set({ forcePasswordChange: [username] });
    try {
      const answer = await signIn(2);
      expectAnswer(answer, 400, 'TokenError', 'POST /api/v1/token (forced password change, no new_password)');
      assert.equal(answer.body.error, 'password_change_required');
    } finally {
      sandbox.faults.clear();
    }
  });

  it('GET /api/v1/info?orgId=5281 (no token): 200 PublicOrgModel', async () => {
    const answer = await call('GET', '/api/v1/info?orgId=5281');
    expectAnswer(answer, 200, 'PublicOrgModel', 'GET /api/v1/info');
    assert.equal(answer.body.id, '5281');
  });

  it('GET /api/v1/info when the portal wants a token (infoRequiresToken): 401 and 403 ErrorModel', async () => {
    try {
      for (const status of [401, 403] as const) {
        sandbox.faults.set({ infoRequiresToken: { status } });
        const answer = await call('GET', '/api/v1/info?orgId=5281');
        expectAnswer(answer, status, 'ErrorModel', `GET /api/v1/info (token required, ${status})`);
      }
      const withToken = await call('GET', '/api/v1/info?orgId=5281', { token: await accessToken() });
      expectAnswer(withToken, 200, 'PublicOrgModel', 'GET /api/v1/info (token required, with a token)');
    } finally {
      sandbox.faults.clear();
    }
  });

  it('POST /api/v1/token for a user with MFA: 401 mfa_required; the otp grant: 200; POST /token/otp: the masked e-mail', async () => {
    const { username, password } = municipality(0);
    sandbox.faults.set({ mfa: { users: [username], email: true } });
    try {
      const answer = await call('POST', '/api/v1/token', { form: { grant_type: 'password', username, password } });
      expectAnswer(answer, 401, 'TokenError', 'POST /api/v1/token (mfa_required)');
      assert.equal(answer.body.error, 'mfa_required');
      const mfa_access_token = answer.body.mfa_access_token as string;
      const sent = await call('POST', '/api/v1/token/otp', { form: { mfa_access_token } });
      expectAnswer(sent, 200, 'TokenOtpSent', 'POST /api/v1/token/otp');
      const otp = await call('POST', '/api/v1/token', { form: { grant_type: 'otp', mfa_access_token, otp: '246810' } });
      expectAnswer(otp, 200, 'TokenAcquiredModel', 'POST /api/v1/token (otp grant)');
    } finally {
      sandbox.faults.clear();
    }
  });

  it('GET /api/v1/folders/{id}/files/… with nullHash: the details break the schema on hash only', async () => {
    const { body: file } = await uploaded();
    sandbox.faults.set({ nullHash: true });
    try {
      const answer = await call('GET', `/api/v1/files/${String(file.id)}`, { token: await accessToken() });
      assert.equal(answer.status, 200);
      assert.equal(answer.body.hash, null);
      assert.match(problems('FileDetailsModel', answer.body) ?? '', /^body\/hash must be string$/);
    } finally {
      sandbox.faults.clear();
    }
  });

  it('POST /api/v1/token with a security notice to accept: 400 accept_security_notice_required; /info serves the notice', async () => {
    sandbox.faults.set({ securityNotice: { users: [municipality(0).username], text: 'Kun for autoriserte brukere.' } });
    try {
      const answer = await signIn(0);
      expectAnswer(answer, 400, 'TokenError', 'POST /api/v1/token (accept_security_notice_required)');
      assert.equal(answer.body.error, 'accept_security_notice_required');
      const info = await call('GET', '/api/v1/info?orgId=5281');
      expectAnswer(info, 200, 'PublicOrgModel', 'GET /api/v1/info');
      assert.equal(info.body.securityNoticeRequired, 'Always');
      assert.equal(info.body.securityNotice, 'Kun for autoriserte brukere.');
    } finally {
      sandbox.faults.clear();
    }
  });

  it('POST /api/v1/token when MFA is not set up: 412 RequestTokenError', async () => {
    sandbox.faults.set({ mfaSetupRequired: [municipality(0).username] });
    try {
      expectAnswer(await signIn(0), 412, 'RequestTokenError', 'POST /api/v1/token (412)');
    } finally {
      sandbox.faults.clear();
    }
  });

  it('an expired or revoked token with expiredTokenStatus 403: 403 ErrorModel', async () => {
    const token = (await signIn(0)).body.access_token as string;
    await call('POST', '/api/v1/token/revoke', { form: { token } });
    sandbox.faults.set({ expiredTokenStatus: 403 });
    try {
      expectAnswer(await call('GET', '/api/v1/users/self', { token }), 403, 'ErrorModel', 'GET /users/self (revoked)');
    } finally {
      sandbox.faults.clear();
    }
  });

  it('GET /api/v1/users/self without a token: 401 ErrorModel', async () => {
    const answer = await call('GET', '/api/v1/users/self');
    expectAnswer(answer, 401, 'ErrorModel', 'GET /api/v1/users/self (no token)');
  });

  it('GET /api/v1/files/999 (unknown file): 404 ErrorModel', async () => {
    const answer = await call('GET', '/api/v1/files/999', { token: await accessToken() });
    expectAnswer(answer, 404, 'ErrorModel', 'GET /api/v1/files/999');
  });

  it('GET /api/v1/users/self: 200 UserDetailsModel', async () => {
    const answer = await call('GET', '/api/v1/users/self', { token: await accessToken() });
    expectAnswer(answer, 200, 'UserDetailsModel', 'GET /api/v1/users/self');
    assert.equal(answer.body.username, municipality(0).username);
  });

  it('GET /api/v1/folders?path=…/frassb: 200 PagedModel<SimpleFolderModel>', async () => {
    // frassbFolderId() validates the page against PagedFolders and checks that it found the folder.
    assert.equal(typeof (await frassbFolderId()), 'number');
  });

  it('GET /api/v1/folders/{id}: 200 SimpleFolderModel', async () => {
    const id = await frassbFolderId();
    const answer = await call('GET', `/api/v1/folders/${id}`, { token: await accessToken() });
    // The reference names this answer FolderDetailsModel without listing its fields; it must carry at least SimpleFolderModel's.
    expectAnswer(answer, 200, 'SimpleFolderModel', `GET /api/v1/folders/${id}`);
    assert.equal(answer.body.id, id);
  });

  it('POST /api/v1/folders/{id}/files (multipart, sha-1): 201 FileDetailsModel', async () => {
    // uploaded() checks status, content type and FileDetailsModel.
    const { body } = await uploaded();
    assert.equal(body.size, content.length);
    assert.equal(body.folderID, await frassbFolderId());
    const hash = String(body.hash);
    assert.ok(
      hash.toLowerCase() === sha1 || hash === Buffer.from(sha1, 'hex').toString('base64'),
      `hash ${hash} is not the SHA-1 of the upload (${sha1})`,
    );
  });

  it('GET /api/v1/folders/{id}/files: 200 PagedModel<SimpleFileResourceModel>', async () => {
    const { body: file } = await uploaded();
    const id = await frassbFolderId();
    const answer = await call('GET', `/api/v1/folders/${id}/files`, { token: await accessToken() });
    expectAnswer(answer, 200, 'PagedFiles', `GET /api/v1/folders/${id}/files`);
    assert.ok(
      (answer.body.items as Json[]).some((item) => item.id === file.id),
      `the uploaded file ${String(file.id)} is not listed`,
    );
  });

  it('GET /api/v1/files: 200 PagedModel<SimpleFileResourceModel> with currentTimestamp', async () => {
    const { body: file } = await uploaded();
    const answer = await call('GET', '/api/v1/files', { token: await accessToken() });
    expectAnswer(answer, 200, 'SimpleFileResourcePagedModel', 'GET /api/v1/files');
    assert.ok(
      (answer.body.items as Json[]).some((item) => item.id === file.id),
      `the uploaded file ${String(file.id)} is not listed`,
    );
  });

  it('GET /api/v1/files/{id}: 200 FileDetailsModel', async () => {
    const { body: file } = await uploaded();
    const answer = await call('GET', `/api/v1/files/${String(file.id)}`, { token: await accessToken() });
    expectAnswer(answer, 200, 'FileDetailsModel', `GET /api/v1/files/${String(file.id)}`);
    assert.equal(answer.body.id, file.id);
  });
});
