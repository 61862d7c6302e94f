// Contract test of the local action plan on Slack: one round from proposal to assignment through the REAL
// server and the REAL SQLite store, driven with signed Slack requests; buttons are clicked with the values
// the bot put on its own blocks, modals submitted with the inputs it opened.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Store } from '../../src/core/ports.js';
import { migrateDatabase } from '../../src/adapters/db/migrate.js';
import { createStore } from '../../src/adapters/db/prisma-store.js';
import { createLogger } from '../../src/logger.js';
import { fixedClock } from '../support/fixed-clock.js';
import { startFakeSlackApi, type FakeSlackApi, type SlackApiCall } from '../support/fake-slack-api.js';
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
const clock = fixedClock('2026-09-14T08:00:00Z');

beforeAll(async () => {
  fake = await startFakeSlackApi({ botUserId: 'U0BOT', teamId: TEAM });
  fake.users.set(CHAIR, { name: 'anna', displayName: 'Anna Ordförande', realName: 'Anna Andersson' });
  fake.users.set(MEMBER, { name: 'cia', displayName: 'Cia Kommun', realName: 'Cia Karlsson' });
  fake.channels.set(CHANNEL, 'samverkan-uddevalla');
  dir = mkdtempSync(join(tmpdir(), 'samverkansbot-plan-slack-'));
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
const buttons = (blocks: unknown): any[] => (blocks as Record<string, any>[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements);
const button = (blocks: unknown, label: string) => {
  const found = buttons(blocks).find((b) => b.text.text === label);
  if (!found) throw new Error(`no button "${label}" among ${buttons(blocks).map((b) => b.text.text).join(', ')}`);
  return found;
};

async function next(method: string, action: () => Promise<unknown>, where: (call: SlackApiCall) => boolean = () => true): Promise<SlackApiCall> {
  const from = fake.calls.length;
  await action();
  return fake.waitFor(method, (call) => fake.calls.indexOf(call) >= from && where(call));
}

function click(target: Record<string, any>, user = CHAIR) {
  const payload = fixture<Record<string, any>>('bolt-python/block_actions.json');
  payload.user = { ...payload.user, id: user, team_id: TEAM };
  payload.team = { ...payload.team, id: TEAM };
  payload.channel = { id: CHANNEL, name: 'samverkan-uddevalla' };
  payload.container = { ...payload.container, channel_id: CHANNEL, is_ephemeral: false };
  payload.trigger_id = `trigger-${Math.random()}`;
  payload.actions = [{ ...payload.actions[0], action_id: target.action_id, block_id: 'b1', value: target.value, text: target.text }];
  return interaction(payload);
}

const date = (value: string) => ({ type: 'datepicker', selected_date: value });
const text = (value: string) => ({ type: 'plain_text_input', value });
const option = (value: string) => ({ type: 'static_select', selected_option: { text: { type: 'plain_text', text: value }, value } });
const radio = (value: string) => ({ type: 'radio_buttons', selected_option: { text: { type: 'plain_text', text: value }, value } });
const options = (values: string[]) => ({ type: 'multi_static_select', selected_options: values.map((value) => ({ text: { type: 'plain_text', text: value }, value })) });

function submitView(view: Record<string, any>, values: Record<string, Record<string, unknown>>, user = CHAIR) {
  const payload = fixture<Record<string, any>>('bolt-python/view_submission.json');
  payload.team = { ...payload.team, id: TEAM };
  payload.user = { ...payload.user, id: user, team_id: TEAM };
  const state = Object.fromEntries(Object.entries(values).map(([id, value]) => [id, { [id]: value }]));
  payload.view = { ...payload.view, callback_id: view.callback_id, private_metadata: view.private_metadata, blocks: view.blocks, state: { values: state } };
  return interaction(payload);
}
const inputOf = (view: Record<string, any>, id: string) => (view.blocks as Record<string, any>[]).find((b) => b.block_id === id)!;
const optionValue = (view: Record<string, any>, id: string, label: RegExp) =>
  (inputOf(view, id).element.options as { text: { text: string }; value: string }[]).find((o) => label.test(o.text.text))!.value;

describe('the local action plan on Slack over HTTP, proposal to assignment', () => {
  it('walks steps 1–3 as the chair and a member would', async () => {
    // Step 1: the chair starts the analysis; the card asks the channel for proposals.
    const roundModal = (await next('views.open', () => send(command('analys')))).body.view as Record<string, any>;
    expect(roundModal).toMatchObject({ callback_id: 'analysis-round', title: { text: 'Lokal analys' } });
    const analysisCard = await next('chat.postMessage', () => send(submitView(roundModal, { year: text('2027'), proposalDeadline: date('2026-10-02') })), (c) => c.body.channel === CHANNEL);
    expect(visible(analysisCard.body.blocks)[0]).toBe('Lokal analys 2027: förslag till utvecklingsområden');

    // The party organisations and who belongs to which (set in the settings and member forms elsewhere).
    const [group] = await store.groups.list();
    const region = await store.organisations.create({ groupId: group!.id, name: 'Region', kind: 'region' });
    const kommun = await store.organisations.create({ groupId: group!.id, name: 'Kommun', kind: 'kommun' });

    // A member proposes through the card's button.
    const proposalModal = (await next('views.open', () => send(click(button(analysisCard.body.blocks, 'Lämna förslag'), MEMBER)))).body.view as Record<string, any>;
    expect(proposalModal.callback_id).toBe('proposal');
    const empty = await send(submitView(proposalModal, { title: text(''), targetGroup: radio('barn_och_unga'), description: text('x'), obstacles: text('') }, MEMBER));
    expect(empty.json).toEqual({ response_action: 'errors', errors: { title: 'Utvecklingsområde (rubrik) måste fyllas i.' } });
    const saved = await next('chat.postMessage', () =>
      send(submitView(proposalModal, { title: text('Fler SIP för unga'), targetGroup: radio('barn_och_unga'), description: text('SIP i tid'), obstacles: text('Oklart vem som kallar') }, MEMBER)),
    );
    expect(visible(saved.body.blocks).join('\n')).toContain('Cia Kommun lämnade förslaget "Fler SIP för unga" (Barn och unga)');
    const members = await store.members.list({ groupId: group!.id });
    const chair = members.find((m) => m.platformUserId === CHAIR)!;
    const cia = members.find((m) => m.platformUserId === MEMBER)!;
    await store.members.update(chair.id, { organisationId: region.id });
    await store.members.update(cia.id, { organisationId: kommun.id });

    // Step 2: the chair opens the vote; the member votes, over the cap first.
    const votingModal = (await next('views.open', () => send(command('prioritering')))).body.view as Record<string, any>;
    expect(votingModal.callback_id).toBe('voting-round');
    await next('chat.postMessage', () => send(submitView(votingModal, { voteBudget: text('7'), maxVotesPerArea: text('3'), votingDeadline: date('2026-10-20') })));
    const prioritisation = await next('chat.postMessage', () => send(command('prioritering', MEMBER)), (c) => c.body.channel === CHANNEL);
    const ballot = (await next('views.open', () => send(click(button(prioritisation.body.blocks, 'Rösta'), MEMBER)))).body.view as Record<string, any>;
    const areaInput = (ballot.blocks as Record<string, any>[]).find((b) => b.type === 'input')!;
    expect(areaInput.label.text).toBe('Fler SIP för unga (Barn och unga)');
    const overCap = await send(submitView(ballot, { [areaInput.block_id]: text('4') }, MEMBER));
    expect(overCap.json).toEqual({ response_action: 'errors', errors: { [areaInput.block_id]: '"Fler SIP för unga": högst 3 röster på samma område (du lade 4).' } });
    await next('chat.postMessage', () => send(submitView(ballot, { [areaInput.block_id]: text('3') }, MEMBER)));

    // The chair closes the vote and turns the area into an activity tied to the regional plan.
    const open = await next('chat.postMessage', () => send(command('prioritering')), (c) => c.body.channel === CHANNEL);
    const closed = await next('chat.postMessage', () => send(click(button(open.body.blocks, 'Avsluta röstningen'))), (c) => c.body.channel === CHANNEL);
    expect(visible(closed.body.blocks).join('\n')).toContain('1. Fler SIP för unga (Barn och unga): 3 röster');
    const activityModal = (await next('views.open', () => send(click(button(closed.body.blocks, 'Lägg till aktivitet'))))).body.view as Record<string, any>;
    const area = optionValue(activityModal, 'proposalId', /Fler SIP/);
    const goal = optionValue(activityModal, 'goal', /^SIP1 /);
    const added = await next('chat.postMessage', () =>
      send(submitView(activityModal, { proposalId: option(area), title: text(''), description: text(''), targetGroup: radio('barn_och_unga'), startDate: date('2027-01-15'), endDate: date('2027-12-15'), goal: option(goal), status: option('planerad') })),
    );
    expect(visible(added.body.blocks).join('\n')).toContain('Anna Ordförande lade till aktiviteten "Fler SIP för unga" i handlingsplanen 2027: SIP – samordnad individuell plan, mål SIP1');

    // Step 3: the assignment; a working group without the region is refused, then given.
    const assignmentModal = (await next('views.open', () => send(command('uppdrag')))).body.view as Record<string, any>;
    expect(assignmentModal).toMatchObject({ callback_id: 'assignment', title: { text: 'Nytt uppdrag' } });
    const fields = {
      activityId: option(inputOf(assignmentModal, 'activityId').element.initial_option.value),
      title: text('Arbetsgrupp SIP'),
      startDate: date('2027-02-01'),
      endDate: date('2027-11-30'),
      targetGroupText: text('Barn och unga'),
      purpose: text('Fler SIP i tid'),
      activityText: text('Gemensam SIP-rutin'),
      memberIds: options([cia.id]),
      convenerMemberId: option(cia.id),
      reportingKind: radio('before_each_meeting'),
      reportingWeeks: text(''),
      reportingDates: text(''),
      goal: text('Rutin antagen'),
      resources: text(''),
      finalReportForm: text('Skriftlig'),
    };
    const refused = await send(submitView(assignmentModal, fields));
    expect(refused.json).toEqual({ response_action: 'errors', errors: { memberIds: 'Arbetsgruppen ska ha minst en person från vardera huvudmannen. Saknas: Region.' } });
    const documentCard = await next('chat.postMessage', () => send(submitView(assignmentModal, { ...fields, memberIds: options([chair.id, cia.id]) })), (c) => c.body.channel === CHANNEL);
    const shown = visible(documentCard.body.blocks).join('\n');
    expect(shown).toContain('Uppdragshandling: Arbetsgrupp SIP');
    expect(shown).toContain('till arbetsgruppen Anna Ordförande, Cia Kommun. Sammankallande: Cia Kommun.');
    expect(button(documentCard.body.blocks, 'Ladda ner (Word)').url).toMatch(new RegExp(`^${app.url}/exports/assignments/[\\w-]+\\.docx\\?expires=\\d+&signature=`));
    const [assignment] = await store.assignments.list();
    expect(assignment).toMatchObject({ memberIds: [chair.id, cia.id], convenerMemberId: cia.id, reportingForm: { kind: 'before_each_meeting' } });
    expect((await store.members.get(cia.id))!.roles).toContain('sammankallande');

    // The document link serves a real .docx.
    const download = await fetch(button(documentCard.body.blocks, 'Ladda ner (Word)').url);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toContain('wordprocessingml');
    expect(Buffer.from(await download.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
  });
});
