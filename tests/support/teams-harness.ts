// The Teams side of a contract test in one place: a fake Bot Connector with the test's roster, the REAL
// server on a temp SQLite store, the bot installed in the test's channel, and helpers that post
// Teams-shaped activities to /api/messages and read back the cards people would see.
import { expect } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import type { Config } from '../../src/config.js';
import type { Clock, Store } from '../../src/core/ports.js';
import { parserProblems, schemaProblems } from './adaptive-card-checks.js';
import { startAfter, startAppOnSqlite } from './app-on-sqlite.js';
import { personalConversationId, startFakeBotConnector, type FakeBotConnector, type PostedActivity, type RosterMember } from './fake-bot-connector.js';
import { sv } from '../../src/i18n/sv.js';
import { CHAIR, botInstalled, cardExecute, message, postActivity, taskInvoke, teamChannel, type HttpAnswer, type TeamsConversation, type TeamsUser } from './teams-activities.js';

export { postActivity, type HttpAnswer };

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
/** Universal Actions message response: a text only the person who pressed sees; the card stays. */
export const MESSAGE_RESPONSE = 'application/vnd.microsoft.activity.message';

/** The only card of a posted message; fails the test when the message is not exactly one Adaptive Card. */
export function cardOf(posted: PostedActivity | undefined): Record<string, any> {
  expect(posted, 'a message was posted to the connector').toBeDefined();
  const attachments = posted!.activity.attachments ?? [];
  expect(attachments.map((attachment) => attachment.contentType)).toEqual([ADAPTIVE_CARD]);
  return attachments[0]!.content as Record<string, any>;
}

/**
 * The input with the given id in the card's body and the TextBlocks that follow it until the next input:
 * all of them (`messages`) and the error ones, shown in the Attention colour (`errors`).
 */
export function field(card: Record<string, any>, id: string): { input: Record<string, any>; messages: string[]; errors: string[] } {
  const body = card.body as Record<string, any>[];
  const index = body.findIndex((node) => node.id === id);
  expect(index, `input ${id}`).toBeGreaterThanOrEqual(0);
  const following: Record<string, any>[] = [];
  for (const node of body.slice(index + 1)) {
    if (String(node.type).startsWith('Input.')) break;
    if (node.type === 'TextBlock') following.push(node);
  }
  return {
    input: body[index]!,
    messages: following.map((node) => node.text),
    errors: following.filter((node) => node.color === 'Attention').map((node) => node.text),
  };
}

/** The card passes the adaptivecards parser and the official 1.5 schema. */
export function expectValidCard(card: unknown): void {
  expect(parserProblems(card)).toEqual([]);
  expect(schemaProblems(card)).toEqual([]);
}

function collect(node: unknown, keep: (record: Record<string, any>) => boolean): Record<string, any>[] {
  const found: Record<string, any>[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (!value || typeof value !== 'object') return;
    const record = value as Record<string, any>;
    if (keep(record)) found.push(record);
    Object.values(record).forEach(walk);
  };
  walk(node);
  return found;
}

const typeStartsWith = (prefix: string) => (record: Record<string, any>) => typeof record.type === 'string' && record.type.startsWith(prefix);

/** Every action of a card, in card-level actions and ActionSets alike. */
export function cardActions(card: unknown): Record<string, any>[] {
  return collect(card, typeStartsWith('Action.'));
}

/** Every input under `node` (a card or part of one), nested ones included. */
export function cardInputs(node: unknown): Record<string, any>[] {
  return collect(node, typeStartsWith('Input.'));
}

/** The inputs of a card's body by id. */
export function inputsById(card: Record<string, any>): Record<string, any> {
  return Object.fromEntries(cardInputs(card.body).map((input) => [input.id, input]));
}

/** The action with the given verb; fails naming the verbs there are. */
export function byVerb(card: unknown, verb: string): Record<string, any> {
  const found = cardActions(card).find((action) => action.verb === verb);
  if (!found) throw new Error(`no action ${verb} among ${cardActions(card).map((action) => action.verb).join(', ')}`);
  return found;
}

/** A dialog as Teams shows it (the `continue` answer to task/fetch or task/submit). */
export interface TeamsDialog {
  title: string;
  width: unknown;
  height: unknown;
  card: Record<string, any>;
}

/** The dialog of a task/fetch or task/submit answer; fails the test when the answer is not one with a valid card. */
export function dialogOf(answer: HttpAnswer): TeamsDialog {
  expect(answer.status).toBe(200);
  expect(answer.body?.task?.type, JSON.stringify(answer.body)).toBe('continue');
  const { title, width, height, card } = answer.body.task.value;
  expect(card.contentType).toBe(ADAPTIVE_CARD);
  expectValidCard(card.content);
  expect(typeof title).toBe('string');
  return { title, width, height, card: card.content };
}

