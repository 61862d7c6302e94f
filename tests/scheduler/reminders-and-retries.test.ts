// The yearly reminders (plan revision, planning day in January) and the drain's retry rules, on the
// in-memory store with a fixed clock.
import { describe, expect, it } from 'vitest';
import { DeliveryError, replyFromPayload } from '../../src/core/delivery.js';
import { drainOutbox } from '../../src/core/use-cases/drain-outbox.js';
import { planDuePosts } from '../../src/core/use-cases/plan-due-posts.js';
import { createLogger } from '../../src/logger.js';
import { startScheduler } from '../../src/scheduler/scheduler.js';
import { createInMemoryStore } from '../support/in-memory-store.js';
import { fixedClock } from '../support/fixed-clock.js';
import { registerChannel } from '../../src/core/use-cases/register-channel.js';
import { actor, slackChannel } from '../support/events.js';
import { cardData, clockSleep, createMeeting, depsOf, recordingSender, slackGroup } from './fixtures.js';

async function setup(iso: string) {
  const clock = fixedClock(iso);
  const store = createInMemoryStore(clock.now);
  const deps = depsOf(store, clock);
  return { clock, store, deps };
}

const texts = async (store: ReturnType<typeof createInMemoryStore>, kind: string) =>
  (await store.outbox.list()).filter((message) => message.kind === kind).map((message) => cardData(replyFromPayload(message.payload)).text as string);

describe('the yearly revision reminder', () => {
  it('reminds the chair once a month, from 09:00 on a working day, while the plan is over twelve months old', async () => {
    const { clock, store, deps } = await setup('2025-03-03T08:00:00Z');
    const { group } = await slackGroup(deps, 'C_REV');
    await store.plans.create({ groupId: group.id, year: 2025, version: 1, decidedAt: new Date('2025-03-04T12:00:00Z'), decidedByMemberId: null, sentToOfficeAt: null, lastRevisedAt: null });

    clock.set('2026-03-03T10:00:00Z'); // Tuesday 11:00, decided 364 days ago
    await planDuePosts(deps, clock.now());
    expect(await texts(store, 'revision-reminder')).toEqual([]);
    clock.set('2026-03-07T10:00:00Z'); // Saturday
    await planDuePosts(deps, clock.now());
    expect(await texts(store, 'revision-reminder')).toEqual([]);
    clock.set('2026-03-09T07:59:00Z'); // Monday 08:59
    await planDuePosts(deps, clock.now());
    expect(await texts(store, 'revision-reminder')).toEqual([]);
    clock.set('2026-03-09T08:00:00Z'); // Monday 09:00
    await planDuePosts(deps, clock.now());
    clock.advance(3_600_000);
    await planDuePosts(deps, clock.now());
    expect(await texts(store, 'revision-reminder')).toEqual([
      'Anna Ordförande: den lokala handlingsplanen för psykisk hälsa (2025, version 1) ändrades senast 4 mars 2025. Planen bör revideras en gång per år i den lokala samverkansgruppen. Ta upp revideringen på nästa möte.',
    ]);
    clock.set('2026-04-01T08:00:00Z'); // next month, still not revised
    await planDuePosts(deps, clock.now());
    expect(await texts(store, 'revision-reminder')).toHaveLength(2);

    const [plan] = await store.plans.list();
    await store.plans.update(plan!.id, { lastRevisedAt: new Date('2026-04-10T12:00:00Z') });
    clock.set('2026-05-04T08:00:00Z');
    await planDuePosts(deps, clock.now());
    expect(await texts(store, 'revision-reminder')).toHaveLength(2);
  });
});

describe('the planning-day reminder', () => {
  it('comes once a year on the first working day of January from 09:00, only when the group wants it', async () => {
    const { clock, store, deps } = await setup('2026-12-20T08:00:00Z');
    const wanted = await slackGroup(deps, 'C_PD', { planningDayReminder: true });
    await slackGroup(deps, 'C_NO_PD');
    for (const iso of ['2027-01-01T10:00:00Z', '2027-01-04T07:30:00Z']) {
      clock.set(iso); // New Year's Day (a public holiday); Monday 08:30
      await planDuePosts(deps, clock.now());
    }
    expect(await texts(store, 'planning-day-reminder')).toEqual([]);
    for (const iso of ['2027-01-04T08:00:00Z', '2027-01-05T08:00:00Z', '2027-01-20T08:00:00Z']) {
      clock.set(iso);
      await planDuePosts(deps, clock.now());
    }
    const reminders = (await store.outbox.list()).filter((message) => message.kind === 'planning-day-reminder');
    expect(reminders.map((message) => [message.idempotencyKey, message.channelLinkId, message.createdAt.toISOString()])).toEqual([
      [`planning-day:${wanted.group.id}:2027`, wanted.link.id, '2027-01-04T08:00:00.000Z'],
    ]);
    expect(await texts(store, 'planning-day-reminder')).toEqual([
      'Anna Ordförande: det är januari, dags för årets planeringsdag. Samla samverkansgruppen och planera årets aktiviteter i den lokala handlingsplanen för psykisk hälsa.',
    ]);
  });
});

