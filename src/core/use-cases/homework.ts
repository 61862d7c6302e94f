// Hemuppgifter between meetings (the national programme's working groups do "hemuppgifter" before every
// meeting): the chair sends a question set (a title, one to five questions, a deadline) to the members as a
// card in the group channel with "Svara". Each member answers once and may change the answers until the
// deadline (personal-data guard on every answer). After the deadline the scheduler posts one compiled
// summary per question for the next meeting; anyone may ask for it earlier with `hemuppgift` or the card.
import { DateTime } from 'luxon';
import { mentioning, mentionsOf, seatHolders } from '../mentions.js';
import type { Group, Homework, HomeworkAnswer } from '../domain.js';
import type { CardData, FieldErrors, FormValues, Reply } from '../events.js';
import type { Store } from '../ports.js';
import { outboxRecord } from '../delivery.js';
import { catalog, format, type Catalog } from '../../i18n/index.js';
import { formatLongDate } from '../dates.js';
import { activeGroups, hasRole, type Dependencies, type GroupContext } from './context.js';
import { chairAddress, chairNames } from './chairs.js';
import { compileAnswers } from './compiled-answers.js';
import { FieldChecker } from './form-checks.js';
import { isWorkingHours } from './plan-due-posts.js';
import { notice } from './show-help.js';

export const MAX_QUESTIONS = 5;
const QUESTION_MAX = 300;
/** Summaries are posted for deadlines this recent: a bot started after a long pause does not post old ones. */
const SUMMARY_WINDOW_MS = 14 * 24 * 3_600_000;

const answerField = (index: number) => `answer_${index}`;
export const homeworkSummaryKey = (homeworkId: string, linkId: string) => `homework-summary:${homeworkId}:${linkId}`;

export interface HomeworkSummaryResult {
  homeworkSummaries: number;
}

async function homeworkOf(store: Store, group: Group, id: string | undefined): Promise<Homework | null> {
  const homework = id ? await store.homework.get(id) : null;
  return homework && homework.groupId === group.id ? homework : null;
}

async function answerOf(store: Store, homeworkId: string, memberId: string): Promise<HomeworkAnswer | null> {
  return (await store.homeworkAnswers.list({ homeworkId, memberId }))[0] ?? null;
}

async function chairOnly(store: Store, { group, t }: GroupContext): Promise<Reply> {
  const chairs = (await store.members.list({ groupId: group.id })).filter((m) => hasRole(m, 'ordforande'));
  return notice(t, t.reports.homework.chairOnly, { chairNames: chairNames(chairs, t) });
}

function newFormData(t: Catalog, values: FormValues): CardData {
  const h = t.reports.homework;
  return {
    t,
    questionsPlaceholder: format(h.questionsPlaceholder, { max: MAX_QUESTIONS }),
    values: { title: values.title ?? '', questions: values.questions ?? '', deadline: values.deadline ?? '' },
    context: {},
  };
}

/** "Ny hemuppgift" / `hemuppgift ny`: the chair's form. */
export async function openNewHomework(deps: Dependencies, context: GroupContext): Promise<Reply> {
  if (!hasRole(context.member, 'ordforande')) return chairOnly(deps.store, context);
  return { kind: 'form', form: 'new-homework', data: newFormData(context.t, {}) };
}

export function validateHomework(t: Catalog, values: FormValues, timeZone: string, now: Date) {
  const h = t.reports.homework;
  const check = new FieldChecker(t, values, 'new-homework');
  const title = check.text('title', h.titleField);
  const typed = check.text('questions', h.questionsField);
  const questions = typed.split('\n').map((line) => line.trim()).filter(Boolean);
  if (questions.length > MAX_QUESTIONS) check.fail('questions', format(t.reports.errors.tooManyQuestions, { max: MAX_QUESTIONS, count: questions.length }));
  const tooLong = questions.find((question) => question.length > QUESTION_MAX);
  if (tooLong) check.fail('questions', format(t.reports.errors.tooLong, { field: h.questionsField, max: QUESTION_MAX, length: tooLong.length }));
  const day = check.futureDate('deadline', h.deadlineField, timeZone, now);
  if (!day && !check.errors.deadline) check.fail('deadline', format(t.reports.errors.required, { field: h.deadlineField }));
  if (!check.ok || !day) return { ok: false as const, errors: check.errors };
  // Answers count until the end of the deadline day in the group's time zone.
  const deadline = DateTime.fromJSDate(day, { zone: timeZone }).endOf('day').toJSDate();
  return { ok: true as const, value: { title, questions, deadline } };
}

