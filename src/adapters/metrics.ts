// Prometheus metrics for operators (GET /metrics). The only place that knows prom-client: the core and the
// scheduler report through small observer interfaces (SchedulerObserver, the store's onDatabaseError,
// a ChannelSender wrapper), so they stay free of it. Labels are platforms, outcomes and reasons only:
// never a group, channel, person or anything a user wrote, so the metrics hold no personal data.
import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NextFunction, Request, Response } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Config } from '../config.js';
import type { ChannelSender } from '../core/delivery.js';
import { DeliveryError } from '../core/delivery.js';
import type { Store } from '../core/ports.js';
import type { SchedulerObserver } from '../scheduler/scheduler.js';

/** What a request to /api/messages or /slack/events came to, by its HTTP status. */
export type RequestOutcome = 'ok' | 'refused' | 'error';

/** How one outbox send attempt ended; gave_up counts posts the outbox stopped retrying (failed for good). */
export type SendResult = 'ok' | '429' | '5xx' | 'other_error' | 'gave_up';

export interface Metrics extends SchedulerObserver {
  registry: Registry;
  /** Express middleware timing the platform routes (Teams /api/messages, Slack /slack/events). */
  requests(req: Request, res: Response, next: NextFunction): void;
  /** The sender with every attempt counted by result. */
  observeSender(sender: ChannelSender): ChannelSender;
  /** The store's onDatabaseError. */
  databaseError(error: unknown): void;
  /** Where the outbox gauges are read at each scrape; without it they are absent. */
  watchOutbox(store: Store): void;
}

const PLATFORM_PATHS: Record<string, 'teams' | 'slack'> = { '/api/messages': 'teams', '/slack/events': 'slack' };

export function outcomeOf(status: number): RequestOutcome {
  return status >= 500 ? 'error' : status >= 400 ? 'refused' : 'ok';
}

