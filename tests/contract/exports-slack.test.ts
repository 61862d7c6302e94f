// Contract test of `exportera` on Slack: the REAL server and SQLite store, requests signed as Slack signs
// them, and the fake Slack Web API. The command opens the modal; submitting it uploads the file with
// Slack's real upload flow (files.getUploadURLExternal, the bytes POSTed to the upload URL,
// files.completeUploadExternal into the channel); the uploaded bytes open as a workbook. Where Slack
// refuses the upload, the asker gets the signed link instead, and it works.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Group, Member } from '../../src/core/domain.js';
import { fixedClock } from '../support/fixed-clock.js';
import { MEETING_PREP_NOW, seedMeetingPrepYear } from '../support/meeting-summary-scenario.js';
import { docxText } from '../support/read-docx.js';
import { readCsv } from '../support/read-csv.js';
import { readWorkbook } from '../support/read-workbook.js';
import { visibleBlockTexts } from '../support/slack-requests.js';
import { ANNA_ORDFORANDE, blockButtons, radioPicked, selectPicked, startSlackHarness, type SlackHarness } from '../support/slack-harness.js';

const CHAIR = 'U0CHAIR';
const MEMBER = 'U0BO';
const CHANNEL = 'C_EXPORT';
let slack: SlackHarness;

beforeAll(async () => {
  slack = await startSlackHarness({
    name: 'exports-slack',
    channelId: CHANNEL,
    users: { [CHAIR]: ANNA_ORDFORANDE, [MEMBER]: { name: 'bo', displayName: 'Bo Ledamot', realName: 'Bo Berg' } },
    defaultUser: CHAIR,
    env: { SCHEDULER_ENABLED: 'false' },
    clock: fixedClock(MEETING_PREP_NOW),
  });
  await slack.addBotToChannel(CHAIR);
  const [group] = (await slack.store.groups.list()) as [Group];
  const [chair] = (await slack.store.members.list({ groupId: group.id })) as [Member];
  await seedMeetingPrepYear(slack.store, group, chair);
});

afterAll(() => slack?.close());

async function openModal(user: string) {
  const opened = await slack.next('views.open', () => slack.send(slack.command('exportera', user)));
  expect(opened.body.view).toMatchObject({ type: 'modal', callback_id: 'export', title: { text: 'Exportera' }, submit: { text: 'Exportera' } });
  return opened.body.view as Record<string, any>;
}

describe('exportera on Slack', () => {
  it('uploads the chosen tables as .xlsx into the channel, and the uploaded bytes open as a workbook', async () => {
    const view = await openModal(MEMBER);
    const from = slack.fake.calls.length;
    const response = await slack.send(slack.submitView(view, { what: radioPicked('all-tables'), format: radioPicked('xlsx'), period: selectPicked('2026-1') }, MEMBER));
    expect(response.status).toBe(200);
    const completed = await slack.fake.waitFor('files.completeUploadExternal', slack.after(from));
    expect(completed.body).toMatchObject({ channel_id: CHANNEL, initial_comment: 'Bo Ledamot exporterade Aktiviteter, uppdrag och rapporter i en arbetsbok (.xlsx).' });
    const [requested] = slack.newCalls(from, 'files.getUploadURLExternal');
    expect(requested!.body).toMatchObject({ filename: 'aktiviteter-uppdrag-rapporter.xlsx' });
    expect(slack.newCalls(from, 'upload')).toHaveLength(1);

    const fileId = (completed.body.files as { id: string }[])[0]!.id;
    const file = slack.fake.files.get(fileId)!;
    expect(file).toMatchObject({ channelId: CHANNEL, filename: 'aktiviteter-uppdrag-rapporter.xlsx' });
    expect(file.bytes!.length).toBe(file.length);
    const workbook = await readWorkbook(file.bytes!);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Aktiviteter', 'Uppdrag', 'Rapporter']);
    const activities = workbook.getWorksheet('Aktiviteter')!;
    expect(activities.getRow(1).values).toEqual([undefined, 'Planår', 'Aktivitet', 'Beskrivning', 'Fokusområde', 'Mål', 'Målgrupp', 'Startdatum', 'Slutdatum', 'Status', 'Antal uppdrag']);
    expect(activities.getCell('B2').value).toBe('Gemensam rutin för SIP');
    expect(workbook.getWorksheet('Uppdrag')!.rowCount).toBe(6);
  });

  it('uploads one table as .csv and the halvårsrapport as .docx', async () => {
    let view = await openModal(CHAIR);
    let from = slack.fake.calls.length;
    await slack.send(slack.submitView(view, { what: radioPicked('reports'), format: radioPicked('csv') }));
    let completed = await slack.fake.waitFor('files.completeUploadExternal', slack.after(from));
    const csv = slack.fake.files.get((completed.body.files as { id: string }[])[0]!.id)!;
    expect(csv.filename).toBe('rapporter.csv');
    const rows = readCsv(csv.bytes!.toString('utf8'));
    expect(rows[0]!.slice(0, 3)).toEqual(['Typ', 'Uppdrag', 'Version']);
    expect(rows).toHaveLength(5);

    view = await openModal(CHAIR);
    from = slack.fake.calls.length;
    await slack.send(slack.submitView(view, { what: radioPicked('half-year'), period: selectPicked('2026-1'), format: radioPicked('xlsx') }));
    completed = await slack.fake.waitFor('files.completeUploadExternal', slack.after(from));
    const docx = slack.fake.files.get((completed.body.files as { id: string }[])[0]!.id)!;
    expect(docx.filename).toBe('halvårsrapport-2026-januari-juni.docx');
    expect(docxText(docx.bytes!)).toContain('Halvårsrapport januari–juni 2026');
  });

  it('a refused upload (the bot is not in the channel) gives the asker the signed link instead, and it opens the file', async () => {
    const view = await openModal(MEMBER);
    slack.fake.failNext('files.completeUploadExternal', 'not_in_channel');
    const posted = await slack.next('chat.postEphemeral', () => slack.send(slack.submitView(view, { what: radioPicked('assignments'), format: radioPicked('xlsx') }, MEMBER)));
    expect(posted.body).toMatchObject({ channel: CHANNEL, user: MEMBER });
    expect(visibleBlockTexts(posted.body.blocks).join('\n')).toContain('Jag kunde inte lägga upp filen i kanalen. Här är en länk till den i stället.');
    const link = blockButtons(posted.body.blocks).find((button) => typeof button.url === 'string');
    expect(link?.text.text).toBe('Öppna uppdrag.xlsx');
    const response = await fetch(link.url);
    expect(response.status).toBe(200);
    const workbook = await readWorkbook(new Uint8Array(await response.arrayBuffer()));
    expect(workbook.getWorksheet('Uppdrag')!.getCell('A2').value).toBe('Rutin för SIP');
  });

  it('keeps the modal open with the error under the field when CSV is asked for all three tables', async () => {
    const view = await openModal(CHAIR);
    const from = slack.fake.calls.length;
    const response = await slack.send(slack.submitView(view, { what: radioPicked('all-tables'), format: radioPicked('csv') }));
    expect(response.json).toEqual({ response_action: 'errors', errors: { format: 'En CSV-fil rymmer en tabell. Välj Excel (.xlsx) för alla tre i en arbetsbok, eller en tabell i taget.' } });
    expect(slack.newCalls(from, 'files.getUploadURLExternal')).toEqual([]);
  });
});
