// Fan-out: the standing item for many groups at once, through the production scheduler tick (planning +
// outbox drain) and the production senders, against a fake Slack Web API and a fake Bot Connector that
// enforce platform-like limits and inject random 429 (with Retry-After) and 500. Real clock, real waits.
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { createStore } from '../src/adapters/db/prisma-store.js';
import type { ChannelAddress } from '../src/core/events.js';
import { systemClock } from '../src/core/ports.js';
import type { Dependencies } from '../src/core/use-cases/context.js';
import { registerChannel } from '../src/core/use-cases/register-channel.js';
import { ROOT } from './spawn-server.js';
import { openTempSqliteStore } from '../tests/support/app-on-sqlite.js';
import { startFakeBotConnector } from '../tests/support/fake-bot-connector.js';
import { seededRandom, type LimitDemand, type RateLimitOptions } from '../tests/support/fake-rate-limits.js';
import { startFakeSlackApi } from '../tests/support/fake-slack-api.js';

export interface FanOutOptions {
  groups: number;
  /** Accepted chat.postMessage per second per Slack workspace the fake allows. */
  slackWorkspacePerSecond: number;
  /** Accepted activity posts per second per Teams tenant the fake allows. */
  teamsTenantPerSecond: number;
  random429: number;
  random500: number;
  seed: number;
}

export interface FanOutResult {
  groups: { slack: number; teams: number };
  limits: { perChannelIntervalMs: number; slackWorkspacePerSecond: number; teamsTenantPerSecond: number; random429: number; random500: number; retryAfterSeconds: [number, number] };
  /** Tick start → tick end (planning + every post delivered or given up). */
  totalMs: number;
  /** Tick start → first post attempt: planning the standing items into the outbox. */
  planningMs: number;
  pacingFloorMs: number;
  floorParts: { slackWorkspaceMs: number; teamsTenantMs: number; slowestChannelMs: number };
  ratio: number;
  attempts: number;
  refusals: Record<string, number>;
  delivered: number;
  duplicates: number;
  lost: number;
  outbox: Record<string, number>;
  /** Accepted posts per platform in each second after the tick started. */
  perSecond: { slack: number[]; teams: number[] };
}

export const PACING_FLOOR_DEFINITION =
  'pacing floor = max(Slack posts / workspace rate, Teams posts / tenant rate, slowest channel) where a channel needs ' +
  '(its posts − 1) × the per-channel interval plus every Retry-After of a random 429 it was given; the fakes\' own ' +
  'limits make that time unavoidable for any sender. Refusals the sender causes itself (channel interval, workspace ' +
  'rate) and 500s (which ask for no wait) add nothing to the floor. Total time includes planning the posts.';

const PER_CHANNEL_INTERVAL_MS = 1000;
const RETRY_AFTER: [number, number] = [1, 3];

function channelFloorMs(accepted: Map<string, number>, demands: LimitDemand[]): number {
  const perChannel = new Map<string, number>();
  for (const [channel, count] of accepted) perChannel.set(channel, Math.max(0, count - 1) * PER_CHANNEL_INTERVAL_MS);
  for (const demand of demands) {
    if (demand.reason === 'random-429') perChannel.set(demand.channel, (perChannel.get(demand.channel) ?? 0) + demand.retryAfterMs);
  }
  return Math.max(0, ...perChannel.values());
}

interface TickTiming {
  started: number;
  finished: number;
  ok: boolean;
}

async function runTick(databaseUrl: string, slackApiUrl: string): Promise<TickTiming> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/fan-out-tick.ts', databaseUrl, slackApiUrl], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', CHECKPOINT_DISABLE: '1' },
    timeout: 15 * 60_000,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as TickTiming;
}

function perSecond(offsets: number[]): number[] {
  const seconds: number[] = [];
  for (const offset of offsets) {
    const second = Math.max(0, Math.floor(offset / 1000));
    while (seconds.length <= second) seconds.push(0);
    seconds[second]! += 1;
  }
  return seconds;
}

function count<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

