// The scheduler: node-cron fires a tick (SCHEDULER_CRON, every minute by default). Each tick derives from
// the database what is due (planDuePosts, into the outbox under idempotency keys) and then drains the
// outbox. Nothing lives in in-memory timers, so a restart catches up, and any number of instances may
// share one database: the keys stop duplicate posts, the outbox leases stop duplicate sends.
//
// Why one cron for both: planning once a minute is plenty (the standing item is due hours ahead), and the
// drain keeps going inside the tick for up to DRAIN_WINDOW_MS, waiting out channel pacing and retries
// that fall due within it, so a 429's Retry-After of a few seconds is honoured without a second, faster
// polling loop hitting the database every second on every instance.
import cron, { type ScheduledTask } from 'node-cron';
import type { Config } from '../config.js';
import type { Dependencies } from '../core/use-cases/context.js';
import type { ChannelSender, MailSender } from '../core/delivery.js';
import { createChannelPacer, drainOutbox, type DrainResult } from '../core/use-cases/drain-outbox.js';
import { extendMeetingSeries } from '../core/use-cases/meeting-series.js';
import { planMeetingSummaries } from '../core/use-cases/meeting-summary.js';
import { planDuePosts, type PlanResult } from '../core/use-cases/plan-due-posts.js';
import { planReportPrompts, type ReportPromptResult } from '../core/use-cases/report-prompts.js';
import { planEvaluationPrompts, type EvaluationPromptResult } from '../core/use-cases/evaluation-prompts.js';
import { planImplementationFollowUps, type FollowUpPromptResult } from '../core/use-cases/implementation-follow-up.js';
import { planHomeworkSummaries, type HomeworkSummaryResult } from '../core/use-cases/homework.js';
import { archiveExpiredTexts, DEFAULT_RETENTION_MONTHS, type RetentionResult } from '../core/use-cases/retention.js';
import { forgetProcessedRequests } from '../core/use-cases/replays.js';
import type { Logger } from '../logger.js';

/** How long a tick keeps draining: below the default one-minute cron interval, so ticks do not pile up. */
export const DRAIN_WINDOW_MS = 45_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Told about every tick (metrics); result null when the tick failed. Kept free of any metrics library. */
export interface SchedulerObserver {
  tickFinished(durationMs: number, result: TickResult | null): void;
}

export interface SchedulerOptions {
  deps: Dependencies;
  sender: ChannelSender;
  /** Sends the outbox's e-mails to kansliet (SMTP_HOST set); absent: e-mail is off. */
  mailer?: MailSender;
  logger: Logger;
  config: Pick<Config, 'SCHEDULER_CRON' | 'TEAMS_PACING_MS' | 'instanceId'>;
  /** false: no cron task; the caller runs tick() (tests with a fixed clock). */
  cron?: boolean;
  drainWindowMs?: number;
  /** Waits inside the drain (pacing, retries); tests pass one that moves their fixed clock. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** RETENTION_MONTHS: closed assignments' free text is archived this long after closure. */
  retentionMonths?: number;
  observer?: SchedulerObserver;
}

export interface TickResult {
  planned: PlanResult;
  /** Chairs' private meeting-prep summaries enqueued. */
  summaries: number;
  prompts: ReportPromptResult;
  followUps: FollowUpPromptResult;
  evaluations: EvaluationPromptResult;
  homework: HomeworkSummaryResult;
  drained: DrainResult;
  meetingsAdded: number;
  /** Also how many keys of processed Slack/Teams requests (replay protection) were old enough to delete. */
  retention: RetentionResult & { requestKeysDeleted: number };
}

export interface Scheduler {
  /** Runs one tick now; resolves with null when a tick is still running (ticks never overlap) or after stop(). */
  tick(): Promise<TickResult | null>;
  /** Stops the cron task and cuts short the waits of a running tick; resolves when it has finished. */
  stop(): Promise<void>;
}

