// The Slack side of a contract test in one place: a fake Slack Web API with the test's people and
// channel, the REAL server on a temp SQLite store pointed at it, and helpers that send signed requests
// from that channel exactly as Slack does and wait for what the bot then calls on the Web API.
import type { Config } from '../../src/config.js';
import type { Clock, Store } from '../../src/core/ports.js';
import type { RunningApp } from '../../src/app.js';
import type { Logger } from '../../src/logger.js';
import { startAfter, startAppOnSqlite } from './app-on-sqlite.js';
import { startFakeSlackApi, type FakeSlackApi, type FakeSlackUser, type SlackApiCall } from './fake-slack-api.js';
import {
  buttonClick,
  botJoinedChannel,
  fixture,
  interaction,
  sendToSlackEndpoint,
  slashCommand,
  viewSubmission,
  type SendOptions,
  type SlackPlace,
  type SlackRequest,
} from './slack-requests.js';

export interface SlackHarnessOptions {
  /** Names the temp directory of the database. */
  name: string;
  secret?: string;
  botToken?: string;
  botUserId?: string;
  teamId?: string;
  channelId?: string;
  channelName?: string;
  /** People the fake users.info knows, by user id. */
  users?: Record<string, FakeSlackUser>;
  /** Member ids of the channel for conversations.members. */
  channelMembers?: string[];
  /** Who acts when a helper is given no user (typically the chair). */
  defaultUser?: string;
  /** More environment for loadConfig (e.g. SCHEDULER_ENABLED). */
  env?: Record<string, string>;
  clock?: Clock;
  logger?: Logger;
}

/** A button as the bot posted it in an actions block. */
export type PostedButton = Record<string, any>;
/** A modal as the bot opened it (views.open's view). */
export type OpenedView = Record<string, any>;

export interface SlackHarness {
  app: RunningApp;
  store: Store;
  fake: FakeSlackApi;
  config: Config;
  /** The app's /slack/events URL. */
  endpoint: string;
  /** The test's workspace and channel. */
  place: SlackPlace;
  /** Sends a request signed with the harness's secret (or as `options` say). */
  send(request: SlackRequest, options?: Partial<SendOptions>): ReturnType<typeof sendToSlackEndpoint>;
  /** A slash command typed in the test's channel. */
  command(text: string, user?: string, options?: { command?: string; triggerId?: string }): SlackRequest;
  /** A click on a button exactly as posted (action_id, value and text from the bot's own blocks). */
  click(button: PostedButton, user?: string): SlackRequest;
  /** A click on a button with the given action id and arguments. */
  clickAction(actionId: string, user?: string, args?: Record<string, string>, triggerId?: string): SlackRequest;
  /** Submits an opened modal as it was opened (callback_id, private_metadata, blocks) with the given input states. */
  submitView(view: OpenedView, values: Record<string, Record<string, unknown>>, user?: string): SlackRequest;
  /** A view_submission of `form` with the given input states and form context. */
  submitForm(form: string, values: Record<string, Record<string, unknown>>, user?: string, context?: Record<string, string>): SlackRequest;
  /** Matches calls recorded from index `from` on. */
  after(from: number): (call: SlackApiCall) => boolean;
  /** The calls of `method` recorded from index `from` on. */
  newCalls(from: number, method: string): SlackApiCall[];
  /** Runs `action` and waits for the first call of `method` made after it started that matches `where`. */
  next(method: string, action: () => Promise<unknown>, where?: (call: SlackApiCall) => boolean): Promise<SlackApiCall>;
  /** The bot is added to the channel (the test's unless `channelId`) by `inviter`; resolves when the welcome is posted there. */
  addBotToChannel(inviter: string, channelId?: string): Promise<void>;
  close(): Promise<void>;
}

export const SLACK_SECRET = 'kf93nv0a8s7dfg6hj5kl4';
/** The chair most Slack tests have, as users.info describes her. */
export const ANNA_ORDFORANDE: FakeSlackUser = { name: 'anna', displayName: 'Anna Ordförande', realName: 'Anna Andersson' };

