// What the steps of the local action plan share: who may do what, the plan of a year, its history,
// local dates and text checks.
import { DateTime } from 'luxon';
import type { ActionPlan, Activity, AnalysisRound, Group, Member, PlanChangeAction, Proposal } from '../domain.js';
import type { FieldErrors, FormValues, Reply } from '../events.js';
import type { Store } from '../ports.js';
import { format, type Catalog } from '../../i18n/index.js';
import { yearIn } from '../dates.js';
import { containsIdentityNumber } from '../personal-data.js';
import { chairNames } from './chairs.js';
import { FieldChecker } from './form-checks.js';
import { hasRole, type Dependencies, type GroupContext } from './context.js';
import { notice } from './show-help.js';

export const isChair = (member: Member): boolean => hasRole(member, 'ordforande');

/** The refusal for anyone but the chair, naming who to ask. */
export async function chairOnly(store: Store, { group, t }: GroupContext): Promise<Reply> {
  const chairs = (await store.members.list({ groupId: group.id })).filter(isChair);
  return notice(t, t.actionPlan.refusals.chairOnly, { chairNames: chairNames(chairs, t) });
}

/** The analysis round the group works in: an open one, else the latest. */
export async function latestRound(store: Store, groupId: string): Promise<AnalysisRound | null> {
  const rounds = await store.analysisRounds.list({ groupId });
  return rounds.find((round) => round.status !== 'avslutad') ?? rounds.at(-1) ?? null;
}

/** The round a button or form names (else the group's current one); a round of another group is not found. */
export async function groupRound(store: Store, groupId: string, roundId: string | undefined): Promise<AnalysisRound | null> {
  const round = roundId ? await store.analysisRounds.get(roundId) : await latestRound(store, groupId);
  return round && round.groupId === groupId ? round : null;
}

/** Proposals that are voted on: those not merged into an area (areas themselves included). */
export async function votingAreas(store: Store, roundId: string): Promise<Proposal[]> {
  return (await store.proposals.list({ roundId })).filter((proposal) => proposal.mergedIntoProposalId === null);
}

/** The year the group plans for: the latest analysis round's year, never a past year. */
export async function planYear(deps: Dependencies, group: Group): Promise<number> {
  const current = yearIn(deps.clock.now(), group.timeZone);
  const round = await latestRound(deps.store, group.id);
  return Math.max(current, round?.year ?? current);
}

// ---- The living plan (issue 17) -------------------------------------------------------------------
// The group has one plan that lives across years. Each ActionPlan row is that plan for a plan year: in force
// from the year it is for until a later year's plan is decided. Activities belong to the years from their
// plan's year to the last year their dates (or "Ta med pågående aktiviteter") reach, so an activity running
// into next year is part of next year's plan without being copied.

/**
 * The plan in force in `year`: the latest year's plan up to that year that has been decided; before any
 * decision, the latest plan up to that year (the group's first plan, being prepared). A plan for next year
 * decided in December is in force from January; one not yet decided leaves this year's plan in force.
 */
export function planInForce(plans: readonly ActionPlan[], year: number): ActionPlan | null {
  const latest = (list: readonly ActionPlan[]) =>
    list.filter((plan) => plan.year <= year).reduce<ActionPlan | null>((best, plan) => (!best || plan.year > best.year || (plan.year === best.year && plan.version > best.version) ? plan : best), null);
  return latest(plans.filter((plan) => plan.decidedAt !== null)) ?? latest(plans);
}

/** The planning version: the plan of a later year than the one in force (the chair prepares next year). */
export function planningPlan(plans: readonly ActionPlan[], current: ActionPlan | null, year: number): ActionPlan | null {
  const after = current?.year ?? year;
  return plans.filter((plan) => plan.year > after).sort((a, b) => a.year - b.year || b.version - a.version)[0] ?? null;
}

/** The last plan year an activity belongs to: its plan's year, its end date's year or the year carried into. */
export function lastYearOf(activity: Activity, planYearOf: number, timeZone: string): number {
  return Math.max(planYearOf, yearIn(activity.endDate, timeZone), activity.carriedToYear ?? 0);
}

/** The activities of the group that belong to `plan`'s year, from the plan itself and earlier plans still running. */
export function activitiesOfPlan(plans: readonly ActionPlan[], activities: readonly Activity[], plan: ActionPlan, timeZone: string): Activity[] {
  return activitiesOfYear(plans, activities, plan.year, timeZone);
}

