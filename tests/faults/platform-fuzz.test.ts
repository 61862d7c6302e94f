// Property-based fuzzing of what the platforms post to the running server: random Slack bodies to
// /slack/events (signed correctly, and malformed or unsigned) and random Bot Framework activities to
// /api/messages, over real HTTP against the real app on SQLite, with the fake Slack Web API and the fake
// Bot Connector at the edge. The server never dies, never answers 5xx without an error in its log (pino
// output captured here), and where a person can see an answer, something is said to them.
// fast-check prints the seed on failure; FUZZ_SEED=<seed> replays it.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUTTON_ACTIONS, FORMS } from '../../src/core/events.js';
import { format } from '../../src/i18n/index.js';
import { sv } from '../../src/i18n/sv.js';
import { createLogger } from '../../src/logger.js';
import { SLASH_COMMANDS } from '../../src/adapters/slack/listeners/commands/index.js';
import { SUBSCRIBED_EVENTS } from '../../src/adapters/slack/listeners/events/index.js';
import { startAppOnSqlite, startAfter, type AppOnSqlite } from '../support/app-on-sqlite.js';
import { startFakeBotConnector, type FakeBotConnector } from '../support/fake-bot-connector.js';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.js';
import { buttonClick, eventCallback, fixture, interaction, sendToSlackEndpoint, slashCommand, type SlackRequest } from '../support/slack-requests.js';
import { CHAIR, botInstalled, cardExecute, cardSubmit, message, taskInvoke, teamChannel } from '../support/teams-activities.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const SECRET = 'fuzz-signing-secret-0123456789';
const TEAM = 'T0FUZZ';
const CHANNEL = 'C0FUZZ';

interface LogLine {
  level: number;
  msg?: string;
  [key: string]: unknown;
}

const logLines: LogLine[] = [];
let slackApi: FakeSlackApi;
let connector: FakeBotConnector;
let server: AppOnSqlite;

beforeAll(async () => {
  slackApi = await startFakeSlackApi({ botUserId: 'U0BOT', teamId: TEAM });
  slackApi.users.set('U0CHAIR', { name: 'anna', displayName: 'Anna Ordförande', realName: 'Anna Andersson' });
  slackApi.channels.set(CHANNEL, 'samverkan-fuzz');
  connector = await startAfter(slackApi, () => startFakeBotConnector());
  const logger = createLogger('info', { write: (line: string) => void logLines.push(JSON.parse(line) as LogLine) });
  server = await startAfter({ close: async () => (await slackApi.close(), await connector.close()) }, () =>
    startAppOnSqlite({ name: 'platform-fuzz', logger, env: { SLACK_BOT_TOKEN: 'xoxb-fuzz', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slackApi.url, SCHEDULER_ENABLED: 'false' } }),
  );
});

afterAll(async () => {
  await server?.close();
  await connector?.close();
  await slackApi?.close();
});

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Lets handlers that run after the HTTP answer (Slack acks buttons first) finish: waits until neither the
 * log nor the fakes have heard anything new for a moment.
 */
async function settle(): Promise<void> {
  const heard = () => logLines.length + slackApi.calls.length + connector.attempts.length;
  for (let last = -1, rounds = 0; heard() !== last && rounds < 50; rounds += 1) {
    last = heard();
    await sleep(60);
  }
}

const ERROR = 50;

/** The request's status with the log lines written while it ran. */
async function observe(send: () => Promise<number>): Promise<{ status: number; lines: LogLine[] }> {
  const from = logLines.length;
  const status = await send();
  await settle();
  return { status, lines: logLines.slice(from) };
}

const WARN = 40;

/** A 500 comes with an error in the log; another 5xx (501: an invoke the bot does not implement) with a warning at least. */
function expectNoSilent5xx(result: { status: number; lines: LogLine[] }): void {
  if (result.status >= 500) {
    const needed = result.status === 500 ? ERROR : WARN;
    expect(result.lines.some((line) => line.level >= needed), `HTTP ${result.status} with a matching line in the log`).toBe(true);
  }
}

