// The kansli's regional roll-up at a fixed clock on the in-memory store: who may ask, what it counts, and
// that it never mixes in groups of another Slack workspace or of Teams.
import { beforeEach, describe, expect, it } from 'vitest';
import { createBot, type Bot } from '../../src/core/bot.js';
import { parseCommand, type ChannelAddress, type Actor, type Reply } from '../../src/core/events.js';
import type { Store } from '../../src/core/ports.js';
import { buildRegionalRollup } from '../../src/core/use-cases/regional-rollup.js';
import { catalog } from '../../src/i18n/index.js';
import { sv } from '../../src/i18n/sv.js';
import { createInMemoryStore } from '../support/in-memory-store.js';
import { fixedClock } from '../support/fixed-clock.js';
import { sampleRegionalPlan } from '../support/action-plan-scenario.js';
import { slackChannel } from '../support/events.js';
import { REGION_NOW, regionChannels, regionPeople, seedRegion, type RegionScenario } from '../support/regional-scenario.js';
import { testRegion } from '../support/test-region.js';

let store: Store;
let bot: Bot;
let scenario: RegionScenario;

beforeEach(async () => {
  const clock = fixedClock(REGION_NOW);
  store = createInMemoryStore(clock.now);
  bot = createBot({ region: testRegion(),
    store,
    clock,
    defaults: { locale: 'sv', timeZone: 'Europe/Stockholm' },
    actionPlan: { regionalPlan: sampleRegionalPlan(), activityLimit: 8 },
    links: {
      meetingsCalendar: () => '',
      regionalRollup: (tenant, year) => `https://samverkan.example.se/exports/regions/${tenant.platform}/${tenant.tenantId}/${year}.xlsx?signature=x`,
    },
  });
  scenario = await seedRegion(bot, store);
});

const ask = (channel: ChannelAddress, actor: Actor, text = 'region') => bot.handle({ type: 'command', command: 'region', text, channel, actor });
// The card's own data, without the catalog (whose examples name places too).
const cardText = (reply: Reply) => JSON.stringify({ ...reply, data: { ...reply.data, t: undefined } });

