import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkSsbPassword } from '../../../src/core/ssb/passwordRules';

const USER = 'postmottak@hamar.kommune.no';

describe("SSB's password rules", () => {
  it('accepts passwords with ≥ 6 characters, a letter and a digit, unlike the user name', () => {
    for (const password of ['Vinter2026', 'abc123', 'Ærlig-7ø', 'ny-Sommer-9'])
      assert.deepEqual(checkSsbPassword(password, USER), [], password);
  });

  it('names every rule a password breaks', () => {
    assert.deepEqual(checkSsbPassword('ab1', USER), ['too-short']);
    assert.deepEqual(checkSsbPassword('bareBokstaver', USER), ['needs-letter-and-digit']);
    assert.deepEqual(checkSsbPassword('12345678', USER), ['needs-letter-and-digit']);
    assert.deepEqual(checkSsbPassword('x', USER), ['too-short', 'needs-letter-and-digit']);
  });

  it('refuses passwords that contain or resemble the user name, in any case or reversed', () => {
    for (const password of ['Postmottak1', 'HAMAR2026', 'kattomtsop9', '1kommune-x', `${USER}1`]) {
      assert.deepEqual(checkSsbPassword(password, USER), ['resembles-username'], password);
    }
  });

  it('counts characters, not UTF-16 units or bytes', () => {
    assert.deepEqual(checkSsbPassword('ææææ1', USER), ['too-short']);
    assert.deepEqual(checkSsbPassword('æøåæø1', USER), []);
  });
});
