// Step 7, implementering: "Nyttan av arbetet tas tillvara på lämpligt sätt och omsätts i praktisk
// verksamhet." When the chair has accepted the slutrapport (the assignment is closed), follow-ups fall due
// 6 and 12 months after the closure. At every scheduler tick the due ones are derived from the database
// (the acceptance date of the final report), like the report prompts: the group channel gets a prompt
// naming the convener and the chair, with a button to a short form. The answer is stored as the
// ImplementationFollowUp of that assignment and month, and may be changed by answering again.
import { DateTime } from 'luxon';
import { GOAL_MET_ANSWERS, type Assignment, type Group, type ImplementationFollowUp } from '../domain.js';
import type { CardData, FormValues, Reply } from '../events.js';
import type { Store } from '../ports.js';
import { catalog, format, type Catalog } from '../../i18n/index.js';
import { formatLongDate, formatDateTime } from '../dates.js';
import { activeGroups, hasRole, type Dependencies, type GroupContext } from './context.js';
import { chairNames } from './chairs.js';
import { FieldChecker } from './form-checks.js';
import { isWorkingHours } from './plan-due-posts.js';
import { mayReport, reportPeople } from './report-access.js';
import { channelFor, enqueuePrompt } from './report-prompts.js';
import { notice } from './show-help.js';

const FORM = 'follow-up';
/** The guidance sets no interval; half a year and a year after closure show whether the results stuck. */
export const FOLLOW_UP_MONTHS = [6, 12] as const;
/** Follow-ups fall due at 09:00 local time, like the scheduled report dates. */
const DUE_HOUR = 9;

export const followUpPromptKey = (assignmentId: string, monthsAfter: number, linkId: string) => `follow-up-prompt:${assignmentId}:${monthsAfter}:${linkId}`;

export interface FollowUpPromptResult {
  followUpPrompts: number;
}

/** When the assignment was closed: the chair's acceptance of its final report. */
export async function closedAt(store: Store, assignment: Assignment): Promise<Date | null> {
  if (assignment.status !== 'avslutat') return null;
  const accepted = (await store.finalReports.list({ assignmentId: assignment.id })).filter((report) => report.acceptedAt);
  return accepted.at(-1)?.acceptedAt ?? null;
}

/** The moment the follow-up `monthsAfter` months after `closed` falls due, in the group's time zone. */
export function followUpDue(closed: Date, monthsAfter: number, timeZone: string): Date {
  return DateTime.fromJSDate(closed, { zone: timeZone }).plus({ months: monthsAfter }).set({ hour: DUE_HOUR, minute: 0, second: 0, millisecond: 0 }).toJSDate();
}

export async function followUpAnswerOf(store: Store, assignmentId: string, monthsAfter: number): Promise<ImplementationFollowUp | null> {
  return (await store.followUps.list({ assignmentId, monthsAfter })).at(-1) ?? null;
}

/**
 * The follow-up to prompt for at `now`: the latest one that is due. An older one still unanswered is not
 * prompted once a later one is due (a bot installed long after closure asks once, not twice).
 */
export function dueFollowUp(closed: Date, timeZone: string, now: Date): number | null {
  const due = FOLLOW_UP_MONTHS.filter((months) => followUpDue(closed, months, timeZone) <= now);
  return due.at(-1) ?? null;
}

function promptCard(t: Catalog, text: string, assignmentId: string, monthsAfter: number): Extract<Reply, { kind: 'card' }> {
  return {
    kind: 'card',
    card: 'report-prompt',
    data: { t, text, kind: 'follow-up', buttonTitle: t.reports.buttons.fillInFollowUp, args: { assignmentId, reportKind: '', monthsAfter: String(monthsAfter), homeworkId: '' } },
  };
}

async function planForAssignment(store: Store, group: Group, assignment: Assignment, now: Date, result: FollowUpPromptResult): Promise<void> {
  const closed = await closedAt(store, assignment);
  if (!closed) return;
  const monthsAfter = dueFollowUp(closed, group.timeZone, now);
  if (monthsAfter === null || (await followUpAnswerOf(store, assignment.id, monthsAfter))) return;
  const t = catalog(group.locale);
  const [{ convener }, members, links] = await Promise.all([reportPeople(store, assignment), store.members.list({ groupId: group.id }), store.channels.list({ groupId: group.id })]);
  const link = channelFor(links, convener?.platform);
  if (!link) return;
  const text = format(t.reports.prompts.followUp, {
    convener: convener?.displayName ?? t.reports.access.unknownMember,
    chairs: chairNames(members.filter((member) => hasRole(member, 'ordforande')), t),
    title: assignment.title,
    closed: formatLongDate(closed, group.timeZone, group.locale),
    months: monthsAfter,
  });
  const key = followUpPromptKey(assignment.id, monthsAfter, link.id);
  if (await enqueuePrompt(store, group, link, 'follow-up-prompt', key, promptCard(t, text, assignment.id, monthsAfter), now, null)) result.followUpPrompts += 1;
}

