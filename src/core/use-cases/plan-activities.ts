// Step 2, beslut om inriktning: the chair turns chosen areas into activities of the local action plan
// (time-bound, tied to a focus area and goal of the regional plan) and decides the plan, which is then
// "skickad till kansliet för kännedom" through the outbox.
import { ACTIVITY_STATUSES, TARGET_GROUPS, type Activity, type ActivityStatus, type Group, type Member, type PlanSnapshotActivity, type TargetGroup } from '../domain.js';
import type { FieldErrors, FormValues, Reply } from '../events.js';
import { FORM_FIELDS } from '../form-fields.js';
import { format, type Catalog } from '../../i18n/index.js';
import { formatDate, formatLongDate } from '../dates.js';
import { outboxRecord } from '../delivery.js';
import type { Store } from '../ports.js';
import { findFocusArea, findGoal, goalChoices, goalChoiceValue, parseGoalChoice, shorten, type RegionalPlan } from '../regional-plan.js';
import type { ActionPlanSettings, Dependencies, GroupContext } from './context.js';
import { groupNotice, notice } from './show-help.js';
import { officeChannelOf, officeLink } from './region.js';
import { FieldChecker, identityNumberErrors } from './form-checks.js';
import { countingBallots, tally } from './prioritisation.js';
import { enqueueKansliMail } from './kansli-mail.js';
import { carriableActivities } from './show-plan.js';
import {
  activitiesOfPlan,
  chairOnly,
  groupPlans,
  holdingPlan,
  livingPlan,
  checkDate,
  checkText,
  isChair,
  latestRound,
  localDate,
  planOfYear,
  planYear,
  recordChange,
  removalForm,
  removalReason,
  revises,
  valuesOf,
  votingAreas,
  type RemovalTarget,
} from './action-plan-common.js';

const FIELDS = ['proposalId', 'title', 'description', 'targetGroup', 'startDate', 'endDate', 'goal', 'status'] as const;
type ActivityValues = Record<(typeof FIELDS)[number], string>;

async function areaChoices(store: Store, groupId: string, t: Catalog): Promise<{ title: string; value: string }[]> {
  const round = await latestRound(store, groupId);
  if (!round) return [];
  const ballots = countingBallots(await store.ballots.list({ roundId: round.id }), await store.members.list({ groupId: round.groupId }));
  const rows = tally(await votingAreas(store, round.id), ballots);
  return rows.slice(0, 100).map((row) => ({ title: shorten(format(t.actionPlan.activity.fromAreaChoice, { title: row.area.title, votes: row.votes }), 75), value: row.area.id }));
}

async function activityForm(deps: Dependencies, context: GroupContext, settings: ActionPlanSettings, values: ActivityValues, activityId: string, errors?: FieldErrors): Promise<Reply> {
  const { t, group } = context;
  const areas = await areaChoices(deps.store, group.id, t);
  const data = {
    t,
    values,
    intro: format(t.actionPlan.activity.formIntro, { regionalPlan: settings.regionalPlan.name }),
    hasAreas: areas.length > 0,
    areaChoices: areas,
    targetGroupChoices: TARGET_GROUPS.map((value) => ({ title: t.common.targetGroups[value], value })),
    goalChoices: goalChoices(settings.regionalPlan),
    statusChoices: ACTIVITY_STATUSES.map((value) => ({ title: t.common.activityStatuses[value], value })),
    context: { activityId },
  };
  return errors ? { kind: 'form-errors', form: 'activity', data, errors } : { kind: 'form', form: 'activity', data };
}

/** The activity of this group with that id, or null (ids from another group are not found). */
async function groupActivity(store: Store, group: Group, id: string | undefined): Promise<Activity | null> {
  if (!id) return null;
  const activity = await store.activities.get(id);
  const plan = activity ? await store.plans.get(activity.planId) : null;
  return activity && plan?.groupId === group.id ? activity : null;
}

export async function openActivity(deps: Dependencies, context: GroupContext, args: FormValues): Promise<Reply> {
  const { group, t } = context;
  if (!isChair(context.member)) return chairOnly(deps.store, context);
  if (!deps.actionPlan) return notice(t, t.actionPlan.activity.noRegionalPlan);
  const existing = await groupActivity(deps.store, group, args.activityId);
  // An id that is not this group's (a stale card, another group's card) must not become a blank new activity.
  if (args.activityId && !existing) return notice(t, t.missing.activity);
  const values: ActivityValues = existing
    ? {
        proposalId: existing.proposalId ?? '',
        title: existing.title,
        description: existing.description,
        targetGroup: existing.targetGroup,
        startDate: localDate(existing.startDate, group.timeZone),
        endDate: localDate(existing.endDate, group.timeZone),
        goal: goalChoiceValue(existing.focusAreaCode, existing.goalCode),
        status: existing.status,
      }
    : { proposalId: '', title: '', description: '', targetGroup: '', startDate: '', endDate: '', goal: '', status: 'planerad' };
  return activityForm(deps, context, deps.actionPlan, values, existing?.id ?? '');
}

