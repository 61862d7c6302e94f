// Fixed-clock tests across the 2026 and 2027 daylight-saving changes in Sweden: weekly Tuesday 13:00
// meetings keep 13:00 local time, and the standing item is enqueued exactly standingItemHoursBefore
// hours before in absolute time, not a minute earlier.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { replyFromPayload } from '../../src/core/delivery.js';
import { planDuePosts } from '../../src/core/use-cases/plan-due-posts.js';
import { createInMemoryStore } from '../support/in-memory-store.js';
import { fixedClock } from '../support/fixed-clock.js';
import { cardData, createMeeting, depsOf, slackGroup, ZONE } from './fixtures.js';

const CHANGES = [
  { change: '2026-03-29', kind: 'to summer time', tuesdays: ['2026-03-24', '2026-03-31', '2026-04-07'], meetingLine: 'tisdag 31 mars 2026 kl. 13.00' },
  { change: '2026-10-25', kind: 'to winter time', tuesdays: ['2026-10-20', '2026-10-27', '2026-11-03'], meetingLine: 'tisdag 27 oktober 2026 kl. 13.00' },
  { change: '2027-03-28', kind: 'to summer time', tuesdays: ['2027-03-23', '2027-03-30', '2027-04-06'], meetingLine: 'tisdag 30 mars 2027 kl. 13.00' },
  { change: '2027-10-31', kind: 'to winter time', tuesdays: ['2027-10-26', '2027-11-02', '2027-11-09'], meetingLine: 'tisdag 2 november 2027 kl. 13.00' },
] as const;

describe.each(CHANGES)('the daylight-saving change on $change ($kind)', ({ tuesdays, meetingLine }) => {
  it.each([48, 60, 72])('enqueues each weekly Tuesday 13:00 meeting exactly %i h before it in absolute time', async (hours) => {
    const clock = fixedClock(`${tuesdays[0]}T00:00:00Z`);
    clock.advance(-14 * 24 * 3_600_000);
    const store = createInMemoryStore(clock.now);
    const deps = depsOf(store, clock);
    const { group } = await slackGroup(deps, 'C_DST', { standingItemHoursBefore: hours });
    const meetings = [];
    for (const tuesday of tuesdays) meetings.push(await createMeeting(store, group.id, `${tuesday}T13:00`));

    for (const meeting of meetings) {
      expect(DateTime.fromJSDate(meeting.startsAt, { zone: ZONE }).toFormat('HH:mm')).toBe('13:00');
      const dueAt = meeting.startsAt.getTime() - hours * 3_600_000;
      clock.set(new Date(dueAt - 60_000).toISOString());
      await planDuePosts(deps, clock.now());
      expect(await store.outbox.list({ meetingId: meeting.id }), 'one minute before it is due').toHaveLength(0);

      clock.set(new Date(dueAt).toISOString());
      await planDuePosts(deps, clock.now());
      await planDuePosts(deps, clock.now());
      const queued = await store.outbox.list({ meetingId: meeting.id });
      expect(queued, 'exactly when due, once').toHaveLength(1);
      expect(queued[0]).toMatchObject({ kind: 'standing-item', expiresAt: meeting.startsAt, nextAttemptAt: new Date(dueAt) });
      const data = cardData(replyFromPayload(queued[0]!.payload));
      expect(data.meetingLine).toMatch(/ kl\. 13\.00\.$/);
      expect(data.lateNote).toBeUndefined();
    }
    const middle = cardData(replyFromPayload((await store.outbox.list({ meetingId: meetings[1]!.id }))[0]!.payload));
    expect(middle.meetingLine).toBe(`Inför mötet ${meetingLine}.`);
  });
});