/** The activities of the group that belong to the plan year `year`. */
export function activitiesOfYear(plans: readonly ActionPlan[], activities: readonly Activity[], year: number, timeZone: string): Activity[] {
  // Rows made per version of a year (older data) count with their year's latest version only.
  const latest = new Map<number, ActionPlan>();
  for (const plan of plans) if ((latest.get(plan.year)?.version ?? -1) < plan.version) latest.set(plan.year, plan);
  const yearOf = new Map([...latest.values()].map((candidate) => [candidate.id, candidate.year]));
  return activities.filter((activity) => {
    const from = yearOf.get(activity.planId);
    return from !== undefined && from <= year && lastYearOf(activity, from, timeZone) >= year;
  });
}

/** The group's plans and all their activities, in two queries. */
export async function groupPlans(store: Store, groupId: string): Promise<{ plans: ActionPlan[]; activities: Activity[] }> {
  const plans = await store.plans.list({ groupId });
  const activities = plans.length > 0 ? await store.activities.listIn('planId', plans.map((plan) => plan.id)) : [];
  return { plans, activities };
}

/** The plan in force in the group's current year and the planning version next to it, each with its activities. */
export async function livingPlan(deps: Dependencies, group: Group) {
  const { plans, activities } = await groupPlans(deps.store, group.id);
  const year = yearIn(deps.clock.now(), group.timeZone);
  const current = planInForce(plans, year);
  const planning = planningPlan(plans, current, year);
  const of = (plan: ActionPlan | null) => (plan ? activitiesOfPlan(plans, activities, plan, group.timeZone) : []);
  return { plans, current, planning, currentActivities: of(current), planningActivities: of(planning) };
}

/**
 * The plan a change of `activity` revises: the plan in force when the activity is part of it (an activity of
 * an earlier year still running belongs to this year's decided plan), else the plan it was added to.
 */
export async function holdingPlan(store: Store, group: Group, activity: Activity, now: Date): Promise<ActionPlan | null> {
  const plans = await store.plans.list({ groupId: group.id });
  const current = planInForce(plans, yearIn(now, group.timeZone));
  if (current && activitiesOfPlan(plans, [activity], current, group.timeZone).length > 0) return current;
  return plans.find((plan) => plan.id === activity.planId) ?? null;
}

/** The latest version of the year's plan, created as version 1 when the group has none yet. */
export async function planOfYear(store: Store, groupId: string, year: number, create: boolean): Promise<ActionPlan | null> {
  const plans = await store.plans.list({ groupId, year });
  const latest = plans.reduce<ActionPlan | null>((best, plan) => (!best || plan.version > best.version ? plan : best), null);
  if (latest || !create) return latest;
  return store.plans.create({ groupId, year, version: 1, decidedAt: null, decidedByMemberId: null, sentToOfficeAt: null, lastRevisedAt: null });
}

export interface ChangeInput {
  plan: ActionPlan | null;
  action: PlanChangeAction;
  entityId: string | null;
  details: Record<string, string | number | null>;
}

/**
 * What makes a change of an activity a revision of the decided plan: what it is (title, target group, focus
 * area and goal). Status and dates follow the work (reports, uppdrag closed) and are follow-up, kept in the
 * history without a new version (issue 17: follow-up is not revision).
 */
export const REVISING_FIELDS = ['title', 'targetGroup', 'focusAreaCode', 'goalCode'] as const;

export function revises(before: Pick<Activity, (typeof REVISING_FIELDS)[number]>, after: Pick<Activity, (typeof REVISING_FIELDS)[number]>): boolean {
  return REVISING_FIELDS.some((field) => before[field] !== after[field]);
}

