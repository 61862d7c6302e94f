// Opens a .docx (a zip) the way Word reads it, for tests that read exported documents back.
import { inflateRawSync } from 'node:zlib';

/** The text of word/document.xml inside the .docx zip (stored or deflated entry). */
export function documentXml(zip: Buffer): string {
  for (let offset = 0; offset < zip.length - 30; offset += 1) {
    if (zip.readUInt32LE(offset) !== 0x04034b50) continue;
    const method = zip.readUInt16LE(offset + 8);
    const size = zip.readUInt32LE(offset + 18);
    const nameLength = zip.readUInt16LE(offset + 26);
    const extra = zip.readUInt16LE(offset + 28);
    const name = zip.subarray(offset + 30, offset + 30 + nameLength).toString();
    const start = offset + 30 + nameLength + extra;
    if (name === 'word/document.xml') {
      const data = zip.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
  }
  throw new Error('no word/document.xml in the .docx');
}

/** The document's visible text: every run of word/document.xml, paragraphs on their own lines. */
export function docxText(zip: Buffer): string {
  return documentXml(zip)
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'");
}
