// The documents of the local action plan as neutral text (title, sections, paragraphs): the cards show
// them, src/exports/ writes them as .docx and Markdown. One builder per document, so every place says the same.
import { assignmentChangeLines } from './assignment-history.js';
import type { ActionPlan, Activity, Assignment, Group, ImplementationPlan, Locale, Member, PartyOrganisation, PlanChange, PlanSnapshotActivity, PlanVersion } from '../domain.js';
import { format, type Catalog } from '../../i18n/index.js';
import { formatDate } from '../dates.js';
import { findFocusArea, findGoal, type RegionalPlan } from '../regional-plan.js';
import type { Store } from '../ports.js';
import { activitiesOfPlan, groupPlans, memberName, revises } from './action-plan-common.js';
import { formatNumber } from './progress-report.js';

export interface DocumentSection {
  heading: string | null;
  paragraphs: string[];
  bullets: string[];
}

export interface PlanDocument {
  title: string;
  subtitle: string;
  sections: DocumentSection[];
}

const section = (heading: string | null, paragraphs: string[], bullets: string[] = []): DocumentSection => ({ heading, paragraphs, bullets });

export function reportingText(t: Catalog, assignment: Assignment): string {
  const a = t.actionPlan.assignment;
  const form = assignment.reportingForm;
  if (form.kind === 'every_n_weeks') return format(a.reportingEveryWeeks, { weeks: form.weeks });
  if (form.kind === 'dates') return format(a.reportingOnDates, { dates: form.dates.join(', ') });
  return a.reportingKinds.before_each_meeting.toLowerCase();
}

export function workingGroupNames(t: Catalog, assignment: Assignment, members: Member[], organisations: PartyOrganisation[]): string {
  return assignment.memberIds
    .map((id) => {
      const person = members.find((m) => m.id === id);
      const organisation = organisations.find((o) => o.id === person?.organisationId);
      const name = memberName(members, id, t);
      return organisation ? format(t.actionPlan.assignment.memberOrganisation, { name, organisation: organisation.name }) : name;
    })
    .join(', ');
}

export function focusAreaName(regionalPlan: RegionalPlan | undefined, code: string): string {
  return (regionalPlan && findFocusArea(regionalPlan, code)?.name) ?? code;
}

export interface AssignmentDocumentInput {
  t: Catalog;
  group: Group;
  assignment: Assignment;
  activity: Activity | null;
  members: Member[];
  organisations: PartyOrganisation[];
  regionalPlan: RegionalPlan | undefined;
  decidedBy: string;
  /** The uppdrag's change log (assignment-changes.ts assignmentChangeLines), oldest first. */
  changes?: string[];
}

/** Uppdragshandling: every field of the guidance's step 3, in its order. */
export function assignmentDocument(input: AssignmentDocumentInput): PlanDocument {
  const { t, group, assignment, activity, members, organisations, regionalPlan } = input;
  const a = t.actionPlan.assignment;
  const date = (d: Date) => formatDate(d, group.timeZone);
  const concerns = [
    format(a.targetGroupLine, { value: assignment.targetGroupText }),
    format(a.purposeLine, { value: assignment.purpose }),
    format(a.activityLine, { value: assignment.activityText }),
  ];
  if (activity) {
    concerns.push(format(a.planActivityLine, { title: activity.title, focusArea: focusAreaName(regionalPlan, activity.focusAreaCode), goal: activity.goalCode }));
  }
  return {
    title: format(a.documentTitle, { title: assignment.title }),
    subtitle: format(a.principal, { groupName: group.name }),
    sections: [
      section(null, [format(a.period, { start: date(assignment.startDate), end: date(assignment.endDate) })]),
      section(a.concerns, [], concerns),
      section(null, [
        format(a.membersLine, { members: workingGroupNames(t, assignment, members, organisations) }),
        format(a.convenerLine, { name: memberName(members, assignment.convenerMemberId, t) }),
        format(a.reportingLine, { value: reportingText(t, assignment) }),
        format(a.goalLine, { value: assignment.goal }),
        format(a.resourcesLine, { value: assignment.resources || a.noneGiven }),
        format(a.finalReportLine, { value: assignment.finalReportForm }),
        format(a.decidedLine, { date: date(assignment.createdAt), name: input.decidedBy }),
      ]),
      ...(input.changes?.length ? [section(t.assignmentChanges.historyHeading, [], input.changes)] : []),
    ],
  };
}

/** An assignment in the plan: title, dates, convener and status, on the plan card and in the document. */
export function assignmentLine(t: Catalog, assignment: Assignment, timeZone: string, members: Member[]): string {
  return format(t.actionPlan.planCard.assignmentLine, {
    title: assignment.title,
    start: formatDate(assignment.startDate, timeZone),
    end: formatDate(assignment.endDate, timeZone),
    convener: memberName(members, assignment.convenerMemberId, t),
    status: t.reports.assignmentStatuses[assignment.status],
  });
}

