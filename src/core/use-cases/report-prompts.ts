// Prompts for avrapportering, derived from the database at every scheduler tick (like plan-due-posts.ts):
// following each assignment's reporting form (before each meeting, every n weeks, on given dates), the
// convener (and the ersättare) get a prompt with a fill-in button, privately where the bot can reach them
// (else in the group's channel, naming them), group.reportPromptDaysBefore days before
// the report is due, a reminder a day before when it is still missing, and a prompt for the slutrapport
// as the assignment's end date nears. Every post goes through the outbox under an idempotency key, so any
// number of ticks and instances post each prompt once. The lead wires planReportPrompts into the tick.
import { DateTime } from 'luxon';
import type { Assignment, ChannelLink, Group, Meeting, Member, OutboxKind } from '../domain.js';
import type { Reply } from '../events.js';
import type { Store } from '../ports.js';
import { outboxRecord, recipientOf } from '../delivery.js';
import { mentioning, mentionsOf } from '../mentions.js';
import { catalog, format, type Catalog } from '../../i18n/index.js';
import { formatLongDate, formatDateTime } from '../dates.js';
import { activeGroups, type Dependencies } from './context.js';
import { isWorkingHours } from './plan-due-posts.js';
import { reportPeople } from './report-access.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Scheduled report dates (every n weeks, fixed dates) fall due at 09:00 local time. */
const DUE_HOUR = 9;

export const reportPromptKeys = {
  prompt: (assignmentId: string, due: Date, linkId: string) => `report-prompt:${assignmentId}:${due.toISOString()}:${linkId}`,
  reminder: (assignmentId: string, due: Date, linkId: string) => `report-reminder:${assignmentId}:${due.toISOString()}:${linkId}`,
  final: (assignmentId: string, linkId: string) => `final-report-prompt:${assignmentId}:${linkId}`,
} as const;

export interface ReportPromptResult {
  prompts: number;
  reminders: number;
  finalPrompts: number;
}

export interface DuePeriod {
  /** When the report is needed: before the standing item of a meeting, or on a scheduled date. */
  due: Date;
  /** A report submitted after this counts for the period. */
  since: Date;
}

/**
 * Every due moment of an assignment's reporting form, oldest first. "Före varje möte" is due when the
 * meeting's standing item is posted (standingItemHoursBefore before it), so the report is on it.
 */
export function reportDueDates(assignment: Assignment, group: Group, meetings: Meeting[]): Date[] {
  const form = assignment.reportingForm;
  const start = DateTime.fromJSDate(assignment.startDate, { zone: group.timeZone }).startOf('day');
  const end = DateTime.fromJSDate(assignment.endDate, { zone: group.timeZone }).endOf('day');
  if (form.kind === 'before_each_meeting') {
    return meetings
      .filter((meeting) => !meeting.cancelled && meeting.startsAt > assignment.startDate && meeting.startsAt <= end.toJSDate())
      .map((meeting) => new Date(meeting.startsAt.getTime() - group.standingItemHoursBefore * HOUR_MS))
      .sort((a, b) => a.getTime() - b.getTime());
  }
  const days =
    form.kind === 'dates'
      ? form.dates.map((date) => DateTime.fromISO(date, { zone: group.timeZone }))
      : Array.from({ length: form.weeks > 0 ? Math.floor(end.diff(start, 'weeks').weeks / form.weeks) : 0 }, (_, index) => start.plus({ weeks: form.weeks * (index + 1) }));
  return days
    .filter((day) => day.isValid)
    .map((day) => day.set({ hour: DUE_HOUR, minute: 0, second: 0, millisecond: 0 }).toJSDate())
    .sort((a, b) => a.getTime() - b.getTime());
}

/** The first period not yet past at `now`, with the moment its reports count from. */
function currentPeriod(assignment: Assignment, dues: Date[], now: Date): DuePeriod | null {
  const index = dues.findIndex((due) => due > now);
  if (index < 0) return null;
  return { due: dues[index]!, since: dues[index - 1] ?? assignment.startDate };
}

