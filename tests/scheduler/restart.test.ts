// A restart in the middle of a due window: a new scheduler instance on the same SQLite file finds what the
// first one enqueued (and possibly sent) in the database and posts each standing item exactly once: late
// with a note when past the grace period, and never once the meeting has started.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Meeting } from '../../src/core/domain.js';
import type { Store } from '../../src/core/ports.js';
import { migrateDatabase } from '../../src/adapters/db/migrate.js';
import { createStore } from '../../src/adapters/db/prisma-store.js';
import { createChannelSender } from '../../src/adapters/channel-sender.js';
import { planDuePosts } from '../../src/core/use-cases/plan-due-posts.js';
import { startScheduler, type Scheduler } from '../../src/scheduler/scheduler.js';
import { createLogger } from '../../src/logger.js';
import { sv } from '../../src/i18n/sv.js';
import { sqliteBackend, type TempDatabase } from '../store/db-harness.js';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.js';
import { fixedClock } from '../support/fixed-clock.js';
import { clockSleep, createMeeting, depsOf, slackGroup } from './fixtures.js';

const logger = createLogger('silent');
const HOUR = 3_600_000;
// Tuesday 31 March 2026 13:00 in Stockholm (summer time): the standing item is due Sunday 29 March 11:00Z.
const MEETING_LOCAL = '2026-03-31T13:00';
const DUE = '2026-03-29T11:00:00.000Z';

let database: TempDatabase;
let slack: FakeSlackApi;
let clock: ReturnType<typeof fixedClock>;
const open: { store: Store; scheduler: Scheduler }[] = [];

/** One bot process: its own store connection, sender and scheduler, on the shared database file. */
async function instance(name: string) {
  const store = createStore(database.url, { clock });
  const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: slack.url, INSTANCE_ID: name });
  const scheduler = startScheduler({ deps: depsOf(store, clock), sender: createChannelSender({ config, logger }), logger, config, cron: false, sleep: clockSleep(clock), drainWindowMs: 60_000 });
  open.push({ store, scheduler });
  return { store, scheduler };
}

/** A crash: the process is gone without finishing anything (no stop(), no lease released). */
async function crash(store: Store) {
  await store.close();
}

const posts = () => slack.calls.filter((call) => call.method === 'chat.postMessage' && call.status === 200);

let meeting: Meeting;

beforeEach(async () => {
  clock = fixedClock('2026-03-20T08:00:00Z');
  database = await sqliteBackend.createDatabase();
  await migrateDatabase(database.url);
  slack = await startFakeSlackApi({ now: () => clock.now().getTime() });
  const setup = createStore(database.url, { clock });
  const { group } = await slackGroup(depsOf(setup, clock), 'C_RESTART');
  meeting = await createMeeting(setup, group.id, MEETING_LOCAL);
  await setup.close();
});

afterEach(async () => {
  for (const { scheduler, store } of open.splice(0)) {
    await scheduler.stop();
    await store.close().catch(() => undefined);
  }
  await slack.close();
  await database.drop();
});

describe('a restart in the middle of the due window', () => {
  it('crashed after enqueueing, before sending: the next instance posts it once, without a late note', async () => {
    clock.set(DUE);
    const first = await instance('bot-1');
    expect((await planDuePosts(depsOf(first.store, clock), clock.now())).standingItems).toBe(1);
    await crash(first.store);

    clock.advance(5 * 60_000);
    const second = await instance('bot-2');
    await second.scheduler.tick();
    await second.scheduler.tick();

    expect(posts()).toHaveLength(1);
    expect(JSON.stringify(posts()[0]!.body.blocks)).not.toContain('senare än planerat');
    expect(await second.store.outbox.list({ status: 'sent' })).toHaveLength(1);
  });

  it('crashed after sending: the next instance finds it sent and posts nothing', async () => {
    clock.set(DUE);
    const first = await instance('bot-1');
    await first.scheduler.tick();
    expect(posts()).toHaveLength(1);
    await crash(first.store);

    clock.advance(10 * 60_000);
    const second = await instance('bot-2');
    await second.scheduler.tick();
    expect(posts()).toHaveLength(1);
  });

  it('crashed while holding the lease: the next instance waits for the lease to run out, then posts once', async () => {
    clock.set(DUE);
    const first = await instance('bot-1');
    await planDuePosts(depsOf(first.store, clock), clock.now());
    expect(await first.store.outbox.claimDue(clock.now(), 'bot-1', 10 * 60_000, 10)).toHaveLength(1);
    await crash(first.store);

    const second = await instance('bot-2');
    clock.advance(60_000);
    await second.scheduler.tick();
    expect(posts(), 'the lease of the crashed instance still holds').toHaveLength(0);
    clock.advance(10 * 60_000);
    await second.scheduler.tick();
    expect(posts()).toHaveLength(1);
  });

  it('down when it was due: posted late with a note while the meeting has not started', async () => {
    clock.set(new Date(Date.parse(DUE) + 20 * HOUR).toISOString());
    const { scheduler } = await instance('bot-1');
    await scheduler.tick();
    expect(posts()).toHaveLength(1);
    const blocks = JSON.stringify(posts()[0]!.body.blocks);
    expect(blocks).toContain('Det här kommer senare än planerat: punkten skulle ha skickats söndag 29 mars 2026 kl. 13.00');
    expect(blocks).toContain(sv.scheduler.standingItem.title);
  });

  it('within the grace period after it was due: no late note', async () => {
    clock.set(new Date(Date.parse(DUE) + 14 * 60_000).toISOString());
    const { scheduler } = await instance('bot-1');
    await scheduler.tick();
    expect(posts()).toHaveLength(1);
    expect(JSON.stringify(posts()[0]!.body.blocks)).not.toContain('senare än planerat');
  });

  it('back only after the meeting started: nothing is posted, and an enqueued item expires unsent', async () => {
    clock.set(DUE);
    const first = await instance('bot-1');
    await planDuePosts(depsOf(first.store, clock), clock.now());
    await crash(first.store);

    clock.set(new Date(meeting.startsAt.getTime() + 60_000).toISOString());
    const second = await instance('bot-2');
    await second.scheduler.tick();
    const items = posts().filter((call) => JSON.stringify(call.body.blocks).includes(sv.scheduler.standingItem.title));
    expect(items).toHaveLength(0);
    const [expired] = await second.store.outbox.list({ kind: 'standing-item' });
    expect(expired).toMatchObject({ status: 'expired', sentAt: null, lockedBy: null });
    // The chair hears about it in a notice instead.
    expect(posts().map((call) => call.body.text)).toEqual([
      'Anna Ordförande: ett utskick gick inte fram. Stående punkt inför mötet, tisdag 31 mars 2026 kl. 13.00, till samverkan-c_restart: Mötet hade redan börjat innan meddelandet kom fram, så jag skickade det inte.',
    ]);
  });

  it('a meeting that started while nothing was queued gets nothing at all', async () => {
    clock.set(new Date(meeting.startsAt.getTime()).toISOString());
    const { scheduler, store } = await instance('bot-1');
    await scheduler.tick();
    expect(posts()).toHaveLength(0);
    expect(await store.outbox.list()).toHaveLength(0);
  });
});