export function startScheduler(options: SchedulerOptions): Scheduler {
  const { deps, sender, config } = options;
  const logger = options.logger.child({ component: 'scheduler', instance: config.instanceId });
  // Per-channel pacing outlives a tick: the last post's time matters for the next tick's first.
  const pacer = createChannelPacer({ teams: config.TEAMS_PACING_MS });
  const drainWindowMs = options.drainWindowMs ?? DRAIN_WINDOW_MS;
  let running: Promise<TickResult | null> | null = null;
  let stopped = false;
  const wakeUps = new Set<() => void>();

  const sleep = (ms: number) => {
    if (stopped) return Promise.resolve();
    if (options.sleep) return options.sleep(ms);
    return new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        wakeUps.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      wakeUps.add(wake);
    });
  };

  const extendSeriesDaily = atMostEvery(DAY_MS, 0, async (now) => (await extendMeetingSeries(deps, now)).length);
  // Retention only matters by the day; scanning the closed assignments once an hour is plenty.
  const archiveHourly = atMostEvery(HOUR_MS, { archived: 0, requestKeysDeleted: 0 }, async (now) => ({
    ...(await archiveExpiredTexts(deps, now, options.retentionMonths ?? DEFAULT_RETENTION_MONTHS)),
    requestKeysDeleted: await forgetProcessedRequests(deps.store, now),
  }));

  async function runTick(): Promise<TickResult> {
    const now = deps.clock.now();
    const meetingsAdded = await extendSeriesDaily(now);
    const planned = await planDuePosts(deps, now);
    const summaries = await planMeetingSummaries(deps, now);
    const prompts = await planReportPrompts(deps, now);
    const followUps = await planImplementationFollowUps(deps, now);
    const evaluations = await planEvaluationPrompts(deps, now);
    const homework = await planHomeworkSummaries(deps, now);
    const retention = await archiveHourly(now);
    const drained = await drainOutbox(deps, sender, now, {
      workerId: config.instanceId,
      pacer,
      sleep,
      random: options.random,
      logger,
      until: new Date(now.getTime() + drainWindowMs),
      shouldStop: () => stopped,
      mailer: options.mailer,
    });
    const result = { planned, summaries, prompts, followUps, evaluations, homework, drained, meetingsAdded, retention };
    const busy = [planned, prompts, followUps, evaluations, homework, drained, retention].some((counts) => Object.values(counts).some(Boolean)) || meetingsAdded > 0 || summaries > 0;
    if (busy) logger.info(result, 'scheduler: tick');
    return result;
  }

  function tick(): Promise<TickResult | null> {
    if (stopped || running) return Promise.resolve(null);
    const started = performance.now();
    running = runTick()
      .catch((error: unknown) => {
        // A failed tick (database down) is logged; the next tick starts from the database again.
        logger.error({ err: error }, 'scheduler: tick failed');
        return null;
      })
      .then((result) => {
        options.observer?.tickFinished(performance.now() - started, result);
        return result;
      })
      .finally(() => {
        running = null;
      });
    return running;
  }

  let task: ScheduledTask | null = null;
  if (options.cron !== false) {
    // tick() itself never overlaps (it returns null while one runs), so node-cron's own overlap check is left
    // off: it wrote a plain-text warning to stderr for every skipped second. Its other messages (a missed
    // execution under load, a failing task) go to the structured log.
    task = cron.schedule(config.SCHEDULER_CRON, () => tick(), {
      name: 'samverkansbot-scheduler',
      logger: {
        debug: (message: string) => logger.debug({ source: 'node-cron' }, message),
        info: (message: string) => logger.info({ source: 'node-cron' }, message),
        warn: (message: string) => logger.warn({ source: 'node-cron' }, message),
        error: (message: string | Error, err?: unknown) => logger.error({ source: 'node-cron', err: err ?? message }, String(message)),
      },
    });
  }

  return {
    tick,
    async stop() {
      stopped = true;
      await task?.stop();
      await task?.destroy();
      for (const wake of [...wakeUps]) wake();
      await running;
    },
  };
}

/** `job` at most once per `intervalMs` in this instance (counted from each start); `idle` in between. */
function atMostEvery<T>(intervalMs: number, idle: T, job: (now: Date) => Promise<T>): (now: Date) => Promise<T> {
  let last = Number.NEGATIVE_INFINITY;
  return async (now) => {
    if (now.getTime() - last < intervalMs) return idle;
    last = now.getTime();
    return job(now);
  };
}
