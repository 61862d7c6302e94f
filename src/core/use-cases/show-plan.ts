import type { Activity, Assignment, Group, ImplementationPlan, Member } from '../domain.js';
import type { Reply } from '../events.js';
import { format, type Catalog } from '../../i18n/index.js';
import { formatDate, formatLongDate, yearIn } from '../dates.js';
import { findFocusArea, shorten, type RegionalPlan } from '../regional-plan.js';
import type { Dependencies, GroupContext } from './context.js';
import { isChair, memberName, planOfYear, planYear } from './action-plan-common.js';
import { assignmentLine, implementationLines } from './plan-documents.js';

/**
 * Activities shown: each takes up to three Slack blocks (line, details, the chair's Ändra / Ta bort), four
 * with its own focus-area heading; a message holds at most 50 blocks, seven of them the card's own.
 */
const SHOWN_ACTIVITIES = 10;
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

/** The local action plan of the planning year, latest version: activities by regional focus area with their assignments. */
export async function showPlan(deps: Dependencies, { group, member, t }: GroupContext): Promise<Reply> {
  const { store } = deps;
  const regionalPlan = deps.actionPlan?.regionalPlan;
  const year = deps.actionPlan ? await planYear(deps, group) : yearIn(deps.clock.now(), group.timeZone);
  const plan = await planOfYear(store, group.id, year, false);
  const [activities, assignments, members, changes] = await Promise.all([
    plan ? store.activities.list({ planId: plan.id }) : Promise.resolve([]),
    store.assignments.list({ groupId: group.id }),
    store.members.list({ groupId: group.id }),
    plan ? store.planChanges.list({ planId: plan.id }) : Promise.resolve([]),
  ]);
  const implementations = (await Promise.all(assignments.map((a) => store.implementationPlans.list({ assignmentId: a.id })))).flat();
  const order = (code: string) => regionalPlan?.focusAreas.findIndex((area) => area.code === code) ?? 0;
  const shown = [...activities].sort((a, b) => order(a.focusAreaCode) - order(b.focusAreaCode)).slice(0, SHOWN_ACTIVITIES);
  const byFocusArea = new Map<string, Activity[]>();
  for (const activity of shown) byFocusArea.set(activity.focusAreaCode, [...(byFocusArea.get(activity.focusAreaCode) ?? []), activity]);
  const last = changes.at(-1);
  const subtitle = plan
    ? [
        format(t.plan.versionLine, { version: plan.version }),
        plan.decidedAt ? format(t.plan.decidedLine, { date: formatLongDate(plan.decidedAt, group.timeZone, group.locale) }) : t.plan.notDecided,
        ...(plan.decidedAt && plan.lastRevisedAt && plan.lastRevisedAt > plan.decidedAt
          ? [format(t.actionPlan.planCard.revisedLine, { date: formatLongDate(plan.lastRevisedAt, group.timeZone, group.locale) })]
          : []),
      ].join(' · ')
    : format(t.plan.noPlan, { year });
  const chair = isChair(member);
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
          line: format(t.plan.activityLine, {
            title: activity.title,
            targetGroup: t.common.targetGroups[activity.targetGroup],
            start: formatDate(activity.startDate, group.timeZone),
            end: formatDate(activity.endDate, group.timeZone),
            status: t.common.activityStatuses[activity.status],
          }),
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
      canAssign: chair && activities.length > 0,
    },
  };
}
