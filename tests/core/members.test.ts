// The member rules of the core: who sees and edits whom, roles, organisations, substitutes, the last
// chair, roster import, and the group's timing settings. In-memory store, fixed clock.
import { beforeEach, describe, expect, it } from 'vitest';
import { createBot, type Bot } from '../../src/core/bot.js';
import type { Member, Role } from '../../src/core/domain.js';
import { parseCommand, type Actor, type InboundEvent, type Reply } from '../../src/core/events.js';
import type { ChannelDirectory, Store } from '../../src/core/ports.js';
import { format } from '../../src/i18n/index.js';
import { sv } from '../../src/i18n/sv.js';
import { actor, slackChannel } from '../support/events.js';
import { fixedClock } from '../support/fixed-clock.js';
import { createInMemoryStore } from '../support/in-memory-store.js';
import { testRegion } from '../support/test-region.js';

const clock = fixedClock('2026-11-25T09:00:00Z');
const channel = slackChannel();
const CHAIR = actor();
const BO = actor({ userId: 'U_BO', displayName: 'Bo Ledamot' });
const CILLA = actor({ userId: 'U_CILLA', displayName: 'Cilla Kommun' });
const KANSLI = actor({ userId: 'U_KANSLI', displayName: 'Kim Kansli' });

let store: Store;
let bot: Bot;
let roster: Actor[];
let rosterFails: boolean;

const directory: ChannelDirectory = {
  async channelMembers(address) {
    if (rosterFails) throw new Error('not_in_channel');
    return roster.filter((person) => person.platform === address.platform);
  },
};

beforeEach(async () => {
  clock.set('2026-11-25T09:00:00Z');
  store = createInMemoryStore(clock.now);
  bot = createBot({ region: testRegion(), store, clock, defaults: { locale: 'sv', timeZone: 'Europe/Stockholm' }, directory });
  roster = [];
  rosterFails = false;
  await bot.handle({ type: 'bot-added', channel, actor: CHAIR });
  await submit('settings', CHAIR, { groupName: 'LSG Uddevalla', organisations: 'region,kommun,forsakringskassan', otherOrganisations: 'Brukarrådet', officeChannelId: '' });
  for (const person of [BO, CILLA, KANSLI]) await bot.handle({ type: 'command', command: 'plan', text: 'plan', channel, actor: person });
  await setRoles(KANSLI, ['kansli']);
});

function submit(form: 'settings' | 'member' | 'choose-member', who: Actor, values: Record<string, string>): Promise<Reply> {
  return bot.handle({ type: 'form-submitted', form, values, channel, actor: who });
}
function click(action: Extract<InboundEvent, { type: 'button' }>['action'], who: Actor, args: Record<string, string> = {}): Promise<Reply> {
  return bot.handle({ type: 'button', action, args, channel, actor: who });
}
async function member(person: Actor): Promise<Member> {
  const [group] = await store.groups.list();
  return (await store.members.findByPlatformUser(group!.id, 'slack', person.userId))!;
}
async function setRoles(person: Actor, roles: Role[]): Promise<void> {
  await store.members.update((await member(person)).id, { roles });
}
async function organisationId(name: string): Promise<string> {
  return (await store.organisations.list()).find((organisation) => organisation.name === name)!.id;
}
async function editValues(person: Actor, values: Partial<Record<'roles' | 'organisationId' | 'substituteForMemberId', string>>) {
  return { memberId: (await member(person)).id, roles: 'ledamot', organisationId: 'none', substituteForMemberId: 'none', ...values };
}
function noticeText(reply: Reply): string {
  expect(reply).toMatchObject({ kind: 'card', card: 'notice' });
  return (reply as unknown as { data: { text: string } }).data.text;
}
function errorsOf(reply: Reply): Record<string, string> {
  expect(reply.kind).toBe('form-errors');
  return (reply as Extract<Reply, { kind: 'form-errors' }>).errors;
}
function facts(reply: Reply): { title: string; value: string }[] {
  expect(reply).toMatchObject({ kind: 'card', card: 'members' });
  return ((reply as unknown as { data: { chunks: { facts: { title: string; value: string }[] }[] } }).data.chunks).flatMap((chunk) => chunk.facts);
}

