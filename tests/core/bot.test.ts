import { beforeEach, describe, expect, it } from 'vitest';
import { createBot, type Bot } from '../../src/core/bot.js';
import { parseCommand } from '../../src/core/events.js';
import type { Store } from '../../src/core/ports.js';
import { createInMemoryStore } from '../support/in-memory-store.js';
import { fixedClock } from '../support/fixed-clock.js';
import { actor, slackChannel } from '../support/events.js';
import { testRegion } from '../support/test-region.js';

const clock = fixedClock('2026-11-25T09:00:00Z');
let store: Store;
let bot: Bot;

beforeEach(() => {
  clock.set('2026-11-25T09:00:00Z');
  store = createInMemoryStore(clock.now);
  bot = createBot({ region: testRegion(), store, clock, defaults: { locale: 'sv', timeZone: 'Europe/Stockholm' } });
});

function cardText(reply: unknown): string {
  return JSON.stringify(reply);
}

describe('parseCommand', () => {
  it.each([
    ['hjälp', 'hjalp'],
    ['Hjälp!', 'hjalp'],
    ['HJALP', 'hjalp'],
    ['help', 'hjalp'],
    ['  rapport  ', 'rapport'],
    ['plan 2026', 'plan'],
    ['Sammanfattning', 'sammanfattning'],
    ['inställningar', 'installningar'],
    ['Installningar', 'installningar'],
    ['settings', 'installningar'],
  ])('"%s" is %s', (text, command) => {
    expect(parseCommand(text)).toBe(command);
  });

  it.each(['', 'hej', 'planera', 'rapporter?'])('"%s" is no command', (text) => {
    expect(parseCommand(text)).toBeNull();
  });
});

describe('adding the bot to a channel', () => {
  it('registers a group named after the channel, makes the installer chair and greets in Swedish', async () => {
    const reply = await bot.handle({ type: 'bot-added', channel: slackChannel(), actor: actor() });
    expect(reply.kind).toBe('card');
    expect(reply).toMatchObject({ card: 'welcome' });
    expect(cardText(reply)).toContain('Hej Samverkan Uddevalla! Jag är Samverkansbot.');
    expect(cardText(reply)).toContain('Anna Ordförande är ordförande');

    const [group] = await store.groups.list();
    expect(group).toMatchObject({ name: 'Samverkan Uddevalla', timeZone: 'Europe/Stockholm', locale: 'sv' });
    const members = await store.members.list({ groupId: group!.id });
    expect(members).toHaveLength(1);
    expect(members[0]!.roles).toEqual(['ordforande']);
  });

  it('does not create a second group when added again, and refreshes the stored conversation reference', async () => {
    await bot.handle({ type: 'bot-added', channel: slackChannel({ conversationReference: '{"v":1}' }), actor: actor() });
    await bot.handle({
      type: 'bot-added',
      channel: slackChannel({ conversationReference: '{"v":2}' }),
      actor: actor({ userId: 'U_OTHER', displayName: 'Bo' }),
    });
    expect(await store.groups.list()).toHaveLength(1);
    const [link] = await store.channels.list();
    expect(link!.conversationReference).toBe('{"v":2}');
  });

  it('keeps the same channel id in two workspaces apart', async () => {
    await bot.handle({ type: 'bot-added', channel: slackChannel({ tenantId: 'T1' }), actor: actor({ tenantId: 'T1' }) });
    await bot.handle({ type: 'bot-added', channel: slackChannel({ tenantId: 'T2' }), actor: actor({ tenantId: 'T2' }) });
    expect(await store.groups.list()).toHaveLength(2);
  });

  it('greets in English when the bot locale is English', async () => {
    const englishBot = createBot({ region: testRegion(), store, clock, defaults: { locale: 'en', timeZone: 'Europe/Stockholm' } });
    const reply = await englishBot.handle({ type: 'bot-added', channel: slackChannel(), actor: actor() });
    expect(cardText(reply)).toContain('I am Samverkansbot');
  });
});