export function implementationLines(t: Catalog, plan: ImplementationPlan, locale: Locale): { subGoals: string[]; tasks: string[]; indicators: string[] } {
  const i = t.actionPlan.implementation;
  return {
    subGoals: plan.subGoals.map((g) => format(i.subGoalLine, { title: g.title, owner: g.owner, date: g.dueDate })),
    tasks: plan.tasks.map((task) => format(i.taskLine, { who: task.who, what: task.what, when: task.when })),
    indicators: plan.indicators.map((ind) =>
      format(i.indicatorLine, { name: ind.name, unit: ind.unit, baseline: formatNumber(ind.baseline, locale), target: formatNumber(ind.target, locale), method: ind.method }),
    ),
  };
}

export interface ActionPlanDocumentInput {
  t: Catalog;
  group: Group;
  plan: ActionPlan;
  activities: Activity[];
  assignments: Assignment[];
  implementationPlans: ImplementationPlan[];
  members: Member[];
  regionalPlan: RegionalPlan | undefined;
  /** The plan's history, oldest first: every change with who and when. */
  changes: PlanChange[];
  /** The group's decided versions up to this plan, oldest first: the document lists what changed between them. */
  versions?: PlanVersion[];
  /** Paragraphs before the activities (the minutes of the decision, a note that the plan changed since). */
  notes?: string[];
}

/** What changed from one decided version to the next: activities added, removed and re-scoped. */
export function versionDiff(t: Catalog, previous: PlanVersion | null, next: PlanVersion): string[] {
  const l = t.actionPlan.living;
  if (!previous) return [l.versionFirst];
  const before = new Map(previous.activities.map((activity) => [activity.id, activity]));
  const after = new Map(next.activities.map((activity) => [activity.id, activity]));
  const lines = [
    ...next.activities.filter((activity) => !before.has(activity.id)).map((activity) => format(l.versionAdded, { title: activity.title })),
    ...previous.activities.filter((activity) => !after.has(activity.id)).map((activity) => format(l.versionRemoved, { title: activity.title })),
    ...next.activities.filter((activity) => before.has(activity.id) && revises(before.get(activity.id)!, activity)).map((activity) => format(l.versionChanged, { title: activity.title })),
  ];
  return lines.length > 0 ? lines : [l.versionSame];
}

/** The decided versions as lines: which, when, by whom, the minutes and what changed since the one before. */
function versionLines(t: Catalog, group: Group, members: Member[], versions: PlanVersion[]): string[] {
  const l = t.actionPlan.living;
  return versions.map((version, index) =>
    [
      format(l.versionLine, {
        year: version.year,
        version: version.version,
        date: formatDate(version.decidedAt, group.timeZone),
        name: version.decidedByMemberId ? memberName(members, version.decidedByMemberId, t) : t.actionPlan.history.unknownMember,
      }),
      ...(version.minutes ? [format(l.versionMinutes, { protocol: version.minutes })] : []),
      ...versionDiff(t, versions[index - 1] ?? null, version),
    ].join(' · '),
  );
}

/**
 * A decided version's activity in the shape the document lists: what it is as decided, its status and dates
 * as followed up since (follow-up updates the plan without a new version), or as decided once it is gone.
 */
function snapshotActivity(plan: ActionPlan, activity: PlanSnapshotActivity, decidedAt: Date, live: Activity | undefined): Activity {
  const decided = { ...activity, planId: plan.id, startDate: new Date(activity.startDate), endDate: new Date(activity.endDate), proposalId: null, carriedToYear: null, createdAt: decidedAt };
  return live ? { ...decided, status: live.status, startDate: live.startDate, endDate: live.endDate } : decided;
}

