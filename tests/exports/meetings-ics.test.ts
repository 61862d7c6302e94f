import { describe, expect, it } from 'vitest';
import type { Group, Meeting } from '../../src/core/domain.js';
import { meetingsCalendar } from '../../src/exports/meetings-ics.js';
import { vevents } from '../support/ics.js';

const group: Group = {
  id: 'g1',
  name: 'LSG Uddevalla',
  timeZone: 'Europe/Stockholm',
  locale: 'sv',
  officeChannelId: null,
  standingItemHoursBefore: 48,
  summaryHoursBefore: 24,
  planningDayReminder: false,
  createdAt: new Date(),
  updatedAt: new Date(),
} as Group;

const meeting = (id: string, iso: string, extra: Partial<Meeting> = {}): Meeting => ({
  id,
  groupId: 'g1',
  startsAt: new Date(iso),
  durationMinutes: 90,
  seriesId: null,
  location: 'Stadshuset, sal 2',
  cancelled: false,
  createdAt: new Date(),
  ...extra,
});

describe('the meetings calendar', () => {
  it('has one VEVENT per meeting with UID, UTC start, duration, Swedish summary, location and status', async () => {
    const ics = await meetingsCalendar(group, [
      meeting('m1', '2026-12-08T12:00:00Z'),
      meeting('m2', '2026-06-09T11:00:00Z', { cancelled: true, location: null }),
    ]);
    expect(ics.startsWith('BEGIN:VCALENDAR')).toBe(true);
    const [first, second] = vevents(ics);
    expect(first).toMatchObject({
      UID: 'm1@samverkansbot',
      DTSTART: '20261208T120000Z',
      DURATION: 'PT90M',
      SUMMARY: 'Möte i samverkansgruppen LSG Uddevalla',
      LOCATION: 'Stadshuset\\, sal 2',
      STATUS: 'CONFIRMED',
    });
    expect(second).toMatchObject({ UID: 'm2@samverkansbot', DTSTART: '20260609T110000Z', STATUS: 'CANCELLED' });
    expect(second).not.toHaveProperty('LOCATION');
  });
});
