import type { Reply } from '../events.js';
import type { Dependencies, GroupContext } from './context.js';
import { notice } from './show-help.js';

/**
 * `rapport`: only the convener of an ongoing assignment (or the ersättare standing in for them) reports.
 * Everyone else is told who can and how.
 */
export async function startReport(deps: Dependencies, { group, member, t }: GroupContext): Promise<Reply> {
  const assignments = await deps.store.assignments.list({ groupId: group.id, status: 'aktivt' });
  const mine = assignments.filter(
    (assignment) =>
      assignment.convenerMemberId === member.id ||
      (member.substituteForMemberId !== null && assignment.convenerMemberId === member.substituteForMemberId),
  );
  if (mine.length === 0) return notice(t, t.notice.reportNoAssignment);
  return notice(t, t.notice.reportChoose, { titles: mine.map((assignment) => assignment.title).join(', ') });
}
