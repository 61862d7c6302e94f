// Contract test of the Slack edge: the REAL server (startApp) on a loopback port with the REAL SQLite
// store, driven over HTTP exactly as Slack drives it (signed requests, Slack's content types, bodies from
// Slack's own payload samples), with Web API calls answered and recorded by a local fake Slack API.
// Assertions are on what people would see (Swedish texts in blocks and modals) and on what the store kept.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Store } from '../../src/core/ports.js';
import { migrateDatabase } from '../../src/adapters/db/migrate.js';
import { createStore } from '../../src/adapters/db/prisma-store.js';
import { sv } from '../../src/i18n/sv.js';
import { createLogger } from '../../src/logger.js';
import { fixedClock } from '../support/fixed-clock.js';
import { startFakeSlackApi, type FakeSlackApi, type SlackApiCall } from '../support/fake-slack-api.js';
import { eventCallback, fixture, interaction, sendToSlackEndpoint, sign, slashCommand, type SlackRequest } from '../support/slack-requests.js';

const SECRET = 'kf93nv0a8s7dfg6hj5kl4';
const TEAM = 'T111';
const CHANNEL = 'C111';
const CHAIR = 'U0CHAIR';
const MEMBER = 'U0MEMBER';

let fake: FakeSlackApi;
let app: RunningApp;
let store: Store;
let dir: string;
let endpoint: string;

beforeAll(async () => {
  fake = await startFakeSlackApi({ botUserId: 'U0BOT', teamId: TEAM });
  fake.users.set(CHAIR, { name: 'anna', displayName: 'Anna Ordförande', realName: 'Anna Andersson' });
  fake.users.set(MEMBER, { name: 'bo', displayName: '', realName: 'Bo Ledamot' });
  fake.channels.set(CHANNEL, 'samverkan-uddevalla');
  dir = mkdtempSync(join(tmpdir(), 'samverkansbot-slack-'));
  const databaseUrl = `file:${join(dir, 'slack.db')}`;
  await migrateDatabase(databaseUrl);
  store = createStore(databaseUrl);
  const config = loadConfig({
    PORT: '0',
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.url,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'silent',
  });
  expect(config.slack.mode).toBe('http');
  app = await startApp({ config, store, logger: createLogger('silent'), clock: fixedClock('2026-11-25T09:00:00Z') });
  endpoint = `${app.url}/slack/events`;
});

