// Contract test of `exportera` on Teams: the REAL server and SQLite store driven with Teams-shaped
// activities. The command answers with the form card; "Exportera" answers with a card whose Action.OpenUrl
// is a signed link that a browser opens: the real route serves the .xlsx and the .docx; a tampered link 403.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Group, Member } from '../../src/core/domain.js';
import { fixedClock } from '../support/fixed-clock.js';
import { collectCardTexts } from '../support/fake-bot-connector.js';
import { MEETING_PREP_NOW, seedMeetingPrepYear } from '../support/meeting-summary-scenario.js';
import { docxText } from '../support/read-docx.js';
import { readWorkbook } from '../support/read-workbook.js';
import { MEMBER, teamChannel } from '../support/teams-activities.js';
import { byVerb, cardActions, inputsById, startTeamsHarness, type TeamsHarness } from '../support/teams-harness.js';

let teams: TeamsHarness;

beforeAll(async () => {
  teams = await startTeamsHarness({ name: 'exports-teams', channel: teamChannel({ teamName: 'Samverkan Uddevalla' }), clock: fixedClock(MEETING_PREP_NOW) });
  const [group] = (await teams.store.groups.list()) as [Group];
  const [chair] = (await teams.store.members.list({ groupId: group.id })) as [Member];
  await seedMeetingPrepYear(teams.store, group, chair);
});

afterAll(() => teams?.close());

const openUrl = (card: Record<string, any>) => {
  const link = cardActions(card).find((action) => action.type === 'Action.OpenUrl');
  if (!link) throw new Error(`no link on the card: ${collectCardTexts(card).join(' | ')}`);
  return String(link.url);
};

describe('exportera on Teams', () => {
  it('a member picks all tables as .xlsx and gets a card whose link opens the workbook in a browser', async () => {
    const form = await teams.say('exportera', MEMBER);
    expect(Object.keys(inputsById(form))).toEqual(['what', 'period', 'planYear', 'assignmentId', 'reportId', 'format']);
    expect(inputsById(form).period.value).toBe('2026-1');

    const ready = await teams.press(byVerb(form, 'export'), { what: 'all-tables', format: 'xlsx' }, MEMBER);
    expect(collectCardTexts(ready)).toEqual(expect.arrayContaining(['Exporten är klar: aktiviteter-uppdrag-rapporter.xlsx', 'Bo Ledamot exporterade Aktiviteter, uppdrag och rapporter i en arbetsbok (.xlsx).']));
    const url = openUrl(ready);
    expect(url.startsWith(`${teams.app.url}/exports/files/`)).toBe(true);

    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="aktiviteter-uppdrag-rapporter.xlsx"; filename*=UTF-8\'\'aktiviteter-uppdrag-rapporter.xlsx');
    const workbook = await readWorkbook(new Uint8Array(await response.arrayBuffer()));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Aktiviteter', 'Uppdrag', 'Rapporter']);
    expect(workbook.getWorksheet('Uppdrag')!.getCell('A2').value).toBe('Rutin för SIP');

    const tampered = url.replace('/all-tables/', '/reports/');
    expect((await fetch(tampered)).status).toBe(403);
    const forged = url.replace(/signature=[^&]+/, 'signature=' + 'A'.repeat(43));
    expect((await fetch(forged)).status).toBe(403);
  });

  it('the halvårsrapport of the last full half-year opens as a Word file with a Swedish file name', async () => {
    const form = await teams.say('exportera');
    const ready = await teams.press(byVerb(form, 'export'), { what: 'half-year', period: '2026-1' });
    const response = await fetch(openUrl(ready));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('halvårsrapport-2026-januari-juni.docx')}`);
    const text = docxText(Buffer.from(await response.arrayBuffer()));
    expect(text).toContain('Halvårsrapport januari–juni 2026');
    expect(text).toContain('Lägesrapport 20 juni 2026 (🔴 Röd): Arbetet fortgår · Kommer tidsplanen att hållas? Nej');
  });

  it('a CSV of all three tables comes back as the form with the error under the format', async () => {
    const form = await teams.say('exportera');
    const refused = await teams.press(byVerb(form, 'export'), { what: 'all-tables', format: 'csv' });
    expect(collectCardTexts(refused)).toContain('En CSV-fil rymmer en tabell. Välj Excel (.xlsx) för alla tre i en arbetsbok, eller en tabell i taget.');
    expect(inputsById(refused).what.value).toBe('all-tables');
  });
});
