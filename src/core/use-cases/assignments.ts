// Step 3, tillsättande av arbetsgrupp med uppdrag/uppdragshandling: the chair gives an assignment tied to
// an activity of the plan, with every field of the guidance; the working group has at least one person
// from each huvudman and exactly one convener, who gets the role sammankallande.
import { isPrincipal, type Activity, type Assignment, type Group, type Member, type PartyOrganisation, type ReportingForm } from '../domain.js';
import type { FieldErrors, FormValues, Reply } from '../events.js';
import { FORM_FIELDS } from '../form-fields.js';
import { format, type Catalog } from '../../i18n/index.js';
import { formatDate } from '../dates.js';
import { shorten } from '../regional-plan.js';
import type { Store } from '../ports.js';
import type { Dependencies, GroupContext } from './context.js';
import { notice } from './show-help.js';
import { assignmentDocument } from './plan-documents.js';
import { assignmentChangeLines } from './assignment-history.js';
import { chairOnly, checkDate, checkText, isChair, livingPlan, memberName, followAssignments, recordChange, startOfLocalDay, valuesOf } from './action-plan-common.js';
import { identityNumberErrors } from './form-checks.js';

const FIELDS = [
  'activityId',
  'title',
  'startDate',
  'endDate',
  'targetGroupText',
  'purpose',
  'activityText',
  'memberIds',
  'convenerMemberId',
  'reportingKind',
  'reportingWeeks',
  'reportingDates',
  'goal',
  'resources',
  'finalReportForm',
] as const;
export type AssignmentValues = Record<(typeof FIELDS)[number], string>;
const REPORTING_KINDS = ['before_each_meeting', 'every_n_weeks', 'dates'] as const;

/**
 * The activities an uppdrag can serve: those of the plan in force and of the planning version beside it, so
 * that opening next year's analysis in September does not hide this year's activities (issue 17).
 */
async function planActivities(deps: Dependencies, group: Group): Promise<Activity[]> {
  const { currentActivities, planningActivities } = await livingPlan(deps, group);
  return [...currentActivities, ...planningActivities.filter((activity) => !currentActivities.some((other) => other.id === activity.id))];
}

function memberChoice(member: Member, organisations: PartyOrganisation[]): { title: string; value: string } {
  const organisation = organisations.find((o) => o.id === member.organisationId);
  return { title: shorten(organisation ? `${member.displayName} (${organisation.name})` : member.displayName, 75), value: member.id };
}

async function assignmentForm(deps: Dependencies, { group, t }: GroupContext, activities: Activity[], values: AssignmentValues, errors?: FieldErrors): Promise<Reply> {
  const [members, organisations] = await Promise.all([deps.store.members.list({ groupId: group.id }), deps.store.organisations.list({ groupId: group.id })]);
  const data = {
    t,
    values,
    activityChoices: activities.map((a) => ({ title: shorten(a.title, 75), value: a.id })),
    // Every member: Slack searches a list of more than 100 as the chair types (external_select).
    memberChoices: members.map((m) => memberChoice(m, organisations)),
    reportingChoices: REPORTING_KINDS.map((value) => ({ title: t.actionPlan.assignment.reportingKinds[value], value })),
  };
  return errors ? { kind: 'form-errors', form: 'assignment', data, errors } : { kind: 'form', form: 'assignment', data };
}

export async function openAssignment(deps: Dependencies, context: GroupContext, args: FormValues): Promise<Reply> {
  const { t } = context;
  if (!isChair(context.member)) return chairOnly(deps.store, context);
  const activities = await planActivities(deps, context.group);
  if (activities.length === 0) return notice(t, t.actionPlan.assignment.noActivities);
  const named = activities.find((a) => a.id === args.activityId);
  if (args.activityId && !named) return notice(t, t.missing.activity);
  const activity = named ?? (activities.length === 1 ? activities[0] : undefined);
  const values = Object.fromEntries(FIELDS.map((field) => [field, ''])) as AssignmentValues;
  values.reportingKind = 'before_each_meeting';
  if (activity) {
    Object.assign(values, {
      activityId: activity.id,
      title: activity.title,
      activityText: activity.description,
      targetGroupText: t.common.targetGroups[activity.targetGroup],
    });
  }
  return assignmentForm(deps, context, activities, values);
}