/** `now`: the clock for the oldest pending post's age (tests pass their fixed clock). */
export function createMetrics(options: { defaultMetrics?: boolean; now?: () => number } = {}): Metrics {
  const clockNow = options.now ?? Date.now;
  const registry = new Registry();
  registry.setDefaultLabels({ app: 'samverkansbot' });
  // Process CPU, memory, event-loop lag and handles: what an operator looks at first.
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });

  const requests = new Counter({
    name: 'samverkansbot_requests_total',
    help: 'Requests from Teams and Slack by platform and outcome (ok: 2xx/3xx, refused: 4xx, error: 5xx)',
    labelNames: ['platform', 'outcome'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'samverkansbot_request_duration_seconds',
    help: 'Time to answer a Teams or Slack request, by platform and outcome',
    labelNames: ['platform', 'outcome'] as const,
    // Slack needs an answer within 3 s; Teams within 15 s (Action.Execute within 10 s).
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 3, 5, 10, 15],
    registers: [registry],
  });
  const sends = new Counter({
    name: 'samverkansbot_outbox_sends_total',
    help: 'Outbox send attempts by platform and result (ok, 429, 5xx, other_error); gave_up: posts given up for good',
    labelNames: ['platform', 'result'] as const,
    registers: [registry],
  });
  const ticks = new Counter({
    name: 'samverkansbot_scheduler_ticks_total',
    help: 'Scheduler ticks by outcome (ok or failed)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const tickDuration = new Histogram({
    name: 'samverkansbot_scheduler_tick_duration_seconds',
    help: 'How long a scheduler tick took (planning and draining the outbox, at most about 45 s)',
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 45, 60],
    registers: [registry],
  });
  const databaseErrors = new Counter({
    name: 'samverkansbot_database_errors_total',
    help: 'Database operations that failed (connection lost, timeout, lock, constraint the code did not expect)',
    registers: [registry],
  });
  let outboxStore: Store | null = null;
  // Read at scrape time from the database, so every instance reports the shared outbox alike.
  // A database that does not answer leaves the gauges out of this scrape (the failure is counted in
  // samverkansbot_database_errors_total) rather than failing the whole scrape.
  const pending = async () => (outboxStore ? await outboxStore.outbox.list({ status: 'pending' }).catch(() => null) : null);
  new Gauge({
    name: 'samverkansbot_outbox_pending',
    help: 'Posts waiting in the outbox (all instances share it)',
    registers: [registry],
    async collect() {
      const waiting = await pending();
      if (waiting) this.set(waiting.length);
    },
  });
  new Gauge({
    name: 'samverkansbot_outbox_oldest_pending_age_seconds',
    help: 'Age of the oldest pending post that is due (0 when none is due)',
    registers: [registry],
    async collect() {
      const waiting = await pending();
      if (!waiting) return;
      const now = clockNow();
      const due = waiting.filter((message) => message.nextAttemptAt.getTime() <= now).map((message) => message.createdAt.getTime());
      this.set(due.length > 0 ? (now - Math.min(...due)) / 1000 : 0);
    },
  });

  return {
    registry,
    requests(req, res, next) {
      const platform = PLATFORM_PATHS[req.path];
      if (req.method !== 'POST' || !platform) {
        next();
        return;
      }
      const started = process.hrtime.bigint();
      res.once('finish', () => {
        const outcome = outcomeOf(res.statusCode);
        requests.inc({ platform, outcome });
        latency.observe({ platform, outcome }, Number(process.hrtime.bigint() - started) / 1e9);
      });
      next();
    },
    observeSender(sender) {
      return {
        async send(link, reply, recipient) {
          try {
            await sender.send(link, reply, recipient);
            sends.inc({ platform: link.platform, result: 'ok' });
          } catch (error) {
            const reason = error instanceof DeliveryError ? error.reason : 'unknown';
            const result = reason === 'rate-limited' ? '429' : reason === 'server-error' ? '5xx' : 'other_error';
            sends.inc({ platform: link.platform, result });
            throw error;
          }
        },
      };
    },
    databaseError() {
      databaseErrors.inc();
    },
    watchOutbox(store) {
      outboxStore = store;
    },
    tickFinished(durationMs, result) {
      ticks.inc({ outcome: result ? 'ok' : 'failed' });
      tickDuration.observe(durationMs / 1000);
      if (result && result.drained.failed > 0) sends.inc({ platform: 'all', result: 'gave_up' }, result.drained.failed);
    },
  };
}

/** Constant-time comparison of a presented bearer token with METRICS_TOKEN. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const presented = Buffer.from(/^Bearer (.+)$/i.exec(header ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

/**
 * The /metrics answer, on the main port (METRICS_TOKEN required) or the metrics port. With METRICS_TOKEN set,
 * every /metrics request must carry it, on either port.
 */
export async function metricsAnswer(metrics: Metrics, authorization: string | undefined, token: string | undefined): Promise<{ status: number; contentType: string; body: string }> {
  if (token && !bearerMatches(authorization, token)) {
    return { status: 401, contentType: 'text/plain; charset=utf-8', body: 'metrics: missing or wrong bearer token (METRICS_TOKEN)\n' };
  }
  return { status: 200, contentType: metrics.registry.contentType, body: await metrics.registry.metrics() };
}

/** The separate metrics listener (METRICS_PORT on METRICS_HOST, loopback by default): GET /metrics only. */
export async function startMetricsServer(metrics: Metrics, config: Pick<Config, 'METRICS_HOST' | 'METRICS_TOKEN'>, port: number): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || new URL(req.url ?? '/', 'http://localhost').pathname !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found: GET /metrics\n');
      return;
    }
    void metricsAnswer(metrics, req.headers.authorization, config.METRICS_TOKEN).then(
      (answer) => res.writeHead(answer.status, { 'content-type': answer.contentType }).end(answer.body),
      () => res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('metrics: collection failed\n'),
    );
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, config.METRICS_HOST, () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${config.METRICS_HOST.includes(':') ? `[${config.METRICS_HOST}]` : config.METRICS_HOST}:${bound}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
