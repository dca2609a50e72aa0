/**
 * One table per rule: XML that breaks it and XML that does not, with the finding expected —
 * rule id, severity (the 2024 profile), line and column of the `<` or of the attribute's name.
 * Positions are either written out or found in the test's own text (positionOf), never taken
 * from the engine.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RULES, type Finding, type RuleSeverity } from '../../../src/core/validation';
import {
  BRUKER,
  client,
  CONTACT,
  extractText,
  FID,
  MELDING,
  MUNICIPALITY,
  positionOf,
  TJENESTE,
  validateText,
  validIdentity,
  VURDERING,
  YEAR,
  type ExtractParts,
} from './extractText';

interface Expected {
  severity: RuleSeverity;
  line: number;
  column: number;
  attribute?: string;
  value?: string;
  variable?: string;
  serviceType?: string;
  brukerNr?: string;
}

interface Case {
  id: string;
  name: string;
  text: string;
  options?: { year?: number };
  /** Empty: the rule finds nothing in the text. */
  expect: Expected[];
}

/** The position of an attribute's name (`name=`) in `text`. */
const at = (text: string, name: string, occurrence = 0): { line: number; column: number } =>
  positionOf(text, `${name}=`, occurrence);

const cases: Case[] = [];
function fail(
  id: string,
  name: string,
  source: ExtractParts | string,
  expect: (text: string) => Expected[],
  options?: { year?: number },
): void {
  const text = typeof source === 'string' ? source : extractText(source);
  cases.push({ id, name, text, expect: expect(text), ...(options ? { options } : {}) });
}
function pass(id: string, name: string, source: ExtractParts | string, options?: { year?: number }): void {
  cases.push({
    id,
    name,
    text: typeof source === 'string' ? source : extractText(source),
    expect: [],
    ...(options ? { options } : {}),
  });
}

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
const melding = (replace: Record<string, string | undefined>): string => {
  let attributes = MELDING;
  for (const [name, value] of Object.entries(replace)) {
    attributes =
      value === undefined
        ? attributes.replace(new RegExp(` ?${name}="[^"]*"`), '')
        : attributes.replace(new RegExp(`${name}="[^"]*"`), `${name}="${value}"`);
  }
  return attributes;
};
const bruker = (replace: Record<string, string | undefined>): string => {
  let attributes = BRUKER;
  for (const [name, value] of Object.entries(replace)) {
    const pattern = new RegExp(` ?\\b${name}="[^"]*"`);
    attributes =
      value === undefined ? attributes.replace(pattern, '') : attributes.replace(pattern, ` ${name}="${value}"`);
  }
  return attributes.trim();
};
const tjeneste = (replace: Record<string, string | undefined>): string => {
  let attributes = TJENESTE;
  for (const [name, value] of Object.entries(replace)) {
    const pattern = new RegExp(` ?\\b${name}="[^"]*"`);
    attributes =
      value === undefined ? attributes.replace(pattern, '') : attributes.replace(pattern, ` ${name}="${value}"`);
  }
  return attributes.trim();
};
const vurdering = (replace: Record<string, string | undefined>): string => {
  let attributes = VURDERING;
  for (const [name, value] of Object.entries(replace)) {
    const pattern = new RegExp(` ?\\b${name}="[^"]*"`);
    attributes =
      value === undefined ? attributes.replace(pattern, '') : attributes.replace(pattern, ` ${name}="${value}"`);
  }
  return attributes.trim();
};