describe('commands', () => {
  it('answers unknown text with the help card, never silence', async () => {
    const reply = await bot.handle({ type: 'command', command: null, text: 'hej på dig', channel: slackChannel(), actor: actor() });
    expect(reply).toMatchObject({ kind: 'card', card: 'help' });
    expect(cardText(reply)).toContain('Det här kan jag');
  });

  it('registers nothing for a command, button or form in a channel the bot was never added to, and says how to add it', async () => {
    const events = [
      { type: 'command', command: 'plan', text: 'plan' },
      { type: 'button', action: 'open-settings', args: {} },
      { type: 'form-submitted', form: 'settings', values: { groupName: 'Kapad grupp' } },
    ] as const;
    for (const event of events) {
      const reply = await bot.handle({ ...event, channel: slackChannel(), actor: actor() });
      expect(reply).toMatchObject({ card: 'notice', data: { outsideGroup: true } });
      expect(cardText(reply)).toContain('/invite @Samverkansbot');
    }
    const teams = await bot.handle({ type: 'command', command: 'plan', text: 'plan', channel: slackChannel({ platform: 'teams' }), actor: actor({ platform: 'teams' }) });
    expect(cardText(teams)).toContain('lägg till appen Samverkansbot i teamet');
    expect(await store.groups.list()).toEqual([]);
    expect(await store.channels.list()).toEqual([]);
    expect(await store.members.list()).toEqual([]);
  });

  it('counts a speaker in a registered channel as ledamot', async () => {
    await bot.handle({ type: 'bot-added', channel: slackChannel(), actor: actor() });
    await bot.handle({ type: 'command', command: 'plan', text: 'plan', channel: slackChannel(), actor: actor({ userId: 'U2', displayName: 'Bo' }) });
    const [group] = await store.groups.list();
    expect((await store.members.list({ groupId: group!.id })).map((m) => m.roles)).toEqual([['ordforande'], ['ledamot']]);
  });

  it('tells someone in no group, in a personal chat, how to get into one', async () => {
    const reply = await bot.handle({
      type: 'command',
      command: 'plan',
      text: 'plan',
      channel: slackChannel({ isPersonal: true, channelId: 'D1' }),
      actor: actor(),
    });
    expect(cardText(reply)).toContain('du är inte medlem i någon ännu');
    expect(await store.groups.list()).toHaveLength(0);
  });

  it('shows an empty plan with where the work starts', async () => {
    await bot.handle({ type: 'bot-added', channel: slackChannel(), actor: actor() });
    const reply = await bot.handle({ type: 'command', command: 'plan', text: 'plan', channel: slackChannel(), actor: actor() });
    expect(reply).toMatchObject({ card: 'plan', data: { isEmpty: true, title: 'Lokal handlingsplan för psykisk hälsa 2026' } });
    expect(cardText(reply)).toContain('Gruppen har ingen lokal handlingsplan för 2026 ännu.');
  });

  it('shows the latest plan version with activities grouped by focus area, dates in the group time zone', async () => {
    await bot.handle({ type: 'bot-added', channel: slackChannel(), actor: actor() });
    const [group] = await store.groups.list();
    await store.plans.create({ groupId: group!.id, year: 2026, version: 1, decidedAt: null, decidedByMemberId: null, sentToOfficeAt: null, lastRevisedAt: null });
    const v2 = await store.plans.create({
      groupId: group!.id,
      year: 2026,
      version: 2,
      decidedAt: new Date('2026-03-10T23:30:00Z'),
      decidedByMemberId: null,
      sentToOfficeAt: null,
      lastRevisedAt: null,
    });
    for (const [title, focus] of [['SIP-utbildning', 'SIP'], ['Gemensam mottagning', 'INTEGRERADE'], ['SIP-uppföljning', 'SIP']] as const) {
      await store.activities.create({
        planId: v2.id,
        title,
        description: '',
        targetGroup: 'barn_och_unga',
        focusAreaCode: focus,
        goalCode: `${focus}-1`,
        startDate: new Date('2026-01-31T23:00:00Z'),
        endDate: new Date('2026-12-31T12:00:00Z'),
        status: 'pagaende',
        proposalId: null,
      });
    }
    const reply = await bot.handle({ type: 'command', command: 'plan', text: 'plan', channel: slackChannel(), actor: actor() });
    expect(reply).toMatchObject({
      data: {
        isEmpty: false,
        subtitle: 'Version 2 · Beslutad 11 mars 2026',
        focusAreas: [
          {
            heading: 'Fokusområde: SIP',
            activities: [
              { line: 'SIP-utbildning (Barn och unga) · 2026-02-01–2026-12-31 · Pågående' },
              { line: 'SIP-uppföljning (Barn och unga) · 2026-02-01–2026-12-31 · Pågående' },
            ],
          },
          { heading: 'Fokusområde: INTEGRERADE' },
        ],
      },
    });
  });

  it('summarises the next meeting in local time and the group facts', async () => {
    await bot.handle({ type: 'bot-added', channel: slackChannel(), actor: actor() });
    const [group] = await store.groups.list();
    const base = { groupId: group!.id, durationMinutes: 120, seriesId: null, location: null };
    await store.meetings.create({ ...base, startsAt: new Date('2026-11-01T12:00:00Z'), cancelled: false });
    await store.meetings.create({ ...base, startsAt: new Date('2026-12-01T12:00:00Z'), cancelled: true });
    await store.meetings.create({ ...base, startsAt: new Date('2026-12-08T12:00:00Z'), cancelled: false });
    const reply = await bot.handle({ type: 'command', command: 'sammanfattning', text: '', channel: slackChannel(), actor: actor() });
    expect(reply).toMatchObject({ card: 'summary' });
    const data = (reply as unknown as { data: { nextMeeting: string; facts: { title: string; value: string }[] } }).data;
    expect(data.nextMeeting).toBe('Nästa möte: tisdag 8 december 2026 kl. 13.00');
    expect(data.facts).toContainEqual({ title: 'Medlemmar', value: '1' });
    expect(data.facts).toContainEqual({ title: 'Parter', value: 'Inga parter angivna' });
  });

  it('tells a non-convener who reports and how', async () => {
    const reply = await bot.handle({ type: 'command', command: 'rapport', text: '', channel: slackChannel(), actor: actor() });
    expect(cardText(reply)).toContain('Du är inte sammankallande i något pågående uppdrag');
  });
});

