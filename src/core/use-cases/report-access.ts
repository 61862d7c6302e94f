// Who reports on an assignment: its convener (sammankallande) or the named ersättare standing in for the
// convener. Everyone else is told who can, and how.
import type { Assignment, AssignmentStatus, Member } from '../domain.js';
import type { Reply } from '../events.js';
import type { Store } from '../ports.js';
import { format } from '../../i18n/index.js';
import type { GroupContext } from './context.js';
import { notice } from './show-help.js';

export function mayReport(member: Member, assignment: Assignment): boolean {
  return assignment.convenerMemberId === member.id || (member.substituteForMemberId !== null && member.substituteForMemberId === assignment.convenerMemberId);
}

/** The ongoing assignments `member` may report on, oldest first. */
export async function reportableAssignments(store: Store, { group, member }: GroupContext): Promise<Assignment[]> {
  const active = await store.assignments.list({ groupId: group.id, status: 'aktivt' });
  return active.filter((assignment) => mayReport(member, assignment));
}

export interface ReportPeople {
  convener: Member | null;
  substitutes: Member[];
}

/** The convener of an assignment and the ersättare named for them. */
export async function reportPeople(store: Store, assignment: Assignment): Promise<ReportPeople> {
  const members = await store.members.list({ groupId: assignment.groupId });
  return {
    convener: members.find((member) => member.id === assignment.convenerMemberId) ?? null,
    substitutes: members.filter((member) => member.substituteForMemberId === assignment.convenerMemberId),
  };
}

/** "Avrapportering lämnas av …": the ongoing assignments with their conveners and substitutes. */
export async function whoReports(store: Store, { group, member, t }: GroupContext): Promise<Reply> {
  const active = await store.assignments.list({ groupId: group.id, status: 'aktivt' });
  if (active.length === 0) return notice(t, t.notice.reportNoAssignment);
  const texts = t.reports.access;
  const lines = await Promise.all(
    active.map(async (assignment) => {
      const { convener, substitutes } = await reportPeople(store, assignment);
      const names = substitutes.map((member) => member.displayName).join(', ');
      return format(texts.assignmentLine, {
        title: assignment.title,
        convener: convener?.displayName ?? texts.unknownMember,
        substitute: names ? format(texts.substitute, { names }) : '',
      });
    }),
  );
  // How to report on the asker's own platform (an @-mention in Teams, the slash command in Slack).
  return notice(t, texts.notConvener, { assignments: lines.join('; '), howToReport: texts.howToReport[member.platform] });
}

/**
 * The assignment `assignmentId` if the member may report on it now, else the reply that says why not
 * (unknown, another group's, closed, or someone else's).
 */
export async function assignmentToReport(
  store: Store,
  context: GroupContext,
  assignmentId: string | undefined,
  statuses: readonly AssignmentStatus[] = ['aktivt'],
): Promise<Assignment | Reply> {
  const { group, member, t } = context;
  const assignment = assignmentId ? await store.assignments.get(assignmentId) : null;
  if (!assignment || assignment.groupId !== group.id) return notice(t, t.reports.access.notFound);
  if (!mayReport(member, assignment)) return whoReports(store, context);
  if (!statuses.includes(assignment.status)) {
    return notice(t, t.reports.access.notActive, { title: assignment.title, status: t.reports.assignmentStatuses[assignment.status] });
  }
  return assignment;
}

export function isReply(value: object): value is Reply {
  return 'kind' in value && typeof (value as { kind: unknown }).kind === 'string' && !('groupId' in value);
}
