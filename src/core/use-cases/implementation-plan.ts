// Step 4, genomförandeplan: the convener of an assignment records sub-goals (delmål) with owner and date,
// tasks (who does what, when) and local indicators (name, unit, baseline, target, how measured). One line
// per entry with fields separated by "|": editable on every platform, and nothing typed is lost on errors.
import { randomUUID } from 'node:crypto';
import type { Assignment, ImplementationPlan, LocalIndicator, PlanTask, SubGoal } from '../domain.js';
import type { FieldErrors, FormValues, Reply } from '../events.js';
import { format, type Catalog } from '../../i18n/index.js';
import type { Dependencies, GroupContext } from './context.js';
import { notice } from './show-help.js';
import { convenedBy } from './assignments.js';
import { memberName, recordChange, startOfLocalDay, valuesOf } from './action-plan-common.js';

const FIELDS = ['subGoals', 'tasks', 'indicators'] as const;
type PlanValues = Record<(typeof FIELDS)[number], string>;
const SEPARATOR = '|';

function formOf(t: Catalog, assignment: Assignment, values: PlanValues, errors?: FieldErrors): Reply {
  const data = {
    t,
    values,
    title: format(t.actionPlan.implementation.formTitle, { title: assignment.title }),
    context: { assignmentId: assignment.id },
  };
  return errors ? { kind: 'form-errors', form: 'implementation-plan', data, errors } : { kind: 'form', form: 'implementation-plan', data };
}

export function planToText(plan: ImplementationPlan | null): PlanValues {
  const join = (fields: (string | number)[]) => fields.join(` ${SEPARATOR} `);
  return {
    subGoals: (plan?.subGoals ?? []).map((g) => join([g.title, g.owner, g.dueDate])).join('\n'),
    tasks: (plan?.tasks ?? []).map((task) => join([task.who, task.what, task.when])).join('\n'),
    indicators: (plan?.indicators ?? []).map((i) => join([i.name, i.unit, i.baseline, i.target, i.method])).join('\n'),
  };
}

/** Splits the lines of one field; the first bad line becomes the field's error. */
type FieldName = keyof Catalog['actionPlan']['implementation']['fields'];

function parseLines<T>(
  text: string,
  labels: FieldName[],
  t: Catalog,
  build: (fields: string[], line: number) => T | string,
): { items: T[]; error: string | null } {
  const i = t.actionPlan.implementation;
  const items: T[] = [];
  const lines = text.split('\n').map((line) => line.trim()).filter(Boolean);
  for (const [index, line] of lines.entries()) {
    const fields = line.split(SEPARATOR).map((field) => field.trim());
    if (fields.length !== labels.length) return { items, error: format(i.lineFields, { line: index + 1, count: labels.length, got: fields.length }) };
    const empty = fields.findIndex((field) => field === '');
    if (empty >= 0) return { items, error: format(i.lineEmptyField, { line: index + 1, field: i.fields[labels[empty]!] }) };
    const built = build(fields, index + 1);
    if (typeof built === 'string') return { items, error: built };
    items.push(built);
  }
  return { items, error: null };
}

/** Keeps the id of an entry whose title stays the same: progress reports refer to sub-goals and indicators by id. */
function keepId<T extends { id: string }>(previous: T[], matches: (item: T) => boolean): string {
  return previous.find(matches)?.id ?? randomUUID();
}

