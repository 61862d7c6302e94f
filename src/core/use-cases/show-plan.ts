import type { Activity } from '../domain.js';
import type { Reply } from '../events.js';
import { format } from '../../i18n/index.js';
import { formatDate, yearIn } from '../dates.js';
import type { Dependencies, GroupContext } from './context.js';

/** The local action plan of this year, latest version, with activities grouped by regional focus area. */
export async function showPlan(deps: Dependencies, { group, t }: GroupContext): Promise<Reply> {
  const year = yearIn(deps.clock.now(), group.timeZone);
  const plans = await deps.store.plans.list({ groupId: group.id, year });
  const plan = plans.reduce<(typeof plans)[number] | undefined>(
    (latest, candidate) => (!latest || candidate.version > latest.version ? candidate : latest),
    undefined,
  );
  const activities = plan ? await deps.store.activities.list({ planId: plan.id }) : [];
  const byFocusArea = new Map<string, Activity[]>();
  for (const activity of activities) {
    byFocusArea.set(activity.focusAreaCode, [...(byFocusArea.get(activity.focusAreaCode) ?? []), activity]);
  }
  return {
    kind: 'card',
    card: 'plan',
    data: {
      t,
      title: format(t.plan.title, { year }),
      subtitle: plan
        ? [
            format(t.plan.versionLine, { version: plan.version }),
            plan.decidedAt ? format(t.plan.decidedLine, { date: formatDate(plan.decidedAt, group.timeZone) }) : t.plan.notDecided,
          ].join(' · ')
        : format(t.plan.noPlan, { year }),
      isEmpty: activities.length === 0,
      focusAreas: [...byFocusArea.entries()].map(([code, list]) => ({
        heading: format(t.plan.focusArea, { code }),
        activities: list.map((activity) => ({
          line: format(t.plan.activityLine, {
            title: activity.title,
            targetGroup: t.common.targetGroups[activity.targetGroup],
            start: formatDate(activity.startDate, group.timeZone),
            end: formatDate(activity.endDate, group.timeZone),
            status: t.common.activityStatuses[activity.status],
          }),
        })),
      })),
    },
  };
}
