// Latency through real HTTP, as Slack and Teams drive the bot: a command/message → the reply at the fake
// platform API, and a report form submitted → stored → the reply; at 1, 10 and 50 conversations at once.
// The bot (src/main.ts on a SQLite file) and the two baselines (a bare botbuilder echo bot, a bare Bolt
// app) each run in a child process of their own; this process is the client and hosts the fakes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '../src/core/ports.js';
import { migrateDatabase } from '../src/adapters/db/migrate.js';
import { createStore } from '../src/adapters/db/prisma-store.js';
import { startFakeBotConnector, type FakeBotConnector } from '../tests/support/fake-bot-connector.js';
import { startFakeSlackApi, type FakeSlackApi } from '../tests/support/fake-slack-api.js';
import { addAssignment, addMember, VALID_PROGRESS } from '../tests/support/report-fixtures.js';
import { eventCallback, fixture, interaction, sendToSlackEndpoint, slashCommand, viewState, type SlackRequest } from '../tests/support/slack-requests.js';
import { CHAIR, TENANT_ID, botInstalled, cardExecute, message, postActivity, teamChannel, type TeamsConversation, type TeamsUser } from '../tests/support/teams-activities.js';
import { BOT_ENTRY, spawnServer, type SpawnedServer } from './spawn-server.js';
import { percentiles, type Percentiles } from './stats.js';

export type Platform = 'slack' | 'teams';
export type Flow = 'message' | 'submit';
export type Target = 'samverkansbot' | 'baseline';

export interface LatencyCell extends Percentiles {
  platform: Platform;
  flow: Flow;
  concurrency: number;
  target: Target;
  errors: number;
  /** The server's CPU time (user + system) per request over the cell, warm-up requests included. */
  cpuMsPerRequest: number;
}

export interface LatencyResult {
  cells: LatencyCell[];
  /**
   * Reports the bot stored during the submit runs, against the submits it acknowledged (answered with the
   * report card or its channel post in time). More can be stored than acknowledged: a reply past the
   * client's timeout counts as an error, though its report was stored.
   */
  reportsStored: number;
  reportsSubmitted: number;
  baselines: Record<Platform, string>;
  /** Peak resident set size (MB) of each server process over the latency runs. */
  peakRssMb: { samverkansbot: number; echoBot: number; boltApp: number };
}

export const CONCURRENCY = [1, 10, 50] as const;
/** Requests in one conversation before each cell, unmeasured. */
const WARM_UP_REQUESTS = 30;
/** Requests per conversation at each concurrency (after one unmeasured request each, all finished first). */
const ROUNDS: Record<number, number> = { 1: 100, 10: 20, 50: 6 };
const SECRET = 'bench-signing-secret';
const TEAM = 'T111';
const CONVENER_SLACK = 'U0CILLA';
const CONVENER_TEAMS: TeamsUser = { id: '29:1cilla', name: 'Cilla Sammankallande', aadObjectId: 'aad-cilla-0003' };
const REQUEST_TIMEOUT_MS = 15_000;

interface Conversation {
  index: number;
  slackChannel: string;
  teams: TeamsConversation;
  /** The report modal as the bot opened it in this channel (Slack). */
  view?: Record<string, any>;
  assignmentId?: string;
}

/** Resolves when the fake Slack API receives the next chat.post* to a channel (one request per channel at a time). */
function slackReplies(fake: FakeSlackApi) {
  const waiting = new Map<string, (at: number) => void>();
  fake.onCall((call) => {
    if (!call.method.startsWith('chat.post')) return;
    const resolve = waiting.get(String(call.body.channel));
    waiting.delete(String(call.body.channel));
    resolve?.(performance.now());
  });
  return (channel: string) =>
    new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => (waiting.delete(channel), reject(new Error(`no reply in ${channel}`))), REQUEST_TIMEOUT_MS);
      waiting.set(channel, (at) => (clearTimeout(timer), resolve(at)));
    });
}

function slashRequest(conversation: Conversation, user: string, command: string, text: string): SlackRequest {
  return slashCommand({ command, text, team_id: TEAM, channel_id: conversation.slackChannel, channel_name: `samverkan-${conversation.index}`, user_id: user, user_name: user.toLowerCase(), trigger_id: `trigger-${conversation.index}-${Math.random()}` });
}

function reportSubmission(conversation: Conversation): SlackRequest {
  const payload = fixture<Record<string, any>>('bolt-python/view_submission.json');
  payload.team = { ...payload.team, id: TEAM };
  payload.user = { ...payload.user, id: CONVENER_SLACK, team_id: TEAM };
  // Every real submission is its own request with its own trigger id; the bot drops exact copies (replays).
  payload.trigger_id = `trigger-submit-${conversation.index}-${Math.random()}`;
  payload.view = { ...payload.view, ...conversation.view, id: `V${conversation.index}`, state: { values: viewState(conversation.view as { blocks: Record<string, any>[] }, VALID_PROGRESS) } };
  return interaction(payload);
}

