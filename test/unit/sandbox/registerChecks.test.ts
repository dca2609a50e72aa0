/**
 * The sandbox's stand-in for SSB's registers (test/sandbox/ssb/registerChecks.ts): the rule
 * written in test/sandbox/README.md, recomputed here from its description, picks about 1 in
 * 2 000 identities for R01 and 1 in 1 000 for R02, the same on every run.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { IdentityNumbers } from '../../fixtures/identityNumbers';
import { SeededRandom } from '../../fixtures/random';
import { registerFinding } from '../../sandbox/ssb/registerChecks';

/** README: h = the first four bytes (big-endian) of SHA-256("iplos-sandbox-register:" + fid). */
const h = (fid: string): number =>
  createHash('sha256').update(`iplos-sandbox-register:${fid}`).digest().readUInt32BE(0);

describe('sandbox: the register findings only SSB makes (R01, R02)', () => {
  it('follow the rule the README writes down, for about 1 in 2 000 and 1 in 1 000 identities', () => {
    const random = new SeededRandom(21);
    const identities = new IdentityNumbers(random);
    const counts = { R01: 0, R02: 0 };
    const others = new Set<string>();
    const clients = 200_000;
    for (let i = 0; i < clients; i++) {
      const dNumber = i % 25 === 0;
      const fid = identities.next(random.int(1920, 2010), dNumber ? 'dnummer' : 'fodselsnummer');
      const client = { brukerNr: String(100001 + i), fid, typeID: dNumber ? '2' : '1', line: i + 5 };
      const finding = registerFinding(client, '0403');
      const hash = h(fid);
      const expected = hash % 2000 === 0 ? 'R01' : hash % 1000 === 500 ? 'R02' : undefined;
      assert.equal(finding?.ruleId, expected, fid);
      if (finding === undefined) continue;
      counts[finding.ruleId]++;
      assert.equal(finding.brukerNr, client.brukerNr);
      assert.equal(finding.line, client.line);
      if (finding.ruleId === 'R01') assert.deepEqual([finding.variable, finding.value], ['fid', '']);
      else {
        assert.equal(finding.variable, 'kommuneNr');
        assert.notEqual(finding.value, '0403', 'another municipality than the sender');
        others.add(finding.value);
      }
      assert.deepEqual(registerFinding(client, '0403'), finding, 'the same on every call');
    }
    assert.ok(counts.R01 > clients / 2000 / 1.5 && counts.R01 < (clients / 2000) * 1.5, `R01: ${counts.R01}`);
    assert.ok(counts.R02 > clients / 1000 / 1.5 && counts.R02 < (clients / 1000) * 1.5, `R02: ${counts.R02}`);
    assert.deepEqual([...others].sort(), ['0301', '5001'], 'both other demo municipalities occur');
  });

  it('only identities SSB can look up: fødselsnummer and D-nummer with a fid', () => {
    // A fid the rule singles out for R01, found by search (the rule is fixed, so is the result).
    let fid = '';
    for (let n = 10_000_000_000; fid === ''; n++) if (h(String(n)) % 2000 === 0) fid = String(n);
    const client = { brukerNr: '7', fid, typeID: '1', line: 9 };
    assert.equal(registerFinding(client, '0403')?.ruleId, 'R01');
    assert.equal(registerFinding({ ...client, typeID: '2' }, '0403')?.ruleId, 'R01');
    for (const typeID of ['3', '4', '10', '', '11'])
      assert.equal(registerFinding({ ...client, typeID }, '0403'), undefined, `typeID "${typeID}"`);
    assert.equal(registerFinding({ ...client, fid: '' }, '0403'), undefined, 'no fid');
  });
});