// ── Fatal gates ───────────────────────────────────────────────────────────────
fail(
  'X02',
  'a root other than Melding',
  `${DECLARATION}\n<Rapport kommuneNr="0403">\n  <Bruker/>\n</Rapport>\n`,
  () => [{ severity: 'critical', line: 2, column: 1, value: 'Rapport' }],
);
pass(
  'X02',
  'a prefixed Melding',
  `${DECLARATION}\n<ipl:Melding xmlns:ipl="urn:x" ${MELDING}>\n${CONTACT}\n  <ipl:Kommune kommuneNr="${MUNICIPALITY}">\n${client('1')}\n  </ipl:Kommune>\n</ipl:Melding>\n`,
);
fail('X03', 'meldingstype E', { melding: melding({ meldingstype: 'E' }) }, (text) => [
  { severity: 'critical', ...at(text, 'meldingstype'), attribute: 'meldingstype', value: 'E' },
]);
pass('X03', 'no meldingstype at all', { melding: melding({ meldingstype: undefined }) });
fail('K01', 'another municipality', { kommune: 'kommuneNr="3403"' }, (text) => [
  { severity: 'critical', ...at(text, 'kommuneNr'), attribute: 'kommuneNr', value: '3403' },
]);
pass('K01', 'the number with spaces around it', { kommune: `kommuneNr=" ${MUNICIPALITY} "` });
pass('K01', 'the number without its leading zero (that is K03)', { kommune: 'kommuneNr="403"' });
fail('K01', 'another municipality in three digits', { kommune: 'kommuneNr="301"' }, (text) => [
  { severity: 'critical', ...at(text, 'kommuneNr'), attribute: 'kommuneNr', value: '301' },
]);
fail('K04', 'Kommune without kommuneNr', { kommune: 'navn="Hamar"' }, () => [
  { severity: 'critical', line: 4, column: 3, variable: 'kommuneNr' },
]);
fail(
  'K04',
  'no Kommune element (a deeper one does not count)',
  `${DECLARATION}\n<Melding ${MELDING}>\n${CONTACT}\n  <Bruker brukerNr="1">\n    <Kommune kommuneNr="${MUNICIPALITY}"/>\n  </Bruker>\n</Melding>\n`,
  () => [{ severity: 'critical', line: 2, column: 1, variable: 'Kommune' }],
);