/**
 * The progress report `assignment` owes at `now`: its current period, from the moment the prompt goes out
 * (group.reportPromptDaysBefore before it is due) until a first report for that period is in; else null.
 * The prompts and "mina uppgifter" both ask this, so they never disagree.
 */
export async function progressReportDue(store: Store, group: Group, assignment: Assignment, meetings: Meeting[], now: Date): Promise<DuePeriod | null> {
  const period = currentPeriod(assignment, reportDueDates(assignment, group, meetings), now);
  if (!period || now.getTime() < period.due.getTime() - group.reportPromptDaysBefore * DAY_MS) return null;
  const reports = await store.progressReports.list({ assignmentId: assignment.id, submitted: true });
  // The first version of a report counts for the period it was sent in; corrections do not.
  const reported = reports.some((report) => report.correctsReportId === null && report.submittedAt && report.submittedAt > period.since);
  return reported ? null : period;
}

/** Whether the slutrapport is asked for at `now`: from the same lead time before the end date, while none is submitted. */
export async function finalReportDue(store: Store, group: Group, assignment: Assignment, now: Date): Promise<boolean> {
  if (now.getTime() < assignment.endDate.getTime() - group.reportPromptDaysBefore * DAY_MS) return false;
  return (await store.finalReports.list({ assignmentId: assignment.id })).length === 0;
}

/** The channel the convener reads: the group's oldest channel on the convener's platform, else its oldest. */
export function channelFor(links: ChannelLink[], platform: string | undefined): ChannelLink | null {
  return links.find((link) => link.platform === platform) ?? links[0] ?? null;
}

function promptCard(t: Catalog, text: string, assignmentId: string, reportKind: 'progress' | 'final'): Extract<Reply, { kind: 'card' }> {
  return {
    kind: 'card',
    card: 'report-prompt',
    data: {
      t,
      text,
      kind: 'report',
      buttonTitle: reportKind === 'final' ? t.reports.buttons.fillInFinal : t.reports.buttons.fillIn,
      args: { assignmentId, reportKind, monthsAfter: '', homeworkId: '' },
    },
  };
}

/**
 * Enqueues a prompt under its idempotency key, privately to `recipient` when given; false when it was
 * planned before.
 */
export async function enqueuePrompt(
  store: Store,
  group: Group,
  link: ChannelLink,
  kind: OutboxKind,
  idempotencyKey: string,
  reply: Extract<Reply, { kind: 'card' }>,
  now: Date,
  expiresAt: Date | null,
  recipient?: Member,
): Promise<boolean> {
  if ((await store.outbox.list({ idempotencyKey })).length > 0) return false;
  const created = await store.outbox.enqueue(
    outboxRecord({ idempotencyKey, kind, groupId: group.id, channelLinkId: link.id, meetingId: null, expiresAt }, reply, group.locale, now, recipient ? recipientOf(recipient) : undefined),
  );
  return created !== null;
}

/** Whether a private post reaches the member: Slack opens a DM with any user; Teams needs their 29: id. */
export function reachablePrivately(member: Member): boolean {
  return member.platform === 'slack' || Boolean(member.chatUserId);
}

/** Who reports on an assignment and how the prompt names them ("Cilla (eller ersättaren Sven)"). */
interface Reporters {
  text: string;
  people: Member[];
}

async function reporters(store: Store, assignment: Assignment, t: Catalog): Promise<Reporters> {
  const { convener, substitutes } = await reportPeople(store, assignment);
  const convenerName = convener?.displayName ?? t.reports.access.unknownMember;
  const text = substitutes.length
    ? format(t.reports.prompts.names, { convener: convenerName, substitute: substitutes.map((m) => m.displayName).join(', ') })
    : convenerName;
  return { text, people: convener ? [convener, ...substitutes] : substitutes };
}

/**
 * One prompt for the people who report: privately to each of them (the convener's prompts are theirs,
 * not the group's), or, when one of them cannot be reached privately (a Teams member the bot never met),
 * once in the group's channel naming them all, as before. `key` is the channel post's key; a private
 * post's adds the member, and none is made when the channel post exists (planned before an upgrade).
 */
