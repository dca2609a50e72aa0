/** docs/validation-rules.md is generated from the rules: this fails when it is out of date (run `npm run docs:rules`). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { RULES } from '../../../src/core/validation';
import { renderValidationRules, RULES_DOCUMENT } from '../../../scripts/validationRulesDoc';

describe('docs/validation-rules.md', () => {
  it('is what the rules render (run `npm run docs:rules` after changing a rule, a profile or a code list)', () => {
    assert.equal(readFileSync(RULES_DOCUMENT, 'utf8'), renderValidationRules());
  });

  it('lists every rule', () => {
    const text = renderValidationRules();
    for (const rule of RULES) assert.match(text, new RegExp(`^\\| ${rule.id} \\|`, 'm'));
  });
});
