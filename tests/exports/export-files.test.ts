// The `exportera` files over their signed download route, opened the way Word and Excel open them: the
// .docx's word/document.xml, the .xlsx's cells through exceljs, the .csv parsed; correct Content-Type and a
// Swedish file name; 403 for a tampered or unsigned link, 404 for what the group does not have.
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from '../../src/core/bot.js';
import type { Group, Member } from '../../src/core/domain.js';
import { createFileRoutes, exportFilePath } from '../../src/exports/file-routes.js';
import { createLinkSigner } from '../../src/exports/signed-links.js';
import { createLogger } from '../../src/logger.js';
import { actor, slackChannel } from '../support/events.js';
import { fixedClock } from '../support/fixed-clock.js';
import { createInMemoryStore } from '../support/in-memory-store.js';
import { MEETING_PREP_NOW, seedMeetingPrepYear, type MeetingPrepYear } from '../support/meeting-summary-scenario.js';
import { docxText } from '../support/read-docx.js';
import { readCsv } from '../support/read-csv.js';
import { readWorkbook } from '../support/read-workbook.js';
import { testRegion } from '../support/test-region.js';

const clock = fixedClock(MEETING_PREP_NOW);
const store = createInMemoryStore(clock.now);
const signer = createLinkSigner({ secret: 'export-test-secret', baseUrl: () => base, clock, ttlMs: 60_000 });
let base = '';
let server: ReturnType<ReturnType<typeof express>['listen']>;
let group: Group;
let year: MeetingPrepYear;

