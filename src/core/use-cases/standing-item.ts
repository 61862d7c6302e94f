// The standing item (stående punkt) the seeds ask for at every meeting: "uppföljning av den lokala
// handlingsplanen för psykisk hälsa". Posted by the scheduler before each meeting with the plan as it
// stands: activities and ongoing assignments with the colour of their latest report, each report's
// answer to "Kommer tidsplanen att hållas?", and the reports due or missing for this meeting.
import { DateTime } from 'luxon';
import type { ActionPlan, Activity, Assignment, Group, Meeting, Member, ProgressReport, StatusColour } from '../domain.js';
import type { Reply } from '../events.js';
import type { Store } from '../ports.js';
import { catalog, format, type Catalog } from '../../i18n/index.js';
import { formatDate, formatLongDate, formatDateTime } from '../dates.js';
import { currentVersions, lastReportedAt } from './progress-report.js';
import { activitiesOfPlan, groupPlans, planInForce } from './action-plan-common.js';

const COLOUR_SYMBOLS: Record<StatusColour | 'none', string> = { gron: '🟢', gul: '🟡', rod: '🔴', none: '⚪' };
export const SEVERITY: Record<StatusColour, number> = { gron: 0, gul: 1, rod: 2 };

/**
 * Slack refuses a message over 50 blocks and a section over 3000 characters, and a big plan has many
 * lines: lines are joined into a few text blocks of at most CHUNK_CHARS (leaving room for escaping),
 * at most MAX_CHUNKS per section, and what does not fit is counted in a last "… och N till" line.
 */
const CHUNK_CHARS = 1800;
const MAX_CHUNKS = 4;
const MAX_LINE_CHARS = 400;

export interface StandingItemOptions {
  /** When the item was due, if it is posted late (the scheduler missed the moment). */
  lateSince?: Date;
}

interface Section {
  heading: string;
  chunks: { text: string }[];
}

/** Lines as markdown list items, packed into few text blocks; the overflow becomes one "more" line. */
export function chunkLines(lines: string[], more: (count: number) => string, maxChunks = MAX_CHUNKS): { text: string }[] {
  const chunks: string[][] = [[]];
  let size = 0;
  for (let index = 0; index < lines.length; index += 1) {
    // One line per item: a line break typed into a title or answer must not start a list item of its own.
    const raw = lines[index]!.replace(/\s*[\r\n]+\s*/g, ' ');
    const line = `- ${raw.length > MAX_LINE_CHARS ? `${raw.slice(0, MAX_LINE_CHARS - 1)}…` : raw}`;
    const current = chunks[chunks.length - 1]!;
    if (current.length > 0 && size + line.length + 1 > CHUNK_CHARS) {
      if (chunks.length === maxChunks) {
        current.push(more(lines.length - index));
        break;
      }
      chunks.push([line]);
      size = line.length;
      continue;
    }
    current.push(line);
    size += line.length + 1;
  }
  return chunks.filter((chunk) => chunk.length > 0).map((chunk) => ({ text: chunk.join('\n') }));
}

export function section(heading: string, lines: string[], empty: string, t: Catalog): Section {
  const more = (count: number) => format(t.scheduler.standingItem.more, { count });
  return { heading, chunks: lines.length > 0 ? chunkLines(lines, more) : [{ text: empty }] };
}

/** The plan in force in `year` (see planInForce) and its activities, those of earlier years still running included. */
export async function currentPlan(store: Store, group: Group, year: number): Promise<{ plan: ActionPlan; activities: Activity[] } | null> {
  const { plans, activities } = await groupPlans(store, group.id);
  const plan = planInForce(plans, year);
  return plan ? { plan, activities: activitiesOfPlan(plans, activities, plan, group.timeZone) } : null;
}

/** Of one group's plans, the one in force in `year`. */
export const planOfYear = planInForce;

/** The newest report as it stands now (its latest version), or null when nothing was handed in. */
export function latestSubmitted(reports: ProgressReport[]): ProgressReport | null {
  return currentVersions(reports)[0] ?? null;
}

export function colourOf(report: ProgressReport | null, t: Catalog): string {
  const colour = report?.statusColour;
  return colour ? `${COLOUR_SYMBOLS[colour]} ${t.common.statusColours[colour]}` : COLOUR_SYMBOLS.none;
}

/** The most serious colour among an activity's assignments' latest reports. */
export function worstColour(reports: (ProgressReport | null)[]): ProgressReport | null {
  return reports.reduce<ProgressReport | null>((worst, report) => {
    if (!report?.statusColour) return worst;
    if (!worst?.statusColour || SEVERITY[report.statusColour] > SEVERITY[worst.statusColour]) return report;
    return worst;
  }, null);
}

