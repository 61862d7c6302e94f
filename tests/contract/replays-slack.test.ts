// Replays and retries processed once on Slack (issue 13), over HTTP exactly as Slack (or someone who captured
// a signed request) sends them, with the REAL server and SQLite store: a signed view_submission sent 8 times
// stores one report, a replayed slash command is answered once, Slack's retries of an event (same event_id,
// x-slack-retry-num) are handled once. Genuinely new requests with the same content are still answered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Assignment } from '../../src/core/domain.js';
import type { SlackApiCall } from '../support/fake-slack-api.js';
import { eventCallback, fixture, interaction, viewState } from '../support/slack-requests.js';
import type { SlackHarness } from '../support/slack-harness.js';
import { CHAIR, CHANNEL, CONVENER, TEAM, startSlackReportWorld } from '../support/slack-report-world.js';
import { VALID_PROGRESS } from '../support/report-fixtures.js';

let slack: SlackHarness;
let assignment: Assignment;

beforeAll(async () => {
  ({ slack, assignment } = await startSlackReportWorld('replays-slack'));
});

afterAll(() => slack?.close());

const now = () => Math.floor(Date.now() / 1000);
const toChannel = (from: number) => (call: SlackApiCall) => slack.fake.calls.indexOf(call) >= from && call.body.channel === CHANNEL;
const postsSince = (from: number) => slack.newCalls(from, 'chat.postMessage').filter((call) => call.body.channel === CHANNEL);

/** Waits until `count` posts to the channel were made since `from`, then a little longer for any extra one. */
async function settledPosts(from: number, count: number): Promise<SlackApiCall[]> {
  const deadline = Date.now() + 15_000;
  while (postsSince(from).length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  await new Promise((resolve) => setTimeout(resolve, 500));
  return postsSince(from);
}

describe('replayed and retried Slack requests', () => {
  it('stores one report when the same signed view_submission arrives 8 times', async () => {
    const opened = await slack.next('views.open', () => slack.send(slack.command('', CONVENER, { command: '/rapport', triggerId: 'trigger.replay' })));
    const view = opened.body.view as Record<string, any>;
    const payload = fixture<Record<string, any>>('bolt-python/view_submission.json');
    payload.team = { ...payload.team, id: TEAM };
    payload.user = { ...payload.user, id: CONVENER, team_id: TEAM };
    payload.view = { ...payload.view, ...view, id: 'V123', state: { values: viewState(view as { blocks: Record<string, any>[] }, VALID_PROGRESS) } };
    const submission = interaction(payload);
    const from = slack.fake.calls.length;
    const timestamp = now();
    // One copy first, then seven at once: every copy carries the same timestamp and signature.
    const answers = [await slack.send(submission, { timestamp })];
    answers.push(...(await Promise.all(Array.from({ length: 7 }, () => slack.send(submission, { timestamp })))));
    expect(answers.map((answer) => [answer.status, answer.text])).toEqual(Array.from({ length: 8 }, () => [200, '']));
    const posts = await settledPosts(from, 1);
    expect(posts).toHaveLength(1);
    expect(await slack.store.progressReports.list({ assignmentId: assignment.id })).toHaveLength(1);
  });

  it('answers a slash command replayed with the same signature once, and the same command sent anew again', async () => {
    const request = slack.command('hjälp', CHAIR, { command: '/samverkan', triggerId: 'trigger.replayed' });
    const from = slack.fake.calls.length;
    const timestamp = now();
    expect((await slack.send(request, { timestamp })).status).toBe(200);
    await slack.fake.waitFor('chat.postMessage', toChannel(from));
    const replay = await slack.send(request, { timestamp });
    expect([replay.status, replay.text]).toEqual([200, '']);
    // A new delivery of the same text (new timestamp, so a new signature) is a request of its own.
    expect((await slack.send(request, { timestamp: timestamp + 1 })).status).toBe(200);
    expect(await settledPosts(from, 2)).toHaveLength(2);
  });

  it('handles an event once when Slack retries it with x-slack-retry-num 1 and 2', async () => {
    const mention = (eventId: string) => {
      const body = fixture<Record<string, any>>('bolt-python/event_app_mention.json');
      body.team_id = TEAM;
      body.event_id = eventId;
      body.event = { ...body.event, text: '<@U0BOT> hjälp', user: CHAIR, channel: CHANNEL, team: TEAM };
      return eventCallback(body);
    };
    const from = slack.fake.calls.length;
    expect((await slack.send(mention('Ev0REPLAY1'))).status).toBe(200);
    await slack.fake.waitFor('chat.postMessage', toChannel(from));
    for (const retry of ['1', '2']) {
      // Slack signs each retry anew (a later timestamp): only the event_id ties it to the first delivery.
      const answer = await slack.send(mention('Ev0REPLAY1'), { timestamp: now() + Number(retry), headers: { 'x-slack-retry-num': retry, 'x-slack-retry-reason': 'http_timeout' } });
      expect(answer.status).toBe(200);
    }
    expect((await slack.send(mention('Ev0OTHER2'))).status).toBe(200);
    expect(await settledPosts(from, 2)).toHaveLength(2);
  });
});
