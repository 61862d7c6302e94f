// GET /metrics as Prometheus scrapes it: requests by platform and outcome (driven over HTTP as Teams and
// Slack send them), outbox sends by result against the fake Slack API (429, 5xx, ok, given up), the outbox
// gauges, scheduler ticks and database errors, and the protection (bearer token, separate loopback port).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createChannelSender } from '../../src/adapters/channel-sender.js';
import { createMetrics, startMetricsServer, type Metrics } from '../../src/adapters/metrics.js';
import { replyFromPayload } from '../../src/core/delivery.js';
import { planDuePosts } from '../../src/core/use-cases/plan-due-posts.js';
import { startScheduler } from '../../src/scheduler/scheduler.js';
import { createLogger } from '../../src/logger.js';
import { openTempSqliteStore, type TempSqliteStore } from '../support/app-on-sqlite.js';
import { startFakeBotConnector, type FakeBotConnector } from '../support/fake-bot-connector.js';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.js';
import { fixedClock } from '../support/fixed-clock.js';
import { CHAIR, botInstalled, teamChannel } from '../support/teams-activities.js';
import { postActivity } from '../support/teams-harness.js';
import { TEST_REGION_FILE } from '../support/test-region.js';
import { clockSleep, createMeeting, depsOf, slackGroup } from '../scheduler/fixtures.js';

const TOKEN = 'metrics-token-0123456789';
const logger = createLogger('silent');

