import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  catalogueCodes,
  columnRoles,
  isErrorListHeader,
  lookupErrorCode,
  parseDelimitedTable,
  parseSeverity,
  readErrorList,
  type Severity,
} from '../../../src/core/feedback';
import { RULE_CODES, RULES } from '../../fixtures/extractRules';

describe('feedback: error list recognition', () => {
  it('recognises the sandbox error list header (Norwegian)', () => {
    const header = [
      'Kommunenr',
      'Bydel',
      'Brukernr',
      'Tjenestetype',
      'Variabel',
      'Verdi',
      'Feilkode',
      'Alvorlighet',
      'Melding',
    ];
    assert.deepEqual(columnRoles(header), [
      'municipality',
      'bydel',
      'brukerNr',
      'serviceType',
      'variable',
      'value',
      'code',
      'severity',
      'message',
    ]);
    assert.equal(isErrorListHeader(header), true);
  });

  it('recognises English headers and variants in case, accents, spaces and punctuation', () => {
    assert.deepEqual(
      columnRoles([
        'Municipality',
        'District',
        'Client ID',
        'Service type',
        'Field',
        'Value',
        'Error code',
        'Severity',
        'Description',
      ]),
      ['municipality', 'bydel', 'brukerNr', 'serviceType', 'variable', 'value', 'code', 'severity', 'message'],
    );
    assert.deepEqual(columnRoles(['KOMMUNENUMMER', 'bruker_nr', 'Bruker nr.', 'Nivå', 'Regelnavn', 'Feilmelding']), [
      'municipality',
      'brukerNr',
      undefined,
      'severity',
      'code',
      'message',
    ]);
    assert.deepEqual(columnRoles(['klientnr', 'Alvorlighetsgrad', 'Kode']), ['brukerNr', 'severity', 'code']);
  });

  it('needs a client column and a code or message column', () => {
    assert.equal(isErrorListHeader(['Brukernr', 'Melding']), true, 'message without code');
    assert.equal(isErrorListHeader(['userno', 'rule']), true, 'code without message');
    assert.equal(isErrorListHeader(['Feilkode', 'Melding', 'Antall']), false, 'no client: a summary table');
    assert.equal(isErrorListHeader(['Brukernr', 'Tjenestetype', 'Timer']), false, 'no code or message');
    assert.equal(
      isErrorListHeader(['Tjenestetype', 'Antall brukere', 'Antall tjenester', 'Gjennomsnitt timer per uke']),
      false,
      'a control table',
    );
  });

  it('maps severities, Norwegian and English, as written', () => {
    const cases: [string, Severity][] = [
      ['Kritisk feil', 'critical'],
      ['KRITISK', 'critical'],
      ['Critical', 'critical'],
      ['Feil', 'error'],
      ['error', 'error'],
      ['Advarsel', 'warning'],
      ['Warning', 'warning'],
      ['Informasjon', 'info'],
      ['Info', 'info'],
      ['Suksess', 'success'],
      ['Success', 'success'],
      ['OK', 'success'],
      [' feil ', 'error'],
      ['Merknad', 'unknown'],
      ['', 'unknown'],
    ];
    for (const [text, severity] of cases) assert.equal(parseSeverity(text), severity, JSON.stringify(text));
  });

  it('reads error rows from a table, in row order, with roles on the columns', () => {
    const parsed = parseDelimitedTable(
      'Client;Rule;Level;Message;Extra\r\n17;T01;Error;Unknown service type 99;x\r\n;K01;Critical;Wrong municipality;y\r\n',
    );
    const list = readErrorList(parsed.table);
    assert.ok(list);
    assert.deepEqual(
      list.table.columns.map((column) => column.role),
      ['brukerNr', 'code', 'severity', 'message', undefined],
    );
    assert.deepEqual(list.table.rows, parsed.table.rows, 'the rows are unchanged');
    assert.deepEqual(list.errors, [
      {
        row: 0,
        brukerNr: '17',
        code: 'T01',
        severity: 'error',
        severityText: 'Error',
        serviceType: '',
        variable: '',
        value: '',
        message: 'Unknown service type 99',
      },
      {
        row: 1,
        brukerNr: '',
        code: 'K01',
        severity: 'critical',
        severityText: 'Critical',
        serviceType: '',
        variable: '',
        value: '',
        message: 'Wrong municipality',
      },
    ]);
  });

  it('a table that is not an error list gives undefined', () => {
    assert.equal(readErrorList(parseDelimitedTable('Måned;Nye tjenester\r\njanuar;3\r\n').table), undefined);
  });
});

describe('feedback: error catalogue', () => {
  it('has Norwegian and English text for every rule code the sandbox uses', () => {
    // The catalogue is the validation rules' (core/validation): every code the sandbox uses, and the local rules.
    const codes = catalogueCodes();
    assert.deepEqual(
      RULE_CODES.filter((code) => !codes.includes(code)),
      [],
    );
    for (const code of RULE_CODES) {
      for (const language of ['nb', 'en'] as const) {
        const entry = lookupErrorCode(code, language);
        assert.ok(entry, `${code} ${language}`);
        assert.equal(entry.code, code);
        for (const text of [entry.title, entry.meaning, entry.fix])
          assert.ok(text.length > 10, `${code} ${language}: ${text}`);
      }
    }
  });

  it('looks codes up by language, ignoring case and spaces; unknown codes have no entry', () => {
    assert.equal(lookupErrorCode(' t01 ', 'nb')?.title, 'Ukjent tjenestetype');
    assert.equal(lookupErrorCode('T01', 'en')?.title, 'Unknown service type');
    assert.match(lookupErrorCode('T01', 'en')?.fix ?? '', /Volven 9151/);
    assert.match(lookupErrorCode('T03', 'nb')?.meaning ?? '', /168/);
    assert.equal(lookupErrorCode('Q99', 'nb'), undefined);
    assert.equal(lookupErrorCode('', 'en'), undefined);
  });

  it('the severity a rule has in the sandbox fits what the catalogue says about rejection', () => {
    for (const code of RULE_CODES) {
      const rejected = /whole (file|submission) is rejected/.test(lookupErrorCode(code, 'en')?.meaning ?? '');
      assert.equal(rejected, RULES[code].severity === 'Kritisk feil', code);
    }
  });
});
