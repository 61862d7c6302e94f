// Contract test of group settings and members on Teams: the REAL server over HTTP, the REAL SQLite store,
// activities shaped like Teams', and the fake Bot Connector answering replies and the roster API
// (GET /v3/conversations/{id}/pagedmembers, paged with continuation tokens).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Member } from '../../src/core/domain.js';
import { sv } from '../../src/i18n/sv.js';
import { collectCardTexts } from '../support/fake-bot-connector.js';
import { CHAIR, MEMBER, TENANT_ID, teamChannel, type TeamsUser } from '../support/teams-activities.js';
import { field, startTeamsHarness, type TeamsHarness } from '../support/teams-harness.js';

const CILLA: TeamsUser = { id: '29:1cilla-kommun', name: 'Cilla Kommun', aadObjectId: 'aad-cilla-0003' };
const DAN: TeamsUser = { id: '29:1dan-af', name: 'Dan Åström', aadObjectId: 'aad-dan-0004' };

let teams: TeamsHarness;

beforeAll(async () => {
  teams = await startTeamsHarness({
    name: 'members-teams',
    channel: teamChannel({ teamName: 'LSG Strömstad' }),
    roster: [CHAIR, MEMBER, CILLA, DAN].map((person) => ({ ...person })),
    env: { SCHEDULER_ENABLED: 'false' },
  });
});

afterAll(() => teams?.close());

beforeEach(() => teams.connector.clear());

/** Action.Execute from `who`: the card Teams puts in place of the pressed one. */
const execute = (who: TeamsUser, verb: string, data: Record<string, unknown>) => teams.execute(who, verb, data);
/** The card of the one message posted in answer to a typed command. */
const say = (who: TeamsUser, text: string) => teams.say(text, who);

/** The member list's lines as "name: organisation · roles". */
function memberLines(card: Record<string, any>): string[] {
  return (card.body as any[])
    .filter((node) => node.type === 'Container')
    .flatMap((container) => container.items.flatMap((factSet: any) => factSet.facts.map((fact: any) => `${fact.title}: ${fact.value}`)));
}

async function members(): Promise<Member[]> {
  const link = await teams.store.channels.findByAddress('teams', TENANT_ID, teams.channel.id);
  return teams.store.members.list({ groupId: link!.groupId });
}
async function memberOf(user: TeamsUser): Promise<Member> {
  return (await members()).find((member) => member.platformUserId === user.aadObjectId)!;
}

describe('group settings on Teams', () => {
  const typed = {
    form: 'settings',
    groupName: 'LSG Strömstad',
    organisations: 'region,kommun,brukarorganisation',
    otherOrganisations: '',
    officeChannelId: '',
  };

  it('shows the timing fields with their defaults in the settings card', async () => {
    const card = await say(CHAIR, 'inställningar');
    expect(field(card, 'standingItemHoursBefore').input).toMatchObject({ type: 'Input.Number', label: 'Stående punkt, timmar före mötet', value: 48, min: 1, max: 336 });
    expect(field(card, 'summaryHoursBefore').input).toMatchObject({ label: 'Sammanfattning till ordföranden, timmar före mötet', value: 24 });
    expect(field(card, 'planningDayReminder').input).toMatchObject({ type: 'Input.Toggle', title: 'Påminnelse om planeringsdag i januari', value: 'false' });
    expect(collectCardTexts(card)).toContain(sv.settings.membersHint);
  });

  it('re-renders with a message under each bad hours field and everything typed', async () => {
    const card = await execute(CHAIR, 'settings', { ...typed, standingItemHoursBefore: '0', summaryHoursBefore: '', planningDayReminder: 'true' });
    expect(field(card, 'standingItemHoursBefore')).toMatchObject({
      input: { value: 0 },
      errors: ['Stående punkt, timmar före mötet: ange ett helt antal timmar mellan 1 och 336 (du skrev "0").'],
    });
    expect(field(card, 'summaryHoursBefore').errors).toEqual(['Sammanfattning till ordföranden, timmar före mötet måste fyllas i.']);
    expect(field(card, 'planningDayReminder').input.value).toBe('true');
    expect(field(card, 'groupName')).toMatchObject({ input: { value: 'LSG Strömstad' }, errors: [] });
    expect((await teams.store.groups.list())[0]).toMatchObject({ standingItemHoursBefore: 48, summaryHoursBefore: 24 });
  });

  it('saves whole hours and the toggle', async () => {
    const card = await execute(CHAIR, 'settings', { ...typed, standingItemHoursBefore: '96', summaryHoursBefore: '36', planningDayReminder: 'true' });
    expect(collectCardTexts(card)).toEqual(['Inställningarna är sparade. Ändrade av Anna Ordförande.']);
    expect((await teams.store.groups.list())[0]).toMatchObject({ standingItemHoursBefore: 96, summaryHoursBefore: 36, planningDayReminder: true });
    await execute(CHAIR, 'settings', { ...typed, standingItemHoursBefore: '96', summaryHoursBefore: '36', planningDayReminder: 'false' });
    expect((await teams.store.groups.list())[0]).toMatchObject({ planningDayReminder: false });
  });
});

