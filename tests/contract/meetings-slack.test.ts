// Contract test of the meetings feature on Slack: the REAL server with the REAL SQLite store, driven over
// HTTP with signed Slack requests; what people see is read from the fake Slack Web API, what was kept
// from the store. Buttons are clicked with the values the bot itself put on the posted blocks.
import { sv } from '../../src/i18n/sv.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Meeting } from '../../src/core/domain.js';
import { fixedClock } from '../support/fixed-clock.js';
import { vevents } from '../support/ics.js';
import { visibleBlockTexts as visible } from '../support/slack-requests.js';
import {
  blockButtons as buttons,
  datePicked as date,
  radioPicked as radio,
  ANNA_ORDFORANDE,
  startSlackHarness,
  textInput as text,
  timePicked as time,
  type SlackHarness,
} from '../support/slack-harness.js';

const CHAIR = 'U0CHAIR';
const MEMBER = 'U0MEMBER';
const CHANNEL = 'C111';

let slack: SlackHarness;
const clock = fixedClock('2026-11-25T09:00:00Z');

beforeAll(async () => {
  slack = await startSlackHarness({
    name: 'meetings-slack',
    channelId: CHANNEL,
    users: {
      [CHAIR]: ANNA_ORDFORANDE,
      [MEMBER]: { name: 'bo', displayName: '', realName: 'Bo Ledamot' },
    },
    defaultUser: CHAIR,
    env: { SCHEDULER_ENABLED: 'false' },
    clock,
  });
  // The bot is added to the channel by the chair.
  await slack.addBotToChannel(CHAIR);
});

afterAll(() => slack?.close());

const meetings = async (): Promise<Meeting[]> => (await slack.store.meetings.list()).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());

