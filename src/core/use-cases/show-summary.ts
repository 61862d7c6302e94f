import type { Reply } from '../events.js';
import { format } from '../../i18n/index.js';
import { formatDateTime, yearIn } from '../dates.js';
import { hasRole, type Dependencies, type GroupContext } from './context.js';
import { failedSendLines } from './failed-sends.js';
import { chunkLines } from './standing-item.js';

/** The group at a glance: next meeting, parties, plan size, ongoing assignments and reports this year. */
export async function showSummary(deps: Dependencies, { group, member, t }: GroupContext): Promise<Reply> {
  const now = deps.clock.now();
  const { store } = deps;
  const [members, organisations, meetings, plans, assignments] = await Promise.all([
    store.members.list({ groupId: group.id }),
    store.organisations.list({ groupId: group.id }),
    store.meetings.list({ groupId: group.id, cancelled: false }),
    store.plans.list({ groupId: group.id, year: yearIn(now, group.timeZone) }),
    store.assignments.list({ groupId: group.id }),
  ]);
  const nextMeeting = meetings
    .filter((meeting) => meeting.startsAt > now)
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())[0];
  const activityCounts = await Promise.all(plans.map((plan) => store.activities.list({ planId: plan.id })));
  const latestPlanActivities = activityCounts.at(-1)?.length ?? 0;
  const reports = (
    await Promise.all(assignments.map((assignment) => store.progressReports.list({ assignmentId: assignment.id, submitted: true })))
  )
    .flat()
    .filter((report) => report.submittedAt && yearIn(report.submittedAt, group.timeZone) === yearIn(now, group.timeZone));
  // Posts the bot gave up on concern the chair (and the kansli), who can fix the channel or repost.
  const failed = hasRole(member, 'ordforande', 'kansli') ? await failedSendLines(store, group, t) : [];
  return {
    kind: 'card',
    card: 'summary',
    data: {
      t,
      ...(failed.length > 0 ? { failedSends: { heading: t.scheduler.delivery.failedHeading, chunks: chunkLines(failed, (count) => format(t.scheduler.delivery.more, { count })) } } : {}),
      title: format(t.summary.title, { groupName: group.name }),
      nextMeeting: nextMeeting
        ? format(t.summary.nextMeeting, { date: formatDateTime(nextMeeting.startsAt, group.timeZone, group.locale) })
        : t.summary.noMeeting,
      facts: [
        { title: t.summary.facts.members, value: String(members.length) },
        {
          title: t.summary.facts.organisations,
          value: organisations.map((organisation) => organisation.name).join(', ') || t.summary.noOrganisations,
        },
        { title: t.summary.facts.activities, value: String(latestPlanActivities) },
        {
          title: t.summary.facts.activeAssignments,
          value: String(assignments.filter((assignment) => assignment.status === 'aktivt').length),
        },
        { title: t.summary.facts.reportsThisYear, value: String(reports.length) },
      ],
    },
  };
}