export async function submitNewHomework(deps: Dependencies, context: GroupContext, values: FormValues): Promise<Reply> {
  const { group, member, t } = context;
  if (!hasRole(member, 'ordforande')) return chairOnly(deps.store, context);
  const result = validateHomework(t, values, group.timeZone, deps.clock.now());
  if (!result.ok) return { kind: 'form-errors', form: 'new-homework', data: newFormData(t, values), errors: result.errors };
  const homework = await deps.store.homework.create({ groupId: group.id, createdByMemberId: member.id, ...result.value });
  const sent = format(t.reports.homework.sent, { chair: member.displayName, title: homework.title, deadline: formatLongDate(homework.deadline, group.timeZone, group.locale) });
  // The members who are to answer are named, so the post reaches them.
  const answering = seatHolders(await deps.store.members.list({ groupId: group.id }), member);
  return mentioning(await homeworkCard(deps, context, homework, sent), mentionsOf(answering, member.platform));
}

/** The homework as a card in the channel: its questions, the deadline, how many answered, and the buttons. */
export async function homeworkCard(deps: Dependencies, { group, member, t }: GroupContext, homework: Homework | null, banner = ''): Promise<Reply> {
  const h = t.reports.homework;
  if (!homework) return { kind: 'card', card: 'homework', data: { t, banner: h.none, title: '', intro: '', questions: [], yoursNote: '', countLine: '', open: false, homeworkId: '' } };
  const now = deps.clock.now();
  const deadline = formatLongDate(homework.deadline, group.timeZone, group.locale);
  const open = homework.deadline > now;
  const [answers, members] = await Promise.all([deps.store.homeworkAnswers.list({ homeworkId: homework.id }), deps.store.members.list({ groupId: group.id })]);
  return {
    kind: 'card',
    card: 'homework',
    data: {
      t,
      banner,
      title: format(h.answerTitle, { title: homework.title }),
      intro: open ? format(h.answerIntro, { deadline }) : format(h.closed, { title: homework.title, deadline }),
      questions: homework.questions.map((question, index) => ({ text: format(h.questionHeading, { number: index + 1, question }) })),
      yoursNote: open && answers.some((answer) => answer.memberId === member.id) ? format(h.yours, { deadline }) : '',
      countLine: format(h.summaryIntro, { answered: answers.length, memberCount: members.length, deadline }),
      open,
      homeworkId: homework.id,
    },
  };
}

