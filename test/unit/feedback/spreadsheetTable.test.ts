import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readSpreadsheetTable, SpreadsheetError } from '../../../src/core/feedback';
import { buildXlsx } from './xlsxFixture';

describe('feedback: .xlsx workbooks', () => {
  it('reads the first sheet with data: header, cells as text, sheet row numbers, numeric columns', async () => {
    const xlsx = await buildXlsx([
      { name: 'Tom', rows: [] },
      {
        name: 'Feilliste',
        rows: [
          [],
          ['Kommunenr', 'Brukernr', 'Feilkode', 'Dato', 'Timer', 'Godkjent'],
          ['0403', 17, 'T02', new Date(Date.UTC(2025, 0, 31)), 0.1 + 0.2, true],
          [],
          ['0403', 18, 'D01', new Date(Date.UTC(2025, 5, 1, 13, 30)), 1234.5, false],
          ['0403', 19, 'B01', null, null, null],
        ],
      },
      { name: 'Senere', rows: [['ignored']] },
    ]);
    const { table, sheet, malformed } = await readSpreadsheetTable(xlsx);
    assert.equal(sheet, 'Feilliste');
    assert.deepEqual(malformed, { count: 0, examples: [] });
    assert.deepEqual(
      table.columns.map((column) => column.name),
      ['Kommunenr', 'Brukernr', 'Feilkode', 'Dato', 'Timer', 'Godkjent'],
    );
    assert.deepEqual(table.rows, [
      ['0403', '17', 'T02', '2025-01-31', '0.3', 'TRUE'],
      ['0403', '18', 'D01', '2025-06-01 13:30:00', '1234.5', 'FALSE'],
      ['0403', '19', 'B01', '', '', ''],
    ]);
    assert.deepEqual(table.rowLines, [3, 5, 6]);
    assert.deepEqual(
      table.columns.map((column) => column.numeric),
      [false, true, false, false, true, false],
    );
  });

  it('a workbook without data is an empty table', async () => {
    const { table, sheet } = await readSpreadsheetTable(await buildXlsx([{ name: 'Ark1', rows: [] }]));
    assert.deepEqual(table, { columns: [], rows: [], rowLines: [] });
    assert.equal(sheet, 'Ark1');
  });

  it('a header-only sheet is a table without rows', async () => {
    const { table } = await readSpreadsheetTable(await buildXlsx([{ name: 'Ark1', rows: [['Måned', 'Antall']] }]));
    assert.deepEqual(
      table.columns.map((column) => column.name),
      ['Måned', 'Antall'],
    );
    assert.deepEqual(table.rows, []);
  });

  it('corrupt or foreign files give a SpreadsheetError that says what to do', async () => {
    const good = await buildXlsx([{ name: 'Ark1', rows: [['a'], ['1']] }]);
    const cases: [string, Buffer, RegExp][] = [
      ['truncated', good.subarray(0, Math.floor(good.length / 2)), /not a valid \.xlsx workbook/],
      ['text', Buffer.from('Brukernr;Feilkode\r\n1;T01\r\n'), /not a valid \.xlsx workbook/],
      ['empty', Buffer.alloc(0), /empty/],
      [
        'old .xls container',
        Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024)]),
        /Excel 97–2003/,
      ],
    ];
    for (const [label, bytes, message] of cases) {
      await assert.rejects(readSpreadsheetTable(bytes), (error: unknown) => {
        assert.ok(error instanceof SpreadsheetError, label);
        assert.match(error.message, message, label);
        return true;
      });
    }
  });
});
