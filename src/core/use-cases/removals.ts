// "Ta bort" anywhere in the local action plan goes through one confirmation form; what it removes (an
// activity, or a delmål, task or indicator of an implementation plan) travels as the form's context.
import type { FormValues, Reply } from '../events.js';
import type { Dependencies, GroupContext } from './context.js';
import type { RemovalTarget } from './action-plan-common.js';
import { notice } from './show-help.js';
import { openRemoveActivity, removeActivity } from './plan-activities.js';
import { openRemovePlanItem, removePlanItem } from './implementation-plan.js';

const KINDS: readonly RemovalTarget['kind'][] = ['activity', 'sub-goal', 'task', 'indicator'];

function targetOf(input: FormValues): RemovalTarget | null {
  const kind = KINDS.find((k) => k === input.kind);
  return kind && input.id ? { kind, id: input.id, assignmentId: input.assignmentId ?? '' } : null;
}

export async function openRemoval(deps: Dependencies, context: GroupContext, args: FormValues): Promise<Reply> {
  const target = targetOf(args);
  if (!target) return notice(context.t, context.t.actionPlan.removal.unknownActivity);
  return target.kind === 'activity' ? openRemoveActivity(deps, context, target) : openRemovePlanItem(deps, context, target);
}

export async function submitRemoval(deps: Dependencies, context: GroupContext, values: FormValues): Promise<Reply> {
  const target = targetOf(values);
  if (!target) return notice(context.t, context.t.actionPlan.removal.unknownActivity);
  return target.kind === 'activity' ? removeActivity(deps, context, target, values) : removePlanItem(deps, context, target, values);
}
