// Contract test of the meetings feature on Slack: the REAL server with the REAL SQLite store, driven over
// HTTP with signed Slack requests; what people see is read from the fake Slack Web API, what was kept
// from the store. Buttons are clicked with the values the bot itself put on the posted blocks.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Meeting } from '../../src/core/domain.js';
import type { Store } from '../../src/core/ports.js';
import { migrateDatabase } from '../../src/adapters/db/migrate.js';
import { createStore } from '../../src/adapters/db/prisma-store.js';
import { createLogger } from '../../src/logger.js';
import { fixedClock } from '../support/fixed-clock.js';
import { startFakeSlackApi, type FakeSlackApi, type SlackApiCall } from '../support/fake-slack-api.js';
import { vevents } from '../support/ics.js';
import { eventCallback, fixture, interaction, sendToSlackEndpoint, slashCommand, type SlackRequest } from '../support/slack-requests.js';

const SECRET = 'kf93nv0a8s7dfg6hj5kl4';
const TEAM = 'T111';
const CHANNEL = 'C111';
const CHAIR = 'U0CHAIR';
const MEMBER = 'U0MEMBER';

let fake: FakeSlackApi;
let app: RunningApp;
let store: Store;
let dir: string;
let endpoint: string;
const clock = fixedClock('2026-11-25T09:00:00Z');

beforeAll(async () => {
  fake = await startFakeSlackApi({ botUserId: 'U0BOT', teamId: TEAM });
  fake.users.set(CHAIR, { name: 'anna', displayName: 'Anna Ordförande', realName: 'Anna Andersson' });
  fake.users.set(MEMBER, { name: 'bo', displayName: '', realName: 'Bo Ledamot' });
  fake.channels.set(CHANNEL, 'samverkan-uddevalla');
  dir = mkdtempSync(join(tmpdir(), 'samverkansbot-meetings-slack-'));
  const databaseUrl = `file:${join(dir, 'slack.db')}`;
  await migrateDatabase(databaseUrl);
  store = createStore(databaseUrl);
  const config = loadConfig({
    PORT: '0',
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.url,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'silent',
    SCHEDULER_ENABLED: 'false',
  });
  app = await startApp({ config, store, logger: createLogger('silent'), clock });
  endpoint = `${app.url}/slack/events`;

  // The bot is added to the channel by the chair.
  const body = fixture<Record<string, any>>('docs/event_member_joined_channel.json');
  body.team_id = TEAM;
  body.event = { ...body.event, user: 'U0BOT', channel: CHANNEL, team: TEAM, inviter: CHAIR };
  await send(eventCallback(body));
  await fake.waitFor('chat.postMessage', (call) => call.body.channel === CHANNEL);
});