function parseReporting(t: Catalog, errors: FieldErrors, values: AssignmentValues, start: Date | null, end: Date | null, timeZone: string): ReportingForm | null {
  const a = t.actionPlan.assignment;
  if (values.reportingKind === 'every_n_weeks') {
    const weeks = /^\d+$/.test(values.reportingWeeks.trim()) ? Number(values.reportingWeeks.trim()) : NaN;
    const { min, max } = FORM_FIELDS.assignment.reportingWeeks.number;
    if (!(weeks >= min && weeks <= max)) {
      errors.reportingWeeks = format(a.badWeeks, { value: values.reportingWeeks.slice(0, 20) });
      return null;
    }
    return { kind: 'every_n_weeks', weeks };
  }
  if (values.reportingKind === 'dates') {
    const { max } = FORM_FIELDS.assignment.reportingDates;
    if (values.reportingDates.trim().length > max) {
      errors.reportingDates = format(t.errors.tooLong, { field: a.reportingDates, max, length: values.reportingDates.trim().length });
      return null;
    }
    const lines = values.reportingDates.split(/[\n,;]+/).map((line) => line.trim()).filter(Boolean);
    const bad = lines.find((line) => !startOfLocalDay(line, timeZone));
    if (lines.length === 0 || bad !== undefined) {
      errors.reportingDates = format(a.badDates, { value: (bad ?? '').slice(0, 40) });
      return null;
    }
    const outside = lines.find((line) => start && end && (startOfLocalDay(line, timeZone)! < start || startOfLocalDay(line, timeZone)! > end));
    if (outside && start && end) {
      errors.reportingDates = format(a.datesOutside, { date: outside, start: values.startDate.trim(), end: values.endDate.trim() });
      return null;
    }
    return { kind: 'dates', dates: [...new Set(lines)].sort() };
  }
  if (values.reportingKind === 'before_each_meeting') return { kind: 'before_each_meeting' };
  errors.reportingKind = format(t.errors.required, { field: a.reportingKind });
  return null;
}

/** Every rule of the guidance for an assignment; the errors name the field and what is wrong. */
export function validateAssignment(
  t: Catalog,
  timeZone: string,
  values: AssignmentValues,
  known: { activities: Activity[]; members: Member[]; organisations: PartyOrganisation[] },
): { ok: true; value: Omit<Assignment, 'id' | 'createdAt' | 'groupId' | 'status'> } | { ok: false; errors: FieldErrors } {
  const a = t.actionPlan.assignment;
  const errors = identityNumberErrors(t, values);
  const activity = known.activities.find((x) => x.id === values.activityId.trim());
  if (!values.activityId.trim()) errors.activityId = format(t.errors.required, { field: a.activity });
  else if (!activity) errors.activityId = a.unknownActivity;
  const title = checkText(t, errors, 'title', a.title, values.title, FORM_FIELDS.assignment.title);
  const startDate = checkDate(t, errors, 'startDate', a.startDate, values.startDate, timeZone);
  const endDate = checkDate(t, errors, 'endDate', a.endDate, values.endDate, timeZone);
  if (startDate && endDate && endDate <= startDate) errors.endDate = format(a.endBeforeStart, { start: values.startDate.trim(), end: values.endDate.trim() });
  const targetGroupText = checkText(t, errors, 'targetGroupText', a.targetGroup, values.targetGroupText, FORM_FIELDS.assignment.targetGroupText);
  const purpose = checkText(t, errors, 'purpose', a.purpose, values.purpose, FORM_FIELDS.assignment.purpose);
  const activityText = checkText(t, errors, 'activityText', a.activityText, values.activityText, FORM_FIELDS.assignment.activityText);

  const memberIds = [...new Set(values.memberIds.split(',').map((id) => id.trim()).filter(Boolean))];
  const people = memberIds.map((id) => known.members.find((m) => m.id === id));
  if (memberIds.length === 0) errors.memberIds = format(t.errors.required, { field: a.members });
  else if (people.some((person) => !person)) errors.memberIds = a.unknownMember;
  else if (!known.organisations.some(isPrincipal)) errors.memberIds = a.noOrganisations;
  else {
    // Huvudmän only: a brukarorganisation or a samordningsförbund among the parties takes part but is not required.
    const missing = known.organisations.filter(isPrincipal).filter((o) => !people.some((person) => person!.organisationId === o.id));
    if (missing.length > 0) errors.memberIds = format(a.missingOrganisation, { organisations: missing.map((o) => o.name).join(', ') });
  }
  const conveners = values.convenerMemberId.split(',').map((id) => id.trim()).filter(Boolean);
  if (conveners.length !== 1) errors.convenerMemberId = a.exactlyOneConvener;
  else if (!memberIds.includes(conveners[0]!)) errors.convenerMemberId = a.convenerNotMember;

  const reportingForm = parseReporting(t, errors, values, startDate, endDate, timeZone);
  const goal = checkText(t, errors, 'goal', a.goal, values.goal, FORM_FIELDS.assignment.goal);
  const resources = checkText(t, errors, 'resources', a.resources, values.resources, FORM_FIELDS.assignment.resources);
  const finalReportForm = checkText(t, errors, 'finalReportForm', a.finalReportForm, values.finalReportForm, FORM_FIELDS.assignment.finalReportForm);
  if (Object.keys(errors).length > 0 || !activity || !startDate || !endDate || !reportingForm) return { ok: false, errors };
  return {
    ok: true,
    value: {
      activityId: activity.id,
      title,
      startDate,
      endDate,
      targetGroupText,
      purpose,
      activityText,
      memberIds,
      convenerMemberId: conveners[0]!,
      reportingForm,
      goal,
      resources,
      finalReportForm,
    },
  };
}