async function enqueueForReporters(
  store: Store,
  group: Group,
  links: ChannelLink[],
  who: Reporters,
  kind: OutboxKind,
  key: (link: ChannelLink) => string,
  reply: Extract<Reply, { kind: 'card' }>,
  now: Date,
  expiresAt: Date | null,
): Promise<boolean> {
  const channelLink = channelFor(links, who.people[0]?.platform);
  if (!channelLink) return false;
  const privately = who.people.length > 0 && who.people.every(reachablePrivately);
  // In the channel, the people who report are named so that the post reaches them.
  if (!privately) return enqueuePrompt(store, group, channelLink, kind, key(channelLink), mentioning(reply, mentionsOf(who.people, channelLink.platform)) as typeof reply, now, expiresAt);
  if ((await store.outbox.list({ idempotencyKey: key(channelLink) })).length > 0) return false;
  let any = false;
  for (const person of who.people) {
    const link = channelFor(links, person.platform);
    if (link && (await enqueuePrompt(store, group, link, kind, `${key(link)}:${person.id}`, reply, now, expiresAt, person))) any = true;
  }
  return any;
}

async function planForAssignment(store: Store, group: Group, assignment: Assignment, meetings: Meeting[], links: ChannelLink[], now: Date, result: ReportPromptResult): Promise<void> {
  const t = catalog(group.locale);
  const leadMs = group.reportPromptDaysBefore * DAY_MS;
  const who = await reporters(store, assignment, t);

  const period = await progressReportDue(store, group, assignment, meetings, now);
  if (period) {
    const due = formatDateTime(period.due, group.timeZone, group.locale);
    const reminderAt = period.due.getTime() - DAY_MS;
    // A reminder only when the prompt came earlier than a day before: otherwise they would coincide.
    if (now.getTime() >= reminderAt && leadMs > DAY_MS) {
      const text = format(t.reports.prompts.reminder, { names: who.text, title: assignment.title, due });
      const key = (link: ChannelLink) => reportPromptKeys.reminder(assignment.id, period.due, link.id);
      if (await enqueueForReporters(store, group, links, who, 'report-reminder', key, promptCard(t, text, assignment.id, 'progress'), now, period.due)) result.reminders += 1;
    } else {
      const text = format(t.reports.prompts.progress, { names: who.text, title: assignment.title, due });
      const key = (link: ChannelLink) => reportPromptKeys.prompt(assignment.id, period.due, link.id);
      if (await enqueueForReporters(store, group, links, who, 'report-prompt', key, promptCard(t, text, assignment.id, 'progress'), now, period.due)) result.prompts += 1;
    }
  }

  // The slutrapport: from reportPromptDaysBefore before the end date, once, while none is submitted.
  if (await finalReportDue(store, group, assignment, now)) {
    const text = format(t.reports.prompts.final, { names: who.text, title: assignment.title, end: formatLongDate(assignment.endDate, group.timeZone, group.locale) });
    const key = (link: ChannelLink) => reportPromptKeys.final(assignment.id, link.id);
    if (await enqueueForReporters(store, group, links, who, 'report-prompt', key, promptCard(t, text, assignment.id, 'final'), now, null)) result.finalPrompts += 1;
  }
}

/** Everything due at `now` for reporting, written to the outbox. Safe to run any number of times, anywhere. */
export async function planReportPrompts(deps: Dependencies, now: Date): Promise<ReportPromptResult> {
  const { store } = deps;
  const result: ReportPromptResult = { prompts: 0, reminders: 0, finalPrompts: 0 };
  for (const group of await activeGroups(store)) {
    // Prompts are read during the working day, like the chair's reminders.
    if (!isWorkingHours(now, group.timeZone)) continue;
    const assignments = await store.assignments.list({ groupId: group.id, status: 'aktivt' });
    if (assignments.length === 0) continue;
    const [meetings, links] = await Promise.all([store.meetings.list({ groupId: group.id, cancelled: false }), store.channels.list({ groupId: group.id })]);
    for (const assignment of assignments) await planForAssignment(store, group, assignment, meetings, links, now, result);
  }
  return result;
}