function reportText(report: ProgressReport | null, group: Group, t: Catalog): string {
  const texts = t.scheduler.standingItem;
  if (!report) return texts.noReport;
  const params = {
    date: formatLongDate(report.submittedAt!, group.timeZone, group.locale),
    answer: report.timelineHolds ? texts.timelineAnswers[report.timelineHolds] : texts.noAnswer,
  };
  return report.newEndDate
    ? format(texts.latestReportNewEnd, { ...params, newEndDate: formatLongDate(report.newEndDate, group.timeZone, group.locale) })
    : format(texts.latestReport, params);
}

/** Local dates (YYYY-MM-DD) on which an assignment's reporting schedule asks for a report, up to `until`. */
function scheduleDates(assignment: Assignment, timeZone: string, until: Date): DateTime[] {
  const form = assignment.reportingForm;
  const start = DateTime.fromJSDate(assignment.startDate, { zone: timeZone }).startOf('day');
  const limit = DateTime.fromJSDate(until, { zone: timeZone });
  if (form.kind === 'dates') {
    return form.dates
      .map((date) => DateTime.fromISO(date, { zone: timeZone }).startOf('day'))
      .filter((date) => date.isValid && date <= limit)
      .sort((a, b) => a.toMillis() - b.toMillis());
  }
  if (form.kind === 'every_n_weeks' && form.weeks > 0) {
    const dates: DateTime[] = [];
    for (let next = start.plus({ weeks: form.weeks }); next <= limit; next = next.plus({ weeks: form.weeks })) dates.push(next);
    return dates;
  }
  return [];
}

export interface DueReport {
  assignment: Assignment;
  line: string;
}

/**
 * Reports due or missing for this meeting: "före varje möte" assignments with no report since the
 * previous meeting, and scheduled ones whose latest date up to this meeting has no report after the
 * date before it (a report sent early for the period still counts).
 */
export function dueReport(
  assignment: Assignment,
  /** When the assignment last reported (lastReportedAt): a correction of an older report is no new report. */
  reportedAt: Date | null,
  meeting: Pick<Meeting, 'startsAt'>,
  previousMeetingStart: Date | null,
  convener: string,
  group: Group,
  now: Date,
  t: Catalog,
): DueReport | null {
  const texts = t.scheduler.standingItem;
  const params = { title: assignment.title, convener };
  if (assignment.reportingForm.kind === 'before_each_meeting') {
    const since = previousMeetingStart ?? assignment.startDate;
    if (reportedAt && reportedAt > since) return null;
    return { assignment, line: format(texts.dueBeforeMeeting, params) };
  }
  const dates = scheduleDates(assignment, group.timeZone, meeting.startsAt);
  const due = dates.at(-1);
  if (!due) return null;
  const periodStart = dates.at(-2)?.toJSDate() ?? assignment.startDate;
  if (reportedAt && reportedAt > periodStart) return null;
  const date = formatLongDate(due.toJSDate(), group.timeZone, group.locale);
  return { assignment, line: format(due.toJSDate() > now ? texts.dueBy : texts.missingSince, { ...params, date }) };
}

/** What the standing items of some meetings are built from, read in a few queries for all of them. */
export interface StandingItemData {
  plans: Map<string, ActionPlan | null>;
  activities: Map<string, Activity[]>;
  assignments: Map<string, Assignment[]>;
  latestReports: Map<string, ProgressReport | null>;
  /** When each assignment last reported (first versions only). */
  lastReported: Map<string, Date | null>;
  members: Map<string, Member[]>;
  meetings: Map<string, Meeting[]>;
}

function byKey<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(key(row));
    if (list) list.push(row);
    else map.set(key(row), [row]);
  }
  return map;
}

const planKey = (groupId: string, year: number) => `${groupId}:${year}`;
const meetingYear = (group: Group, meeting: Meeting) => DateTime.fromJSDate(meeting.startsAt, { zone: group.timeZone }).year;

/**
 * Reads what the standing items of `items` need: six queries however many meetings (the scheduler plans
 * a thousand groups' items in one tick; one set of reads per meeting made planning take longer than posting).
 */
