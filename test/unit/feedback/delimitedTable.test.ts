import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_MALFORMED_EXAMPLES, parseDelimitedTable } from '../../../src/core/feedback';

const names = (text: string): string[] => parseDelimitedTable(text).table.columns.map((column) => column.name);

describe('feedback: delimited tables', () => {
  it('detects ; , and tab from the rows, and reads the header', () => {
    const semicolon = parseDelimitedTable(
      'Måned;Nye tjenester;Avsluttede tjenester\r\njanuar;12;3\r\nfebruar;1 204;0\r\n',
    );
    assert.equal(semicolon.delimiter, ';');
    assert.equal(semicolon.delimiterDetected, true);
    assert.deepEqual(semicolon.table.rows, [
      ['januar', '12', '3'],
      ['februar', '1 204', '0'],
    ]);

    const comma = parseDelimitedTable('code,count,share\nT01,3,"12,5"\nT02,10,"1,0"\n');
    assert.equal(comma.delimiter, ',');
    assert.deepEqual(comma.table.rows, [
      ['T01', '3', '12,5'],
      ['T02', '10', '1,0'],
    ]);

    const tab = parseDelimitedTable('Tjenestetype\tAntall\n1\t10\n2\t20\n');
    assert.equal(tab.delimiter, '\t');
    assert.deepEqual(tab.table.rows, [
      ['1', '10'],
      ['2', '20'],
    ]);
  });

  it('Norwegian decimals with commas do not make , the delimiter', () => {
    const parsed = parseDelimitedTable(
      'Tjenestetype;Antall brukere;Gjennomsnitt timer per uke\r\n1;120;12,5\r\n2;40;3,0\r\n3;7;\r\nTotalt;167;\r\n',
    );
    assert.equal(parsed.delimiter, ';');
    assert.deepEqual(parsed.table.rows[0], ['1', '120', '12,5']);
  });

  it('quoted fields: embedded delimiters, line breaks and doubled quotes; rowLines count the lines', () => {
    const text =
      'Brukernr;Melding;Verdi\r\n1;"Feil; se ""vedtak"" i EPJ";x\r\n2;"to\r\nlinjer\nher";y\r\n3;enkel;z\r\n';
    const parsed = parseDelimitedTable(text);
    assert.deepEqual(parsed.table.rows, [
      ['1', 'Feil; se "vedtak" i EPJ', 'x'],
      ['2', 'to\r\nlinjer\nher', 'y'],
      ['3', 'enkel', 'z'],
    ]);
    assert.deepEqual(parsed.table.rowLines, [2, 3, 6]);
    assert.equal(parsed.malformed.count, 0);
  });

  it('skips empty lines anywhere and the trailing one; a header-only file is a table without rows', () => {
    const parsed = parseDelimitedTable('\r\na;b\r\n\r\n1;2\r\n;\r\n   \r\n3;4\r\n\r\n');
    assert.deepEqual(parsed.table.rows, [
      ['1', '2'],
      ['3', '4'],
    ]);
    assert.deepEqual(parsed.table.rowLines, [4, 7]);
    const headerOnly = parseDelimitedTable('Kommunenr;Brukernr;Feilkode\r\n');
    assert.deepEqual(names('Kommunenr;Brukernr;Feilkode\r\n'), ['Kommunenr', 'Brukernr', 'Feilkode']);
    assert.deepEqual(headerOnly.table.rows, []);
    assert.deepEqual(parseDelimitedTable('').table, { columns: [], rows: [], rowLines: [] });
  });

  it('a leading BOM is not part of the first header', () => {
    assert.deepEqual(names('\uFEFFAldersgruppe;Menn\r\n0–17;3\r\n'), ['Aldersgruppe', 'Menn']);
  });

  it('malformed rows: counted, the first five shown with line, problem and text, still kept', () => {
    const lines = ['a;b;c', '1;2;3', '4;5', '6;7;8;9', '10;11;12;', '13', '14;15;16;17;18', '19;20', '21;22;23', '24'];
    const parsed = parseDelimitedTable(`${lines.join('\n')}\n`);
    assert.equal(parsed.malformed.count, 6, 'a trailing delimiter alone is not malformed');
    assert.equal(parsed.malformed.examples.length, MAX_MALFORMED_EXAMPLES);
    assert.deepEqual(
      parsed.malformed.examples.map(({ line, text }) => ({ line, text })),
      [
        { line: 3, text: '4;5' },
        { line: 4, text: '6;7;8;9' },
        { line: 6, text: '13' },
        { line: 7, text: '14;15;16;17;18' },
        { line: 8, text: '19;20' },
      ],
    );
    assert.match(parsed.malformed.examples[0]?.problem ?? '', /2 fields where the header has 3/);
    assert.match(parsed.malformed.examples[1]?.problem ?? '', /4 fields where the header has 3/);
    assert.deepEqual(parsed.table.rows, [
      ['1', '2', '3'],
      ['4', '5', ''],
      ['6', '7', '8;9'],
      ['10', '11', '12'],
      ['13', '', ''],
      ['14', '15', '16;17;18'],
      ['19', '20', ''],
      ['21', '22', '23'],
      ['24', '', ''],
    ]);
    assert.deepEqual(parsed.table.rowLines, [2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('an unquoted delimiter in the last column (the message) is kept in that column', () => {
    const parsed = parseDelimitedTable(
      'Brukernr;Feilkode;Melding\r\n17;T02;Tjenestens tilDato er før fraDato; sjekk vedtaket\r\n18;T01;Ukjent\r\n',
    );
    assert.deepEqual(parsed.table.rows[0], ['17', 'T02', 'Tjenestens tilDato er før fraDato; sjekk vedtaket']);
    assert.equal(parsed.malformed.count, 1);
  });

  it('an unclosed quote does not swallow the rest of the file', () => {
    const parsed = parseDelimitedTable('a;b;c\n1;"open;3\n4;5;6\n7;8;9\n');
    assert.deepEqual(parsed.table.rows, [
      ['1', '"open', '3'],
      ['4', '5', '6'],
      ['7', '8', '9'],
    ]);
    assert.deepEqual(parsed.table.rowLines, [2, 3, 4]);
    assert.equal(parsed.malformed.count, 1);
    assert.deepEqual(parsed.malformed.examples[0], {
      line: 2,
      problem: 'a quote is opened but never closed',
      text: '1;"open;3',
    });
  });

  it('a stray quote on every line: after the first twenty, quotes are ordinary characters and every row is kept', () => {
    const parsed = parseDelimitedTable(
      `Brukernr;Merknad\n${Array.from({ length: 1000 }, (_, i) => `${i};"tommer`).join('\n')}\n`,
    );
    assert.equal(parsed.table.rows.length, 1000);
    assert.deepEqual(parsed.table.rows[999], ['999', '"tommer']);
    assert.equal(parsed.table.rowLines[999], 1001);
    assert.equal(parsed.malformed.count, 20);
  });

  it('marks numeric columns; codes with leading zeros are not numeric', () => {
    const parsed = parseDelimitedTable(
      'Kommunenr;Bydel;Antall;Andel;Navn\r\n0403;00;1 234;12,5;Hamar\r\n0301;05;17;-3,25;Oslo\r\n5001;00;;0,5;Trondheim\r\n',
    );
    assert.deepEqual(
      parsed.table.columns.map((column) => [column.name, column.numeric]),
      [
        ['Kommunenr', false],
        ['Bydel', false],
        ['Antall', true],
        ['Andel', true],
        ['Navn', false],
      ],
    );
  });

  it('prose has no delimiter structure: delimiterDetected is false and the fallback is used', () => {
    const parsed = parseDelimitedTable(
      'Tilbakemelding IPLOS 2025 for kommune 0403, bydel 00.\r\nRett feilene i fagsystemet.\r\n',
      { fallbackDelimiter: '\t' },
    );
    assert.equal(parsed.delimiterDetected, false);
    assert.equal(parsed.delimiter, '\t');
    assert.equal(parsed.table.columns.length, 1);
  });

  it('reads 100 000 rows', () => {
    const header = 'Kommunenr;Bydel;Brukernr;Tjenestetype;Variabel;Verdi;Feilkode;Alvorlighet;Melding\r\n';
    const body = Array.from(
      { length: 100_000 },
      (_, i) =>
        `0403;00;${i + 1};${(i % 29) + 1};timerPerUke;${i % 200},5;T03;Feil;"timerPerUke er høy; sjekk ""vedtaket"""\r\n`,
    ).join('');
    const parsed = parseDelimitedTable(header + body);
    assert.equal(parsed.table.rows.length, 100_000);
    assert.equal(parsed.table.rowLines[99_999], 100_001);
    assert.equal(parsed.table.rows[99_999]?.[2], '100000');
    assert.equal(parsed.table.rows[0]?.[8], 'timerPerUke er høy; sjekk "vedtaket"');
    assert.equal(parsed.malformed.count, 0);
    assert.equal(parsed.table.columns[5]?.numeric, true);
  });
});
