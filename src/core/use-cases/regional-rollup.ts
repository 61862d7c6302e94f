// The regional roll-up for the kansli (issue 6): across every group of the region (every tenant the region file names), the year's
// activities per focus area and target group, status counts, reports missing, and the assignments closed
// this year with their added value (mervärde). Shown as a card; the same numbers as .xlsx behind a link.
import {
  ACTIVITY_STATUSES,
  ASSIGNMENT_STATUSES,
  TARGET_GROUPS,
  type ActivityStatus,
  type AssignmentStatus,
  type GoalMetAnswer,
  type Group,
  type Locale,
  type TargetGroup,
} from '../domain.js';
import type { Reply } from '../events.js';
import type { Sheet } from '../sheet.js';
import type { Store } from '../ports.js';
import { findFocusArea, findGoal, type RegionalPlan } from '../regional-plan.js';
import { format, type Catalog } from '../../i18n/index.js';
import { formatDate, formatLongDate, yearIn } from '../dates.js';
import type { Dependencies, GroupContext } from './context.js';
import { lastReportedAt } from './progress-report.js';
import { dueReport, section as listSection } from './standing-item.js';
import { activitiesOfYear, groupPlans } from './action-plan-common.js';
import type { Region } from '../region.js';
import { kansliHere, notKansli, regionGroups, regionOf } from './region.js';

const countsOf = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

export interface RollupActivity {
  group: string;
  title: string;
  focusAreaCode: string;
  focusAreaName: string;
  goalCode: string;
  goalName: string;
  targetGroup: TargetGroup;
  status: ActivityStatus;
  startDate: Date;
  endDate: Date;
}

export interface RollupGroup {
  id: string;
  name: string;
  activities: number;
  activityStatus: Record<ActivityStatus, number>;
  assignmentStatus: Record<AssignmentStatus, number>;
  missingReports: number;
  closedThisYear: number;
}

export interface RollupFocusArea {
  code: string;
  name: string;
  counts: Record<TargetGroup, number>;
  total: number;
}

export interface RollupMissingReport {
  group: string;
  assignment: string;
  /** The standing item's own wording: who, what and since when. */
  text: string;
}

export interface RollupClosedAssignment {
  group: string;
  title: string;
  closedAt: Date;
  goalMet: GoalMetAnswer;
  addedValue: string;
}

export interface RegionalRollup {
  /** The region's name, from the region file. */
  region: string;
  year: number;
  generatedAt: Date;
  timeZone: string;
  groups: RollupGroup[];
  focusAreas: RollupFocusArea[];
  activities: RollupActivity[];
  activityStatus: Record<ActivityStatus, number>;
  assignmentStatus: Record<AssignmentStatus, number>;
  missingReports: RollupMissingReport[];
  closed: RollupClosedAssignment[];
}

/** Reports that are overdue at `now`: the standing item's rule, asked at the last meeting or today. */
async function missingReportsOf(store: Store, group: Group, now: Date, t: Catalog): Promise<RollupMissingReport[]> {
  const [assignments, members, meetings] = await Promise.all([
    store.assignments.list({ groupId: group.id, status: 'aktivt' }),
    store.members.list({ groupId: group.id }),
    store.meetings.list({ groupId: group.id, cancelled: false }),
  ]);
  const past = meetings.filter((meeting) => meeting.startsAt <= now).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const [previous, last] = [past.at(-2) ?? null, past.at(-1) ?? null];
  const missing: RollupMissingReport[] = [];
  for (const assignment of assignments) {
    const reportedAt = lastReportedAt(await store.progressReports.list({ assignmentId: assignment.id }));
    const convener = members.find((member) => member.id === assignment.convenerMemberId)?.displayName ?? t.scheduler.standingItem.unknownConvener;
    // "Före varje möte" was due at the last meeting that has been held; scheduled dates are due by today.
    const beforeMeetings = assignment.reportingForm.kind === 'before_each_meeting';
    if (beforeMeetings && (!last || last.startsAt <= assignment.startDate)) continue;
    const asOf = beforeMeetings ? last! : { startsAt: now };
    const due = dueReport(assignment, reportedAt, asOf, beforeMeetings ? (previous?.startsAt ?? null) : null, convener, group, now, t);
    if (due) missing.push({ group: group.name, assignment: assignment.title, text: due.line });
  }
  return missing;
}