export async function startSlackHarness(options: SlackHarnessOptions): Promise<SlackHarness> {
  const secret = options.secret ?? SLACK_SECRET;
  const teamId = options.teamId ?? 'T111';
  const botUserId = options.botUserId ?? 'U0BOT';
  let joins = 0;
  const place: SlackPlace = { teamId, channelId: options.channelId ?? 'C111', channelName: options.channelName ?? 'samverkan-uddevalla' };
  const fake = await startFakeSlackApi({ botUserId, teamId });
  place.responseUrl = fake.responseUrl;
  for (const [id, user] of Object.entries(options.users ?? {})) fake.users.set(id, user);
  fake.channels.set(place.channelId, place.channelName);
  if (options.channelMembers) fake.channelMembers.set(place.channelId, options.channelMembers);
  const server = await startAfter(fake, () =>
    startAppOnSqlite({
      name: options.name,
      clock: options.clock,
      logger: options.logger,
      env: { SLACK_BOT_TOKEN: options.botToken ?? 'xoxb-test', SLACK_SIGNING_SECRET: secret, SLACK_API_URL: fake.url, ...options.env },
    }),
  );
  const endpoint = `${server.app.url}/slack/events`;

  const send: SlackHarness['send'] = (request, sendOptions = {}) => sendToSlackEndpoint(endpoint, request, { secret, ...sendOptions });
  const actor = (user: string | undefined): string => {
    if (user ?? options.defaultUser) return (user ?? options.defaultUser)!;
    throw new Error('slack harness: no user given and no defaultUser');
  };
  const after = (from: number) => (call: SlackApiCall) => fake.calls.indexOf(call) >= from;

  return {
    app: server.app,
    store: server.store,
    fake,
    config: server.config,
    endpoint,
    place,
    send,
    command(text, user, { command = '/samverkan', triggerId = fake.trigger() } = {}) {
      const id = actor(user);
      return slashCommand({ command, text, team_id: teamId, channel_id: place.channelId, channel_name: place.channelName, user_id: id, user_name: id.toLowerCase(), trigger_id: triggerId, response_url: fake.responseUrl });
    },
    click(button, user) {
      const payload = fixture<Record<string, any>>('bolt-python/block_actions.json');
      payload.user = { ...payload.user, id: actor(user), team_id: teamId };
      payload.team = { ...payload.team, id: teamId };
      payload.channel = { id: place.channelId, name: place.channelName };
      payload.container = { ...payload.container, channel_id: place.channelId, is_ephemeral: false };
      payload.trigger_id = fake.trigger();
      payload.response_url = fake.responseUrl;
      payload.actions = [{ ...payload.actions[0], action_id: button.action_id, block_id: 'b1', value: button.value, text: button.text }];
      return interaction(payload);
    },
    clickAction: (actionId, user, args = {}, triggerId = fake.trigger()) => buttonClick(place, actor(user), actionId, args, triggerId),
    submitView(view, values, user) {
      const payload = fixture<Record<string, any>>('bolt-python/view_submission.json');
      payload.team = { ...payload.team, id: teamId };
      payload.user = { ...payload.user, id: actor(user), team_id: teamId };
      const state = Object.fromEntries(Object.entries(values).map(([id, value]) => [id, { [id]: value }]));
      payload.view = { ...payload.view, callback_id: view.callback_id, private_metadata: view.private_metadata, blocks: view.blocks, state: { values: state } };
      return interaction(payload);
    },
    submitForm: (form, values, user, context = {}) => viewSubmission(place, actor(user), form, values, context),
    after,
    newCalls: (from, method) => fake.calls.slice(from).filter((call) => call.method === method),
    async next(method, action, where = () => true) {
      const from = fake.calls.length;
      await action();
      return fake.waitFor(method, (call) => after(from)(call) && where(call));
    },
    async addBotToChannel(inviter, channelId = place.channelId) {
      // Every join is its own delivery: the bot processes a repeated event_id once (replay protection).
      const eventId = `Ev${(joins += 1).toString().padStart(10, '0')}`;
      await send(botJoinedChannel({ teamId, botUserId, channelId, inviter, eventId }));
      await fake.waitFor('chat.postMessage', (call) => call.body.channel === channelId);
    },
    async close() {
      await server.close();
      await fake.close();
    },
  };
}

/** Every button on a list of blocks (loosely typed, as tests index into them). */
export function blockButtons(blocks: unknown): any[] {
  return (blocks as Record<string, any>[]).filter((block) => block.type === 'actions').flatMap((block) => block.elements);
}

/** The button with the given label; fails naming the labels there are. */
export function blockButton(blocks: unknown, label: string): PostedButton {
  const found = blockButtons(blocks).find((button) => button.text.text === label);
  if (!found) throw new Error(`no button "${label}" among ${blockButtons(blocks).map((button) => button.text.text).join(', ')}`);
  return found;
}

// Input states as Slack sends them in view_submission.
export const textInput = (value: string | null) => ({ type: 'plain_text_input', value });
export const datePicked = (value: string | null) => ({ type: 'datepicker', selected_date: value });
export const timePicked = (value: string | null) => ({ type: 'timepicker', selected_time: value });
const option = (value: string) => ({ text: { type: 'plain_text', text: value }, value });
export const radioPicked = (value: string) => ({ type: 'radio_buttons', selected_option: option(value) });
export const selectPicked = (value: string | null) => ({ type: 'static_select', selected_option: value ? option(value) : null });
export const multiSelectPicked = (values: string[]) => ({ type: 'multi_static_select', selected_options: values.map(option) });
export const checkboxesPicked = (...values: string[]) => ({ type: 'checkboxes', selected_options: values.map(option) });