describe('the medlemmar command', () => {
  it.each(['medlemmar', 'Medlemmar', 'members', 'MEDLEMMAR!'])('"%s" is medlemmar', (text) => {
    expect(parseCommand(text)).toBe('medlemmar');
  });

  it('shows every member to a ledamot with organisation and roles in Swedish, chairs first', async () => {
    await submit('member', CHAIR, await editValues(BO, { organisationId: await organisationId('Region') }));
    const reply = await bot.handle({ type: 'command', command: 'medlemmar', text: 'medlemmar', channel, actor: BO });
    expect(reply).toMatchObject({ data: { title: 'Medlemmar i LSG Uddevalla', count: '4 medlemmar' } });
    expect(facts(reply)).toEqual([
      { title: 'Anna Ordförande', value: 'Ingen part angiven · Ordförande' },
      { title: 'Bo Ledamot', value: 'Region · Ledamot' },
      { title: 'Cilla Kommun', value: 'Ingen part angiven · Ledamot' },
      { title: 'Kim Kansli', value: 'Ingen part angiven · Kansli' },
    ]);
  });

  it('names whom an ersättare stands in for, and shows conveners of ongoing assignments', async () => {
    await submit('member', CHAIR, await editValues(CILLA, { roles: 'ersattare', organisationId: await organisationId('Kommun'), substituteForMemberId: (await member(BO)).id }));
    const [group] = await store.groups.list();
    await store.assignments.create({
      groupId: group!.id, activityId: 'a1', title: 'SIP-rutin', startDate: new Date(), endDate: new Date(), targetGroupText: '', purpose: '',
      activityText: '', memberIds: [], convenerMemberId: (await member(BO)).id, reportingForm: { kind: 'before_each_meeting' }, goal: '',
      resources: '', finalReportForm: '', status: 'aktivt',
    });
    const lines = facts(await click('show-members', BO));
    expect(lines).toContainEqual({ title: 'Cilla Kommun', value: 'Kommun · Ersättare för Bo Ledamot' });
    expect(lines).toContainEqual({ title: 'Bo Ledamot', value: 'Ingen part angiven · Sammankallande, Ledamot' });
  });

  it('puts ten members per FactSet so a large group stays within Slack limits', async () => {
    roster = Array.from({ length: 25 }, (_, index) => actor({ userId: `U_R${index}`, displayName: `Person ${index}` }));
    const reply = await click('import-members', CHAIR);
    const chunks = (reply as unknown as { data: { chunks: { facts: unknown[] }[] } }).data.chunks;
    expect(chunks.map((chunk) => chunk.facts.length)).toEqual([10, 10, 9]);
  });
});

