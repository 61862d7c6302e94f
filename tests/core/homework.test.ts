// Hemuppgifter between meetings: the chair sends a question set (title, 1–5 questions, deadline) as a card
// with "Svara"; each member answers once and may change it until the deadline (personnummer guard); the
// compiled summary per question is there on demand and posted once for the chair after the deadline.
// In-memory store, fixed clock, the real bot.
import { beforeEach, describe, expect, it } from 'vitest';
import { createBot, type Bot } from '../../src/core/bot.js';
import type { Group, Homework } from '../../src/core/domain.js';
import { parseCommand, type Actor, type InboundEvent, type Reply } from '../../src/core/events.js';
import type { Store } from '../../src/core/ports.js';
import { replyFromPayload } from '../../src/core/delivery.js';
import { planHomeworkSummaries } from '../../src/core/use-cases/homework.js';
import { format } from '../../src/i18n/index.js';
import { sv } from '../../src/i18n/sv.js';
import { actor, slackChannel } from '../support/events.js';
import { fixedClock } from '../support/fixed-clock.js';
import { createInMemoryStore } from '../support/in-memory-store.js';
import { addMember } from '../support/report-fixtures.js';

const clock = fixedClock('2026-11-25T09:00:00Z'); // Wednesday 10:00 in Stockholm
const channel = slackChannel();
const CHAIR = actor();
const BO = actor({ userId: 'U_BO', displayName: 'Bo Ledamot' });
const EVA = actor({ userId: 'U_EVA', displayName: 'Eva Ledamot' });
const h = sv.reports.homework;

let store: Store;
let bot: Bot;
let group: Group;
const deps = () => ({ store, clock, defaults: { locale: 'sv' as const, timeZone: 'Europe/Stockholm' } });

const NEW = { title: 'Samla synpunkter i sak', questions: 'Vilka verksamheter har ni frågat?\nVad saknas i utkastet?', deadline: '2026-12-04' };
const submit = (form: 'new-homework' | 'homework-answer', who: Actor, values: Record<string, string>): Promise<Reply> =>
  bot.handle({ type: 'form-submitted', form, values, channel, actor: who });
const click = (action: Extract<InboundEvent, { type: 'button' }>['action'], who: Actor, args: Record<string, string> = {}): Promise<Reply> =>
  bot.handle({ type: 'button', action, args, channel, actor: who });
const command = (who: Actor, text: string) => bot.handle({ type: 'command', command: parseCommand(text), text, channel, actor: who });
const data = (reply: Reply) => (reply as { data: Record<string, any> }).data;

async function send(): Promise<Homework> {
  await submit('new-homework', CHAIR, NEW);
  return (await store.homework.list()).at(-1)!;
}

beforeEach(async () => {
  clock.set('2026-11-25T09:00:00Z');
  store = createInMemoryStore(clock.now);
  bot = createBot(deps());
  await bot.handle({ type: 'bot-added', channel, actor: CHAIR });
  [group] = (await store.groups.list()) as [Group];
  await addMember(store, group.id, { userId: BO.userId, displayName: BO.displayName });
  await addMember(store, group.id, { userId: EVA.userId, displayName: EVA.displayName });
});

