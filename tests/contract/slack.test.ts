// Contract test of the Slack edge: the REAL server (startApp) on a loopback port with the REAL SQLite
// store, driven over HTTP exactly as Slack drives it (signed requests, Slack's content types, bodies from
// Slack's own payload samples), with Web API calls answered and recorded by a local fake Slack API.
// Assertions are on what people would see (Swedish texts in blocks and modals) and on what the store kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sv } from '../../src/i18n/sv.js';
import { fixedClock } from '../support/fixed-clock.js';
import type { SlackApiCall } from '../support/fake-slack-api.js';
import { eventCallback, fixture, sign, visibleBlockTexts as visible } from '../support/slack-requests.js';
import { ANNA_ORDFORANDE, checkboxesPicked as picked, startSlackHarness, textInput as text, type SlackHarness } from '../support/slack-harness.js';

const TEAM = 'T111';
const CHANNEL = 'C111';
const CHAIR = 'U0CHAIR';
const MEMBER = 'U0MEMBER';

let slack: SlackHarness;

beforeAll(async () => {
  slack = await startSlackHarness({
    name: 'slack',
    teamId: TEAM,
    channelId: CHANNEL,
    users: {
      [CHAIR]: ANNA_ORDFORANDE,
      [MEMBER]: { name: 'bo', displayName: '', realName: 'Bo Ledamot' },
    },
    clock: fixedClock('2026-11-25T09:00:00Z'),
  });
  expect(slack.config.slack.mode).toBe('http');
});

afterAll(() => slack?.close());

const command = (name: string, text: string, user = CHAIR, triggerId?: string) => slack.command(text, user, { command: name, triggerId });

const toChannel = (call: SlackApiCall) => call.body.channel === CHANNEL;