describe('editing a member', () => {
  it('lets the chair choose a member and opens that member\'s form with the stored values', async () => {
    const chooser = await click('edit-member', CHAIR);
    expect(chooser).toMatchObject({ kind: 'form', form: 'choose-member' });
    const choices = (chooser as unknown as { data: { memberChoices: { title: string }[] } }).data.memberChoices.map((choice) => choice.title);
    expect(choices).toEqual(['Anna Ordförande', 'Bo Ledamot', 'Cilla Kommun', 'Kim Kansli']);

    const form = await submit('choose-member', CHAIR, { memberId: (await member(BO)).id });
    expect(form).toMatchObject({
      kind: 'form',
      form: 'member',
      data: { context: { memberId: (await member(BO)).id }, title: 'Redigera Bo Ledamot', mayEditRoles: true, values: { roles: 'ledamot', organisationId: 'none', substituteForMemberId: 'none' } },
    });
    const data = (form as unknown as { data: { roleChoices: { title: string }[]; organisationChoices: { title: string }[]; substituteChoices: { title: string }[] } }).data;
    expect(data.roleChoices.map((choice) => choice.title)).toEqual(['Ordförande', 'Ledamot', 'Ersättare']);
    expect(data.organisationChoices.map((choice) => choice.title)).toEqual(['Ingen part angiven', 'Region', 'Kommun', 'Försäkringskassan', 'Brukarrådet']);
    // Not themself.
    expect(data.substituteChoices.map((choice) => choice.title)).toEqual(['Ingen', 'Anna Ordförande', 'Cilla Kommun', 'Kim Kansli']);
  });

  it('asks again when no member was chosen', async () => {
    expect(errorsOf(await submit('choose-member', CHAIR, { memberId: '' }))).toEqual({ memberId: 'Välj en medlem.' });
    expect(errorsOf(await submit('choose-member', CHAIR, { memberId: 'someone-else' }))).toEqual({ memberId: 'Välj en medlem.' });
  });

  it('saves roles, organisation and substitute and says so, naming who changed it', async () => {
    const reply = await submit('member', CHAIR, await editValues(CILLA, { roles: 'ersattare', organisationId: await organisationId('Kommun'), substituteForMemberId: (await member(BO)).id }));
    expect(noticeText(reply)).toBe('Cilla Kommun är nu ersättare för Bo Ledamot (Kommun). Ändrat av Anna Ordförande.');
    expect(await member(CILLA)).toMatchObject({ roles: ['ersattare'], organisationId: await organisationId('Kommun'), substituteForMemberId: (await member(BO)).id });
  });

  it('lets the kansli edit others too', async () => {
    const reply = await submit('member', KANSLI, await editValues(BO, { roles: 'ordforande,ledamot' }));
    expect(noticeText(reply)).toBe('Bo Ledamot är nu ordförande, ledamot (Ingen part angiven). Ändrat av Kim Kansli.');
    expect((await member(BO)).roles).toEqual(['ordforande', 'ledamot']);
  });

  it('refuses to remove the role from the last ordförande, and allows it once there is another', async () => {
    const typed = await editValues(CHAIR, { roles: 'ledamot' });
    const reply = await submit('member', CHAIR, typed);
    expect(errorsOf(reply)).toEqual({
      roles: 'Gruppen måste ha minst en ordförande. Utse någon annan till ordförande innan du tar bort rollen från Anna Ordförande.',
    });
    // What was typed comes back.
    expect(reply).toMatchObject({ data: { values: { roles: 'ledamot' } } });
    expect((await member(CHAIR)).roles).toEqual(['ordforande']);

    await submit('member', CHAIR, await editValues(BO, { roles: 'ordforande' }));
    expect(noticeText(await submit('member', CHAIR, typed))).toContain('Anna Ordförande är nu ledamot');
    expect((await member(CHAIR)).roles).toEqual(['ledamot']);
  });

  it('refuses a ledamot who edits somebody else, naming the chair', async () => {
    const expected = 'Bara gruppens ordförande eller kansliet kan ändra andra medlemmars roller. Kontakta Anna Ordförande.';
    expect(noticeText(await submit('member', BO, await editValues(CILLA, { roles: 'ordforande' })))).toBe(expected);
    expect(noticeText(await click('edit-member', BO, { memberId: (await member(CILLA)).id }))).toBe(expected);
    expect(noticeText(await submit('choose-member', BO, { memberId: (await member(CILLA)).id }))).toBe(expected);
    expect((await member(CILLA)).roles).toEqual(['ledamot']);
  });

  it('lets a ledamot set their own organisation but not their roles', async () => {
    const form = await click('edit-member', BO);
    expect(form).toMatchObject({ kind: 'form', form: 'member', data: { mayEditRoles: false, context: { memberId: (await member(BO)).id } } });
    expect((form as unknown as { data: { intro: string } }).data.intro).toContain('Anna Ordförande');

    const reply = await submit('member', BO, await editValues(BO, { roles: 'ordforande', organisationId: await organisationId('Försäkringskassan') }));
    expect(noticeText(reply)).toBe('Bo Ledamot är nu ledamot (Försäkringskassan). Ändrat av Bo Ledamot.');
    expect(await member(BO)).toMatchObject({ roles: ['ledamot'], organisationId: await organisationId('Försäkringskassan') });
  });

  it('checks roles and organisation', async () => {
    expect(errorsOf(await submit('member', CHAIR, await editValues(BO, { roles: '' })))).toEqual({ roles: 'Välj minst en roll.' });
    expect(errorsOf(await submit('member', CHAIR, await editValues(BO, { roles: 'ledamot,kung' })))).toEqual({ roles: 'Okänd roll: "kung".' });
    // sammankallande follows the assignments; it is not set here.
    expect(errorsOf(await submit('member', CHAIR, await editValues(BO, { roles: 'sammankallande' })))).toEqual({ roles: 'Okänd roll: "sammankallande".' });
    expect(errorsOf(await submit('member', CHAIR, await editValues(BO, { organisationId: 'not-ours' })))).toEqual({
      organisationId: 'Välj en av gruppens parter.',
    });
  });

  it('checks whom an ersättare stands in for', async () => {
    const bo = (await member(BO)).id;
    const cilla = (await member(CILLA)).id;
    expect(errorsOf(await submit('member', CHAIR, await editValues(CILLA, { roles: 'ersattare' })))).toEqual({
      substituteForMemberId: 'Välj vem Cilla Kommun är ersättare för.',
    });
    expect(errorsOf(await submit('member', CHAIR, await editValues(CILLA, { roles: 'ersattare', substituteForMemberId: cilla })))).toEqual({
      substituteForMemberId: 'En medlem kan inte vara ersättare för sig själv.',
    });
    expect(errorsOf(await submit('member', CHAIR, await editValues(CILLA, { roles: 'ledamot', substituteForMemberId: bo })))).toEqual({
      substituteForMemberId: 'Ersättare för anges bara för den som har rollen ersättare.',
    });
    expect(errorsOf(await submit('member', CHAIR, await editValues(CILLA, { roles: 'ersattare', substituteForMemberId: 'gone' })))).toEqual({
      substituteForMemberId: 'Välj en av gruppens medlemmar.',
    });

    // Cilla stands in for Bo; Bo then cannot stand in for Cilla, nor for someone standing in for Cilla.
    await submit('member', CHAIR, await editValues(CILLA, { roles: 'ersattare', substituteForMemberId: bo }));
    expect(errorsOf(await submit('member', CHAIR, await editValues(BO, { roles: 'ersattare', substituteForMemberId: cilla })))).toEqual({
      substituteForMemberId: 'Cilla Kommun är redan ersättare för Bo Ledamot. Två medlemmar kan inte vara varandras ersättare.',
    });
    await submit('member', CHAIR, await editValues(KANSLI, { roles: 'ersattare', substituteForMemberId: cilla }));
    expect(errorsOf(await submit('member', CHAIR, await editValues(BO, { roles: 'ersattare', substituteForMemberId: (await member(KANSLI)).id })))).toEqual({
      substituteForMemberId: 'Cilla Kommun är redan ersättare för Bo Ledamot. Två medlemmar kan inte vara varandras ersättare.',
    });
  });

  it('keeps a stored sammankallande role, and an old kansli role, when the chair saves other roles', async () => {
    await setRoles(BO, ['sammankallande', 'kansli']);
    await submit('member', CHAIR, await editValues(BO, { roles: 'ledamot' }));
    expect((await member(BO)).roles).toEqual(['sammankallande', 'ledamot', 'kansli']);
  });

  it('no longer assigns the role kansli: kansli rights come from the region file (it used to be a choice)', async () => {
    expect(errorsOf(await submit('member', CHAIR, await editValues(BO, { roles: 'kansli' })))).toEqual({ roles: expect.stringContaining('kansli') });
    expect((await member(BO)).roles).not.toContain('kansli');
  });

  it('tells when the member no longer exists', async () => {
    expect(noticeText(await submit('member', CHAIR, { memberId: 'gone', roles: 'ledamot' }))).toBe(sv.members.unknownMember);
    expect(noticeText(await click('edit-member', CHAIR, { memberId: 'gone' }))).toBe(sv.members.unknownMember);
  });
});