describe('sending a hemuppgift', () => {
  it('is for the chair only, by `hemuppgift ny` or the card button', async () => {
    expect(data(await command(BO, 'hemuppgift ny')).text).toBe(format(h.chairOnly, { chairNames: 'Anna Ordförande' }));
    expect(await submit('new-homework', BO, NEW)).toMatchObject({ card: 'notice' });
    expect(await store.homework.list()).toEqual([]);
    expect(await command(CHAIR, 'hemuppgift ny')).toMatchObject({ kind: 'form', form: 'new-homework' });
    expect(await click('open-new-homework', CHAIR)).toMatchObject({ kind: 'form', form: 'new-homework' });
  });

  it('refuses a missing title, more than five questions and a deadline in the past, keeping what was typed', async () => {
    const typed = { title: '', questions: 'a\nb\nc\nd\ne\nf', deadline: '2026-11-01' };
    const reply = await submit('new-homework', CHAIR, typed);
    expect(reply).toMatchObject({
      kind: 'form-errors',
      errors: {
        title: format(sv.reports.errors.required, { field: h.titleField }),
        questions: format(sv.reports.errors.tooManyQuestions, { max: 5, count: 6 }),
        deadline: format(sv.reports.errors.dateInPast, { field: h.deadlineField, today: '2026-11-25' }),
      },
    });
    expect(data(reply).values).toEqual(typed);
    expect((await submit('new-homework', CHAIR, { ...NEW, deadline: '' }) as any).errors).toEqual({ deadline: format(sv.reports.errors.required, { field: h.deadlineField }) });
    expect((await submit('new-homework', CHAIR, { ...NEW, questions: 'Gäller 19121212-1212' }) as any).errors).toEqual({
      questions: format(sv.reports.errors.identityNumber, { field: h.questionsField }),
    });
    expect(await store.homework.list()).toEqual([]);
  });

  it('stores the question set and posts its card with "Svara", the deadline being the end of that day', async () => {
    const reply = await submit('new-homework', CHAIR, NEW);
    const [homework] = await store.homework.list();
    expect(homework).toMatchObject({ groupId: group.id, title: NEW.title, questions: ['Vilka verksamheter har ni frågat?', 'Vad saknas i utkastet?'], deadline: new Date('2026-12-04T22:59:59.999Z') });
    expect(reply).toMatchObject({ kind: 'card', card: 'homework', data: { open: true, homeworkId: homework!.id, banner: format(h.sent, { chair: 'Anna Ordförande', title: NEW.title, deadline: '4 december 2026' }) } });
    expect(data(reply).questions.map((q: any) => q.text)).toEqual(['Fråga 1: Vilka verksamheter har ni frågat?', 'Fråga 2: Vad saknas i utkastet?']);
    expect(data(reply).countLine).toBe(format(h.summaryIntro, { answered: 0, memberCount: 3, deadline: '4 december 2026' }));
    // `hemuppgift` shows the latest one.
    expect(data(await command(BO, 'hemuppgift'))).toMatchObject({ homeworkId: homework!.id, open: true });
  });

  it('says there is none yet', async () => {
    expect(data(await command(BO, 'hemuppgift'))).toMatchObject({ banner: h.none, homeworkId: '', open: false });
  });
});

describe('answering a hemuppgift', () => {
  it('gives each member a form with one field per question; refuses a personnummer and an empty answer', async () => {
    const homework = await send();
    const form = await click('answer-homework', BO, { homeworkId: homework.id });
    expect(form).toMatchObject({ kind: 'form', form: 'homework-answer', data: { context: { homeworkId: homework.id } } });
    expect(data(form).questions.map((q: any) => [q.id, q.label])).toEqual([
      ['answer_0', 'Fråga 1: Vilka verksamheter har ni frågat?'],
      ['answer_1', 'Fråga 2: Vad saknas i utkastet?'],
    ]);
    expect((await submit('homework-answer', BO, { homeworkId: homework.id, answer_0: '', answer_1: ' ' }) as any).errors).toEqual({ answer_0: h.answerAtLeastOne });
    const refused = await submit('homework-answer', BO, { homeworkId: homework.id, answer_0: 'BUP', answer_1: 'Fallet 19121212-1212' });
    expect(refused).toMatchObject({ kind: 'form-errors', errors: { answer_1: format(sv.reports.errors.identityNumber, { field: 'Fråga 2: Vad saknas i utkastet?' }) } });
    expect(data(refused).questions.map((q: any) => q.value)).toEqual(['BUP', 'Fallet 19121212-1212']);
    expect(await store.homeworkAnswers.list()).toEqual([]);
  });

  it('stores one answer per member, changeable until the deadline, and closed after it', async () => {
    const homework = await send();
    const bo = await store.members.findByPlatformUser(group.id, 'slack', BO.userId);
    const saved = await submit('homework-answer', BO, { homeworkId: homework.id, answer_0: 'BUP och elevhälsan', answer_1: '' });
    expect(saved).toMatchObject({ card: 'homework', data: { banner: format(h.answerSaved, { name: 'Bo Ledamot', title: NEW.title, deadline: '4 december 2026' }) } });
    await submit('homework-answer', BO, { homeworkId: homework.id, answer_0: 'BUP, elevhälsan och socialtjänsten', answer_1: 'Exempel' });
    expect(await store.homeworkAnswers.list()).toMatchObject([{ homeworkId: homework.id, memberId: bo!.id, answers: ['BUP, elevhälsan och socialtjänsten', 'Exempel'] }]);
    expect(data(await click('answer-homework', BO, { homeworkId: homework.id }))).toMatchObject({ yoursNote: format(h.yours, { deadline: '4 december 2026' }) });
    clock.set('2026-12-05T08:00:00Z');
    const closed = format(h.closed, { title: NEW.title, deadline: '4 december 2026' });
    expect(data(await click('answer-homework', BO, { homeworkId: homework.id })).text).toBe(closed);
    expect(data(await submit('homework-answer', BO, { homeworkId: homework.id, answer_0: 'För sent' })).text).toBe(closed);
    expect((await store.homeworkAnswers.list())[0]!.answers[0]).toBe('BUP, elevhälsan och socialtjänsten');
    expect(data(await click('answer-homework', BO, { homeworkId: 'nope' })).text).toBe(h.notFound);
  });
});

