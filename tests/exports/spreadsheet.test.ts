// Spreadsheets are read back the way Excel would: the .xlsx through exceljs, the .csv as text.
import { describe, expect, it } from 'vitest';
import { toCsv, toXlsx, type Sheet } from '../../src/exports/spreadsheet.js';
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
