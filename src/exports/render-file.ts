// The bytes of a file the core described (file-export.ts): one writer per format, shared by the download
// routes and the Slack upload, so a file looks the same however it reaches people.
import type { FileExport } from '../core/file-export.js';
import { toDocx } from './plan-document.js';
import { toCsv, toXlsx } from './spreadsheet.js';

export async function renderFile(file: Pick<FileExport, 'format' | 'content'>, now?: Date): Promise<Buffer> {
  const { content } = file;
  if (content.kind === 'document') {
    if (file.format !== 'docx') throw new Error(`a document cannot be written as .${file.format}`);
    return toDocx(content.document);
  }
  if (file.format === 'xlsx') return toXlsx(content.sheets, { now });
  if (file.format === 'csv' && content.sheets.length === 1) return Buffer.from(toCsv(content.sheets[0]!), 'utf8');
  throw new Error(`${content.sheets.length} tables cannot be written as .${file.format}`);
}
