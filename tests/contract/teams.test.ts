// Contract test of the Teams edge: the REAL server (startApp) on a loopback port with the REAL SQLite
// store, driven over HTTP with activities shaped like Teams', replies recorded by a fake Bot Connector.
// Assertions are on what a user would see (Swedish card texts) and on what the store kept.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Store } from '../../src/core/ports.js';
import { cardMessage, createTeamsEdge, sendProactive } from '../../src/adapters/teams/index.js';
import { renderCard } from '../../src/cards/render-card.js';
import { createBot } from '../../src/core/bot.js';
import { format } from '../../src/i18n/index.js';
import { sv } from '../../src/i18n/sv.js';
import { createLogger } from '../../src/logger.js';
import { collectCardTexts, startFakeBotConnector, visibleTexts, type FakeBotConnector, type PostedActivity } from '../support/fake-bot-connector.js';
import { createInMemoryStore } from '../support/in-memory-store.js';
import {
  BOT,
  CHAIR,
  MEMBER,
  TENANT_ID,
  botInstalled,
  cardExecute,
  cardSubmit,
  groupChat,
  installationUpdate,
  message,
  personalChat,
  teamChannel,
  type TeamsConversation,
} from '../support/teams-activities.js';
import { ADAPTIVE_CARD as CARD, byVerb, cardOf, expectValidCard, field, postActivity, startTeamsHarness, type TeamsHarness } from '../support/teams-harness.js';

const logger = createLogger('silent');

/** A validated config on a free loopback port, through the same checks as in production. */
function testConfig(env: Record<string, string>) {
  return loadConfig({ PORT: '0', LOG_LEVEL: 'silent', ...env });
}

const PLAN_TITLE = /^Lokal handlingsplan för psykisk hälsa \d{4}$/;

