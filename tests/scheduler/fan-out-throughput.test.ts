// What makes a fan-out to many groups fast (bench/fan-out.ts): the tick plans every due standing item in
// a few batched reads, the drain has posts to different workspaces and tenants on their way at once, and
// a passing 500 is retried after about a second. In-memory store, fixed clock.
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/core/ports.js';
import { DeliveryError } from '../../src/core/delivery.js';
import { backoffMs, drainOutbox } from '../../src/core/use-cases/drain-outbox.js';
import { planDuePosts } from '../../src/core/use-cases/plan-due-posts.js';
import { standingItem } from '../../src/core/use-cases/standing-item.js';
import { registerChannel } from '../../src/core/use-cases/register-channel.js';
import { replyFromPayload } from '../../src/core/delivery.js';
import { createInMemoryStore } from '../support/in-memory-store.js';
import { fixedClock } from '../support/fixed-clock.js';
import { actor, slackChannel } from '../support/events.js';
import { addAssignment, addMember } from '../support/report-fixtures.js';
import { clockSleep, createMeeting, depsOf, recordingSender } from './fixtures.js';
import { countingReads } from '../support/counting-store.js';

/** `count` groups, each with a plan, an assignment with a report, and a meeting whose standing item is due. */
async function groupsWithDueMeetings(count: number) {
  const clock = fixedClock('2026-11-02T08:00:00Z');
  const store = createInMemoryStore(clock.now);
  const deps = depsOf(store, clock);
  for (let index = 0; index < count; index += 1) {
    const { group } = await registerChannel(deps, slackChannel({ channelId: `C_MANY${index}` }), actor());
    const convener = await addMember(store, group.id, { userId: `U_CONV${index}`, displayName: `Sammankallande ${index}` });
    const { assignment } = await addAssignment(store, group.id, { title: `Uppdrag ${index}`, convener });
    await store.progressReports.create({
      assignmentId: assignment.id,
      authorMemberId: convener.id,
      version: 1,
      submitted: true,
      progressText: 'Pågår',
      statusColour: index % 2 === 0 ? 'rod' : 'gron',
      worksWell: '',
      worksLessWell: '',
      timelineHolds: 'ja',
      newEndDate: null,
      indicatorValues: {},
      subGoalStatus: {},
      submittedAt: new Date('2026-10-01T08:00:00Z'),
      correctsReportId: null,
    });
    await createMeeting(store, group.id, '2026-11-04T13:00');
  }
  clock.set('2026-11-02T12:00:00Z');
  return { clock, store, deps };
}

describe('planning the standing items of many groups', () => {
  it('reads the same few times for 30 groups as for 2, and builds each group its own item', async () => {
    const readsFor = async (count: number) => {
      const { clock, store, deps } = await groupsWithDueMeetings(count);
      const counting = countingReads(store);
      const planned = await planDuePosts({ ...deps, store: counting.store }, clock.now());
      expect(planned.standingItems).toBe(count);
      return { reads: counting.reads(), store, deps, clock };
    };
    const few = await readsFor(2);
    const many = await readsFor(30);
    // One set of batched reads per tick, not one per meeting (which made 1,000 groups take 9–14 s to plan).
    expect(many.reads).toBe(few.reads);

    // The batch builds exactly what the item for that meeting alone would be: nothing of another group mixed in.
    const messages = await many.store.outbox.list({ kind: 'standing-item' });
    expect(messages).toHaveLength(30);
    for (const message of messages) {
      const group = (await many.store.groups.get(message.groupId))!;
      const meeting = (await many.store.meetings.get(message.meetingId!))!;
      const alone = await standingItem(many.store, group, meeting, many.clock.now());
      const { t: _t, ...expected } = alone.data;
      const { t: _stored, ...stored } = replyFromPayload(message.payload).data as Record<string, unknown>;
      expect(stored).toEqual(JSON.parse(JSON.stringify(expected)));
    }
    const texts = messages.map((message) => JSON.stringify(replyFromPayload(message.payload).data));
    expect(texts.filter((text) => text.includes('Uppdrag 7'))).toHaveLength(1);

    // A second tick finds every key planned and enqueues nothing.
    expect((await planDuePosts(many.deps, many.clock.now())).standingItems).toBe(0);
  });
});