// ---- Arbitraries -------------------------------------------------------------------------------------

const nasty = fc.constantFrom('', ' ', 'hjälp', 'rapport', 'plan', 'möten 2026-13-01', '<@U0BOT> rapport', "'; DROP TABLE x; --", '\u0000', 'Å'.repeat(5000), '{"a":1}', '__proto__');
const someText = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }), nasty);
/** Any JSON value, shallow: wrong types where strings are expected. */
const anyJson = fc.oneof(someText, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(someText, { maxLength: 3 }), fc.dictionary(someText, someText, { maxKeys: 3 }));
const idLike = fc.oneof(fc.constantFrom(TEAM, CHANNEL, 'U0CHAIR', 'U0OTHER', 'T0OTHER', 'C0OTHER', ''), someText);
const buttonId = fc.oneof(fc.constantFrom(...BUTTON_ACTIONS), someText);
const formId = fc.oneof(fc.constantFrom(...FORMS), someText);

// Only the commands, callbacks and events the Slack app manifest registers: Slack sends no others, and Bolt
// leaves an unregistered one unanswered for 3 s before it logs and fails it (too slow to fuzz by the dozen).
const slashBody = fc.record({ command: fc.constantFrom(...SLASH_COMMANDS), text: someText, team_id: idLike, channel_id: idLike, user_id: idLike }).map((fields) =>
  slashCommand({ ...fields, channel_name: 'samverkan-fuzz', user_name: 'anna', trigger_id: 'trigger.fuzz' }),
);

const blockActions = fc.record({ action: buttonId, value: fc.oneof(someText, anyJson.map((v) => JSON.stringify(v))), user: idLike, team: idLike, channel: idLike }).map(({ action, value, user, team, channel }) => {
  const payload = fixture<Record<string, any>>('bolt-python/block_actions.json');
  payload.user = { ...payload.user, id: user, team_id: team };
  payload.team = { ...payload.team, id: team };
  payload.channel = { id: channel, name: 'samverkan-fuzz' };
  payload.container = { ...payload.container, channel_id: channel, is_ephemeral: false };
  payload.trigger_id = 'trigger.fuzz';
  payload.actions = [{ ...payload.actions[0], action_id: action, block_id: 'b1', value }];
  return interaction(payload);
});

const viewState = fc.dictionary(
  someText,
  fc.dictionary(
    someText,
    fc.oneof(
      fc.record({ type: fc.constant('plain_text_input'), value: anyJson }),
      fc.record({ type: fc.constant('static_select'), selected_option: fc.oneof(fc.constant(null), fc.record({ value: anyJson })) }),
      fc.record({ type: fc.constant('multi_static_select'), selected_options: fc.oneof(fc.array(fc.record({ value: anyJson }), { maxLength: 3 }), anyJson) }),
      fc.record({ type: fc.constant('datepicker'), selected_date: anyJson }),
      anyJson,
    ),
    { maxKeys: 3 },
  ),
  { maxKeys: 4 },
);

const metadata = fc.oneof(
  fc.record({ channel: fc.record({ platform: fc.constant('slack'), tenantId: idLike, channelId: idLike }), context: fc.dictionary(someText, anyJson, { maxKeys: 3 }) }).map((m) => JSON.stringify(m)),
  someText,
);

const viewSubmission = fc.record({ type: fc.constantFrom('view_submission', 'view_closed'), callback: fc.constantFrom(...FORMS), metadata, state: viewState, user: idLike, team: idLike }).map(({ type, callback, metadata: privateMetadata, state, user, team }) => {
  const payload = fixture<Record<string, any>>('bolt-python/view_submission.json');
  payload.type = type;
  payload.team = { ...payload.team, id: team };
  payload.user = { ...payload.user, id: user, team_id: team };
  payload.view = { ...payload.view, callback_id: callback, private_metadata: privateMetadata, state: { values: state }, blocks: [{ type: 'input', block_id: 'progressText', element: { type: 'plain_text_input', action_id: 'progressText' }, label: { type: 'plain_text', text: 'x' } }] };
  return interaction(payload);
});