describe('who may see the regional roll-up', () => {
  const TEAMS_TENANT = '72f988bf-0000-4000-8000-00000000a1b2';
  const refused = { kind: 'card', card: 'notice', data: { text: sv.regional.notAllowed } };

  it('refuses a member who is not kansli by the region file, saying where kansli rights come from', async () => {
    expect(await ask(regionChannels.uddevalla, regionPeople.chair)).toMatchObject(refused);
  });

  it('answers a kansli person of the region file in any group channel of the region', async () => {
    expect(await ask(regionChannels.uddevalla, regionPeople.kansli)).toMatchObject({ kind: 'card', card: 'regional-rollup' });
    expect(await ask(regionChannels.lysekil, regionPeople.kansli)).toMatchObject({ kind: 'card', card: 'regional-rollup' });
  });

  it('refuses anyone else asking in a kansli channel of the file (it used to answer anyone there)', async () => {
    expect(await ask(regionChannels.kansli, regionPeople.bo)).toMatchObject(refused);
  });

  it('refuses a member holding the old kansli role (it used to grant kansli rights)', async () => {
    const bo = await store.members.findByPlatformUser(scenario.groups.lysekil.id, 'slack', regionPeople.bo.userId);
    await store.members.update(bo!.id, { roles: ['kansli'] });
    expect(await ask(regionChannels.uddevalla, regionPeople.bo)).toMatchObject(refused);
    expect(await ask(regionChannels.lysekil, regionPeople.bo)).toMatchObject(refused);
  });

  it('refuses a member who makes her own channel a group, becomes its chair and names it as kanslikanal', async () => {
    const own = slackChannel({ channelId: 'C_BO_EGEN', channelName: 'Bos kanal' });
    await bot.handle({ type: 'bot-added', channel: own, actor: regionPeople.bo });
    const values = { groupName: 'Bos grupp', organisations: 'region,kommun', otherOrganisations: '', officeChannelId: 'C_BO_EGEN' };
    const saved = await bot.handle({ type: 'form-submitted', form: 'settings', values, channel: own, actor: regionPeople.bo });
    expect(saved).toMatchObject({ kind: 'form-errors', errors: { officeChannelId: sv.settings.ownOfficeChannel } });
    // Even stored by an older version, her own channel as kanslikanal grants nothing.
    const link = await store.channels.findByAddress('slack', 'T111', 'C_BO_EGEN');
    await store.groups.update(link!.groupId, { officeChannelId: 'C_BO_EGEN' });
    expect(await ask(own, regionPeople.bo)).toMatchObject(refused);
    const data = await bot.handle({ type: 'command', command: 'personuppgifter', text: 'personuppgifter visa Anna Ordförande', channel: own, actor: regionPeople.bo });
    expect(data).toMatchObject(refused);
  });

  it('does not count a kansli role held in another workspace', async () => {
    const other = await store.members.findByPlatformUser(scenario.groups.otherWorkspace.id, 'slack', 'U_OTHER');
    await store.members.update(other!.id, { roles: ['kansli'] });
    // Same person id in T111's Uddevalla channel: no role here.
    expect(await ask(regionChannels.uddevalla, { ...regionPeople.otherWorkspaceChair, tenantId: 'T111' })).toMatchObject({ card: 'notice' });
  });

  it('lets a kansli person of the file see the whole region from a group in another region tenant (Teams)', async () => {
    const teamsChannel: ChannelAddress = { platform: 'teams', tenantId: TEAMS_TENANT, channelId: '19:lsg-kommun@thread.tacv2', channelName: 'LSG Kommunen', conversationReference: null, isPersonal: false };
    const teamsKansli: Actor = { platform: 'teams', tenantId: TEAMS_TENANT, userId: 'aad-kansli-0009', displayName: 'Karin Kansli' };
    await bot.handle({ type: 'bot-added', channel: teamsChannel, actor: { ...teamsKansli, userId: 'aad-chair-0001', displayName: 'Kim Kommun' } });
    const reply = await ask(teamsChannel, teamsKansli);
    expect(reply).toMatchObject({ card: 'regional-rollup', data: { scope: '3 samverkansgrupper i Testregionen, läget 15 oktober 2026.' } });
    const text = cardText(reply);
    expect(text).toContain('LSG Uddevalla');
    expect(text).toContain('LSG Kommunen');
    // Groups in tenants the file does not name are not part of the region.
    expect(text).not.toContain('annan arbetsyta');
    expect(text).not.toContain('HEMLIGT Teams-mervärde');
  });

  it('understands the Swedish and English words', () => {
    for (const word of ['region', 'Sammanställning', 'regional', 'rollup']) expect(parseCommand(word), word).toBe('region');
    for (const word of ['personuppgifter', 'personaldata', 'GDPR']) expect(parseCommand(word), word).toBe('personuppgifter');
  });
});

