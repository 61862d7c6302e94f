// Spreadsheets are read back the way Excel would: the .xlsx through exceljs, the .csv as text.
import { describe, expect, it } from 'vitest';
import { toCsv, toXlsx, type Sheet } from '../../src/exports/spreadsheet.js';
import { readCsv } from '../support/read-csv.js';
import { readWorkbook } from '../support/read-workbook.js';

const activities: Sheet = {
  name: 'Aktiviteter: 2027/1',
  columns: [
    { key: 'title', header: 'Aktivitet' },
    { key: 'target', header: 'Målgrupp' },
    { key: 'count', header: 'Antal' },
    { key: 'end', header: 'Slutdatum' },
  ],
  rows: [
    { title: 'Gemensam SIP-utbildning; steg 1', target: 'Barn och unga', count: 3, end: new Date('2027-06-30T00:00:00Z') },
    { title: 'Säg "hej" till brukarråd\nrad två', target: 'Vuxen', count: null, end: null },
  ],
};

describe('toXlsx', () => {
  it('writes one worksheet per sheet with headers, typed cells and a safe sheet name', async () => {
    const buffer = await toXlsx([activities, { ...activities, name: 'Aktiviteter: 2027/1' }]);
    const workbook = await readWorkbook(buffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Aktiviteter  2027 1', 'Aktiviteter  2027 1 2']);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Aktivitet', 'Målgrupp', 'Antal', 'Slutdatum']);
    expect(sheet.getCell('A2').value).toBe('Gemensam SIP-utbildning; steg 1');
    expect(sheet.getCell('C2').value).toBe(3);
    expect(sheet.getCell('D2').value).toEqual(new Date('2027-06-30T00:00:00Z'));
    expect(sheet.getCell('C3').value).toBeNull();
    expect(sheet.rowCount).toBe(3);
  });
});

describe('toCsv', () => {
  it('uses a BOM, semicolons, CRLF and quotes only the cells that need it', () => {
    const csv = toCsv(activities);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'Aktivitet;Målgrupp;Antal;Slutdatum',
      '"Gemensam SIP-utbildning; steg 1";Barn och unga;3;2027-06-30T00:00:00.000Z',
      '"Säg ""hej"" till brukarråd\nrad två";Vuxen;;',
      '',
    ]);
  });
});

// Formula injection (CSV injection): what someone typed into a form must never run when the kansli opens
// the export. The six classic payload shapes, as free text in a cell.
const FORMULA_PAYLOADS = ['=1+2', '+SUM(1;1)', '-2+3', '@SUM(1)', '\t=cmd|calc', '\r=HYPERLINK("http://example.invalid")'];
const payloadSheet: Sheet = {
  name: 'Fritext',
  columns: [
    { key: 'text', header: 'Text' },
    { key: 'count', header: 'Antal' },
  ],
  rows: FORMULA_PAYLOADS.map((text) => ({ text, count: -3 })),
};

describe('formula payloads in free text', () => {
  it('CSV: every cell starting with = + - @ tab or CR gets a leading single quote; numbers stay numbers', () => {
    const rows = readCsv(toCsv(payloadSheet));
    expect(rows.slice(1).map((row) => row[0])).toEqual(FORMULA_PAYLOADS.map((text) => `'${text}`));
    expect(rows.slice(1).map((row) => row[1])).toEqual(FORMULA_PAYLOADS.map(() => '-3'));
  });

  it('CSV: text that only contains those characters later is left as it is', () => {
    const rows = readCsv(toCsv({ ...payloadSheet, rows: [{ text: 'A = B + C - D @ E', count: 1 }] }));
    expect(rows[1]).toEqual(['A = B + C - D @ E', '1']);
  });

  it('.xlsx: the same text is written as string cells, never as formulas', async () => {
    const sheet = (await readWorkbook(await toXlsx([payloadSheet]))).worksheets[0]!;
    FORMULA_PAYLOADS.forEach((text, index) => {
      const cell = sheet.getCell(`A${index + 2}`);
      expect(cell.formula).toBeUndefined();
      expect(typeof cell.value).toBe('string');
      // XML turns a lone CR into LF; what matters is that the rest is the typed text, as text.
      expect(String(cell.value).slice(1)).toBe(text.slice(1));
    });
  });
});
