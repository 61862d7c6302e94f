// The meetings of a group through the real bot on the in-memory store with a fixed clock: every rule of
// adding, listing, moving, cancelling and restoring meetings, and who may do it.
import { beforeEach, describe, expect, it } from 'vitest';
import { createBot, type Dependencies } from '../../src/core/bot.js';
import type { Group, Meeting } from '../../src/core/domain.js';
import { parseCommand, type CardData, type FormValues, type InboundEvent, type Reply } from '../../src/core/events.js';
import type { Store } from '../../src/core/ports.js';
import { actor, slackChannel } from '../support/events.js';
import { fixedClock } from '../support/fixed-clock.js';
import { createInMemoryStore } from '../support/in-memory-store.js';
import { testRegion } from '../support/test-region.js';

const channel = slackChannel();
const chair = actor();
const member = actor({ userId: 'U_MEMBER', displayName: 'Bo Ledamot' });
const office = actor({ userId: 'U_KANSLI', displayName: 'Kim Kansli' });

let store: Store;
let clock: ReturnType<typeof fixedClock>;
let bot: ReturnType<typeof createBot>;
let group: Group;

async function setUp(locale: 'sv' | 'en' = 'sv', deps: Partial<Dependencies> = {}) {
  clock = fixedClock('2026-03-10T09:00:00Z'); // tisdag 10 mars 10:00 i Stockholm
  store = createInMemoryStore(clock.now);
  bot = createBot({ region: testRegion(),
    store,
    clock,
    defaults: { locale, timeZone: 'Europe/Stockholm' },
    links: { meetingsCalendar: (groupId) => `https://bot.example.se/exports/meetings/${groupId}.ics?signed` },
    ...deps,
  });
  await bot.handle({ type: 'bot-added', channel, actor: chair });
  group = (await store.groups.list())[0]!;
}

const handle = (event: InboundEvent) => bot.handle(event);
const submit = (form: 'meeting' | 'move-meeting', values: FormValues, by = chair) =>
  handle({ type: 'form-submitted', form, values, channel, actor: by });
const click = (action: 'cancel-meeting' | 'restore-meeting' | 'open-move-meeting' | 'open-meeting' | 'show-meetings', args: FormValues = {}, by = chair) =>
  handle({ type: 'button', action, args, channel, actor: by });
const valid = { date: '2026-03-17', time: '13:00', durationMinutes: '90', location: 'Stadshuset, sal 2' };

function errorsOf(reply: Reply): Record<string, string> {
  expect(reply.kind).toBe('form-errors');
  return (reply as Extract<Reply, { kind: 'form-errors' }>).errors;
}
const data = (reply: Reply): CardData & Record<string, any> => reply.data as Record<string, any>;
const meetings = async (): Promise<Meeting[]> => (await store.meetings.list()).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());

beforeEach(() => setUp());

describe('the command', () => {
  it('is "möten" in any spelling and "meetings" in English', () => {
    for (const text of ['möten', 'Möten', 'MOTEN', 'meetings', 'möten nästa']) expect(parseCommand(text), text).toBe('moten');
  });
});

