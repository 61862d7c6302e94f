// Contract test (issue 15): Slack answers that never wait and always reach the person. The REAL server with
// the REAL SQLite store over HTTP, signed requests as Slack sends them, and the fake Web API behaving as
// Slack does where it matters: trigger_ids good once and for 3 s, channel_not_found for posts where the bot
// is not a member, 429 with Retry-After, 5xx, and slow answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { format } from '../../src/i18n/index.js';
import { sv } from '../../src/i18n/sv.js';
import { TRIGGER_TTL_MS } from '../support/fake-slack-api.js';
import { fixedClock } from '../support/fixed-clock.js';
import { eventCallback, fixture, interaction, slashCommand, visibleBlockTexts as visible } from '../support/slack-requests.js';
import { ANNA_ORDFORANDE, startSlackHarness, textInput as text, type SlackHarness } from '../support/slack-harness.js';

const TEAM = 'T111';
const CHANNEL = 'C0ACKS';
const CHAIR = 'U0CHAIR';

let slack: SlackHarness;
/** A person the bot has not looked up yet (its directory caches names), one per test. */
let people = 0;
function newPerson(name: string): string {
  const id = `U0P${(people += 1).toString().padStart(3, '0')}`;
  slack.fake.users.set(id, { name: name.toLowerCase().replace(/\s.*/, ''), displayName: name, realName: name });
  return id;
}

beforeAll(async () => {
  slack = await startSlackHarness({
    name: 'slack-acks',
    teamId: TEAM,
    channelId: CHANNEL,
    channelName: 'lsg-acks',
    users: { [CHAIR]: ANNA_ORDFORANDE },
    defaultUser: CHAIR,
    env: { SCHEDULER_ENABLED: 'false' },
    clock: fixedClock('2026-11-25T09:00:00Z'),
  });
  await slack.addBotToChannel(CHAIR);
});
afterAll(() => slack?.close());

/** A command typed somewhere else than the test's channel (a DM between people, a private channel). */
function commandIn(channelId: string, channelName: string, user: string, words: string) {
  return slashCommand({ command: '/samverkan', text: words, team_id: TEAM, channel_id: channelId, channel_name: channelName, user_id: user, user_name: 'anna', trigger_id: slack.fake.trigger(), response_url: slack.fake.responseUrl });
}