// ── The message ───────────────────────────────────────────────────────────────
fail('K03', 'three digits', { kommune: 'kommuneNr="403"' }, (text) => [
  { severity: 'error', ...at(text, 'kommuneNr'), attribute: 'kommuneNr', value: '403' },
]);
fail(
  'K05',
  'the same municipality twice',
  `${DECLARATION}\n<Melding ${MELDING}>\n${CONTACT}\n  <Kommune kommuneNr="${MUNICIPALITY}">\n${client('1')}\n  </Kommune>\n  <Kommune kommuneNr="${MUNICIPALITY}">\n${client('2')}\n  </Kommune>\n</Melding>\n`,
  (text) => [{ severity: 'error', ...at(text, 'kommuneNr', 1), attribute: 'kommuneNr', value: MUNICIPALITY }],
);
pass('K05', 'one municipality', {});
fail('P01', 'tilDatoPeriode missing', { melding: melding({ tilDatoPeriode: undefined }) }, () => [
  { severity: 'error', line: 2, column: 1, variable: 'tilDatoPeriode', value: '' },
]);
fail(
  'P01',
  'fraDatoPeriode not in the calendar, uttakDato not a date',
  { melding: melding({ fraDatoPeriode: `${YEAR}-02-30`, uttakDato: '05.01.2026' }) },
  (text) => [
    { severity: 'error', ...at(text, 'fraDatoPeriode'), attribute: 'fraDatoPeriode', value: `${YEAR}-02-30` },
    { severity: 'error', ...at(text, 'uttakDato'), attribute: 'uttakDato', value: '05.01.2026' },
  ],
);
pass('P01', 'dates with a time zone', {
  melding: melding({ fraDatoPeriode: `${YEAR}-01-01+01:00`, tilDatoPeriode: `${YEAR}-12-31Z` }),
});
fail(
  'P02',
  'a period that runs backwards',
  { melding: melding({ fraDatoPeriode: `${YEAR}-12-31`, tilDatoPeriode: `${YEAR}-01-01` }) },
  (text) => [{ severity: 'error', ...at(text, 'tilDatoPeriode'), attribute: 'tilDatoPeriode', value: `${YEAR}-01-01` }],
);
fail('P02', 'extracted before the period ended', { melding: melding({ uttakDato: `${YEAR}-06-01` }) }, (text) => [
  { severity: 'error', ...at(text, 'uttakDato'), attribute: 'uttakDato', value: `${YEAR}-06-01` },
]);
pass('P02', 'extracted on the last day', { melding: melding({ uttakDato: `${YEAR}-12-31` }) });
fail(
  'P03',
  'another year than the one asked for',
  {},
  (text) => [{ severity: 'error', ...at(text, 'fraDatoPeriode'), attribute: 'fraDatoPeriode', value: `${YEAR}-01-01` }],
  { year: YEAR - 1 },
);
fail(
  'P03',
  'without a year: a period crossing into the next year',
  { melding: melding({ fraDatoPeriode: `${YEAR - 1}-07-01`, tilDatoPeriode: `${YEAR}-06-30` }) },
  (text) => [{ severity: 'error', ...at(text, 'tilDatoPeriode'), attribute: 'tilDatoPeriode', value: `${YEAR}-06-30` }],
);
pass('P03', 'the year asked for', {}, { year: YEAR });
fail('M01', 'navnEPJ of 101 characters', { melding: melding({ navnEPJ: 'x'.repeat(101) }) }, (text) => [
  { severity: 'error', ...at(text, 'navnEPJ'), attribute: 'navnEPJ' },
]);
pass('M01', 'leverandor of 100 characters', { melding: melding({ leverandor: 'æ'.repeat(100) }) });
fail(
  'C01',
  'only an IPLOS kontaktperson (16)',
  { contact: '  <Kontaktperson typeKontaktperson="16" navn="Kontakt"/>' },
  () => [{ severity: 'warning', line: 2, column: 1, variable: 'typeKontaktperson' }],
);
pass('C01', 'the submission officer after another contact', {
  contact: `  <Kontaktperson typeKontaktperson="15"/>\n${CONTACT}`,
});
fail(
  'C02',
  'a type outside 8471',
  { contact: '  <Kontaktperson navn="Kontakt" typeKontaktperson="99"/>\n' + CONTACT },
  (text) => [{ severity: 'error', ...at(text, 'typeKontaktperson'), attribute: 'typeKontaktperson', value: '99' }],
);
fail('C02', 'no type', { contact: `  <Kontaktperson navn="Kontakt"/>\n${CONTACT}` }, () => [
  { severity: 'error', line: 3, column: 3, variable: 'typeKontaktperson', value: '' },
]);
fail('C03', 'no contact person', { contact: '' }, () => [
  { severity: 'error', line: 2, column: 1, variable: 'Kontaktperson' },
]);
fail('B04', 'no clients', { clients: '' }, () => [{ severity: 'error', line: 4, column: 3, variable: 'Bruker' }]);