describe('retries', () => {
  it('backs off exponentially, honours a longer Retry-After, and gives up after eight attempts', async () => {
    const { clock, store, deps } = await setup('2026-11-02T08:00:00Z');
    const { group } = await slackGroup(deps, 'C_RETRY');
    await createMeeting(store, group.id, '2026-11-04T13:00');
    clock.set('2026-11-02T12:00:00Z');
    await planDuePosts(deps, clock.now());
    const sender = recordingSender(clock, (_link, attempt) =>
      attempt === 1 ? new DeliveryError('rate-limited', true, 'slack: HTTP 429', 60_000) : new DeliveryError('server-error', true, 'slack: HTTP 503'),
    );
    const gaps: number[] = [];
    for (let tick = 0; tick < 8; tick += 1) {
      const before = (await store.outbox.list({ kind: 'standing-item' }))[0]!;
      await drainOutbox(deps, sender, clock.now(), { workerId: 'w', random: () => 0.5, sleep: clockSleep(clock) });
      const after = (await store.outbox.list({ kind: 'standing-item' }))[0]!;
      expect(after.lockedBy).toBeNull();
      if (after.status !== 'pending') break;
      gaps.push(after.nextAttemptAt.getTime() - clock.now().getTime());
      expect(after.attempts).toBe(before.attempts + 1);
      clock.set(after.nextAttemptAt.toISOString());
    }
    // 60 s Retry-After beats the 1 s first retry, then 10, 20, 40, 80, 160, 320 s.
    expect(gaps).toEqual([60_000, 10_000, 20_000, 40_000, 80_000, 160_000, 320_000]);
    const [message] = await store.outbox.list({ kind: 'standing-item' });
    expect(message).toMatchObject({ status: 'failed', attempts: 8, lastError: 'server-error: slack: HTTP 503', lockedBy: null, lockedUntil: null });
    expect(sender.sends).toHaveLength(0);
    expect((await store.outbox.list({ kind: 'notice' })).map((notice) => notice.idempotencyKey)).toEqual([`failed-notice:${message!.id}`]);
  });
});

/** Groups in `slack` Slack and `teams` Teams channels, each with a meeting whose standing item is due at `start`. */
async function standingItemsDue(slack: number, teams: number) {
  const { clock, store, deps } = await setup('2026-11-02T08:00:00Z');
  const channels = [
    ...Array.from({ length: slack }, (_, index) => slackChannel({ channelId: `C_DUE${index}` })),
    ...Array.from({ length: teams }, (_, index) => slackChannel({ platform: 'teams', tenantId: 'tenant-1', channelId: `19:due${index}@thread.tacv2` })),
  ];
  for (const channel of channels) {
    const { group } = await registerChannel(deps, channel, actor({ platform: channel.platform, tenantId: channel.tenantId }));
    await createMeeting(store, group.id, '2026-11-04T13:00');
  }
  clock.set('2026-11-02T12:00:00Z');
  await planDuePosts(deps, clock.now());
  return { clock, deps, start: clock.now().getTime() };
}

describe('workspace pacing', () => {
  it('spaces posts to one Slack workspace 100 ms and one Teams tenant 25 ms apart, both platforms at once', async () => {
    // More channels per platform than one claimed batch (20), Slack's first in the queue.
    const { clock, deps, start } = await standingItemsDue(25, 25);
    const sender = recordingSender(clock);
    await drainOutbox(deps, sender, clock.now(), { workerId: 'w', random: () => 0.5, sleep: clockSleep(clock) });

    const times = (platform: string) => sender.sends.filter((send) => send.link.platform === platform).map((send) => send.at.getTime() - start);
    const gaps = (at: number[]) => at.slice(1).map((time, index) => time - at[index]!);
    expect(times('slack')).toHaveLength(25);
    expect(times('teams')).toHaveLength(25);
    expect(Math.min(...gaps(times('slack')))).toBeGreaterThanOrEqual(100);
    expect(Math.min(...gaps(times('teams')))).toBeGreaterThanOrEqual(25);
    // Teams is not queued behind Slack's pacing: it finishes while Slack is still going (25 × 25 ms).
    expect(Math.max(...times('teams'))).toBeLessThanOrEqual(24 * 25);
    expect(Math.max(...times('slack'))).toBe(24 * 100);
  });
});

describe('pacing from the start of a send', () => {
  it('spaces posts by when they were sent, not by when their slow answers came back', async () => {
    const { clock, deps, start } = await standingItemsDue(5, 0);
    const sent: number[] = [];
    // Every answer takes 40 ms.
    const slow = { send: async () => void (sent.push(clock.now().getTime() - start), clock.advance(40)) };
    await drainOutbox(deps, slow, clock.now(), { workerId: 'w', random: () => 0.5, sleep: clockSleep(clock) });
    expect(sent).toEqual([0, 100, 200, 300, 400]);
  });
});

describe('startScheduler', () => {
  it('never overlaps ticks, and stop() hands back what a running tick had claimed', async () => {
    const { clock, store, deps } = await setup('2026-11-02T08:00:00Z');
    // Two posts to one channel: the second waits for the first one's answer, so stop() finds it unsent.
    const { group } = await slackGroup(deps, 'C_ONE');
    for (const time of ['2026-11-04T12:00', '2026-11-04T13:00']) await createMeeting(store, group.id, time);
    clock.set('2026-11-02T12:00:00Z');
    let release: () => void = () => undefined;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const sender = { sends: 0, async send() { this.sends += 1; await blocked; } };
    const config = { SCHEDULER_CRON: '* * * * *', TEAMS_PACING_MS: 500, instanceId: 'bot-1' };
    const scheduler = startScheduler({ deps, sender, logger: createLogger('silent'), config, cron: false, sleep: clockSleep(clock) });
    const first = scheduler.tick();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await scheduler.tick(), 'a second tick while the first runs').toBeNull();
    const stopping = scheduler.stop();
    release();
    await stopping;
    expect((await first)?.drained.sent).toBe(1);
    expect(sender.sends).toBe(1);
    const pending = await store.outbox.list({ status: 'pending' });
    expect(pending.map((message) => message.lockedBy)).toEqual([null]);
    expect(await scheduler.tick(), 'no tick after stop').toBeNull();
  });
});
