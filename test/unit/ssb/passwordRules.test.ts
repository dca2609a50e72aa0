import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkPassword,
  checkSsbPassword,
  describePasswordProblems,
  describePasswordRules,
  LETTER_RULES,
  passwordNote,
  requirementsFrom,
} from '../../../src/core/ssb/passwordRules';

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

  it("reads every field of the server's password_requirements; the letter's rules only when it sends none", () => {
    assert.deepEqual(requirementsFrom(undefined), LETTER_RULES);
    assert.deepEqual(requirementsFrom({}), LETTER_RULES);
    assert.deepEqual(
      requirementsFrom({
        minimum_length: 12,
        username_match_requirement: 'MustNotContain',
        require_letters_numbers: false,
        require_mixed_case: true,
        require_non_alphanumeric: true,
        no_dictionary_words: true,
      }),
      {
        minimumLength: 12,
        usernameRule: 'MustNotContain',
        lettersAndNumbers: false,
        mixedCase: true,
        nonAlphanumeric: true,
        noDictionaryWords: true,
        fromServer: true,
      },
    );
  });

  it('checks each server rule, the four user-name rules included', () => {
    const strict = requirementsFrom({ minimum_length: 8, require_mixed_case: true, require_non_alphanumeric: true });
    assert.deepEqual(checkPassword('vinter77', USER, strict), ['needs-mixed-case', 'needs-non-alphanumeric']);
    assert.deepEqual(checkPassword('Vinter-77', USER, strict), []);
    const rule = (username_match_requirement: string) =>
      requirementsFrom({ minimum_length: 1, require_letters_numbers: false, username_match_requirement });
    assert.deepEqual(checkPassword(USER.toUpperCase(), USER, rule('MustNotMatch')), ['matches-username']);
    assert.deepEqual(checkPassword(`x${USER}`, USER, rule('MustNotMatch')), []);
    assert.deepEqual(checkPassword(`x${USER}`, USER, rule('MustNotContain')), ['contains-username']);
    assert.deepEqual(checkPassword('Postmottak1', USER, rule('MustNotContain')), []);
    assert.deepEqual(checkPassword('Postmottak1', USER, rule('MustNotResemble')), ['resembles-username']);
    assert.deepEqual(checkPassword(USER, USER, rule('None')), []);
  });

  it('says each broken rule in words, and dictionary words as a note that is not a blocker', () => {
    const strict = requirementsFrom({ minimum_length: 10, require_mixed_case: true, no_dictionary_words: true });
    assert.equal(
      describePasswordProblems(checkPassword('abc1', USER, strict), strict),
      'SSB requires: at least 10 characters; both upper-case and lower-case letters',
    );
    assert.equal(describePasswordProblems([], strict), undefined);
    assert.equal(checkPassword('Sommerfugl-2026', USER, strict).length, 0, 'dictionary words do not block');
    assert.match(passwordNote(strict) ?? '', /cannot be checked here/);
    assert.equal(passwordNote(LETTER_RULES), undefined);
    assert.match(describePasswordRules(strict), /at least 10 characters.*upper-case.*user name.*dictionary/);
  });
});
