// Step 8, utvärdering: the guidance's questions as a form any member answers once per year (editable,
// drafts, personnummer guard), reachable by `utvärdering` and from the closed assignment's card, and the
// compiled card of a group and year per question, named. In-memory store, fixed clock, the real bot.
import { beforeEach, describe, expect, it } from 'vitest';
import { createBot, type Bot } from '../../src/core/bot.js';
import type { Group } from '../../src/core/domain.js';
import { parseCommand, type Actor, type Reply } from '../../src/core/events.js';
import type { Store } from '../../src/core/ports.js';
import { compileAnswers } from '../../src/core/use-cases/compiled-answers.js';
import { format } from '../../src/i18n/index.js';
import { sv } from '../../src/i18n/sv.js';
import { actor, slackChannel } from '../support/events.js';
import { fixedClock } from '../support/fixed-clock.js';
import { createInMemoryStore } from '../support/in-memory-store.js';
import { addAssignment, addMember, VALID_FINAL } from '../support/report-fixtures.js';
import { testRegion } from '../support/test-region.js';

const clock = fixedClock('2026-11-25T09:00:00Z');
const channel = slackChannel();
const CHAIR = actor();
const CILLA = actor({ userId: 'U_CILLA', displayName: 'Cilla Sammankallande' });
const BO = actor({ userId: 'U_BO', displayName: 'Bo Ledamot' });
const e = sv.reports.evaluation;

let store: Store;
let bot: Bot;
let group: Group;

const VALID = {
  learnedChildrenAndYouth: 'Tidiga insatser i skolan når fler barn.',
  learnedAdults: '',
  learnedPrevention: 'Föräldrastöd förebygger mer än vi trodde.',
  learnedCollaboration: 'En gemensam rutin gör det lättare att ringa varandra.',
};

const command = (who: Actor, text = 'utvärdering'): Promise<Reply> => bot.handle({ type: 'command', command: parseCommand(text), text, channel, actor: who });
const submit = (who: Actor, values: Record<string, string>): Promise<Reply> =>
  bot.handle({ type: 'form-submitted', form: 'evaluation', values: { year: '2026', draftForm: 'evaluation', ...values }, channel, actor: who });
const data = (reply: Reply) => (reply as { data: Record<string, any> }).data;

beforeEach(async () => {
  clock.set('2026-11-25T09:00:00Z');
  store = createInMemoryStore(clock.now);
  bot = createBot({ region: testRegion(), store, clock, defaults: { locale: 'sv', timeZone: 'Europe/Stockholm' } });
  await bot.handle({ type: 'bot-added', channel, actor: CHAIR });
  [group] = (await store.groups.list()) as [Group];
});

