// Dates and times in running text the way a Swedish official writes them (and English in parallel).
import { describe, expect, it } from 'vitest';
import { describeTimeZone, formatClockTimes, formatDate, formatDateTime, formatLongDate } from '../../src/core/dates.js';

const zone = 'Europe/Stockholm';

describe('dates and times in running text', () => {
  it('writes long dates, "14 september 2026", from an instant in the group time zone or a stored local date', () => {
    expect(formatLongDate(new Date('2026-09-14T10:00:00Z'), zone, 'sv')).toBe('14 september 2026');
    expect(formatLongDate(new Date('2026-12-31T23:30:00Z'), zone, 'sv')).toBe('1 januari 2027');
    expect(formatLongDate('2026-06-06', zone, 'sv')).toBe('6 juni 2026');
    expect(formatLongDate('2026-09-14', zone, 'en')).toBe('14 September 2026');
  });

  it('writes times "kl. 13.00–15.00" in Swedish and "13:00–15:00" in English', () => {
    expect(formatClockTimes('sv', '13:00', '15:00')).toBe('kl. 13.00–15.00');
    expect(formatClockTimes('sv', '09:15')).toBe('kl. 09.15');
    expect(formatClockTimes('en', '13:00', '15:00')).toBe('13:00–15:00');
  });

  it('puts weekday, long date and time together, in local time across a daylight-saving change', () => {
    expect(formatDateTime(new Date('2026-03-31T11:00:00Z'), zone, 'sv')).toBe('tisdag 31 mars 2026 kl. 13.00');
    expect(formatDateTime(new Date('2026-10-27T12:00:00Z'), zone, 'sv')).toBe('tisdag 27 oktober 2026 kl. 13.00');
    expect(formatDateTime(new Date('2026-10-27T12:00:00Z'), zone, 'en')).toBe('Tuesday 27 October 2026, 13:00');
  });

  it('keeps ISO dates for tables and files', () => {
    expect(formatDate(new Date('2026-09-14T10:00:00Z'), zone)).toBe('2026-09-14');
  });

  it('says "svensk tid" rather than the zone name a municipal official does not know', () => {
    expect(describeTimeZone('Europe/Stockholm', 'sv')).toBe('svensk tid');
    expect(describeTimeZone('Europe/Stockholm', 'en')).toBe('Swedish time');
    expect(describeTimeZone('Europe/Helsinki', 'sv')).toBe('Europe/Helsinki');
  });
});
