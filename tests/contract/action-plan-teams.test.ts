// Contract test of the local action plan on Teams: one round from proposal to assignment through the REAL
// server and the REAL SQLite store, with Teams-shaped activities over HTTP. Typed commands answer through
// the fake Bot Connector; Action.Execute answers in the invoke response, pressed with the card's own data.
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
import { parserProblems, schemaProblems } from '../support/adaptive-card-checks.js';
import { collectCardTexts, startFakeBotConnector, type FakeBotConnector } from '../support/fake-bot-connector.js';
import { fixedClock } from '../support/fixed-clock.js';
import { CHAIR, MEMBER, botInstalled, cardExecute, message, teamChannel } from '../support/teams-activities.js';

const CARD = 'application/vnd.microsoft.card.adaptive';
const clock = fixedClock('2026-09-14T08:00:00Z');
const channel = teamChannel({ teamName: 'LSG Lysekil' });

let connector: FakeBotConnector;
let app: RunningApp;
let store: Store;
let dir: string;

async function post(activity: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function typed(text: string, user = CHAIR): Promise<Record<string, any>> {
  connector.clear();
  expect((await post(message(channel, connector.serviceUrl, user, text))).status).toBe(200);
  const [attachment] = connector.posts[0]!.activity.attachments ?? [];
  expect(attachment?.contentType).toBe(CARD);
  return attachment!.content as Record<string, any>;
}

async function execute(action: Record<string, any>, inputs: Record<string, string> = {}, user = CHAIR): Promise<Record<string, any>> {
  expect(action.type).toBe('Action.Execute');
  const answer = await post(cardExecute(channel, connector.serviceUrl, user, action.verb, { ...action.data, ...inputs }));
  expect(answer.status).toBe(200);
  expect(answer.body).toMatchObject({ statusCode: 200, type: CARD });
  expect(parserProblems(answer.body.value)).toEqual([]);
  expect(schemaProblems(answer.body.value)).toEqual([]);
  return answer.body.value;
}

function actions(card: unknown): Record<string, any>[] {
  const found: Record<string, any>[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (!value || typeof value !== 'object') return;
    const record = value as Record<string, any>;
    if (typeof record.type === 'string' && record.type.startsWith('Action.')) found.push(record);
    Object.values(record).forEach(walk);
  };
  walk(card);
  return found;
}
const byVerb = (card: unknown, verb: string) => {
  const found = actions(card).find((action) => action.verb === verb);
  if (!found) throw new Error(`no action ${verb} among ${actions(card).map((a) => a.verb).join(', ')}`);
  return found;
};
const texts = (card: unknown) => collectCardTexts(card).join('\n');
/** Every input of a card, nested ones included. */
function inputs(card: unknown): Record<string, any>[] {
  const found: Record<string, any>[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (!value || typeof value !== 'object') return;
    const record = value as Record<string, any>;
    if (typeof record.type === 'string' && record.type.startsWith('Input.')) found.push(record);
    Object.values(record).forEach(walk);
  };
  walk(card);
  return found;
}
const choiceValue = (card: unknown, id: string, label: RegExp) =>
  (inputs(card).find((input) => input.id === id)!.choices as { title: string; value: string }[]).find((c) => label.test(c.title))!.value;

beforeAll(async () => {
  connector = await startFakeBotConnector();
  connector.addMember({ ...CHAIR, givenName: 'Anna', surname: 'Ordförande' });
  dir = mkdtempSync(join(tmpdir(), 'samverkansbot-plan-teams-'));
  const databaseUrl = `file:${join(dir, 'teams.db')}`;
  await migrateDatabase(databaseUrl);
  store = createStore(databaseUrl);
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl, SCHEDULER_ENABLED: 'false' });
  app = await startApp({ config, store, logger: createLogger('silent'), clock });
  expect((await post(botInstalled(channel, connector.serviceUrl, CHAIR))).status).toBe(200);
});