describe('Teams over HTTP: real server, real SQLite store, fake Bot Connector', () => {
  let teams: TeamsHarness;
  let connector: FakeBotConnector;
  let store: Store;
  let url: (conversation: TeamsConversation) => string;
  const channel = teamChannel({ teamName: 'Samverkan Uddevalla' });
  const post = (activity: unknown) => teams.post(activity);

  beforeAll(async () => {
    // The channel most tests talk in; the install test below uses its own channel.
    teams = await startTeamsHarness({ name: 'teams', channel, roster: [{ ...CHAIR, givenName: 'Anna', surname: 'Ordförande' }] });
    expect(teams.config.teams.localMode).toBe(true);
    ({ connector, store } = teams);
    url = () => connector.serviceUrl;
  });

  afterAll(() => teams?.close());

  beforeEach(() => connector.clear());

  async function groupOf(conversation: TeamsConversation) {
    const link = await store.channels.findByAddress('teams', TENANT_ID, conversation.id);
    return link ? { link, group: (await store.groups.get(link.groupId))! } : null;
  }

  describe('install', () => {
    it('registers the team channel as a group, names the installer ordförande and posts the welcome card once', async () => {
      const fresh = teamChannel({ teamName: 'Samverkan Munkedal' });
      expect(await groupOf(fresh)).toBeNull();

      const answer = await post(botInstalled(fresh, url(fresh), CHAIR));
      expect(answer.status).toBe(200);

      expect(connector.posts).toHaveLength(1);
      const [welcome] = connector.posts;
      expect(welcome!.conversationId).toBe(fresh.id);
      const card = cardOf(welcome);
      expectValidCard(card);
      const texts = collectCardTexts(card);
      expect(texts).toContain('Hej Samverkan Munkedal! Jag är Samverkansbot.');
      // Teams sends the install without the installer's name: the bot looked it up in the roster.
      expect(texts).toContain(
        'Jag har registrerat kanalen som samverkansgruppen "Samverkan Munkedal". Anna Ordförande är ordförande tills ni ändrar det.',
      );
      expect(texts).toContain(sv.welcome.privacy);
      expect(welcome!.activity.summary).toBe('Hej Samverkan Munkedal! Jag är Samverkansbot.');

      const registered = await groupOf(fresh);
      expect(registered?.group.name).toBe('Samverkan Munkedal');
      const reference = JSON.parse(registered!.link.conversationReference!);
      expect(reference).toMatchObject({ serviceUrl: connector.serviceUrl, channelId: 'msteams', conversation: { id: fresh.id }, bot: { id: BOT.id } });
      const members = await store.members.list({ groupId: registered!.group.id });
      expect(members.map((member) => [member.displayName, member.platformUserId, member.roles])).toEqual([
        ['Anna Ordförande', CHAIR.aadObjectId, ['ordforande']],
      ]);

      // Teams' second signal for the same install: no second greeting, no second group.
      const groupsBefore = (await store.groups.list()).length;
      expect((await post(installationUpdate(fresh, url(fresh), CHAIR))).status).toBe(200);
      expect(connector.posts).toHaveLength(1);
      expect((await store.groups.list()).length).toBe(groupsBefore);
    });

    it('handles both install signals arriving at once without creating two groups or greeting twice', async () => {
      const fresh = teamChannel({ teamName: 'Samverkan Sotenäs' });
      const groupsBefore = (await store.groups.list()).length;
      const answers = await Promise.all([
        post(installationUpdate(fresh, url(fresh), CHAIR)),
        post(botInstalled(fresh, url(fresh), CHAIR)),
      ]);
      expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
      expect((await store.groups.list()).length).toBe(groupsBefore + 1);
      expect(connector.posts).toHaveLength(1);
      expect(collectCardTexts(cardOf(connector.posts[0]))).toContain('Hej Samverkan Sotenäs! Jag är Samverkansbot.');
    });

    it('names a group chat after the chat', async () => {
      const chat = groupChat('LSG Lysekil');
      await post(botInstalled(chat, url(chat), CHAIR));
      expect(collectCardTexts(cardOf(connector.posts[0]))).toContain('Hej LSG Lysekil! Jag är Samverkansbot.');
      expect((await groupOf(chat))?.group.name).toBe('LSG Lysekil');
    });

    it('greets a personal install with what the chat is for and the person\'s tasks, and registers no group', async () => {
      const chat = personalChat(MEMBER);
      await post({ ...botInstalled(chat, url(chat), MEMBER), from: { id: MEMBER.id, name: MEMBER.name, aadObjectId: MEMBER.aadObjectId } });
      const card = cardOf(connector.posts[0]);
      expectValidCard(card);
      const texts = collectCardTexts(card);
      expect(texts.slice(0, 2)).toEqual([sv.myTasks.title, format(sv.myTasks.welcome, { name: MEMBER.name })]);
      expect(byVerb(card, 'show-help').title).toBe(sv.common.buttons.help);
      expect(await groupOf(chat)).toBeNull();
    });
  });

  describe('typed commands', () => {
    it('answers "@Samverkansbot hjälp" in the thread with the Swedish help card', async () => {
      const activity = message(channel, url(channel), CHAIR, 'hjälp');
      const answer = await post(activity);
      expect(answer.status).toBe(200);

      expect(connector.posts).toHaveLength(1);
      const [reply] = connector.posts;
      // A reply to the message, in its thread.
      expect(reply!.replyToId).toBe(activity.id);
      expect(reply!.conversationId).toBe(`${channel.id};messageid=${activity.id as string}`);
      const card = cardOf(reply);
      expectValidCard(card);
      const texts = collectCardTexts(card);
      expect(texts).toContain('Det här kan jag');
      expect(texts).toContain('inställningar');
      expect(texts).toContain('Gruppens namn, parter, medlemmar och kanslikanal.');
      expect(reply!.activity.summary).toBe('Det här kan jag');
      expect(card.actions.map((action: { title: string }) => action.title)).toEqual(['Visa planen', 'Sammanfattning', 'Rapportera', 'Inställningar']);
    });

    it('answers text it does not understand with the help card instead of silence', async () => {
      await post(message(channel, url(channel), MEMBER, 'vad är klockan?'));
      expect(connector.posts).toHaveLength(1);
      expect(collectCardTexts(cardOf(connector.posts[0]))).toContain('Det här kan jag');
    });

    it('opens the settings form for the chair on "inställningar", filled with the current values', async () => {
      await post(message(channel, url(channel), CHAIR, 'Inställningar'));
      const card = cardOf(connector.posts[0]);
      expectValidCard(card);
      expect(collectCardTexts(card)).toContain('Inställningar för samverkansgruppen');
      expect(field(card, 'groupName').input).toMatchObject({ type: 'Input.Text', label: 'Gruppens namn', value: 'Samverkan Uddevalla' });
      expect(card.actions[0]).toMatchObject({ type: 'Action.Execute', verb: 'settings', title: 'Spara' });
    });

    it('refuses the settings to a member who is not ordförande, naming the chair', async () => {
      await post(message(channel, url(channel), MEMBER, 'inställningar'));
      expect(visibleTexts(connector.posts[0]!.activity)).toContain(
        'Bara gruppens ordförande eller kansliet kan ändra inställningarna. Kontakta Anna Ordförande.',
      );
    });

    it('answers a group command in the personal chat for the person\'s group', async () => {
      const chat = personalChat(MEMBER);
      await post(message(chat, url(chat), MEMBER, 'plan'));
      const texts = collectCardTexts(cardOf(connector.posts[0]));
      expect(texts).not.toContain(sv.notice.personalChat);
      expect(texts.join('\n')).toContain('Lokal handlingsplan');
    });

    it('returns the replies in the HTTP response with deliveryMode expectReplies', async () => {
      const answer = await post({ ...message(channel, url(channel), CHAIR, 'hjälp'), deliveryMode: 'expectReplies' });
      expect(answer.status).toBe(200);
      expect(connector.posts).toHaveLength(0);
      const activities = answer.body.activities as PostedActivity['activity'][];
      expect(activities).toHaveLength(1);
      expect(visibleTexts(activities[0]!)).toContain('Det här kan jag');
    });
  });

  describe('card buttons', () => {
    it('Action.Submit { action: "show-plan" } posts the plan card', async () => {
      await post(cardSubmit(channel, url(channel), CHAIR, { action: 'show-plan' }));
      expect(connector.posts).toHaveLength(1);
      const card = cardOf(connector.posts[0]);
      expectValidCard(card);
      const texts = collectCardTexts(card);
      expect(texts.some((text) => PLAN_TITLE.test(text))).toBe(true);
      expect(texts.some((text) => /^Gruppen har ingen lokal handlingsplan för \d{4} ännu\.$/.test(text))).toBe(true);
    });

    it('Action.Execute of a button answers in the invoke response and posts nothing', async () => {
      const answer = await post(cardExecute(channel, url(channel), CHAIR, 'show-plan', { action: 'show-plan' }));
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ statusCode: 200, type: CARD });
      expect(collectCardTexts(answer.body.value).some((text) => PLAN_TITLE.test(text))).toBe(true);
      expect(connector.posts).toHaveLength(0);
    });

    it('Action.Execute settings with an empty group name re-renders the form with the error and every typed value', async () => {
      const before = (await groupOf(channel))!.group;
      const typed = {
        form: 'settings',
        groupName: '   ',
        organisations: 'region,kommun,forsakringskassan',
        otherOrganisations: 'Samordningsförbundet Väst',
        officeChannelId: '19:kansli@thread.tacv2',
      };
      const answer = await post(cardExecute(channel, url(channel), CHAIR, 'settings', typed));

      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ statusCode: 200, type: CARD });
      const card = answer.body.value;
      expectValidCard(card);
      expect(field(card, 'groupName').messages).toEqual(['Gruppens namn måste fyllas i.']);
      expect(field(card, 'organisations')).toMatchObject({ input: { value: 'region,kommun,forsakringskassan' }, messages: [] });
      expect(field(card, 'otherOrganisations')).toMatchObject({ input: { value: 'Samordningsförbundet Väst' }, messages: [] });
      expect(field(card, 'officeChannelId')).toMatchObject({ input: { value: '19:kansli@thread.tacv2' }, messages: [] });
      expect(connector.posts).toHaveLength(0);
      // Nothing was saved.
      expect((await groupOf(channel))!.group).toMatchObject({ name: before.name, officeChannelId: before.officeChannelId });
      expect(await store.organisations.list({ groupId: before.id })).toEqual([]);
    });

    it('Action.Execute settings with valid values saves them and answers with the confirmation', async () => {
      const answer = await post(
        cardExecute(channel, url(channel), CHAIR, 'settings', {
          form: 'settings',
          groupName: 'LSG psykisk hälsa Uddevalla',
          organisations: 'region,kommun',
          otherOrganisations: 'Samordningsförbundet Väst',
          officeChannelId: '',
        }),
      );
      expect(answer.status).toBe(200);
      expect(collectCardTexts(answer.body.value)).toEqual(['Inställningarna är sparade. Ändrade av Anna Ordförande.']);

      const { group } = (await groupOf(channel))!;
      expect(group.name).toBe('LSG psykisk hälsa Uddevalla');
      const organisations = await store.organisations.list({ groupId: group.id });
      expect(organisations.map((organisation) => [organisation.kind, organisation.name]).sort()).toEqual([
        ['annan', 'Samordningsförbundet Väst'],
        ['kommun', 'Kommun'],
        ['region', 'Region'],
      ]);
    });

    it('Action.Submit of the settings form takes the same path as Action.Execute', async () => {
      await post(cardSubmit(channel, url(channel), CHAIR, { form: 'settings', groupName: '', organisations: 'region,kommun' }));
      const card = cardOf(connector.posts[0]);
      expect(field(card, 'groupName').messages).toEqual(['Gruppens namn måste fyllas i.']);
    });

    it('answers an unknown Action.Execute verb with a Universal Actions error response', async () => {
      const answer = await post(cardExecute(channel, url(channel), CHAIR, 'delete-everything', {}));
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({
        statusCode: 400,
        type: 'application/vnd.microsoft.error',
        value: { code: 'BadRequest', message: format(sv.errors.unknownAction, { verb: 'delete-everything' }) },
      });
      expect(connector.posts).toHaveLength(0);
    });
  });

  describe('proactive posts', () => {
    it('sendProactive posts a new message to the channel with the stored ConversationReference', async () => {
      const edge = createTeamsEdge({ config: testConfig({}), bot: createBot(botDeps(store)), logger });
      const { link } = (await groupOf(channel))!;
      const notice = cardMessage(renderCard('notice', { t: sv, text: 'Påminnelse: möte i morgon.' }));

      const response = await sendProactive(edge.adapter, edge.appId, link.conversationReference!, notice);

      expect(connector.posts).toHaveLength(1);
      expect(response?.id).toBe(connector.posts[0]!.id);
      expect(connector.posts[0]).toMatchObject({ conversationId: channel.id, replyToId: null });
      expect(visibleTexts(connector.posts[0]!.activity)).toContain('Påminnelse: möte i morgon.');
    });

    it('lets the caller see a 429 from the connector instead of swallowing it', async () => {
      const edge = createTeamsEdge({ config: testConfig({}), bot: createBot(botDeps(store)), logger });
      const { link } = (await groupOf(channel))!;
      connector.failNext({ status: 429, times: 10, retryAfterSeconds: 0 });
      await expect(sendProactive(edge.adapter, edge.appId, link.conversationReference!, { type: 'message', text: 'x' })).rejects.toMatchObject({
        statusCode: 429,
      });
      // Not even the generic error message reached the channel.
      expect(connector.posts).toHaveLength(0);
    });
  });
});

