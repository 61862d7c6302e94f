// Contract test of the kansli's regional roll-up and data-rights export (issue 6) on both platforms: the REAL
// server with the REAL SQLite store over HTTP. The roll-up card carries a signed link; downloading it gives
// an .xlsx whose cells hold the workspace's numbers and nothing of another workspace or platform.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type ExcelJS from 'exceljs';
import type { Group, Platform } from '../../src/core/domain.js';
import type { Store } from '../../src/core/ports.js';
import { fixedClock } from '../support/fixed-clock.js';
import { readWorkbook } from '../support/read-workbook.js';
import { visibleBlockTexts as visible } from '../support/slack-requests.js';
import { blockButton, blockButtons, startSlackHarness, type SlackHarness } from '../support/slack-harness.js';
import { collectCardTexts } from '../support/fake-bot-connector.js';
import { CHAIR as TEAMS_CHAIR, TENANT_ID } from '../support/teams-activities.js';
import { cardActions, startTeamsHarness, type TeamsHarness } from '../support/teams-harness.js';

const NOW = '2026-10-15T08:00:00Z';

/** A second group of the same tenant and one of another tenant/platform, each with a plan and a closed assignment. */
async function addGroup(store: Store, place: { platform: Platform; tenantId: string; channelId: string }, name: string, addedValue: string): Promise<Group> {
  const group = await store.groups.create({
    name, timeZone: 'Europe/Stockholm', locale: 'sv', officeChannelId: null, standingItemHoursBefore: 48, summaryHoursBefore: 24, planningDayReminder: false, reportPromptDaysBefore: 5,
  });
  await store.channels.create({ groupId: group.id, ...place, channelName: name, conversationReference: null });
  await seedWork(store, group, addedValue);
  return group;
}

async function seedWork(store: Store, group: Group, addedValue: string): Promise<void> {
  const chair = await store.members.create({ groupId: group.id, platform: 'slack', tenantId: 'x', platformUserId: `chair-${group.id}`, displayName: 'Ordförande', organisationId: null, roles: ['ordforande'], substituteForMemberId: null });
  const plan = await store.plans.create({ groupId: group.id, year: 2026, version: 1, decidedAt: new Date('2026-02-01T10:00:00Z'), decidedByMemberId: chair.id, sentToOfficeAt: null, lastRevisedAt: null });
  const activity = await store.activities.create({
    planId: plan.id, title: `Aktivitet i ${group.name}`, description: '', targetGroup: 'barn_och_unga', focusAreaCode: 'SIP', goalCode: 'SIP1',
    startDate: new Date('2026-03-01T00:00:00Z'), endDate: new Date('2026-12-15T00:00:00Z'), status: 'pagaende', proposalId: null,
  });
  const assignment = await store.assignments.create({
    groupId: group.id, activityId: activity.id, title: `Uppdrag i ${group.name}`, startDate: new Date('2026-01-10T00:00:00Z'), endDate: new Date('2026-06-30T00:00:00Z'),
    targetGroupText: 'Unga', purpose: 'Syfte', activityText: 'Aktivitet', memberIds: [chair.id], convenerMemberId: chair.id, reportingForm: { kind: 'before_each_meeting' },
    goal: 'Mål', resources: 'Resurser', finalReportForm: 'Skriftlig', status: 'avslutat',
  });
  await store.finalReports.create({
    assignmentId: assignment.id, authorMemberId: chair.id, goalMet: 'delvis', goalMetHow: 'Så', addedValue, resultsJoint: 'Gemensamt', resultsPerParty: 'Per part',
    acceptedAt: new Date('2026-07-01T10:00:00Z'), acceptedByMemberId: chair.id,
  });
}

function cells(workbook: ExcelJS.Workbook): string {
  const values: string[] = [];
  workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => values.push(String(cell.value)))));
  return values.join('\n');
}

async function download(url: string): Promise<ExcelJS.Workbook> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  expect(response.headers.get('content-disposition')).toBe('attachment; filename="regional-sammanstallning-2026.xlsx"');
  return readWorkbook(new Uint8Array(await response.arrayBuffer()));
}

