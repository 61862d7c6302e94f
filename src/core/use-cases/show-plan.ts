import type { ActionPlan, Activity, Assignment, Group, ImplementationPlan, Member } from '../domain.js';
import type { Reply } from '../events.js';
import { format, type Catalog } from '../../i18n/index.js';
import { formatDate, formatLongDate, yearIn } from '../dates.js';
import { findFocusArea, shorten, type RegionalPlan } from '../regional-plan.js';
import type { Dependencies, GroupContext } from './context.js';
import { isChair, lastYearOf, livingPlan, memberName, planYear } from './action-plan-common.js';
import { assignmentLine, implementationLines } from './plan-documents.js';

/**
 * Activities shown: each takes up to three Slack blocks (line, details, the chair's Ändra / Ta bort), four
 * with its own focus-area heading; a message holds at most 50 blocks, seven of them the card's own.
 */
const SHOWN_ACTIVITIES = 10;
/** With the chair's planning version below (five blocks of its own), two activities fewer keep it under 50. */
const SHOWN_WITH_PLANNING = 8;
/** Slack shows at most 3000 characters in the context block the details become. */
const DETAILS_MAX = 2900;

function focusAreaHeading(t: Catalog, regionalPlan: RegionalPlan | undefined, code: string): string {
  if (!regionalPlan) return format(t.plan.focusArea, { code });
  const area = findFocusArea(regionalPlan, code);
  return area ? format(t.actionPlan.planCard.focusArea, { code, name: area.name }) : format(t.actionPlan.planCard.unknownFocusArea, { code });
}

function activityDetails(t: Catalog, { timeZone, locale }: Group, activity: Activity, assignments: Assignment[], implementations: ImplementationPlan[], members: Member[]): string {
  const p = t.actionPlan.planCard;
  const lines: string[] = [];
  for (const assignment of assignments.filter((a) => a.activityId === activity.id)) {
    lines.push(assignmentLine(t, assignment, timeZone, members));
    const implementation = implementations.find((plan) => plan.assignmentId === assignment.id);
    if (implementation) {
      lines.push(format(p.implementationLine, { subGoalCount: implementation.subGoals.length, taskCount: implementation.tasks.length, indicatorCount: implementation.indicators.length }));
      const entries = implementationLines(t, implementation, locale);
      lines.push(...[...entries.subGoals, ...entries.tasks, ...entries.indicators].map((line) => `    ${line}`));
    }
  }
  return shorten(lines.join('\n'), DETAILS_MAX);
}

function activityLine(t: Catalog, group: Group, activity: Activity): string {
  return format(t.plan.activityLine, {
    title: activity.title,
    targetGroup: t.common.targetGroups[activity.targetGroup],
    start: formatDate(activity.startDate, group.timeZone),
    end: formatDate(activity.endDate, group.timeZone),
    status: t.common.activityStatuses[activity.status],
  });
}

function versionSubtitle(t: Catalog, group: Group, plan: ActionPlan): string {
  return [
    format(t.plan.versionLine, { version: plan.version }),
    plan.decidedAt ? format(t.plan.decidedLine, { date: formatLongDate(plan.decidedAt, group.timeZone, group.locale) }) : t.plan.notDecided,
    ...(plan.decidedAt && plan.lastRevisedAt && plan.lastRevisedAt > plan.decidedAt
      ? [format(t.actionPlan.planCard.revisedLine, { date: formatLongDate(plan.lastRevisedAt, group.timeZone, group.locale) })]
      : []),
  ].join(' · ');
}

/** Running (planned or ongoing) activities of the plan in force that do not reach the planning year. */
export function carriableActivities(plans: readonly ActionPlan[], current: readonly Activity[], planning: ActionPlan, timeZone: string): Activity[] {
  const yearOf = new Map(plans.map((plan) => [plan.id, plan.year]));
  return current.filter(
    (activity) => (activity.status === 'planerad' || activity.status === 'pagaende') && lastYearOf(activity, yearOf.get(activity.planId) ?? planning.year, timeZone) < planning.year,
  );
}

/**
 * The chair's view of next year's plan beside the one in force: its version, activities, "Ta med pågående
 * aktiviteter" and the decision. Only the chair sees it: the members work by the plan in force.
 */