// ── Clients ───────────────────────────────────────────────────────────────────
fail('B01', 'a client without services', { tjenester: [] }, () => [
  { severity: 'warning', line: 5, column: 5, variable: 'Tjeneste', brukerNr: '1001' },
]);
pass('B01', 'a client with one service', {});
fail('B02', 'brukerNr empty', { bruker: bruker({ brukerNr: '' }) }, (text) => [
  { severity: 'error', ...at(text, 'brukerNr'), attribute: 'brukerNr', value: '' },
]);
fail('B02', 'brukerNr missing', { bruker: bruker({ brukerNr: undefined }) }, () => [
  { severity: 'error', line: 5, column: 5, variable: 'brukerNr' },
]);
fail('B02', 'brukerNr of 101 characters', { bruker: bruker({ brukerNr: '9'.repeat(101) }) }, (text) => [
  { severity: 'error', ...at(text, 'brukerNr'), attribute: 'brukerNr' },
]);
pass('B02', 'brukerNr of 100 characters', { bruker: bruker({ brukerNr: '9'.repeat(100) }) });
fail('B03', 'the same client twice', { clients: `${client('77')}\n${client('78')}\n${client(' 77')}` }, (text) => [
  { severity: 'error', ...at(text, 'brukerNr', 2), attribute: 'brukerNr', value: '77', brukerNr: '77' },
]);
pass('B03', 'different clients', { clients: `${client('77')}\n${client('777')}` });
fail('I01', 'typeID missing', { bruker: bruker({ typeID: undefined }) }, () => [
  { severity: 'warning', line: 5, column: 5, variable: 'typeID', value: '' },
]);
fail('I01', 'typeID outside 9032', { bruker: bruker({ typeID: '11' }) }, (text) => [
  { severity: 'warning', ...at(text, 'typeID'), attribute: 'typeID', value: '11' },
]);
pass('I01', 'a DUF number (10)', { bruker: bruker({ typeID: '10', fid: '201234567890' }) });
fail('I02', 'an H-nummer (3)', { bruker: bruker({ typeID: '3' }) }, (text) => [
  { severity: 'info', ...at(text, 'typeID'), attribute: 'typeID', value: '3' },
]);
pass('I02', 'a D-nummer (2)', { bruker: bruker({ typeID: '2', fid: validIdentity(5, 6, 1980, 100, true) }) });
const wrongCheckDigit = `${FID.slice(0, 10)}${(Number(FID[10]) + 1) % 10}`;
fail('I03', 'a fødselsnummer with a wrong check digit', { bruker: bruker({ fid: wrongCheckDigit }) }, (text) => [
  { severity: 'warning', ...at(text, 'fid'), attribute: 'fid', value: '' },
]);
fail(
  'I03',
  'a D-nummer given as fødselsnummer',
  { bruker: bruker({ fid: validIdentity(5, 6, 1980, 100, true) }) },
  (text) => [{ severity: 'warning', ...at(text, 'fid'), attribute: 'fid' }],
);
fail('I03', 'ten digits', { bruker: bruker({ fid: FID.slice(0, 10) }) }, (text) => [
  { severity: 'warning', ...at(text, 'fid'), attribute: 'fid' },
]);
pass('I03', 'a D-nummer as D-nummer', { bruker: bruker({ typeID: '2', fid: validIdentity(29, 2, 1984, 100, true) }) });
pass('I03', 'a passport number is not checked', { bruker: bruker({ typeID: '4', fid: 'AB1234567' }) });
fail('I04', 'fid missing', { bruker: bruker({ fid: undefined }) }, () => [
  { severity: 'error', line: 5, column: 5, variable: 'fid' },
]);
fail('I04', 'fid of 21 characters', { bruker: bruker({ typeID: '9', fid: 'Z'.repeat(21) }) }, (text) => [
  { severity: 'error', ...at(text, 'fid'), attribute: 'fid', value: '' },
]);
fail('I05', 'kjonn 3', { bruker: bruker({ kjonn: '3' }) }, (text) => [
  { severity: 'error', ...at(text, 'kjonn'), attribute: 'kjonn', value: '3' },
]);
fail('I05', 'kjonn missing', { bruker: bruker({ kjonn: undefined }) }, () => [
  { severity: 'error', line: 5, column: 5, variable: 'kjonn' },
]);
pass('I05', 'kjonn 9 (not specified)', { bruker: bruker({ kjonn: '9' }) });