describe('the regional roll-up of workspace T111', () => {
  it('counts the latest plan of the year per focus area and target group, across both groups only', async () => {
    const rollup = await buildRegionalRollup(store, testRegion(), 2026, new Date(REGION_NOW), catalog('sv'), {
      regionalPlan: sampleRegionalPlan(),
      timeZone: 'Europe/Stockholm',
    });
    expect(rollup.groups.map((group) => group.name)).toEqual(['LSG Uddevalla', 'LSG Lysekil']);
    const byCode = Object.fromEntries(rollup.focusAreas.map((area) => [area.code, area]));
    expect(byCode.SIP).toMatchObject({ name: 'SIP – samordnad individuell plan', counts: { vuxen: 2, barn_och_unga: 1, bada: 0 }, total: 3 });
    expect(byCode.SA).toMatchObject({ counts: { vuxen: 0, barn_och_unga: 0, bada: 1 }, total: 1 });
    expect(byCode.IM).toMatchObject({ counts: { vuxen: 0, barn_och_unga: 1, bada: 0 }, total: 1 });
    // Focus areas of the regional plan without activities are listed with zeros.
    expect(byCode.LS).toMatchObject({ total: 0 });
    expect(rollup.focusAreas.map((area) => area.code)).toEqual(['LS', 'SA', 'SIP', 'IM', 'BI', 'KF']);
    expect(rollup.activities).toHaveLength(5);
    expect(rollup.activityStatus).toEqual({ planerad: 1, pagaende: 2, klar: 1, avbruten: 1 });
    expect(rollup.assignmentStatus).toEqual({ aktivt: 3, slutrapporterat: 1, avslutat: 2, pausat: 0, avbrutet: 0 });
    expect(rollup.groups[0]).toMatchObject({ activities: 3, missingReports: 1, closedThisYear: 1, assignmentStatus: { aktivt: 1, slutrapporterat: 0, avslutat: 2 } });
    expect(rollup.groups[1]).toMatchObject({ activities: 2, missingReports: 1, closedThisYear: 0, assignmentStatus: { aktivt: 2, slutrapporterat: 1, avslutat: 0, pausat: 0, avbrutet: 0 } });
  });

  it('lists exactly the reports missing now: a scheduled date passed, and a report due at the last meeting', async () => {
    const rollup = await buildRegionalRollup(store, testRegion(), 2026, new Date(REGION_NOW), catalog('sv'), { timeZone: 'Europe/Stockholm' });
    expect(rollup.missingReports.map((missing) => [missing.group, missing.assignment])).toEqual([
      ['LSG Uddevalla', 'Rutin för SIP'],
      ['LSG Lysekil', 'Kartläggning av väntetider'],
    ]);
    expect(rollup.missingReports[0]!.text).toContain('26 september 2026');
    expect(rollup.missingReports[0]!.text).toContain('Bo Ek');
  });

  it('lists the assignments closed this year with their added value, not last year’s nor unaccepted ones', async () => {
    const rollup = await buildRegionalRollup(store, testRegion(), 2026, new Date(REGION_NOW), catalog('sv'), { timeZone: 'Europe/Stockholm' });
    expect(rollup.closed).toEqual([
      { group: 'LSG Uddevalla', title: 'Utbildningsdag', closedAt: new Date('2026-03-05T10:00:00Z'), goalMet: 'helt', addedValue: 'Färre överlämningar mellan huvudmännen' },
    ]);
  });

  it('shows it all on the card with the .xlsx link, and nothing of the other workspace or of Teams', async () => {
    const reply = await ask(regionChannels.kansli, regionPeople.kansli);
    const text = cardText(reply);
    expect(reply).toMatchObject({ data: { title: 'Regional sammanställning 2026', scope: '2 samverkansgrupper i Testregionen, läget 15 oktober 2026.' } });
    expect(text).toContain('SIP SIP – samordnad individuell plan: 3 (Vuxen 2 · Barn och unga 1 · Vuxen samt Barn och unga 0)');
    expect(text).toContain('Aktiviteter: Planerad 1 · Pågående 2 · Klar 1 · Avbruten 1');
    expect(text).toContain('LSG Uddevalla: 3 aktiviteter · 1 pågående uppdrag · 1 saknad rapport · 1 uppdrag avslutat 2026');
    expect(text).toContain('LSG Uddevalla: Utbildningsdag (avslutat 5 mars 2026; i vilken grad har målet nåtts? Helt) · Mervärde: Färre överlämningar mellan huvudmännen');
    expect(text).toContain('https://samverkan.example.se/exports/regions/slack/T111/2026.xlsx?signature=x');
    expect(text).not.toContain('HEMLIG');
    expect(text).not.toContain('Kansliet:');
  });

  it('leaves out a group in a tenant the region file does not name; it keeps working as a group', async () => {
    const teamsChair = await store.members.findByPlatformUser(scenario.groups.teams.id, 'teams', regionPeople.teamsChair.userId);
    await store.members.update(teamsChair!.id, { roles: ['ordforande', 'kansli'] });
    expect(await ask(regionChannels.teams, regionPeople.teamsChair)).toMatchObject({ card: 'notice', data: { text: sv.regional.notAllowed } });
    expect(await bot.handle({ type: 'command', command: 'medlemmar', text: 'medlemmar', channel: regionChannels.teams, actor: regionPeople.teamsChair })).toMatchObject({ card: 'members' });
  });

});
