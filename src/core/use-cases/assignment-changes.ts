// Step 3 over time: the chair, as uppdragsgivare, changes an uppdrag — extends its end date (also offered
// straight from a lägesrapport answering "Nej, nytt slutdatum"), changes its convener or goal, pauses or cancels it —
// always with a reason. Each change is kept with who and when (the plan's history, action
// 'assignment-changed'), shows on the uppdrag card and in the uppdragshandling, and is posted to the group.
import type { Assignment, AssignmentStatus, Member } from '../domain.js';
import type { FieldErrors, FormValues, Reply } from '../events.js';
import { format, type Catalog } from '../../i18n/index.js';
import { formatDate } from '../dates.js';
import { FORM_FIELDS } from '../form-fields.js';
import type { Dependencies, GroupContext } from './context.js';
import { chairOnly, checkDate, followAssignments, isChair, localDate, memberName, recordChange, valuesOf } from './action-plan-common.js';
import { assignmentCard } from './assignments.js';
import { notice } from './show-help.js';

const FIELDS = ['endDate', 'convenerMemberId', 'status', 'goal', 'reason'] as const;
/** What the chair may set; slutrapporterat and avslutat follow from the reports. */
const CHOOSABLE: readonly AssignmentStatus[] = ['aktivt', 'pausat', 'avbrutet'];
const REASON_MAX = FORM_FIELDS['assignment-change'].reason.max;
const GOAL_MAX = FORM_FIELDS['assignment-change'].goal.max;

async function changeable(deps: Dependencies, context: GroupContext, assignmentId: string | undefined): Promise<Assignment | Reply> {
  const assignment = assignmentId ? await deps.store.assignments.get(assignmentId) : null;
  if (!assignment || assignment.groupId !== context.group.id) return notice(context.t, context.t.assignmentChanges.errors.notFound);
  if (assignment.status === 'avslutat') return notice(context.t, context.t.assignmentChanges.errors.closed, { title: assignment.title });
  return assignment;
}

function changeForm(t: Catalog, assignment: Assignment, members: Member[], values: Record<(typeof FIELDS)[number], string>, errors?: FieldErrors): Reply {
  const c = t.assignmentChanges;
  const data = {
    t,
    title: format(c.title, { title: assignment.title }),
    values,
    convenerChoices: assignment.memberIds.map((id) => ({ title: memberName(members, id, t), value: id })),
    // A report-driven status (slutrapporterat) is kept as it is unless the chair picks another.
    statusChoices: [...new Set([assignment.status, ...CHOOSABLE])].map((value) => ({ title: c.statuses[value as keyof typeof c.statuses] ?? t.reports.assignmentStatuses[value], value })),
    context: { assignmentId: assignment.id },
  };
  return errors ? { kind: 'form-errors', form: 'assignment-change', data, errors } : { kind: 'form', form: 'assignment-change', data };
}

/** "Ändra uppdrag" (and "Förläng uppdraget till …" with `endDate` from a report): the form, prefilled. */
export async function openAssignmentChange(deps: Dependencies, context: GroupContext, args: FormValues): Promise<Reply> {
  if (!isChair(context.member)) return chairOnly(deps.store, context);
  const assignment = await changeable(deps, context, args.assignmentId);
  if ('kind' in assignment) return assignment;
  const members = await deps.store.members.list({ groupId: context.group.id });
  const zone = context.group.timeZone;
  return changeForm(context.t, assignment, members, {
    endDate: args.endDate || localDate(assignment.endDate, zone),
    convenerMemberId: assignment.convenerMemberId,
    status: assignment.status,
    goal: assignment.goal,
    reason: '',
  });
}

export async function submitAssignmentChange(deps: Dependencies, context: GroupContext, submitted: FormValues): Promise<Reply> {
  const { group, member, t } = context;
  if (!isChair(member)) return chairOnly(deps.store, context);
  const assignment = await changeable(deps, context, submitted.assignmentId);
  if ('kind' in assignment) return assignment;
  const c = t.assignmentChanges;
  // A card from before the goal field existed keeps the goal as it is.
  const values = { ...valuesOf(FIELDS, submitted), goal: submitted.goal ?? assignment.goal };
  const members = await deps.store.members.list({ groupId: group.id });
  const errors: FieldErrors = {};
  const endDate = checkDate(t, errors, 'endDate', c.endDate, values.endDate, group.timeZone);
  if (endDate && endDate <= assignment.startDate) {
    errors.endDate = format(c.errors.endBeforeStart, { end: values.endDate, start: formatDate(assignment.startDate, group.timeZone) });
  }
  if (!assignment.memberIds.includes(values.convenerMemberId)) errors.convenerMemberId = c.errors.convenerNotMember;
  const status = values.status as AssignmentStatus;
  if (status !== assignment.status && !CHOOSABLE.includes(status)) errors.status = format(c.errors.unknownStatus, { value: values.status.slice(0, 30) });
  const goal = values.goal.trim();
  if (!goal) errors.goal = format(t.errors.required, { field: t.actionPlan.assignment.goal });
  else if (goal.length > GOAL_MAX) errors.goal = format(t.errors.tooLong, { field: t.actionPlan.assignment.goal, max: GOAL_MAX, length: goal.length });
  const reason = values.reason.trim();
  if (!reason) errors.reason = c.errors.reasonMissing;
  else if (reason.length > REASON_MAX) errors.reason = format(t.errors.tooLong, { field: c.reason, max: REASON_MAX, length: reason.length });
  const zone = group.timeZone;
  const changes: string[] = [];
  if (endDate && localDate(endDate, zone) !== localDate(assignment.endDate, zone)) {
    changes.push(format(c.endDateChange, { from: formatDate(assignment.endDate, zone), to: formatDate(endDate, zone) }));
  }
  if (values.convenerMemberId !== assignment.convenerMemberId && !errors.convenerMemberId) {
    changes.push(format(c.convenerChange, { from: memberName(members, assignment.convenerMemberId, t), to: memberName(members, values.convenerMemberId, t) }));
  }
  if (status !== assignment.status && !errors.status) {
    const label = (value: AssignmentStatus) => t.reports.assignmentStatuses[value];
    changes.push(format(c.statusChange, { from: label(assignment.status), to: label(status) }));
  }
  if (goal && !errors.goal && goal !== assignment.goal.trim()) changes.push(format(c.goalChange, { goal }));
  if (Object.keys(errors).length === 0 && changes.length === 0) errors.endDate = c.errors.nothingChanged;
  if (Object.keys(errors).length > 0) return changeForm(t, assignment, members, values, errors);

  const now = deps.clock.now();
  const changed = await deps.store.transaction(async (store) => {
    const convener = members.find((m) => m.id === values.convenerMemberId)!;
    if (!convener.roles.includes('sammankallande')) await store.members.update(convener.id, { roles: [...convener.roles, 'sammankallande'] });
    const updated = await store.assignments.update(assignment.id, { endDate: endDate!, convenerMemberId: convener.id, status, goal });
    const activity = await store.activities.get(assignment.activityId);
    const plan = activity ? await store.plans.get(activity.planId) : null;
    await recordChange(store, group, member, { plan, action: 'assignment-changed', entityId: assignment.id, details: { changes: changes.join(', '), reason } }, now);
    await followAssignments(store, group, member, assignment.activityId, now);
    return updated;
  });
  return assignmentCard(deps, context, changed, format(c.changed, { name: member.displayName, title: changed.title, changes: changes.join(', '), reason }));
}