describe('utvärdering', () => {
  it('is the command utvärdering (also typed without ring and dots, or in English)', () => {
    expect(['utvärdering', 'Utvardering', 'evaluation', 'utvärdera'].map(parseCommand)).toEqual(['utvardering', 'utvardering', 'utvardering', 'utvardering']);
  });

  it('opens this year\'s form with the guidance questions for any member', async () => {
    const reply = await command(BO);
    expect(reply).toMatchObject({ kind: 'form', form: 'evaluation', data: { title: format(e.title, { year: 2026 }), context: { year: '2026', draftForm: 'evaluation' } } });
    expect(data(reply).values).toEqual({ learnedChildrenAndYouth: '', learnedAdults: '', learnedPrevention: '', learnedCollaboration: '' });
  });

  it('refuses an empty evaluation and a personnummer naming the field; the form keeps everything, the draft is masked', async () => {
    expect(await submit(BO, { learnedChildrenAndYouth: ' ', learnedAdults: '', learnedPrevention: '', learnedCollaboration: '' })).toMatchObject({
      kind: 'form-errors',
      errors: { learnedChildrenAndYouth: e.atLeastOne },
    });
    const typed = { ...VALID, learnedAdults: 'Som med 19121212-1212 i fjol' };
    const reply = await submit(BO, typed);
    expect(reply).toMatchObject({ kind: 'form-errors', errors: { learnedAdults: format(sv.reports.errors.identityNumber, { field: e.learnedAdults }) } });
    expect(Object.keys((reply as any).errors)).toEqual(['learnedAdults']);
    expect(data(reply).values).toEqual(typed);
    expect(await store.evaluations.list()).toEqual([]);
    expect((await store.formDrafts.list())[0]!.values.learnedAdults).toBe('Som med XXXXXXXX-XXXX i fjol');
    // Reopening continues the draft.
    const reopened = await command(BO);
    expect(data(reopened).values.learnedPrevention).toBe(VALID.learnedPrevention);
    expect(data(reopened).draftNote).toMatch(/^Du fortsätter ett sparat utkast, senast ändrat .* av Bo Ledamot\.$/);
  });

  it('keeps a draft with "Spara utkast" without storing an evaluation', async () => {
    const reply = await bot.handle({ type: 'button', action: 'save-draft', args: { draftForm: 'evaluation', year: '2026', learnedPrevention: 'Halvfärdig tanke' }, channel, actor: BO });
    expect(reply).toMatchObject({ card: 'report-prompt', data: { kind: 'evaluation', text: format(sv.reports.draftSaved, { what: 'utvärdering' }) } });
    expect((await store.formDrafts.list())[0]!.values).toEqual({ learnedPrevention: 'Halvfärdig tanke' });
    expect(await store.evaluations.list()).toEqual([]);
  });

  it('stores one evaluation per member and year; answering again changes it', async () => {
    const bo = await addMember(store, group.id, { userId: BO.userId, displayName: BO.displayName });
    const reply = await submit(BO, VALID);
    expect(reply).toMatchObject({ card: 'evaluations', data: { banner: format(e.saved, { name: 'Bo Ledamot', year: 2026 }) } });
    await submit(BO, { ...VALID, learnedAdults: 'Vuxna söker hjälp sent.' });
    const stored = await store.evaluations.list();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ groupId: group.id, year: 2026, authorMemberId: bo.id, ...VALID, learnedAdults: 'Vuxna söker hjälp sent.' });
    expect(await store.formDrafts.list()).toEqual([]);
    expect(data(await command(BO))).toMatchObject({ yoursNote: format(e.yours, { year: 2026 }), values: { learnedAdults: 'Vuxna söker hjälp sent.' } });
    // A new year is a new evaluation.
    clock.set('2027-01-15T09:00:00Z');
    expect(data(await command(BO)).values.learnedAdults).toBe('');
    await submit(BO, VALID);
    expect((await store.evaluations.list()).map((evaluation) => evaluation.year)).toEqual([2026, 2027]);
  });

  it('compiles every answer of the group and year per question, named, and says when there are none', async () => {
    expect(data(await command(CHAIR, 'utvärdering visa'))).toMatchObject({ countLine: format(e.empty, { year: 2026 }), questions: [] });
    await submit(BO, VALID);
    await submit(CHAIR, { ...VALID, learnedChildrenAndYouth: '', learnedAdults: 'Ensamhet bland äldre.' });
    const card = await command(CILLA, 'utvärdering visa 2026');
    expect(card).toMatchObject({ kind: 'card', card: 'evaluations', data: { title: format(e.summaryTitle, { year: 2026, groupName: group.name }), countLine: format(e.summaryCount, { count: 2 }) } });
    expect(data(card).questions).toEqual([
      { heading: e.learnedChildrenAndYouth, text: `Bo Ledamot: ${VALID.learnedChildrenAndYouth}` },
      { heading: e.learnedAdults, text: 'Anna Ordförande: Ensamhet bland äldre.' },
      { heading: e.learnedPrevention, text: `Bo Ledamot: ${VALID.learnedPrevention}\n\nAnna Ordförande: ${VALID.learnedPrevention}` },
      { heading: e.learnedCollaboration, text: `Bo Ledamot: ${VALID.learnedCollaboration}\n\nAnna Ordförande: ${VALID.learnedCollaboration}` },
    ]);
    expect(data(await bot.handle({ type: 'button', action: 'show-evaluations', args: { year: '2025' }, channel, actor: BO })).questions).toEqual([]);
  });

  it('is offered on the closed assignment\'s card once the chair accepted the slutrapport', async () => {
    const cilla = await addMember(store, group.id, { userId: CILLA.userId, displayName: CILLA.displayName, roles: ['sammankallande'] });
    const { assignment } = await addAssignment(store, group.id, { convener: cilla });
    const pending = await bot.handle({ type: 'form-submitted', form: 'final-report', values: { assignmentId: assignment.id, draftForm: 'final-report', ...VALID_FINAL }, channel, actor: CILLA });
    expect(data(pending).canEvaluate).toBe(false);
    const [report] = await store.finalReports.list();
    const accepted = await bot.handle({ type: 'button', action: 'accept-final-report', args: { finalReportId: report!.id }, channel, actor: CHAIR });
    expect(data(accepted).canEvaluate).toBe(true);
    expect(await bot.handle({ type: 'button', action: 'open-evaluation', args: {}, channel, actor: CILLA })).toMatchObject({ kind: 'form', form: 'evaluation' });
  });
});

describe('compileAnswers', () => {
  it('stops before the card limit and says how many answers did not fit', () => {
    const lines = Array.from({ length: 5 }, (_, index) => `Person ${index}: ${'x'.repeat(900)}`);
    const text = compileAnswers(lines, e.more);
    expect(text.length).toBeLessThanOrEqual(3000);
    expect(text.endsWith(format(e.more, { count: 2 }))).toBe(true);
    expect(compileAnswers(['a', 'b'], e.more)).toBe('a\n\nb');
  });
});