function reportData(conversation: Conversation): Record<string, unknown> {
  return { form: 'progress-report', assignmentId: conversation.assignmentId ?? 'none', correctsReportId: '', draftForm: 'progress-report', ...VALID_PROGRESS };
}

type Send = (conversation: Conversation) => Promise<void>;

function senders(url: string, fake: FakeSlackApi, connector: FakeBotConnector, replyIn: (channel: string) => Promise<number>): Record<Platform, Record<Flow, Send>> {
  const slack = (build: (conversation: Conversation) => SlackRequest): Send => async (conversation) => {
    const replied = replyIn(conversation.slackChannel);
    const [answer] = await Promise.all([sendToSlackEndpoint(`${url}/slack/events`, build(conversation), { secret: SECRET }), replied]);
    if (answer.status !== 200) throw new Error(`slack: HTTP ${answer.status}`);
  };
  const teams = (build: (conversation: Conversation) => unknown, check: (body: any) => boolean): Send => async (conversation) => {
    const answer = await postActivity(url, build(conversation));
    if (answer.status !== 200 || !check(answer.body)) throw new Error(`teams: HTTP ${answer.status}`);
  };
  return {
    slack: {
      message: slack((conversation) => slashRequest(conversation, 'U0CHAIR', '/samverkan', 'hjälp')),
      submit: slack(reportSubmission),
    },
    teams: {
      // The reply is at the connector before the POST returns (the turn finishes first).
      message: teams((conversation) => message(conversation.teams, connector.serviceUrl, CHAIR, 'hjälp'), () => true),
      submit: teams(
        (conversation) => cardExecute(conversation.teams, connector.serviceUrl, CONVENER_TEAMS, 'progress-report', reportData(conversation)),
        (body) => body?.statusCode === 200 && body?.type === 'application/vnd.microsoft.card.adaptive',
      ),
    },
  };
}

async function measure(send: Send, conversations: Conversation[], rounds: number): Promise<{ samples: number[]; errors: number; succeeded: number }> {
  const samples: number[] = [];
  let errors = 0;
  let succeeded = 0;
  const attempt = async (conversation: Conversation, measured: boolean) => {
    const started = performance.now();
    try {
      await send(conversation);
      succeeded += 1;
      if (measured) samples.push(performance.now() - started);
    } catch {
      errors += 1;
    }
  };
  // Every conversation's first request (new connections, first look-ups) finishes before any is measured:
  // otherwise the first measured requests of the quick conversations queue behind the others' first ones
  // (seen at 50 conversations: about a second, for the bare frameworks as much as for the bot).
  await Promise.all(conversations.map((conversation) => attempt(conversation, false)));
  await Promise.all(
    conversations.map(async (conversation) => {
      for (let round = 1; round <= rounds; round += 1) await attempt(conversation, true);
    }),
  );
  return { samples, errors, succeeded };
}

async function seedReports(store: Store, conversations: Conversation[]): Promise<void> {
  const groups = await store.groups.list();
  for (const group of groups) {
    const [link] = await store.channels.list({ groupId: group.id });
    if (!link) continue;
    const teams = link.platform === 'teams';
    const convener = await addMember(store, group.id, {
      platform: link.platform,
      tenantId: teams ? TENANT_ID : TEAM,
      userId: teams ? CONVENER_TEAMS.aadObjectId : CONVENER_SLACK,
      displayName: CONVENER_TEAMS.name,
      roles: ['sammankallande'],
    });
    const { assignment } = await addAssignment(store, group.id, { convener });
    const conversation = conversations.find((candidate) => (teams ? link.channelId.startsWith(candidate.teams.id) : link.channelId === candidate.slackChannel));
    if (conversation && teams) conversation.assignmentId = assignment.id;
  }
}

export interface LatencyOptions {
  /** Writes a CPU profile of the bot there (node --cpu-prof). */
  profileDir?: string;
  /** Only these platforms/flows/concurrencies (all by default). */
  only?: { platforms?: Platform[]; flows?: Flow[]; concurrency?: number[] };
}