/** The roll-up of `year` for the groups of the region, as things stand at `now`. */
export async function buildRegionalRollup(
  store: Store,
  region: Region,
  year: number,
  now: Date,
  t: Catalog,
  options: { regionalPlan?: RegionalPlan; timeZone: string },
): Promise<RegionalRollup> {
  const groups = await regionGroups(store, region);
  const plan = options.regionalPlan;
  const focusAreas = new Map<string, RollupFocusArea>(
    (plan?.focusAreas ?? []).map((area) => [area.code, { code: area.code, name: area.name, counts: countsOf(TARGET_GROUPS), total: 0 }]),
  );
  const rollup: RegionalRollup = {
    region: region.name,
    year,
    generatedAt: now,
    timeZone: options.timeZone,
    groups: [],
    focusAreas: [],
    activities: [],
    activityStatus: countsOf(ACTIVITY_STATUSES),
    assignmentStatus: countsOf(ASSIGNMENT_STATUSES),
    missingReports: [],
    closed: [],
  };
  for (const group of groups) {
    const row: RollupGroup = {
      id: group.id,
      name: group.name,
      activities: 0,
      activityStatus: countsOf(ACTIVITY_STATUSES),
      assignmentStatus: countsOf(ASSIGNMENT_STATUSES),
      missingReports: 0,
      closedThisYear: 0,
    };
    // The year's activities of the group's living plan: those added for that year and those of earlier years
    // whose dates (or "Ta med pågående aktiviteter") run into it.
    const { plans: groupPlanRows, activities: groupActivities } = await groupPlans(store, group.id);
    const activities = activitiesOfYear(groupPlanRows, groupActivities, year, group.timeZone);
    for (const activity of activities) {
      const area = plan ? findFocusArea(plan, activity.focusAreaCode) : undefined;
      const entry = focusAreas.get(activity.focusAreaCode) ?? { code: activity.focusAreaCode, name: area?.name ?? t.regional.rollup.unknownFocusArea, counts: countsOf(TARGET_GROUPS), total: 0 };
      focusAreas.set(activity.focusAreaCode, entry);
      entry.counts[activity.targetGroup] += 1;
      entry.total += 1;
      row.activities += 1;
      row.activityStatus[activity.status] += 1;
      rollup.activityStatus[activity.status] += 1;
      rollup.activities.push({
        group: group.name,
        title: activity.title,
        focusAreaCode: activity.focusAreaCode,
        focusAreaName: entry.name,
        goalCode: activity.goalCode,
        goalName: (plan && findGoal(plan, activity.focusAreaCode, activity.goalCode)?.name) ?? '',
        targetGroup: activity.targetGroup,
        status: activity.status,
        startDate: activity.startDate,
        endDate: activity.endDate,
      });
    }
    for (const assignment of await store.assignments.list({ groupId: group.id })) {
      row.assignmentStatus[assignment.status] += 1;
      rollup.assignmentStatus[assignment.status] += 1;
      if (assignment.status !== 'avslutat') continue;
      const accepted = (await store.finalReports.list({ assignmentId: assignment.id }))
        .filter((report) => report.acceptedAt !== null)
        .sort((a, b) => b.acceptedAt!.getTime() - a.acceptedAt!.getTime())[0];
      if (!accepted || yearIn(accepted.acceptedAt!, options.timeZone) !== year) continue;
      row.closedThisYear += 1;
      rollup.closed.push({ group: group.name, title: assignment.title, closedAt: accepted.acceptedAt!, goalMet: accepted.goalMet, addedValue: accepted.addedValue });
    }
    const missing = await missingReportsOf(store, group, now, t);
    row.missingReports = missing.length;
    rollup.missingReports.push(...missing);
    rollup.groups.push(row);
  }
  rollup.focusAreas = [...focusAreas.values()];
  rollup.closed.sort((a, b) => a.closedAt.getTime() - b.closedAt.getTime());
  return rollup;
}