export async function runFanOut(options: FanOutOptions): Promise<FanOutResult> {
  const random = seededRandom(options.seed);
  const shared: RateLimitOptions = { perChannelIntervalMs: PER_CHANNEL_INTERVAL_MS, random429: options.random429, random500: options.random500, retryAfterSeconds: RETRY_AFTER, random };
  const slack = await startFakeSlackApi({ limits: { ...shared, workspacePerSecond: options.slackWorkspacePerSecond } });
  const connector = await startFakeBotConnector({ limits: { ...shared, workspacePerSecond: options.teamsTenantPerSecond } });
  const database = await openTempSqliteStore('bench-fan-out');
  let closed = false;
  try {
    const deps: Dependencies = { store: database.store, clock: systemClock, defaults: { locale: 'sv', timeZone: 'Europe/Stockholm' } };
    const slackGroups = Math.ceil(options.groups / 2);
    const teamsGroups = options.groups - slackGroups;
    const meetingAt = new Date(Date.now() + 47 * 3_600_000);
    const addresses: ChannelAddress[] = [];
    for (let index = 0; index < options.groups; index += 1) {
      const teams = index >= slackGroups;
      const channelId = teams ? `19:bench${index}@thread.tacv2` : `CBENCH${index}`;
      const reference = teams ? JSON.stringify({ serviceUrl: connector.serviceUrl, conversation: { id: channelId, tenantId: 'tenant-bench' }, channelId: 'msteams', bot: { id: '28:bot' } }) : null;
      addresses.push({ platform: teams ? 'teams' : 'slack', tenantId: teams ? 'tenant-bench' : 'T111', channelId, channelName: `samverkan-${index}`, conversationReference: reference, isPersonal: false });
    }
    for (let start = 0; start < addresses.length; start += 8) {
      await Promise.all(
        addresses.slice(start, start + 8).map(async (address) => {
          const { group } = await registerChannel(deps, address, { platform: address.platform, tenantId: address.tenantId, userId: 'U_CHAIR', displayName: 'Anna Ordförande' });
          await deps.store.meetings.create({ groupId: group.id, startsAt: meetingAt, durationMinutes: 90, seriesId: null, location: null, cancelled: false });
        }),
      );
    }

    await database.store.close();
    closed = true;
    // The product runs in a child process, as in production; the fakes and this process's bookkeeping do not share its CPU time.
    const tick = await runTick(database.databaseUrl, slack.url);
    const started = tick.started;
    const totalMs = tick.finished - tick.started;
    if (!tick.ok) throw new Error('fan-out: the scheduler tick failed');
    const reopened = createStore(database.databaseUrl);
    const rows = await reopened.outbox.list();
    await reopened.close();

    const slackPosts = slack.calls.filter((call) => call.method === 'chat.postMessage');
    const slackAccepted = count(slackPosts.filter((call) => call.status === 200), (call) => String(call.body.channel));
    const teamsAccepted = count(connector.posts, (post) => post.conversationId);
    const firstAttempt = Math.min(...slackPosts.map((call) => call.at), ...connector.attempts.map((attempt) => attempt.at));
    const demands = [...slack.limiter!.demands, ...connector.limiter!.demands];
    const floorParts = {
      slackWorkspaceMs: Math.round((slackGroups / options.slackWorkspacePerSecond) * 1000),
      teamsTenantMs: Math.round((teamsGroups / options.teamsTenantPerSecond) * 1000),
      slowestChannelMs: Math.max(channelFloorMs(slackAccepted, slack.limiter!.demands), channelFloorMs(teamsAccepted, connector.limiter!.demands)),
    };
    const pacingFloorMs = Math.max(floorParts.slackWorkspaceMs, floorParts.teamsTenantMs, floorParts.slowestChannelMs);
    const everyChannel = addresses.map((address) => (address.platform === 'slack' ? slackAccepted : teamsAccepted).get(address.channelId) ?? 0);
    return {
      groups: { slack: slackGroups, teams: teamsGroups },
      limits: {
        perChannelIntervalMs: PER_CHANNEL_INTERVAL_MS,
        slackWorkspacePerSecond: options.slackWorkspacePerSecond,
        teamsTenantPerSecond: options.teamsTenantPerSecond,
        random429: options.random429,
        random500: options.random500,
        retryAfterSeconds: RETRY_AFTER,
      },
      totalMs,
      planningMs: Number.isFinite(firstAttempt) ? firstAttempt - started : totalMs,
      pacingFloorMs,
      floorParts,
      ratio: totalMs / pacingFloorMs,
      attempts: slackPosts.length + connector.attempts.length,
      refusals: Object.fromEntries(count(demands, (demand) => demand.reason)),
      delivered: everyChannel.filter((posts) => posts > 0).length,
      duplicates: everyChannel.reduce((sum, posts) => sum + Math.max(0, posts - 1), 0),
      lost: everyChannel.filter((posts) => posts === 0).length,
      outbox: Object.fromEntries(count(rows, (row) => row.status)),
      perSecond: {
        slack: perSecond(slackPosts.filter((call) => call.status === 200).map((call) => call.at - started)),
        teams: perSecond(connector.attempts.filter((attempt) => attempt.status === 201).map((attempt) => attempt.at - started)),
      },
    };
  } finally {
    if (closed) rmSync(dirname(database.databaseUrl.slice('file:'.length)), { recursive: true, force: true });
    else await database.close();
    await slack.close();
    await connector.close();
  }
}
