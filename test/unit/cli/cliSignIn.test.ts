import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { SignInGuard, signInGuardFile } from '../../../src/core/ssb/signInGuard';
import { runCliProcess, type CliRun } from '../../helpers/cli';
import type { DemoMunicipality } from '../../sandbox/demoData';
import { DEFAULT_OTP } from '../../sandbox/moveit/tokenRoutes';
import { startSandbox, writeSandboxFiles, type Sandbox } from '../../sandbox/server';

// The CLI's SSB sign-in against the sandbox: MFA, the security notice, 412, a required password change,
// the persisted sign-in guard and the revoke at the end of a command.
describe('iplos: signing in to SSB', () => {
  let sandbox: Sandbox;
  let hamar: DemoMunicipality;
  let state: string;
  let env: Record<string, string>;
  const count = (path: string) => sandbox.requests.filter((record) => record.path === path).length;

  before(async () => {
    state = await mkdtemp(join(tmpdir(), 'iplos-cli-sign-in-'));
    sandbox = await startSandbox({ port: 0, stateDir: join(state, 'sandbox') });
    await writeSandboxFiles(sandbox.info);
    hamar = sandbox.info.municipalities[0] as DemoMunicipality;
    const {
      IPLOS_SSB_PASSWORD: _a,
      IPLOS_SSB_OTP: _b,
      IPLOS_MUNICIPALITY: _c,
      ...clean
    } = process.env as Record<string, string>;
    env = {
      ...clean,
      IPLOS_CONFIG: join(sandbox.info.stateDir, 'iplos.config.json'),
      XDG_STATE_HOME: join(state, 'xdg'),
      IPLOS_SSB_PASSWORD: hamar.password,
    };
  });
  beforeEach(() => sandbox.faults.clear());
  after(async () => {
    await sandbox.stop();
    await rm(state, { recursive: true, force: true });
  });

  const iplos = (args: string[], extraEnv: Record<string, string | undefined> = {}): Promise<CliRun> =>
    runCliProcess(args, env, extraEnv);

  it('revokes both tokens at the end of a command that signed in', async () => {
    const before = count('/api/v1/token/revoke');
    const result = await iplos(['feedback', 'list']);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(count('/api/v1/token/revoke') - before, 2, 'access and refresh token revoked');
  });

  it('MFA: the code from IPLOS_SSB_OTP; without it and without a terminal a usage error; a wrong code is not retried', async () => {
    sandbox.faults.set({ mfa: { users: [hamar.username] } });
    const signedIn = await iplos(['feedback', 'list'], { IPLOS_SSB_OTP: DEFAULT_OTP });
    assert.equal(signedIn.status, 0, signedIn.stderr);
    const missing = await iplos(['feedback', 'list']);
    assert.equal(missing.status, 2, missing.stderr);
    assert.match(missing.stderr, /one-time code.*IPLOS_SSB_OTP/);
    const before = count('/api/v1/token');
    const wrong = await iplos(['feedback', 'list'], { IPLOS_SSB_OTP: '111111' });
    assert.equal(wrong.status, 1);
    assert.match(wrong.stderr, /did not accept the one-time code/);
    assert.doesNotMatch(wrong.stderr, /111111/, 'the code is never printed');
    assert.equal(count('/api/v1/token') - before, 2, 'the password grant and one otp grant');
  });

  it('security notice without a terminal: a usage error, nothing accepted', async () => {
    sandbox.faults.set({ securityNotice: { users: [hamar.username] } });
    const before = count('/api/v1/token');
    const result = await iplos(['feedback', 'list']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /security notice/);
    assert.equal(count('/api/v1/token') - before, 1, 'never resubmitted with accept_security_notice');
  });

  it('412: says MFA must first be set up in the web portal, with its link', async () => {
    sandbox.faults.set({ mfaSetupRequired: [hamar.username] });
    const result = await iplos(['feedback', 'list']);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /two-step verification/);
    assert.ok(result.stderr.includes(sandbox.info.ssbUrl), result.stderr);
  });

  it('a required password change: the CLI says to change it in VS Code or the web portal, with the rules', async () => {
    sandbox.faults.set({
      forcePasswordChange: [hamar.username],
      passwordRequirements: { [hamar.username]: { minimum_length: 12, require_mixed_case: true } },
    });
    const result = await iplos(['feedback', 'list']);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /requires you to choose a new password/);
    assert.match(result.stderr, /VS Code.*web portal/);
    assert.match(result.stderr, /at least 12 characters/);
  });

  it('the sign-in guard persists: after two wrong passwords the next run is held back without asking SSB; the file is shared', async () => {
    const trondheim = sandbox.info.municipalities[2] as DemoMunicipality;
    const config = JSON.parse(await readFile(env.IPLOS_CONFIG as string, 'utf8')) as Record<string, unknown>;
    const trondheimConfig = join(state, 'trondheim.config.json');
    await writeFile(
      trondheimConfig,
      JSON.stringify({
        ...config,
        municipalities: [
          { number: trondheim.number, name: trondheim.name, bydel: '00', ssbUsername: trondheim.username },
        ],
        activeMunicipality: trondheim.number,
      }),
    );
    const as = { IPLOS_CONFIG: trondheimConfig };
    for (const attempt of [1, 2]) {
      const wrong = await iplos(['feedback', 'list'], { ...as, IPLOS_SSB_PASSWORD: `feil-passord-${attempt}` });
      assert.equal(wrong.status, 1);
    }
    const before = count('/api/v1/token');
    const held = await iplos(['feedback', 'list'], { ...as, IPLOS_SSB_PASSWORD: trondheim.password });
    assert.equal(held.status, 1);
    assert.match(held.stderr, /held back for \d+ s/);
    assert.equal(count('/api/v1/token'), before, 'the held-back run never reached SSB');
    // The extension builds the same guard from its history file: it sees the CLI's record, and the CLI its.
    const file = signInGuardFile(join(state, 'xdg', 'iplos-innsending', 'history.jsonl'));
    assert.ok(existsSync(file), file);
    const extensionGuard = new SignInGuard(Date.now, file);
    assert.equal(extensionGuard.failedAttempts(trondheim.username), 2);
    extensionGuard.recordSuccess(trondheim.username);
    const after = await iplos(['feedback', 'list'], { ...as, IPLOS_SSB_PASSWORD: trondheim.password });
    assert.equal(after.status, 0, after.stderr);
  });
});
