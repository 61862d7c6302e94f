// Step 4, genomförandeplan: the convener of an assignment records sub-goals (delmål) with owner and date,
// tasks (who does what, when) and local indicators (name, unit, baseline, target, how measured). The plan
// card lists every entry with its own Ändra / Ta bort and a form per entry with one message per bad field;
// the whole plan can still be written as text, one line per entry with fields separated by "|".
import { randomUUID } from 'node:crypto';
import type { Assignment, ImplementationPlan, LocalIndicator, Locale, PlanTask, SubGoal } from '../domain.js';
import type { FieldErrors, FormId, FormValues, Reply } from '../events.js';
import type { Store } from '../ports.js';
import { format, type Catalog } from '../../i18n/index.js';
import type { Dependencies, GroupContext } from './context.js';
import { groupNotice, notice } from './show-help.js';
import { convenedBy } from './assignments.js';
import { formatDate } from '../dates.js';
import { FieldChecker, textRule } from './form-checks.js';
import { formatNumber } from './progress-report.js';
import { fieldsWithIdentityNumbers } from '../personal-data.js';
import {
  checkDate,
  localDate,
  memberName,
  recordChange,
  removalForm,
  removalReason,
  startOfLocalDay,
  valuesOf,
  type RemovalTarget,
} from './action-plan-common.js';

const FIELDS = ['subGoals', 'tasks', 'indicators'] as const;
type PlanValues = Record<(typeof FIELDS)[number], string>;
// A semicolon is what people already use to separate things on a line; "|" (the old separator) is still read
// so that a draft typed before the change is not lost.
const SEPARATOR = ';';
const SEPARATORS = /[;|]/;

function formOf(t: Catalog, assignment: Assignment, values: PlanValues, errors?: FieldErrors): Reply {
  const data = {
    t,
    values,
    title: format(t.actionPlan.implementation.formTitle, { title: assignment.title }),
    context: { assignmentId: assignment.id },
  };
  return errors ? { kind: 'form-errors', form: 'implementation-plan', data, errors } : { kind: 'form', form: 'implementation-plan', data };
}