describe('meetings on Slack over HTTP', () => {
  let card: Record<string, any>[];

  it('answers /samverkan möten with the Swedish meetings card, empty, with the buttons to add and export', async () => {
    const posted = await slack.next('chat.postMessage', () => slack.send(slack.command('möten')), (call) => call.body.channel === CHANNEL);
    card = posted.body.blocks as Record<string, any>[];
    const texts = visible(card);
    expect(texts[0]).toBe('Möten för samverkan-uddevalla');
    expect(texts.join('\n')).toContain('Inga kommande möten är inlagda.');
    expect(buttons(card).map((button) => button.text.text)).toEqual(['Lägg till möte', 'Lägg till mötesserie', 'Exportera kalender (.ics)']);
    expect(buttons(card)[2].url).toMatch(new RegExp(`^${slack.app.url}/exports/meetings/[\\w-]+\\.ics\\?expires=\\d+&signature=`));
  });

  it('opens the meeting modal with a date picker and a time picker', async () => {
    const opened = await slack.next('views.open', () => slack.send(slack.click(buttons(card)[0])));
    const view = opened.body.view as Record<string, any>;
    expect(view).toMatchObject({ callback_id: 'meeting', title: { text: 'Nytt möte' }, submit: { text: 'Lägg till' } });
    const inputs = (view.blocks as Record<string, any>[]).filter((block) => block.type === 'input');
    expect(inputs.map((block) => [block.block_id, block.label.text, block.element.type])).toEqual([
      ['date', 'Datum', 'datepicker'],
      ['time', 'Starttid', 'timepicker'],
      ['durationMinutes', 'Längd i minuter', 'number_input'],
      ['location', 'Plats', 'plain_text_input'],
    ]);
    expect(inputs[0]!.element.initial_date).toBe('2026-12-02');
    expect(inputs[1]!.element.initial_time).toBe('13:00');

    // Invalid: the modal stays open with one message per field.
    const refused = await slack.send(slack.submitView(view, { date: date('2026-11-20'), time: time('13:00'), durationMinutes: text('5'), location: text(null) }));
    expect(refused.json).toEqual({
      response_action: 'errors',
      errors: {
        date: 'Datum 2026-11-20 har redan varit. Välj dagens datum eller ett senare.',
        durationMinutes: 'Längd i minuter ska vara ett helt antal minuter mellan 15 och 480 (fick "5").',
      },
    });
    expect(await meetings()).toEqual([]);

    // Valid: stored at 13:00 Stockholm time, confirmed in the channel with the holiday warning.
    const posted = await slack.next('chat.postMessage', () =>
      slack.send(slack.submitView(view, { date: date('2026-12-24'), time: time('13:00'), durationMinutes: text('90'), location: text('Stadshuset, sal 2') })),
    );
    expect(posted.body.channel).toBe(CHANNEL);
    expect(visible(posted.body.blocks)).toEqual(expect.arrayContaining([
      'Mötet torsdag 24 december 2026 kl. 13.00–14.30 är inlagt av Anna Ordförande.',
      ':warning: Obs! 24 december 2026 är julafton',
    ]));
    expect(await meetings()).toMatchObject([{ startsAt: new Date('2026-12-24T12:00:00Z'), durationMinutes: 90, location: 'Stadshuset, sal 2', cancelled: false }]);
  });

  it('adds a series every fourth Tuesday from the series modal', async () => {
    const opened = await slack.next('views.open', () => slack.send(slack.click(buttons(card)[1])));
    const view = opened.body.view as Record<string, any>;
    expect(view.callback_id).toBe('meeting-series');
    const frequency = (view.blocks as Record<string, any>[]).find((block) => block.block_id === 'frequency')!;
    expect(frequency.element.type).toBe('radio_buttons');
    expect(frequency.element.initial_option.value).toBe('fourweekly');
    await slack.next('chat.postMessage', () =>
      slack.send(
        slack.submitView(view, {
          firstDate: date('2026-12-01'),
          time: time('13:00'),
          frequency: radio('fourweekly'),
          endDate: date(null),
          count: text('6'),
          durationMinutes: text('120'),
          location: text('Teams'),
        }),
      ),
    );
    const series = (await meetings()).filter((meeting) => meeting.seriesId);
    expect(series.map((meeting) => meeting.startsAt.toISOString())).toEqual([
      '2026-12-01T12:00:00.000Z',
      '2026-12-29T12:00:00.000Z',
      '2027-01-26T12:00:00.000Z',
      '2027-02-23T12:00:00.000Z',
      '2027-03-23T12:00:00.000Z',
      '2027-04-20T11:00:00.000Z',
    ]);
  });

  it('lists the meetings with Swedish weekdays and local times', async () => {
    const posted = await slack.next('chat.postMessage', () => slack.send(slack.command('möten')), (call) => call.body.channel === CHANNEL);
    card = posted.body.blocks as Record<string, any>[];
    const texts = visible(card);
    expect(texts).toContain('*tisdag 1 december 2026 kl. 13.00–15.00 · 120 min · Teams · ingår i serie*');
    expect(texts).toContain('*torsdag 24 december 2026 kl. 13.00–14.30 · 90 min · Stadshuset, sal 2*');
    expect(texts).toContain(':warning: Obs! 24 december 2026 är julafton');
    expect(texts).toContain('*tisdag 20 april 2027 kl. 13.00–15.00 · 120 min · Teams · ingår i serie*');
    expect(card.length).toBeLessThanOrEqual(50);
  });

  it('cancels with "Ställ in", offers "Ångra", and restores', async () => {
    const [first] = await meetings();
    const cancel = buttons(card).find((button) => button.action_id === 'cancel-meeting' && JSON.parse(button.value).meetingId === first!.id)!;
    // Slack asks before it sends the click (Block Kit confirm), in Swedish.
    expect(cancel.confirm).toEqual({
      title: { type: 'plain_text', text: sv.common.confirm.title, emoji: true },
      text: { type: 'plain_text', text: sv.common.confirm.cancelMeeting, emoji: true },
      confirm: { type: 'plain_text', text: sv.common.confirm.yes, emoji: true },
      deny: { type: 'plain_text', text: sv.common.confirm.deny, emoji: true },
      style: 'danger',
    });
    const notice = await slack.next('chat.postMessage', () => slack.send(slack.click(cancel)));
    expect(visible(notice.body.blocks)).toContain('Mötet tisdag 1 december 2026 kl. 13.00–15.00 är inställt av Anna Ordförande.');
    expect((await slack.store.meetings.get(first!.id))!.cancelled).toBe(true);

    const undo = buttons(notice.body.blocks).find((button) => button.text.text === 'Ångra')!;
    const restored = await slack.next('chat.postMessage', () => slack.send(slack.click(undo)));
    expect(visible(restored.body.blocks)).toContain('Mötet tisdag 1 december 2026 kl. 13.00–15.00 är återställt av Anna Ordförande.');
    expect((await slack.store.meetings.get(first!.id))!.cancelled).toBe(false);
  });

  it('refuses a ledamot who tries to cancel, to them only', async () => {
    const [first] = await meetings();
    const cancel = buttons(card).find((button) => button.action_id === 'cancel-meeting' && JSON.parse(button.value).meetingId === first!.id)!;
    const told = await slack.next('chat.postEphemeral', () => slack.send(slack.click(cancel, MEMBER)));
    expect(told.body.user).toBe(MEMBER);
    expect(visible(told.body.blocks)).toEqual(['Bara gruppens ordförande eller kansliet kan lägga till, flytta eller ställa in möten. Kontakta Anna Ordförande.']);
    expect((await slack.store.meetings.get(first!.id))!.cancelled).toBe(false);
  });

  it('moves a meeting through the move modal, which carries the meeting in private_metadata', async () => {
    const [first] = await meetings();
    const move = buttons(card).find((button) => button.action_id === 'open-move-meeting' && JSON.parse(button.value).meetingId === first!.id)!;
    const opened = await slack.next('views.open', () => slack.send(slack.click(move)));
    const view = opened.body.view as Record<string, any>;
    expect(view.callback_id).toBe('move-meeting');
    expect(JSON.parse(view.private_metadata).context).toEqual({ meetingId: first!.id });
    expect(visible(view.blocks)).toContain('Mötet är nu tisdag 1 december 2026 kl. 13.00–15.00.');

    const refused = await slack.send(slack.submitView(view, { date: date('2026-11-01'), time: time('10:00') }));
    expect(refused.json).toEqual({ response_action: 'errors', errors: { date: 'Nytt datum 2026-11-01 har redan varit. Välj dagens datum eller ett senare.' } });

    const posted = await slack.next('chat.postMessage', () => slack.send(slack.submitView(view, { date: date('2026-12-02'), time: time('09:30') })));
    expect(visible(posted.body.blocks)).toContain('Mötet tisdag 1 december 2026 kl. 13.00–15.00 är flyttat till onsdag 2 december 2026 kl. 09.30–11.30 av Anna Ordförande.');
    expect(await slack.store.meetings.get(first!.id)).toMatchObject({ startsAt: new Date('2026-12-02T08:30:00Z'), seriesId: first!.seriesId });
  });

  it('downloads the calendar from the card link, and refuses a tampered or expired link with 403', async () => {
    const url = buttons(card).find((button) => button.url)!.url as string;
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/calendar/);
    const events = vevents(await response.text());
    const stored = await meetings();
    expect(events).toHaveLength(stored.length);
    expect(events.map((event) => event.DTSTART).sort()).toEqual(
      stored.map((meeting) => meeting.startsAt.toISOString().replace(/[-:]/g, '').replace('.000', '')).sort(),
    );
    expect(events.find((event) => event.DTSTART === '20261224T120000Z')).toMatchObject({ SUMMARY: 'Möte i samverkansgruppen samverkan-uddevalla', STATUS: 'CONFIRMED' });

    const tampered = new URL(url);
    tampered.pathname = tampered.pathname.replace(/[\w-]+\.ics$/, 'another-group.ics');
    expect((await fetch(tampered)).status).toBe(403);
    const badSignature = new URL(url);
    badSignature.searchParams.set('signature', 'x'.repeat(43));
    expect((await fetch(badSignature)).status).toBe(403);
    clock.advance(8 * 24 * 60 * 60 * 1000);
    const expired = await fetch(url);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toBe('Länken till gruppens möten (kalenderfil, .ics) har gått ut. Skriv "möten" i gruppens kanal och tryck på "Exportera kalender (.ics)", så får du en ny länk.');
  });
});