describe('sending to many workspaces and tenants', () => {
  it('has posts to different workspaces and tenants on their way at once, never two to one channel', async () => {
    const { clock, store, deps } = await groupsWithDueMeetings(0);
    clock.set('2026-11-02T08:00:00Z');
    const channels = [
      ...['T_A', 'T_B', 'T_C'].flatMap((tenantId) => [0, 1].map((index) => slackChannel({ tenantId, channelId: `C_${tenantId}${index}` }))),
      ...[0, 1].map((index) => slackChannel({ platform: 'teams', tenantId: 'tenant-1', channelId: `19:par${index}@thread.tacv2` })),
    ];
    for (const channel of channels) {
      const { group } = await registerChannel(deps, channel, actor({ platform: channel.platform, tenantId: channel.tenantId }));
      // Two meetings: two posts to every channel.
      await createMeeting(store, group.id, '2026-11-04T12:00');
      await createMeeting(store, group.id, '2026-11-04T13:00');
    }
    clock.set('2026-11-02T12:00:00Z');
    await planDuePosts(deps, clock.now());

    let onTheWay = 0;
    let most = 0;
    const busy = new Set<string>();
    const sent: string[] = [];
    const sender = {
      async send(link: { channelId: string }) {
        expect(busy.has(link.channelId), `a second post to ${link.channelId} while one is on its way`).toBe(false);
        busy.add(link.channelId);
        onTheWay += 1;
        most = Math.max(most, onTheWay);
        // A real platform answers after a round trip; the fixed clock does not move meanwhile.
        await new Promise((resolve) => setTimeout(resolve, 5));
        onTheWay -= 1;
        busy.delete(link.channelId);
        sent.push(link.channelId);
      },
    };
    const result = await drainOutbox(deps, sender, clock.now(), { workerId: 'w', random: () => 0.5, sleep: clockSleep(clock) });
    expect(result.sent).toBe(16);
    expect(new Set(sent).size).toBe(8);
    // Three Slack workspaces and a Teams tenant are ready at the same moment: their posts overlap.
    expect(most).toBeGreaterThanOrEqual(4);
    expect((await store.outbox.list({ status: 'sent' })).every((message) => message.lockedBy === null)).toBe(true);
  });

  it('a failing store write in one send fails the drain only after the others have finished', async () => {
    const { clock, store, deps } = await groupsWithDueMeetings(0);
    clock.set('2026-11-02T08:00:00Z');
    for (const tenantId of ['T_A', 'T_B', 'T_C']) {
      const { group } = await registerChannel(deps, slackChannel({ tenantId, channelId: `C_${tenantId}` }), actor({ tenantId }));
      await createMeeting(store, group.id, '2026-11-04T13:00');
    }
    clock.set('2026-11-02T12:00:00Z');
    await planDuePosts(deps, clock.now());
    // The database stops answering for the first message sent: neither its 'sent' nor its failure can be written.
    let lost: string | null = null;
    const broken: Store = {
      ...store,
      outbox: {
        ...store.outbox,
        update: async (id, patch) => {
          if (patch.status === 'sent') lost ??= id;
          if (id === lost) throw new Error('database is gone');
          return store.outbox.update(id, patch);
        },
      },
    };
    const sender = recordingSender(clock);
    await expect(drainOutbox({ ...deps, store: broken }, sender, clock.now(), { workerId: 'w', random: () => 0.5, sleep: clockSleep(clock) })).rejects.toThrow('database is gone');
    expect(sender.sends).toHaveLength(3);
    // The sends already on their way finished and were recorded.
    const rows = await store.outbox.list({ kind: 'standing-item' });
    expect(rows.filter((row) => row.status === 'sent')).toHaveLength(2);
  });
});

describe('retries during a long fan-out', () => {
  it('sends a retry when it falls due, not after everything the drain already holds', async () => {
    const { clock, store, deps } = await groupsWithDueMeetings(0);
    clock.set('2026-11-02T08:00:00Z');
    const channels = [
      ...Array.from({ length: 30 }, (_, index) => slackChannel({ channelId: `C_LONG${index}` })),
      slackChannel({ platform: 'teams', tenantId: 'tenant-1', channelId: '19:retry@thread.tacv2' }),
    ];
    for (const channel of channels) {
      const { group } = await registerChannel(deps, channel, actor({ platform: channel.platform, tenantId: channel.tenantId }));
      await createMeeting(store, group.id, '2026-11-04T13:00');
    }
    clock.set('2026-11-02T12:00:00Z');
    await planDuePosts(deps, clock.now());
    const start = clock.now().getTime();
    let teamsAttempts = 0;
    const sender = recordingSender(clock, (link) => (link.platform === 'teams' && ++teamsAttempts === 1 ? new DeliveryError('server-error', true, 'teams: HTTP 500') : null));
    await drainOutbox(deps, sender, clock.now(), { workerId: 'w', random: () => 0.5, sleep: clockSleep(clock), until: new Date(start + 45_000) });
    const at = (platform: string) => sender.sends.filter((send) => send.link.platform === platform).map((send) => send.at.getTime() - start);
    expect(at('slack')).toHaveLength(30);
    expect(Math.max(...at('slack'))).toBe(29 * 100);
    // Due again 1 s after the 500 and looked for at least once a second: sent while Slack's 30 posts (2.9 s) still go.
    expect(at('teams')).toHaveLength(1);
    expect(at('teams')[0]).toBeGreaterThanOrEqual(1000);
    expect(at('teams')[0]).toBeLessThanOrEqual(2000);
  });
});