/** Every change of the plan is kept with who and when; changed activities after the decision mark the plan revised. */
export async function recordChange(store: Store, group: Group, member: Member, change: ChangeInput, now: Date): Promise<void> {
  await store.planChanges.create({
    groupId: group.id,
    planId: change.plan?.id ?? null,
    planVersion: change.plan?.version ?? null,
    memberId: member.id,
    action: change.action,
    entityId: change.entityId,
    details: change.details,
  });
  // Only the activities make up the decided plan; deciding again after such a change makes a new version.
  if (change.plan?.decidedAt && (change.action === 'activity-added' || change.action === 'activity-updated' || change.action === 'activity-removed')) {
    await store.plans.update(change.plan.id, { lastRevisedAt: now });
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A YYYY-MM-DD date as the start of that day in the group's time zone, or null when it is no real date. */
export function startOfLocalDay(value: string, timeZone: string): Date | null {
  if (!ISO_DATE.test(value.trim())) return null;
  const day = DateTime.fromISO(value.trim(), { zone: timeZone });
  return day.isValid ? day.startOf('day').toJSDate() : null;
}

/** The last moment of a YYYY-MM-DD day in the group's time zone: deadlines include their whole day. */
export function endOfLocalDay(value: string, timeZone: string): Date | null {
  const start = startOfLocalDay(value, timeZone);
  return start ? DateTime.fromJSDate(start, { zone: timeZone }).endOf('day').toJSDate() : null;
}

/** A stored date as YYYY-MM-DD in the group's time zone, for prefilled date inputs. */
export function localDate(date: Date, timeZone: string): string {
  return DateTime.fromJSDate(date, { zone: timeZone }).toISODate() ?? '';
}

/**
 * Trims a text field and checks it is given (when required), not too long and free of personnummer and
 * samordningsnummer (no personal data in the plan); the error names the field.
 */
export function checkText(t: Catalog, errors: FieldErrors, field: string, label: string, value: string, rule: { required: boolean; max: number }): string {
  const trimmed = value.trim();
  if (rule.required && !trimmed) errors[field] = format(t.errors.required, { field: label });
  else if (trimmed.length > rule.max) errors[field] = format(t.errors.tooLong, { field: label, max: rule.max, length: trimmed.length });
  else if (containsIdentityNumber(trimmed)) errors[field] = format(t.reports.errors.identityNumber, { field: label });
  return trimmed;
}

/** Checks a YYYY-MM-DD field; returns the start of that local day. */
export function checkDate(t: Catalog, errors: FieldErrors, field: string, label: string, value: string, timeZone: string): Date | null {
  const trimmed = value.trim();
  if (!trimmed) {
    errors[field] = format(t.errors.required, { field: label });
    return null;
  }
  const date = startOfLocalDay(trimmed, timeZone);
  if (!date) errors[field] = format(t.actionPlan.assignment.badDate, { field: label, value: trimmed.slice(0, 40) });
  return date;
}

/** Form values as plain strings, missing ones empty: what the form re-renders with after an error. */
export function valuesOf<K extends string>(keys: readonly K[], submitted: Record<string, string | undefined>): Record<K, string> {
  return Object.fromEntries(keys.map((key) => [key, submitted[key] ?? ''])) as Record<K, string>;
}

export function memberName(members: Member[], id: string, t: Catalog): string {
  return members.find((member) => member.id === id)?.displayName ?? t.actionPlan.history.unknownMember;
}

/** What a removal is about; the confirmation form carries it back as its context. */
export type RemovalTarget = { kind: 'activity' | 'sub-goal' | 'task' | 'indicator'; id: string; assignmentId: string };

/**
 * The confirmation step before anything is removed from the plan: a removal is never one click. The optional
 * reason is kept in the history; what was typed comes back with the error when it is refused.
 */
export function removalForm(t: Catalog, text: { title: string; text: string; note: string }, target: RemovalTarget, values: FormValues = {}, errors?: FieldErrors): Reply {
  const data = { t, ...text, values: { reason: values.reason ?? '' }, context: { ...target } };
  return errors ? { kind: 'form-errors', form: 'confirm-removal', data, errors } : { kind: 'form', form: 'confirm-removal', data };
}

/** The optional reason of a removal: short, and never a personnummer. */
export function removalReason(t: Catalog, values: FormValues): { reason: string; errors: FieldErrors | null } {
  const check = new FieldChecker(t, values, 'confirm-removal');
  const reason = check.text('reason', t.actionPlan.removal.reason);
  return { reason, errors: check.ok ? null : check.errors };
}

/**
 * An activity's status follows its uppdrag (issue 17): an uppdrag given sets a planned activity going
 * ("pågående"); the last open uppdrag closed (slutrapport godkänd) makes it "klar". A status the chair
 * set otherwise ("avbruten", or "klar" already) is left alone, and the chair can always change it in the
 * activity form. Recorded as follow-up in the plan's history: no revision, no new version.
 */
export async function followAssignments(store: Store, group: Group, member: Member, activityId: string, now: Date): Promise<void> {
  const activity = await store.activities.get(activityId);
  if (!activity || activity.status === 'avbruten' || activity.status === 'klar') return;
  // A cancelled uppdrag (avbrutet) neither sets the activity going nor finishes it: the chair decides.
  const assignments = (await store.assignments.list({ activityId })).filter((assignment) => assignment.status !== 'avbrutet');
  const open = assignments.filter((assignment) => assignment.status !== 'avslutat');
  const status = assignments.length > 0 && open.length === 0 ? 'klar' : open.length > 0 ? 'pagaende' : activity.status;
  if (status === activity.status) return;
  await store.activities.update(activity.id, { status });
  const plan = await store.plans.get(activity.planId);
  await recordChange(store, group, member, { plan, action: 'activity-followed-up', entityId: activity.id, details: { title: activity.title, status } }, now);
}