beforeAll(async () => {
  const bot = createBot({ region: testRegion(), store, clock, defaults: { locale: 'sv', timeZone: 'Europe/Stockholm' } });
  await bot.handle({ type: 'bot-added', channel: slackChannel(), actor: actor() });
  [group] = (await store.groups.list()) as [Group];
  const [chair] = (await store.members.list({ groupId: group.id })) as [Member];
  year = await seedMeetingPrepYear(store, group, chair);
  const app = express();
  app.use(createFileRoutes({ store, signer, logger: createLogger('silent'), locale: 'sv', clock }));
  server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const get = (what: string, subject: string, format: 'docx' | 'xlsx' | 'csv') => fetch(signer.url(exportFilePath(group.id, what, subject, format)));

describe('exported files read back', () => {
  it('the halvårsrapport is a Word document with the period’s activities and reports', async () => {
    const response = await get('half-year', '2026-2', 'docx');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="halvarsrapport-2026-juli-december.docx"; filename*=UTF-8''${encodeURIComponent('halvårsrapport-2026-juli-december.docx')}`,
    );
    const text = docxText(Buffer.from(await response.arrayBuffer()));
    for (const expected of [
      'Halvårsrapport juli–december 2026',
      'Sammanfattning',
      'Lägesrapporter: 2',
      'Gemensam rutin för SIP',
      'Lägesrapport 1 september 2026 (🟢 Grön): Arbetet fortgår · Kommer tidsplanen att hållas? Ja',
      'Lägesrapport 30 augusti 2026 (🟡 Gul): Arbetet fortgår · Kommer tidsplanen att hållas? Osäkert',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('Lägesrapport 20 juni 2026');
  });

  it('the helårsrapport is a Word document with each activity\'s latest status and the meetings held', async () => {
    const response = await get('full-year', '2026', 'docx');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="helarsrapport-2026.docx"; filename*=UTF-8''${encodeURIComponent('helårsrapport-2026.docx')}`);
    const text = docxText(Buffer.from(await response.arrayBuffer()));
    for (const expected of [
      'Helårsrapport 2026',
      'Möten',
      'Gemensam rutin för SIP',
      'Senaste lägesrapporten, den 1 september 2026: 🟢 Grön. Kommer tidsplanen att hållas? Ja',
      'Senaste lägesrapporten, den 30 augusti 2026: 🟡 Gul. Kommer tidsplanen att hållas? Osäkert',
    ]) {
      expect(text).toContain(expected);
    }
    expect((await get('full-year', '2026', 'xlsx')).status).toBe(404);
  });

  it('a progress report and an uppdragshandling are Word documents too', async () => {
    const report = await get('report', `p-${year.reportIds.schoolOld}`, 'docx');
    expect(report.status).toBe(200);
    const text = docxText(Buffer.from(await report.arrayBuffer()));
    expect(text).toContain('Lägesrapport: Utbildning för skolpersonal');
    expect(text).toContain('Statusfärg: Röd');
    const assignment = await get('assignment', year.assignments.mhfa.id, 'docx');
    expect(docxText(Buffer.from(await assignment.arrayBuffer()))).toContain('MHFA-utbildning');
  });

  it('all three tables open in Excel as one workbook with Swedish headers and every row', async () => {
    const response = await get('all-tables', 'alla', 'xlsx');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = await readWorkbook(new Uint8Array(await response.arrayBuffer()));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Aktiviteter', 'Uppdrag', 'Rapporter']);
    const assignments = workbook.getWorksheet('Uppdrag')!;
    expect(assignments.getRow(1).values).toEqual(expect.arrayContaining(['Uppdrag', 'Aktivitet', 'Startdatum', 'Slutdatum', 'Status', 'Sammankallande']));
    expect(assignments.rowCount).toBe(6);
    expect(assignments.getCell('A2').value).toBe('Rutin för SIP');
    expect(assignments.getCell('E6').value).toBe('slutrapporterat, inväntar godkännande');
    const reports = workbook.getWorksheet('Rapporter')!;
    expect(reports.rowCount).toBe(5);
    expect(reports.getCell('A2').value).toBe('Lägesrapport');
  });

  it('one table as .csv parses into the same rows', async () => {
    const response = await get('activities', 'alla', 'csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toContain('filename="aktiviteter.csv"');
    const rows = readCsv(await response.text());
    expect(rows[0]).toEqual(['Planår', 'Aktivitet', 'Beskrivning', 'Fokusområde', 'Mål', 'Målgrupp', 'Startdatum', 'Slutdatum', 'Status', 'Antal uppdrag']);
    expect(rows.slice(1).map((row) => row[1])).toEqual(['Gemensam rutin för SIP', 'Utbildning i Första hjälpen till psykisk hälsa', 'Tidiga insatser för unga vuxna']);
    expect(rows[1]).toEqual(['2025', 'Gemensam rutin för SIP', 'Beskrivning', 'FO1', 'M1', 'Vuxen', '2025-03-01', '2026-12-15', 'Pågående', '3']);
  });
});

describe('refused links', () => {
  it('403 for a tampered signature, another subject under the same signature, or no signature at all', async () => {
    const good = signer.url(exportFilePath(group.id, 'all-tables', 'alla', 'xlsx'));
    const tampered = good.replace(/signature=(.)/, (_whole, first: string) => `signature=${first === 'A' ? 'B' : 'A'}`);
    expect((await fetch(tampered)).status).toBe(403);
    expect((await fetch(good.replace('/all-tables/', '/reports/'))).status).toBe(403);
    expect((await fetch(good.replace('.xlsx?', '.csv?'))).status).toBe(403);
    const unsigned = await fetch(`${base}${exportFilePath(group.id, 'all-tables', 'alla', 'xlsx')}`);
    expect(unsigned.status).toBe(403);
    // Each refusal says what the link was to and how to get a new one (issue 18 item 6).
    const renew = 'Skriv "exportera" i gruppens kanal och välj filen igen, så får du en ny länk.';
    expect(await unsigned.text()).toBe(`Länken till en fil från "exportera" är ogiltig: den kan ha kortats av eller ändrats. ${renew}`);
    const expired = good;
    clock.advance(61_000);
    const late = await fetch(expired);
    expect(late.status).toBe(403);
    expect(await late.text()).toBe(`Länken till en fil från "exportera" har gått ut. ${renew}`);
    clock.set(MEETING_PREP_NOW);
  });

  it('404 for a correctly signed link to what the group does not have (no plan that year, a format the kind has no writer for)', async () => {
    const gone = await get('plan', '2031', 'docx');
    expect(gone.status).toBe(404);
    expect(await gone.text()).toBe('Det som länken till en fil från "exportera" pekade på finns inte längre. Skriv "exportera" i gruppens kanal och välj filen igen, så får du en ny länk.');
    expect((await get('all-tables', 'alla', 'csv')).status).toBe(404);
    expect((await get('half-year', '2026-2', 'xlsx')).status).toBe(404);
    expect((await get('report', 'p-unknown', 'docx')).status).toBe(404);
  });
});