describe('the summary', () => {
  it('compiles one text per question with every answer named, on demand', async () => {
    const homework = await send();
    await submit('homework-answer', BO, { homeworkId: homework.id, answer_0: 'BUP', answer_1: '' });
    await submit('homework-answer', EVA, { homeworkId: homework.id, answer_0: 'Elevhälsan', answer_1: 'Exempel från förskolan' });
    const reply = await click('show-homework-summary', CHAIR, { homeworkId: homework.id });
    expect(reply).toMatchObject({ card: 'homework-summary', data: { title: format(h.summaryTitle, { title: NEW.title }), intro: format(h.summaryIntro, { answered: 2, memberCount: 3, deadline: '4 december 2026' }) } });
    expect(data(reply).questions).toEqual([
      { heading: 'Fråga 1: Vilka verksamheter har ni frågat?', text: 'Bo Ledamot: BUP\n\nEva Ledamot: Elevhälsan' },
      { heading: 'Fråga 2: Vad saknas i utkastet?', text: 'Eva Ledamot: Exempel från förskolan' },
    ]);
  });

  it('is posted once to the chair after the deadline, in working hours, and not for long-past deadlines', async () => {
    const homework = await send();
    await submit('homework-answer', BO, { homeworkId: homework.id, answer_0: 'BUP' });
    expect(await planHomeworkSummaries(deps(), clock.now())).toEqual({ homeworkSummaries: 0 });
    clock.set('2026-12-05T08:00:00Z'); // Saturday
    expect(await planHomeworkSummaries(deps(), clock.now())).toEqual({ homeworkSummaries: 0 });
    clock.set('2026-12-07T08:00:00Z'); // Monday 09:00
    expect(await planHomeworkSummaries(deps(), clock.now())).toEqual({ homeworkSummaries: 1 });
    expect(await planHomeworkSummaries(deps(), clock.now())).toEqual({ homeworkSummaries: 0 });
    const [message] = (await store.outbox.list()).filter((m) => m.kind === 'homework');
    const link = (await store.channels.list({ groupId: group.id }))[0]!;
    expect(message).toMatchObject({ channelLinkId: link.id, idempotencyKey: `homework-summary:${homework.id}:${link.id}` });
    const posted = replyFromPayload(message!.payload) as any;
    expect(posted).toMatchObject({ card: 'homework-summary', data: { banner: format(h.summaryBanner, { chairNames: 'Anna Ordförande' }) } });
    expect(posted.data.questions[0].text).toBe('Bo Ledamot: BUP');
    expect(posted.data.questions[1].text).toBe(h.noAnswers);
    // A hemuppgift whose deadline passed weeks ago is not posted any more.
    await store.homework.create({ groupId: group.id, title: 'Gammal', questions: ['?'], deadline: new Date('2026-10-01T21:59:59Z'), createdByMemberId: homework.createdByMemberId });
    expect(await planHomeworkSummaries(deps(), clock.now())).toEqual({ homeworkSummaries: 0 });
  });
});