/** The roll-up as worksheets (the .xlsx behind the card's link): one row per group, focus area, activity, missing report and closed assignment. */
export function rollupSheets(rollup: RegionalRollup, t: Catalog): Sheet[] {
  const texts = t.regional.rollup;
  const c = texts.columns;
  return [
    {
      name: texts.sheets.groups,
      columns: [
        { key: 'group', header: c.group, width: 36 },
        { key: 'activities', header: c.activities },
        ...Object.entries(t.common.activityStatuses).map(([key, header]) => ({ key: `activity_${key}`, header })),
        { key: 'active', header: c.activeAssignments },
        { key: 'reported', header: c.reportedAssignments },
        { key: 'closed', header: c.closedAssignments },
        { key: 'missing', header: c.missingReports },
        { key: 'closedThisYear', header: c.closedThisYear },
      ],
      rows: rollup.groups.map((group) => ({
        group: group.name,
        activities: group.activities,
        ...Object.fromEntries(Object.entries(group.activityStatus).map(([key, count]) => [`activity_${key}`, count])),
        active: group.assignmentStatus.aktivt,
        reported: group.assignmentStatus.slutrapporterat,
        closed: group.assignmentStatus.avslutat,
        missing: group.missingReports,
        closedThisYear: group.closedThisYear,
      })),
    },
    {
      name: texts.sheets.focusAreas,
      columns: [
        { key: 'code', header: c.focusAreaCode },
        { key: 'name', header: c.focusAreaName, width: 40 },
        ...Object.entries(t.common.targetGroups).map(([key, header]) => ({ key, header })),
        { key: 'total', header: c.total },
      ],
      rows: rollup.focusAreas.map((area) => ({ code: area.code, name: area.name, ...area.counts, total: area.total })),
    },
    {
      name: texts.sheets.activities,
      columns: [
        { key: 'group', header: c.group, width: 30 },
        { key: 'focusAreaCode', header: c.focusAreaCode },
        { key: 'goalCode', header: c.goalCode },
        { key: 'goalName', header: c.goalName, width: 40 },
        { key: 'targetGroup', header: c.targetGroup, width: 24 },
        { key: 'title', header: c.title, width: 40 },
        { key: 'status', header: c.status },
        { key: 'startDate', header: c.startDate },
        { key: 'endDate', header: c.endDate },
      ],
      rows: rollup.activities.map((activity) => ({
        group: activity.group,
        focusAreaCode: activity.focusAreaCode,
        goalCode: activity.goalCode,
        goalName: activity.goalName,
        targetGroup: t.common.targetGroups[activity.targetGroup],
        title: activity.title,
        status: t.common.activityStatuses[activity.status],
        startDate: formatDate(activity.startDate, rollup.timeZone),
        endDate: formatDate(activity.endDate, rollup.timeZone),
      })),
    },
    {
      name: texts.sheets.missing,
      columns: [
        { key: 'group', header: c.group, width: 30 },
        { key: 'assignment', header: c.assignment, width: 40 },
        { key: 'missing', header: c.missing, width: 60 },
      ],
      rows: rollup.missingReports.map((missing) => ({ group: missing.group, assignment: missing.assignment, missing: missing.text })),
    },
    {
      name: texts.sheets.closed,
      columns: [
        { key: 'group', header: c.group, width: 30 },
        { key: 'title', header: c.assignment, width: 40 },
        { key: 'closedAt', header: c.closedAt },
        { key: 'goalMet', header: c.goalMet },
        { key: 'addedValue', header: c.addedValue, width: 60 },
      ],
      rows: rollup.closed.map((closed) => ({
        group: closed.group,
        title: closed.title,
        closedAt: formatDate(closed.closedAt, rollup.timeZone),
        goalMet: t.reports.final.goalMetAnswers[closed.goalMet],
        addedValue: closed.addedValue,
      })),
    },
  ];
}