describe('adding a meeting', () => {
  it('stores the meeting at the local time of the group and confirms it in Swedish', async () => {
    const reply = await submit('meeting', valid);
    expect(reply).toMatchObject({ kind: 'card', card: 'meeting-notice' });
    expect(data(reply).text).toBe('Mötet tisdag 17 mars 2026 kl. 13.00–14.30 är inlagt av Anna Ordförande.');
    expect(data(reply).warnings).toEqual([]);
    expect(await meetings()).toMatchObject([
      { groupId: group.id, startsAt: new Date('2026-03-17T12:00:00Z'), durationMinutes: 90, location: 'Stadshuset, sal 2', seriesId: null, cancelled: false },
    ]);
  });

  it('keeps 13:00 local in summer time (UTC 11:00) and stores an empty location as none', async () => {
    await submit('meeting', { ...valid, date: '2026-04-14', location: '  ' });
    expect(await meetings()).toMatchObject([{ startsAt: new Date('2026-04-14T11:00:00Z'), location: null }]);
  });

  it.each([
    [{ date: '' }, 'date', 'Datum måste fyllas i.'],
    [{ date: '17/3/2026' }, 'date', 'Datum ska vara ett datum som ÅÅÅÅ-MM-DD, t.ex. 2026-12-08 (fick "17/3/2026").'],
    [{ date: '2026-02-30' }, 'date', 'Datum ska vara ett datum som ÅÅÅÅ-MM-DD, t.ex. 2026-12-08 (fick "2026-02-30").'],
    [{ date: '2026-03-09' }, 'date', 'Datum 2026-03-09 har redan varit. Välj dagens datum eller ett senare.'],
    [{ date: '2026-03-10', time: '09:30' }, 'time', 'Klockan 09:30 den dagen har redan passerat. Välj en senare tid.'],
    [{ time: '' }, 'time', 'Starttid måste fyllas i.'],
    [{ time: '25:00' }, 'time', 'Starttid ska vara en tid som TT:MM, t.ex. 13:00 (fick "25:00").'],
    [{ time: '9:00' }, 'time', 'Starttid ska vara en tid som TT:MM, t.ex. 13:00 (fick "9:00").'],
    [{ durationMinutes: '' }, 'durationMinutes', 'Längd i minuter måste fyllas i.'],
    [{ durationMinutes: '14' }, 'durationMinutes', 'Längd i minuter ska vara ett helt antal minuter mellan 15 och 480 (fick "14").'],
    [{ durationMinutes: '481' }, 'durationMinutes', 'Längd i minuter ska vara ett helt antal minuter mellan 15 och 480 (fick "481").'],
    [{ durationMinutes: '1,5 h' }, 'durationMinutes', 'Längd i minuter ska vara ett helt antal minuter mellan 15 och 480 (fick "1,5 h").'],
    [{ location: 'x'.repeat(201) }, 'location', 'Plats får vara högst 200 tecken (nu 201).'],
  ])('refuses %o with a message under %s and keeps every typed value', async (change, field, message) => {
    const typed = { ...valid, ...change };
    const reply = await submit('meeting', typed);
    expect(errorsOf(reply)).toEqual({ [field]: message });
    expect(data(reply).values).toEqual(typed);
    expect(await meetings()).toEqual([]);
  });

  it('accepts the limits: today later in the day, 15 and 480 minutes, a 200 character location', async () => {
    expect((await submit('meeting', { ...valid, date: '2026-03-10', time: '10:30', durationMinutes: '15' })).kind).toBe('card');
    expect((await submit('meeting', { ...valid, durationMinutes: '480', location: 'x'.repeat(200) })).kind).toBe('card');
    expect(await meetings()).toHaveLength(2);
  });

  it('reports every bad field at once', async () => {
    const errors = errorsOf(await submit('meeting', { date: 'igår', time: 'lunch', durationMinutes: '0', location: '' }));
    expect(Object.keys(errors).sort()).toEqual(['date', 'durationMinutes', 'time']);
  });

  it.each([
    ['2026-12-24', 'Obs! 24 december 2026 är julafton'],
    ['2026-06-19', 'Obs! 19 juni 2026 är midsommarafton'],
    ['2026-06-06', 'Obs! 6 juni 2026 är nationaldagen'],
    ['2026-12-31', 'Obs! 31 december 2026 är nyårsafton'],
  ])('warns, without refusing, that %s is a holiday', async (date, warning) => {
    const reply = await submit('meeting', { ...valid, date });
    expect(data(reply).warnings).toEqual([warning]);
    expect(await meetings()).toHaveLength(1);
  });

  it('names holidays in English for an English group', async () => {
    await setUp('en');
    const reply = await submit('meeting', { ...valid, date: '2026-12-24' });
    expect(data(reply).warnings).toEqual(['Note: 24 December 2026 is Christmas Eve']);
    expect(data(reply).text).toBe('The meeting Thursday 24 December 2026, 13:00–14:30 was added by Anna Ordförande.');
  });

  it('opens the form prefilled a week ahead at 13:00 for two hours', async () => {
    const reply = await click('open-meeting');
    expect(reply).toMatchObject({ kind: 'form', form: 'meeting' });
    expect(data(reply).values).toEqual({ date: '2026-03-17', time: '13:00', durationMinutes: '120', location: '' });
  });
});

