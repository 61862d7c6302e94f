// Recurring meetings: an RFC 5545 rule over the group's LOCAL dates, each occurrence materialised as a
// Meeting at the local wall-clock time, so 13:00 stays 13:00 across daylight-saving changes. Only a
// year ahead is materialised; extendMeetingSeries (run daily by the scheduler) moves that horizon on.
import rrule from 'rrule';
import type { Meeting, MeetingSeries } from '../domain.js';
import { DuplicateError, type NewRecord, type Store } from '../ports.js';
import { localDateOf, localToUtc, shiftLocalDate } from '../local-time.js';
import { FORM_FIELDS } from '../form-fields.js';

const { rrulestr } = rrule;

export const FREQUENCIES = ['weekly', 'biweekly', 'fourweekly', 'monthly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export const HORIZON_MONTHS = 12;
/** The most meetings one series makes: the form's count field stops there too. */
export const MAX_OCCURRENCES = FORM_FIELDS['meeting-series'].count.number.max;
export const MAX_SPAN_MONTHS = 24;

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const INTERVALS: Record<Exclude<Frequency, 'monthly'>, number> = { weekly: 1, biweekly: 2, fourweekly: 4 };

function compact(date: string): string {
  return date.replace(/-/g, '');
}

/** Floating local dates are expanded as UTC midnights: no time zone can shift a date by a day then. */
function utcMidnight(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/**
 * The RRULE of a series starting on firstDate. Monthly = the same weekday of the month as the first date
 * (2026-03-10 is the second Tuesday → BYDAY=+2TU); a first date in the month's last days (29–31) means
 * the last such weekday, which every month has.
 */
export function seriesRule(frequency: Frequency, firstDate: string, end: { until: string } | { count: number }): string {
  const first = utcMidnight(firstDate);
  const weekday = WEEKDAYS[(first.getUTCDay() + 6) % 7]!;
  const day = first.getUTCDate();
  const recurrence =
    frequency === 'monthly'
      ? `FREQ=MONTHLY;BYDAY=${day > 28 ? '-1' : `+${Math.ceil(day / 7)}`}${weekday}`
      : `FREQ=WEEKLY;INTERVAL=${INTERVALS[frequency]};BYDAY=${weekday}`;
  const limit = 'until' in end ? `UNTIL=${compact(end.until)}T235959Z` : `COUNT=${end.count}`;
  return `${recurrence};${limit}`;
}

/** The local dates of the rule from firstDate up to `until` (inclusive), at most `max` of them. */
export function occurrenceDates(rule: string, firstDate: string, until: string, max = Number.MAX_SAFE_INTEGER): string[] {
  const expanded = rrulestr(`DTSTART:${compact(firstDate)}T000000Z\nRRULE:${rule}`);
  const last = new Date(`${until}T23:59:59Z`);
  const dates: string[] = [];
  expanded.all((date, index) => {
    if (date > last || index >= max) return false;
    dates.push(date.toISOString().slice(0, 10));
    return true;
  });
  return dates;
}

/** A new series as the form gives it; the horizon is set when its occurrences are stored. */
export type SeriesInput = Omit<NewRecord<MeetingSeries>, 'materialisedUntil'>;

function occurrence(series: MeetingSeries, date: string): NewRecord<Meeting> {
  return {
    groupId: series.groupId,
    startsAt: localToUtc(date, series.localTime, series.timeZone),
    durationMinutes: series.durationMinutes,
    seriesId: series.id,
    location: series.location,
    cancelled: false,
  };
}

/**
 * Adds the occurrences after the series' horizon up to `horizon`, then moves the horizon. Dates at or
 * before the old horizon are never touched again, so a cancelled or moved occurrence stays as people left
 * it; a date that already has a meeting of the series (a parallel run) is skipped.
 */
async function materialise(store: Store, series: MeetingSeries, horizon: string, fromStart: boolean): Promise<Meeting[]> {
  if (!fromStart && series.materialisedUntil >= horizon) return [];
  const existing = new Set((await store.meetings.list({ seriesId: series.id })).map((meeting) => localDateOf(meeting.startsAt, series.timeZone)));
  const dates = occurrenceDates(series.rule, series.firstDate, horizon).filter(
    (date) => (fromStart || date > series.materialisedUntil) && !existing.has(date),
  );
  const created: Meeting[] = [];
  for (const date of dates) created.push(await store.meetings.create(occurrence(series, date)));
  await store.meetingSeries.update(series.id, { materialisedUntil: horizon });
  return created;
}

export function horizonFrom(today: string): string {
  return shiftLocalDate(today, { months: HORIZON_MONTHS });
}

/** Stores a new series and its occurrences up to a year after `today` (the group's local date). */
export async function createMeetingSeries(store: Store, input: SeriesInput, today: string): Promise<{ series: MeetingSeries; meetings: Meeting[] }> {
  return store.transaction(async (tx) => {
    const series = await tx.meetingSeries.create({ ...input, materialisedUntil: input.firstDate });
    const meetings = await materialise(tx, series, horizonFrom(today), true);
    return { series, meetings };
  });
}

/** Extends every series to a year ahead of `now`; safe to run any number of times. Returns what it added. */
export async function extendMeetingSeries(deps: { store: Store }, now: Date): Promise<Meeting[]> {
  const added: Meeting[] = [];
  for (const listed of await deps.store.meetingSeries.list()) {
    const horizon = horizonFrom(localDateOf(now, listed.timeZone));
    try {
      added.push(
        ...(await deps.store.transaction(async (tx) => {
          // Re-read inside the transaction: another instance may have moved the horizon meanwhile.
          const series = await tx.meetingSeries.get(listed.id);
          return series ? materialise(tx, series, horizon, false) : [];
        })),
      );
    } catch (error) {
      // Another instance stored the same occurrence first (unique series + start): its run stands.
      if (!(error instanceof DuplicateError)) throw error;
    }
  }
  return added;
}