export async function runLatency(log: (line: string) => void, options: LatencyOptions = {}): Promise<LatencyResult> {
  const dir = mkdtempSync(join(tmpdir(), 'samverkansbot-bench-latency-'));
  const databaseUrl = `file:${join(dir, 'bench.db')}`;
  const fake = await startFakeSlackApi({ teamId: TEAM });
  const connector = await startFakeBotConnector();
  const servers: SpawnedServer[] = [];
  try {
    fake.users.set('U0CHAIR', { name: 'anna', displayName: 'Anna Ordförande', realName: 'Anna Andersson' });
    fake.users.set(CONVENER_SLACK, { name: 'cilla', displayName: 'Cilla Sammankallande', realName: 'Cilla Berg' });
    const max = Math.max(...CONCURRENCY);
    const conversations: Conversation[] = Array.from({ length: max }, (_, index) => ({ index, slackChannel: `CLAT${index}`, teams: teamChannel({ teamName: `Samverkan ${index}` }) }));
    for (const conversation of conversations) fake.channels.set(conversation.slackChannel, `samverkan-${conversation.index}`);
    await migrateDatabase(databaseUrl);

    const bot = await spawnServer(BOT_ENTRY.file, {
      nodeArgs: [...BOT_ENTRY.nodeArgs, ...(options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : [])],
      env: { PORT: '0', HOST: '127.0.0.1', DATABASE_URL: databaseUrl, EXPORT_LINK_SECRET: 'bench-link-secret-of-32-characters!', SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.url, SCHEDULER_ENABLED: 'false', LOG_LEVEL: 'info' },
    });
    servers.push(bot);
    const echo = await spawnServer('bench/baselines/echo-bot.ts');
    servers.push(echo);
    const bolt = await spawnServer('bench/baselines/bolt-app.ts', { args: [fake.url, SECRET] });
    servers.push(bolt);

    const replyIn = slackReplies(fake);
    const toBot = senders(bot.url, fake, connector, replyIn);
    // The chair adds the bot to every conversation, which becomes a group; then each gets a convener and an assignment.
    for (const conversation of conversations) {
      const joined = fixture<Record<string, any>>('docs/event_member_joined_channel.json');
      joined.team_id = TEAM;
      // Each join is its own delivery (the bot processes a repeated event_id once).
      joined.event_id = `EvBENCH${conversation.index}`;
      joined.event = { ...joined.event, user: fake.botUserId, channel: conversation.slackChannel, team: TEAM, inviter: 'U0CHAIR' };
      const welcomed = replyIn(conversation.slackChannel);
      await sendToSlackEndpoint(`${bot.url}/slack/events`, eventCallback(joined), { secret: SECRET });
      await welcomed;
      const installed = await postActivity(bot.url, botInstalled(conversation.teams, connector.serviceUrl, CHAIR));
      if (installed.status !== 200) throw new Error(`teams install: HTTP ${installed.status}`);
    }
    const store = createStore(databaseUrl);
    try {
      await seedReports(store, conversations);
    } finally {
      await store.close();
    }
    // The Slack report modal as the bot opens it for /rapport, one per channel.
    for (const conversation of conversations) {
      const request = slashRequest(conversation, CONVENER_SLACK, '/rapport', '');
      const from = fake.calls.length;
      await sendToSlackEndpoint(`${bot.url}/slack/events`, request, { secret: SECRET });
      const opened = await fake.waitFor('views.open', (call) => fake.calls.indexOf(call) >= from);
      conversation.view = opened.body.view as Record<string, any>;
    }

    const baselines: Record<Platform, string> = { slack: bolt.url, teams: echo.url };
    const toBaseline = { slack: senders(bolt.url, fake, connector, replyIn).slack, teams: senders(echo.url, fake, connector, replyIn).teams };
    const cells: LatencyCell[] = [];
    let reportsSubmitted = 0;
    const reportsBefore = await countReports(databaseUrl);
    for (const platform of options.only?.platforms ?? (['slack', 'teams'] as const)) {
      for (const flow of options.only?.flows ?? (['message', 'submit'] as const)) {
        for (const concurrency of options.only?.concurrency ?? CONCURRENCY) {
          const group = conversations.slice(0, concurrency);
          for (const target of ['baseline', 'samverkansbot'] as const) {
            const send = (target === 'baseline' ? toBaseline : toBot)[platform][flow];
            const server = target === 'baseline' ? (platform === 'slack' ? bolt : echo) : bot;
            // A warmed-up server, as in steady operation: a cold process's first requests run unoptimised code.
            const warmUp = await measure(send, group.slice(0, 1), WARM_UP_REQUESTS - 1);
            const cpuBefore = server.cpuMs();
            const { samples, errors, succeeded } = await measure(send, group, ROUNDS[concurrency]!);
            const cpuMsPerRequest = (server.cpuMs() - cpuBefore) / (group.length * (ROUNDS[concurrency]! + 1));
            if (target === 'samverkansbot' && flow === 'submit') reportsSubmitted += warmUp.succeeded;
            if (target === 'samverkansbot' && flow === 'submit') reportsSubmitted += succeeded;
            const cell: LatencyCell = { platform, flow, concurrency, target, errors, cpuMsPerRequest, ...percentiles(samples) };
            cells.push(cell);
            log(`latency ${platform} ${flow} c=${concurrency} ${target}: p50 ${cell.p50.toFixed(1)} ms, p99 ${cell.p99.toFixed(1)} ms, server CPU ${cpuMsPerRequest.toFixed(2)} ms/request (${cell.n} samples, ${errors} errors)`);
          }
        }
      }
    }
    const reportsStored = (await countReports(databaseUrl)) - reportsBefore;
    const peakRssMb = { samverkansbot: bot.rss().peakMb, echoBot: echo.rss().peakMb, boltApp: bolt.rss().peakMb };
    return { cells, reportsStored, reportsSubmitted, baselines, peakRssMb };
  } finally {
    for (const server of servers) await server.stop();
    await fake.close();
    await connector.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function countReports(databaseUrl: string): Promise<number> {
  const store = createStore(databaseUrl);
  try {
    return (await store.progressReports.list({ submitted: true })).length;
  } finally {
    await store.close();
  }
}