interface ValidActivity {
  title: string;
  description: string;
  targetGroup: TargetGroup;
  startDate: Date;
  endDate: Date;
  focusAreaCode: string;
  goalCode: string;
  status: ActivityStatus;
  proposalId: string | null;
}

export async function validateActivity(
  store: Store,
  group: Group,
  t: Catalog,
  regionalPlan: RegionalPlan,
  values: ActivityValues,
): Promise<{ ok: true; value: ValidActivity } | { ok: false; errors: FieldErrors }> {
  const a = t.actionPlan.activity;
  const errors = identityNumberErrors(t, values);
  const area = values.proposalId ? await store.proposals.get(values.proposalId) : null;
  if (values.proposalId && (!area || area.groupId !== group.id)) errors.proposalId = a.unknownArea;
  const title = checkText(t, errors, 'title', a.title, values.title || area?.title || '', { ...FORM_FIELDS.activity.title, required: true });
  const description = checkText(t, errors, 'description', a.description, values.description, FORM_FIELDS.activity.description);
  const targetGroup = values.targetGroup || area?.targetGroup || '';
  if (!(TARGET_GROUPS as readonly string[]).includes(targetGroup)) errors.targetGroup = format(t.errors.required, { field: a.targetGroup });
  const startDate = checkDate(t, errors, 'startDate', a.startDate, values.startDate, group.timeZone);
  const endDate = checkDate(t, errors, 'endDate', a.endDate, values.endDate, group.timeZone);
  if (startDate && endDate && endDate <= startDate) {
    errors.endDate = format(t.actionPlan.assignment.endBeforeStart, { start: values.startDate.trim(), end: values.endDate.trim() });
  }
  const goal = parseGoalChoice(values.goal.trim());
  if (!values.goal.trim()) errors.goal = format(t.errors.required, { field: a.goal });
  else if (!goal || !findGoal(regionalPlan, goal.focusAreaCode, goal.goalCode)) errors.goal = format(a.unknownGoal, { value: values.goal.slice(0, 60) });
  const status = values.status || 'planerad';
  if (!(ACTIVITY_STATUSES as readonly string[]).includes(status)) errors.status = format(a.unknownStatus, { value: status.slice(0, 30) });
  if (Object.keys(errors).length > 0 || !startDate || !endDate || !goal) return { ok: false, errors };
  return {
    ok: true,
    value: {
      title,
      description,
      targetGroup: targetGroup as TargetGroup,
      startDate,
      endDate,
      focusAreaCode: goal.focusAreaCode,
      goalCode: goal.goalCode,
      status: status as ActivityStatus,
      proposalId: area?.id ?? null,
    },
  };
}

export async function submitActivity(deps: Dependencies, context: GroupContext, submitted: FormValues): Promise<Reply> {
  const { group, member, t } = context;
  if (!isChair(member)) return chairOnly(deps.store, context);
  if (!deps.actionPlan) return notice(t, t.actionPlan.activity.noRegionalPlan);
  const settings = deps.actionPlan;
  const values = valuesOf(FIELDS, submitted);
  const existing = await groupActivity(deps.store, group, submitted.activityId);
  // Saving an edit of an activity the group does not have would otherwise add a copy as a new activity.
  if (submitted.activityId && !existing) return notice(t, t.missing.activity);
  const result = await validateActivity(deps.store, group, t, settings.regionalPlan, values);
  if (!result.ok) return activityForm(deps, context, settings, values, existing?.id ?? '', result.errors);
  const activity = result.value;
  const now = deps.clock.now();
  // Read before the transaction: inside it only its own store may be used (SQLite has one writer).
  const year = await planYear(deps, group);
  const { plan, count } = await deps.store.transaction(async (store) => {
    const plan = existing ? (await holdingPlan(store, group, existing, now))! : (await planOfYear(store, group.id, year, true))!;
    const saved = existing ? await store.activities.update(existing.id, activity) : await store.activities.create({ planId: plan.id, ...activity });
    await recordChange(
      store,
      group,
      member,
      {
        plan,
        action: !existing ? 'activity-added' : revises(existing, saved) ? 'activity-updated' : 'activity-followed-up',
        entityId: saved.id,
        details: { title: saved.title, focusAreaCode: saved.focusAreaCode, goalCode: saved.goalCode, status: saved.status },
      },
      now,
    );
    return { plan, count: (await store.activities.list({ planId: plan.id })).length };
  });
  const focusArea = findFocusArea(settings.regionalPlan, activity.focusAreaCode)!;
  const message = existing
    ? format(t.actionPlan.activity.updated, { name: member.displayName, title: activity.title, year: plan.year })
    : format(t.actionPlan.activity.added, {
        name: member.displayName,
        title: activity.title,
        year: plan.year,
        focusArea: focusArea.name,
        goal: activity.goalCode,
        start: formatDate(activity.startDate, group.timeZone),
        end: formatDate(activity.endDate, group.timeZone),
      });
  const warning = count > settings.activityLimit ? ` ${format(t.actionPlan.activity.tooMany, { count, limit: settings.activityLimit })}` : '';
  return groupNotice(t, `${message}${warning}`);
}