/** `hemuppgift`: the latest hemuppgift; `hemuppgift ny` opens the chair's form. */
export async function homeworkCommand(deps: Dependencies, context: GroupContext, input: FormValues): Promise<Reply> {
  const words = (input.text ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(1);
  if (words.some((word) => /^(ny|new|skicka|send)/.test(word))) return openNewHomework(deps, context);
  const latest = (await deps.store.homework.list({ groupId: context.group.id })).at(-1) ?? null;
  return homeworkCard(deps, context, latest);
}

function answerFormData({ group, t }: GroupContext, homework: Homework, values: FormValues, errors: FieldErrors, yoursNote: string): CardData {
  const h = t.reports.homework;
  return {
    t,
    title: format(h.answerTitle, { title: homework.title }),
    intro: format(h.answerIntro, { deadline: formatLongDate(homework.deadline, group.timeZone, group.locale) }),
    yoursNote,
    questions: homework.questions.map((question, index) => ({
      id: answerField(index),
      label: format(h.answerLabel, { number: index + 1, question }),
      value: values[answerField(index)] ?? '',
      error: errors[answerField(index)] ?? '',
    })),
    context: { homeworkId: homework.id },
  };
}

/** The homework a member answers now, or why not (unknown, deadline passed). */
async function openHomework(deps: Dependencies, context: GroupContext, id: string | undefined): Promise<Homework | Reply> {
  const { group, t } = context;
  // Without an id (a Slack modal reopened from its fallback button) the latest hemuppgift is meant.
  const homework = id ? await homeworkOf(deps.store, group, id) : ((await deps.store.homework.list({ groupId: group.id })).at(-1) ?? null);
  if (!homework) return notice(t, t.reports.homework.notFound);
  if (homework.deadline <= deps.clock.now()) return notice(t, t.reports.homework.closed, { title: homework.title, deadline: formatLongDate(homework.deadline, group.timeZone, group.locale) });
  return homework;
}

/** "Svara": the member's answer form, prefilled with their earlier answers. */
export async function answerHomework(deps: Dependencies, context: GroupContext, args: FormValues): Promise<Reply> {
  const homework = await openHomework(deps, context, args.homeworkId);
  if ('kind' in homework) return homework;
  const earlier = await answerOf(deps.store, homework.id, context.member.id);
  const values = Object.fromEntries((earlier?.answers ?? []).map((answer, index) => [answerField(index), answer]));
  const yours = earlier ? format(context.t.reports.homework.yours, { deadline: formatLongDate(homework.deadline, context.group.timeZone, context.group.locale) }) : '';
  return { kind: 'form', form: 'homework-answer', data: answerFormData(context, homework, values, {}, yours) };
}

export async function submitHomeworkAnswer(deps: Dependencies, context: GroupContext, values: FormValues): Promise<Reply> {
  const homework = await openHomework(deps, context, values.homeworkId);
  if ('kind' in homework) return homework;
  const { group, member, t } = context;
  const h = t.reports.homework;
  const check = new FieldChecker(t, values, 'homework-answer');
  const answers = homework.questions.map((question, index) => check.text(answerField(index), format(h.answerLabel, { number: index + 1, question })));
  if (check.ok && answers.every((answer) => !answer)) check.fail(answerField(0), h.answerAtLeastOne);
  if (!check.ok) return { kind: 'form-errors', form: 'homework-answer', data: answerFormData(context, homework, values, check.errors, ''), errors: check.errors };
  await deps.store.transaction(async (store) => {
    const earlier = await answerOf(store, homework.id, member.id);
    if (earlier) await store.homeworkAnswers.update(earlier.id, { answers });
    else await store.homeworkAnswers.create({ homeworkId: homework.id, memberId: member.id, answers });
  });
  const saved = format(h.answerSaved, { name: member.displayName, title: homework.title, deadline: formatLongDate(homework.deadline, group.timeZone, group.locale) });
  return homeworkCard(deps, context, homework, saved);
}

/** One compiled text per question, every answer named, for the next meeting. */
async function summaryReply(store: Store, group: Group, t: Catalog, homework: Homework, banner: string): Promise<Extract<Reply, { kind: 'card' }>> {
  const h = t.reports.homework;
  const [answers, members] = await Promise.all([store.homeworkAnswers.list({ homeworkId: homework.id }), store.members.list({ groupId: group.id })]);
  const nameOf = (id: string) => members.find((m) => m.id === id)?.displayName ?? t.reports.access.unknownMember;
  return {
    kind: 'card',
    card: 'homework-summary',
    data: {
      t,
      banner,
      title: format(h.summaryTitle, { title: homework.title }),
      intro: format(h.summaryIntro, { answered: answers.length, memberCount: members.length, deadline: formatLongDate(homework.deadline, group.timeZone, group.locale) }),
      questions: homework.questions.map((question, index) => ({
        heading: format(h.questionHeading, { number: index + 1, question }),
        text:
          compileAnswers(
            answers.filter((answer) => answer.answers[index]).map((answer) => format(h.answerLine, { name: nameOf(answer.memberId), text: answer.answers[index]! })),
            t.reports.evaluation.more,
          ) || h.noAnswers,
      })),
      homeworkId: homework.id,
    },
  };
}

/** "Visa sammanställningen": the summary on demand, before or after the deadline. */
export async function showHomeworkSummary(deps: Dependencies, context: GroupContext, args: FormValues): Promise<Reply> {
  const homework = await homeworkOf(deps.store, context.group, args.homeworkId);
  if (!homework) return notice(context.t, context.t.reports.homework.notFound);
  return summaryReply(deps.store, context.group, context.t, homework, '');
}

/** After each deadline, the summary once to the chair's channel, through the outbox. */
export async function planHomeworkSummaries(deps: Dependencies, now: Date): Promise<HomeworkSummaryResult> {
  const { store } = deps;
  const result: HomeworkSummaryResult = { homeworkSummaries: 0 };
  for (const group of await activeGroups(store)) {
    if (!isWorkingHours(now, group.timeZone)) continue;
    const ended = (await store.homework.list({ groupId: group.id })).filter((homework) => homework.deadline <= now && now.getTime() - homework.deadline.getTime() < SUMMARY_WINDOW_MS);
    if (ended.length === 0) continue;
    const { chairs, link } = await chairAddress(store, group.id);
    if (!link) continue;
    const t = catalog(group.locale);
    for (const homework of ended) {
      const idempotencyKey = homeworkSummaryKey(homework.id, link.id);
      if ((await store.outbox.list({ idempotencyKey })).length > 0) continue;
      const reply = await summaryReply(store, group, t, homework, format(t.reports.homework.summaryBanner, { chairNames: chairNames(chairs, t) }));
      const created = await store.outbox.enqueue(outboxRecord({ idempotencyKey, kind: 'homework', groupId: group.id, channelLinkId: link.id, meetingId: null, expiresAt: null }, reply, group.locale, now));
      if (created) result.homeworkSummaries += 1;
    }
  }
  return result;
}