/** The plan as editable text; Swedish shows decimals with a comma ("55,5"), which parsePlan reads back. */
export function planToText(plan: ImplementationPlan | null, locale: Locale = 'sv'): PlanValues {
  const decimal = (value: number) => (locale === 'sv' ? String(value).replace('.', ',') : String(value));
  const join = (fields: (string | number)[]) => fields.map((field) => (typeof field === 'number' ? decimal(field) : field)).join(` ${SEPARATOR} `);
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
  limit: { field: string; max: number },
  build: (fields: string[], line: number) => T | string,
): { items: T[]; error: string | null } {
  const i = t.actionPlan.implementation;
  const items: T[] = [];
  const lines = text.split('\n').map((line) => line.trim()).filter(Boolean);
  if (lines.length > limit.max) return { items, error: format(i.tooManyLines, { field: limit.field, max: limit.max, count: lines.length }) };
  for (const [index, line] of lines.entries()) {
    const fields = line.split(SEPARATORS).map((field) => field.trim());
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
  const subGoals = parseLines<SubGoal>(values.subGoals, ['title', 'owner', 'date'], t, { field: i.subGoalForm.modalTitle, max: ITEM_LIMITS['sub-goal'] }, ([title, owner, dueDate], line) => {
    if (!startOfLocalDay(dueDate!, timeZone)) return format(i.lineDate, { line, value: dueDate!.slice(0, 40) });
    const before = previous?.subGoals.find((g) => g.title === title);
    return { id: keepId(previous?.subGoals ?? [], (g) => g.title === title), title: title!, owner: owner!, dueDate: dueDate!, status: before?.status ?? 'gron' };
  });
  const tasks = parseLines<PlanTask>(values.tasks, ['who', 'what', 'when'], t, { field: i.taskForm.modalTitle, max: ITEM_LIMITS.task }, ([who, what, when]) => ({
    id: keepId(previous?.tasks ?? [], (x) => x.who === who && x.what === what),
    who: who!,
    what: what!,
    when: when!,
  }));
  const indicators = parseLines<LocalIndicator>(values.indicators, ['name', 'unit', 'baseline', 'target', 'method'], t, { field: i.indicatorForm.modalTitle, max: ITEM_LIMITS.indicator }, ([name, unit, baseline, target, method], line) => {
    for (const [field, value] of [['baseline', baseline!], ['target', target!]] as const) {
      if (!Number.isFinite(number(value))) return format(i.lineNumber, { line, field: i.fields[field], value: value.slice(0, 30) });
    }
    return { id: keepId(previous?.indicators ?? [], (x) => x.name === name), name: name!, unit: unit!, baseline: number(baseline!), target: number(target!), method: method! };
  });
  const errors: FieldErrors = {};
  if (subGoals.error) errors.subGoals = subGoals.error;
  if (tasks.error) errors.tasks = tasks.error;
  if (indicators.error) errors.indicators = indicators.error;
  const labels: PlanValues = { subGoals: i.subGoalForm.modalTitle, tasks: i.taskForm.modalTitle, indicators: i.indicatorForm.modalTitle };
  for (const field of fieldsWithIdentityNumbers(values, FIELDS) as (typeof FIELDS)[number][]) {
    errors[field] ??= format(t.reports.errors.identityNumber, { field: labels[field] });
  }
  for (const field of FIELDS) {
    const { max } = textRule('implementation-plan', field);
    const length = values[field].trim().length;
    // Said before any line's problem: the whole text has to be shorter first.
    if (length > max) errors[field] = format(t.reports.errors.tooLong, { field: labels[field], max, length });
  }
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

async function implementationOf(store: Store, assignmentId: string): Promise<ImplementationPlan | null> {
  return (await store.implementationPlans.list({ assignmentId }))[0] ?? null;
}

/** `genomförandeplan` and the assignment's button: the convener's plan, entry by entry. */
export async function openImplementationPlan(deps: Dependencies, context: GroupContext, input: FormValues): Promise<Reply> {
  const assignment = await ownAssignment(deps, context, input.assignmentId, input.text ?? '');
  if ('kind' in assignment) return assignment;
  return overview(deps, context, assignment, await implementationOf(deps.store, assignment.id), '');
}

/** The whole plan as text, one line per entry: quicker for a convener pasting a plan written elsewhere. */
export async function openImplementationText(deps: Dependencies, context: GroupContext, input: FormValues): Promise<Reply> {
  const assignment = await ownAssignment(deps, context, input.assignmentId ?? '', '');
  if ('kind' in assignment) return assignment;
  return formOf(context.t, assignment, planToText(await implementationOf(deps.store, assignment.id), context.group.locale));
}

export async function submitImplementationPlan(deps: Dependencies, context: GroupContext, submitted: FormValues): Promise<Reply> {
  const { group, member, t } = context;
  const assignment = await ownAssignment(deps, context, submitted.assignmentId ?? '', '');
  if ('kind' in assignment) return assignment;
  const values = valuesOf(FIELDS, submitted);
  const existing = await implementationOf(deps.store, assignment.id);
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
  return groupNotice(t, t.actionPlan.implementation.saved, {
    name: member.displayName,
    title: assignment.title,
    subGoalCount: subGoals.length,
    taskCount: tasks.length,
    indicatorCount: indicators.length,
  });
}

// ---- One entry at a time ----------------------------------------------------------------------------

type ItemKind = Exclude<RemovalTarget['kind'], 'activity'>;
type Item = SubGoal | PlanTask | LocalIndicator;

/**
 * At most this many entries per list. Every entry is a row with its own buttons on the plan card, and a
 * Slack message holds 50 blocks: 20 rows of two blocks plus the headings and buttons just fit.
 */
export const ITEM_LIMITS: Record<ItemKind, number> = { 'sub-goal': 8, task: 8, indicator: 4 };

const ITEM_KINDS = Object.keys(ITEM_LIMITS) as ItemKind[];
const LIST_OF = { 'sub-goal': 'subGoals', task: 'tasks', indicator: 'indicators' } as const satisfies Record<ItemKind, keyof ImplementationPlan>;
const FORM_OF = { 'sub-goal': 'sub-goal', task: 'plan-task', indicator: 'indicator' } as const satisfies Record<ItemKind, FormId>;
const ITEM_FIELDS = {
  'sub-goal': ['title', 'owner', 'dueDate'],
  task: ['who', 'what', 'when'],
  indicator: ['name', 'unit', 'baseline', 'target', 'method'],
} as const;

const itemsOf = (plan: ImplementationPlan | null, kind: ItemKind): Item[] => plan?.[LIST_OF[kind]] ?? [];

/** What names an entry in messages and in the history. */
function itemName(kind: ItemKind, item: Item): string {
  if (kind === 'sub-goal') return (item as SubGoal).title;
  if (kind === 'task') return (item as PlanTask).what;
  return (item as LocalIndicator).name;
}

function itemValues(kind: ItemKind, item: Item | null, locale: Locale): Record<string, string> {
  const shown: Record<string, string | number> =
    kind === 'indicator' && item
      ? { ...item, baseline: formatNumber((item as LocalIndicator).baseline, locale), target: formatNumber((item as LocalIndicator).target, locale) }
      : { ...item };
  return Object.fromEntries(ITEM_FIELDS[kind].map((field) => [field, String(shown[field] ?? '')]));
}

async function overview(deps: Dependencies, { group, t }: GroupContext, assignment: Assignment, plan: ImplementationPlan | null, message: string): Promise<Reply> {
  const i = t.actionPlan.implementation;
  const members = await deps.store.members.list({ groupId: group.id });
  const rows: Record<ItemKind, (item: Item) => string> = {
    'sub-goal': (item) => {
      const g = item as SubGoal;
      return format(i.subGoalRow, { title: g.title, owner: g.owner, date: g.dueDate });
    },
    task: (item) => {
      const task = item as PlanTask;
      return format(i.taskRow, { who: task.who, what: task.what, when: task.when });
    },
    indicator: (item) => {
      const x = item as LocalIndicator;
      return format(i.indicatorRow, { name: x.name, unit: x.unit, baseline: formatNumber(x.baseline, group.locale), target: formatNumber(x.target, group.locale), method: x.method });
    },
  };
  const headings = { 'sub-goal': i.subGoalsHeading, task: i.tasksHeading, indicator: i.indicatorsHeading };
  const empty = { 'sub-goal': i.noSubGoals, task: i.noTasks, indicator: i.noIndicators };
  const add = { 'sub-goal': t.actionPlan.buttons.addSubGoal, task: t.actionPlan.buttons.addTask, indicator: t.actionPlan.buttons.addIndicator };
  const sections = ITEM_KINDS.map((kind) => {
    const items = itemsOf(plan, kind);
    return {
      kind,
      heading: format(headings[kind], { count: items.length, max: ITEM_LIMITS[kind] }),
      empty: items.length === 0 ? empty[kind] : '',
      canAdd: items.length < ITEM_LIMITS[kind],
      addLabel: add[kind],
      rows: items.map((item) => ({ id: item.id, kind, text: rows[kind](item) })),
    };
  });
  const nothingYet = sections.every((section) => section.rows.length === 0);
  return {
    kind: 'card',
    card: 'implementation-overview',
    audience: 'asker',
    data: {
      t,
      title: format(i.formTitle, { title: assignment.title }),
      meta: format(i.overviewMeta, {
        start: formatDate(assignment.startDate, group.timeZone),
        end: formatDate(assignment.endDate, group.timeZone),
        convener: memberName(members, assignment.convenerMemberId, t),
      }),
      // The guidance's questions help a new plan; a filled plan needs the room for its rows (Slack: 50 blocks).
      intro: nothingYet ? i.overviewIntro : '',
      message,
      assignmentId: assignment.id,
      sections,
    },
  };
}

const kindOf = (value: string | undefined): ItemKind | null => ITEM_KINDS.find((kind) => kind === value) ?? null;

function itemForm(t: Catalog, kind: ItemKind, assignment: Assignment, itemId: string, values: Record<string, string>, errors?: FieldErrors): Reply {
  const i = t.actionPlan.implementation;
  const form = FORM_OF[kind];
  const titles = { 'sub-goal': i.subGoalForm.title, task: i.taskForm.title, indicator: i.indicatorForm.title };
  const data = { t, values, title: format(titles[kind], { assignment: assignment.title }), context: { assignmentId: assignment.id, itemId } };
  return errors ? { kind: 'form-errors', form, data, errors } : { kind: 'form', form, data };
}

/** "Lägg till …" and "Ändra" on the plan card: the form of one entry, filled in when it exists. */
export async function openPlanItem(deps: Dependencies, context: GroupContext, args: FormValues): Promise<Reply> {
  const { t } = context;
  const i = t.actionPlan.implementation;
  const kind = kindOf(args.kind);
  const assignment = await ownAssignment(deps, context, args.assignmentId ?? '', '');
  if ('kind' in assignment) return assignment;
  if (!kind) return notice(t, i.unknownItem);
  const items = itemsOf(await implementationOf(deps.store, assignment.id), kind);
  if (!args.itemId) {
    if (items.length >= ITEM_LIMITS[kind]) return notice(t, i.tooMany[kind], { max: ITEM_LIMITS[kind] });
    return itemForm(t, kind, assignment, '', itemValues(kind, null, context.group.locale));
  }
  const item = items.find((x) => x.id === args.itemId);
  return item ? itemForm(t, kind, assignment, item.id, itemValues(kind, item, context.group.locale)) : notice(t, i.unknownItem);
}

/** One message per bad field, naming it; the item as stored when every field is right. */
function checkItem(t: Catalog, kind: ItemKind, values: FormValues, assignment: Assignment, timeZone: string, previous: Item | null): { item: Omit<Item, 'id'> } | { errors: FieldErrors } {
  const i = t.actionPlan.implementation;
  const check = new FieldChecker(t, values, kind === 'task' ? 'plan-task' : kind);
  if (kind === 'sub-goal') {
    const f = i.subGoalForm;
    const title = check.text('title', f.name);
    const owner = check.text('owner', f.owner);
    const dueDate = (values.dueDate ?? '').trim();
    const due = checkDate(t, check.errors, 'dueDate', f.dueDate, dueDate, timeZone);
    if (due && due > assignment.endDate) check.fail('dueDate', format(i.dueOutside, { field: f.dueDate, date: dueDate, end: localDate(assignment.endDate, timeZone) }));
    const status = (previous as SubGoal | null)?.status ?? 'gron';
    return check.ok ? { item: { title, owner, dueDate, status } } : { errors: check.errors };
  }
  if (kind === 'task') {
    const f = i.taskForm;
    const who = check.text('who', f.who);
    const what = check.text('what', f.what);
    const when = check.text('when', f.when);
    return check.ok ? { item: { who, what, when } } : { errors: check.errors };
  }
  const f = i.indicatorForm;
  const name = check.text('name', f.name);
  const unit = check.text('unit', f.unit);
  const numbers = (['baseline', 'target'] as const).map((field) => {
    const label = f[field];
    if (!(values[field] ?? '').trim()) check.fail(field, format(t.reports.errors.required, { field: label }));
    return check.number(field, label);
  });
  const method = check.text('method', f.method);
  return check.ok ? { item: { name, unit, baseline: numbers[0]!, target: numbers[1]!, method } } : { errors: check.errors };
}

/** Adds or changes one entry; the history keeps who changed what and when. */
async function submitItem(deps: Dependencies, context: GroupContext, kind: ItemKind, submitted: FormValues): Promise<Reply> {
  const { group, member, t } = context;
  const i = t.actionPlan.implementation;
  const assignment = await ownAssignment(deps, context, submitted.assignmentId ?? '', '');
  if ('kind' in assignment) return assignment;
  const itemId = submitted.itemId ?? '';
  const values = valuesOf(ITEM_FIELDS[kind], submitted);
  const existing = await implementationOf(deps.store, assignment.id);
  const previous = itemId ? (itemsOf(existing, kind).find((x) => x.id === itemId) ?? null) : null;
  if (itemId && !previous) return notice(t, i.unknownItem);
  const checked = checkItem(t, kind, values, assignment, group.timeZone, previous);
  if ('errors' in checked) return itemForm(t, kind, assignment, itemId, values, checked.errors);
  const item = { ...checked.item, id: previous?.id ?? randomUUID() } as Item;
  const now = deps.clock.now();
  const saved = await deps.store.transaction(async (store) => {
    const current = await implementationOf(store, assignment.id);
    const list = itemsOf(current, kind);
    // Read again inside the transaction: the list may have changed since the form was opened.
    if (previous && !list.some((x) => x.id === previous.id)) return notice(t, i.unknownItem);
    if (!previous && list.length >= ITEM_LIMITS[kind]) return notice(t, i.tooMany[kind], { max: ITEM_LIMITS[kind] });
    const next = previous ? list.map((x) => (x.id === previous.id ? item : x)) : [...list, item];
    const patch = { [LIST_OF[kind]]: next } as Partial<ImplementationPlan>;
    const plan = current
      ? await store.implementationPlans.update(current.id, patch)
      : await store.implementationPlans.create({ assignmentId: assignment.id, subGoals: [], tasks: [], indicators: [], ...patch });
    await recordItemChange(store, context, assignment, { item: kind, change: previous ? 'updated' : 'added', title: itemName(kind, item) }, now);
    return plan;
  });
  if ('kind' in saved) return saved;
  return overview(deps, context, assignment, saved, format(i.itemSaved[kind], { name: member.displayName, title: itemName(kind, item) }));
}

async function recordItemChange(store: Store, { group, member }: GroupContext, assignment: Assignment, details: Record<string, string>, now: Date): Promise<void> {
  const activity = await store.activities.get(assignment.activityId);
  const plan = activity ? await store.plans.get(activity.planId) : null;
  await recordChange(store, group, member, { plan, action: 'implementation-plan-updated', entityId: assignment.id, details }, now);
}

export const submitSubGoal = (deps: Dependencies, context: GroupContext, values: FormValues) => submitItem(deps, context, 'sub-goal', values);
export const submitPlanTask = (deps: Dependencies, context: GroupContext, values: FormValues) => submitItem(deps, context, 'task', values);
export const submitIndicator = (deps: Dependencies, context: GroupContext, values: FormValues) => submitItem(deps, context, 'indicator', values);

interface FoundItem {
  assignment: Assignment;
  itemKind: ItemKind;
  item: Item;
}

async function itemToRemove(deps: Dependencies, context: GroupContext, target: RemovalTarget): Promise<FoundItem | Reply> {
  const assignment = await ownAssignment(deps, context, target.assignmentId, '');
  if ('kind' in assignment) return assignment;
  const itemKind = target.kind as ItemKind;
  const item = itemsOf(await implementationOf(deps.store, assignment.id), itemKind).find((x) => x.id === target.id);
  return item ? { assignment, itemKind, item } : notice(context.t, context.t.actionPlan.implementation.unknownItem);
}

function itemRemovalForm(t: Catalog, found: FoundItem, values?: FormValues, errors?: FieldErrors): Reply {
  const r = t.actionPlan.removal;
  const text = { title: format(r.itemTitles[found.itemKind], { title: itemName(found.itemKind, found.item) }), text: format(r.itemText, { assignment: found.assignment.title }), note: '' };
  return removalForm(t, text, { kind: found.itemKind, id: found.item.id, assignmentId: found.assignment.id }, values, errors);
}

export async function openRemovePlanItem(deps: Dependencies, context: GroupContext, target: RemovalTarget): Promise<Reply> {
  const found = await itemToRemove(deps, context, target);
  return 'kind' in found ? found : itemRemovalForm(context.t, found);
}

export async function removePlanItem(deps: Dependencies, context: GroupContext, target: RemovalTarget, values: FormValues): Promise<Reply> {
  const { member, t } = context;
  const found = await itemToRemove(deps, context, target);
  if ('kind' in found) return found;
  const { reason, errors } = removalReason(t, values);
  if (errors) return itemRemovalForm(t, found, values, errors);
  const { assignment, itemKind: kind, item } = found;
  const now = deps.clock.now();
  const saved = await deps.store.transaction(async (store) => {
    const current = (await implementationOf(store, assignment.id))!;
    const plan = await store.implementationPlans.update(current.id, { [LIST_OF[kind]]: itemsOf(current, kind).filter((x) => x.id !== item.id) } as Partial<ImplementationPlan>);
    await recordItemChange(store, context, assignment, { item: kind, change: 'removed', title: itemName(kind, item), ...(reason ? { reason } : {}) }, now);
    return plan;
  });
  return overview(deps, context, assignment, saved, format(t.actionPlan.implementation.itemRemoved[kind], { name: member.displayName, title: itemName(kind, item) }));
}