afterAll(async () => {
  await app?.close();
  await store?.close();
  await connector?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the local action plan on Teams over HTTP, proposal to assignment', () => {
  it('walks steps 1–3 as the chair and a member would', async () => {
    // Step 1: "@Samverkansbot analys" gives the chair the form; the answer is the card asking for proposals.
    const roundForm = await typed('analys');
    expect(texts(roundForm)).toContain('Starta lokal analys');
    const analysis = await execute(byVerb(roundForm, 'analysis-round'), { year: '2027', proposalDeadline: '2026-10-02' });
    expect(texts(analysis)).toContain('Lokal analys 2027: förslag till utvecklingsområden');

    const [group] = await store.groups.list();
    const region = await store.organisations.create({ groupId: group!.id, name: 'Region', kind: 'region' });
    const kommun = await store.organisations.create({ groupId: group!.id, name: 'Kommun', kind: 'kommun' });

    const proposalForm = await execute(byVerb(analysis, 'open-proposal'), {}, MEMBER);
    const refused = await execute(byVerb(proposalForm, 'proposal'), { title: 'SIP', targetGroup: '', description: 'Fler SIP' }, MEMBER);
    expect(texts(refused)).toContain('Målgrupp måste fyllas i.');
    expect(inputs(refused).find((input) => input.id === 'title')!.value).toBe('SIP');
    const saved = await execute(byVerb(refused, 'proposal'), { title: 'Fler SIP för unga', targetGroup: 'barn_och_unga', description: 'SIP i tid', obstacles: 'Oklart vem som kallar' }, MEMBER);
    expect(texts(saved)).toContain('Bo Ledamot lämnade förslaget "Fler SIP för unga" (Barn och unga)');
    const members = await store.members.list({ groupId: group!.id });
    const chair = members.find((m) => m.displayName === CHAIR.name)!;
    const bo = members.find((m) => m.displayName === MEMBER.name)!;
    await store.members.update(chair.id, { organisationId: region.id });
    await store.members.update(bo.id, { organisationId: kommun.id });

    // Step 2: open the vote, a ballot over the budget is refused, then counted; the chair closes.
    const votingForm = await typed('prioritering');
    await execute(byVerb(votingForm, 'voting-round'), { voteBudget: '2', maxVotesPerArea: '2', votingDeadline: '2026-10-20' });
    const card = await typed('prioritering', MEMBER);
    const ballot = await execute(byVerb(card, 'open-ballot'), {}, MEMBER);
    const area = inputs(ballot)[0]!;
    expect(area.label).toBe('Fler SIP för unga (Barn och unga)');
    const overBudget = await execute(byVerb(ballot, 'ballot'), { [area.id]: '3' }, MEMBER);
    expect(texts(overBudget)).toContain('"Fler SIP för unga": högst 2 röster på samma område (du lade 3).');
    expect(texts(await execute(byVerb(overBudget, 'ballot'), { [area.id]: '2' }, MEMBER))).toContain('Bo Ledamot har lämnat sin röstsedel (2 av 2 röster)');
    const closed = await execute(byVerb(await typed('prioritering'), 'close-voting'));
    expect(texts(closed)).toContain('1. Fler SIP för unga (Barn och unga): 2 röster');

    const activityForm = await execute(byVerb(closed, 'open-activity'));
    const added = await execute(byVerb(activityForm, 'activity'), {
      proposalId: choiceValue(activityForm, 'proposalId', /Fler SIP/),
      targetGroup: 'barn_och_unga',
      startDate: '2027-01-15',
      endDate: '2027-12-15',
      goal: choiceValue(activityForm, 'goal', /^SIP1 /),
      status: 'planerad',
    });
    expect(texts(added)).toContain('lade till aktiviteten "Fler SIP för unga" i handlingsplanen 2027');

    // Step 3: the assignment from the plan card's button.
    const plan = await typed('plan');
    expect(texts(plan)).toContain('SIP SIP – samordnad individuell plan');
    const assignmentForm = await execute(byVerb(plan, 'open-assignment'));
    const values = {
      activityId: inputs(assignmentForm).find((input) => input.id === 'activityId')!.value,
      title: 'Arbetsgrupp SIP',
      startDate: '2027-02-01',
      endDate: '2027-11-30',
      targetGroupText: 'Barn och unga',
      purpose: 'Fler SIP i tid',
      activityText: 'Gemensam SIP-rutin',
      memberIds: `${chair.id},${bo.id}`,
      convenerMemberId: `${chair.id},${bo.id}`,
      reportingKind: 'dates',
      reportingDates: '2027-05-01\n2027-09-01',
      goal: 'Rutin antagen',
      finalReportForm: 'Skriftlig',
    };
    const twoConveners = await execute(byVerb(assignmentForm, 'assignment'), values);
    expect(texts(twoConveners)).toContain('Välj exakt en sammankallande.');
    const document = await execute(byVerb(twoConveners, 'assignment'), { ...values, convenerMemberId: bo.id });
    expect(texts(document)).toContain('Uppdragshandling: Arbetsgrupp SIP');
    expect(texts(document)).toContain('Former för avrapportering: på datumen 2027-05-01, 2027-09-01');
    const [assignment] = await store.assignments.list();
    expect(assignment).toMatchObject({ convenerMemberId: bo.id, reportingForm: { kind: 'dates', dates: ['2027-05-01', '2027-09-01'] } });

    // Step 4 starts from the same card: the convener's implementation plan.
    const implementation = await execute(byVerb(document, 'open-implementation-plan'), {}, MEMBER);
    const savedPlan = await execute(byVerb(implementation, 'implementation-plan'), { subGoals: 'Kartläggning klar | Bo | 2027-04-30', tasks: '', indicators: '' }, MEMBER);
    expect(texts(savedPlan)).toContain('Bo Ledamot sparade genomförandeplanen för "Arbetsgrupp SIP"');
    expect(texts(await execute(byVerb(document, 'open-implementation-plan'), {}, CHAIR))).toContain('Bara uppdragets sammankallande (Bo Ledamot)');
  });
});