function planningSection(t: Catalog, group: Group, living: Awaited<ReturnType<typeof livingPlan>>) {
  const { planning, current } = living;
  if (!planning || !current) return [];
  const p = t.actionPlan.living;
  const lines = living.planningActivities.map((activity) => `- ${activityLine(t, group, activity)}`);
  return [
    {
      title: format(p.planningTitle, { year: planning.year }),
      subtitle: planning.decidedAt
        ? format(p.planningDecided, { version: planning.version, date: formatLongDate(planning.decidedAt, group.timeZone, group.locale), year: planning.year })
        : format(p.planningNotDecided, { version: planning.version }),
      intro: format(p.planningIntro, { current: current.year, year: planning.year }),
      lines: lines.length > 0 ? shorten(lines.join('\n'), DETAILS_MAX) : p.planningEmpty,
      canCarryOver: carriableActivities(living.plans, living.currentActivities, planning, group.timeZone).length > 0,
      canDecide: living.planningActivities.length > 0,
      year: String(planning.year),
    },
  ];
}

/**
 * The local action plan in force (its latest version, activities by regional focus area with their
 * assignments) and, for the chair, the planning version for next year beside it. Before the group's first
 * plan is in force, the plan being prepared is shown as the plan.
 */
export async function showPlan(deps: Dependencies, { group, member, t }: GroupContext): Promise<Reply> {
  const { store } = deps;
  const regionalPlan = deps.actionPlan?.regionalPlan;
  const living = await livingPlan(deps, group);
  const plan = living.current ?? living.planning;
  const activities = living.current ? living.currentActivities : living.planningActivities;
  const year = plan?.year ?? (deps.actionPlan ? await planYear(deps, group) : yearIn(deps.clock.now(), group.timeZone));
  const [assignments, members, changes] = await Promise.all([
    store.assignments.list({ groupId: group.id }),
    store.members.list({ groupId: group.id }),
    plan ? store.planChanges.list({ planId: plan.id }) : Promise.resolve([]),
  ]);
  const implementations = (await Promise.all(assignments.map((a) => store.implementationPlans.list({ assignmentId: a.id })))).flat();
  const chair = isChair(member);
  const planning = chair ? planningSection(t, group, living) : [];
  const order = (code: string) => regionalPlan?.focusAreas.findIndex((area) => area.code === code) ?? 0;
  const shown = [...activities].sort((a, b) => order(a.focusAreaCode) - order(b.focusAreaCode)).slice(0, planning.length > 0 ? SHOWN_WITH_PLANNING : SHOWN_ACTIVITIES);
  const byFocusArea = new Map<string, Activity[]>();
  for (const activity of shown) byFocusArea.set(activity.focusAreaCode, [...(byFocusArea.get(activity.focusAreaCode) ?? []), activity]);
  const last = changes.at(-1);
  const subtitle = plan ? versionSubtitle(t, group, plan) : format(t.plan.noPlan, { year });
  return {
    kind: 'card',
    card: 'plan',
    data: {
      t,
      title: format(t.plan.title, { year }),
      subtitle,
      isEmpty: activities.length === 0,
      focusAreas: [...byFocusArea.entries()].map(([code, list]) => ({
        heading: focusAreaHeading(t, regionalPlan, code),
        activities: list.map((activity) => ({
          line: activityLine(t, group, activity),
          details: activityDetails(t, group, activity, assignments, implementations, members),
          id: activity.id,
          removalKind: 'activity',
          editable: chair && Boolean(deps.actionPlan),
        })),
      })),
      more: activities.length > shown.length ? format(t.actionPlan.planCard.moreActivities, { count: activities.length - shown.length }) : '',
      history: last
        ? format(t.actionPlan.planCard.historyLine, {
            date: formatLongDate(last.createdAt, group.timeZone, group.locale),
            name: memberName(members, last.memberId, t),
            action: t.actionPlan.history.actions[last.action],
          })
        : '',
      docxUrl: plan && deps.links?.actionPlan ? deps.links.actionPlan(group.id, year, 'docx') : '',
      markdownUrl: plan && deps.links?.actionPlan ? deps.links.actionPlan(group.id, year, 'md') : '',
      showChairActions: chair && Boolean(deps.actionPlan),
      canDecide: chair && activities.length > 0,
      canAssign: chair && (activities.length > 0 || living.planningActivities.length > 0),
      year: String(year),
      planning,
    },
  };
}