describe('slash commands answer through their response_url', () => {
  it('reaches the person in a DM between people and in a private channel the bot is not in', async () => {
    for (const [channelId, name] of [
      ['D0PEOPLE', 'directmessage'],
      ['G0HIDDEN', 'privategroup'],
    ] as const) {
      const from = slack.fake.calls.length;
      expect((await slack.send(commandIn(channelId, name, CHAIR, 'hjälp'))).status).toBe(200);
      const answer = await slack.fake.waitFor('response_url', slack.after(from));
      expect(answer.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
      expect(visible(answer.body.blocks)[0], channelId).toBe(sv.help.title);
      // Whatever the Web API was asked there failed as Slack's does; nothing else reached anyone.
      for (const call of [...slack.newCalls(from, 'chat.postMessage'), ...slack.newCalls(from, 'chat.postEphemeral')]) expect(call.answer).toMatchObject({ ok: false, error: 'channel_not_found' });
    }
  });

  it('reaches the person in a public channel the bot is not in (not_in_channel), even with users.info refused (missing_scope)', async () => {
    slack.fake.outside.add('C0ELSEWHERE');
    slack.fake.missingScope('users.info', 'users:read');
    const from = slack.fake.calls.length;
    await slack.send(commandIn('C0ELSEWHERE', 'annan-kanal', newPerson('Erik Utanför'), 'hjälp'));
    const answer = await slack.fake.waitFor('response_url', slack.after(from));
    expect(visible(answer.body.blocks)[0]).toBe(sv.help.title);
    expect(slack.newCalls(from, 'chat.postMessage').map((call) => call.answer)).toEqual([{ ok: false, error: 'not_in_channel' }]);
    slack.fake.missingScope('users.info', null);
  });

  it("gives the group's private answers (refusals, the chair's summary) through the response_url, not chat.postEphemeral", async () => {
    const member = newPerson('Bo Ledamot');
    const from = slack.fake.calls.length;
    await slack.send(slack.command('inställningar', member));
    const refused = await slack.fake.waitFor('response_url', slack.after(from));
    expect(visible(refused.body.blocks).join(' ')).toContain('Bara gruppens ordförande eller kansliet kan ändra inställningarna');
    const summary = await slack.next('response_url', () => slack.send(slack.command('sammanfattning')));
    expect(visible(summary.body.blocks).join('\n')).toContain('Inför mötet');
    expect(slack.newCalls(from, 'chat.postEphemeral')).toEqual([]);
  });
});

describe('acks that never wait for Slack', () => {
  it('acknowledges a modal submission while users.info is slower than 3 s, and stores the real name afterwards', async () => {
    const member = newPerson('Cecilia Långsam');
    slack.fake.delay('users.info', 4_000, 1);
    const from = slack.fake.calls.length;
    const started = Date.now();
    const answer = await slack.send(slack.submitForm('settings', { groupName: text('Kapad') }, member));
    expect(Date.now() - started, 'acknowledged at once').toBeLessThan(2_000);
    expect(answer.status).toBe(200);
    // A member who is not chair: the modal closes and they alone are told why.
    const refused = await slack.fake.waitFor('chat.postEphemeral', slack.after(from));
    expect(refused.body.user).toBe(member);
    expect(visible(refused.body.blocks).join(' ')).toContain('Bara gruppens ordförande');
    const [group] = await slack.store.groups.list();
    expect(group!.name).not.toBe('Kapad');
    // Stored with the payload's name first; the directory's name replaces it when users.info answers.
    await expect
      .poll(async () => (await slack.store.members.list({ groupId: group!.id })).find((m) => m.platformUserId === member)?.displayName, { timeout: 8_000, interval: 200 })
      .toBe('Cecilia Långsam');
  });

  it('opens a modal while users.info is slower than the trigger_id lives', async () => {
    const member = newPerson('Dag Dröjer');
    slack.fake.delay('users.info', TRIGGER_TTL_MS + 1_500, 1);
    const opened = await slack.next('views.open', () => slack.send(slack.command('exportera', member)));
    expect(opened.answer).toMatchObject({ ok: true });
    expect((opened.body.view as { callback_id: string }).callback_id).toBe('export');
  });

  it('tells the person that the form could not be opened when the trigger_id has expired', async () => {
    const trigger = slack.fake.trigger();
    await new Promise((resolve) => setTimeout(resolve, TRIGGER_TTL_MS + 200));
    const from = slack.fake.calls.length;
    await slack.send(slack.command('exportera', CHAIR, { triggerId: trigger }));
    const told = await slack.fake.waitFor('response_url', slack.after(from));
    expect(told.body.text).toBe(sv.errors.formExpired);
    expect(slack.newCalls(from, 'views.open').map((call) => call.answer)).toEqual([{ ok: false, error: 'expired_trigger_id' }]);
  }, 15_000);

  it('gives up on a views.open that keeps failing with 500 quickly and says so, instead of retrying past the trigger', async () => {
    slack.fake.failHttpNext('views.open', { status: 500, times: 50 });
    const from = slack.fake.calls.length;
    const started = Date.now();
    await slack.send(slack.command('exportera'));
    const told = await slack.fake.waitFor('response_url', slack.after(from), 10_000);
    expect(Date.now() - started).toBeLessThan(TRIGGER_TTL_MS + 2_000);
    expect(told.body.text).toBe(sv.errors.slackUnavailable);
    expect(slack.newCalls(from, 'views.open').length).toBeLessThanOrEqual(2);
    slack.fake.failHttpNext('views.open', { status: 500, times: 0 });
  });

  it('says so at once when a reply is rate limited (429 with Retry-After) or Slack keeps answering 503', async () => {
    for (const spec of [
      { status: 429, times: 50, retryAfterSeconds: 30 },
      { status: 503, times: 50 },
    ] as const) {
      slack.fake.failHttpNext('chat.postMessage', spec);
      const from = slack.fake.calls.length;
      const started = Date.now();
      await slack.send(slack.command('plan'));
      const told = await slack.fake.waitFor('response_url', slack.after(from), 10_000);
      expect(Date.now() - started, String(spec.status)).toBeLessThan(5_000);
      expect(told.body.text).toBe(sv.errors.slackUnavailable);
      expect(slack.newCalls(from, 'chat.postMessage').length).toBeLessThanOrEqual(2);
      slack.fake.failHttpNext('chat.postMessage', { status: 503, times: 0 });
    }
  });
});

describe('requests of the wrong shape and unknown forms', () => {
  const clickBody = () => {
    const payload = fixture<Record<string, any>>('bolt-python/block_actions.json');
    payload.user = { ...payload.user, id: CHAIR, team_id: TEAM };
    payload.team = { ...payload.team, id: TEAM };
    payload.channel = { id: CHANNEL, name: 'lsg-acks' };
    payload.container = { ...payload.container, channel_id: CHANNEL };
    payload.response_url = slack.fake.responseUrl;
    return payload;
  };

  it('acknowledges a block_actions without a usable action at once, explains it, and never answers 500', async () => {
    const shapes: [string, (payload: Record<string, any>) => void][] = [
      ['no actions', (payload) => delete payload.actions],
      ['empty actions', (payload) => (payload.actions = [])],
      ['actions not a list', (payload) => (payload.actions = 'show-plan')],
      ['action without action_id', (payload) => (payload.actions = [{ type: 'button', value: '{}' }])],
      ['action_id not text', (payload) => (payload.actions = [{ type: 'button', action_id: 7, value: '{}' }])],
      ['no user', (payload) => delete payload.user],
    ];
    for (const [what, change] of shapes) {
      const payload = clickBody();
      change(payload);
      const from = slack.fake.calls.length;
      const started = Date.now();
      const answer = await slack.send(interaction(payload));
      expect(answer.status, what).toBe(200);
      expect(Date.now() - started, what).toBeLessThan(2_000);
      const told = await slack.fake.waitFor('response_url', slack.after(from));
      expect(told.body.text, what).toBe(sv.errors.unreadableRequest);
    }
  });

  it('answers an unknown callback_id in the open modal, and a view without a callback or state too', async () => {
    const view = (fields: Record<string, unknown>) => {
      const payload = fixture<Record<string, any>>('bolt-python/view_submission.json');
      payload.user = { ...payload.user, id: CHAIR, team_id: TEAM };
      payload.view = { ...payload.view, ...fields };
      return interaction(payload);
    };
    const input = [{ type: 'input', block_id: 'name', label: { type: 'plain_text', text: 'Namn' }, element: { type: 'plain_text_input', action_id: 'name' } }];
    const started = Date.now();
    const unknown = await slack.send(view({ callback_id: 'gammalt-formular', blocks: input, state: { values: { name: { name: { type: 'plain_text_input', value: 'x' } } } } }));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(unknown.json).toEqual({ response_action: 'errors', errors: { name: format(sv.errors.unknownForm, { form: 'gammalt-formular' }) } });

    const noCallback = await slack.send(view({ callback_id: undefined, blocks: [] }));
    expect(noCallback.status).toBe(200);
    expect(noCallback.json).toMatchObject({ response_action: 'update', view: { type: 'modal', blocks: [{ type: 'section', text: { text: sv.errors.unreadableRequest } }] } });
    const noState = await slack.send(view({ callback_id: 'settings', blocks: input, state: null }));
    expect(noState.json).toEqual({ response_action: 'errors', errors: { name: sv.errors.unreadableRequest } });

    const payload = fixture<Record<string, any>>('bolt-python/view_submission.json');
    delete payload.view;
    expect((await slack.send(interaction(payload))).status).toBe(200);
  });
});

describe('@-mentions', () => {
  it('answers a mention in a thread in that thread', async () => {
    const body = fixture<Record<string, any>>('bolt-python/event_app_mention.json');
    body.team_id = TEAM;
    body.event_id = 'Ev0THREAD01';
    body.authorizations = [{ enterprise_id: null, team_id: TEAM, user_id: 'U0BOT', is_bot: true }];
    body.event = { ...body.event, text: '<@U0BOT> plan', user: CHAIR, channel: CHANNEL, team: TEAM, ts: '1700000100.000200', thread_ts: '1700000000.000100' };
    const posted = await slack.next('chat.postMessage', () => slack.send(eventCallback(body)));
    expect(posted.body).toMatchObject({ channel: CHANNEL, thread_ts: '1700000000.000100' });
    expect(visible(posted.body.blocks)[0]).toContain('Lokal handlingsplan');
  });
});