/** The roll-up as a card: one section per question the kansli asks, long lists packed for Slack. */
export function rollupCard(rollup: RegionalRollup, t: Catalog, locale: Locale, downloadUrl: string): Extract<Reply, { kind: 'card' }> {
  const texts = t.regional.rollup;
  const region = rollup.region;
  const joinCounts = <K extends string>(counts: Record<K, number>, names: Record<K, string>) =>
    (Object.keys(counts) as K[]).map((key) => `${names[key]} ${counts[key]}`).join(' · ');
  const section = (heading: string, lines: string[], empty: string) => listSection(heading, lines, empty, t);
  const date = (value: Date) => formatLongDate(value, rollup.timeZone, locale);
  const sections = [
    section(
      texts.focusAreasHeading,
      rollup.focusAreas.map((area) => format(texts.focusAreaLine, { code: area.code, name: area.name, total: area.total, counts: joinCounts(area.counts, t.common.targetGroups) })),
      texts.noActivities,
    ),
    section(
      texts.statusHeading,
      [
        format(texts.activityStatusLine, { counts: joinCounts(rollup.activityStatus, t.common.activityStatuses) }),
        format(texts.assignmentStatusLine, { counts: joinCounts(rollup.assignmentStatus, t.reports.assignmentStatuses) }),
      ],
      '',
    ),
    section(
      texts.groupsHeading,
      rollup.groups.map((group) =>
        format(texts.groupLine, {
          name: group.name,
          activityCount: group.activities,
          activeCount: group.assignmentStatus.aktivt,
          missingCount: group.missingReports,
          closedCount: group.closedThisYear,
          year: rollup.year,
        }),
      ),
      format(texts.noGroups, { region }),
    ),
    section(texts.missingHeading, rollup.missingReports.map((missing) => format(texts.missingLine, { group: missing.group, text: missing.text })), texts.noMissing),
    section(
      format(texts.closedHeading, { year: rollup.year }),
      rollup.closed.map((closed) =>
        format(texts.closedLine, {
          group: closed.group,
          title: closed.title,
          date: date(closed.closedAt),
          goalMet: t.reports.final.goalMetAnswers[closed.goalMet],
          addedValue: closed.addedValue.trim() || texts.noAddedValue,
        }),
      ),
      format(texts.noClosed, { year: rollup.year }),
    ),
  ];
  return {
    kind: 'card',
    card: 'regional-rollup',
    audience: 'asker',
    data: {
      t,
      title: format(texts.title, { year: rollup.year }),
      scope: format(texts.scope, { count: rollup.groups.length, region, date: date(rollup.generatedAt) }),
      sections,
      downloadUrl,
    },
  };
}

/** `region` / `sammanställning`: the roll-up of this year for the kansli of the region file, from any region tenant. */
export async function showRegionalRollup(deps: Dependencies, context: GroupContext): Promise<Reply> {
  if (!(await kansliHere(deps, context))) return notKansli(context);
  // The link names the asker's tenant; the download is refused for a tenant outside the region.
  const tenant = { platform: context.member.platform, tenantId: context.member.tenantId };
  const now = deps.clock.now();
  const timeZone = context.group.timeZone;
  const year = yearIn(now, timeZone);
  const rollup = await buildRegionalRollup(deps.store, regionOf(deps), year, now, context.t, { regionalPlan: deps.actionPlan?.regionalPlan, timeZone });
  return rollupCard(rollup, context.t, context.group.locale, deps.links?.regionalRollup?.(tenant, year) ?? '');
}
