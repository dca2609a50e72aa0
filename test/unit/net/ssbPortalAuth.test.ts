import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { CancelledError } from '../../../src/core/abort';
import { createTransport, type Transport } from '../../../src/core/net/transport';
import { SsbPortalClient } from '../../../src/core/ssb/portalClient';
import { SignInGuard } from '../../../src/core/ssb/signInGuard';
import type { OneTimeCodeRequest, SecurityNotice, SignInPrompts } from '../../../src/core/ssb/signInPrompts';
import {
  AccessRefused,
  MfaSetupRequired,
  OneTimeCodeRejected,
  PasswordChangeRequired,
  SignInNeedsUser,
} from '../../../src/core/ssb/ssbErrors';
import type { DemoMunicipality } from '../../sandbox/demoData';
import { DEFAULT_OTP, DEFAULT_SECURITY_NOTICE } from '../../sandbox/moveit/tokenRoutes';
import { startSandbox, type Sandbox } from '../../sandbox/server';

type Internals = { auth: { tokens: { access: string; refresh: string } | undefined } };

// Sign-in, tokens and sign-out of the SSB portal client against the sandbox's MOVEit token endpoints.
describe('SSB portal client: authentication', () => {
  let sandbox: Sandbox;
  let transport: Transport;
  let hamar: DemoMunicipality;
  let oslo: DemoMunicipality;
  let fileId: string;
  const fast = { retry: { baseDelayMs: 10, maxDelayMs: 50 } };
  const client = (options: { prompts?: SignInPrompts; now?: () => number; guard?: SignInGuard } = {}) =>
    new SsbPortalClient(transport.dispatcher, sandbox.info.ssbUrl, { orgId: '5281', ...fast, ...options });
  const count = (path: string) => sandbox.requests.filter((record) => record.path === path).length;
  const tokenRequests = () => count('/api/v1/token');
  const tokensOf = (ssb: SsbPortalClient) => {
    const tokens = (ssb as unknown as Internals).auth.tokens;
    assert.ok(tokens, 'signed in');
    return tokens;
  };
  /** Prompts that answer as told and remember what they were asked. */
  function prompts(code: string | undefined, accept = true) {
    const asked: { codes: OneTimeCodeRequest[]; notices: SecurityNotice[]; masked: string[] } = {
      codes: [],
      notices: [],
      masked: [],
    };
    const implementation: SignInPrompts = {
      async oneTimeCode(request) {
        asked.codes.push(request);
        if (request.sendEmailCode) asked.masked.push(await request.sendEmailCode());
        return code;
      },
      async acceptSecurityNotice(notice) {
        asked.notices.push(notice);
        return accept;
      },
    };
    return { implementation, asked };
  }

  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    transport = await createTransport({ caFile: sandbox.info.caFile });
    hamar = sandbox.info.municipalities[0] as DemoMunicipality;
    oslo = sandbox.info.municipalities[1] as DemoMunicipality;
    const frassb = sandbox.portal.folderByPath(`/Home/Ekstern/iplos/${hamar.username}/frassb`)?.id as number;
    fileId = (
      await sandbox.portal.addFile(frassb, 'auth.txt', Buffer.from('x'), { username: 'frassb', fullName: 'SSB' })
    ).id;
  });
  beforeEach(() => sandbox.faults.clear());
  after(async () => {
    await transport.close();
    await sandbox.stop();
  });

  it('refresh is single-flight: two requests past half-life send one refresh_token grant and share its result', async () => {
    let clock = 0;
    const ssb = client({ now: () => clock });
    await ssb.signIn(hamar.username, hamar.password);
    const old = { ...tokensOf(ssb) };
    clock = 700_000; // past half of the 1200 s
    const before = tokenRequests();
    const [details, self] = await Promise.all([ssb.fileDetails(fileId), ssb.self(), ssb.fileDetails(fileId)]);
    assert.equal(details.id, fileId);
    assert.equal(self.username, hamar.username);
    assert.equal(tokenRequests() - before, 1, 'one refresh grant for all three requests');
    const now = tokensOf(ssb);
    assert.notEqual(now.access, old.access);
    assert.notEqual(now.refresh, old.refresh, 'the new refresh token replaces the old one');
    await ssb.signOut();
  });

  it('403 with a token past half-life: renews (here by signing in again, the refresh token expired too) and repeats once', async () => {
    sandbox.faults.set({
      tokenLifetimeSeconds: 2,
      expiredTokenStatus: 403,
      delay: [{ path: `/api/v1/files/${fileId}$`, ms: 2200 }],
    });
    const ssb = client();
    await ssb.signIn(hamar.username, hamar.password);
    const before = tokenRequests();
    assert.equal((await ssb.fileDetails(fileId)).id, fileId);
    assert.equal(tokenRequests() - before, 2, 'a refused refresh grant, then one password grant');
    await ssb.signOut();
  });

  it('a second 403 after renewing is "refused" (AccessRefused); a 403 on a fresh token is not renewed', async () => {
    sandbox.faults.set({
      tokenLifetimeSeconds: 2,
      delay: [{ path: `/api/v1/files/${fileId}$`, ms: 1100 }],
      failRequests: [{ path: `/api/v1/files/${fileId}$`, status: 403, times: 2 }],
    });
    const ssb = client();
    await ssb.signIn(hamar.username, hamar.password);
    await assert.rejects(ssb.fileDetails(fileId), (error: AccessRefused) => {
      assert.ok(error instanceof AccessRefused);
      assert.match(error.message, /refused access/);
      assert.match(error.remedy, /also after signing in again/);
      return true;
    });
    sandbox.faults.set({ failRequests: [{ path: `/api/v1/files/${fileId}$`, status: 403 }] });
    const fresh = client();
    await fresh.signIn(hamar.username, hamar.password);
    const before = tokenRequests();
    await assert.rejects(fresh.fileDetails(fileId), AccessRefused);
    assert.equal(tokenRequests(), before, 'no renewal for a 403 on a fresh token');
  });

  it('mfa_required: asks for the code, resubmits grant_type=otp, and never repeats a wrong code', async () => {
    sandbox.faults.set({ mfa: { users: [hamar.username] } });
    const right = prompts(DEFAULT_OTP);
    const ssb = client({ prompts: right.implementation });
    await ssb.signIn(hamar.username, hamar.password);
    assert.equal(ssb.signedIn, true);
    assert.deepEqual(
      right.asked.codes.map(({ authenticator, email }) => ({ authenticator, email })),
      [{ authenticator: true, email: false }],
    );
    await ssb.signOut();

    const guard = new SignInGuard();
    const wrong = prompts('000000');
    const before = tokenRequests();
    await assert.rejects(
      client({ prompts: wrong.implementation, guard }).signIn(hamar.username, hamar.password),
      (error: OneTimeCodeRejected) => {
        assert.ok(error instanceof OneTimeCodeRejected);
        assert.match(error.message, /did not accept the one-time code/);
        assert.doesNotMatch(`${error.message} ${error.detail}`, /000000/, 'the code is never in an error');
        return true;
      },
    );
    assert.equal(tokenRequests() - before, 2, 'the password grant and one otp grant, no retry');
    assert.equal(guard.failedAttempts(hamar.username), 0, 'a wrong code is not a wrong password');

    await assert.rejects(client().signIn(hamar.username, hamar.password), SignInNeedsUser);
    await assert.rejects(
      client({ prompts: prompts(undefined).implementation }).signIn(hamar.username, hamar.password),
      CancelledError,
    );
  });

  it('mfa by e-mail: offers the e-mail code (POST /api/v1/token/otp) and shows the masked address', async () => {
    sandbox.faults.set({ mfa: { users: [hamar.username], email: true, authenticator: false, code: '135790' } });
    const answered = prompts('135790');
    const before = count('/api/v1/token/otp');
    await client({ prompts: answered.implementation }).signIn(hamar.username, hamar.password);
    assert.equal(count('/api/v1/token/otp') - before, 1);
    assert.match(answered.asked.masked[0] ?? '', /^p\*+@hamar\.kommune\.no$/);
    assert.equal(answered.asked.codes[0]?.authenticator, false);
  });

  it("security notice: shows /info's text and resubmits with accept_security_notice only after the user accepts", async () => {
    sandbox.faults.set({ securityNotice: { users: [hamar.username] } });
    const accepting = prompts(undefined, true);
    await client({ prompts: accepting.implementation }).signIn(hamar.username, hamar.password);
    assert.deepEqual(accepting.asked.notices, [DEFAULT_SECURITY_NOTICE]);
    const declining = prompts(undefined, false);
    const before = tokenRequests();
    await assert.rejects(
      client({ prompts: declining.implementation }).signIn(hamar.username, hamar.password),
      (error: CancelledError) => error instanceof CancelledError && /security notice/.test(error.message),
    );
    assert.equal(tokenRequests() - before, 1, 'declined: nothing resubmitted');
  });

  it('412: MFA must first be set up, with the link to the web portal', async () => {
    sandbox.faults.set({ mfaSetupRequired: [hamar.username] });
    await assert.rejects(client().signIn(hamar.username, hamar.password), (error: MfaSetupRequired) => {
      assert.ok(error instanceof MfaSetupRequired);
      assert.ok(error.remedy.includes(sandbox.info.ssbUrl), error.remedy);
      return true;
    });
  });

  it("the server's password_requirements are checked in full; a new password SSB refuses is not a wrong password", async () => {
    sandbox.faults.set({
      forcePasswordChange: [oslo.username],
      passwordRequirements: {
        [oslo.username]: {
          minimum_length: 10,
          require_mixed_case: true,
          require_non_alphanumeric: true,
          no_dictionary_words: true,
        },
      },
    });
    const guard = new SignInGuard();
    // A client that has not seen the server's rules checks the letter's: 'vinter77' passes those, SSB refuses it.
    await assert.rejects(
      client({ guard }).signIn(oslo.username, oslo.password, 'vinter77'),
      (error: PasswordChangeRequired) => {
        assert.ok(error instanceof PasswordChangeRequired);
        assert.deepEqual(error.problems, ['too-short', 'needs-mixed-case', 'needs-non-alphanumeric']);
        return true;
      },
    );
    assert.equal(guard.failedAttempts(oslo.username), 0, 'not counted as a wrong password');
    const ssb = client({ guard });
    await assert.rejects(ssb.signIn(oslo.username, oslo.password), (error: PasswordChangeRequired) => {
      assert.equal(error.requirements.fromServer, true);
      assert.equal(error.requirements.minimumLength, 10);
      assert.match(error.remedy, /dictionary words/);
      return true;
    });
    const before = tokenRequests();
    await assert.rejects(ssb.signIn(oslo.username, oslo.password, 'vinterkveld77'), PasswordChangeRequired);
    assert.equal(tokenRequests(), before, "refused locally by the server's rules, nothing sent");
    await ssb.signIn(oslo.username, oslo.password, 'Vinter-Kveld-77');
    await ssb.signOut();
    oslo.password = 'Vinter-Kveld-77';
  });

  it('sign-out revokes both tokens in parallel and gives up after its bound', async () => {
    const ssb = client();
    await ssb.signIn(hamar.username, hamar.password);
    sandbox.faults.set({ delay: [{ path: '/api/v1/token/revoke', ms: 5000, times: 2 }] });
    const started = Date.now();
    await ssb.signOut(300);
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
    assert.equal(ssb.signedIn, false);
  });
});
