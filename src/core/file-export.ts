// A file the bot hands over in the chat, as the core decides it: what it holds (a document or tables), its
// name and a signed link to it. Writing the bytes is the exports edge's job (src/exports/render-file.ts).
import type { Sheet } from './sheet.js';
import type { PlanDocument } from './use-cases/plan-documents.js';

export const FILE_FORMATS = ['docx', 'xlsx', 'csv'] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

export const MEDIA_TYPES: Record<FileFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

export type FileContent = { kind: 'document'; document: PlanDocument } | { kind: 'sheets'; sheets: Sheet[] };

export interface FileExport {
  /** With its extension, in the group's language, e.g. halvårsrapport-2026-januari-juni.docx. */
  fileName: string;
  /** What it is, for the message that goes with it ("halvårsrapporten januari–juni 2026"). */
  title: string;
  format: FileFormat;
  mediaType: string;
  content: FileContent;
  /** A signed link that serves the same file in a browser; empty where the app serves no downloads. */
  url: string;
}
