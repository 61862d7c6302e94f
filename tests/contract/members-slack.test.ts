// Contract test of group settings and members on Slack: the REAL server over HTTP with signed requests,
// the REAL SQLite store, and the fake Slack Web API answering conversations.members / users.info for the
// roster. Assertions are on what people see (Swedish blocks, modal errors) and on what the store kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '../../src/core/domain.js';
import { sv } from '../../src/i18n/sv.js';
import { fixedClock } from '../support/fixed-clock.js';
import { visibleBlockTexts as visible } from '../support/slack-requests.js';
import { ANNA_ORDFORANDE, checkboxesPicked as checked, selectPicked as selected, startSlackHarness, textInput as text, type SlackHarness } from '../support/slack-harness.js';

const CHANNEL = 'C222';
const CHAIR = 'U0ANNA';
const BO = 'U0BO';
const CILLA = 'U0CILLA';
const DAN = 'U0DAN';

let slack: SlackHarness;

beforeAll(async () => {
  slack = await startSlackHarness({
    name: 'members-slack',
    secret: 'm3mb3rs-s1gn1ng-s3cr3t',
    botToken: 'xoxb-members',
    teamId: 'T222',
    channelId: CHANNEL,
    channelName: 'lsg-munkedal',
    users: {
      [CHAIR]: ANNA_ORDFORANDE,
      [BO]: { name: 'bo', displayName: '', realName: 'Bo Ledamot' },
      [CILLA]: { name: 'cilla', displayName: 'Cilla Kommun', realName: 'Cecilia Karlsson' },
      [DAN]: { name: 'dan', displayName: '', realName: 'Dan Åström' },
      U0WORKFLOW: { name: 'workflow', displayName: 'Arbetsflöde', realName: 'Arbetsflöde', isBot: true },
      U0GONE: { name: 'gone', displayName: 'Slutat', realName: 'Slutat', deleted: true },
      U0BOT: { name: 'samverkansbot', displayName: 'Samverkansbot', realName: 'Samverkansbot', isBot: true },
    },
    channelMembers: [CHAIR, BO, CILLA, 'U0WORKFLOW', 'U0BOT', DAN, 'U0GONE', 'USLACKBOT'],
    // Nothing but these requests may post: no scheduled standing items in the middle of the assertions.
    env: { SCHEDULER_ENABLED: 'false' },
    clock: fixedClock('2026-11-25T09:00:00Z'),
  });
});

afterAll(() => slack?.close());

async function members(): Promise<Member[]> {
  const [group] = await slack.store.groups.list();
  return slack.store.members.list({ groupId: group!.id });
}
async function memberOf(userId: string): Promise<Member> {
  return (await members()).find((member) => member.platformUserId === userId)!;
}