/** The text Teams shows in place of the dialog (a `message` answer). */
export function dialogMessageOf(answer: HttpAnswer): string {
  expect(answer.status).toBe(200);
  expect(answer.body?.task?.type, JSON.stringify(answer.body)).toBe('message');
  expect(typeof answer.body.task.value).toBe('string');
  return answer.body.task.value as string;
}

/** Where and by whom a dialog button is pressed: the harness's channel and CHAIR unless said. */
export interface DialogPress {
  user?: TeamsUser;
  in?: TeamsConversation;
}

export interface TeamsHarnessOptions {
  /** Names the temp directory of the database. */
  name: string;
  /** Where the bot is installed and the helpers talk; a new team channel by default. */
  channel?: TeamsConversation;
  /** People the connector's roster knows. */
  roster?: RosterMember[];
  /** Who installs the bot in the channel at start; CHAIR by default, null for no install. */
  installer?: TeamsUser | null;
  /** More environment for loadConfig (e.g. SCHEDULER_ENABLED); TEAMS_DIALOGS is false unless set here. */
  env?: Record<string, string>;
  clock?: Clock;
}

export interface TeamsHarness {
  app: RunningApp;
  store: Store;
  connector: FakeBotConnector;
  config: Config;
  channel: TeamsConversation;
  post(activity: unknown, headers?: Record<string, string>): Promise<HttpAnswer>;
  /** Types `text` to the bot in the channel and returns the card of the one message it posts in answer. */
  say(text: string, user?: TeamsUser): Promise<Record<string, any>>;
  /**
   * Types `text` in the channel for an answer that concerns the asker only: the channel gets the neutral
   * line and nothing else, the card arrives in the asker's personal chat with the bot; returns that card.
   */
  askPrivately(text: string, user?: TeamsUser, line?: string): Promise<Record<string, any>>;
  /**
   * Presses an Action.Execute in the channel whose answer is a form the presser fills in for themselves: the
   * presser gets a message (the pressed card stays), the form arrives in their personal chat; returns it.
   */
  openPrivately(action: Record<string, any>, user?: TeamsUser): Promise<Record<string, any>>;
  /**
   * Action.Execute of `verb` with `data` pressed on a card in `user`'s personal chat that acts for the
   * channel's group (its data names the channel, as the bot marks such cards): the raw invoke response.
   */
  invokePrivately(user: TeamsUser, verb: string, data: Record<string, unknown>): Promise<HttpAnswer>;
  /** What was posted in the channel (its threads included) since the last clear. */
  channelPosts(): PostedActivity[];
  /** Presses an Action.Execute of a card in `user`'s personal chat with the bot. */
  pressPrivately(action: Record<string, any>, inputs?: Record<string, string>, user?: TeamsUser): Promise<Record<string, any>>;
  /**
   * Action.Execute of `verb` with `data` answered for the presser only: a message response (the card stays
   * unchanged) and nothing posted in the channel; returns the message.
   */
  executeForPresser(user: TeamsUser, verb: string, data: Record<string, unknown>): Promise<string>;
  /** Presses an Action.Execute as it is on the card, answered for the presser only (see executeForPresser). */
  pressForPresser(action: Record<string, any>, inputs?: Record<string, string>, user?: TeamsUser): Promise<string>;
  /** Presses a dialog opener as it is on a card (an Action.Submit asking for task/fetch): the raw invoke answer. */
  fetchDialog(action: Record<string, any>, press?: DialogPress): Promise<HttpAnswer>;
  /** Presses a button of an open dialog (task/submit) with the typed inputs merged in: the raw invoke answer. */
  submitDialog(action: Record<string, any>, inputs?: Record<string, string>, press?: DialogPress): Promise<HttpAnswer>;
  /** Action.Execute of `verb` with `data`: the raw invoke response. */
  invoke(user: TeamsUser, verb: string, data: Record<string, unknown>): Promise<HttpAnswer>;
  /** Action.Execute answered with a valid card (the one Teams puts in place of the pressed one). */
  execute(user: TeamsUser, verb: string, data: Record<string, unknown>): Promise<Record<string, any>>;
  /** Presses an Action.Execute exactly as it is on the card, with typed input values merged in. */
  press(action: Record<string, any>, inputs?: Record<string, string>, user?: TeamsUser): Promise<Record<string, any>>;
  close(): Promise<void>;
}