// ---- Removing an activity -------------------------------------------------------------------------

/** An activity with assignments cannot go: removing it would take the assignments and their reports along. */
async function assignmentsRefusal(store: Store, t: Catalog, activity: Activity): Promise<Reply | null> {
  const linked = await store.assignments.list({ activityId: activity.id });
  if (linked.length === 0) return null;
  return notice(t, t.actionPlan.removal.hasAssignments, { title: activity.title, assignments: linked.map((a) => `"${a.title}"`).join(', ') });
}

async function activityRemovalForm(deps: Dependencies, context: GroupContext, activity: Activity, values?: FormValues, errors?: FieldErrors): Promise<Reply> {
  const { group, t } = context;
  const r = t.actionPlan.removal;
  const plan = (await deps.store.plans.get(activity.planId))!;
  const focusArea = deps.actionPlan ? findFocusArea(deps.actionPlan.regionalPlan, activity.focusAreaCode)?.name : undefined;
  const details = [
    t.common.targetGroups[activity.targetGroup],
    `${formatDate(activity.startDate, group.timeZone)}–${formatDate(activity.endDate, group.timeZone)}`,
    `${focusArea ?? activity.focusAreaCode}, ${activity.goalCode}`,
  ].join(', ');
  const text = {
    title: format(r.activityTitle, { title: activity.title }),
    text: format(r.activityText, { details, year: plan.year }),
    note: plan.decidedAt ? format(r.decidedNote, { version: plan.version, next: plan.version + 1 }) : '',
  };
  return removalForm(t, text, { kind: 'activity', id: activity.id, assignmentId: '' }, values, errors);
}

/** "Ta bort" on the plan card: the chair confirms first, unless assignments hold the activity in the plan. */
export async function openRemoveActivity(deps: Dependencies, context: GroupContext, target: RemovalTarget): Promise<Reply> {
  const { group, t } = context;
  if (!isChair(context.member)) return chairOnly(deps.store, context);
  const activity = await groupActivity(deps.store, group, target.id);
  if (!activity) return notice(t, t.actionPlan.removal.unknownActivity);
  return (await assignmentsRefusal(deps.store, t, activity)) ?? activityRemovalForm(deps, context, activity);
}

export async function removeActivity(deps: Dependencies, context: GroupContext, target: RemovalTarget, values: FormValues): Promise<Reply> {
  const { group, member, t } = context;
  if (!isChair(member)) return chairOnly(deps.store, context);
  const activity = await groupActivity(deps.store, group, target.id);
  if (!activity) return notice(t, t.actionPlan.removal.unknownActivity);
  const { reason, errors } = removalReason(t, values);
  if (errors) return activityRemovalForm(deps, context, activity, values, errors);
  const now = deps.clock.now();
  const outcome = await deps.store.transaction(async (store) => {
    // Checked again inside the transaction: an assignment given since the form opened still holds the activity.
    const refusal = await assignmentsRefusal(store, t, activity);
    if (refusal) return refusal;
    const plan = (await holdingPlan(store, group, activity, now))!;
    await store.activities.delete(activity.id);
    await recordChange(
      store,
      group,
      member,
      { plan, action: 'activity-removed', entityId: activity.id, details: { title: activity.title, focusAreaCode: activity.focusAreaCode, goalCode: activity.goalCode, reason: reason || null } },
      now,
    );
    return plan;
  });
  if ('kind' in outcome) return outcome;
  return groupNotice(t, t.actionPlan.removal.activityRemoved, { name: member.displayName, title: activity.title, year: outcome.year });
}