describe('who may change meetings', () => {
  it('refuses a ledamot, naming the chair, and stores nothing', async () => {
    for (const reply of [await click('open-meeting', {}, member), await submit('meeting', valid, member)]) {
      expect(reply).toMatchObject({ kind: 'card', card: 'notice' });
      expect(data(reply).text).toBe('Bara gruppens ordförande eller kansliet kan lägga till, flytta eller ställa in möten. Kontakta Anna Ordförande.');
    }
    expect(await meetings()).toEqual([]);
  });

  it('lets the regional office (kansli) add meetings', async () => {
    await handle({ type: 'command', command: 'moten', text: '', channel, actor: office });
    const kansli = (await store.members.list()).find((candidate) => candidate.platformUserId === 'U_KANSLI')!;
    await store.members.update(kansli.id, { roles: ['kansli'] });
    expect((await submit('meeting', valid, office)).kind).toBe('card');
    expect(await meetings()).toHaveLength(1);
  });

  it('refuses a ledamot to cancel or move', async () => {
    await submit('meeting', valid);
    const [meeting] = await meetings();
    expect(data(await click('cancel-meeting', { meetingId: meeting!.id }, member)).text).toMatch(/^Bara gruppens ordförande/);
    expect(data(await submit('move-meeting', { meetingId: meeting!.id, date: '2026-03-18', time: '13:00' }, member)).text).toMatch(/^Bara gruppens ordförande/);
    expect(await meetings()).toMatchObject([{ cancelled: false, startsAt: new Date('2026-03-17T12:00:00Z') }]);
  });
});

describe('the meetings card', () => {
  it('says there are none yet and offers to add', async () => {
    const reply = await handle({ type: 'command', command: 'moten', text: 'möten', channel, actor: member });
    expect(reply).toMatchObject({ kind: 'card', card: 'meetings' });
    expect(data(reply)).toMatchObject({ meetings: [], title: 'Möten för Samverkan Uddevalla', more: '' });
    expect(data(reply).empty).toMatch(/^Inga kommande möten/);
    expect(data(reply).calendarUrl).toBe(`https://bot.example.se/exports/meetings/${group.id}.ics?signed`);
  });

  it('lists the next eight upcoming meetings in order with weekday, local time, place, series and holiday; the rest as a count', async () => {
    const at = (iso: string, extra: Partial<Meeting> = {}) =>
      store.meetings.create({ groupId: group.id, startsAt: new Date(iso), durationMinutes: 120, seriesId: null, location: null, cancelled: false, ...extra });
    await at('2026-03-01T12:00:00Z'); // past: not shown
    await at('2026-12-24T12:00:00Z', { location: 'Stadshuset' });
    await at('2026-03-17T12:00:00Z', { cancelled: true });
    await at('2026-04-14T11:00:00Z', { seriesId: 'series-1' });
    for (let day = 1; day <= 8; day += 1) await at(`2026-05-${String(day).padStart(2, '0')}T07:00:00Z`);
    const reply = await click('show-meetings');
    const rows = data(reply).meetings as { line: string; cancelled: boolean; warning: string; id: string }[];
    expect(rows).toHaveLength(8);
    expect(rows[0]).toMatchObject({ line: 'INSTÄLLT: tisdag 17 mars 2026 kl. 13.00–15.00 · 120 min', cancelled: true, warning: '' });
    expect(rows[1]).toMatchObject({ line: 'tisdag 14 april 2026 kl. 13.00–15.00 · 120 min · ingår i serie', cancelled: false });
    expect(rows[2]).toMatchObject({ line: 'fredag 1 maj 2026 kl. 09.00–11.00 · 120 min', warning: 'Obs! 1 maj 2026 är första maj' });
    expect(data(reply).more).toBe('Ytterligare 3 möten är inlagda längre fram.');
    expect(data(reply).intro).toMatch(/^Kommande möten, tider i svensk tid\. Inför varje möte tar jag upp den stående punkten "Uppföljning av den lokala handlingsplanen för psykisk hälsa"\.$/);
  });

  it('offers no calendar download when the app gives no links', async () => {
    await setUp('sv', { links: undefined });
    expect(data(await click('show-meetings')).calendarUrl).toBe('');
  });
});