afterAll(async () => {
  await app?.close();
  await store?.close();
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const send = (request: SlackRequest) => sendToSlackEndpoint(endpoint, request, { secret: SECRET });

const command = (text: string, user = CHAIR) =>
  slashCommand({ command: '/samverkan', text, team_id: TEAM, channel_id: CHANNEL, channel_name: 'samverkan-uddevalla', user_id: user, user_name: user.toLowerCase(), trigger_id: `trigger-${Math.random()}` });

function visible(blocks: unknown): string[] {
  const texts: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (!value || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    if ((record.type === 'plain_text' || record.type === 'mrkdwn') && typeof record.text === 'string') texts.push(record.text);
    Object.values(record).forEach(walk);
  };
  walk(blocks);
  return texts;
}

/** Every button on a list of blocks. */
function buttons(blocks: unknown): any[] {
  return (blocks as Record<string, any>[]).filter((block) => block.type === 'actions').flatMap((block) => block.elements);
}

async function next(method: string, action: () => Promise<unknown>, where: (call: SlackApiCall) => boolean = () => true): Promise<SlackApiCall> {
  const from = fake.calls.length;
  await action();
  return fake.waitFor(method, (call) => fake.calls.indexOf(call) >= from && where(call));
}

/** A click on a button exactly as posted (action_id and value from the bot's own blocks). */
function click(button: Record<string, any>, user = CHAIR) {
  const payload = fixture<Record<string, any>>('bolt-python/block_actions.json');
  payload.user = { ...payload.user, id: user, team_id: TEAM };
  payload.team = { ...payload.team, id: TEAM };
  payload.channel = { id: CHANNEL, name: 'samverkan-uddevalla' };
  payload.container = { ...payload.container, channel_id: CHANNEL, is_ephemeral: false };
  payload.trigger_id = `trigger-${Math.random()}`;
  payload.actions = [{ ...payload.actions[0], action_id: button.action_id, block_id: 'b1', value: button.value, text: button.text }];
  return interaction(payload);
}

type State = Record<string, Record<string, Record<string, unknown>>>;
const date = (value: string | null) => ({ type: 'datepicker', selected_date: value });
const time = (value: string | null) => ({ type: 'timepicker', selected_time: value });
const text = (value: string | null) => ({ type: 'plain_text_input', value });
const radio = (value: string) => ({ type: 'radio_buttons', selected_option: { text: { type: 'plain_text', text: value }, value } });

/** Submits an opened modal with the given input values, as Slack posts a view_submission. */
function submitView(view: Record<string, any>, values: Record<string, Record<string, unknown>>, user = CHAIR) {
  const payload = fixture<Record<string, any>>('bolt-python/view_submission.json');
  payload.team = { ...payload.team, id: TEAM };
  payload.user = { ...payload.user, id: user, team_id: TEAM };
  const state: State = Object.fromEntries(Object.entries(values).map(([id, value]) => [id, { [id]: value }]));
  payload.view = { ...payload.view, callback_id: view.callback_id, private_metadata: view.private_metadata, blocks: view.blocks, state: { values: state } };
  return interaction(payload);
}

const meetings = async (): Promise<Meeting[]> => (await store.meetings.list()).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());

describe('meetings on Slack over HTTP', () => {
  let card: Record<string, any>[];

  it('answers /samverkan möten with the Swedish meetings card, empty, with the buttons to add and export', async () => {
    const posted = await next('chat.postMessage', () => send(command('möten')), (call) => call.body.channel === CHANNEL);
    card = posted.body.blocks as Record<string, any>[];
    const texts = visible(card);
    expect(texts[0]).toBe('Möten för samverkan-uddevalla');
    expect(texts.join('\n')).toContain('Inga kommande möten är inlagda.');
    expect(buttons(card).map((button) => button.text.text)).toEqual(['Lägg till möte', 'Lägg till mötesserie', 'Exportera kalender (.ics)']);
    expect(buttons(card)[2].url).toMatch(new RegExp(`^${app.url}/exports/meetings/[\\w-]+\\.ics\\?expires=\\d+&signature=`));
  });

  it('opens the meeting modal with a date picker and a time picker', async () => {
    const opened = await next('views.open', () => send(click(buttons(card)[0])));
    const view = opened.body.view as Record<string, any>;
    expect(view).toMatchObject({ callback_id: 'meeting', title: { text: 'Nytt möte' }, submit: { text: 'Lägg till' } });
    const inputs = (view.blocks as Record<string, any>[]).filter((block) => block.type === 'input');
    expect(inputs.map((block) => [block.block_id, block.label.text, block.element.type])).toEqual([
      ['date', 'Datum', 'datepicker'],
      ['time', 'Starttid', 'timepicker'],
      ['durationMinutes', 'Längd i minuter', 'plain_text_input'],
      ['location', 'Plats', 'plain_text_input'],
    ]);
    expect(inputs[0]!.element.initial_date).toBe('2026-12-02');
    expect(inputs[1]!.element.initial_time).toBe('13:00');

    // Invalid: the modal stays open with one message per field.
    const refused = await send(submitView(view, { date: date('2026-11-20'), time: time('13:00'), durationMinutes: text('5'), location: text(null) }));
    expect(refused.json).toEqual({
      response_action: 'errors',
      errors: {
        date: 'Datum 2026-11-20 har redan varit. Välj dagens datum eller ett senare.',
        durationMinutes: 'Längd i minuter ska vara ett helt antal minuter mellan 15 och 480 (fick "5").',
      },
    });
    expect(await meetings()).toEqual([]);

    // Valid: stored at 13:00 Stockholm time, confirmed in the channel with the holiday warning.
    const posted = await next('chat.postMessage', () =>
      send(submitView(view, { date: date('2026-12-24'), time: time('13:00'), durationMinutes: text('90'), location: text('Stadshuset, sal 2') })),
    );
    expect(posted.body.channel).toBe(CHANNEL);
    expect(visible(posted.body.blocks)).toEqual(expect.arrayContaining([
      'Mötet torsdag 2026-12-24 kl. 13:00–14:30 är inlagt av Anna Ordförande.',
      ':warning: Obs! 2026-12-24 är julafton',
    ]));
    expect(await meetings()).toMatchObject([{ startsAt: new Date('2026-12-24T12:00:00Z'), durationMinutes: 90, location: 'Stadshuset, sal 2', cancelled: false }]);
  });

  it('adds a series every fourth Tuesday from the series modal', async () => {
    const opened = await next('views.open', () => send(click(buttons(card)[1])));
    const view = opened.body.view as Record<string, any>;
    expect(view.callback_id).toBe('meeting-series');
    const frequency = (view.blocks as Record<string, any>[]).find((block) => block.block_id === 'frequency')!;
    expect(frequency.element.type).toBe('radio_buttons');
    expect(frequency.element.initial_option.value).toBe('fourweekly');
    await next('chat.postMessage', () =>
      send(
        submitView(view, {
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
    const posted = await next('chat.postMessage', () => send(command('möten')), (call) => call.body.channel === CHANNEL);
    card = posted.body.blocks as Record<string, any>[];
    const texts = visible(card);
    expect(texts).toContain('*tisdag 2026-12-01 kl. 13:00–15:00 · 120 min · Teams · ingår i serie*');
    expect(texts).toContain('*torsdag 2026-12-24 kl. 13:00–14:30 · 90 min · Stadshuset, sal 2*');
    expect(texts).toContain(':warning: Obs! 2026-12-24 är julafton');
    expect(texts).toContain('*tisdag 2027-04-20 kl. 13:00–15:00 · 120 min · Teams · ingår i serie*');
    expect(card.length).toBeLessThanOrEqual(50);
  });

  it('cancels with "Ställ in", offers "Ångra", and restores', async () => {
    const [first] = await meetings();
    const cancel = buttons(card).find((button) => button.action_id === 'cancel-meeting' && JSON.parse(button.value).meetingId === first!.id)!;
    const notice = await next('chat.postMessage', () => send(click(cancel)));
    expect(visible(notice.body.blocks)).toContain('Mötet tisdag 2026-12-01 kl. 13:00–15:00 är inställt av Anna Ordförande.');
    expect((await store.meetings.get(first!.id))!.cancelled).toBe(true);

    const undo = buttons(notice.body.blocks).find((button) => button.text.text === 'Ångra')!;
    const restored = await next('chat.postMessage', () => send(click(undo)));
    expect(visible(restored.body.blocks)).toContain('Mötet tisdag 2026-12-01 kl. 13:00–15:00 är återställt av Anna Ordförande.');
    expect((await store.meetings.get(first!.id))!.cancelled).toBe(false);
  });

  it('refuses a ledamot who tries to cancel, to them only', async () => {
    const [first] = await meetings();
    const cancel = buttons(card).find((button) => button.action_id === 'cancel-meeting' && JSON.parse(button.value).meetingId === first!.id)!;
    const told = await next('chat.postEphemeral', () => send(click(cancel, MEMBER)));
    expect(told.body.user).toBe(MEMBER);
    expect(visible(told.body.blocks)).toEqual(['Bara gruppens ordförande eller kansliet kan lägga till, flytta eller ställa in möten. Kontakta Anna Ordförande.']);
    expect((await store.meetings.get(first!.id))!.cancelled).toBe(false);
  });

  it('moves a meeting through the move modal, which carries the meeting in private_metadata', async () => {
    const [first] = await meetings();
    const move = buttons(card).find((button) => button.action_id === 'open-move-meeting' && JSON.parse(button.value).meetingId === first!.id)!;
    const opened = await next('views.open', () => send(click(move)));
    const view = opened.body.view as Record<string, any>;
    expect(view.callback_id).toBe('move-meeting');
    expect(JSON.parse(view.private_metadata).context).toEqual({ meetingId: first!.id });
    expect(visible(view.blocks)).toContain('Mötet är nu tisdag 2026-12-01 kl. 13:00–15:00.');

    const refused = await send(submitView(view, { date: date('2026-11-01'), time: time('10:00') }));
    expect(refused.json).toEqual({ response_action: 'errors', errors: { date: 'Nytt datum 2026-11-01 har redan varit. Välj dagens datum eller ett senare.' } });

    const posted = await next('chat.postMessage', () => send(submitView(view, { date: date('2026-12-02'), time: time('09:30') })));
    expect(visible(posted.body.blocks)).toContain('Mötet tisdag 2026-12-01 kl. 13:00–15:00 är flyttat till onsdag 2026-12-02 kl. 09:30–11:30 av Anna Ordförande.');
    expect(await store.meetings.get(first!.id)).toMatchObject({ startsAt: new Date('2026-12-02T08:30:00Z'), seriesId: first!.seriesId });
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
    expect(await expired.text()).toMatch(/^Länken till kalenderfilen är ogiltig eller har gått ut/);
  });
});
