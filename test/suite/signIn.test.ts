// SSB's sign-in questions in the real VS Code: the one-time code typed into the real quick
// input (answered through `workbench.action.acceptSelectedQuickOpenItem`), the security
// notice's text from /info reaching the prompt, the server's password rules in the
// change-password box, and the sign-in guard's record next to the history file.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { SignInGuard, signInGuardFile } from '../../src/core/ssb/signInGuard';
import type { SecurityNotice } from '../../src/core/ssb/signInPrompts';
import { DEFAULT_OTP, DEFAULT_SECURITY_NOTICE } from '../sandbox/moveit/tokenRoutes';
import { HAMAR, sandboxFixture, tempFolder, waitFor, type SandboxFixture } from './sandboxSetup';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Types `value` into the shown box and presses Enter, as the user would. */
async function answer(box: vscode.InputBox, value: string): Promise<void> {
  await pause(300); // the quick input is shown asynchronously
  box.value = value;
  await pause(100);
  await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
}

describe('SSB sign-in: MFA, security notice, password rules', () => {
  let fixture: SandboxFixture;
  const historyFolder = tempFolder('sign-in');

  before(async () => {
    fixture = await sandboxFixture({ historyFolder });
  });
  afterEach(async () => {
    fixture.sandbox.faults.clear();
    await fixture.api.services.ssb.signOut();
  });
  after(async () => {
    await fixture?.stop();
  });

  it('mfa_required: the one-time code is asked in an input box and the sign-in completes', async () => {
    fixture.sandbox.faults.set({ mfa: { users: [HAMAR.ssbUsername] } });
    const shown: { title: string; password: boolean }[] = [];
    const listener = fixture.api.services.ssb.prompts.onDidShowInput((box) => {
      shown.push({ title: box.title ?? '', password: box.password });
      void answer(box, DEFAULT_OTP);
    });
    try {
      const session = await fixture.api.services.ssb.signIn();
      assert.ok(session.frassb, 'signed in and found frassb');
    } finally {
      listener.dispose();
    }
    assert.equal(shown.length, 1);
    assert.match(shown[0]?.title ?? '', /one-time code/);
    assert.equal(shown[0]?.password, true, 'the code is not shown while typed');
  });

  it("security notice: the prompt gets /info's text; declining cancels, accepting signs in", async () => {
    fixture.sandbox.faults.set({ securityNotice: { users: [HAMAR.ssbUsername] } });
    const prompts = fixture.api.services.ssb.prompts;
    const original = prompts.acceptSecurityNotice.bind(prompts);
    const notices: SecurityNotice[] = [];
    let accept = false;
    prompts.acceptSecurityNotice = async (notice) => {
      notices.push(notice);
      return accept;
    };
    try {
      await assert.rejects(fixture.api.services.ssb.signIn(), /security notice was not accepted/);
      accept = true;
      assert.ok((await fixture.api.services.ssb.signIn()).frassb);
    } finally {
      prompts.acceptSecurityNotice = original;
    }
    assert.deepEqual(notices, [DEFAULT_SECURITY_NOTICE, DEFAULT_SECURITY_NOTICE]);
  });

  it("the change-password box checks the server's password_requirements as the user types", async () => {
    fixture.sandbox.faults.set({
      forcePasswordChange: [HAMAR.ssbUsername],
      passwordRequirements: {
        [HAMAR.ssbUsername]: {
          minimum_length: 12,
          require_mixed_case: true,
          require_non_alphanumeric: true,
          no_dictionary_words: true,
        },
      },
    });
    const newPassword = 'Lang-Vinterkveld-77';
    const seen: { title: string; prompt: string; refused?: string; note?: string }[] = [];
    const listener = fixture.api.services.ssb.prompts.onDidShowInput((box) => {
      const entry = { title: box.title ?? '', prompt: box.prompt ?? '' };
      seen.push(entry);
      void (async () => {
        if (seen.length === 1) {
          await answer(box, 'kortpass1');
          await pause(300);
          Object.assign(entry, { refused: messageOf(box.validationMessage) });
          await answer(box, newPassword);
          Object.assign(entry, { note: messageOf(box.validationMessage) });
        } else await answer(box, newPassword);
      })();
    });
    try {
      assert.ok((await fixture.api.services.ssb.signIn()).frassb);
    } finally {
      listener.dispose();
    }
    assert.equal(seen.length, 2, 'the new password and its repetition');
    const [first] = seen;
    assert.match(first?.prompt ?? '', /at least 12 characters.*upper-case.*neither a letter nor a digit/);
    assert.match(first?.refused ?? '', /SSB requires: at least 12 characters; both upper-case and lower-case letters/);
    assert.match(first?.note ?? '', /dictionary words.*cannot be checked here/);
    assert.equal(await fixture.api.services.secrets.get(HAMAR, 'ssbPassword'), newPassword, 'stored');
    assert.equal(fixture.sandbox.portal.user(HAMAR.ssbUsername)?.password, newPassword, 'set on the portal');
  });

  it("the sign-in guard's record is the file next to the history file, shared with the CLI", async () => {
    const cli = new SignInGuard(Date.now, signInGuardFile(join(historyFolder, 'history.jsonl')));
    cli.recordFailure('someone@example.kommune.no');
    await waitFor('the extension to see the record', () =>
      fixture.api.services.ssb.guard.failedAttempts('someone@example.kommune.no') === 1 ? true : undefined,
    );
    fixture.api.services.ssb.guard.recordSuccess('someone@example.kommune.no');
    assert.equal(cli.failedAttempts('someone@example.kommune.no'), 0);
  });
});

function messageOf(message: string | vscode.InputBoxValidationMessage | undefined): string {
  return typeof message === 'string' ? message : (message?.message ?? '');
}
