// Sends what the outbox holds: leases due messages (atomically, so two instances never take the same
// one), paces posts per channel, retries 429 and 5xx with backoff (honouring Retry-After), never posts
// after a message's expiry (a standing item after its meeting started), and records permanent failures
// for the chair. Every outcome clears the lease.
import type { ChannelLink, OutboxMessage, Platform } from '../domain.js';
import type { Store } from '../ports.js';
import {
  DeliveryError,
  describeFailure,
  mailFromPayload,
  recipientFromPayload,
  replyFromPayload,
  type ChannelSender,
  type DeliveryFailureReason,
  type MailSender,
} from '../delivery.js';
import type { Dependencies } from './context.js';
import { enqueueFailureNotice } from './failed-sends.js';

/** What the drain logs; pino's logger fits. Only ids, kinds and reasons: never what users wrote. */
export interface DrainLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/**
 * Minimum time between two posts to one channel, per platform. Slack allows about one message per
 * second per channel (1.1 s leaves a margin); Teams about 7 per second but only 60 per 30 s per
 * conversation, so 0.5 s keeps a long burst inside both.
 */
export const DEFAULT_PACING_MS: Record<Platform, number> = { slack: 1100, teams: 500 };

/**
 * Minimum time between two posts to one workspace (Slack) or tenant (Teams), whatever the channel. Teams
 * allows 50 requests per second per app and tenant, replies to users included, so 25 ms leaves half for
 * them; Slack documents "several hundred messages per minute" per workspace, so 100 ms (600 a minute).
 * Without it a fan-out to many channels runs into the workspace limit, and every refused post costs an
 * attempt and a backoff of seconds (measured by bench/fan-out.ts: 4× slower than pacing).
 */
export const DEFAULT_WORKSPACE_PACING_MS: Record<Platform, number> = { slack: 100, teams: 25 };

/** In-memory per process: when each channel may get its next post. Kept across ticks by the scheduler. */
export interface ChannelPacer {
  /** The later of when the channel and when its workspace/tenant may get the next post. */
  readyAt(link: ChannelLink): number;
  /** A post went out (or was attempted) at `at`; a 429's Retry-After holds the channel longer. */
  record(link: ChannelLink, at: number, holdUntil?: number): void;
}

const workspaceKey = (link: ChannelLink) => `${link.platform}:${link.tenantId}`;
const channelKeyOf = (link: ChannelLink) => `${workspaceKey(link)}:${link.channelId}`;

export function createChannelPacer(pacingMs: Partial<Record<Platform, number>> = {}, workspacePacingMs: Partial<Record<Platform, number>> = {}): ChannelPacer {
  const intervals = { ...DEFAULT_PACING_MS, ...pacingMs };
  const workspaceIntervals = { ...DEFAULT_WORKSPACE_PACING_MS, ...workspacePacingMs };
  const ready = new Map<string, number>();
  return {
    readyAt: (link) => Math.max(ready.get(channelKeyOf(link)) ?? 0, ready.get(workspaceKey(link)) ?? 0),
    record(link, at, holdUntil = 0) {
      ready.set(channelKeyOf(link), Math.max(at + intervals[link.platform], holdUntil, ready.get(channelKeyOf(link)) ?? 0));
      ready.set(workspaceKey(link), Math.max(at + workspaceIntervals[link.platform], ready.get(workspaceKey(link)) ?? 0));
    },
  };
}

export interface DrainOptions {
  /** Names the lease holder (instance id); two instances need different ids. */
  workerId: string;
  /** How long a claimed message is ours; must cover a batch with its pacing waits. */
  leaseMs?: number;
  batchSize?: number;
  /** After this many failed attempts a retryable failure is permanent too. */
  maxAttempts?: number;
  /** A send that starts this close to the lease's end might outlive it: the message is left for later. */
  sendBudgetMs?: number;
  pacer?: ChannelPacer;
  /** A channel busy for longer than this (e.g. after a Retry-After) is not waited for: the message is deferred. */
  maxPacingWaitMs?: number;
  /** Waits for pacing and retries; tests pass one that moves a fixed clock. */
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1). */
  random?: () => number;
  logger?: DrainLogger;
  /**
   * Keep draining until this moment: also wait for retries falling due before it. Without it the drain
   * sends what is due now and returns; later retries are for the next tick.
   */
  until?: Date;
  /** Checked before every claim and send (the scheduler is stopping): claimed messages are handed back. */
  shouldStop?: () => boolean;
  /** Sends the 'email' rows (SMTP); without it they fail for good as 'mail-off'. */
  mailer?: MailSender;
}

