// Meeting series: the rule over local dates, materialising occurrences at the local wall-clock time across
// daylight-saving changes, the daily extension, and the series form's rules.
import { DateTime } from 'luxon';
import { beforeEach, describe, expect, it } from 'vitest';
import { createBot } from '../../src/core/bot.js';
import type { Group, Meeting } from '../../src/core/domain.js';
import type { FormValues, Reply } from '../../src/core/events.js';
import type { Store } from '../../src/core/ports.js';
import { extendMeetingSeries, occurrenceDates, seriesRule } from '../../src/core/use-cases/meeting-series.js';
import { actor, slackChannel } from '../support/events.js';
import { fixedClock } from '../support/fixed-clock.js';
import { createInMemoryStore } from '../support/in-memory-store.js';
import { testRegion } from '../support/test-region.js';

const ZONE = 'Europe/Stockholm';
const channel = slackChannel();
const chair = actor();

let store: Store;
let clock: ReturnType<typeof fixedClock>;
let bot: ReturnType<typeof createBot>;
let group: Group;

beforeEach(async () => {
  clock = fixedClock('2026-02-20T09:00:00Z');
  store = createInMemoryStore(clock.now);
  bot = createBot({ region: testRegion(), store, clock, defaults: { locale: 'sv', timeZone: ZONE } });
  await bot.handle({ type: 'bot-added', channel, actor: chair });
  group = (await store.groups.list())[0]!;
});

const base = { time: '13:00', frequency: 'fourweekly', endDate: '', count: '', durationMinutes: '120', location: 'Kommunhuset' };
const submit = (values: FormValues) => bot.handle({ type: 'form-submitted', form: 'meeting-series', values: { ...base, ...values }, channel, actor: chair });
const data = (reply: Reply) => reply.data as Record<string, any>;
const errorsOf = (reply: Reply) => {
  expect(reply.kind).toBe('form-errors');
  return (reply as Extract<Reply, { kind: 'form-errors' }>).errors;
};
const stored = async (): Promise<Meeting[]> => (await store.meetings.list()).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
const local = (meeting: Meeting) => DateTime.fromJSDate(meeting.startsAt, { zone: ZONE });

describe('the rule', () => {
  it('repeats on the weekday of the first date, every one, two or four weeks', () => {
    expect(seriesRule('fourweekly', '2026-03-03', { count: 5 })).toBe('FREQ=WEEKLY;INTERVAL=4;BYDAY=TU;COUNT=5');
    expect(seriesRule('biweekly', '2026-03-05', { until: '2026-06-30' })).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;UNTIL=20260630T235959Z');
    expect(occurrenceDates(seriesRule('weekly', '2026-03-02', { count: 3 }), '2026-03-02', '2030-01-01')).toEqual(['2026-03-02', '2026-03-09', '2026-03-16']);
  });

  it('makes "monthly" the same weekday of the month: the second Tuesday, or the last one from day 29', () => {
    const second = seriesRule('monthly', '2026-03-10', { count: 6 });
    expect(second).toBe('FREQ=MONTHLY;BYDAY=+2TU;COUNT=6');
    expect(occurrenceDates(second, '2026-03-10', '2030-01-01')).toEqual(['2026-03-10', '2026-04-14', '2026-05-12', '2026-06-09', '2026-07-14', '2026-08-11']);
    const last = seriesRule('monthly', '2026-03-31', { count: 3 });
    expect(last).toBe('FREQ=MONTHLY;BYDAY=-1TU;COUNT=3');
    expect(occurrenceDates(last, '2026-03-31', '2030-01-01')).toEqual(['2026-03-31', '2026-04-28', '2026-05-26']);
  });

  it('ends on the last date inclusive', () => {
    expect(occurrenceDates(seriesRule('weekly', '2026-03-02', { until: '2026-03-16' }), '2026-03-02', '2030-01-01')).toEqual(['2026-03-02', '2026-03-09', '2026-03-16']);
  });
});

describe('a series every fourth Tuesday at 13:00 across four daylight-saving changes', () => {
  it('stores every occurrence at 13:00 Stockholm time: UTC 12:00 in winter, 11:00 in summer', async () => {
    const reply = await submit({ firstDate: '2026-03-03', count: '23' });
    expect(reply).toMatchObject({ kind: 'card', card: 'meeting-notice' });
    expect(data(reply).text).toBe(
      'Mötesserien (var fjärde vecka) är inlagd av Anna Ordförande: 23 möten från 2026-03-03 till 2027-11-09. Jag lägger in mötena ett år framåt i taget; resten kommer till efter hand.',
    );
    // A year ahead of 2026-02-20 is materialised now; the daily extension adds the rest later.
    expect((await stored()).map((meeting) => local(meeting).toISODate()).at(-1)).toBe('2027-02-02');
    clock.set('2026-12-01T06:00:00Z');
    await extendMeetingSeries({ store }, clock.now());

    const meetings = await stored();
    expect(meetings).toHaveLength(23);
    const [series] = await store.meetingSeries.list();
    expect(series).toMatchObject({ groupId: group.id, firstDate: '2026-03-03', localTime: '13:00', timeZone: ZONE, rule: 'FREQ=WEEKLY;INTERVAL=4;BYDAY=TU;COUNT=23' });
    const summer = (date: string) => (date > '2026-03-29' && date < '2026-10-25') || (date > '2027-03-28' && date < '2027-10-31');
    for (const meeting of meetings) {
      const date = local(meeting).toISODate()!;
      expect(local(meeting).toFormat('cccc HH:mm'), date).toBe('Tuesday 13:00');
      expect(meeting.startsAt.getUTCHours(), date).toBe(summer(date) ? 11 : 12);
      expect(meeting).toMatchObject({ seriesId: series!.id, durationMinutes: 120, location: 'Kommunhuset', cancelled: false });
    }
    const utc = meetings.map((meeting) => meeting.startsAt.toISOString());
    // Around each change: before and after.
    expect(utc).toEqual(expect.arrayContaining(['2026-03-03T12:00:00.000Z', '2026-03-31T11:00:00.000Z', '2026-10-13T11:00:00.000Z', '2026-11-10T12:00:00.000Z']));
    expect(utc).toEqual(expect.arrayContaining(['2027-03-02T12:00:00.000Z', '2027-03-30T11:00:00.000Z', '2027-10-12T11:00:00.000Z', '2027-11-09T12:00:00.000Z']));
  });
});

