// What the scheduler must post, derived from the database at every tick (never from in-memory timers),
// so a restart catches up on what it missed. Every post is written to the outbox under an idempotency
// key before anything is sent: whichever instance writes a key first owns the post, the others' enqueue
// returns null, and a restart finds the key and does not post again.
import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import type { ActionPlan, Group, Meeting, OutboxKind } from '../domain.js';
import type { Reply } from '../events.js';
import type { Store } from '../ports.js';
import { outboxKeys, outboxRecord } from '../delivery.js';
import { catalog, format } from '../../i18n/index.js';
import { formatLongDate } from '../dates.js';
import { chairAddress, chairNames } from './chairs.js';
import { activeGroups, type Dependencies } from './context.js';
import { notice } from './show-help.js';
import { loadStandingItemData, planOfYear, renderStandingItem } from './standing-item.js';

export interface PlanOptions {
  /** Past its due time by more than this, a standing item carries a "later than planned" note. */
  graceMs?: number;
}

export interface PlanResult {
  standingItems: number;
  revisionReminders: number;
  planningDayReminders: number;
}

export const DEFAULT_GRACE_MS = 15 * 60_000;
const HOUR_MS = 3_600_000;
/** Meetings planned per round of reads. */
const PLANNING_BATCH = 200;

/** Reminders go out on Swedish working days between 09:00 and 17:00 local time, not at night. */
const OFFICE_HOURS = { from: 9, to: 17 } as const;
const swedishHolidays = new Holidays('SE');

export function isWorkingHours(now: Date, timeZone: string): boolean {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  if (local.weekday > 5 || local.hour < OFFICE_HOURS.from || local.hour >= OFFICE_HOURS.to) return false;
  const holidays = swedishHolidays.isHoliday(local.set({ hour: 12 }).toJSDate());
  return !(holidays && holidays.some((holiday) => holiday.type === 'public'));
}

async function exists(store: Store, idempotencyKey: string): Promise<boolean> {
  return (await store.outbox.list({ idempotencyKey })).length > 0;
}

/**
 * One standing item per channel of the group once the meeting is within standingItemHoursBefore, and
 * only until it starts. Late (past the grace period after it was due, and the meeting existed then): a
 * note says so.
 */
async function planStandingItems(store: Store, groups: Map<string, Group>, now: Date, graceMs: number): Promise<number> {
  const maxLeadMs = Math.max(0, ...[...groups.values()].map((group) => group.standingItemHoursBefore)) * HOUR_MS;
  // [now + 1 ms, …): a meeting starting right now has started; nothing is posted for it any more.
  const meetings = await store.meetings.listStartingBetween(new Date(now.getTime() + 1), new Date(now.getTime() + maxLeadMs + 1));
  const due = meetings.filter((meeting) => {
    const group = groups.get(meeting.groupId);
    return group && !meeting.cancelled && meeting.startsAt.getTime() - group.standingItemHoursBefore * HOUR_MS <= now.getTime();
  });
  let enqueued = 0;
  // Many meetings per round, each round a few queries for all of them and one write of their posts.
  for (let start = 0; start < due.length; start += PLANNING_BATCH) {
    enqueued += await planStandingItemBatch(store, groups, due.slice(start, start + PLANNING_BATCH), now, graceMs);
  }
  return enqueued;
}

async function planStandingItemBatch(store: Store, groups: Map<string, Group>, meetings: Meeting[], now: Date, graceMs: number): Promise<number> {
  const links = await store.channels.listIn('groupId', [...new Set(meetings.map((meeting) => meeting.groupId))]);
  const wanted = meetings.flatMap((meeting) =>
    links.filter((link) => link.groupId === meeting.groupId).map((link) => ({ meeting, link, idempotencyKey: outboxKeys.standingItem(meeting.id, link.id) })),
  );
  const planned = new Set((await store.outbox.listIn('idempotencyKey', wanted.map((post) => post.idempotencyKey))).map((message) => message.idempotencyKey));
  const posts = wanted.filter((post) => !planned.has(post.idempotencyKey));
  if (posts.length === 0) return 0;
  const toRender = [...new Map(posts.map((post) => [post.meeting.id, post.meeting])).values()];
  const data = await loadStandingItemData(store, toRender.map((meeting) => ({ group: groups.get(meeting.groupId)!, meeting })));
  const replies = new Map(
    toRender.map((meeting) => {
      const group = groups.get(meeting.groupId)!;
      const dueAt = new Date(meeting.startsAt.getTime() - group.standingItemHoursBefore * HOUR_MS);
      return [meeting.id, renderStandingItem(data, group, meeting, now, lateness(meeting, dueAt, now, graceMs))] as const;
    }),
  );
  return store.outbox.enqueueMany(
    posts.map(({ meeting, link, idempotencyKey }) => {
      const group = groups.get(meeting.groupId)!;
      return outboxRecord({ idempotencyKey, kind: 'standing-item', groupId: group.id, channelLinkId: link.id, meetingId: meeting.id, expiresAt: meeting.startsAt }, replies.get(meeting.id)!, group.locale, now);
    }),
  );
}

