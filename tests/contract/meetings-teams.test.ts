// Contract test of the meetings feature on Teams: the REAL server with the REAL SQLite store, driven over
// HTTP with Teams-shaped activities; typed commands answer through the fake Bot Connector, Action.Execute
// answers in the invoke response. Buttons are pressed with the data the bot itself put on its cards.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Meeting } from '../../src/core/domain.js';
import { parserProblems, schemaProblems } from '../support/adaptive-card-checks.js';
import { collectCardTexts } from '../support/fake-bot-connector.js';
import { fixedClock } from '../support/fixed-clock.js';
import { vevents } from '../support/ics.js';
import { CHAIR, MEMBER, teamChannel } from '../support/teams-activities.js';
import { byVerb, cardActions as actions, field, startTeamsHarness, type TeamsHarness } from '../support/teams-harness.js';

const clock = fixedClock('2026-11-25T09:00:00Z');

let teams: TeamsHarness;

beforeAll(async () => {
  teams = await startTeamsHarness({
    name: 'meetings-teams',
    channel: teamChannel({ teamName: 'LSG Lysekil' }),
    roster: [{ ...CHAIR, givenName: 'Anna', surname: 'Ordförande' }],
    env: { SCHEDULER_ENABLED: 'false' },
    clock,
  });
});

afterAll(() => teams?.close());

beforeEach(() => teams.connector.clear());

const meetings = async (): Promise<Meeting[]> => (await teams.store.meetings.list()).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
/** The meetings card, as the chair asks for it. */
const meetingsCard = () => teams.say('möten', CHAIR);