export async function startTeamsHarness(options: TeamsHarnessOptions): Promise<TeamsHarness> {
  const channel = options.channel ?? teamChannel();
  const connector = await startFakeBotConnector();
  for (const person of options.roster ?? []) connector.addMember(person);
  // These tests press forms inline (Action.Execute), the fallback for clients without dialogs; the dialogs
  // themselves (the default) are driven by teams-dialogs.test.ts with TEAMS_DIALOGS on.
  const server = await startAfter(connector, () =>
    startAppOnSqlite({ name: options.name, clock: options.clock, env: { TEAMS_DIALOGS: 'false', ...options.env } }),
  );
  const post: TeamsHarness['post'] = (activity, headers) => postActivity(server.app.url, activity, headers);
  const invoke: TeamsHarness['invoke'] = (user, verb, data) => post(cardExecute(channel, connector.serviceUrl, user, verb, data));
  const execute: TeamsHarness['execute'] = async (user, verb, data) => {
    const answer = await invoke(user, verb, data);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ statusCode: 200, type: ADAPTIVE_CARD });
    expectValidCard(answer.body.value);
    return answer.body.value;
  };
  const harness: TeamsHarness = {
    app: server.app,
    store: server.store,
    connector,
    config: server.config,
    channel,
    post,
    async say(text, user = CHAIR) {
      connector.clear();
      expect((await post(message(channel, connector.serviceUrl, user, text))).status).toBe(200);
      expect(connector.posts).toHaveLength(1);
      return cardOf(connector.posts[0]);
    },
    async askPrivately(text, user = CHAIR, line = sv.notice.sentPrivately) {
      connector.clear();
      expect((await post(message(channel, connector.serviceUrl, user, text))).status).toBe(200);
      const inChannel = harness.channelPosts();
      expect(inChannel.map((posted) => ({ text: posted.activity.text, attachments: posted.activity.attachments ?? [] }))).toEqual([
        { text: line, attachments: [] },
      ]);
      const personal = connector.postsIn(personalConversationId(user.id));
      expect(personal).toHaveLength(1);
      return cardOf(personal[0]);
    },
    async openPrivately(action, user = CHAIR) {
      expect(action.type).toBe('Action.Execute');
      connector.clear();
      const answer = await invoke(user, action.verb, action.data);
      expect(answer.body).toEqual({ statusCode: 200, type: MESSAGE_RESPONSE, value: sv.notice.formSentPrivately });
      expect(harness.channelPosts(), 'nothing in the channel').toEqual([]);
      const personal = connector.postsIn(personalConversationId(user.id));
      expect(personal).toHaveLength(1);
      return cardOf(personal[0]);
    },
    invokePrivately(user, verb, data) {
      const chat: TeamsConversation = { kind: 'personal', id: personalConversationId(user.id) };
      return post(cardExecute(chat, connector.serviceUrl, user, verb, { ...data, originChannelId: channel.id }));
    },
    channelPosts: () => connector.posts.filter((posted) => posted.conversationId.split(';')[0] === channel.id),
    async pressPrivately(action, inputs = {}, user = CHAIR) {
      expect(action.type).toBe('Action.Execute');
      const chat: TeamsConversation = { kind: 'personal', id: personalConversationId(user.id) };
      const answer = await post(cardExecute(chat, connector.serviceUrl, user, action.verb, { ...action.data, ...inputs }));
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ statusCode: 200, type: ADAPTIVE_CARD });
      expectValidCard(answer.body.value);
      return answer.body.value;
    },
    async executeForPresser(user, verb, data) {
      connector.clear();
      const answer = await invoke(user, verb, data);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ statusCode: 200, type: MESSAGE_RESPONSE });
      expect(typeof answer.body.value).toBe('string');
      expect(harness.channelPosts(), 'nothing in the channel').toEqual([]);
      return answer.body.value as string;
    },
    pressForPresser(action, inputs = {}, user = CHAIR) {
      expect(action.type).toBe('Action.Execute');
      return harness.executeForPresser(user, action.verb, { ...action.data, ...inputs });
    },
    fetchDialog(action, { user = CHAIR, in: where = channel } = {}) {
      expect(action).toMatchObject({ type: 'Action.Submit', data: { msteams: { type: 'task/fetch' } } });
      expect(action.verb).toBeUndefined();
      return post(taskInvoke(where, connector.serviceUrl, user, 'task/fetch', action.data));
    },
    submitDialog(action, inputs = {}, { user = CHAIR, in: where = channel } = {}) {
      // Universal Actions do not run in dialogs: every button there is a plain Action.Submit.
      expect(action.type).toBe('Action.Submit');
      expect(action.data?.msteams).toBeUndefined();
      return post(taskInvoke(where, connector.serviceUrl, user, 'task/submit', { ...action.data, ...inputs }));
    },
    invoke,
    execute,
    press(action, inputs = {}, user = CHAIR) {
      expect(action.type).toBe('Action.Execute');
      return execute(user, action.verb, { ...action.data, ...inputs });
    },
    async close() {
      await server.close();
      await connector.close();
    },
  };
  const installer = options.installer === undefined ? CHAIR : options.installer;
  if (installer) {
    const installed = await startAfter(harness, () => post(botInstalled(channel, connector.serviceUrl, installer)));
    if (installed.status !== 200) await harness.close();
    expect(installed.status, 'the bot was installed').toBe(200);
  }
  return harness;
}
