// The kansli's regional roll-up at a fixed clock on the in-memory store: who may ask, what it counts, and
// that it never mixes in groups of another Slack workspace or of Teams.
import { beforeEach, describe, expect, it } from 'vitest';
import { createBot, type Bot } from '../../src/core/bot.js';
import { parseCommand, type ChannelAddress, type Actor, type Reply } from '../../src/core/events.js';
import type { Store } from '../../src/core/ports.js';
import { buildRegionalRollup } from '../../src/core/use-cases/regional-rollup.js';
import { catalog, format } from '../../src/i18n/index.js';
import { sv } from '../../src/i18n/sv.js';
import { createInMemoryStore } from '../support/in-memory-store.js';
import { fixedClock } from '../support/fixed-clock.js';
import { sampleRegionalPlan } from '../support/action-plan-scenario.js';
import { REGION_NOW, regionChannels, regionPeople, seedRegion, type RegionScenario } from '../support/regional-scenario.js';

let store: Store;
let bot: Bot;
let scenario: RegionScenario;

beforeEach(async () => {
  const clock = fixedClock(REGION_NOW);
  store = createInMemoryStore(clock.now);
  bot = createBot({
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
  it('refuses a member without the kansli role in an ordinary group channel, saying who may', async () => {
    const reply = await ask(regionChannels.uddevalla, regionPeople.chair);
    expect(reply).toMatchObject({ kind: 'card', card: 'notice', data: { text: format(sv.regional.notAllowed, { tenantKind: sv.regional.tenantKinds.slack }) } });
  });

  it('answers a member with the kansli role in any group of the workspace, in any of its channels', async () => {
    const reply = await ask(regionChannels.uddevalla, regionPeople.kansli);
    expect(reply).toMatchObject({ kind: 'card', card: 'regional-rollup' });
  });

  it('answers anyone in a channel that a group of the workspace has as its office channel', async () => {
    const reply = await ask(regionChannels.kansli, regionPeople.bo);
    expect(reply).toMatchObject({ kind: 'card', card: 'regional-rollup' });
  });

  it('does not count a kansli role held in another workspace', async () => {
    const other = await store.members.findByPlatformUser(scenario.groups.otherWorkspace.id, 'slack', 'U_OTHER');
    await store.members.update(other!.id, { roles: ['kansli'] });
    // Same person id in T111's Uddevalla channel: no role here.
    expect(await ask(regionChannels.uddevalla, { ...regionPeople.otherWorkspaceChair, tenantId: 'T111' })).toMatchObject({ card: 'notice' });
  });

  it('understands the Swedish and English words', () => {
    for (const word of ['region', 'Sammanställning', 'regional', 'rollup']) expect(parseCommand(word), word).toBe('region');
    for (const word of ['personuppgifter', 'personaldata', 'GDPR']) expect(parseCommand(word), word).toBe('personuppgifter');
  });
});

describe('the regional roll-up of workspace T111', () => {
  it('counts the latest plan of the year per focus area and target group, across both groups only', async () => {
    const rollup = await buildRegionalRollup(store, { platform: 'slack', tenantId: 'T111' }, 2026, new Date(REGION_NOW), catalog('sv'), {
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
    expect(rollup.assignmentStatus).toEqual({ aktivt: 3, slutrapporterat: 1, avslutat: 2 });
    expect(rollup.groups[0]).toMatchObject({ activities: 3, missingReports: 1, closedThisYear: 1, assignmentStatus: { aktivt: 1, slutrapporterat: 0, avslutat: 2 } });
    expect(rollup.groups[1]).toMatchObject({ activities: 2, missingReports: 1, closedThisYear: 0, assignmentStatus: { aktivt: 2, slutrapporterat: 1, avslutat: 0 } });
  });

  it('lists exactly the reports missing now: a scheduled date passed, and a report due at the last meeting', async () => {
    const rollup = await buildRegionalRollup(store, { platform: 'slack', tenantId: 'T111' }, 2026, new Date(REGION_NOW), catalog('sv'), { timeZone: 'Europe/Stockholm' });
    expect(rollup.missingReports.map((missing) => [missing.group, missing.assignment])).toEqual([
      ['LSG Uddevalla', 'Rutin för SIP'],
      ['LSG Lysekil', 'Kartläggning av väntetider'],
    ]);
    expect(rollup.missingReports[0]!.text).toContain('2026-09-26');
    expect(rollup.missingReports[0]!.text).toContain('Bo Ek');
  });

  it('lists the assignments closed this year with their added value, not last year’s nor unaccepted ones', async () => {
    const rollup = await buildRegionalRollup(store, { platform: 'slack', tenantId: 'T111' }, 2026, new Date(REGION_NOW), catalog('sv'), { timeZone: 'Europe/Stockholm' });
    expect(rollup.closed).toEqual([
      { group: 'LSG Uddevalla', title: 'Utbildningsdag', closedAt: new Date('2026-03-05T10:00:00Z'), goalMet: 'helt', addedValue: 'Färre överlämningar mellan huvudmännen' },
    ]);
  });

  it('shows it all on the card with the .xlsx link, and nothing of the other workspace or of Teams', async () => {
    const reply = await ask(regionChannels.kansli, regionPeople.kansli);
    const text = cardText(reply);
    expect(reply).toMatchObject({ data: { title: 'Regional sammanställning 2026', scope: '2 samverkansgrupper i Slack-arbetsytan, läget 2026-10-15.' } });
    expect(text).toContain('SIP SIP – samordnad individuell plan: 3 (Vuxen 2 · Barn och unga 1 · Vuxen samt Barn och unga 0)');
    expect(text).toContain('Aktiviteter: Planerad 1 · Pågående 2 · Klar 1 · Avbruten 1');
    expect(text).toContain('LSG Uddevalla: aktiviteter 3 · pågående uppdrag 1 · saknade rapporter 1 · uppdrag avslutade 2026: 1');
    expect(text).toContain('LSG Uddevalla: Utbildningsdag (avslutat 2026-03-05, målet uppfyllt: Helt) · Mervärde: Färre överlämningar mellan huvudmännen');
    expect(text).toContain('https://samverkan.example.se/exports/regions/slack/T111/2026.xlsx?signature=x');
    expect(text).not.toContain('HEMLIG');
    expect(text).not.toContain('Kansliet:');
  });

  it('gives the Teams tenant with the same id only its own group', async () => {
    const teamsChair = await store.members.findByPlatformUser(scenario.groups.teams.id, 'teams', regionPeople.teamsChair.userId);
    await store.members.update(teamsChair!.id, { roles: ['ordforande', 'kansli'] });
    const reply = await ask(regionChannels.teams, regionPeople.teamsChair);
    const text = cardText(reply);
    expect(reply).toMatchObject({ card: 'regional-rollup', data: { scope: '1 samverkansgrupper i Teams-organisationen, läget 2026-10-15.' } });
    expect(text).toContain('HEMLIGT Teams-mervärde');
    expect(text).not.toContain('Uddevalla');
    expect(text).not.toContain('annan arbetsyta');
  });
});