describe('settings', () => {
  async function asChair() {
    await bot.handle({ type: 'bot-added', channel: slackChannel(), actor: actor() });
    return (await store.groups.list())[0]!;
  }

  it('opens the form prefilled with the current values for the chair', async () => {
    await asChair();
    const reply = await bot.handle({ type: 'command', command: 'installningar', text: '', channel: slackChannel(), actor: actor() });
    expect(reply).toMatchObject({ kind: 'form', form: 'settings', data: { values: { groupName: 'Samverkan Uddevalla', organisations: '' } } });
  });

  it('refuses a ledamot and names the chair', async () => {
    await asChair();
    const reply = await bot.handle({
      type: 'command',
      command: 'installningar',
      text: '',
      channel: slackChannel(),
      actor: actor({ userId: 'U2', displayName: 'Bo Ledamot' }),
    });
    expect(cardText(reply)).toContain('Bara gruppens ordförande eller kansliet kan ändra inställningarna. Kontakta Anna Ordförande.');
  });

  it('reports every bad field at once and keeps what was typed', async () => {
    await asChair();
    const values = { groupName: '   ', organisations: 'region', otherOrganisations: 'Samordningsförbundet\nsamordningsförbundet', officeChannelId: 'kanal med mellanslag' };
    const reply = await bot.handle({ type: 'form-submitted', form: 'settings', values, channel: slackChannel(), actor: actor() });
    expect(reply).toMatchObject({
      kind: 'form-errors',
      errors: {
        groupName: 'Gruppens namn måste fyllas i.',
        organisations: expect.stringContaining('minst en region och en kommun'),
        otherOrganisations: '"samordningsförbundet" finns redan bland parterna.',
        officeChannelId: 'Kanslikanalen "kanal med mellanslag" finns inte i regionfilen. Välj en av kansliets kanaler i listan.',
      },
      data: { values },
    });
    expect((await store.organisations.list()).length).toBe(0);
  });

  it('refuses an unknown organisation kind and a name that is too long', async () => {
    await asChair();
    const reply = await bot.handle({
      type: 'form-submitted',
      form: 'settings',
      values: { groupName: 'x'.repeat(101), organisations: 'region,kommun,skolverket' },
      channel: slackChannel(),
      actor: actor(),
    });
    expect(reply).toMatchObject({
      errors: { groupName: 'Gruppens namn får vara högst 100 tecken (nu 101).', organisations: 'Okänd part: "skolverket".' },
    });
  });

  it('saves name, parties and office channel, and keeps existing parties members point at', async () => {
    const group = await asChair();
    const submit = (values: Record<string, string>) =>
      bot.handle({ type: 'form-submitted', form: 'settings', values, channel: slackChannel(), actor: actor() });
    const saved = await submit({
      groupName: 'LSG Uddevalla',
      organisations: 'region,kommun,forsakringskassan',
      otherOrganisations: 'Samordningsförbundet Väst',
      officeChannelId: 'C0KANSLI',
    });
    expect(cardText(saved)).toContain('Inställningarna är sparade. Ändrade av Anna Ordförande.');
    expect(await store.groups.get(group.id)).toMatchObject({ name: 'LSG Uddevalla', officeChannelId: 'C0KANSLI' });
    const parties = await store.organisations.list({ groupId: group.id });
    expect(parties.map((p) => [p.kind, p.name])).toEqual([
      ['region', 'Region'],
      ['kommun', 'Kommun'],
      ['forsakringskassan', 'Försäkringskassan'],
      ['annan', 'Samordningsförbundet Väst'],
    ]);
    const region = parties[0]!;
    const [chair] = await store.members.list({ groupId: group.id });
    await store.members.update(chair!.id, { organisationId: parties[2]!.id });

    await submit({ groupName: 'LSG Uddevalla', organisations: 'kommun,region', otherOrganisations: '', officeChannelId: '' });
    const after = await store.organisations.list({ groupId: group.id });
    expect(after.map((p) => p.kind)).toEqual(['region', 'kommun']);
    expect(after[0]!.id).toBe(region.id);
    expect((await store.members.get(chair!.id))!.organisationId).toBeNull();
    expect((await store.groups.get(group.id))!.officeChannelId).toBeNull();
  });

  it('refuses a settings submission from a ledamot without saving', async () => {
    const group = await asChair();
    await bot.handle({
      type: 'form-submitted',
      form: 'settings',
      values: { groupName: 'Kapat namn', organisations: 'region,kommun' },
      channel: slackChannel(),
      actor: actor({ userId: 'U2', displayName: 'Bo' }),
    });
    expect((await store.groups.get(group.id))!.name).toBe('Samverkan Uddevalla');
  });
});