// ── Assessments ───────────────────────────────────────────────────────────────
fail('F01', 'hukommelse missing', { vurdering: vurdering({ hukommelse: undefined }) }, () => [
  { severity: 'error', line: 6, column: 7, variable: 'hukommelse', value: '' },
]);
fail('F01', 'two missing: the first is named', { vurdering: vurdering({ syn: undefined, sosDelt: undefined }) }, () => [
  { severity: 'error', line: 6, column: 7, variable: 'sosDelt' },
]);
pass('F01', 'all 18 in another order', { vurdering: VURDERING.split(' ').reverse().join(' ') });
fail('F02', 'scores 6 and 0', { vurdering: vurdering({ spise: '6', atferd: '0' }) }, (text) => [
  { severity: 'error', ...at(text, 'spise'), attribute: 'spise', value: '6', variable: 'spise' },
  { severity: 'error', ...at(text, 'atferd'), attribute: 'atferd', value: '0', variable: 'atferd' },
]);
pass('F02', 'score 9 (not relevant)', { vurdering: vurdering({ spise: '9' }) });
fail('D02', 'the assessment has no date', { vurdering: vurdering({ dato: undefined }) }, () => [
  { severity: 'error', line: 6, column: 7, variable: 'dato', value: '' },
]);

// ── Services ──────────────────────────────────────────────────────────────────
fail(
  'D02',
  'fraDato month 13, tilDato in Norwegian notation',
  { tjenester: [tjeneste({ fraDato: `${YEAR}-13-01`, tilDato: '30.11.2025' })] },
  (text) => [
    { severity: 'error', ...at(text, 'fraDato'), attribute: 'fraDato', value: `${YEAR}-13-01`, serviceType: '1' },
    { severity: 'error', ...at(text, 'tilDato'), attribute: 'tilDato', value: '30.11.2025' },
  ],
);
fail('D02', 'fraDato missing', { tjenester: [tjeneste({ fraDato: undefined })] }, () => [
  { severity: 'error', line: 7, column: 7, variable: 'fraDato' },
]);
pass('D02', 'no tilDato (a running service)', { tjenester: [tjeneste({ tilDato: undefined })] });
fail('T01', 'tjenesteType 99', { tjenester: [tjeneste({ tjenesteType: '99' })] }, (text) => [
  {
    severity: 'error',
    ...at(text, 'tjenesteType'),
    attribute: 'tjenesteType',
    value: '99',
    serviceType: '99',
    brukerNr: '1001',
  },
]);
fail('T01', 'tjenesteType missing', { tjenester: [tjeneste({ tjenesteType: undefined })] }, () => [
  { severity: 'error', line: 7, column: 7, variable: 'tjenesteType', value: '' },
]);
pass('T01', 'an expired code is not unknown', { tjenester: [tjeneste({ tjenesteType: '6' })] });
pass('T01', 'code 29', { tjenester: [tjeneste({ tjenesteType: '29' })] });
fail('T04', 'tjenesteType 26 (GPS, expired)', { tjenester: [tjeneste({ tjenesteType: '26' })] }, (text) => [
  { severity: 'error', ...at(text, 'tjenesteType'), attribute: 'tjenesteType', value: '26', serviceType: '26' },
]);
pass('T04', 'a current code is not expired', { tjenester: [tjeneste({ tjenesteType: '25' })] });
fail(
  'T02',
  'tilDato before fraDato',
  { tjenester: [`tilDato="${YEAR}-03-01" fraDato="${YEAR}-04-01" tjenesteType="4"`] },
  (text) => [
    { severity: 'error', ...at(text, 'tilDato'), attribute: 'tilDato', value: `${YEAR}-03-01`, serviceType: '4' },
  ],
);
pass('T02', 'one day', { tjenester: [tjeneste({ fraDato: `${YEAR}-05-05`, tilDato: `${YEAR}-05-05` })] });
fail('T03', '168.5 hours', { tjenester: [tjeneste({ timerPerUke: '168.5' })] }, (text) => [
  { severity: 'error', ...at(text, 'timerPerUke'), attribute: 'timerPerUke', value: '168.5' },
]);
pass('T03', 'exactly 168 hours', { tjenester: [tjeneste({ timerPerUke: '168' })] });
fail(
  'T05',
  'a decimal comma, and a negative number',
  { tjenester: [tjeneste({ timerPerUke: '7,5' }), tjeneste({ timerPerUke: '-1' })] },
  (text) => [
    { severity: 'error', ...at(text, 'timerPerUke'), attribute: 'timerPerUke', value: '7,5' },
    { severity: 'error', ...at(text, 'timerPerUke', 1), attribute: 'timerPerUke', value: '-1' },
  ],
);
pass('T05', 'zero hours, and no hours', {
  tjenester: [tjeneste({ timerPerUke: '0' }), tjeneste({ timerPerUke: undefined })],
});
fail('O01', 'eight digits', { tjenester: [tjeneste({ tjenesteOrgNr: '97412345' })] }, (text) => [
  { severity: 'warning', ...at(text, 'tjenesteOrgNr'), attribute: 'tjenesteOrgNr', value: '97412345' },
]);
pass('O01', 'nine digits and a tenth 0', { tjenester: [tjeneste({ tjenesteOrgNr: '9741234560' })] });
fail('D01', 'fraDato the year before', { tjenester: [tjeneste({ fraDato: `${YEAR - 1}-12-31` })] }, (text) => [
  { severity: 'warning', ...at(text, 'fraDato'), attribute: 'fraDato', value: `${YEAR - 1}-12-31` },
]);
pass('D01', 'fraDato on 1 January', { tjenester: [tjeneste({ fraDato: `${YEAR}-01-01` })] });
fail('D03', 'tilDato after the period', { tjenester: [tjeneste({ tilDato: `${YEAR + 1}-01-31` })] }, (text) => [
  { severity: 'warning', ...at(text, 'tilDato'), attribute: 'tilDato', value: `${YEAR + 1}-01-31` },
]);
pass('D03', 'tilDato on the last day', { tjenester: [tjeneste({ tilDato: `${YEAR}-12-31` })] });