describe('cancelling and restoring', () => {
  let meeting: Meeting;
  beforeEach(async () => {
    await submit('meeting', valid);
    [meeting] = (await meetings()) as [Meeting];
  });

  it('cancels at once and answers with an undo button for that meeting', async () => {
    const reply = await click('cancel-meeting', { meetingId: meeting.id });
    expect(reply).toMatchObject({ kind: 'card', card: 'meeting-notice' });
    expect(data(reply)).toMatchObject({ text: 'Mötet tisdag 17 mars 2026 kl. 13.00–14.30 är inställt av Anna Ordförande.', undoMeetingId: meeting.id });
    expect((await store.meetings.get(meeting.id))!.cancelled).toBe(true);

    const restored = await click('restore-meeting', { meetingId: meeting.id });
    expect(data(restored)).toMatchObject({ text: 'Mötet tisdag 17 mars 2026 kl. 13.00–14.30 är återställt av Anna Ordförande.', undoMeetingId: '' });
    expect((await store.meetings.get(meeting.id))!.cancelled).toBe(false);
  });

  it('says so when the meeting is unknown, belongs to another group, or has already taken place', async () => {
    const other = await store.meetings.create({ ...meeting, groupId: 'another-group' });
    for (const meetingId of ['nope', other.id, undefined]) {
      expect(data(await click('cancel-meeting', meetingId ? { meetingId } : {})).text).toMatch(/^Mötet finns inte längre/);
    }
    expect((await store.meetings.get(other.id))!.cancelled).toBe(false);
    clock.set('2026-03-17T12:30:00Z');
    expect(data(await click('cancel-meeting', { meetingId: meeting.id })).text).toBe('Mötet tisdag 17 mars 2026 kl. 13.00–14.30 har redan varit och kan inte ändras.');
    expect((await store.meetings.get(meeting.id))!.cancelled).toBe(false);
  });
});

describe('moving', () => {
  let meeting: Meeting;
  beforeEach(async () => {
    await submit('meeting', valid);
    [meeting] = (await meetings()) as [Meeting];
  });

  it('opens the form with the current local date and time and the meeting as hidden context', async () => {
    const reply = await click('open-move-meeting', { meetingId: meeting.id });
    expect(reply).toMatchObject({ kind: 'form', form: 'move-meeting' });
    expect(data(reply)).toMatchObject({
      values: { date: '2026-03-17', time: '13:00' },
      context: { meetingId: meeting.id },
      current: 'Mötet är nu tisdag 17 mars 2026 kl. 13.00–14.30.',
    });
  });

  it('moves the meeting, keeping its length, place and series, with a holiday warning', async () => {
    await store.meetings.update(meeting.id, { seriesId: 'series-1' });
    const reply = await submit('move-meeting', { meetingId: meeting.id, date: '2026-06-19', time: '09:15' });
    expect(data(reply).text).toBe('Mötet tisdag 17 mars 2026 kl. 13.00–14.30 är flyttat till fredag 19 juni 2026 kl. 09.15–10.45 av Anna Ordförande.');
    expect(data(reply).warnings).toEqual(['Obs! 19 juni 2026 är midsommarafton']);
    expect(await store.meetings.get(meeting.id)).toMatchObject({ startsAt: new Date('2026-06-19T07:15:00Z'), durationMinutes: 90, location: 'Stadshuset, sal 2', seriesId: 'series-1' });
  });

  it('refuses a new time in the past and keeps what was typed and the hidden context', async () => {
    const reply = await submit('move-meeting', { meetingId: meeting.id, date: '2026-03-01', time: '13:00' });
    expect(errorsOf(reply)).toEqual({ date: 'Nytt datum 2026-03-01 har redan varit. Välj dagens datum eller ett senare.' });
    expect(data(reply)).toMatchObject({ values: { date: '2026-03-01', time: '13:00' }, context: { meetingId: meeting.id } });
    expect((await store.meetings.get(meeting.id))!.startsAt).toEqual(new Date('2026-03-17T12:00:00Z'));
  });
});