function botDeps(store: Store) {
  return { store, clock: { now: () => new Date() }, defaults: { locale: 'sv' as const, timeZone: 'Europe/Stockholm' } };
}

describe('Teams over HTTP: failures', () => {
  let connector: FakeBotConnector;
  let app: RunningApp;

  beforeAll(async () => {
    connector = await startFakeBotConnector();
    // The database is down: every lookup fails, so every turn fails.
    const healthy = createInMemoryStore();
    const broken: Store = {
      ...healthy,
      channels: {
        ...healthy.channels,
        findByAddress: () => Promise.reject(new Error('database unreachable')),
        findGroupByAddress: () => Promise.reject(new Error('database unreachable')),
      },
    };
    app = await startApp({ config: testConfig({}), store: broken, logger });
  });

  afterAll(async () => {
    await app?.close();
    await connector?.close();
  });

  it('tells the user something went wrong when a message turn fails', async () => {
    const channel = teamChannel();
    const answer = await postActivity(app.url, message(channel, connector.serviceUrl, CHAIR, 'plan'));
    expect(answer.status).toBe(200);
    expect(connector.posts.map((posted) => visibleTexts(posted.activity))).toEqual([[sv.errors.generic]]);
  });

  it('answers a failing Action.Execute with an error response that keeps the card', async () => {
    const channel = teamChannel();
    const answer = await postActivity(app.url, cardExecute(channel, connector.serviceUrl, CHAIR, 'settings', { form: 'settings', groupName: 'X' }));
    expect(answer.status).toBe(500);
    expect(answer.body).toEqual({
      statusCode: 500,
      type: 'application/vnd.microsoft.error',
      value: { code: 'InternalServerError', message: sv.errors.generic },
    });
  });
});