function lateness(meeting: Meeting, dueAt: Date, now: Date, graceMs: number): { lateSince?: Date } {
  // A meeting added after its due time is posted as soon as possible, which is not "late".
  const expectedAt = Math.max(dueAt.getTime(), meeting.createdAt.getTime());
  return now.getTime() - expectedAt > graceMs ? { lateSince: dueAt } : {};
}

/** Enqueues a notice for the chairs in their channel under `idempotencyKey`; false when it already exists. */
async function remindChairs(
  store: Store,
  group: Group,
  now: Date,
  kind: OutboxKind,
  idempotencyKey: string,
  text: (chairs: string) => string,
  expiresAt: Date,
): Promise<boolean> {
  if (await exists(store, idempotencyKey)) return false;
  const { chairs, link } = await chairAddress(store, group.id);
  if (!link) return false;
  const t = catalog(group.locale);
  const reply = notice(t, text(chairNames(chairs, t))) as Extract<Reply, { kind: 'card' }>;
  const created = await store.outbox.enqueue(
    outboxRecord({ idempotencyKey, kind, groupId: group.id, channelLinkId: link.id, meetingId: null, expiresAt }, reply, group.locale, now),
  );
  return created !== null;
}

/** When `plan` was last changed (revised, else decided, else created), if that is twelve months ago or more. */
export function revisionDueSince(plan: ActionPlan, now: Date, timeZone: string): Date | null {
  const changedAt = plan.lastRevisedAt ?? plan.decidedAt ?? plan.createdAt;
  return DateTime.fromJSDate(changedAt, { zone: timeZone }) > DateTime.fromJSDate(now, { zone: timeZone }).minus({ months: 12 }) ? null : changedAt;
}

/**
 * "Planen bör revideras en gång per år": when the group's current plan was last changed (revised,
 * else decided, else created) twelve months ago or more, the chairs are reminded, at most once a month.
 */
async function planRevisionReminder(store: Store, group: Group, plans: ActionPlan[], now: Date): Promise<boolean> {
  const local = DateTime.fromJSDate(now, { zone: group.timeZone });
  const plan = planOfYear(plans, local.year);
  if (!plan) return false;
  const changedAt = revisionDueSince(plan, now, group.timeZone);
  if (!changedAt) return false;
  const t = catalog(group.locale);
  return remindChairs(
    store,
    group,
    now,
    'revision-reminder',
    outboxKeys.revisionReminder(plan.id, local.toFormat('yyyy-MM')),
    (chairs) => format(t.scheduler.reminders.revision, { chairs, year: plan.year, version: plan.version, date: formatLongDate(changedAt, group.timeZone, group.locale) }),
    local.endOf('month').toJSDate(),
  );
}

/** The yearly planning day (Samverk Höglandet: "planeringsdag i januari"): once per group and year, in January. */
async function planPlanningDayReminder(store: Store, group: Group, now: Date): Promise<boolean> {
  const local = DateTime.fromJSDate(now, { zone: group.timeZone });
  if (!group.planningDayReminder || local.month !== 1) return false;
  const t = catalog(group.locale);
  return remindChairs(
    store,
    group,
    now,
    'planning-day-reminder',
    outboxKeys.planningDay(group.id, local.year),
    (chairs) => format(t.scheduler.reminders.planningDay, { chairs }),
    local.endOf('month').toJSDate(),
  );
}

/** Everything due at `now`, written to the outbox. Safe to run any number of times, on any number of instances. */
export async function planDuePosts(deps: Dependencies, now: Date, options: PlanOptions = {}): Promise<PlanResult> {
  const groups = new Map((await activeGroups(deps.store)).map((group) => [group.id, group]));
  const result: PlanResult = {
    standingItems: await planStandingItems(deps.store, groups, now, options.graceMs ?? DEFAULT_GRACE_MS),
    revisionReminders: 0,
    planningDayReminders: 0,
  };
  // Reminders are read during the working day; the first tick from 09:00 on a working day posts them.
  const working = [...groups.values()].filter((group) => isWorkingHours(now, group.timeZone));
  const plans = working.length > 0 ? await deps.store.plans.listIn('groupId', working.map((group) => group.id)) : [];
  for (const group of working) {
    if (await planRevisionReminder(deps.store, group, plans.filter((plan) => plan.groupId === group.id), now)) result.revisionReminders += 1;
    if (await planPlanningDayReminder(deps.store, group, now)) result.planningDayReminders += 1;
  }
  return result;
}
