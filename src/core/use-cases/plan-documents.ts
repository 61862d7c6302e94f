// The documents of the local action plan as neutral text (title, sections, paragraphs): the cards show
// them, src/exports/ writes them as .docx and Markdown. One builder per document, so every place says the same.
import { assignmentChangeLines } from './assignment-history.js';
import type { ActionPlan, Activity, Assignment, Group, ImplementationPlan, Locale, Member, PartyOrganisation, PlanChange } from '../domain.js';
import { format, type Catalog } from '../../i18n/index.js';
import { formatDate } from '../dates.js';
import { findFocusArea, findGoal, type RegionalPlan } from '../regional-plan.js';
import type { Store } from '../ports.js';
import { memberName, planOfYear } from './action-plan-common.js';
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
}

/** The whole local action plan: activities by focus area with goals, assignments and implementation plans. */
export function actionPlanDocument(input: ActionPlanDocumentInput): PlanDocument {
  const { t, group, plan, activities, assignments, implementationPlans, members, regionalPlan, changes } = input;
  const d = t.actionPlan.document;
  const date = (value: Date) => formatDate(value, group.timeZone);
  const decided = plan.decidedAt
    ? format(d.decided, { date: date(plan.decidedAt), name: plan.decidedByMemberId ? memberName(members, plan.decidedByMemberId, t) : '' })
    : d.notDecided;
  const codes = [...new Set(activities.map((activity) => activity.focusAreaCode))];
  const order = (code: string) => regionalPlan?.focusAreas.findIndex((area) => area.code === code) ?? 0;
  codes.sort((x, y) => order(x) - order(y));
  const sections: DocumentSection[] = [];
  if (regionalPlan) sections.push(section(null, [format(d.regionalPlan, { name: regionalPlan.name })]));
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
  return {
    title: format(d.planTitle, { year: plan.year }),
    subtitle: format(d.planMeta, { groupName: group.name, version: plan.version, decided }),
    sections,
  };
}

/** The latest version of a year's plan as a document, or null when the group has no plan that year. */
export async function loadActionPlanDocument(store: Store, group: Group, year: number, regionalPlan: RegionalPlan | undefined, t: Catalog): Promise<PlanDocument | null> {
  const plan = await planOfYear(store, group.id, year, false);
  if (!plan) return null;
  const [activities, assignments, members, changes] = await Promise.all([
    store.activities.list({ planId: plan.id }),
    store.assignments.list({ groupId: group.id }),
    store.members.list({ groupId: group.id }),
    store.planChanges.list({ planId: plan.id }),
  ]);
  const ofPlan = assignments.filter((a) => activities.some((activity) => activity.id === a.activityId));
  const implementationPlans = (await Promise.all(ofPlan.map((a) => store.implementationPlans.list({ assignmentId: a.id })))).flat();
  return actionPlanDocument({ t, group, plan, activities, assignments: ofPlan, implementationPlans, members, regionalPlan, changes });
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
