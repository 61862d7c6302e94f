// Two bot instances share one PostgreSQL database and both extend meeting series on their daily tick: every
// occurrence must still exist exactly once (unique series + start, re-read horizon inside the transaction).
import { describe, expect, it } from 'vitest';
import { createMeetingSeries, extendMeetingSeries } from '../../src/core/use-cases/meeting-series.js';
import { postgresBackend, twoInstances } from './db-harness.js';

// Several instances share a database only on PostgreSQL; the embedded SQLite file serves one instance.
for (const backend of [postgresBackend]) {
  describe.skipIf(backend.skip)(`extending meeting series from two instances on ${backend.name}`, () => {
    const stores = twoInstances(backend);
    const first = () => stores.first();
    const second = () => stores.second();

    it('stores each occurrence once when both extend at the same moment', async () => {
      const groups = [];
      for (let index = 0; index < 5; index += 1) {
        const group = await first().groups.create({
          name: `Grupp ${index}`,
          timeZone: 'Europe/Stockholm',
          locale: 'sv',
          officeChannelId: null,
          standingItemHoursBefore: 48,
          summaryHoursBefore: 24,
          planningDayReminder: false,
          reportPromptDaysBefore: 5,
        });
        groups.push(group);
        await createMeetingSeries(
          first(),
          {
            groupId: group.id,
            rule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU',
            firstDate: '2026-01-06',
            localTime: '13:00',
            timeZone: 'Europe/Stockholm',
            durationMinutes: 120,
            location: null,
          },
          '2026-01-01',
        );
      }
      const before = (await first().meetings.list()).length;
      const later = new Date('2026-09-01T06:00:00Z');
      await Promise.all([extendMeetingSeries({ store: first() }, later), extendMeetingSeries({ store: second() }, later)]);

      const meetings = await first().meetings.list();
      expect(meetings.length).toBeGreaterThan(before);
      const keys = meetings.map((meeting) => `${meeting.seriesId}@${meeting.startsAt.toISOString()}`);
      expect(new Set(keys).size).toBe(keys.length);
      // Every other Tuesday from 2026-01-06 to a year after 2026-09-01, for each group.
      for (const group of groups) expect(meetings.filter((meeting) => meeting.groupId === group.id)).toHaveLength(44);
    });
  });
}