/** The value of one sample line, e.g. samverkansbot_requests_total{platform="teams",outcome="ok"}. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-z_]+)(?:\{([^}]*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((pair) => [pair[1], pair[2]]));
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) return Number(match[3]);
  }
  return undefined;
}

describe('GET /metrics over HTTP', () => {
  let database: TempSqliteStore;
  let connector: FakeBotConnector;
  let slack: FakeSlackApi;
  let app: RunningApp;
  let metrics: Metrics;
  let config: Config;

  beforeAll(async () => {
    metrics = createMetrics();
    database = await openTempSqliteStore('metrics', { onDatabaseError: (error) => metrics.databaseError(error) });
    connector = await startFakeBotConnector();
    slack = await startFakeSlackApi();
    config = loadConfig({
      PORT: '0',
      LOG_LEVEL: 'silent',
      DATABASE_URL: database.databaseUrl,
      REGION_FILE: TEST_REGION_FILE,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: 'not-the-signature',
      SLACK_API_URL: slack.url,
      METRICS_TOKEN: TOKEN,
    });
    metrics.watchOutbox(database.store);
    app = await startApp({ config, store: database.store, logger, metrics });
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
    await connector?.close();
    await slack?.close();
  });

  const scrape = async (authorization?: string) => fetch(`${app.url}/metrics`, { headers: authorization ? { authorization } : {} });

  it('refuses a scrape without the bearer token or with a wrong one', async () => {
    expect((await scrape()).status).toBe(401);
    expect((await scrape(`Bearer ${TOKEN.replace(/.$/, 'x')}`)).status).toBe(401);
    expect((await scrape(`Bearer ${TOKEN}x`)).status).toBe(401);
  });

  it('counts Teams and Slack requests by outcome with latency histograms, and database errors', async () => {
    expect((await postActivity(app.url, botInstalled(teamChannel(), connector.serviceUrl, CHAIR))).status).toBe(200);
    const broken = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
    expect(broken.status).toBe(400);
    const unsigned = await fetch(`${app.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"url_verification","challenge":"x"}' });
    expect(unsigned.status).toBeGreaterThanOrEqual(400);
    expect(unsigned.status).toBeLessThan(500);
    // A write the database refuses (a channel link to a group that does not exist): one database error.
    await expect(database.store.channels.create({ groupId: 'no-such-group', platform: 'slack', tenantId: 'T1', channelId: 'C1', channelName: 'x', serviceUrl: null } as never)).rejects.toThrow();

    const answer = await scrape(`Bearer ${TOKEN}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await answer.text();
    expect(sample(text, 'samverkansbot_requests_total', { platform: 'teams', outcome: 'ok' })).toBe(1);
    expect(sample(text, 'samverkansbot_requests_total', { platform: 'teams', outcome: 'refused' })).toBe(1);
    expect(sample(text, 'samverkansbot_requests_total', { platform: 'slack', outcome: 'refused' })).toBe(1);
    expect(sample(text, 'samverkansbot_request_duration_seconds_count', { platform: 'teams', outcome: 'ok' })).toBe(1);
    expect(sample(text, 'samverkansbot_request_duration_seconds_bucket', { platform: 'teams', outcome: 'ok', le: '+Inf' })).toBe(1);
    expect(sample(text, 'samverkansbot_database_errors_total')).toBe(1);
    // The health check and the scrape itself are not platform requests.
    expect(sample(text, 'samverkansbot_requests_total', { platform: 'teams', outcome: 'error' })).toBeUndefined();
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    // No label carries a name, a channel or anything typed.
    expect(text).not.toMatch(/Anna|Samverkan |C1\b|no-such-group/);
  });

  it('serves the same registry on a separate loopback port, with the token when one is set', async () => {
    const server = await startMetricsServer(metrics, { METRICS_HOST: '127.0.0.1', METRICS_TOKEN: TOKEN }, 0);
    const open = await startMetricsServer(metrics, { METRICS_HOST: '127.0.0.1', METRICS_TOKEN: undefined }, 0);
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      expect((await fetch(server.url)).status).toBe(401);
      expect((await fetch(server.url, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
      const text = await (await fetch(open.url)).text();
      expect(sample(text, 'samverkansbot_requests_total', { platform: 'teams', outcome: 'ok' })).toBe(1);
      expect((await fetch(open.url.replace('/metrics', '/healthz'))).status).toBe(404);
    } finally {
      await server.close();
      await open.close();
    }
  });

  it('is not served on the main port without METRICS_TOKEN', async () => {
    const other = await startApp({ config: { ...config, METRICS_TOKEN: undefined }, store: database.store, logger, metrics: createMetrics({ defaultMetrics: false }) });
    try {
      expect((await fetch(`${other.url}/metrics`)).status).toBe(404);
    } finally {
      await other.close();
    }
  });
});

describe('outbox and scheduler metrics', () => {
  it('counts sends by result (429, 5xx, ok, gave up), ticks with their duration, and the pending outbox', async () => {
    const clock = fixedClock('2026-03-29T11:00:00Z');
    const metrics = createMetrics({ defaultMetrics: false, now: () => clock.now().getTime() });
    const database = await openTempSqliteStore('metrics-outbox', { clock, onDatabaseError: (error) => metrics.databaseError(error) });
    const slack = await startFakeSlackApi({ now: () => clock.now().getTime() });
    try {
      const deps = depsOf(database.store, clock);
      metrics.watchOutbox(database.store);
      const { group } = await slackGroup(deps, 'C_METRICS');
      await createMeeting(database.store, group.id, '2026-03-31T13:00');
      const { group: lost } = await slackGroup(deps, 'C_ARCHIVED');
      await createMeeting(database.store, lost.id, '2026-03-31T13:00');
      await planDuePosts(deps, clock.now());
      clock.advance(30_000);
      let text = await metrics.registry.metrics();
      expect(sample(text, 'samverkansbot_outbox_pending')).toBe(2);
      expect(sample(text, 'samverkansbot_outbox_oldest_pending_age_seconds')).toBe(30);

      const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: slack.url, INSTANCE_ID: 'metrics' });
      slack.failHttpNext('chat.postMessage', { status: 429, retryAfterSeconds: 1, times: 1 });
      slack.outside.add('C_ARCHIVED');
      const sender = metrics.observeSender(createChannelSender({ config, logger }));
      const scheduler = startScheduler({
        deps,
        sender,
        logger,
        config,
        cron: false,
        sleep: clockSleep(clock),
        drainWindowMs: 60_000,
        observer: metrics,
      });
      const result = await scheduler.tick();
      await scheduler.stop();
      // The post to the channel the bot is not in fails for good, and so does its failure notice there.
      expect(result?.drained.sent).toBeGreaterThanOrEqual(1);
      const gaveUp = result!.drained.failed;
      expect(gaveUp).toBeGreaterThanOrEqual(1);

      // A 503 from Slack on the same post, sent again through the same sender.
      const [sent] = await database.store.outbox.list({ status: 'sent' });
      const link = await database.store.channels.get(sent!.channelLinkId);
      slack.failHttpNext('chat.postMessage', { status: 503, times: 1 });
      await expect(sender.send(link!, replyFromPayload(sent!.payload))).rejects.toMatchObject({ reason: 'server-error' });

      text = await metrics.registry.metrics();
      expect(sample(text, 'samverkansbot_outbox_sends_total', { platform: 'slack', result: '429' })).toBe(1);
      expect(sample(text, 'samverkansbot_outbox_sends_total', { platform: 'slack', result: 'ok' })).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'samverkansbot_outbox_sends_total', { platform: 'slack', result: '5xx' })).toBe(1);
      expect(sample(text, 'samverkansbot_outbox_sends_total', { platform: 'slack', result: 'other_error' })).toBe(gaveUp);
      expect(sample(text, 'samverkansbot_outbox_sends_total', { platform: 'all', result: 'gave_up' })).toBe(gaveUp);
      expect(sample(text, 'samverkansbot_outbox_pending')).toBe(0);
      expect(sample(text, 'samverkansbot_scheduler_ticks_total', { outcome: 'ok' })).toBe(1);
      expect(sample(text, 'samverkansbot_scheduler_tick_duration_seconds_count')).toBe(1);
      expect(sample(text, 'samverkansbot_database_errors_total')).toBe(0);
    } finally {
      await database.close();
      await slack.close();
    }
  });
});