describe('Slack over HTTP', () => {
  it('answers url_verification with the challenge', async () => {
    const body = fixture('bolt-python/url_verification.json');
    const answer = await slack.send(eventCallback(body));
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ challenge: body.challenge });
  });

  it('registers the group and posts the Swedish welcome when the bot is added to a channel', async () => {
    const body = fixture<Record<string, any>>('docs/event_member_joined_channel.json');
    body.team_id = TEAM;
    body.event = { ...body.event, user: 'U0BOT', channel: CHANNEL, team: TEAM, inviter: CHAIR };
    const from = slack.fake.calls.length;
    const answer = await slack.send(eventCallback(body));
    expect(answer.status).toBe(200);

    const posted = await slack.fake.waitFor('chat.postMessage', (call) => toChannel(call) && visible(call.body.blocks).some((text) => text.startsWith('Hej ')));
    expect(posted.token).toBe('xoxb-test');
    const texts = visible(posted.body.blocks);
    expect(texts[0]).toBe('Hej samverkan-uddevalla! Jag är Samverkansbot.');
    expect(texts.join('\n')).toContain('Anna Ordförande är ordförande');
    expect(texts).toEqual(expect.arrayContaining([sv.common.buttons.settings, sv.common.buttons.plan, sv.common.buttons.help]));
    expect(posted.body.text).toBe('Hej samverkan-uddevalla! Jag är Samverkansbot.');
    expect(slack.newCalls(from, 'conversations.info')).toHaveLength(1);

    const groups = await slack.store.groups.list();
    expect(groups.map((group) => group.name)).toEqual(['samverkan-uddevalla']);
    const members = await slack.store.members.list({ groupId: groups[0]!.id });
    expect(members).toMatchObject([{ platformUserId: CHAIR, displayName: 'Anna Ordförande', roles: ['ordforande'] }]);
  });

  it('ignores other people joining the channel', async () => {
    const body = fixture<Record<string, any>>('docs/event_member_joined_channel.json');
    body.event = { ...body.event, user: MEMBER, channel: CHANNEL, team: TEAM, inviter: CHAIR };
    const from = slack.fake.calls.length;
    expect((await slack.send(eventCallback(body))).status).toBe(200);
    // A request that does post afterwards proves the join was processed and posted nothing.
    await slack.send(command('/samverkan', 'hjälp'));
    await slack.fake.waitFor('chat.postMessage', (call) => slack.fake.calls.indexOf(call) >= from);
    expect(slack.newCalls(from, 'chat.postMessage')).toHaveLength(1);
    expect(visible(slack.newCalls(from, 'chat.postMessage')[0]!.body.blocks)[0]).toBe(sv.help.title);
  });

  it('answers an @-mention "hjälp" with the help card in the channel', async () => {
    const body = fixture<Record<string, any>>('bolt-python/event_app_mention.json');
    body.team_id = TEAM;
    body.event = { ...body.event, text: '<@U0BOT> hjälp', user: CHAIR, channel: CHANNEL, team: TEAM };
    const from = slack.fake.calls.length;
    expect((await slack.send(eventCallback(body))).status).toBe(200);
    const posted = await slack.fake.waitFor('chat.postMessage', (call) => slack.fake.calls.indexOf(call) >= from);
    expect(posted.body.channel).toBe(CHANNEL);
    const texts = visible(posted.body.blocks);
    expect(texts).toContain(sv.help.title);
    // Up to ten commands show as section fields, more as one line each: either way every command is there.
    const shown = texts.join('\n');
    for (const command of sv.help.commands) {
      expect(shown).toContain(`*${command.name}*`);
      expect(shown).toContain(command.description);
    }
  });

  it('acks /samverkan hjälp at once and posts the help card with Swedish text', async () => {
    const from = slack.fake.calls.length;
    const answer = await slack.send(command('/samverkan', 'hjälp'));
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('');
    const posted = await slack.fake.waitFor('chat.postMessage', (call) => slack.fake.calls.indexOf(call) >= from);
    const blocks = posted.body.blocks as { type: string }[];
    expect(blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Det här kan jag', emoji: true } });
    // How to ask, as Slack has it (the Teams card says @Samverkansbot instead).
    expect(visible(blocks).join('\n')).toContain('Skriv /samverkan och ett kommando i gruppens kanal, till exempel "/samverkan plan", eller /rapport för en rapport.');
    expect(blocks.at(-1)).toMatchObject({ type: 'actions' });
    expect(posted.body.text).toBe('Det här kan jag');
  });

  it('answers /samverkan with an unknown word, or nothing, with help', async () => {
    for (const text of ['blomkål', '']) {
      const from = slack.fake.calls.length;
      expect((await slack.send(command('/samverkan', text))).status).toBe(200);
      const posted = await slack.fake.waitFor('chat.postMessage', (call) => slack.fake.calls.indexOf(call) >= from);
      expect(visible(posted.body.blocks)[0]).toBe('Det här kan jag');
    }
  });

  it('opens the settings modal for /samverkan inställningar, built from the settings card', async () => {
    const from = slack.fake.calls.length;
    expect((await slack.send(command('/samverkan', 'inställningar', CHAIR, '123.456.abc'))).status).toBe(200);
    const opened = await slack.fake.waitFor('views.open', (call) => slack.fake.calls.indexOf(call) >= from);
    expect(opened.body.trigger_id).toBe('123.456.abc');
    const view = opened.body.view as Record<string, any>;
    expect(view).toMatchObject({
      type: 'modal',
      callback_id: 'settings',
      title: { text: 'Inställningar' },
      submit: { text: 'Spara' },
      close: { text: 'Avbryt' },
    });
    expect(JSON.parse(view.private_metadata)).toMatchObject({ channel: { platform: 'slack', tenantId: TEAM, channelId: CHANNEL }, context: {} });
    const inputs = (view.blocks as Record<string, any>[]).filter((block) => block.type === 'input');
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
    expect(inputs[0]!.element).toMatchObject({ type: 'plain_text_input', action_id: 'groupName', initial_value: 'samverkan-uddevalla' });
    expect(inputs[1]!.element.options.map((option: any) => option.text.text)).toEqual(['Region', 'Kommun', 'Försäkringskassan', 'Arbetsförmedlingen', 'Brukarorganisation', 'Samordningsförbund']);
    // Region and kommun are huvudmän until the chair says otherwise.
    expect(inputs[2]!.element.options.map((option: any) => option.text.text)).toContain('Samordningsförbund');
  });

  const submission = (values: Record<string, Record<string, unknown>>, user = CHAIR) => slack.submitForm('settings', values, user);

  it('keeps the modal open with the error under the group name when it is missing', async () => {
    const before = await slack.store.groups.list();
    const answer = await slack.send(
      submission({
        groupName: text(null),
        organisations: picked('region', 'kommun'),
        otherOrganisations: text(null),
        officeChannelId: text(null),
      }),
    );
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ response_action: 'errors', errors: { groupName: 'Gruppens namn måste fyllas i.' } });
    expect(await slack.store.groups.list()).toEqual(before);
  });

  it('stores valid settings and announces it in the channel', async () => {
    const from = slack.fake.calls.length;
    const answer = await slack.send(
      submission({
        groupName: text('LSG Uddevalla'),
        organisations: picked('region', 'kommun', 'forsakringskassan'),
        otherOrganisations: text('Samordningsförbundet Väst'),
        officeChannelId: text('C0KANSLI'),
      }),
    );
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('');
    const posted = await slack.fake.waitFor('chat.postMessage', (call) => slack.fake.calls.indexOf(call) >= from);
    expect(posted.body.channel).toBe(CHANNEL);
    expect(visible(posted.body.blocks)).toEqual(['Inställningarna är sparade. Ändrade av Anna Ordförande.']);

    const [group] = await slack.store.groups.list();
    expect(group).toMatchObject({ name: 'LSG Uddevalla', officeChannelId: 'C0KANSLI' });
    const organisations = await slack.store.organisations.list({ groupId: group!.id });
    expect(organisations.map((organisation) => organisation.name).sort()).toEqual(['Försäkringskassan', 'Kommun', 'Region', 'Samordningsförbundet Väst']);
  });

  it('refuses a member who submits the settings modal to them only: chat.postEphemeral, nothing in the channel', async () => {
    const before = await slack.store.groups.list();
    const from = slack.fake.calls.length;
    const answer = await slack.send(
      submission({ groupName: text('Kaparen'), organisations: picked('region'), otherOrganisations: text(null), officeChannelId: text(null) }, MEMBER),
    );
    expect(answer.status).toBe(200);
    const told = await slack.fake.waitFor('chat.postEphemeral', (call) => slack.fake.calls.indexOf(call) >= from);
    expect(told.body).toMatchObject({ channel: CHANNEL, user: MEMBER });
    expect(visible(told.body.blocks)).toEqual([sv.notice.notAllowed.replace('{chairNames}', 'Anna Ordförande')]);
    expect(slack.newCalls(from, 'chat.postMessage')).toEqual([]);
    expect(await slack.store.groups.list()).toEqual(before);
  });

  it('tells a non-convener who asks /rapport, and only them, how reporting works', async () => {
    const from = slack.fake.calls.length;
    expect((await slack.send(command('/rapport', '', MEMBER))).status).toBe(200);
    // A command's private answer goes through its response_url (it works in DMs and private channels too).
    const told = await slack.fake.waitFor('response_url', (call) => slack.fake.calls.indexOf(call) >= from);
    expect(told.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(slack.newCalls(from, 'chat.postEphemeral')).toEqual([]);
    expect(visible(told.body.blocks)).toEqual([sv.notice.reportNoAssignment]);
    expect(told.body.text).toBe(sv.notice.reportNoAssignment);
    expect(slack.newCalls(from, 'chat.postMessage')).toEqual([]);
    const [group] = await slack.store.groups.list();
    // The directory's name (users.info) is stored after the answer, which never waits for it.
    await expect
      .poll(async () => (await slack.store.members.list({ groupId: group!.id })).find((member) => member.platformUserId === MEMBER))
      .toMatchObject({ displayName: 'Bo Ledamot', roles: ['ledamot'] });
  });

  it('refuses the settings to a member who is not chair, in Swedish, to them only', async () => {
    const from = slack.fake.calls.length;
    await slack.send(command('/samverkan', 'inställningar', MEMBER));
    const told = await slack.fake.waitFor('response_url', (call) => slack.fake.calls.indexOf(call) >= from);
    expect(visible(told.body.blocks)).toEqual(['Bara gruppens ordförande eller kansliet kan ändra inställningarna. Kontakta Anna Ordförande.']);
    expect(slack.newCalls(from, 'views.open')).toEqual([]);
  });

  const click = (actionId: string, user = CHAIR, triggerId = 'trigger-click') => slack.clickAction(actionId, user, {}, triggerId);

  it('shows the plan when the "Visa planen" button is clicked', async () => {
    const from = slack.fake.calls.length;
    expect((await slack.send(click('show-plan'))).status).toBe(200);
    const posted = await slack.fake.waitFor('chat.postMessage', (call) => slack.fake.calls.indexOf(call) >= from);
    const texts = visible(posted.body.blocks);
    expect(texts[0]).toBe('Lokal handlingsplan för psykisk hälsa 2026');
    expect(texts).toContain('Gruppen har ingen lokal handlingsplan för 2026 ännu.');
  });

  it('opens the settings modal from the "Inställningar" button with its trigger_id', async () => {
    const from = slack.fake.calls.length;
    await slack.send(click('open-settings', CHAIR, '999.888.button'));
    const opened = await slack.fake.waitFor('views.open', (call) => slack.fake.calls.indexOf(call) >= from);
    expect(opened.body.trigger_id).toBe('999.888.button');
    const groupName = (opened.body.view as any).blocks.find((block: any) => block.block_id === 'groupName');
    expect(groupName.element.initial_value).toBe('LSG Uddevalla');
    const organisations = (opened.body.view as any).blocks.find((block: any) => block.block_id === 'organisations');
    expect(organisations.element.initial_options.map((option: any) => option.value)).toEqual(['region', 'kommun', 'forsakringskassan']);
  });

  it('tells the user about a failure instead of staying silent', async () => {
    slack.fake.failNext('chat.postMessage', 'invalid_blocks');
    const from = slack.fake.calls.length;
    expect((await slack.send(command('/samverkan', 'hjälp'))).status).toBe(200);
    const told = await slack.fake.waitFor('response_url', (call) => slack.fake.calls.indexOf(call) >= from);
    expect(told.body).toMatchObject({ response_type: 'ephemeral', text: sv.errors.generic });
  });
});

describe('Slack request verification', () => {
  const now = () => Math.floor(Date.now() / 1000);

  it.each([
    ['a bad signature', { signature: 'v0=0123456789abcdef' }],
    ['a signature made with another secret', { signature: sign('another-secret', now(), 'x') }],
    ['missing headers', { omitHeaders: true }],
    ['a timestamp 10 minutes old', { timestamp: now() - 600 }],
    ['a timestamp 10 minutes in the future', { timestamp: now() + 600 }],
  ])('rejects %s with 401 and does nothing', async (_name, options) => {
    const from = slack.fake.calls.length;
    const answer = await slack.send(command('/samverkan', 'hjälp'), options);
    expect(answer.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(slack.fake.calls.slice(from)).toEqual([]);
  });

  it('accepts a correctly signed request with a timestamp a little in the future (clock skew)', async () => {
    const from = slack.fake.calls.length;
    expect((await slack.send(command('/samverkan', 'hjälp'), { timestamp: now() + 60 })).status).toBe(200);
    await slack.fake.waitFor('chat.postMessage', (call) => slack.fake.calls.indexOf(call) >= from);
  });
});
