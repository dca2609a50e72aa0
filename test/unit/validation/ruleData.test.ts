/**
 * The rules as data: every rule explains itself in both languages, every profile names every
 * rule, the Cautions of iplos-control-rules.md hold (an assumption is at most a warning unless
 * the rule says why SSB rejects the file), the code lists are the specification's, and the
 * viewer's catalogue (lookupErrorCode) still gives the texts it gave before for T01…Z01.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lookupErrorCode } from '../../../src/core/feedback';
import {
  codeList,
  codeStatus,
  describeRule,
  RULES,
  ruleIds,
  ruleMessage,
  ruleMetadata,
  severityName,
  severityProfile,
  severityProfiles,
} from '../../../src/core/validation';
import { VALID_SERVICE_TYPES } from '../../fixtures/extractRules';

/** The ids agreed between the helpers of issue 13 (/work/helper-rules.md): never renamed. */
const AGREED =
  'X01 X02 X03 K01 K04 Z01 P01 P02 P03 M01 C01 C02 K03 B04 B01 B02 B03 I01 I02 I03 I04 I05 F01 F02 T01 T04 T02 T03 T05 O01 D01 D02 D03 R01 R02'.split(
    ' ',
  );
const GATES = ['X01', 'X02', 'X03', 'K01', 'K04', 'Z01'];
const RANK = { info: 0, warning: 1, error: 2, critical: 3 } as const;

describe('validation rules as data', () => {
  it('has every agreed id, each once, in the shape of an SSB code', () => {
    const ids = ruleIds();
    assert.equal(new Set(ids).size, ids.length, 'unique');
    assert.deepEqual(
      AGREED.filter((id) => !ids.includes(id)),
      [],
    );
    for (const id of ids) assert.match(id, /^[A-Z]\d{2}$/);
  });

  it('every rule has a source, messages and a catalogue entry in Norwegian and English', () => {
    for (const rule of RULES) {
      assert.ok(rule.source.length > 20, `${rule.id} source`);
      for (const texts of [rule.message, ...Object.values(rule.variants ?? {})]) {
        assert.ok(texts.nb.length > 10 && texts.en.length > 10, rule.id);
        assert.notEqual(texts.nb, texts.en, `${rule.id}: nb differs from en`);
      }
      for (const language of ['nb', 'en'] as const) {
        const { title, meaning, fix } = rule.catalogue[language];
        assert.ok(title.length > 5 && meaning.length > 40 && fix.length > 40, `${rule.id} ${language}`);
      }
      assert.notEqual(rule.catalogue.nb.fix, rule.catalogue.en.fix, rule.id);
      assert.equal(
        rule.origin === 'ssb',
        rule.checks.length === 0 && rule.id !== 'X01',
        `${rule.id}: SSB-only rules have no predicate`,
      );
    }
  });

  it('every profile names every rule and nothing else', () => {
    const ids = ruleIds().sort();
    for (const profile of severityProfiles())
      assert.deepEqual(Object.keys(profile.severities).sort(), ids, String(profile.year));
  });

  it('the gates are critical in every profile, and only they stop the run', () => {
    for (const profile of severityProfiles()) {
      for (const rule of RULES) {
        if (rule.gate === true) assert.equal(profile.severities[rule.id], 'critical', `${profile.year} ${rule.id}`);
      }
    }
    assert.deepEqual(
      RULES.filter((rule) => rule.gate === true)
        .map((rule) => rule.id)
        .sort(),
      [...GATES].sort(),
    );
  });

  it('a rule on an assumption is at most a warning, unless it says why SSB rejects the file', () => {
    for (const profile of severityProfiles()) {
      for (const rule of RULES) {
        if (rule.basis !== 'assumption' || rule.rejects !== undefined) continue;
        const severity = profile.severities[rule.id] ?? 'error';
        assert.ok(RANK[severity] <= RANK.warning, `${profile.year} ${rule.id} is ${severity}`);
      }
    }
  });

  it('a year without its own profile uses the latest earlier one; a year before the first uses the first', () => {
    const years = severityProfiles().map((profile) => profile.year);
    const first = years[0] as number;
    assert.equal(severityProfile(first - 10).year, first);
    assert.equal(severityProfile(first + 30).year, years.at(-1));
    assert.equal(ruleMetadata(first).find((rule) => rule.id === 'B01')?.severity, 'warning');
  });

  it('names severities as SSB does', () => {
    assert.deepEqual(
      (['critical', 'error', 'warning', 'info'] as const).map((severity) => severityName(severity, 'nb')),
      ['Kritisk feil', 'Feil', 'Advarsel', 'Informasjon'],
    );
    assert.equal(severityName('warning', 'en'), 'Warning');
  });

  it("fills a rule's message for anyone who writes one (the sandbox's SSB)", () => {
    assert.equal(ruleMessage('T01', 'nb', { value: '99' }), 'Ukjent tjenestetype 99: koden finnes ikke i Volven 9151.');
    assert.equal(ruleMessage('F01', 'en', { variable: 'syn' }), 'The assessment lacks the function variable syn.');
    assert.match(ruleMessage('I01', 'en', {}, 'missing') ?? '', /no identity type/);
    assert.equal(ruleMessage('Q99', 'en', {}), undefined);
  });

  it('describes a rule with its basis and source', () => {
    const t04 = describeRule('t04', 'nb');
    assert.equal(t04?.id, 'T04');
    assert.equal(t04?.title, 'Utgått tjenestetype');
    assert.equal(t04?.basis, 'spec');
    assert.match(t04?.source ?? '', /9151/);
    assert.equal(t04?.origin, 'local');
    assert.equal(describeRule('R01', 'en')?.origin, 'ssb');
    assert.equal(describeRule('Q99', 'en'), undefined);
  });
});