describe('retries in one workspace', () => {
  async function thirtySlackChannels() {
    const { clock, store, deps } = await groupsWithDueMeetings(0);
    clock.set('2026-11-02T08:00:00Z');
    for (let index = 0; index < 30; index += 1) {
      const { group } = await registerChannel(deps, slackChannel({ channelId: `C_WS${index}` }), actor());
      await createMeeting(store, group.id, '2026-11-04T13:00');
    }
    clock.set('2026-11-02T12:00:00Z');
    await planDuePosts(deps, clock.now());
    return { clock, store, deps, start: clock.now().getTime() };
  }

  it('sends a retry before fresh posts that are free at the same time', async () => {
    const { clock, deps, start } = await thirtySlackChannels();
    let attempts = 0;
    const sender = recordingSender(clock, () => (++attempts === 1 ? new DeliveryError('server-error', true, 'slack: HTTP 500') : null));
    await drainOutbox(deps, sender, clock.now(), { workerId: 'w', random: () => 0.5, sleep: clockSleep(clock), until: new Date(start + 45_000) });
    const retried = sender.sends.find((send) => send.link.channelId === 'C_WS0')!;
    expect(sender.sends).toHaveLength(30);
    // Due 1 s after its 500 (looked for at least once a second), not after the other 29 posts (2.9 s).
    expect(retried.at.getTime() - start).toBeLessThanOrEqual(2000);
    // 31 attempts in the workspace, 100 ms apart.
    expect(Math.max(...sender.sends.map((send) => send.at.getTime() - start))).toBe(30 * 100);
  });

  it('waits what a 429 names the first times, not the growing backoff on top', async () => {
    const { clock, store, deps } = await thirtySlackChannels();
    const refusedAt: number[] = [];
    const sender = recordingSender(clock, (link) => {
      if (link.channelId !== 'C_WS0' || refusedAt.length === 3) return null;
      refusedAt.push(clock.now().getTime());
      return new DeliveryError('rate-limited', true, 'slack: HTTP 429', 2_000);
    });
    const start = clock.now().getTime();
    await drainOutbox(deps, sender, clock.now(), { workerId: 'w', random: () => 0.5, sleep: clockSleep(clock), until: new Date(start + 45_000) });
    const sentAt = sender.sends.find((send) => send.link.channelId === 'C_WS0')!.at.getTime();
    const gaps = [...refusedAt.slice(1), sentAt].map((at, index) => at - refusedAt[index]!);
    // 2 s each time (plus at most one pacing slot), where the backoff would have made it 10 and 20 s.
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(2_000);
    for (const gap of gaps) expect(gap).toBeLessThan(3_200);
    expect((await store.outbox.list({ kind: 'standing-item', status: 'sent' })).length).toBe(30);
  });
});

describe('retrying after a 500', () => {
  it('retries the first time after about a second (jittered), then 10, 20, 40 s', async () => {
    expect([backoffMs(1, () => 0), backoffMs(1, () => 0.5), backoffMs(1, () => 0.999)]).toEqual([500, 1000, 1499]);
    expect([2, 3, 4].map((attempts) => backoffMs(attempts, () => 0.5))).toEqual([10_000, 20_000, 40_000]);

    const { clock, store, deps } = await groupsWithDueMeetings(1);
    await planDuePosts(deps, clock.now());
    const sender = recordingSender(clock, (_link, attempt) => (attempt === 1 ? new DeliveryError('server-error', true, 'slack: HTTP 500') : null));
    const failedAt = clock.now().getTime();
    await drainOutbox(deps, sender, clock.now(), { workerId: 'w', random: () => 0.5, sleep: clockSleep(clock), until: new Date(failedAt + 45_000) });
    // Due again after 1 s; the channel's own pacing (1.1 s from the failed attempt) has the last word.
    expect(sender.sends.map((send) => send.at.getTime() - failedAt)).toEqual([1100]);
    expect((await store.outbox.list({ kind: 'standing-item' }))[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });
});