describe('extending series', () => {
  it('is idempotent and never resurrects a cancelled or moved occurrence', async () => {
    await submit({ firstDate: '2026-03-10', frequency: 'monthly', count: '24' });
    const first = await stored();
    expect(first.map((meeting) => local(meeting).toISODate())).toEqual([
      '2026-03-10', '2026-04-14', '2026-05-12', '2026-06-09', '2026-07-14', '2026-08-11',
      '2026-09-08', '2026-10-13', '2026-11-10', '2026-12-08', '2027-01-12', '2027-02-09',
    ]);
    expect(await extendMeetingSeries({ store }, clock.now())).toEqual([]);
    expect(await stored()).toHaveLength(12);

    await store.meetings.update(first[1]!.id, { cancelled: true });
    await store.meetings.update(first[2]!.id, { startsAt: new Date('2026-05-13T11:00:00Z') });
    clock.set('2026-06-01T04:00:00Z');
    const added = await extendMeetingSeries({ store }, clock.now());
    expect(added.map((meeting) => local(meeting).toISODate())).toEqual(['2027-03-09', '2027-04-13', '2027-05-11']);
    expect(await extendMeetingSeries({ store }, clock.now())).toEqual([]);
    const after = await stored();
    expect(after).toHaveLength(15);
    expect(after.filter((meeting) => meeting.cancelled).map((meeting) => meeting.id)).toEqual([first[1]!.id]);
    expect(after.some((meeting) => local(meeting).toISODate() === '2026-05-12')).toBe(false);
    expect((await store.meetingSeries.list())[0]!.materialisedUntil).toBe('2027-06-01');
  });

  it('stops at the end of the series', async () => {
    await submit({ firstDate: '2026-03-03', frequency: 'weekly', endDate: '2026-03-24' });
    clock.set('2027-01-01T00:00:00Z');
    expect(await extendMeetingSeries({ store }, clock.now())).toEqual([]);
    expect(await stored()).toHaveLength(4);
  });
});

describe('the series form', () => {
  it.each([
    [{ firstDate: '2026-03-03', count: '' }, { endDate: 'Fyll i antingen sista datum eller antal möten.' }],
    [{ firstDate: '2026-03-03', count: '5', endDate: '2026-06-01' }, { count: 'Fyll i sista datum eller antal möten, inte båda.' }],
    [{ firstDate: '2026-03-03', endDate: '2026-03-03' }, { endDate: 'Sista datum måste vara efter första mötet (2026-03-03).' }],
    [{ firstDate: '2026-03-03', endDate: '1 juni' }, { endDate: 'Sista datum (eller antal möten nedan) ska vara ett datum som ÅÅÅÅ-MM-DD, t.ex. 2026-12-08 (fick "1 juni").' }],
    [{ firstDate: '2026-03-03', count: '61' }, { count: 'Antal möten ska vara ett heltal mellan 2 och 60 (fick "61").' }],
    [{ firstDate: '2026-03-03', count: '1' }, { count: 'Antal möten ska vara ett heltal mellan 2 och 60 (fick "1").' }],
    [{ firstDate: '2026-03-03', frequency: 'weekly', endDate: '2027-06-01' }, { endDate: 'Serien blir 66 möten; högst 60 går att lägga in. Välj ett tidigare sista datum eller färre möten.' }],
    [{ firstDate: '2026-03-03', frequency: 'monthly', endDate: '2028-06-01' }, { endDate: 'En mötesserie får sträcka sig högst 24 månader, alltså till 2028-03-03.' }],
    [{ firstDate: '2026-02-17', count: '5' }, { firstDate: 'Första mötet 2026-02-17 har redan varit. Välj dagens datum eller ett senare.' }],
    [{ firstDate: '2026-03-03', count: '5', frequency: 'daily' }, { frequency: 'Välj hur ofta mötena ska vara.' }],
  ])('refuses %o with a message under the field, keeping every value', async (values, errors) => {
    const reply = await submit(values);
    expect(errorsOf(reply)).toEqual(errors);
    expect(data(reply).values).toEqual({ ...base, ...values });
    expect(await store.meetingSeries.list()).toEqual([]);
    expect(await store.meetings.list()).toEqual([]);
  });

  it('accepts exactly 60 meetings', async () => {
    expect((await submit({ firstDate: '2026-03-03', frequency: 'weekly', count: '60' })).kind).toBe('card');
    expect(await store.meetingSeries.list()).toHaveLength(1);
  });

  it('warns about every holiday in the series', async () => {
    const reply = await submit({ firstDate: '2026-12-17', frequency: 'weekly', count: '3' });
    expect(data(reply).warnings).toEqual(['Obs! 24 december 2026 är julafton', 'Obs! 31 december 2026 är nyårsafton']);
    expect(await stored()).toHaveLength(3);
  });
});
