// Libraries that only a file export needs are imported at first use, never at start-up: docx, exceljs and
// ics added about 40 MB to the RSS of every process (bench/footprint.ts), most of which never writes a file.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { meetingsCalendar } from '../../src/exports/meetings-ics.js';
import { toDocx } from '../../src/exports/plan-document.js';
import { toXlsx } from '../../src/exports/spreadsheet.js';

const root = resolve(import.meta.dirname, '../..');
const EXPORT_ONLY = ['docx', 'exceljs', 'ics', 'nodemailer'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

describe('export-only libraries', () => {
  it('are never imported statically under src/ (type imports cost nothing at run time)', () => {
    const offenders = sourceFiles(join(root, 'src')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\s+(?!type\s)[^'";]*?from\s+['"]([^'"]+)['"]/gm)]
        .filter((match) => EXPORT_ONLY.includes(match[1]!))
        .map((match) => `${relative(root, file)}: ${match[1]}`),
    );
    expect(offenders).toEqual([]);
  });

  it('still write their files when first used', async () => {
    const document = { title: 'Handlingsplan 2026', subtitle: 'Version 1', sections: [{ heading: 'Mål', paragraphs: ['Fler SIP'], bullets: ['Rutin'] }] };
    expect((await toDocx(document as never)).subarray(0, 2).toString()).toBe('PK');
    expect((await toXlsx([{ name: 'Blad', columns: [{ header: 'A', width: 10 }], rows: [['x']] } as never])).subarray(0, 2).toString()).toBe('PK');
    const group = { name: 'Samverkan Uddevalla', locale: 'sv' } as never;
    const ics = await meetingsCalendar(group, [
      { id: 'm1', groupId: 'g', startsAt: new Date('2026-12-08T12:00:00Z'), durationMinutes: 90, seriesId: null, location: null, cancelled: false, createdAt: new Date() },
    ]);
    expect(ics).toContain('UID:m1@samverkansbot');
  });
});