export function parsePlan(t: Catalog, values: PlanValues, previous: ImplementationPlan | null, timeZone: string) {
  const i = t.actionPlan.implementation;
  const number = (value: string) => Number(value.replace(',', '.'));
  const subGoals = parseLines<SubGoal>(values.subGoals, ['title', 'owner', 'date'], t, ([title, owner, dueDate], line) => {
    if (!startOfLocalDay(dueDate!, timeZone)) return format(i.lineDate, { line, value: dueDate!.slice(0, 40) });
    const before = previous?.subGoals.find((g) => g.title === title);
    return { id: keepId(previous?.subGoals ?? [], (g) => g.title === title), title: title!, owner: owner!, dueDate: dueDate!, status: before?.status ?? 'gron' };
  });
  const tasks = parseLines<PlanTask>(values.tasks, ['who', 'what', 'when'], t, ([who, what, when]) => ({
    id: keepId(previous?.tasks ?? [], (x) => x.who === who && x.what === what),
    who: who!,
    what: what!,
    when: when!,
  }));
  const indicators = parseLines<LocalIndicator>(values.indicators, ['name', 'unit', 'baseline', 'target', 'method'], t, ([name, unit, baseline, target, method], line) => {
    for (const [field, value] of [['baseline', baseline!], ['target', target!]] as const) {
      if (!Number.isFinite(number(value))) return format(i.lineNumber, { line, field: i.fields[field], value: value.slice(0, 30) });
    }
    return { id: keepId(previous?.indicators ?? [], (x) => x.name === name), name: name!, unit: unit!, baseline: number(baseline!), target: number(target!), method: method! };
  });
  const errors: FieldErrors = {};
  if (subGoals.error) errors.subGoals = subGoals.error;
  if (tasks.error) errors.tasks = tasks.error;
  if (indicators.error) errors.indicators = indicators.error;
  return { errors, subGoals: subGoals.items, tasks: tasks.items, indicators: indicators.items };
}

/** The assignment the convener means, or the reply that explains why there is none. */
async function ownAssignment(deps: Dependencies, context: GroupContext, assignmentId: string | undefined, text: string): Promise<Assignment | Reply> {
  const { group, member, t } = context;
  const i = t.actionPlan.implementation;
  if (assignmentId) {
    const assignment = await deps.store.assignments.get(assignmentId);
    if (!assignment || assignment.groupId !== group.id) return notice(t, i.noAssignment);
    if (assignment.convenerMemberId !== member.id) {
      const members = await deps.store.members.list({ groupId: group.id });
      return notice(t, i.onlyConvener, { name: memberName(members, assignment.convenerMemberId, t) });
    }
    return assignment;
  }
  const own = await convenedBy(deps.store, group, member);
  const wanted = text.trim().split(/\s+/).slice(1).join(' ').toLowerCase();
  const named = wanted ? own.filter((a) => a.title.toLowerCase().includes(wanted)) : own;
  if (named.length === 1) return named[0]!;
  if (own.length === 0) return notice(t, i.noAssignment);
  return notice(t, i.chooseAssignment, { titles: own.map((a) => `"${a.title}"`).join(', ') });
}

export async function openImplementationPlan(deps: Dependencies, context: GroupContext, input: FormValues): Promise<Reply> {
  const assignment = await ownAssignment(deps, context, input.assignmentId, input.text ?? '');
  if ('kind' in assignment) return assignment;
  const existing = (await deps.store.implementationPlans.list({ assignmentId: assignment.id }))[0] ?? null;
  return formOf(context.t, assignment, planToText(existing));
}

export async function submitImplementationPlan(deps: Dependencies, context: GroupContext, submitted: FormValues): Promise<Reply> {
  const { group, member, t } = context;
  const assignment = await ownAssignment(deps, context, submitted.assignmentId ?? '', '');
  if ('kind' in assignment) return assignment;
  const values = valuesOf(FIELDS, submitted);
  const existing = (await deps.store.implementationPlans.list({ assignmentId: assignment.id }))[0] ?? null;
  const parsed = parsePlan(t, values, existing, group.timeZone);
  if (Object.keys(parsed.errors).length > 0) return formOf(t, assignment, values, parsed.errors);
  const { subGoals, tasks, indicators } = parsed;
  const now = deps.clock.now();
  await deps.store.transaction(async (store) => {
    if (existing) await store.implementationPlans.update(existing.id, { subGoals, tasks, indicators });
    else await store.implementationPlans.create({ assignmentId: assignment.id, subGoals, tasks, indicators });
    const activity = await store.activities.get(assignment.activityId);
    const plan = activity ? await store.plans.get(activity.planId) : null;
    await recordChange(
      store,
      group,
      member,
      { plan, action: 'implementation-plan-updated', entityId: assignment.id, details: { subGoals: subGoals.length, tasks: tasks.length, indicators: indicators.length } },
      now,
    );
  });
  return notice(t, t.actionPlan.implementation.saved, {
    name: member.displayName,
    title: assignment.title,
    subGoals: subGoals.length,
    tasks: tasks.length,
    indicators: indicators.length,
  });
}