/** An activity as a decided version holds it. */
export function snapshotOf(activity: Activity): PlanSnapshotActivity {
  const { id, title, description, targetGroup, focusAreaCode, goalCode, status } = activity;
  return { id, title, description, targetGroup, focusAreaCode, goalCode, startDate: activity.startDate.toISOString(), endDate: activity.endDate.toISOString(), status };
}

// ---- Ta med pågående aktiviteter ----------------------------------------------------------------------

/**
 * "Ta med pågående aktiviteter": the planned and ongoing activities of the plan in force whose dates end
 * before the planning year become part of the planning version too (carriedToYear), with their uppdrag
 * and history; nothing is copied. Adding them to a plan not yet decided is no revision of a decided one.
 */
export async function carryOverActivities(deps: Dependencies, context: GroupContext): Promise<Reply> {
  const { group, member, t } = context;
  if (!isChair(member)) return chairOnly(deps.store, context);
  const l = t.actionPlan.living;
  const now = deps.clock.now();
  const living = await livingPlan(deps, group);
  const { current, planning } = living;
  if (!current || !planning) return notice(t, l.noPlanning);
  const carried = carriableActivities(living.plans, living.currentActivities, planning, group.timeZone);
  if (carried.length === 0) return notice(t, l.nothingToCarry, { current: current.year, year: planning.year });
  await deps.store.transaction(async (store) => {
    for (const activity of carried) await store.activities.update(activity.id, { carriedToYear: planning.year });
    await recordChange(store, group, member, { plan: planning, action: 'activities-carried-over', entityId: null, details: { count: carried.length, year: planning.year } }, now);
  });
  return groupNotice(t, l.carriedOver, { name: member.displayName, count: carried.length, year: planning.year, titles: carried.map((activity) => `"${activity.title}"`).join(', ') });
}

// ---- The decision -----------------------------------------------------------------------------------

function officeText(
  t: Catalog,
  group: Group,
  member: Member,
  plan: { year: number; version: number },
  activities: Activity[],
  regionalPlan: RegionalPlan | undefined,
  decidedAt: Date,
  extra: { documentUrl: string | null; minutes: string },
): string {
  const d = t.actionPlan.decision;
  // The minutes and the document link come first: a long plan is cut at the end of the text, never these.
  const document = [
    ...(extra.minutes ? [format(d.officeMinutes, { protocol: extra.minutes })] : []),
    ...(extra.documentUrl ? [format(d.officeDocument, { url: extra.documentUrl })] : []),
  ];
  const lines = activities.map((activity) =>
    format(d.officeActivity, {
      title: activity.title,
      targetGroup: t.common.targetGroups[activity.targetGroup],
      start: formatDate(activity.startDate, group.timeZone),
      end: formatDate(activity.endDate, group.timeZone),
      focusArea: (regionalPlan && findFocusArea(regionalPlan, activity.focusAreaCode)?.name) ?? activity.focusAreaCode,
      goal: activity.goalCode,
    }),
  );
  // One Slack text holds 3000 characters; the whole plan is in the document.
  return shorten(
    format(d.officeNotice, {
      groupName: group.name,
      year: plan.year,
      version: plan.version,
      date: formatLongDate(decidedAt, group.timeZone, group.locale),
      name: member.displayName,
      activities: [...document, ...lines].join('\n'),
    }),
    2900,
  );
}

/**
 * What a decision now would decide: the plan of the year the button names (the plan in force, or the
 * planning version beside it), else of the planning year; its activities and the version it becomes.
 */
async function pendingDecision(deps: Dependencies, group: Group, yearArg: string | undefined) {
  const named = yearArg && /^\d{4}$/.test(yearArg.trim()) ? Number(yearArg.trim()) : null;
  const { plans, activities: all } = await groupPlans(deps.store, group.id);
  const year = named ?? (await planYear(deps, group));
  const plan = plans.filter((candidate) => candidate.year === year).sort((a, b) => b.version - a.version)[0] ?? null;
  const activities = plan ? activitiesOfPlan(plans, all, plan, group.timeZone) : [];
  if (!plan || activities.length === 0) return null;
  const revised = plan.decidedAt !== null && plan.lastRevisedAt !== null && plan.lastRevisedAt > plan.decidedAt;
  const office = await officeLink(deps, group);
  return { plan, activities, version: revised ? plan.version + 1 : plan.version, office, officeName: officeChannelOf(deps, group)?.name ?? '' };
}

type PendingDecision = NonNullable<Awaited<ReturnType<typeof pendingDecision>>>;