/** Every implementation follow-up due at `now`, written to the outbox. Safe to run any number of times. */
export async function planImplementationFollowUps(deps: Dependencies, now: Date): Promise<FollowUpPromptResult> {
  const { store } = deps;
  const result: FollowUpPromptResult = { followUpPrompts: 0 };
  for (const group of await activeGroups(store)) {
    if (!isWorkingHours(now, group.timeZone)) continue;
    for (const assignment of await store.assignments.list({ groupId: group.id, status: 'avslutat' })) {
      await planForAssignment(store, group, assignment, now, result);
    }
  }
  return result;
}

interface FollowUpState {
  assignment: Assignment;
  closed: Date;
  monthsAfter: number;
}

/** The assignment and follow-up a button or form is about, if the member may answer it now. */
async function followUpState(deps: Dependencies, context: GroupContext, values: FormValues): Promise<FollowUpState | Reply> {
  const { store } = deps;
  const { group, member, t } = context;
  const f = t.reports.followUp;
  const assignment = values.assignmentId ? await store.assignments.get(values.assignmentId) : null;
  if (!assignment || assignment.groupId !== group.id) return notice(t, t.reports.access.notFound);
  if (!mayReport(member, assignment) && !hasRole(member, 'ordforande')) return notice(t, f.onlyConvenerOrChair);
  const closed = await closedAt(store, assignment);
  if (!closed) return notice(t, f.notClosed, { title: assignment.title });
  const now = deps.clock.now();
  const asked = Number(values.monthsAfter);
  const monthsAfter = (FOLLOW_UP_MONTHS as readonly number[]).includes(asked) ? asked : (dueFollowUp(closed, group.timeZone, now) ?? FOLLOW_UP_MONTHS[0]);
  const due = followUpDue(closed, monthsAfter, group.timeZone);
  if (due > now) return notice(t, f.notDue, { months: monthsAfter, title: assignment.title, due: formatLongDate(due, group.timeZone, group.locale) });
  return { assignment, closed, monthsAfter };
}

function formData(context: GroupContext, state: FollowUpState, values: FormValues, answeredLine: string): CardData {
  const { group, t } = context;
  const f = t.reports.followUp;
  return {
    t,
    title: format(f.title, { title: state.assignment.title, months: state.monthsAfter }),
    intro: format(f.intro, { closed: formatLongDate(state.closed, group.timeZone, group.locale) }),
    answeredLine,
    values: { inUse: values.inUse ?? '', howUsed: values.howUsed ?? '', nextSteps: values.nextSteps ?? '' },
    inUseChoices: GOAL_MET_ANSWERS.map((answer) => ({ title: f.inUseAnswers[answer], value: answer })),
    context: { assignmentId: state.assignment.id, monthsAfter: String(state.monthsAfter) },
  };
}

/** "Svara på uppföljningen": the short form, prefilled with the earlier answer when there is one. */
export async function openFollowUp(deps: Dependencies, context: GroupContext, args: FormValues): Promise<Reply> {
  const state = await followUpState(deps, context, args);
  if ('kind' in state) return state;
  const answer = await followUpAnswerOf(deps.store, state.assignment.id, state.monthsAfter);
  if (!answer) return { kind: 'form', form: FORM, data: formData(context, state, {}, '') };
  const author = await deps.store.members.get(answer.authorMemberId);
  const line = format(context.t.reports.followUp.answeredLine, {
    date: formatDateTime(answer.createdAt, context.group.timeZone, context.group.locale),
    name: author?.displayName ?? context.t.reports.access.unknownMember,
  });
  return { kind: 'form', form: FORM, data: formData(context, state, { inUse: answer.inUse, howUsed: answer.howUsed, nextSteps: answer.nextSteps }, line) };
}

export function validateFollowUp(t: Catalog, values: FormValues) {
  const f = t.reports.followUp;
  const check = new FieldChecker(t, values, 'follow-up');
  const inUse = check.choice('inUse', f.inUse, GOAL_MET_ANSWERS);
  const howUsed = check.text('howUsed', f.howUsed);
  const nextSteps = check.text('nextSteps', f.nextSteps);
  // "Vad återstår?" matters exactly when the results are not fully in use yet.
  if (inUse && inUse !== 'helt' && !nextSteps && !check.errors.nextSteps) check.fail('nextSteps', f.nextStepsRequired);
  if (!check.ok || !inUse) return { ok: false as const, errors: check.errors };
  return { ok: true as const, value: { inUse, howUsed, nextSteps } };
}

export async function submitFollowUp(deps: Dependencies, context: GroupContext, values: FormValues): Promise<Reply> {
  const state = await followUpState(deps, context, values);
  if ('kind' in state) return state;
  const { t, member, group } = context;
  const result = validateFollowUp(t, values);
  if (!result.ok) return { kind: 'form-errors', form: FORM, data: formData(context, state, values, ''), errors: result.errors };
  // A changed answer replaces the earlier one, so its date and author say who answered last and when.
  await deps.store.transaction(async (store) => {
    const existing = await followUpAnswerOf(store, state.assignment.id, state.monthsAfter);
    if (existing) await store.followUps.delete(existing.id);
    await store.followUps.create({ groupId: group.id, assignmentId: state.assignment.id, monthsAfter: state.monthsAfter, authorMemberId: member.id, ...result.value });
  });
  const f = t.reports.followUp;
  return notice(t, f.saved, { months: state.monthsAfter, title: state.assignment.title, answer: f.inUseAnswers[result.value.inUse] });
}