describe('adding members from the channel roster', () => {
  it('adds everyone not yet a member as ledamot, keeps existing roles, and is idempotent', async () => {
    await setRoles(BO, ['ersattare']);
    roster = [
      BO,
      actor({ userId: 'U_DAN', displayName: 'Dan Arbetsförmedlingen' }),
      actor({ userId: 'U_EVA', displayName: 'Eva Region' }),
      actor({ platform: 'teams', userId: 'aad-other', displayName: 'Teams-person' }),
    ];
    const first = await click('import-members', CHAIR);
    expect(first).toMatchObject({
      card: 'members',
      data: { result: 'Jag lade till 2 personer från kanalen som ledamöter: Dan Arbetsförmedlingen, Eva Region. Ordföranden eller kansliet kan ändra deras roller.' },
    });
    expect(facts(first).map((line) => line.title)).toEqual(expect.arrayContaining(['Dan Arbetsförmedlingen', 'Eva Region']));
    expect((await member(BO)).roles).toEqual(['ersattare']);
    expect((await member(roster[1]!)).roles).toEqual(['ledamot']);

    const again = await click('import-members', CHAIR);
    expect(again).toMatchObject({ data: { result: sv.members.importedNone } });
    expect(await store.members.list()).toHaveLength(6);
  });

  it('is for the chair and the kansli only', async () => {
    roster = [actor({ userId: 'U_DAN', displayName: 'Dan' })];
    expect(noticeText(await click('import-members', BO))).toBe(format(sv.members.notAllowed, { chairNames: 'Anna Ordförande' }));
    expect(await store.members.list()).toHaveLength(4);
    expect(await click('import-members', KANSLI)).toMatchObject({ card: 'members' });
  });

  it('says so when the roster cannot be read, or is not available at all', async () => {
    rosterFails = true;
    expect(noticeText(await click('import-members', CHAIR))).toBe(sv.members.importFailed);
    const without = createBot({ region: testRegion(), store, clock, defaults: { locale: 'sv', timeZone: 'Europe/Stockholm' } });
    expect(noticeText(await without.handle({ type: 'button', action: 'import-members', args: {}, channel, actor: CHAIR }))).toBe(sv.members.importUnavailable);
  });
});