describe('only where the bot was invited, keyed on the channel and its workspace', () => {
  const foreigner = actor({ tenantId: 'T999', userId: 'U_GUEST', displayName: 'Gäst från annan arbetsyta' });

  it('registers a join without an inviter with no chair, and makes nobody chair afterwards', async () => {
    const reply = await bot.handle({ type: 'bot-added', channel: slackChannel(), actor: null });
    expect(cardText(reply)).toContain('gruppens ordförande');
    const [group] = await store.groups.list();
    expect(await store.members.list({ groupId: group!.id })).toEqual([]);
    await bot.handle({ type: 'command', command: 'plan', text: 'plan', channel: slackChannel(), actor: actor() });
    expect((await store.members.list({ groupId: group!.id })).map((m) => m.roles)).toEqual([['ledamot']]);
  });

  it('never makes a person from another workspace chair by adding the bot', async () => {
    await bot.handle({ type: 'bot-added', channel: slackChannel(), actor: foreigner });
    const [group] = await store.groups.list();
    expect(await store.members.list({ groupId: group!.id })).toEqual([]);
  });

  it('refuses a person from another workspace in a shared channel, by command, button or form, without adding them', async () => {
    await bot.handle({ type: 'bot-added', channel: slackChannel(), actor: actor() });
    const [group] = await store.groups.list();
    for (const event of [
      { type: 'command', command: 'plan', text: 'plan' },
      { type: 'button', action: 'show-members', args: {} },
      { type: 'form-submitted', form: 'settings', values: { groupName: 'Kapad grupp' } },
    ] as const) {
      const reply = await bot.handle({ ...event, channel: slackChannel(), actor: foreigner });
      expect(reply).toMatchObject({ card: 'notice', data: { outsideGroup: true, text: expect.stringContaining('annan arbetsyta') } });
    }
    expect((await store.members.list({ groupId: group!.id })).map((m) => m.platformUserId)).toEqual(['U_CHAIR']);
    expect((await store.groups.get(group!.id))!.name).toBe('Samverkan Uddevalla');
  });

  it('lets a person from another workspace act as the member the chair added', async () => {
    await bot.handle({ type: 'bot-added', channel: slackChannel(), actor: actor() });
    const [group] = await store.groups.list();
    await store.members.create({ groupId: group!.id, platform: 'slack', tenantId: 'T999', platformUserId: 'U_GUEST', displayName: 'Gäst', organisationId: null, roles: ['ledamot'], substituteForMemberId: null });
    const reply = await bot.handle({ type: 'command', command: 'plan', text: 'plan', channel: slackChannel(), actor: foreigner });
    expect(reply).toMatchObject({ card: 'plan' });
    expect(await store.members.list({ groupId: group!.id })).toHaveLength(2);
  });

  it('deactivates the group when the bot is removed, keeps its data, and reactivates it when the bot is added again', async () => {
    await bot.handle({ type: 'bot-added', channel: slackChannel(), actor: actor() });
    const [group] = await store.groups.list();
    clock.set('2026-11-26T10:00:00Z');
    expect(await bot.removed({ platform: 'slack', tenantId: 'T111', channelId: 'C111' })).toBe(1);
    expect((await store.groups.get(group!.id))!.deactivatedAt).toEqual(new Date('2026-11-26T10:00:00Z'));
    // Removed twice (Teams sends two events for one removal): nothing more happens.
    expect(await bot.removed({ platform: 'slack', tenantId: 'T111', channelId: 'C111' })).toBe(0);
    const refused = await bot.handle({ type: 'command', command: 'plan', text: 'plan', channel: slackChannel(), actor: actor() });
    expect(cardText(refused)).toContain('/invite @Samverkansbot');

    await bot.handle({ type: 'bot-added', channel: slackChannel(), actor: actor({ userId: 'U_NEW', displayName: 'Ny' }) });
    expect(await store.groups.list()).toHaveLength(1);
    expect((await store.groups.get(group!.id))!.deactivatedAt).toBeNull();
    // The same members as before: the chair stays chair, the re-adder is not made anything.
    expect((await store.members.list({ groupId: group!.id })).map((m) => [m.platformUserId, m.roles])).toEqual([['U_CHAIR', ['ordforande']]]);
    expect(await bot.handle({ type: 'command', command: 'plan', text: 'plan', channel: slackChannel(), actor: actor() })).toMatchObject({ card: 'plan' });
  });

  it('deactivates every group of a workspace when the app is uninstalled there, and no other', async () => {
    await bot.handle({ type: 'bot-added', channel: slackChannel({ channelId: 'C1' }), actor: actor() });
    await bot.handle({ type: 'bot-added', channel: slackChannel({ channelId: 'C2' }), actor: actor() });
    await bot.handle({ type: 'bot-added', channel: slackChannel({ tenantId: 'T2', channelId: 'C1' }), actor: actor({ tenantId: 'T2' }) });
    expect(await bot.removed({ platform: 'slack', tenantId: 'T111' })).toBe(2);
    const groups = await store.groups.list();
    expect(groups.map((group) => Boolean(group.deactivatedAt))).toEqual([true, true, false]);
  });

  it('keeps help working in a channel without a group', async () => {
    const reply = await bot.handle({ type: 'command', command: 'hjalp', text: 'hjälp', channel: slackChannel(), actor: actor() });
    expect(reply).toMatchObject({ card: 'help' });
    expect(await store.groups.list()).toEqual([]);
  });
});

