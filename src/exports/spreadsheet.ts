// Tables as files people open in Excel: .xlsx (exceljs) and .csv. One shape, `Sheet`, serves every export
// (activities, assignments, reports, the regional roll-up) so each feature only decides its columns.

import type { CellValue, Sheet } from '../core/sheet.js';

export type { CellValue, Sheet, SheetColumn } from '../core/sheet.js';

const FORBIDDEN_IN_SHEET_NAME = /[:\\/?*[\]]/g;

function safeSheetName(name: string, taken: Set<string>): string {
  const base = name.replace(FORBIDDEN_IN_SHEET_NAME, ' ').trim().slice(0, 31) || 'Blad';
  let candidate = base;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

/**
 * A workbook with one worksheet per sheet: bold, frozen header row and a filter on every column. Strings are
 * written as string cells (exceljs writes a formula only for a { formula } value), so text such as =1+2 stays
 * text; tests/exports/spreadsheet.test.ts holds it to that.
 */
export async function toXlsx(sheets: readonly Sheet[], options: { creator?: string; now?: Date } = {}): Promise<Buffer> {
  // Imported at the first .xlsx, not at start-up: exceljs adds about 28 MB to a process that may never export.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = options.creator ?? 'Samverkansbot';
  if (options.now) workbook.created = workbook.modified = options.now;
  const taken = new Set<string>();
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(safeSheetName(sheet.name, taken), { views: [{ state: 'frozen', ySplit: 1 }] });
    worksheet.columns = sheet.columns.map((column) => ({
      key: column.key,
      header: column.header,
      width: column.width ?? Math.max(12, Math.min(60, column.header.length + 4)),
    }));
    worksheet.getRow(1).font = { bold: true };
    for (const row of sheet.rows) worksheet.addRow(Object.fromEntries(sheet.columns.map((c) => [c.key, row[c.key] ?? null])));
    if (sheet.columns.length > 0) worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * Text that Excel, LibreOffice and Google Sheets would run as a formula (or a DDE call) when the file is
 * opened: =, +, -, @, tab and carriage return at the start. OWASP's advice: a leading single quote, which
 * spreadsheets show as plain text. Numbers are written as they are (-3 is a number, not a formula).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(value: CellValue): string {
  if (value === null) return '';
  const written = value instanceof Date ? value.toISOString() : String(value);
  const text = typeof value === 'string' && FORMULA_START.test(value) ? `'${written}` : written;
  // Swedish Excel reads ';' as the list separator (',' is the decimal comma); quote whatever could split a cell.
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * RFC 4180 with ';' as separator, CRLF line ends and a UTF-8 byte-order mark, which is what Excel with Swedish
 * settings needs to open a double-clicked file with å, ä and ö intact and each field in its own column.
 */
export function toCsv(sheet: Sheet): string {
  const lines = [sheet.columns.map((c) => csvCell(c.header)).join(';')];
  for (const row of sheet.rows) lines.push(sheet.columns.map((c) => csvCell(row[c.key] ?? null)).join(';'));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
