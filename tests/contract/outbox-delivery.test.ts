// Contract test of the outbox senders: the production ChannelSender (createChannelSender) against a fake
// Slack Web API and a fake Bot Connector that answer 429 (with Retry-After) and 500 on demand, with the
// real SQLite store and the core drain on a fixed clock. Every post is delivered exactly once, Retry-After
// is honoured, posts to one Slack channel are at least 1.1 s apart, and a permanent failure reaches the chair.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { ChannelLink, Group } from '../../src/core/domain.js';
import { outboxRecord } from '../../src/core/delivery.js';
import type { Store } from '../../src/core/ports.js';
import { drainOutbox, createChannelPacer } from '../../src/core/use-cases/drain-outbox.js';
import { notice } from '../../src/core/use-cases/show-help.js';
import { showSummary } from '../../src/core/use-cases/show-summary.js';
import { registerChannel } from '../../src/core/use-cases/register-channel.js';
import { createChannelSender } from '../../src/adapters/channel-sender.js';
import { catalog } from '../../src/i18n/index.js';
import { createLogger } from '../../src/logger.js';
import { openTempSqliteStore, type TempSqliteStore } from '../support/app-on-sqlite.js';
import { startFakeBotConnector, visibleTexts, type FakeBotConnector } from '../support/fake-bot-connector.js';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.js';
import { fixedClock } from '../support/fixed-clock.js';
import { actor, slackChannel } from '../support/events.js';
import { clockSleep, depsOf } from '../scheduler/fixtures.js';

const logger = createLogger('silent');
const t = catalog('sv');

let database: TempSqliteStore;
let store: Store;
let slack: FakeSlackApi;
let connector: FakeBotConnector;
let clock: ReturnType<typeof fixedClock>;
/** One process's pacing memory across its ticks. */
let pacer: ReturnType<typeof createChannelPacer>;

beforeEach(async () => {
  clock = fixedClock('2026-11-25T09:00:00Z');
  pacer = createChannelPacer();
  database = await openTempSqliteStore('outbox', { clock });
  store = database.store;
  const now = () => clock.now().getTime();
  slack = await startFakeSlackApi({ now });
  connector = await startFakeBotConnector({ now });
});

afterEach(async () => {
  await database.close();
  await slack.close();
  await connector.close();
});

function sender() {
  const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: slack.url });
  return createChannelSender({ config, logger });
}

async function groupWith(platform: 'slack' | 'teams', channelId: string): Promise<{ group: Group; link: ChannelLink }> {
  const reference = JSON.stringify({ serviceUrl: connector.serviceUrl, conversation: { id: channelId }, channelId: 'msteams', bot: { id: '28:bot' } });
  const channel = slackChannel({ platform, channelId, channelName: `kanal-${channelId}`, conversationReference: platform === 'teams' ? reference : null });
  const { group } = await registerChannel(depsOf(store, clock), channel, actor({ platform }));
  const [link] = await store.channels.list({ groupId: group.id });
  return { group, link: link! };
}

async function enqueue(group: Group, link: ChannelLink, text: string) {
  const reply = notice(t, text) as Parameters<typeof outboxRecord>[1];
  return store.outbox.enqueue(
    outboxRecord({ idempotencyKey: `test:${text}`, kind: 'notice', groupId: group.id, channelLinkId: link.id, meetingId: null, expiresAt: null }, reply, 'sv', clock.now()),
  );
}

/** Ticks like the scheduler: drain, a minute passes, drain again, until nothing is pending. */
async function drainUntilDone(options: { maxTicks?: number } = {}) {
  const deps = depsOf(store, clock);
  for (let tick = 0; tick < (options.maxTicks ?? 20); tick += 1) {
    await drainOutbox(deps, sender(), clock.now(), { workerId: 'bot-1', pacer, sleep: clockSleep(clock), random: () => 0.5, until: new Date(clock.now().getTime() + 45_000) });
    if ((await store.outbox.list({ status: 'pending' })).length === 0) return;
    clock.advance(60_000);
  }
}