describe('timing settings', () => {
  const base = { groupName: 'LSG Uddevalla', organisations: 'region,kommun', otherOrganisations: '', officeChannelId: '' };

  it('shows the defaults 48 and 24 hours and no planning-day reminder', async () => {
    const form = await bot.handle({ type: 'command', command: 'installningar', text: '', channel, actor: CHAIR });
    expect(form).toMatchObject({ data: { values: { standingItemHoursBefore: '48', summaryHoursBefore: '24', planningDayReminder: 'false' } } });
  });

  it('saves whole hours and the toggle', async () => {
    await submit('settings', CHAIR, { ...base, standingItemHoursBefore: ' 72 ', summaryHoursBefore: '336', planningDayReminder: 'true' });
    expect((await store.groups.list())[0]).toMatchObject({ standingItemHoursBefore: 72, summaryHoursBefore: 336, planningDayReminder: true });
    // Slack's unticked checkbox sends nothing selected: ''.
    await submit('settings', CHAIR, { ...base, standingItemHoursBefore: '1', summaryHoursBefore: '24', planningDayReminder: '' });
    expect((await store.groups.list())[0]).toMatchObject({ standingItemHoursBefore: 1, planningDayReminder: false });
  });

  it.each([
    ['0', 'Stående punkt, timmar före mötet: ange ett helt antal timmar mellan 1 och 336 (du skrev "0").'],
    ['337', 'Stående punkt, timmar före mötet: ange ett helt antal timmar mellan 1 och 336 (du skrev "337").'],
    ['2,5', 'Stående punkt, timmar före mötet: ange ett helt antal timmar mellan 1 och 336 (du skrev "2,5").'],
    ['två dygn', 'Stående punkt, timmar före mötet: ange ett helt antal timmar mellan 1 och 336 (du skrev "två dygn").'],
    ['', 'Stående punkt, timmar före mötet måste fyllas i.'],
  ])('refuses %j hours with a message under the field and keeps what was typed', async (typed, message) => {
    const reply = await submit('settings', CHAIR, { ...base, standingItemHoursBefore: typed, summaryHoursBefore: '-1', planningDayReminder: 'true' });
    expect(errorsOf(reply)).toEqual({
      standingItemHoursBefore: message,
      summaryHoursBefore: 'Sammanfattning till ordföranden, timmar före mötet: ange ett helt antal timmar mellan 1 och 336 (du skrev "-1").',
    });
    expect(reply).toMatchObject({ data: { values: { standingItemHoursBefore: typed, summaryHoursBefore: '-1', planningDayReminder: 'true' } } });
    expect((await store.groups.list())[0]).toMatchObject({ standingItemHoursBefore: 48, summaryHoursBefore: 24, planningDayReminder: false });
  });

  it('saves the days before a report is due when the convener is prompted, and refuses a bad value', async () => {
    const form = await bot.handle({ type: 'command', command: 'installningar', text: '', channel, actor: CHAIR });
    expect(form).toMatchObject({ data: { values: { reportPromptDaysBefore: '5' } } });
    await submit('settings', CHAIR, { ...base, reportPromptDaysBefore: ' 10 ' });
    expect((await store.groups.list())[0]).toMatchObject({ reportPromptDaysBefore: 10 });
    const reply = await submit('settings', CHAIR, { ...base, reportPromptDaysBefore: '61' });
    expect(errorsOf(reply)).toEqual({
      reportPromptDaysBefore:
        'Påminnelse till sammankallande om avrapportering, dagar innan lägesrapporten ska lämnas: ange ett helt antal dagar mellan 1 och 60 (du skrev "61").',
    });
    expect(reply).toMatchObject({ data: { values: { reportPromptDaysBefore: '61' } } });
    expect(errorsOf(await submit('settings', CHAIR, { ...base, reportPromptDaysBefore: '' }))).toEqual({
      reportPromptDaysBefore: 'Påminnelse till sammankallande om avrapportering, dagar innan lägesrapporten ska lämnas måste fyllas i.',
    });
    expect((await store.groups.list())[0]).toMatchObject({ reportPromptDaysBefore: 10 });
  });

  it('keeps the stored timing when a card from before these fields is submitted', async () => {
    await submit('settings', CHAIR, { ...base, standingItemHoursBefore: '96', summaryHoursBefore: '12', planningDayReminder: 'true' });
    await submit('settings', CHAIR, { ...base, groupName: 'Nytt namn' });
    expect((await store.groups.list())[0]).toMatchObject({ name: 'Nytt namn', standingItemHoursBefore: 96, summaryHoursBefore: 12, planningDayReminder: true });
  });
});
