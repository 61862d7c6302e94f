// The documents of the local action plan (plan-documents.ts in the core) as files: Markdown for mail and
// wikis, .docx (the docx package) for the office's archive.
import type { Paragraph } from 'docx';
import type { PlanDocument } from '../core/use-cases/plan-documents.js';
import { escapeMarkdown } from '../cards/card-markdown.js';

/** One line of text as Markdown that shows exactly what was typed: no heading, link, list, table or HTML of it. */
const inline = (text: string) => escapeMarkdown(text.replace(/\s*[\r\n]+\s*/g, ' '));

export function toMarkdown(document: PlanDocument): string {
  // The document's texts hold what people typed (titles, goals, names); only the structure around them is Markdown.
  const lines = [`# ${inline(document.title)}`, '', `_${inline(document.subtitle)}_`, ''];
  for (const section of document.sections) {
    if (section.heading) lines.push(`## ${inline(section.heading)}`, '');
    for (const paragraph of section.paragraphs) lines.push(escapeMarkdown(paragraph), '');
    if (section.bullets.length > 0) lines.push(...section.bullets.map((bullet) => `- ${inline(bullet)}`), '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

export async function toDocx(document: PlanDocument): Promise<Buffer> {
  // Imported at the first .docx, not at start-up (about 11 MB that most processes never need).
  const { Document, HeadingLevel, Packer, Paragraph, TextRun } = await import('docx');
  const children: Paragraph[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(document.title)] }),
    new Paragraph({ children: [new TextRun({ text: document.subtitle, italics: true })] }),
  ];
  for (const section of document.sections) {
    if (section.heading) children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(section.heading)] }));
    for (const paragraph of section.paragraphs) children.push(new Paragraph({ children: [new TextRun(paragraph)] }));
    for (const bullet of section.bullets) children.push(new Paragraph({ bullet: { level: 0 }, children: [new TextRun(bullet)] }));
  }
  const file = new Document({ title: document.title, creator: 'Samverkansbot', sections: [{ children }] });
  return Packer.toBuffer(file);
}
