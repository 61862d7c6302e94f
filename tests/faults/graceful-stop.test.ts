// SIGTERM to the real process (src/main.ts, as `npm start` runs it) while a Teams request and an outbox send
// are on their way: no new connections are taken, the request is answered, the send finishes and is
// recorded, the message claimed behind it is handed back (no lease left), and the process exits 0. A send
// that outlives SHUTDOWN_TIMEOUT_SECONDS does not keep the process: it exits 0 at the bound.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Group, OutboxMessage } from '../../src/core/domain.js';
import type { Store } from '../../src/core/ports.js';
import { createStore } from '../../src/adapters/db/prisma-store.js';
import { planDuePosts } from '../../src/core/use-cases/plan-due-posts.js';
import { systemClock } from '../../src/core/ports.js';
import { startFakeBotConnector, type FakeBotConnector } from '../support/fake-bot-connector.js';
import { startMain, type MainProcess } from '../support/main-process.js';
import { CHAIR, botInstalled, message, teamChannel } from '../support/teams-activities.js';
import { postActivity } from '../support/teams-harness.js';

const dir = mkdtempSync(join(tmpdir(), 'samverkansbot-graceful-'));
const running: MainProcess[] = [];
const open: (Store | FakeBotConnector)[] = [];

afterAll(async () => {
  for (const run of running) if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
  for (const thing of open) await thing.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * A group registered by the real process, with two posts for its channel in the outbox: the standing item
 * of a meeting tomorrow and a second message to the same channel (which must wait for the first).
 */
async function groupWithTwoDuePosts(databaseUrl: string, connector: FakeBotConnector, channel: ReturnType<typeof teamChannel>): Promise<{ store: Store; group: Group }> {
  const setup = startMain({ PORT: '0', DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', SCHEDULER_ENABLED: 'false' });
  running.push(setup);
  const url = await setup.url();
  expect((await postActivity(url, botInstalled(channel, connector.serviceUrl, CHAIR))).status).toBe(200);
  setup.child.kill('SIGTERM');
  expect(await setup.exited).toBe(0);

  const store = createStore(databaseUrl);
  open.push(store);
  const [group] = (await store.groups.list()) as [Group];
  await store.meetings.create({ groupId: group.id, startsAt: new Date(Date.now() + 24 * 3_600_000), durationMinutes: 90, seriesId: null, location: null, cancelled: false });
  await planDuePosts({ store, clock: systemClock, defaults: { locale: 'sv', timeZone: 'Europe/Stockholm' } }, new Date());
  const [first] = (await store.outbox.list({ status: 'pending' })) as [OutboxMessage];
  const { id: _id, createdAt: _created, updatedAt: _updated, ...copy } = first as OutboxMessage & { updatedAt?: Date };
  expect(await store.outbox.enqueue({ ...copy, idempotencyKey: `${first.idempotencyKey}:second` })).not.toBeNull();
  return { store, group };
}

/** Waits until `count` pending posts are leased to `instance` (the scheduler of the process under test). */
async function claimedBy(store: Store, instance: string, count: number): Promise<void> {
  const started = Date.now();
  for (;;) {
    const held = (await store.outbox.list({ status: 'pending' })).filter((found) => found.lockedBy === instance);
    if (held.length >= count) return;
    if (Date.now() - started > 15_000) throw new Error(`${instance} claimed ${held.length} of ${count} posts within 15 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('SIGTERM', () => {
  it('finishes the request and the send in flight, hands back the claimed message and exits 0', async () => {
    const databaseUrl = `file:${join(dir, 'graceful.db')}`;
    const channel = teamChannel();
    const connector = await startFakeBotConnector();
    open.push(connector);
    const { store } = await groupWithTwoDuePosts(databaseUrl, connector, channel);
    connector.clear();
    connector.delay(2_000);

    const bot = startMain({ PORT: '0', DATABASE_URL: databaseUrl, LOG_LEVEL: 'info', SCHEDULER_CRON: '* * * * * *', INSTANCE_ID: 'graceful-1', SHUTDOWN_TIMEOUT_SECONDS: '15' });
    running.push(bot);
    const url = await bot.url();
    // The scheduler claims both posts; the first is on its way (the connector holds it 2 s).
    await claimedBy(store, 'graceful-1', 2);
    await new Promise((resolve) => setTimeout(resolve, 200));

    // A request on its way too: the help reply goes through the (slow) connector before the answer.
    const request = postActivity(url, message(channel, connector.serviceUrl, CHAIR, 'hjälp'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const signalled = Date.now();
    bot.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expect(fetch(`${url}/healthz`), 'a new connection after SIGTERM').rejects.toThrow();

    expect((await request).status).toBe(200);
    expect(await bot.exited).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(12_000);

    const messages = await store.outbox.list({});
    expect(messages.filter((found) => found.status === 'sent')).toHaveLength(1);
    // (The scheduler may also have planned the chair's meeting prep for tomorrow's meeting: pending too.)
    const handedBack = messages.find((found) => found.idempotencyKey.endsWith(':second'));
    expect(handedBack).toMatchObject({ status: 'pending', lockedBy: null, lockedUntil: null });
    expect(messages.filter((found) => found.lockedBy !== null), 'no lease left by the stopped instance').toEqual([]);
    // The post that went out is the one the connector got; nothing was posted twice.
    const standingItems = connector.posts.filter((posted) => posted.replyToId === null && posted.activity.type === 'message' && posted.conversationId === channel.id);
    expect(standingItems).toHaveLength(1);
    expect(bot.output().stdout).toMatch(/"released":\d/);
    expect(bot.output().stdout).toContain('"msg":"stopped"');
    expect(bot.output().stderr).toBe('');
  }, 90_000);

  it('exits 0 at SHUTDOWN_TIMEOUT_SECONDS when a send does not finish, keeping that send\'s lease', async () => {
    const databaseUrl = `file:${join(dir, 'bounded.db')}`;
    const channel = teamChannel();
    const connector = await startFakeBotConnector();
    open.push(connector);
    const { store } = await groupWithTwoDuePosts(databaseUrl, connector, channel);
    connector.clear();
    connector.delay(60_000);

    const bot = startMain({ PORT: '0', DATABASE_URL: databaseUrl, LOG_LEVEL: 'info', SCHEDULER_CRON: '* * * * * *', INSTANCE_ID: 'bounded-1', SHUTDOWN_TIMEOUT_SECONDS: '2' });
    running.push(bot);
    await bot.url();
    await claimedBy(store, 'bounded-1', 2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const signalled = Date.now();
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    const took = Date.now() - signalled;
    expect(took).toBeGreaterThanOrEqual(2_000);
    expect(took).toBeLessThan(8_000);
    expect(bot.output().stdout).toContain('not finished within SHUTDOWN_TIMEOUT_SECONDS, exiting anyway');
    // The send that may still land keeps its lease: handing it back could post it twice.
    const pending = await store.outbox.list({ status: 'pending' });
    expect(pending.some((found) => found.lockedBy === 'bounded-1')).toBe(true);
  }, 90_000);
});