describe('Slack: 429 and 500 from the Web API', () => {
  it('delivers every post exactly once, honours Retry-After and paces the channel', async () => {
    const { group, link } = await groupWith('slack', 'C_PACED');
    const other = await groupWith('slack', 'C_OTHER');
    for (const text of ['Ett', 'Två', 'Tre']) await enqueue(group, link, text);
    await enqueue(other.group, other.link, 'Fyra');
    // First post: 429 asking for 7 s; then one 500.
    slack.failHttpNext('chat.postMessage', { status: 429, retryAfterSeconds: 7 });

    await drainUntilDone();
    slack.failHttpNext('chat.postMessage', { status: 500 });
    await enqueue(group, link, 'Fem');
    await drainUntilDone();

    const attempts = slack.calls.filter((call) => call.method === 'chat.postMessage');
    const delivered = attempts.filter((call) => call.status === 200);
    expect(delivered.map((call) => call.body.text).sort()).toEqual(['Ett', 'Fem', 'Fyra', 'Tre', 'Två']);
    expect(attempts.map((call) => call.status).filter((status) => status !== 200)).toEqual([429, 500]);

    const rateLimited = attempts.find((call) => call.status === 429)!;
    const retried = delivered.find((call) => call.body.text === rateLimited.body.text)!;
    expect(retried.at - rateLimited.at, 'Retry-After: 7 s').toBeGreaterThanOrEqual(7_000);
    const paced = attempts.filter((call) => call.body.channel === 'C_PACED').map((call) => call.at);
    for (let index = 1; index < paced.length; index += 1) expect(paced[index]! - paced[index - 1]!).toBeGreaterThanOrEqual(1_100);
    // The other channel is not held up by C_PACED's rate limit.
    const otherPost = delivered.find((call) => call.body.channel === 'C_OTHER')!;
    expect(otherPost.at).toBeLessThan(retried.at);

    const rows = await store.outbox.list();
    expect(rows.every((row) => row.status === 'sent' && row.lockedBy === null && row.lockedUntil === null)).toBe(true);
  });

  it('a channel the bot was removed from fails for good, once, and the chair is told in the summary', async () => {
    const { group, link } = await groupWith('slack', 'C_GONE');
    await enqueue(group, link, 'Ett');
    slack.failNext('chat.postMessage', 'not_in_channel');
    await drainUntilDone();

    const [failed] = await store.outbox.list({ kind: 'notice', idempotencyKey: 'test:Ett' });
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, lastError: 'not-in-channel: slack: not_in_channel', lockedBy: null });
    // Slack refused "Ett" (ok: false, not_in_channel); the failure notice went to the only channel there is.
    const texts = slack.calls.filter((call) => call.method === 'chat.postMessage').map((call) => call.body.text);
    expect(texts).toEqual([
      'Ett',
      'Anna Ordförande: ett utskick gick inte fram. Meddelande, onsdag 25 november 2026 kl. 10.00, till kanal-C_GONE: Jag är inte med i kanalen längre. Lägg till mig i kanalen igen.',
    ]);

    const chair = (await store.members.list({ groupId: group.id }))[0]!;
    const summary = await showSummary(depsOf(store, clock), { group, member: chair, t });
    expect(summary.data.failedSends).toEqual({
      heading: 'Utskick som inte gick fram',
      chunks: [{ text: '- Meddelande, onsdag 25 november 2026 kl. 10.00, till kanal-C_GONE: Jag är inte med i kanalen längre. Lägg till mig i kanalen igen.' }],
    });
    const member = await store.members.update(chair.id, { roles: ['ledamot'] });
    expect((await showSummary(depsOf(store, clock), { group, member, t })).data.failedSends).toBeUndefined();
  });
});

describe('Teams: 429 and 500 from the Bot Connector', () => {
  it('delivers every post exactly once and honours Retry-After', async () => {
    const { group, link } = await groupWith('teams', '19:lsg@thread.tacv2');
    for (const text of ['Ett', 'Två']) await enqueue(group, link, text);
    connector.failNext({ status: 429, times: 1, retryAfterSeconds: 5 });
    await drainUntilDone();
    connector.failNext({ status: 500, times: 2 });
    await enqueue(group, link, 'Tre');
    await drainUntilDone();

    expect(connector.posts.map((post) => visibleTexts(post.activity)[0])).toEqual(['Två', 'Ett', 'Tre']);
    expect(connector.attempts.map((attempt) => attempt.status)).toEqual([429, 201, 201, 500, 500, 201]);
    const [limited, , retried] = connector.attempts;
    expect(retried!.at - limited!.at, 'Retry-After: 5 s').toBeGreaterThanOrEqual(5_000);
    const rows = await store.outbox.list();
    expect(rows.map((row) => [row.status, row.attempts])).toEqual([['sent', 2], ['sent', 1], ['sent', 3]]);
  });

  it('a 403 fails for good at once, without retrying; the notice about it does not cause another one', async () => {
    const { group, link } = await groupWith('teams', '19:forbidden@thread.tacv2');
    await enqueue(group, link, 'Ett');
    connector.failNext({ status: 403, times: 2 });
    await drainUntilDone();
    const rows = await store.outbox.list();
    expect(rows.map((row) => [row.idempotencyKey.split(':')[0], row.status, row.attempts, row.lastError])).toEqual([
      ['test', 'failed', 1, 'unauthorized: teams: HTTP 403'],
      ['failed-notice', 'failed', 1, 'unauthorized: teams: HTTP 403'],
    ]);
    expect(connector.attempts.map((attempt) => attempt.status)).toEqual([403, 403]);
  });

  it('an unusable stored address fails for good without calling the connector', async () => {
    const { group, link } = await groupWith('teams', '19:broken@thread.tacv2');
    await store.channels.update(link.id, { conversationReference: JSON.stringify({ conversation: { id: 'x' } }) });
    await enqueue(group, link, 'Ett');
    await drainUntilDone();
    const [row] = await store.outbox.list({ idempotencyKey: 'test:Ett' });
    expect(row).toMatchObject({ status: 'failed', attempts: 1, lastError: 'invalid-address: teams: stored conversation reference unusable' });
    expect(connector.attempts).toHaveLength(0);
  });
});