export async function loadStandingItemData(store: Store, items: { group: Group; meeting: Meeting }[]): Promise<StandingItemData> {
  const groupIds = [...new Set(items.map((item) => item.group.id))];
  const [plans, assignments, members, meetings] = await Promise.all([
    store.plans.listIn('groupId', groupIds),
    store.assignments.listIn('groupId', groupIds, { status: 'aktivt' }),
    store.members.listIn('groupId', groupIds),
    store.meetings.listIn('groupId', groupIds, { cancelled: false }),
  ]);
  const plansByGroup = byKey(plans, (plan) => plan.groupId);
  const chosen = new Map<string, ActionPlan | null>();
  for (const { group, meeting } of items) {
    const year = meetingYear(group, meeting);
    chosen.set(planKey(group.id, year), planOfYear(plansByGroup.get(group.id) ?? [], year));
  }
  // Every plan of the groups: an activity of an earlier year still running is part of the plan in force.
  const planIds = plans.map((plan) => plan.id);
  const [activities, reports] = await Promise.all([
    planIds.length > 0 ? store.activities.listIn('planId', planIds) : Promise.resolve([]),
    store.progressReports.listIn('assignmentId', assignments.map((assignment) => assignment.id)),
  ]);
  const reportsByAssignment = byKey(reports, (report) => report.assignmentId);
  return {
    plans: chosen,
    activities: new Map(
      [...chosen.values()].flatMap((plan) => {
        if (!plan) return [];
        const own = plansByGroup.get(plan.groupId) ?? [];
        const ids = new Set(own.map((candidate) => candidate.id));
        const timeZone = items.find((item) => item.group.id === plan.groupId)!.group.timeZone;
        return [[plan.id, activitiesOfPlan(own, activities.filter((activity) => ids.has(activity.planId)), plan, timeZone)] as const];
      }),
    ),
    assignments: byKey(assignments, (assignment) => assignment.groupId),
    latestReports: new Map(assignments.map((assignment) => [assignment.id, latestSubmitted(reportsByAssignment.get(assignment.id) ?? [])])),
    lastReported: new Map(assignments.map((assignment) => [assignment.id, lastReportedAt(reportsByAssignment.get(assignment.id) ?? [])])),
    members: byKey(members, (member) => member.groupId),
    meetings: byKey(meetings, (meeting) => meeting.groupId),
  };
}

/** The standing item for `meeting` as it stands at `now`, in the group's language. */
export async function standingItem(store: Store, group: Group, meeting: Meeting, now: Date, options: StandingItemOptions = {}): Promise<Extract<Reply, { kind: 'card' }>> {
  return renderStandingItem(await loadStandingItemData(store, [{ group, meeting }]), group, meeting, now, options);
}

/** The standing item from data loaded by loadStandingItemData for this meeting (among others). */
export function renderStandingItem(data: StandingItemData, group: Group, meeting: Meeting, now: Date, options: StandingItemOptions = {}): Extract<Reply, { kind: 'card' }> {
  const t = catalog(group.locale);
  const texts = t.scheduler.standingItem;
  const plan = data.plans.get(planKey(group.id, meetingYear(group, meeting))) ?? null;
  const assignments = data.assignments.get(group.id) ?? [];
  const members = data.members.get(group.id) ?? [];
  const meetings = data.meetings.get(group.id) ?? [];
  const activities: Activity[] = plan ? (data.activities.get(plan.id) ?? []) : [];
  const latestByAssignment = data.latestReports;
  const names = new Map(members.map((member: Member) => [member.id, member.displayName]));
  const convenerOf = (assignment: Assignment) => names.get(assignment.convenerMemberId) ?? texts.unknownConvener;
  const previousMeetingStart =
    meetings
      .filter((other) => other.id !== meeting.id && other.startsAt < meeting.startsAt)
      .map((other) => other.startsAt)
      .sort((a, b) => b.getTime() - a.getTime())[0] ?? null;

  const activityLines = activities.map((activity) =>
    format(texts.activityLine, {
      colour: colourOf(worstColour(assignments.filter((a) => a.activityId === activity.id).map((a) => latestByAssignment.get(a.id) ?? null)), t),
      title: activity.title,
      status: t.common.activityStatuses[activity.status],
      start: formatDate(activity.startDate, group.timeZone),
      end: formatDate(activity.endDate, group.timeZone),
    }),
  );
  const assignmentLines = assignments.map((assignment) => {
    const latest = latestByAssignment.get(assignment.id) ?? null;
    return format(texts.assignmentLine, {
      colour: colourOf(latest, t),
      title: assignment.title,
      convener: convenerOf(assignment),
      report: reportText(latest, group, t),
    });
  });
  const dueLines = assignments
    .map((assignment) =>
      dueReport(assignment, data.lastReported.get(assignment.id) ?? null, meeting, previousMeetingStart, convenerOf(assignment), group, now, t),
    )
    .filter((due): due is DueReport => due !== null)
    .map((due) => due.line);

  const date = formatDateTime(meeting.startsAt, group.timeZone, group.locale);
  return {
    kind: 'card',
    card: 'standing-item',
    data: {
      t,
      title: texts.title,
      meetingLine: meeting.location ? format(texts.meetingAt, { date, location: meeting.location }) : format(texts.meeting, { date }),
      ...(options.lateSince ? { lateNote: format(texts.late, { due: formatDateTime(options.lateSince, group.timeZone, group.locale) }) } : {}),
      planLine: plan
        ? format(texts.planLine, {
            year: plan.year,
            version: plan.version,
            decided: plan.decidedAt ? format(t.plan.decidedLine, { date: formatLongDate(plan.decidedAt, group.timeZone, group.locale) }) : t.plan.notDecided,
          })
        : texts.noPlan,
      sections: [
        section(texts.activitiesHeading, activityLines, texts.noActivities, t),
        section(texts.assignmentsHeading, assignmentLines, texts.noAssignments, t),
        section(texts.dueHeading, dueLines, texts.noneDue, t),
      ],
    },
  };
}