afterAll(async () => {
  await app?.close();
  await store?.close();
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const send = (request: SlackRequest, options: { timestamp?: number; signature?: string; omitHeaders?: boolean } = {}) =>
  sendToSlackEndpoint(endpoint, request, { secret: SECRET, ...options });

const command = (name: string, text: string, user = CHAIR, triggerId = `trigger-${Math.random()}`) =>
  slashCommand({ command: name, text, team_id: TEAM, channel_id: CHANNEL, channel_name: 'samverkan-uddevalla', user_id: user, user_name: user.toLowerCase(), trigger_id: triggerId });

/** Every text a person sees in a list of blocks (headers, sections, fields, context, buttons, labels). */
function visible(blocks: unknown): string[] {
  const texts: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (!value || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    if ((record.type === 'plain_text' || record.type === 'mrkdwn') && typeof record.text === 'string') texts.push(record.text);
    Object.values(record).forEach(walk);
  };
  walk(blocks);
  return texts;
}

const newCalls = (from: number, method: string): SlackApiCall[] => fake.calls.slice(from).filter((call) => call.method === method);
const toChannel = (call: SlackApiCall) => call.body.channel === CHANNEL;

describe('Slack over HTTP', () => {
  it('answers url_verification with the challenge', async () => {
    const body = fixture('bolt-python/url_verification.json');
    const answer = await send(eventCallback(body));
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ challenge: body.challenge });
  });

  it('registers the group and posts the Swedish welcome when the bot is added to a channel', async () => {
    const body = fixture<Record<string, any>>('docs/event_member_joined_channel.json');
    body.team_id = TEAM;
    body.event = { ...body.event, user: 'U0BOT', channel: CHANNEL, team: TEAM, inviter: CHAIR };
    const from = fake.calls.length;
    const answer = await send(eventCallback(body));
    expect(answer.status).toBe(200);

    const posted = await fake.waitFor('chat.postMessage', (call) => toChannel(call) && visible(call.body.blocks).some((text) => text.startsWith('Hej ')));
    expect(posted.token).toBe('xoxb-test');
    const texts = visible(posted.body.blocks);
    expect(texts[0]).toBe('Hej samverkan-uddevalla! Jag är Samverkansbot.');
    expect(texts.join('\n')).toContain('Anna Ordförande är ordförande');
    expect(texts).toEqual(expect.arrayContaining([sv.common.buttons.settings, sv.common.buttons.plan, sv.common.buttons.help]));
    expect(posted.body.text).toBe('Hej samverkan-uddevalla! Jag är Samverkansbot.');
    expect(newCalls(from, 'conversations.info')).toHaveLength(1);

    const groups = await store.groups.list();
    expect(groups.map((group) => group.name)).toEqual(['samverkan-uddevalla']);
    const members = await store.members.list({ groupId: groups[0]!.id });
    expect(members).toMatchObject([{ platformUserId: CHAIR, displayName: 'Anna Ordförande', roles: ['ordforande'] }]);
  });

  it('ignores other people joining the channel', async () => {
    const body = fixture<Record<string, any>>('docs/event_member_joined_channel.json');
    body.event = { ...body.event, user: MEMBER, channel: CHANNEL, team: TEAM, inviter: CHAIR };
    const from = fake.calls.length;
    expect((await send(eventCallback(body))).status).toBe(200);
    // A request that does post afterwards proves the join was processed and posted nothing.
    await send(command('/samverkan', 'hjälp'));
    await fake.waitFor('chat.postMessage', (call) => fake.calls.indexOf(call) >= from);
    expect(newCalls(from, 'chat.postMessage')).toHaveLength(1);
    expect(visible(newCalls(from, 'chat.postMessage')[0]!.body.blocks)[0]).toBe(sv.help.title);
  });

  it('answers an @-mention "hjälp" with the help card in the channel', async () => {
    const body = fixture<Record<string, any>>('bolt-python/event_app_mention.json');
    body.team_id = TEAM;
    body.event = { ...body.event, text: '<@U0BOT> hjälp', user: CHAIR, channel: CHANNEL, team: TEAM };
    const from = fake.calls.length;
    expect((await send(eventCallback(body))).status).toBe(200);
    const posted = await fake.waitFor('chat.postMessage', (call) => fake.calls.indexOf(call) >= from);
    expect(posted.body.channel).toBe(CHANNEL);
    expect(visible(posted.body.blocks)).toEqual(expect.arrayContaining([sv.help.title, '*hjälp*\nVisar den här hjälpen.']));
  });

  it('acks /samverkan hjälp at once and posts the help card with Swedish text', async () => {
    const from = fake.calls.length;
    const answer = await send(command('/samverkan', 'hjälp'));
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('');
    const posted = await fake.waitFor('chat.postMessage', (call) => fake.calls.indexOf(call) >= from);
    const blocks = posted.body.blocks as { type: string }[];
    expect(blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Det här kan jag', emoji: true } });
    expect(visible(blocks).join('\n')).toContain('/samverkan &lt;kommando&gt; eller /rapport');
    expect(blocks.at(-1)).toMatchObject({ type: 'actions' });
    expect(posted.body.text).toBe('Det här kan jag');
  });

  it('answers /samverkan with an unknown word, or nothing, with help', async () => {
    for (const text of ['blomkål', '']) {
      const from = fake.calls.length;
      expect((await send(command('/samverkan', text))).status).toBe(200);
      const posted = await fake.waitFor('chat.postMessage', (call) => fake.calls.indexOf(call) >= from);
      expect(visible(posted.body.blocks)[0]).toBe('Det här kan jag');
    }
  });

  it('opens the settings modal for /samverkan inställningar, built from the settings card', async () => {
    const from = fake.calls.length;
    expect((await send(command('/samverkan', 'inställningar', CHAIR, '123.456.abc'))).status).toBe(200);
    const opened = await fake.waitFor('views.open', (call) => fake.calls.indexOf(call) >= from);
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
      ['organisations', 'Huvudmän (samverkansparter)'],
      ['otherOrganisations', 'Övriga parter, en per rad'],
      ['officeChannelId', 'Kanslikanal som tar emot planer och slutrapporter (kanal-id)'],
      ['standingItemHoursBefore', 'Stående punkt, timmar före mötet'],
      ['summaryHoursBefore', 'Sammanfattning till ordförande, timmar före mötet'],
      ['planningDayReminder', 'Påminnelse om planeringsdag i januari'],
    ]);
    expect(inputs[0]!.element).toMatchObject({ type: 'plain_text_input', action_id: 'groupName', initial_value: 'samverkan-uddevalla' });
    expect(inputs[1]!.element.options.map((option: any) => option.text.text)).toEqual(['Region', 'Kommun', 'Försäkringskassan', 'Arbetsförmedlingen', 'Brukarorganisation']);
  });

  const submission = (values: Record<string, Record<string, unknown>>, user = CHAIR) => {
    const payload = fixture<Record<string, any>>('bolt-python/view_submission.json');
    payload.team = { ...payload.team, id: TEAM };
    payload.user = { ...payload.user, id: user, team_id: TEAM };
    payload.view = {
      ...payload.view,
      callback_id: 'settings',
      private_metadata: JSON.stringify({
        channel: { platform: 'slack', tenantId: TEAM, channelId: CHANNEL, channelName: 'samverkan-uddevalla', conversationReference: null, isPersonal: false },
        context: {},
      }),
      blocks: Object.keys(values).map((id) => ({ type: 'input', block_id: id, label: { type: 'plain_text', text: id }, element: { type: 'plain_text_input', action_id: id } })),
      state: { values },
    };
    return interaction(payload);
  };
  const text = (value: string | null) => ({ type: 'plain_text_input', value });
  const picked = (...values: string[]) => ({ type: 'checkboxes', selected_options: values.map((value) => ({ text: { type: 'plain_text', text: value }, value })) });

  it('keeps the modal open with the error under the group name when it is missing', async () => {
    const before = await store.groups.list();
    const answer = await send(
      submission({
        groupName: { groupName: text(null) },
        organisations: { organisations: picked('region', 'kommun') },
        otherOrganisations: { otherOrganisations: text(null) },
        officeChannelId: { officeChannelId: text(null) },
      }),
    );
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ response_action: 'errors', errors: { groupName: 'Gruppens namn måste fyllas i.' } });
    expect(await store.groups.list()).toEqual(before);
  });

  it('stores valid settings and announces it in the channel', async () => {
    const from = fake.calls.length;
    const answer = await send(
      submission({
        groupName: { groupName: text('LSG Uddevalla') },
        organisations: { organisations: picked('region', 'kommun', 'forsakringskassan') },
        otherOrganisations: { otherOrganisations: text('Samordningsförbundet Väst') },
        officeChannelId: { officeChannelId: text('C0KANSLI') },
      }),
    );
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('');
    const posted = await fake.waitFor('chat.postMessage', (call) => fake.calls.indexOf(call) >= from);
    expect(posted.body.channel).toBe(CHANNEL);
    expect(visible(posted.body.blocks)).toEqual(['Inställningarna är sparade. Ändrade av Anna Ordförande.']);

    const [group] = await store.groups.list();
    expect(group).toMatchObject({ name: 'LSG Uddevalla', officeChannelId: 'C0KANSLI' });
    const organisations = await store.organisations.list({ groupId: group!.id });
    expect(organisations.map((organisation) => organisation.name).sort()).toEqual(['Försäkringskassan', 'Kommun', 'Region', 'Samordningsförbundet Väst']);
  });

  it('tells a non-convener who asks /rapport, and only them, how reporting works', async () => {
    const from = fake.calls.length;
    expect((await send(command('/rapport', '', MEMBER))).status).toBe(200);
    const told = await fake.waitFor('chat.postEphemeral', (call) => fake.calls.indexOf(call) >= from);
    expect(told.body).toMatchObject({ channel: CHANNEL, user: MEMBER });
    expect(visible(told.body.blocks)).toEqual([sv.notice.reportNoAssignment]);
    expect(told.body.text).toBe(sv.notice.reportNoAssignment);
    expect(newCalls(from, 'chat.postMessage')).toEqual([]);
    const [group] = await store.groups.list();
    expect((await store.members.list({ groupId: group!.id })).find((member) => member.platformUserId === MEMBER)).toMatchObject({ displayName: 'Bo Ledamot', roles: ['ledamot'] });
  });

  it('refuses the settings to a member who is not chair, in Swedish, to them only', async () => {
    const from = fake.calls.length;
    await send(command('/samverkan', 'inställningar', MEMBER));
    const told = await fake.waitFor('chat.postEphemeral', (call) => fake.calls.indexOf(call) >= from);
    expect(visible(told.body.blocks)).toEqual(['Bara gruppens ordförande eller kansliet kan ändra inställningarna. Kontakta Anna Ordförande.']);
    expect(newCalls(from, 'views.open')).toEqual([]);
  });

  const click = (actionId: string, user = CHAIR, triggerId = 'trigger-click') => {
    const payload = fixture<Record<string, any>>('bolt-python/block_actions.json');
    payload.user = { ...payload.user, id: user, team_id: TEAM };
    payload.team = { ...payload.team, id: TEAM };
    payload.channel = { id: CHANNEL, name: 'samverkan-uddevalla' };
    payload.container = { ...payload.container, channel_id: CHANNEL, is_ephemeral: false };
    payload.trigger_id = triggerId;
    payload.actions = [{ ...payload.actions[0], action_id: actionId, block_id: 'b1', value: JSON.stringify({ action: actionId }) }];
    return interaction(payload);
  };

  it('shows the plan when the "Visa planen" button is clicked', async () => {
    const from = fake.calls.length;
    expect((await send(click('show-plan'))).status).toBe(200);
    const posted = await fake.waitFor('chat.postMessage', (call) => fake.calls.indexOf(call) >= from);
    const texts = visible(posted.body.blocks);
    expect(texts[0]).toBe('Lokal handlingsplan för psykisk hälsa 2026');
    expect(texts).toContain('Gruppen har ingen lokal handlingsplan för 2026 ännu.');
  });

  it('opens the settings modal from the "Inställningar" button with its trigger_id', async () => {
    const from = fake.calls.length;
    await send(click('open-settings', CHAIR, '999.888.button'));
    const opened = await fake.waitFor('views.open', (call) => fake.calls.indexOf(call) >= from);
    expect(opened.body.trigger_id).toBe('999.888.button');
    const groupName = (opened.body.view as any).blocks.find((block: any) => block.block_id === 'groupName');
    expect(groupName.element.initial_value).toBe('LSG Uddevalla');
    const organisations = (opened.body.view as any).blocks.find((block: any) => block.block_id === 'organisations');
    expect(organisations.element.initial_options.map((option: any) => option.value)).toEqual(['region', 'kommun', 'forsakringskassan']);
  });

  it('tells the user about a failure instead of staying silent', async () => {
    fake.failNext('chat.postMessage', 'channel_not_found');
    const from = fake.calls.length;
    expect((await send(command('/samverkan', 'hjälp'))).status).toBe(200);
    const told = await fake.waitFor('chat.postEphemeral', (call) => fake.calls.indexOf(call) >= from);
    expect(told.body).toMatchObject({ channel: CHANNEL, user: CHAIR, text: sv.errors.generic });
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
    const from = fake.calls.length;
    const answer = await send(command('/samverkan', 'hjälp'), options);
    expect(answer.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fake.calls.slice(from)).toEqual([]);
  });

  it('accepts a correctly signed request with a timestamp a little in the future (clock skew)', async () => {
    const from = fake.calls.length;
    expect((await send(command('/samverkan', 'hjälp'), { timestamp: now() + 60 })).status).toBe(200);
    await fake.waitFor('chat.postMessage', (call) => fake.calls.indexOf(call) >= from);
  });
});