describe('Teams over HTTP: with MICROSOFT_APP_ID set', () => {
  let connector: FakeBotConnector;
  let app: RunningApp;

  beforeAll(async () => {
    connector = await startFakeBotConnector();
    const config = testConfig({
      MICROSOFT_APP_ID: '11111111-2222-3333-4444-555555555555',
      MICROSOFT_APP_PASSWORD: 'not-a-real-secret',
      PUBLIC_BASE_URL: 'https://samverkansbot.example.se',
    });
    expect(config.teams.localMode).toBe(false);
    app = await startApp({ config, store: createInMemoryStore(), logger });
  });

  afterAll(async () => {
    await app?.close();
    await connector?.close();
  });

  it('answers 401 to a request without a Bot Framework token and runs no turn', async () => {
    const channel = teamChannel();
    const answer = await postActivity(app.url, message(channel, connector.serviceUrl, CHAIR, 'hjälp'));
    expect(answer.status).toBe(401);
    expect(connector.posts).toHaveLength(0);
  });

  it('answers 401 to an install without a token as well', async () => {
    const channel = teamChannel();
    const answer = await postActivity(app.url, botInstalled(channel, connector.serviceUrl, CHAIR));
    expect(answer.status).toBe(401);
    expect(connector.posts).toHaveLength(0);
  });
});