describe('group settings and members on Slack', () => {
  it('registers nothing on a command before the bot was invited, then the group with the inviter as ordförande', async () => {
    let from = slack.fake.calls.length;
    await slack.send(slack.command('medlemmar', CHAIR));
    // The first request also warms up the database connection: more time on a busy machine.
    const refusal = await slack.fake.waitFor('response_url', slack.after(from), 15_000);
    expect(refusal.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(visible(refusal.body.blocks).join(' ')).toContain('/invite @Samverkansbot');
    expect(slack.newCalls(from, 'chat.postMessage')).toEqual([]);
    expect(await slack.store.groups.list()).toEqual([]);
    expect(await slack.store.channels.list()).toEqual([]);

    await slack.addBotToChannel(CHAIR);
    from = slack.fake.calls.length;
    await slack.send(slack.command('medlemmar', CHAIR));
    const posted = await slack.fake.waitFor('chat.postMessage', slack.after(from), 15_000);
    expect(visible(posted.body.blocks)).toEqual(expect.arrayContaining(['Medlemmar i lsg-munkedal', '1 medlem', '*Anna Ordförande*\nIngen part angiven · Ordförande']));
    expect(await members()).toMatchObject([{ platformUserId: CHAIR, roles: ['ordforande'] }]);
  });

  it('shows the timing fields in the settings modal with their defaults', async () => {
    const from = slack.fake.calls.length;
    await slack.send(slack.command('inställningar', CHAIR));
    const opened = await slack.fake.waitFor('views.open', slack.after(from));
    const inputs = ((opened.body.view as any).blocks as any[]).filter((block) => block.type === 'input');
    expect(inputs.map((block) => [block.block_id, block.label.text])).toEqual([
      ['groupName', 'Gruppens namn'],
      ['organisations', 'Parter i samverkan (huvudmännen region och kommun samt övriga parter)'],
      ['principals', 'Huvudmän (en arbetsgrupp ska ha minst en person från vardera huvudmannen)'],
      ['otherOrganisations', 'Övriga parter, en per rad'],
      ['officeChannelId', 'Kanslikanal som tar emot planer och slutrapporter (ur regionfilen)'],
      ['standingItemHoursBefore', 'Stående punkt, timmar före mötet'],
      ['summaryHoursBefore', 'Sammanfattning till ordföranden, timmar före mötet'],
      ['reportPromptDaysBefore', 'Påminnelse till sammankallande om avrapportering, dagar innan lägesrapporten ska lämnas'],
      ['planningDayReminder', 'Påminnelse om planeringsdag i januari'],
    ]);
    expect(inputs[5].element).toMatchObject({ type: 'number_input', is_decimal_allowed: false, initial_value: '48', min_value: '1', max_value: '336' });
    expect(inputs[6].element).toMatchObject({ type: 'number_input', initial_value: '24' });
    expect(inputs[7].element).toMatchObject({ type: 'number_input', initial_value: '5', min_value: '1', max_value: '60' });
    expect(inputs[8].element).toMatchObject({ type: 'checkboxes', options: [{ value: 'true', text: { text: 'Påminnelse om planeringsdag i januari' } }] });
    expect(inputs[8].element.initial_options).toBeUndefined();
  });

  const settings = (standing: string | null, summary: string | null, reminder: string[]) => ({
    groupName: text('LSG Munkedal'),
    organisations: checked('region', 'kommun', 'arbetsformedlingen'),
    otherOrganisations: text(null),
    officeChannelId: text('C0KANSLI'),
    standingItemHoursBefore: text(standing),
    summaryHoursBefore: text(summary),
    planningDayReminder: checked(...reminder),
  });

  it('keeps the modal open with a message under each bad hours field', async () => {
    const answer = await slack.send(slack.submitForm('settings', settings('400', 'ett dygn', ['true']), CHAIR));
    expect(answer.json).toEqual({
      response_action: 'errors',
      errors: {
        standingItemHoursBefore: 'Stående punkt, timmar före mötet: ange ett helt antal timmar mellan 1 och 336 (du skrev "400").',
        summaryHoursBefore: 'Sammanfattning till ordföranden, timmar före mötet: ange ett helt antal timmar mellan 1 och 336 (du skrev "ett dygn").',
      },
    });
    const [group] = await slack.store.groups.list();
    expect(group).toMatchObject({ standingItemHoursBefore: 48, summaryHoursBefore: 24, planningDayReminder: false });
  });

  it('saves the timing settings and the planning-day reminder', async () => {
    const from = slack.fake.calls.length;
    const answer = await slack.send(slack.submitForm('settings', settings('72', '12', ['true']), CHAIR));
    expect(answer.text).toBe('');
    const posted = await slack.fake.waitFor('chat.postMessage', slack.after(from));
    expect(visible(posted.body.blocks)).toEqual(['Inställningarna är sparade. Ändrade av Anna Ordförande.']);
    const [group] = await slack.store.groups.list();
    expect(group).toMatchObject({ name: 'LSG Munkedal', standingItemHoursBefore: 72, summaryHoursBefore: 12, planningDayReminder: true });

    const reopened = slack.fake.calls.length;
    await slack.send(slack.command('inställningar', CHAIR));
    const view = (await slack.fake.waitFor('views.open', slack.after(reopened))).body.view as any;
    const reminder = view.blocks.find((block: any) => block.block_id === 'planningDayReminder');
    expect(reminder.element.initial_options.map((option: any) => option.value)).toEqual(['true']);
    expect(view.blocks.find((block: any) => block.block_id === 'standingItemHoursBefore').element.initial_value).toBe('72');
  });

  it('adds the channel\'s people from the roster as ledamöter, leaving bots and deactivated accounts out', async () => {
    await slack.send(slack.command('plan', BO)); // Bo is a member already
    await slack.fake.waitFor('chat.postMessage', (call) => visible(call.body.blocks).some((line) => line.startsWith('Lokal handlingsplan')));
    const from = slack.fake.calls.length;
    await slack.send(slack.clickAction('import-members', CHAIR));
    const posted = await slack.fake.waitFor('chat.postMessage', slack.after(from));
    const texts = visible(posted.body.blocks);
    expect(texts).toContain(
      '*Jag lade till 2 personer från kanalen som ledamöter: Cilla Kommun, Dan Åström. Ordföranden eller kansliet kan ändra deras roller.*',
    );
    expect(texts).toContain('*Dan Åström*\nIngen part angiven · Ledamot');
    // Eight ids two per page: four pages, followed by cursor.
    const pages = slack.newCalls(from, 'conversations.members');
    expect(pages.map((call) => call.body.cursor ?? null)).toHaveLength(4);
    expect(pages[0]!.body).toMatchObject({ channel: CHANNEL });
    expect(pages.slice(1).every((call) => typeof call.body.cursor === 'string')).toBe(true);
    expect((await members()).map((member) => [member.platformUserId, member.roles]).sort()).toEqual([
      [BO, ['ledamot']],
      [CILLA, ['ledamot']],
      [DAN, ['ledamot']],
      [CHAIR, ['ordforande']],
    ].sort());
  });

  it('adds nobody the second time', async () => {
    const from = slack.fake.calls.length;
    await slack.send(slack.clickAction('import-members', CHAIR));
    const posted = await slack.fake.waitFor('chat.postMessage', slack.after(from));
    expect(visible(posted.body.blocks)).toContain(`*${sv.members.importedNone}*`);
    expect(await members()).toHaveLength(4);
  });

  it('lists every member with organisation and role in Swedish, for a ledamot too', async () => {
    const from = slack.fake.calls.length;
    await slack.send(slack.command('medlemmar', BO));
    const posted = await slack.fake.waitFor('chat.postMessage', slack.after(from));
    const texts = visible(posted.body.blocks);
    expect(texts).toEqual(expect.arrayContaining([
      'Medlemmar i LSG Munkedal',
      '4 medlemmar',
      '*Anna Ordförande*\nIngen part angiven · Ordförande',
      '*Bo Ledamot*\nIngen part angiven · Ledamot',
      'Redigera medlem',
      'Hämta medlemmar från kanalen',
    ]));
  });

  it('edits a member through the chooser: role ersättare for Bo, organisation Kommun', async () => {
    const from = slack.fake.calls.length;
    await slack.send(slack.clickAction('edit-member', CHAIR));
    const chooser = (await slack.fake.waitFor('views.open', slack.after(from))).body.view as any;
    expect(chooser).toMatchObject({ callback_id: 'choose-member', title: { text: 'Välj medlem' }, submit: { text: 'Välj' } });
    const options = chooser.blocks.find((block: any) => block.block_id === 'memberId').element.options;
    expect(options.map((option: any) => option.text.text)).toEqual(['Anna Ordförande', 'Bo Ledamot', 'Cilla Kommun', 'Dan Åström']);

    const cilla = await memberOf(CILLA);
    const chosen = await slack.send(slack.submitForm('choose-member', { memberId: selected(cilla.id) }, CHAIR));
    const update = chosen.json as any;
    expect(update.response_action).toBe('update');
    expect(update.view).toMatchObject({ callback_id: 'member', title: { text: 'Redigera medlem' }, submit: { text: 'Spara' } });
    expect(JSON.parse(update.view.private_metadata).context).toEqual({ memberId: cilla.id });
    const byId = Object.fromEntries(update.view.blocks.filter((block: any) => block.type === 'input').map((block: any) => [block.block_id, block]));
    expect(Object.keys(byId)).toEqual(['roles', 'organisationId', 'substituteForMemberId']);
    expect(byId.roles.element.options.map((option: any) => option.text.text)).toEqual(['Ordförande', 'Ledamot', 'Ersättare']);
    expect(byId.roles.element.initial_options.map((option: any) => option.value)).toEqual(['ledamot']);
    expect(byId.organisationId.element.options.map((option: any) => option.text.text)).toEqual(['Ingen part angiven', 'Region', 'Kommun', 'Arbetsförmedlingen']);
    expect(byId.substituteForMemberId.element.options.map((option: any) => option.text.text)).toEqual(['Ingen', 'Anna Ordförande', 'Bo Ledamot', 'Dan Åström']);

    const kommun = (await slack.store.organisations.list()).find((organisation) => organisation.name === 'Kommun')!;
    const bo = await memberOf(BO);
    // Ersättare without saying for whom: the modal stays open with the message under the field.
    const missing = await slack.send(slack.submitForm('member', { roles: checked('ersattare'), organisationId: selected(kommun.id), substituteForMemberId: selected('none') }, CHAIR, { memberId: cilla.id }));
    expect(missing.json).toEqual({ response_action: 'errors', errors: { substituteForMemberId: 'Välj vem Cilla Kommun är ersättare för.' } });

    const saving = slack.fake.calls.length;
    const saved = await slack.send(slack.submitForm('member', { roles: checked('ersattare'), organisationId: selected(kommun.id), substituteForMemberId: selected(bo.id) }, CHAIR, { memberId: cilla.id }));
    expect(saved.text).toBe('');
    const announced = await slack.fake.waitFor('chat.postMessage', slack.after(saving));
    expect(visible(announced.body.blocks)).toEqual(['Cilla Kommun är nu ersättare för Bo Ledamot (Kommun). Ändrat av Anna Ordförande.']);
    expect(await memberOf(CILLA)).toMatchObject({ roles: ['ersattare'], organisationId: kommun.id, substituteForMemberId: bo.id });

    const listed = slack.fake.calls.length;
    await slack.send(slack.command('medlemmar', BO));
    expect(visible((await slack.fake.waitFor('chat.postMessage', slack.after(listed))).body.blocks)).toContain('*Cilla Kommun*\nKommun · Ersättare för Bo Ledamot');
  });

  it('refuses to take the role from the last ordförande, in the open modal', async () => {
    const anna = await memberOf(CHAIR);
    const answer = await slack.send(slack.submitForm('member', { roles: checked('ledamot'), organisationId: selected('none'), substituteForMemberId: selected('none') }, CHAIR, { memberId: anna.id }));
    expect(answer.json).toEqual({
      response_action: 'errors',
      errors: { roles: 'Gruppen måste ha minst en ordförande. Utse någon annan till ordförande innan du tar bort rollen från Anna Ordförande.' },
    });
    expect((await memberOf(CHAIR)).roles).toEqual(['ordforande']);
  });

  it('refuses a ledamot who wants to edit someone else or import the roster, naming the chair, to them only', async () => {
    const refusal = 'Bara gruppens ordförande eller kansliet kan ändra andra medlemmars roller. Kontakta Anna Ordförande.';
    for (const request of [slack.clickAction('edit-member', BO, { memberId: (await memberOf(DAN)).id }), slack.clickAction('import-members', BO)]) {
      const from = slack.fake.calls.length;
      await slack.send(request);
      const told = await slack.fake.waitFor('chat.postEphemeral', slack.after(from));
      expect(told.body).toMatchObject({ channel: CHANNEL, user: BO });
      expect(visible(told.body.blocks)).toEqual([refusal]);
      expect(slack.newCalls(from, 'views.open')).toEqual([]);
      expect(slack.newCalls(from, 'conversations.members')).toEqual([]);
    }
    expect((await memberOf(DAN)).roles).toEqual(['ledamot']);
  });

  it('lets a ledamot open their own form, with the organisation only', async () => {
    const from = slack.fake.calls.length;
    await slack.send(slack.clickAction('edit-member', BO));
    const view = (await slack.fake.waitFor('views.open', slack.after(from))).body.view as any;
    expect(view.callback_id).toBe('member');
    expect(view.blocks.filter((block: any) => block.type === 'input').map((block: any) => block.block_id)).toEqual(['organisationId']);
    expect(JSON.parse(view.private_metadata).context).toEqual({ memberId: (await memberOf(BO)).id });
  });
});