describe('Slack', () => {
  const clock = fixedClock(NOW);
  let slack: SlackHarness;

  beforeAll(async () => {
    slack = await startSlackHarness({
      name: 'regional-rollup-slack',
      channelId: 'C111',
      users: {
        U0CHAIR: { name: 'anna', displayName: 'Anna Ordförande', realName: 'Anna Andersson' },
        U0KANSLI: { name: 'karin', displayName: 'Karin Kansli', realName: 'Karin Karlsson' },
      },
      defaultUser: 'U0CHAIR',
      env: { SCHEDULER_ENABLED: 'false' },
      clock,
    });
    await slack.addBotToChannel('U0CHAIR');
    const [own] = await slack.store.groups.list();
    await seedWork(slack.store, own!, 'Mervärde i Uddevalla');
    await slack.store.members.create({ groupId: own!.id, platform: 'slack', tenantId: 'T111', platformUserId: 'U0KANSLI', displayName: 'Karin Kansli', organisationId: null, roles: ['kansli'], substituteForMemberId: null });
    await addGroup(slack.store, { platform: 'slack', tenantId: 'T111', channelId: 'C222' }, 'LSG Lysekil', 'Mervärde i Lysekil');
    await addGroup(slack.store, { platform: 'slack', tenantId: 'T999', channelId: 'C111' }, 'HEMLIG arbetsyta', 'HEMLIGT mervärde');
    await addGroup(slack.store, { platform: 'teams', tenantId: 'T111', channelId: '19:x@thread.tacv2' }, 'HEMLIG Teams', 'HEMLIGT Teams');
  });
  afterAll(() => slack?.close());

  it('refuses /samverkan region to a chair without the kansli role, to the asker only', async () => {
    const posted = await slack.next('response_url', () => slack.send(slack.command('region', 'U0CHAIR')));
    expect(visible(posted.body.blocks).join('\n')).toContain('Det här är till för kansliet.');
  });

  it('shows the roll-up to the kansli admin only, and its .xlsx link downloads the workbook', async () => {
    const from = slack.fake.calls.length;
    // A command's private answer goes through its response_url.
    const posted = await slack.next('response_url', () => slack.send(slack.command('sammanställning', 'U0KANSLI')));
    expect(posted.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(slack.newCalls(from, 'chat.postMessage'), 'nothing in the channel').toEqual([]);
    const texts = visible(posted.body.blocks).join('\n');
    expect(texts).toContain('Regional sammanställning 2026');
    expect(texts).toContain('2 samverkansgrupper i Testregionen');
    expect(texts).toContain('SIP SIP – samordnad individuell plan: 2 (Vuxen 0 · Barn och unga 2 · Vuxen samt Barn och unga 0)');
    expect(texts).not.toContain('HEMLIG');

    const link = blockButtons(posted.body.blocks).find((button) => button.url)!;
    expect(link.text.text).toBe('Ladda ned som Excel (.xlsx)');
    expect(link.url).toMatch(new RegExp(`^${slack.app.url}/exports/regions/slack/T111/2026\\.xlsx\\?expires=\\d+&signature=`));
    const workbook = await download(link.url);
    const focus = workbook.getWorksheet('Fokusområden')!;
    expect(focus.getRow(1).values).toEqual([undefined, 'Fokusområde', 'Fokusområdets namn', 'Vuxen', 'Barn och unga', 'Vuxen samt Barn och unga', 'Totalt']);
    const sipRow = focus.getRows(2, focus.rowCount - 1)!.find((row) => row.getCell(1).value === 'SIP')!;
    expect(sipRow.getCell(4).value).toBe(2);
    expect(sipRow.getCell(6).value).toBe(2);
    const closed = workbook.getWorksheet('Avslutade uppdrag')!;
    expect(closed.getRow(2).values).toEqual([undefined, 'samverkan-uddevalla', 'Uppdrag i samverkan-uddevalla', '2026-07-01', 'Delvis', 'Mervärde i Uddevalla']);
    expect(closed.getRow(3).getCell(5).value).toBe('Mervärde i Lysekil');
    expect(cells(workbook)).not.toContain('HEMLIG');

    const tampered = new URL(link.url);
    tampered.pathname = '/exports/regions/slack/T999/2026.xlsx';
    expect((await fetch(tampered)).status).toBe(403);
  });

  it('exports what is stored about one person as JSON behind a signed link', async () => {
    const asked = await slack.next('response_url', () => slack.send(slack.command('personuppgifter visa <@U0CHAIR|anna>', 'U0KANSLI')));
    expect(visible(asked.body.blocks).join('\n')).toContain('Lämna ut personuppgifterna om Anna Ordförande?');
    const posted = await slack.next('chat.postEphemeral', () => slack.send(slack.click(blockButton(asked.body.blocks, 'Bekräfta'), 'U0KANSLI')));
    expect(visible(posted.body.blocks).join('\n')).toContain('Personuppgifter om Anna Ordförande');
    const link = blockButton(posted.body.blocks, 'Ladda ned (JSON)');
    const response = await fetch(link.url);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { members: { platformUserId: string; displayName: string }[]; request: { requestedBy: string } };
    expect(body.members.map((member) => [member.platformUserId, member.displayName])).toEqual([['U0CHAIR', 'Anna Ordförande']]);
    expect(body.request.requestedBy).toBe('Karin Kansli');
  });

  it('anonymises a person only after "Bekräfta" is clicked, and says so to the asker only', async () => {
    const own = (await slack.store.groups.list())[0]!;
    const bo = await slack.store.members.create({ groupId: own.id, platform: 'slack', tenantId: 'T111', platformUserId: 'U0BO', displayName: 'Bo Ek', organisationId: null, roles: ['ledamot'], substituteForMemberId: null });
    const asked = await slack.next('response_url', () => slack.send(slack.command('personuppgifter anonymisera <@U0BO|bo>', 'U0KANSLI')));
    expect(visible(asked.body.blocks).join('\n')).toContain('Anonymisera Bo Ek?');
    expect((await slack.store.members.get(bo.id))!.displayName).toBe('Bo Ek');
    const from = slack.fake.calls.length;
    const done = await slack.next('chat.postEphemeral', () => slack.send(slack.click(blockButton(asked.body.blocks, 'Bekräfta'), 'U0KANSLI')));
    expect(done.body).toMatchObject({ user: 'U0KANSLI' });
    expect(visible(done.body.blocks).join('\n')).toContain('Anonymiserad: nu Anonymiserad person');
    expect(slack.newCalls(from, 'chat.postMessage'), 'nothing in the channel').toEqual([]);
    expect(await slack.store.members.get(bo.id)).toMatchObject({ platformUserId: `anonymiserad-${bo.id}`, roles: [] });
    const [request] = await slack.store.dataRightsRequests.list({ action: 'anonymise' });
    expect(request).toMatchObject({ status: 'done', requestedByName: 'Karin Kansli', completedAt: new Date(NOW) });
  });
});

describe('Teams', () => {
  const clock = fixedClock(NOW);
  let teams: TeamsHarness;

  beforeAll(async () => {
    teams = await startTeamsHarness({ name: 'regional-rollup-teams', env: { SCHEDULER_ENABLED: 'false' }, clock });
    await teams.say('hjälp');
    const [own] = await teams.store.groups.list();
    await seedWork(teams.store, own!, 'Mervärde i Teams-gruppen');
    await addGroup(teams.store, { platform: 'slack', tenantId: TENANT_ID, channelId: 'C111' }, 'HEMLIG Slack', 'HEMLIGT Slack');
  });
  afterAll(() => teams?.close());

  it('refuses "region" to the chair, even with the old kansli role, then shows the region file\'s kansli the roll-up with a working .xlsx link, in the private chat only', async () => {
    expect(collectCardTexts((await teams.askPrivately('region')).body).join('\n')).toContain('Det här är till för kansliet.');
    const chair = (await teams.store.members.list()).find((member) => member.platformUserId === TEAMS_CHAIR.aadObjectId)!;
    await teams.store.members.update(chair.id, { roles: ['ordforande', 'kansli'] });
    expect(collectCardTexts((await teams.askPrivately('region')).body).join('\n')).toContain('Det här är till för kansliet.');

    const card = await teams.askPrivately('region', { id: '29:1karin-kansli', name: 'Karin Kansli', aadObjectId: 'aad-kansli-0009' });
    const texts = collectCardTexts(card.body).join('\n');
    expect(texts).toContain('1 samverkansgrupp i Testregionen');
    expect(texts).not.toContain('HEMLIG');
    const link = cardActions(card).find((action) => action.type === 'Action.OpenUrl')!;
    expect(link.url).toMatch(new RegExp(`^${teams.app.url}/exports/regions/teams/${TENANT_ID}/2026\\.xlsx\\?expires=`));
    const workbook = await download(link.url as string);
    const groups = workbook.getWorksheet('Grupper')!;
    expect(groups.rowCount).toBe(2);
    expect(groups.getRow(2).getCell(2).value).toBe(1);
    expect(workbook.getWorksheet('Avslutade uppdrag')!.getRow(2).getCell(5).value).toBe('Mervärde i Teams-gruppen');
    expect(cells(workbook)).not.toContain('HEMLIG');
  });

  it('answers "personuppgifter visa" in the private chat only, with a link that lives one hour', async () => {
    const kansli = { id: '29:1karin-kansli', name: 'Karin Kansli', aadObjectId: 'aad-kansli-0009' };
    const asked = await teams.askPrivately(`personuppgifter visa ${TEAMS_CHAIR.name}`, kansli);
    const confirm = cardActions(asked).find((action) => action.type === 'Action.Execute' && action.title === 'Bekräfta')!;
    const card = await teams.pressPrivately(confirm, {}, kansli);
    const texts = collectCardTexts(card.body).join('\n');
    expect(texts).toContain(`Personuppgifter om ${TEAMS_CHAIR.name}`);
    expect(texts).toContain('Länken gäller i 1 timme');
    const link = cardActions(card).find((action) => action.type === 'Action.OpenUrl')!;
    expect(link.url).toMatch(new RegExp(`^${teams.app.url}/exports/personal-data/`));
    expect(JSON.stringify(teams.channelPosts()), 'no link in the channel').not.toContain('/exports/');

    expect((await fetch(link.url as string)).status).toBe(200);
    clock.advance(60 * 60_000 - 1000);
    expect((await fetch(link.url as string)).status).toBe(200);
    clock.advance(2000);
    expect((await fetch(link.url as string)).status, 'expired after one hour').toBe(403);
    clock.set(NOW);
  });
});