/** The whole local action plan: activities by focus area with goals, assignments and implementation plans. */
export function actionPlanDocument(input: ActionPlanDocumentInput): PlanDocument {
  const { t, group, plan, activities, assignments, implementationPlans, members, regionalPlan, changes, versions = [], notes = [] } = input;
  const d = t.actionPlan.document;
  const date = (value: Date) => formatDate(value, group.timeZone);
  const decided = plan.decidedAt
    ? format(d.decided, { date: date(plan.decidedAt), name: plan.decidedByMemberId ? memberName(members, plan.decidedByMemberId, t) : '' })
    : d.notDecided;
  const codes = [...new Set(activities.map((activity) => activity.focusAreaCode))];
  const order = (code: string) => regionalPlan?.focusAreas.findIndex((area) => area.code === code) ?? 0;
  codes.sort((x, y) => order(x) - order(y));
  const sections: DocumentSection[] = [];
  if (regionalPlan || notes.length > 0) sections.push(section(null, [...(regionalPlan ? [format(d.regionalPlan, { name: regionalPlan.name })] : []), ...notes]));
  for (const code of codes) {
    sections.push(section(format(d.focusAreaHeading, { name: focusAreaName(regionalPlan, code) }), []));
    for (const activity of activities.filter((a) => a.focusAreaCode === code)) {
      const goal = regionalPlan ? findGoal(regionalPlan, code, activity.goalCode) : undefined;
      const bullets = [
        format(d.goalLine, { code: activity.goalCode, name: goal?.name ?? '' }).trim(),
        format(d.activityTargetGroup, { value: t.common.targetGroups[activity.targetGroup] }),
        format(d.activityPeriod, { start: date(activity.startDate), end: date(activity.endDate) }),
        format(d.activityStatus, { value: t.common.activityStatuses[activity.status] }),
      ];
      for (const assignment of assignments.filter((x) => x.activityId === activity.id)) {
        bullets.push(assignmentLine(t, assignment, group.timeZone, members).trim());
        const implementation = implementationPlans.find((p) => p.assignmentId === assignment.id);
        if (implementation) {
          const lines = implementationLines(t, implementation, group.locale);
          bullets.push(...lines.subGoals, ...lines.tasks, ...lines.indicators);
        }
      }
      sections.push(section(activity.title, activity.description ? [activity.description] : [], bullets));
    }
  }
  if (changes.length > 0) {
    const history = changes.map((change) => {
      const { title, change: itemChange } = change.details;
      const changed = d.historyItemChanges[itemChange as keyof typeof d.historyItemChanges];
      const subject = typeof title !== 'string' || !title ? '' : changed ? format(d.historyItemChange, { change: changed, title }) : format(d.historySubject, { title });
      return format(d.historyLine, { date: date(change.createdAt), name: memberName(members, change.memberId, t), action: t.actionPlan.history.actions[change.action], subject });
    });
    sections.push(section(d.historyHeading, [], history));
  }
  if (versions.length > 0) sections.push(section(t.actionPlan.living.versionsHeading, [], versionLines(t, group, members, versions)));
  return {
    title: format(d.planTitle, { year: plan.year }),
    subtitle: format(d.planMeta, { groupName: group.name, version: plan.version, decided }),
    sections,
  };
}

/**
 * A year's plan as a document, or null when the group has no plan that year. A decided plan shows its latest
 * decided version (the snapshot the kansli got, with its minutes); a plan not yet decided shows how it stands.
 * The versions section lists every decided version up to this one and what changed between them.
 */
export async function loadActionPlanDocument(store: Store, group: Group, year: number, regionalPlan: RegionalPlan | undefined, t: Catalog): Promise<PlanDocument | null> {
  const { plans, activities: all } = await groupPlans(store, group.id);
  const live = plans.filter((candidate) => candidate.year === year).sort((a, b) => b.version - a.version)[0];
  if (!live) return null;
  const [assignments, members, changes, versions] = await Promise.all([
    store.assignments.list({ groupId: group.id }),
    store.members.list({ groupId: group.id }),
    store.planChanges.list({ planId: live.id }),
    store.planVersions.list({ groupId: group.id }),
  ]);
  const upToThis = versions.filter((version) => version.year <= year).sort((a, b) => a.year - b.year || a.version - b.version);
  const decided = upToThis.filter((version) => version.planId === live.id).at(-1);
  const plan = decided ? { ...live, version: decided.version, decidedAt: decided.decidedAt, decidedByMemberId: decided.decidedByMemberId } : live;
  const activities = decided ? decided.activities.map((activity) => snapshotActivity(live, activity, decided.decidedAt, all.find((other) => other.id === activity.id))) : activitiesOfPlan(plans, all, live, group.timeZone);
  const notes = [
    ...(decided?.minutes ? [format(t.actionPlan.living.versionMinutes, { protocol: decided.minutes })] : []),
    ...(decided && live.lastRevisedAt && live.lastRevisedAt > decided.decidedAt ? [format(t.actionPlan.living.revisedNote, { date: formatDate(live.lastRevisedAt, group.timeZone) })] : []),
  ];
  const ofPlan = assignments.filter((a) => activities.some((activity) => activity.id === a.activityId));
  const implementationPlans = (await Promise.all(ofPlan.map((a) => store.implementationPlans.list({ assignmentId: a.id })))).flat();
  return actionPlanDocument({ t, group, plan, activities, assignments: ofPlan, implementationPlans, members, regionalPlan, changes, versions: upToThis, notes });
}

/** An assignment's uppdragshandling, or null when the id is unknown. */
export async function loadAssignmentDocument(store: Store, assignmentId: string, regionalPlan: RegionalPlan | undefined, t: (group: Group) => Catalog): Promise<PlanDocument | null> {
  const assignment = await store.assignments.get(assignmentId);
  const group = assignment ? await store.groups.get(assignment.groupId) : null;
  if (!assignment || !group) return null;
  const [members, organisations, activity, changes] = await Promise.all([
    store.members.list({ groupId: group.id }),
    store.organisations.list({ groupId: group.id }),
    store.activities.get(assignment.activityId),
    store.planChanges.list({ groupId: group.id, entityId: assignment.id, action: 'assignment-created' }),
  ]);
  const catalog = t(group);
  return assignmentDocument({
    t: catalog,
    group,
    assignment,
    activity,
    members,
    organisations,
    regionalPlan,
    decidedBy: memberName(members, changes[0]?.memberId ?? '', catalog),
    changes: await assignmentChangeLines({ store }, catalog, group.id, assignment.id, members, group.timeZone),
  });
}