describe('names known only from the request (Actor.provisionalName)', () => {
  it('keeps the stored name, names a newcomer provisionally, and takes the directory\'s name through renamed()', async () => {
    await bot.handle({ type: 'bot-added', channel: slackChannel(), actor: actor() });
    const [group] = await store.groups.list();
    const chair = actor();
    // A request that could not wait for the directory carries the handle only: the stored name stays.
    await bot.handle({ type: 'command', command: 'plan', text: 'plan', channel: slackChannel(), actor: { ...chair, displayName: 'anna.a', provisionalName: true } });
    const named = async (userId: string) => (await store.members.list({ groupId: group!.id })).find((member) => member.platformUserId === userId)?.displayName;
    expect(await named(chair.userId)).toBe('Anna Ordförande');
    // A newcomer is stored with what the request says, until the directory answers.
    const newcomer = { ...chair, userId: 'U0NEW', displayName: 'nils', provisionalName: true };
    await bot.handle({ type: 'command', command: 'plan', text: 'plan', channel: slackChannel(), actor: newcomer });
    expect(await named('U0NEW')).toBe('nils');
    await bot.renamed(slackChannel(), { ...newcomer, displayName: 'Nils Nyström' });
    expect(await named('U0NEW')).toBe('Nils Nyström');
    // Nobody is added by a rename.
    await bot.renamed(slackChannel(), { ...newcomer, userId: 'U0NOBODY', displayName: 'Ingen' });
    expect(await named('U0NOBODY')).toBeUndefined();
  });
});