const GATES = new Set(['X01', 'X02', 'X03', 'K01', 'K04']);

function pick(finding: Finding, expected: Expected): Expected {
  const picked: Record<string, unknown> = {};
  for (const key of Object.keys(expected)) picked[key] = finding[key as keyof Finding];
  return picked as unknown as Expected;
}

describe('validation rules, one table per rule', () => {
  it('the baseline extract has no findings at all', async () => {
    const report = await validateText(extractText());
    assert.deepEqual(report.findings, []);
    assert.equal(report.fatal, false);
  });

  for (const testCase of cases) {
    const verdict = testCase.expect.length === 0 ? 'passes' : 'fails';
    it(`${testCase.id} ${verdict}: ${testCase.name}`, async () => {
      const report = await validateText(testCase.text, testCase.options ?? {});
      const found = report.findings.filter((finding) => finding.ruleId === testCase.id);
      assert.deepEqual(
        found.map((finding, index) => pick(finding, testCase.expect[index] ?? testCase.expect[0] ?? ({} as Expected))),
        testCase.expect,
        JSON.stringify(report.findings, null, 1),
      );
      for (const finding of found) {
        assert.equal(finding.code, testCase.id);
        assert.equal(finding.origin, 'local');
        assert.ok(finding.message.length > 10, finding.message);
        assert.doesNotMatch(finding.message, /\{\w+\}/, 'every placeholder filled');
      }
      if (GATES.has(testCase.id) && found.length > 0) {
        assert.equal(report.fatal, true);
        assert.equal(report.findings.length, 1, 'a gate is all the report holds');
      }
    });
  }

  it('every local rule with a predicate has a failing case', () => {
    const local = RULES.filter((rule) => rule.checks.length > 0).map((rule) => rule.id);
    const failing = new Set(cases.filter((c) => c.expect.length > 0).map((c) => c.id));
    assert.deepEqual(
      local.filter((id) => !failing.has(id)),
      [],
      'rules without a failing case',
    );
  });
});