describe('validation code lists', () => {
  it("9151: the service types in use are the sandbox's, and the expired ones are marked", () => {
    const list = codeList('9151');
    const codes = (expired: boolean): string[] =>
      list.codes.filter((entry) => (entry.expired !== undefined) === expired).map((entry) => entry.code);
    assert.deepEqual(
      codes(false)
        .map(Number)
        .sort((a, b) => a - b),
      [...VALID_SERVICE_TYPES],
    );
    assert.deepEqual(
      codes(true)
        .map(Number)
        .sort((a, b) => a - b),
      [6, 14, 23, 24, 26, 27, 28],
    );
    assert.equal(codeStatus('9151', '26'), 'expired');
    assert.equal(codeStatus('9151', ' 1 '), 'valid');
    assert.equal(codeStatus('9151', '10'), 'unknown');
    assert.match(list.source, /CodingSchemes/);
  });

  it('9032: only 1, 2 and 10 give a KPR identity; 8471 is 1–19; 3101 is 0, 1, 2, 9', () => {
    assert.deepEqual(
      codeList('9032')
        .codes.filter((entry) => entry.kprIdentity)
        .map((entry) => entry.code),
      ['1', '2', '10'],
    );
    assert.deepEqual(
      codeList('8471').codes.map((entry) => Number(entry.code)),
      Array.from({ length: 19 }, (_, i) => i + 1),
    );
    assert.deepEqual(
      codeList('3101').codes.map((entry) => entry.code),
      ['0', '1', '2', '9'],
    );
  });
});

describe("the viewer's catalogue is a view of the rules", () => {
  // The titles the catalogue had before issue 13 (src/core/feedback/errorCatalogue.json): moved, not lost.
  const BEFORE: Record<string, [string, string]> = {
    T01: ['Ukjent tjenestetype', 'Unknown service type'],
    T02: ['Sluttdato før startdato', 'End date before start date'],
    T03: ['Mer enn 168 timer per uke', 'More than 168 hours per week'],
    F01: ['Funksjonsvariabel mangler', 'Function score missing'],
    B01: ['Bruker uten tjenester', 'Client without services'],
    D01: ['Dato utenfor rapporteringsåret', 'Date outside the reporting year'],
    K01: ['Feil kommunenummer', 'Wrong municipality number'],
    X01: ['Filen er ikke gyldig XML', 'The file is not valid XML'],
    Z01: ['Innsendt fil kunne ikke åpnes', 'The submitted file could not be opened'],
  };

  it('gives the old texts for the old codes', () => {
    for (const [code, [nb, en]] of Object.entries(BEFORE)) {
      assert.equal(lookupErrorCode(code, 'nb')?.title, nb);
      assert.equal(lookupErrorCode(code, 'en')?.title, en);
    }
    assert.equal(
      lookupErrorCode('B01', 'en')?.meaning,
      'The client is in the extract but has no services in the reporting year. This is a warning: it can be correct, but it is often a mistake.',
    );
    assert.equal(
      lookupErrorCode('K01', 'nb')?.fix,
      'Sjekk kommunenummeret i IPLOS-oppsettet i EPJ; etter en kommune- eller fylkesreform får kommunen nytt nummer. Sender dere for flere kommuner, sjekk at du valgte riktig kommune i utvidelsen og riktig uttrekk. Ta nytt uttrekk og send på nytt.',
    );
  });

  it('explains a new rule the same way', () => {
    const entry = lookupErrorCode(' i03 ', 'en');
    assert.equal(entry?.code, 'I03');
    assert.equal(entry?.title, describeRule('I03', 'en')?.title);
  });
});