function decisionForm(t: Catalog, group: Group, pending: PendingDecision, values: FormValues = {}, errors?: FieldErrors): Reply {
  const d = t.actionPlan.decision;
  const channel = pending.officeName;
  const data = {
    t,
    title: format(d.confirmTitle, { year: pending.plan.year }),
    text: format(d.confirmText, { count: pending.activities.length, version: pending.version }),
    note: !channel ? d.confirmNoOffice : pending.office ? format(d.confirmOffice, { channel }) : format(d.confirmOfficeNotRegistered, { channel }),
    values: { minutes: values.minutes ?? '' },
    context: { year: String(pending.plan.year) },
  };
  return errors ? { kind: 'form-errors', form: 'confirm-decision', data, errors } : { kind: 'form', form: 'confirm-decision', data };
}

/** "Besluta planen": the chair sees what the decision does (version, kansliet) and confirms it; never one click. */
export async function decidePlan(deps: Dependencies, context: GroupContext, args: FormValues = {}): Promise<Reply> {
  const { group, member, t } = context;
  if (!isChair(member)) return chairOnly(deps.store, context);
  const pending = await pendingDecision(deps, group, args.year);
  return pending ? decisionForm(t, group, pending) : notice(t, t.actionPlan.decision.noActivities);
}

/**
 * The chair decides the plan of the planning year. Deciding again after changes makes a new version.
 * The decision is posted to the office channel through the outbox (one post per plan version).
 */
export async function submitDecision(deps: Dependencies, context: GroupContext, values: FormValues): Promise<Reply> {
  const { group, member, t } = context;
  if (!isChair(member)) return chairOnly(deps.store, context);
  const d = t.actionPlan.decision;
  const pending = await pendingDecision(deps, group, values.year);
  if (!pending) return notice(t, d.noActivities);
  const check = new FieldChecker(t, values, 'confirm-decision');
  const minutes = check.text('minutes', d.minutes);
  if (!check.ok) return decisionForm(t, group, pending, values, check.errors);
  const { plan, activities, version, office } = pending;
  const now = deps.clock.now();
  let mailed = false;
  const decided = await deps.store.transaction(async (store) => {
    const updated = await store.plans.update(plan.id, {
      version,
      decidedAt: now,
      decidedByMemberId: member.id,
      ...(office ? { sentToOfficeAt: now } : {}),
    });
    await recordChange(store, group, member, { plan: updated, action: 'plan-decided', entityId: plan.id, details: { version, activities: activities.length, minutes: minutes || null } }, now);
    // The decided version is kept as it is now: what the kansli got and the minutes refer to stays readable.
    const snapshot = { groupId: group.id, planId: plan.id, year: plan.year, version, decidedAt: now, decidedByMemberId: member.id, minutes, activities: activities.map(snapshotOf) };
    const [earlier] = await store.planVersions.list({ planId: plan.id, version });
    if (earlier) await store.planVersions.update(earlier.id, snapshot);
    else await store.planVersions.create(snapshot);
    if (office) {
      const documentUrl = deps.links?.actionPlan ? deps.links.actionPlan(group.id, updated.year, 'docx') : null;
      const reply = groupNotice(t, officeText(t, group, member, updated, activities, deps.actionPlan?.regionalPlan, now, { documentUrl, minutes }));
      await store.outbox.enqueue(
        outboxRecord(
          { idempotencyKey: `plan-decided:${plan.id}:${version}:${office.id}`, groupId: group.id, channelLinkId: office.id, meetingId: null, expiresAt: null, kind: 'notice' },
          reply as Extract<Reply, { kind: 'card' }>,
          group.locale,
          now,
        ),
      );
    }
    mailed = await enqueueKansliMail(deps, store, group, t, {
      key: `plan-decided:${plan.id}:${version}`,
      subject: format(t.exports.kansliMail.planSubject, { year: updated.year, version, groupName: group.name }),
      text: officeText(t, group, member, updated, activities, deps.actionPlan?.regionalPlan, now, { documentUrl: null, minutes }),
      document: { what: 'plan', subject: String(updated.year), format: 'docx' },
    });
    return updated;
  });
  const officeChannel = officeChannelOf(deps, group);
  const officeLine = !officeChannel ? d.noOffice : office ? d.sentToOffice : format(d.officeNotRegistered, { channel: officeChannel.name });
  const mailLine = mailed ? ` ${t.exports.kansliMail.sentNote}` : '';
  return groupNotice(t, `${format(d.decided, { name: member.displayName, year: decided.year, version: decided.version, count: activities.length })}${officeLine}${mailLine}`);
}