export async function submitAssignment(deps: Dependencies, context: GroupContext, submitted: FormValues): Promise<Reply> {
  const { group, member, t } = context;
  if (!isChair(member)) return chairOnly(deps.store, context);
  const values = valuesOf(FIELDS, submitted);
  const activities = await planActivities(deps, group);
  const [members, organisations] = await Promise.all([deps.store.members.list({ groupId: group.id }), deps.store.organisations.list({ groupId: group.id })]);
  const result = validateAssignment(t, group.timeZone, values, { activities, members, organisations });
  if (!result.ok) return assignmentForm(deps, context, activities, values, result.errors);
  const now = deps.clock.now();
  const assignment = await deps.store.transaction(async (store) => {
    const created = await store.assignments.create({ groupId: group.id, status: 'aktivt', ...result.value });
    const convener = members.find((m) => m.id === created.convenerMemberId)!;
    if (!convener.roles.includes('sammankallande')) await store.members.update(convener.id, { roles: [...convener.roles, 'sammankallande'] });
    const activity = activities.find((a) => a.id === created.activityId)!;
    const plan = await store.plans.get(activity.planId);
    await recordChange(store, group, member, { plan, action: 'assignment-created', entityId: created.id, details: { title: created.title, activity: activity.title } }, now);
    await followAssignments(store, group, member, activity.id, now);
    return created;
  });
  return assignmentCard(deps, context, assignment);
}

/** The uppdragshandling as a card in the group channel, naming the working group and the convener. */
export async function assignmentCard(deps: Dependencies, { group, member, t }: GroupContext, assignment: Assignment, announcement?: string): Promise<Reply> {
  const { store } = deps;
  const [members, organisations, activity] = await Promise.all([
    store.members.list({ groupId: group.id }),
    store.organisations.list({ groupId: group.id }),
    store.activities.get(assignment.activityId),
  ]);
  const change = (await store.planChanges.list({ groupId: group.id, entityId: assignment.id, action: 'assignment-created' }))[0];
  const document = assignmentDocument({
    t,
    group,
    assignment,
    activity,
    members,
    organisations,
    regionalPlan: deps.actionPlan?.regionalPlan,
    decidedBy: memberName(members, change?.memberId ?? '', t),
    changes: await assignmentChangeLines(deps, t, group.id, assignment.id, members, group.timeZone),
  });
  const names = assignment.memberIds.map((id) => memberName(members, id, t));
  return {
    kind: 'card',
    card: 'assignment-document',
    data: {
      t,
      title: document.title,
      subtitle: document.subtitle,
      announcement: announcement ?? format(t.actionPlan.assignment.created, {
        name: change ? memberName(members, change.memberId, t) : member.displayName,
        title: assignment.title,
        members: names.join(', '),
        convener: memberName(members, assignment.convenerMemberId, t),
      }),
      sections: document.sections.map((s) => ({ heading: s.heading ?? '', text: [...s.paragraphs, ...s.bullets.map((b) => `• ${b}`)].join('\n') })),
      assignmentId: assignment.id,
      // The chair (uppdragsgivaren) may change an uppdrag until it is closed.
      canChange: isChair(member) && assignment.status !== 'avslutat',
      docxUrl: deps.links?.assignment?.(assignment.id, 'docx') ?? '',
      markdownUrl: deps.links?.assignment?.(assignment.id, 'md') ?? '',
    },
  };
}

/** Assignments of a group whose convener is this member (ongoing first). */
export async function convenedBy(store: Store, group: Group, member: Member): Promise<Assignment[]> {
  return (await store.assignments.list({ groupId: group.id, convenerMemberId: member.id })).filter((a) => a.status === 'aktivt');
}

export function periodText(assignment: Assignment, timeZone: string): string {
  return `${formatDate(assignment.startDate, timeZone)}–${formatDate(assignment.endDate, timeZone)}`;
}

/** `uppdrag`: the chair gets the assignment form; everyone else the plan, where assignments are listed. */
export async function assignmentCommand(deps: Dependencies, context: GroupContext, input: FormValues): Promise<Reply> {
  if (isChair(context.member)) return openAssignment(deps, context, input);
  const { showPlan } = await import('./show-plan.js');
  return showPlan(deps, context);
}

/** "Visa uppdraget": the uppdragshandling card of one of the group's assignments (e.g. from the summary). */
export async function showAssignment(deps: Dependencies, context: GroupContext, args: FormValues): Promise<Reply> {
  const assignment = args.assignmentId ? await deps.store.assignments.get(args.assignmentId) : null;
  if (!assignment || assignment.groupId !== context.group.id) return notice(context.t, context.t.meetingSummary.assignmentNotFound);
  return assignmentCard(deps, context, assignment);
}