const eventBody = fc.record({ type: fc.constantFrom(...SUBSCRIBED_EVENTS), text: someText, user: idLike, channel: idLike, team: idLike, extra: anyJson }).map(({ type, text, user, channel, team, extra }) =>
  eventCallback({ token: 'x', team_id: team, api_app_id: 'A0FUZZ', type: 'event_callback', event_id: `Ev${Math.random()}`, event_time: 1, event: { type, text, user, channel, team, ts: '1.000', extra } }),
);

// Bodies that are not Slack requests at all. (Well-formed JSON of no known type, such as `true` or `{}`, is
// left out: Bolt waits its 3 s for a listener before it logs and answers 404, and only Slack could sign it.)
const malformed: fc.Arbitrary<SlackRequest> = fc.oneof(
  someText.map((body) => ({ body: `payload=${encodeURIComponent(`{${body}`)}`, contentType: 'application/x-www-form-urlencoded' as const })),
  fc.constant({ body: 'null', contentType: 'application/json' as const }),
  someText.map((body) => ({ body: `{${body}`, contentType: 'application/json' as const })),
);

type Kind = 'command' | 'button' | 'view' | 'event' | 'malformed';
const tagged = (kind: Kind, arbitrary: fc.Arbitrary<SlackRequest>) => arbitrary.map((request) => ({ kind, request }));
const slackRequest = fc.oneof(tagged('command', slashBody), tagged('button', blockActions), tagged('view', viewSubmission), tagged('event', eventBody), tagged('malformed', malformed));

/** Slack Web API methods that put something in front of a person. */
const TELLS = ['chat.postEphemeral', 'chat.postMessage', 'views.open', 'views.update', 'views.push'];

// ---- Properties --------------------------------------------------------------------------------------

describe('fuzzing the platform endpoints', () => {
  it('Slack: signed random bodies never crash the server or fail silently', async () => {
    await fc.assert(
      fc.asyncProperty(slackRequest, async ({ kind, request }) => {
        const from = slackApi.calls.length;
        let answer: { status: number; text: string } = { status: 0, text: '' };
        const result = await observe(async () => (answer = await sendToSlackEndpoint(`${server.app.url}/slack/events`, request, { secret: SECRET })).status);
        expectNoSilent5xx(result);
        // Bolt's own "not acknowledged within 3 seconds" line: Slack shows the person that failure itself.
        const failed = result.lines.filter((line) => line.level >= ERROR && !String(line.msg).includes('not acknowledged within 3 seconds'));
        const why = JSON.stringify(failed.map((line) => [line.msg, line.what, (line.err as { message?: string } | undefined)?.message]));
        // A failure the bot logged reached the person where Slack shows one: in the open modal (the HTTP
        // answer to a submission) or as a message for a command, a button or a mention.
        if (failed.length > 0 && kind === 'view' && request.body.includes('view_submission')) {
          const told = answer.text.includes('response_action') || slackApi.calls.slice(from).some((call) => TELLS.includes(call.method));
          expect(told, `a failed submission was told to the person: ${why}`).toBe(true);
        }
        if (failed.length > 0 && (kind === 'command' || kind === 'button' || kind === 'event')) {
          // Slack itself tells the person when a command or button gets an HTTP error ("failed with …").
          const told = answer.status >= 400 || answer.text.trim() !== '' || slackApi.calls.slice(from).some((call) => TELLS.includes(call.method));
          expect(told, `a logged failure was told to the person: ${why}`).toBe(true);
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
    expect((await fetch(`${server.app.url}/healthz`)).status).toBe(200);
  }, 120_000);

  it('Slack: unsigned, badly signed or stale requests are refused with 401 and nothing runs', async () => {
    await fc.assert(
      fc.asyncProperty(slackRequest, fc.constantFrom('none', 'wrong', 'stale'), async ({ request }, how) => {
        const from = slackApi.calls.length;
        const now = Math.floor(Date.now() / 1000);
        const status = (
          await sendToSlackEndpoint(`${server.app.url}/slack/events`, request, {
            secret: how === 'wrong' ? 'another-secret' : SECRET,
            omitHeaders: how === 'none',
            timestamp: how === 'stale' ? now - 600 : now,
          })
        ).status;
        expect(status).toBe(401);
        await settle();
        expect(slackApi.calls.slice(from)).toEqual([]);
      }),
      { numRuns: Math.ceil(RUNS / 2), seed: SEED },
    );
  }, 120_000);

  it('Teams: random activities never crash the server or fail silently', async () => {
    const channel = teamChannel({ teamName: 'Samverkan Fuzz' });
    expect((await fetch(`${server.app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(botInstalled(channel, connector.serviceUrl, CHAIR)) })).status).toBe(200);
    const activity = fc.oneof(
      someText.map((text) => message(channel, connector.serviceUrl, CHAIR, text)),
      fc.dictionary(someText, anyJson, { maxKeys: 4 }).chain((data) =>
        fc.oneof(buttonId, formId).map((id) => cardSubmit(channel, connector.serviceUrl, CHAIR, { ...data, action: id, form: id })),
      ),
      fc.tuple(fc.oneof(buttonId, formId), fc.dictionary(someText, anyJson, { maxKeys: 4 })).map(([verb, data]) => cardExecute(channel, connector.serviceUrl, CHAIR, verb, { ...data, action: verb, form: verb })),
      // Dialogs: an opener's task/fetch and a dialog's task/submit.
      fc.tuple(fc.constantFrom('task/fetch' as const, 'task/submit' as const), fc.oneof(buttonId, formId), fc.dictionary(someText, anyJson, { maxKeys: 4 })).map(([name, id, data]) =>
        taskInvoke(channel, connector.serviceUrl, CHAIR, name, { ...data, action: id, form: id }),
      ),
      // Valid envelope, random insides: wrong types and missing parts where the SDK and adapter expect them.
      fc.record({ type: fc.oneof(fc.constantFrom('message', 'invoke', 'conversationUpdate', 'installationUpdate', 'messageReaction', 'typing', 'event'), someText), name: anyJson, text: anyJson, value: anyJson, channelData: anyJson, conversationType: fc.constantFrom('channel', 'groupChat', 'personal', 'x') }).map(
        ({ type, name, text, value, channelData, conversationType }) => {
          const base = message(channel, connector.serviceUrl, CHAIR, 'hjälp') as Record<string, any>;
          return { ...base, type, name, text, value, channelData, conversation: { ...base.conversation, conversationType } };
        },
      ),
    );
    const body = fc.oneof(
      { weight: 4, arbitrary: activity.map((value) => JSON.stringify(value)) },
      { weight: 1, arbitrary: anyJson.map((value) => JSON.stringify(value)) },
      { weight: 1, arbitrary: someText },
    );
    await fc.assert(
      fc.asyncProperty(body, async (raw) => {
        connector.clear();
        const result = await observe(async () => (await fetch(`${server.app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: raw })).status);
        expectNoSilent5xx(result);
        expect(connector.unhandled).toEqual([]);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    expect((await fetch(`${server.app.url}/healthz`)).status).toBe(200);
  }, 120_000);

  // What the fuzzing found, kept as plain examples.
  describe('found by fuzzing', () => {
    const place = { teamId: TEAM, channelId: 'C0FOUND', channelName: 'samverkan-hittat' };
    const send = (request: SlackRequest) => sendToSlackEndpoint(`${server.app.url}/slack/events`, request, { secret: SECRET });

    it('Slack: a chair of a group with no analysis round can open "Lägg till aktivitet" (the empty area list broke the modal)', async () => {
      slackApi.users.set('U0FOUNDER', { name: 'fia', displayName: 'Fia Ordförande', realName: 'Fia Ek' });
      const from = slackApi.calls.length;
      // Fia invites the bot: the group is registered with her as ordförande.
      const joined = fixture<Record<string, any>>('docs/event_member_joined_channel.json');
      joined.team_id = place.teamId;
      joined.event = { ...joined.event, user: 'U0BOT', channel: place.channelId, team: place.teamId, inviter: 'U0FOUNDER' };
      expect((await send(eventCallback(joined))).status).toBe(200);
      await slackApi.waitFor('chat.postMessage', (call) => slackApi.calls.indexOf(call) >= from);
      const errorsBefore = logLines.filter((line) => line.level >= ERROR).length;
      const opened = slackApi.calls.length;
      expect((await send(buttonClick(place, 'U0FOUNDER', 'open-activity', { activityId: '' }, 'trigger.activity'))).status).toBe(200);
      const view = await slackApi.waitFor('views.open', (call) => slackApi.calls.indexOf(call) >= opened);
      expect((view.body.view as { callback_id: string }).callback_id).toBe('activity');
      expect(logLines.filter((line) => line.level >= ERROR)).toHaveLength(errorsBefore);
    });

    it('Slack: a button this version does not know is answered at once and explained', async () => {
      const from = slackApi.calls.length;
      const started = Date.now();
      expect((await send(buttonClick(place, 'U0FOUNDER', 'open-old-thing'))).status).toBe(200);
      expect(Date.now() - started).toBeLessThan(2_000);
      const told = await slackApi.waitFor('chat.postEphemeral', (call) => slackApi.calls.indexOf(call) >= from);
      expect(told.body).toMatchObject({ channel: place.channelId, user: 'U0FOUNDER', text: format(sv.errors.unknownAction, { verb: 'open-old-thing' }) });
    });

    it('Slack: a closed modal with unreadable private_metadata is acknowledged and logged as a warning, not an error', async () => {
      const payload = fixture<Record<string, any>>('bolt-python/view_submission.json');
      payload.type = 'view_closed';
      payload.view = { ...payload.view, callback_id: 'progress-report', private_metadata: 'not json' };
      const result = await observe(async () => (await send(interaction(payload))).status);
      expect(result.status).toBe(200);
      expect(result.lines.map((line) => [line.level, line.msg])).toEqual([[WARN, 'slack: a closed modal carried unreadable private_metadata; no draft kept']]);
    });

    it('Teams: a body that is not an activity gets 400 (an empty one used to get 500) and one warning, no stack trace', async () => {
      for (const body of ['', '{', '[1,2]', 'null']) {
        const result = await observe(async () => {
          const response = await fetch(`${server.app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
          expect(await response.text()).not.toMatch(/\n\s+at /);
          return response.status;
        });
        expect(result.status, body).toBe(400);
        expect(result.lines.map((line) => line.level), body).toEqual([WARN]);
      }
    });

    it('Teams: an invoke the bot does not implement gets 501 and a warning in the log', async () => {
      const activity = { ...message(teamChannel(), connector.serviceUrl, CHAIR, 'x'), type: 'invoke', name: 'composeExtension/query', value: {} };
      const result = await observe(async () => (await fetch(`${server.app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) })).status);
      expect(result.status).toBe(501);
      expect(result.lines.map((line) => [line.level, line.msg, line.invokeName])).toEqual([[WARN, 'teams: invoke not supported', 'composeExtension/query']]);
    });

    it('Teams: a dialog invoke naming nothing the bot knows is answered in the dialog, with a warning in the log', async () => {
      const activity = { ...message(teamChannel(), connector.serviceUrl, CHAIR, 'x'), type: 'invoke', name: 'task/fetch', value: {} };
      let body: unknown;
      const result = await observe(async () => {
        const response = await fetch(`${server.app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
        body = await response.json();
        return response.status;
      });
      expect(result.status).toBe(200);
      expect(body).toEqual({ task: { type: 'message', value: sv.errors.unknownAction } });
      expect(result.lines.map((line) => [line.level, line.msg])).toEqual([[WARN, 'teams: dialog invoke naming no known button or form']]);
    });
  });
});
