import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SignInGuard, signInGuardFile } from '../../../src/core/ssb/signInGuard';
import { tempDir } from '../../helpers/tempDir';

const USER = 'postmottak@hamar.kommune.no';

describe('sign-in guard', () => {
  it('holds back the next attempt after repeated failures; a success clears the record', () => {
    let clock = 1_000_000;
    const guard = new SignInGuard(() => clock);
    guard.recordFailure(USER);
    assert.equal(guard.waitFor(USER), 0, 'one typo costs nothing');
    guard.recordFailure(USER.toUpperCase());
    assert.equal(guard.waitFor(USER), 30_000);
    clock += 30_000;
    assert.equal(guard.waitFor(USER), 0);
    guard.recordSuccess(USER);
    assert.equal(guard.failedAttempts(USER), 0);
  });

  it('persists in a file next to the history file, shared by every guard on it, written atomically', async () => {
    const dir = await tempDir();
    const file = signInGuardFile(join(dir, 'history.jsonl'));
    assert.equal(file, join(dir, 'sign-in-attempts.json'));
    const cli = new SignInGuard(Date.now, file);
    const extension = new SignInGuard(Date.now, () => file);
    cli.recordFailure(USER);
    cli.recordFailure(USER);
    assert.equal(extension.failedAttempts(USER), 2, 'the other process sees the record');
    assert.ok(extension.waitFor(USER) > 25_000);
    assert.deepEqual(await readdir(dir), ['sign-in-attempts.json'], 'no temporary file left');
    const stored = JSON.parse(await readFile(file, 'utf8')) as { users: Record<string, { count: number }> };
    assert.equal(stored.users[USER]?.count, 2);
    assert.doesNotMatch(JSON.stringify(stored), /password/i);
    extension.recordSuccess(USER);
    assert.equal(cli.failedAttempts(USER), 0);
  });

  it('a damaged file counts as empty and is replaced at the next failure', async () => {
    const dir = await tempDir();
    const file = join(dir, 'sign-in-attempts.json');
    for (const damaged of ['{"users": {"x": ', 'null', '{"users": {"a": {"count": "2", "last": 1}}}', '[]']) {
      await writeFile(file, damaged);
      const guard = new SignInGuard(Date.now, file);
      assert.equal(guard.failedAttempts(USER), 0, damaged);
      assert.equal(guard.failedAttempts('a'), 0, damaged);
      guard.recordFailure(USER);
      assert.equal(new SignInGuard(Date.now, file).failedAttempts(USER), 1, damaged);
    }
  });

  it('an unwritable place still guards in memory', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'not-a-folder'), '');
    const guard = new SignInGuard(Date.now, join(dir, 'not-a-folder', 'sign-in-attempts.json'));
    guard.recordFailure(USER);
    guard.recordFailure(USER);
    assert.ok(guard.waitFor(USER) > 0);
  });
});
