// Opens an .xlsx the way Excel would, for tests that read exported cells back.
import ExcelJS from 'exceljs';

export async function readWorkbook(file: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // exceljs types its input as an ArrayBuffer; hand it exactly the file's bytes.
  await workbook.xlsx.load(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer);
  return workbook;
}
