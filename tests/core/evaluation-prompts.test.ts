// Step 8 arrives by itself: after an assignment is closed, and once a year in December, the group channel is
// asked to answer the year's evaluation, once each, in working hours. In-memory store, fixed clock, real bot.
import { beforeEach, describe, expect, it } from 'vitest';
import { createBot, type Bot } from '../../src/core/bot.js';
import type { Assignment, Group, Member } from '../../src/core/domain.js';
import type { Store } from '../../src/core/ports.js';
import { replyFromPayload } from '../../src/core/delivery.js';
import { planEvaluationPrompts } from '../../src/core/use-cases/evaluation-prompts.js';
import { format } from '../../src/i18n/index.js';
import { sv } from '../../src/i18n/sv.js';
import { actor, slackChannel } from '../support/events.js';
import { fixedClock } from '../support/fixed-clock.js';
import { createInMemoryStore } from '../support/in-memory-store.js';
import { addAssignment, addMember, VALID_FINAL } from '../support/report-fixtures.js';

const clock = fixedClock('2026-11-25T09:00:00Z'); // Wednesday 10:00 in Stockholm
const channel = slackChannel();
const CHAIR = actor();
const CILLA = actor({ userId: 'U_CILLA', displayName: 'Cilla Sammankallande' });

let store: Store;
let bot: Bot;
let group: Group;
let cilla: Member;
let assignment: Assignment;
const deps = () => ({ store, clock, defaults: { locale: 'sv' as const, timeZone: 'Europe/Stockholm' } });

async function close(): Promise<void> {
  await bot.handle({ type: 'form-submitted', form: 'final-report', values: { assignmentId: assignment.id, draftForm: 'final-report', ...VALID_FINAL }, channel, actor: CILLA });
  const [report] = await store.finalReports.list();
  await bot.handle({ type: 'button', action: 'accept-final-report', args: { finalReportId: report!.id }, channel, actor: CHAIR });
}

async function prompts() {
  return (await store.outbox.list({ kind: 'evaluation-prompt' })).map((message) => replyFromPayload(message.payload));
}

beforeEach(async () => {
  clock.set('2026-11-25T09:00:00Z');
  store = createInMemoryStore(clock.now);
  bot = createBot(deps());
  await bot.handle({ type: 'bot-added', channel, actor: CHAIR });
  [group] = (await store.groups.list()) as [Group];
  cilla = await addMember(store, group.id, { userId: CILLA.userId, displayName: CILLA.displayName, roles: ['sammankallande'] });
  ({ assignment } = await addAssignment(store, group.id, { convener: cilla }));
});

describe('planEvaluationPrompts', () => {
  it('asks the group to evaluate once after an assignment is closed, with the button to the form', async () => {
    expect(await planEvaluationPrompts(deps(), clock.now())).toEqual({ evaluationPrompts: 0 });
    await close();
    clock.advance(60 * 60 * 1000);
    expect(await planEvaluationPrompts(deps(), clock.now())).toEqual({ evaluationPrompts: 1 });
    expect(await planEvaluationPrompts(deps(), clock.now())).toEqual({ evaluationPrompts: 0 });
    const [reply] = await prompts();
    expect(reply).toMatchObject({
      kind: 'card',
      card: 'report-prompt',
      data: { kind: 'evaluation', buttonTitle: sv.reports.buttons.fillInEvaluation, text: format(sv.reports.prompts.evaluationAfterClosure, { title: assignment.title }) },
    });
    // The button opens the evaluation form for whoever presses it.
    const form = await bot.handle({ type: 'button', action: 'open-evaluation', args: {}, channel, actor: CHAIR });
    expect(form).toMatchObject({ kind: 'form', form: 'evaluation' });
  });

  it('does not ask about assignments closed more than 30 days ago', async () => {
    await close();
    clock.set('2027-01-12T09:00:00Z');
    expect(await planEvaluationPrompts(deps(), clock.now())).toEqual({ evaluationPrompts: 0 });
  });

  it('asks once a year in December, and only in working hours', async () => {
    clock.set('2026-12-01T05:00:00Z'); // 06:00 local: too early
    expect(await planEvaluationPrompts(deps(), clock.now())).toEqual({ evaluationPrompts: 0 });
    clock.set('2026-12-01T09:00:00Z');
    expect(await planEvaluationPrompts(deps(), clock.now())).toEqual({ evaluationPrompts: 1 });
    clock.set('2026-12-15T09:00:00Z');
    expect(await planEvaluationPrompts(deps(), clock.now())).toEqual({ evaluationPrompts: 0 });
    const [reply] = await prompts();
    expect(JSON.stringify(reply)).toContain('Året 2026 går mot sitt slut');
    clock.set('2027-12-01T09:00:00Z');
    expect(await planEvaluationPrompts(deps(), clock.now())).toEqual({ evaluationPrompts: 1 });
  });
});