export interface DrainResult {
  sent: number;
  retried: number;
  failed: number;
  expired: number;
}

export const DRAIN_DEFAULTS = {
  leaseMs: 10 * 60_000,
  batchSize: 20,
  maxAttempts: 8,
  sendBudgetMs: 60_000,
  maxPacingWaitMs: 10_000,
  /**
   * The first retry after about 1 s: a lone 500 is usually a passing hiccup, and waiting 5 s for it left
   * a fan-out's last posts trailing (bench/fan-out.ts). Then 10 s, doubling, at most 15 min apart: 8
   * attempts still span about 20 minutes when a platform is really down.
   */
  firstRetryMs: 1_000,
  backoffBaseMs: 5_000,
  backoffMaxMs: 15 * 60_000,
} as const;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Exponential backoff with jitter, so instances (or posts) that failed together do not retry together:
 * ±50 % on the short first retry, ±20 % after.
 */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  if (attempts <= 1) return Math.round(DRAIN_DEFAULTS.firstRetryMs * (0.5 + random()));
  const base = Math.min(DRAIN_DEFAULTS.backoffMaxMs, DRAIN_DEFAULTS.backoffBaseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

interface Claimed {
  message: OutboxMessage;
  link: ChannelLink | null;
  /** The message's group was deactivated (the bot removed from its channel) after it was planned. */
  groupDeactivated: boolean;
}

type Outcome = keyof DrainResult | 'skipped';

const LEASE_CLEARED = { lockedBy: null, lockedUntil: null } as const;

async function finish(
  store: Store,
  message: OutboxMessage,
  status: 'failed' | 'expired',
  reason: DeliveryFailureReason,
  detail: string,
  now: Date,
): Promise<void> {
  await store.outbox.update(message.id, { status, lastError: describeFailure(reason, detail), ...LEASE_CLEARED });
  await enqueueFailureNotice(store, { ...message, status, lastError: describeFailure(reason, detail) }, now);
}

type Settings = Required<Omit<DrainOptions, 'until' | 'logger' | 'shouldStop' | 'mailer'>> & { logger?: DrainLogger; mailer?: MailSender };

/** An e-mail goes to the SMTP server, everything else to the channel's platform. */
function sendOne(sender: ChannelSender, mailer: MailSender | undefined, message: OutboxMessage, link: ChannelLink): Promise<void> {
  if (message.kind !== 'email') return sender.send(link, replyFromPayload(message.payload), recipientFromPayload(message.payload));
  if (!mailer) return Promise.reject(new DeliveryError('mail-off', false, 'no SMTP server configured'));
  return mailer.send(mailFromPayload(message.payload), message.id);
}

async function deliverOne(deps: Dependencies, sender: ChannelSender, claimed: Claimed, options: Settings): Promise<Outcome> {
  const { store, clock } = deps;
  const { message, link } = claimed;
  const now = clock.now();
  const log = { outboxId: message.id, kind: message.kind, groupId: message.groupId, attempts: message.attempts };
  if (message.expiresAt && now >= message.expiresAt) {
    await finish(store, message, 'expired', 'expired', 'expired before it could be sent', now);
    options.logger?.warn(log, 'outbox: expired unsent');
    return 'expired';
  }
  // Our lease may have run out while we waited (pacing): then another instance may own it now.
  if (!message.lockedUntil || now.getTime() + options.sendBudgetMs > message.lockedUntil.getTime()) return 'skipped';
  if (claimed.groupDeactivated) {
    // Nothing is posted for a group whose bot was removed, not even the failure notice; its summary lists
    // the post once the bot is back. Kept out of the channel for good: stale by the time anyone returns.
    await store.outbox.update(message.id, { status: 'expired', lastError: describeFailure('channel-removed', 'the group was deactivated'), ...LEASE_CLEARED });
    options.logger?.info(log, 'outbox: group deactivated, not sent');
    return 'expired';
  }
  if (!link) {
    await finish(store, message, 'failed', 'channel-removed', 'channel link no longer exists', now);
    options.logger?.warn(log, 'outbox: channel link gone');
    return 'failed';
  }
  // Platforms count posts as they arrive: pacing runs from when a send starts, not from when its answer came
  // back (from the answer, a 40 ms round trip turned 100 ms pacing into 140 ms: bench/fan-out.ts).
  // Recorded before the send: posts to other channels go out while this one is on its way.
  // An e-mail is not a post in the channel: the platform's pacing does not apply to it.
  const paced = message.kind !== 'email';
  if (paced) options.pacer.record(link, clock.now().getTime());
  try {
    await sendOne(sender, options.mailer, message, link);
    await store.outbox.update(message.id, { status: 'sent', sentAt: clock.now(), attempts: message.attempts + 1, lastError: null, ...LEASE_CLEARED });
    options.logger?.info({ ...log, platform: link.platform }, 'outbox: sent');
    return 'sent';
  } catch (error) {
    const failure =
      error instanceof DeliveryError ? error : new DeliveryError('unknown', false, error instanceof Error ? error.name : 'non-error thrown');
    const failedAt = clock.now();
    const attempts = message.attempts + 1;
    const holdUntil = failure.retryAfterMs === undefined ? undefined : failedAt.getTime() + failure.retryAfterMs;
    if (paced) options.pacer.record(link, failedAt.getTime(), holdUntil);
    if (failure.retryable && attempts < options.maxAttempts) {
      // A refusal that names its wait (429 Retry-After) is taken at its word for the first few times rather
      // than stacked on the growing backoff (a second 429 waited 10 s instead of 1–3 s and trailed a fan-out:
      // bench/fan-out.ts); refused again and again, it backs off as any failure does.
      const backoffAttempts = failure.retryAfterMs !== undefined && attempts <= TRUSTED_RETRY_AFTERS ? 1 : attempts;
      const delay = Math.max(failure.retryAfterMs ?? 0, backoffMs(backoffAttempts, options.random));
      await store.outbox.update(message.id, {
        attempts,
        nextAttemptAt: new Date(failedAt.getTime() + delay),
        lastError: describeFailure(failure.reason, failure.message),
        ...LEASE_CLEARED,
      });
      options.logger?.warn({ ...log, platform: link.platform, reason: failure.reason, retryInMs: delay }, 'outbox: send failed, will retry');
      return 'retried';
    }
    await store.outbox.update(message.id, { attempts });
    await finish(store, { ...message, attempts }, 'failed', failure.reason, failure.message, failedAt);
    options.logger?.error({ ...log, platform: link.platform, reason: failure.reason }, 'outbox: send failed for good');
    return 'failed';
  }
}

/** Gives back a claimed message we will not send now, due again at `at` (by default when it was due). */
async function defer(store: Store, claimed: Claimed, at = claimed.message.nextAttemptAt.getTime()): Promise<void> {
  await store.outbox.update(claimed.message.id, { nextAttemptAt: new Date(at), ...LEASE_CLEARED });
}

/** The earliest moment a pending message becomes claimable, if any. */
async function nextDueAt(store: Store, now: Date): Promise<Date | null> {
  const pending = await store.outbox.list({ status: 'pending' });
  const times = pending.map((message) =>
    Math.max(message.nextAttemptAt.getTime(), message.lockedUntil && message.lockedUntil > now ? message.lockedUntil.getTime() + 1 : 0),
  );
  return times.length > 0 ? new Date(Math.min(...times)) : null;
}

export async function drainOutbox(deps: Dependencies, sender: ChannelSender, now: Date, options: DrainOptions): Promise<DrainResult> {
  const { store, clock } = deps;
  const settings = {
    workerId: options.workerId,
    leaseMs: options.leaseMs ?? DRAIN_DEFAULTS.leaseMs,
    batchSize: options.batchSize ?? DRAIN_DEFAULTS.batchSize,
    maxAttempts: options.maxAttempts ?? DRAIN_DEFAULTS.maxAttempts,
    sendBudgetMs: options.sendBudgetMs ?? DRAIN_DEFAULTS.sendBudgetMs,
    maxPacingWaitMs: options.maxPacingWaitMs ?? DRAIN_DEFAULTS.maxPacingWaitMs,
    pacer: options.pacer ?? createChannelPacer(),
    sleep: options.sleep ?? realSleep,
    random: options.random ?? Math.random,
    logger: options.logger,
    mailer: options.mailer,
  };
  const result: DrainResult = { sent: 0, retried: 0, failed: 0, expired: 0 };
  let claimAt = now;
  const stopping = () => options.shouldStop?.() === true;
  // Posts to different channels (and workspaces or tenants, each paced on its own) are on their way at once.
  const inFlight = new Set<Promise<void>>();
  const sending = new Set<string>();
  const failures: unknown[] = [];
  for (;;) {
    if (stopping()) return result;
    const batch = await store.outbox.claimDue(claimAt, settings.workerId, settings.leaseMs, settings.batchSize);
    if (batch.length === 0) {
      const until = options.until;
      const next = until ? await nextDueAt(store, clock.now()) : null;
      if (!until || !next || next >= until) return result;
      const wait = next.getTime() - clock.now().getTime();
      if (wait > 0) await settings.sleep(wait);
      claimAt = clock.now();
      continue;
    }
    const queue: Claimed[] = await withLinks(store, batch);
    let moreDue = batch.length === settings.batchSize;
    let nextClaimAt = clock.now().getTime() + RECLAIM_MS;
    while (queue.length > 0 || inFlight.size > 0) {
      if (failures.length > 0) break;
      if (stopping()) {
        for (const claimed of queue.splice(0)) await defer(store, claimed);
        await Promise.all(inFlight);
        break;
      }
      // The message whose channel is free soonest goes next, so one busy channel does not hold up the rest;
      // a channel with a post on its way gets no second one until it is answered (posts keep their order).
      // (One pass, not a sort: with a thousand held a sort per post cost milliseconds of every pacing slot.)
      const index = soonest(queue, settings.pacer, sending);
      // All we hold must wait (e.g. one workspace's pacing): claim more, which may be for another workspace
      // or tenant, instead of sleeping. Bounded, so a lease never has to cover a long queue.
      // Retries falling due meanwhile (after a 500 or a 429) are claimed too, at most every RECLAIM_MS, instead
      // of waiting until all we hold is sent (which left them trailing a fan-out by half a minute).
      const mayClaim = moreDue || clock.now().getTime() >= nextClaimAt;
      if (mayClaim && queue.length < settings.batchSize * MAX_BATCHES_HELD && (index < 0 || readyAt(settings.pacer, queue[index]!) > clock.now().getTime())) {
        const more = await store.outbox.claimDue(clock.now(), settings.workerId, settings.leaseMs, settings.batchSize);
        moreDue = more.length === settings.batchSize;
        if (!moreDue) nextClaimAt = clock.now().getTime() + RECLAIM_MS;
        queue.push(...(await withLinks(store, more)));
        if (more.length > 0) continue;
      }
      if (index < 0 || inFlight.size >= MAX_SENDS_IN_FLIGHT) {
        // (A send may have ended while we claimed: then there is nothing to wait for, only to look again.)
        if (inFlight.size > 0) await Promise.race(inFlight);
        continue;
      }
      const next = queue[index]!;
      const wait = readyAt(settings.pacer, next) - clock.now().getTime();
      if (wait > settings.maxPacingWaitMs || (options.until && clock.now().getTime() + wait >= options.until.getTime())) {
        // The channel is held (a Retry-After, or a long queue): hand the message back, due when the channel is free.
        queue.splice(index, 1);
        await defer(store, next, readyAt(settings.pacer, next));
        continue;
      }
      if (wait > 0) {
        // Another send may end meanwhile and free a channel that is ready sooner: sort again then.
        await settings.sleep(wait);
        continue;
      }
      queue.splice(index, 1);
      const key = channelKey(next);
      sending.add(key);
      const send: Promise<void> = deliverOne(deps, sender, next, settings)
        .then((outcome) => {
          if (outcome !== 'skipped') result[outcome] += 1;
        })
        .catch((error: unknown) => {
          failures.push(error);
        })
        .finally(() => {
          sending.delete(key);
          inFlight.delete(send);
        });
      inFlight.add(send);
    }
    if (failures.length > 0) {
      // A store error in one send: the others finish (and clear their leases), then the drain fails as before.
      await Promise.all(inFlight);
      for (const claimed of queue.splice(0)) await defer(store, claimed).catch(() => undefined);
      throw failures[0];
    }
    if (stopping()) return result;
    claimAt = clock.now();
    if (options.until && claimAt >= options.until) return result;
  }
}

/**
 * How many batches the drain may hold at once while their channels or workspaces are paced: enough that a
 * workspace's backlog does not keep another's posts unclaimed (with 10, a thousand Slack posts held the
 * Teams ones back for half a minute: bench/fan-out.ts), and 1,000 posts at the slowest workspace pacing
 * (100 ms) take under two minutes, far inside the lease.
 */
const MAX_BATCHES_HELD = 50;

/** How many refusals in a row with a Retry-After are retried after just that wait. */
const TRUSTED_RETRY_AFTERS = 3;

/** While working through what it holds, the drain looks for messages that fell due since at most this often. */
const RECLAIM_MS = 1_000;

/** Posts on their way at once; pacing keeps those to one workspace or tenant apart in any case. */
const MAX_SENDS_IN_FLIGHT = 8;

/** The index of the first message whose channel is free soonest among those with no post on its way; -1 if none. */
function soonest(queue: Claimed[], pacer: ChannelPacer, sending: Set<string>): number {
  let index = -1;
  let best = Number.POSITIVE_INFINITY;
  for (let position = 0; position < queue.length; position += 1) {
    const claimed = queue[position]!;
    if (sending.has(channelKey(claimed))) continue;
    const at = readyAt(pacer, claimed);
    // Of posts free at the same time, a retry goes first: it has waited already, and a second refusal
    // then costs its wait in the middle of a fan-out instead of at its end.
    if (at < best || (at === best && claimed.message.attempts > queue[index]!.message.attempts)) {
      best = at;
      index = position;
    }
  }
  return index;
}

function channelKey(claimed: Claimed): string {
  // E-mails go out each on its own, never behind the group channel's posts.
  return claimed.link && claimed.message.kind !== 'email' ? channelKeyOf(claimed.link) : `message:${claimed.message.id}`;
}

async function withLinks(store: Store, messages: OutboxMessage[]): Promise<Claimed[]> {
  // One query for the batch's groups, not one per message: a fan-out claims hundreds.
  const groupIds = [...new Set(messages.map((message) => message.groupId))];
  const groups = groupIds.length > 0 ? await store.groups.listIn('id', groupIds) : [];
  const deactivated = new Set(groups.filter((group) => group.deactivatedAt).map((group) => group.id));
  return Promise.all(
    messages.map(async (message) => ({ message, link: await store.channels.get(message.channelLinkId), groupDeactivated: deactivated.has(message.groupId) })),
  );
}

function readyAt(pacer: ChannelPacer, claimed: Claimed): number {
  return claimed.link && claimed.message.kind !== 'email' ? pacer.readyAt(claimed.link) : 0;
}