describe('members on Teams', () => {
  it('adds the channel roster as ledamöter, paging through the roster API, and adds nobody twice', async () => {
    const card = await execute(CHAIR, 'import-members', { action: 'import-members' });
    expect(collectCardTexts(card)).toContain(
      'Jag lade till 3 personer från kanalen som ledamöter: Bo Ledamot, Cilla Kommun, Dan Åström. Ordföranden eller kansliet kan ändra deras roller.',
    );
    expect(memberLines(card)).toEqual([
      'Anna Ordförande: Ingen part angiven · Ordförande',
      'Bo Ledamot: Ingen part angiven · Ledamot',
      'Cilla Kommun: Ingen part angiven · Ledamot',
      'Dan Åström: Ingen part angiven · Ledamot',
    ]);
    // Four people at two per page (the fake's page size): all four found means the continuation token was followed.
    expect(teams.connector.unhandled).toEqual([]);
    // Imported with the same identity a message from them carries: their Entra object id.
    expect((await members()).map((member) => member.platformUserId).sort()).toEqual([CHAIR, MEMBER, CILLA, DAN].map((user) => user.aadObjectId).sort());
    // …and with the roster's 29: id, which opens the bot's personal chat with them (reminders, prompts)
    // before they ever wrote to the bot: the Entra object id is refused there (UserNotFound).
    expect(Object.fromEntries((await members()).map((member) => [member.platformUserId, member.chatUserId]))).toEqual(
      Object.fromEntries([CHAIR, MEMBER, CILLA, DAN].map((user) => [user.aadObjectId, user.id])),
    );
    // The roster was read without a message and nothing new was posted: the members card the button was on
    // is updated in place for the whole group (Teams shows the invoke's card to the chair only).
    expect(teams.connector.posts).toEqual([]);
    expect(teams.connector.updates.map((update) => update.activityId)).toEqual(['card-message-1']);
    expect(collectCardTexts(teams.connector.updates[0]!.activity.attachments![0]!.content as Record<string, any>)).toEqual(collectCardTexts(card));

    const again = await execute(CHAIR, 'import-members', { action: 'import-members' });
    expect(collectCardTexts(again)).toContain(sv.members.importedNone);
    expect(await members()).toHaveLength(4);
    // Bo speaking later is the same member, not a second one.
    await say(MEMBER, 'plan');
    expect(await members()).toHaveLength(4);
  });

  it('lists members with organisation and role in Swedish when a ledamot types "medlemmar"', async () => {
    const card = await say(MEMBER, 'medlemmar');
    const texts = collectCardTexts(card);
    expect(texts).toEqual(expect.arrayContaining(['Medlemmar i LSG Strömstad', '4 medlemmar', 'Redigera medlem', 'Hämta medlemmar från kanalen']));
    expect(memberLines(card)).toContain('Anna Ordförande: Ingen part angiven · Ordförande');
  });

  it('edits a member: chooser, then roles, organisation and whom they stand in for', async () => {
    const chooser = await execute(CHAIR, 'edit-member', { action: 'edit-member' });
    expect(field(chooser, 'memberId').input.choices.map((choice: any) => choice.title)).toEqual(['Anna Ordförande', 'Bo Ledamot', 'Cilla Kommun', 'Dan Åström']);
    const cilla = await memberOf(CILLA);
    const form = await execute(CHAIR, 'choose-member', { form: 'choose-member', memberId: cilla.id });
    expect(collectCardTexts(form)).toContain('Redigera Cilla Kommun');
    // The hidden context travels in the submit action's data.
    expect(form.actions[0]).toMatchObject({ type: 'Action.Execute', verb: 'member', data: { form: 'member', memberId: cilla.id } });
    expect(field(form, 'roles').input).toMatchObject({ isMultiSelect: true, value: 'ledamot' });

    const brukare = (await teams.store.organisations.list()).find((organisation) => organisation.kind === 'brukarorganisation')!;
    const dan = await memberOf(DAN);
    const sameAsSelf = await execute(CHAIR, 'member', { form: 'member', memberId: cilla.id, roles: 'ersattare', organisationId: brukare.id, substituteForMemberId: cilla.id });
    expect(field(sameAsSelf, 'substituteForMemberId').errors).toEqual(['En medlem kan inte vara ersättare för sig själv.']);
    expect(field(sameAsSelf, 'organisationId').input.value).toBe(brukare.id);

    const saved = await execute(CHAIR, 'member', { form: 'member', memberId: cilla.id, roles: 'ersattare', organisationId: brukare.id, substituteForMemberId: dan.id });
    expect(collectCardTexts(saved)).toEqual(['Cilla Kommun är nu ersättare för Dan Åström (Brukarorganisation). Ändrat av Anna Ordförande.']);
    expect(await memberOf(CILLA)).toMatchObject({ roles: ['ersattare'], organisationId: brukare.id, substituteForMemberId: dan.id });

    // Dan cannot in turn stand in for Cilla.
    const circle = await execute(CHAIR, 'member', { form: 'member', memberId: dan.id, roles: 'ersattare', organisationId: 'none', substituteForMemberId: cilla.id });
    expect(field(circle, 'substituteForMemberId').errors).toEqual([
      'Cilla Kommun är redan ersättare för Dan Åström. Två medlemmar kan inte vara varandras ersättare.',
    ]);

    expect(memberLines(await say(MEMBER, 'medlemmar'))).toContain('Cilla Kommun: Brukarorganisation · Ersättare för Dan Åström');
  });

  it('refuses to take the role from the last ordförande', async () => {
    const anna = await memberOf(CHAIR);
    const card = await execute(CHAIR, 'member', { form: 'member', memberId: anna.id, roles: 'ledamot', organisationId: 'none', substituteForMemberId: 'none' });
    expect(field(card, 'roles')).toMatchObject({
      input: { value: 'ledamot' },
      errors: ['Gruppen måste ha minst en ordförande. Utse någon annan till ordförande innan du tar bort rollen från Anna Ordförande.'],
    });
    expect((await memberOf(CHAIR)).roles).toEqual(['ordforande']);
  });

  it('refuses a ledamot who edits someone else or imports the roster, naming the chair', async () => {
    const refusal = 'Bara gruppens ordförande eller kansliet kan ändra andra medlemmars roller. Kontakta Anna Ordförande.';
    const dan = await memberOf(DAN);
    const edit = await teams.executeForPresser(MEMBER, 'member', { form: 'member', memberId: dan.id, roles: 'ordforande', organisationId: 'none', substituteForMemberId: 'none' });
    expect(edit).toBe(refusal);
    expect(await teams.executeForPresser(MEMBER, 'import-members', { action: 'import-members' })).toBe(refusal);
    expect((await memberOf(DAN)).roles).toEqual(['ledamot']);
  });
});