describe('meetings on Teams over HTTP', () => {
  it('answers "@Samverkansbot möten" with the Swedish meetings card', async () => {
    const card = await meetingsCard();
    expect(parserProblems(card)).toEqual([]);
    expect(schemaProblems(card)).toEqual([]);
    const texts = collectCardTexts(card);
    expect(texts).toContain('Möten för LSG Lysekil');
    expect(texts.join('\n')).toContain('Inga kommande möten är inlagda.');
    expect(actions(card).map((action) => action.title)).toEqual(['Lägg till möte', 'Lägg till mötesserie', 'Exportera kalender (.ics)']);
    expect(actions(card)[2]).toMatchObject({ type: 'Action.OpenUrl', url: expect.stringMatching(new RegExp(`^${teams.app.url}/exports/meetings/`)) });
  });

  it('opens the meeting form, re-renders errors with every typed value, then stores a valid meeting', async () => {
    const form = await teams.press(byVerb(await meetingsCard(), 'open-meeting'));
    expect(field(form, 'date').input).toMatchObject({ type: 'Input.Date', label: 'Datum', value: '2026-12-02' });
    expect(field(form, 'time').input).toMatchObject({ type: 'Input.Time', label: 'Starttid', value: '13:00' });
    const submit = actions(form).find((action) => action.verb === 'meeting')!;

    const refused = await teams.press(submit, { date: '2026-12-08', time: '13:00', durationMinutes: '600', location: 'x'.repeat(201) });
    expect(field(refused, 'durationMinutes')).toMatchObject({ input: { value: 600 }, messages: ['Längd i minuter ska vara ett helt antal minuter mellan 15 och 480 (fick "600").'] });
    expect(field(refused, 'location')).toMatchObject({ input: { value: 'x'.repeat(201) }, messages: ['Plats får vara högst 200 tecken (nu 201).'] });
    expect(field(refused, 'date')).toMatchObject({ input: { value: '2026-12-08' }, messages: [] });
    expect(await meetings()).toEqual([]);

    const saved = await teams.press(submit, { date: '2027-06-25', time: '10:00', durationMinutes: '60', location: 'Kommunhuset' });
    expect(collectCardTexts(saved)).toEqual(['Mötet fredag 25 juni 2027 kl. 10.00–11.00 är inlagt av Anna Ordförande.', 'Obs! 25 juni 2027 är midsommarafton', 'Visa möten']);
    expect(await meetings()).toMatchObject([{ startsAt: new Date('2027-06-25T08:00:00Z'), durationMinutes: 60, location: 'Kommunhuset' }]);
  });

  it('stores the occurrences of a monthly series on the second Tuesday', async () => {
    const form = await teams.press(byVerb(await meetingsCard(), 'open-meeting-series'));
    expect(field(form, 'frequency').input.choices.map((choice: { title: string }) => choice.title)).toEqual([
      'Varje vecka',
      'Varannan vecka',
      'Var fjärde vecka',
      'En gång i månaden samma veckodag (t.ex. andra tisdagen)',
    ]);
    const submit = actions(form).find((action) => action.verb === 'meeting-series')!;
    const confirmed = await teams.press(submit, {
      firstDate: '2026-12-08',
      time: '13:00',
      frequency: 'monthly',
      endDate: '2027-05-31',
      count: '',
      durationMinutes: '120',
      location: '',
    });
    expect(collectCardTexts(confirmed)[0]).toBe(
      'Mötesserien (en gång i månaden samma veckodag (t.ex. andra tisdagen)) är inlagd av Anna Ordförande: 6 möten från 2026-12-08 till 2027-05-11.',
    );
    const series = (await meetings()).filter((meeting) => meeting.seriesId);
    expect(series.map((meeting) => meeting.startsAt.toISOString())).toEqual([
      '2026-12-08T12:00:00.000Z',
      '2027-01-12T12:00:00.000Z',
      '2027-02-09T12:00:00.000Z',
      '2027-03-09T12:00:00.000Z',
      '2027-04-13T11:00:00.000Z',
      '2027-05-11T11:00:00.000Z',
    ]);
  });

  it('cancels a meeting from the list, answers with "Ångra", and restores it', async () => {
    const card = await meetingsCard();
    expect(collectCardTexts(card)).toContain('tisdag 8 december 2026 kl. 13.00–15.00 · 120 min · ingår i serie');
    const [first] = await meetings();
    const cancel = actions(card).find((action) => action.verb === 'cancel-meeting' && action.data.meetingId === first!.id)!;
    const notice = await teams.press(cancel);
    expect(collectCardTexts(notice)).toContain('Mötet tisdag 8 december 2026 kl. 13.00–15.00 är inställt av Anna Ordförande.');
    expect((await teams.store.meetings.get(first!.id))!.cancelled).toBe(true);
    expect(collectCardTexts(await meetingsCard())).toContain('INSTÄLLT: tisdag 8 december 2026 kl. 13.00–15.00 · 120 min · ingår i serie');

    const undo = actions(notice).find((action) => action.title === 'Ångra')!;
    expect(undo.data).toEqual({ action: 'restore-meeting', meetingId: first!.id });
    expect(collectCardTexts(await teams.press(undo))).toContain('Mötet tisdag 8 december 2026 kl. 13.00–15.00 är återställt av Anna Ordförande.');
    expect((await teams.store.meetings.get(first!.id))!.cancelled).toBe(false);
  });

  it('refuses a ledamot who tries to add a meeting', async () => {
    const answer = await teams.pressForPresser(byVerb(await meetingsCard(), 'open-meeting'), {}, MEMBER);
    expect(answer).toBe('Bara gruppens ordförande eller kansliet kan lägga till, flytta eller ställa in möten. Kontakta Anna Ordförande.');
  });

  it('moves a meeting: the form carries the meeting id back in its submit data', async () => {
    const [first] = await meetings();
    const move = actions(await meetingsCard()).find((action) => action.verb === 'open-move-meeting' && action.data.meetingId === first!.id)!;
    const form = await teams.press(move);
    const submit = actions(form).find((action) => action.verb === 'move-meeting')!;
    expect(submit.data).toEqual({ form: 'move-meeting', meetingId: first!.id });
    const refused = await teams.press(submit, { date: '2026-12-08', time: '' });
    expect(field(refused, 'time').messages).toEqual(['Ny starttid måste fyllas i.']);
    const moved = await teams.press(submit, { date: '2026-12-10', time: '14:00' });
    expect(collectCardTexts(moved)[0]).toBe('Mötet tisdag 8 december 2026 kl. 13.00–15.00 är flyttat till torsdag 10 december 2026 kl. 14.00–16.00 av Anna Ordförande.');
    expect(await teams.store.meetings.get(first!.id)).toMatchObject({ startsAt: new Date('2026-12-10T13:00:00Z'), seriesId: first!.seriesId });
  });

  it('serves the calendar file behind the signed link and refuses it with a bad or expired token', async () => {
    const url = actions(await meetingsCard()).find((action) => action.type === 'Action.OpenUrl')!.url as string;
    const response = await fetch(url);
    expect(response.status).toBe(200);
    const events = vevents(await response.text());
    expect(events).toHaveLength(7);
    expect(events.find((event) => event.DTSTART === '20261210T130000Z')).toMatchObject({ SUMMARY: 'Möte i samverkansgruppen LSG Lysekil' });
    expect(events.find((event) => event.DTSTART === '20270413T110000Z')).toBeDefined();

    const noToken = new URL(url);
    noToken.search = '';
    expect((await fetch(noToken)).status).toBe(403);
    const longer = new URL(url);
    longer.searchParams.set('expires', String(Number(longer.searchParams.get('expires')) + 86_400));
    expect((await fetch(longer)).status).toBe(403);
    clock.advance(7 * 24 * 60 * 60 * 1000 + 1000);
    expect((await fetch(url)).status).toBe(403);
  });
});
