// compose.yaml without containers: two bot processes (src/main.ts) on one PostgreSQL database behind a
// loopback round-robin proxy, driven over HTTP as Teams and Slack send, each with its scheduler ticking
// every second. Every report is stored once, every standing item is posted once, and when one instance is
// killed the other keeps serving through the same port (and posts what falls due after).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Group } from '../../src/core/domain.js';
import type { Store } from '../../src/core/ports.js';
import { sv } from '../../src/i18n/sv.js';
import { postgresBackend, type TempDatabase } from '../store/db-harness.js';
import { collectCardTexts, startFakeBotConnector, type FakeBotConnector } from '../support/fake-bot-connector.js';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.js';
import { startMain, waitFor, type MainProcess } from '../support/main-process.js';
import { acknowledged, groupWithAssignment, progressText, submitProgress } from '../support/report-stream.js';
import { startRoundRobinProxy, type RoundRobinProxy } from '../support/round-robin-proxy.js';
import { botJoinedChannel, sendToSlackEndpoint, slashCommand } from '../support/slack-requests.js';
import { teamChannel } from '../support/teams-activities.js';

const SECRET = 'two-instances-signing-secret';
const SLACK = { teamId: 'T111', botUserId: 'U0BOT', channelId: 'C111', chair: 'U0CHAIR' };
const channel = teamChannel({ teamName: 'Samverkan Trollhättan' });
const HOUR = 3_600_000;

describe.skipIf(postgresBackend.skip)('two instances on one PostgreSQL database behind one port', () => {
  let database: TempDatabase;
  let connector: FakeBotConnector;
  let slack: FakeSlackApi;
  let proxy: RoundRobinProxy;
  let store: Store;
  const instances: MainProcess[] = [];

  beforeAll(async () => {
    database = await postgresBackend.createDatabase();
    connector = await startFakeBotConnector();
    slack = await startFakeSlackApi({ botUserId: SLACK.botUserId, teamId: SLACK.teamId });
    slack.channels.set(SLACK.channelId, 'samverkan-trollhattan');
    const env = (name: string) => ({
      PORT: '0',
      METRICS_PORT: '0',
      DATABASE_URL: database.url,
      EXPORT_LINK_SECRET: 'a-secret-both-instances-share-0123456789',
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.url,
      SCHEDULER_CRON: '* * * * * *',
      INSTANCE_ID: name,
      LOG_LEVEL: 'warn',
    });
    // Started together: both migrate the empty database at once, as compose starts them.
    instances.push(startMain(env('bot-1')), startMain(env('bot-2')));
    const urls = await Promise.all(instances.map((instance) => instance.url(60_000)));
    proxy = await startRoundRobinProxy(urls);
  }, 120_000);

  afterAll(async () => {
    for (const instance of instances) if (instance.child.exitCode === null && instance.child.signalCode === null) instance.child.kill('SIGKILL');
    await store?.close();
    await proxy?.close();
    await connector?.close();
    await slack?.close();
    await database?.drop();
  });

  const metricsOf = async (instance: MainProcess, name: string): Promise<number> => {
    const url = /Metrics: (http:\/\/127\.0\.0\.1:\d+\/metrics)/.exec(instance.output().stdout)![1]!;
    const text = await (await fetch(url)).text();
    return [...text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'gm'))].reduce((sum, match) => sum + Number(match[1]), 0);
  };
  const slackEvents = () => `${proxy.url}/slack/events`;
  const slackHelp = (n: number) =>
    sendToSlackEndpoint(slackEvents(), slashCommand({ command: '/samverkan', text: 'hjälp', team_id: SLACK.teamId, channel_id: SLACK.channelId, user_id: SLACK.chair, trigger_id: `trigger-${n}`, response_url: slack.responseUrl }), { secret: SECRET });
  const teamsStandingItems = () =>
    connector.postsIn(channel.id).filter((posted) => collectCardTexts(posted.activity.attachments?.map((attachment) => attachment.content) ?? []).includes(sv.scheduler.standingItem.title));
  const slackStandingItems = () => slack.calls.filter((call) => call.method === 'chat.postMessage' && call.body.channel === SLACK.channelId && call.body.text === sv.scheduler.standingItem.title);
  const meetingIn = (group: Group, hours: number) =>
    store.meetings.create({ groupId: group.id, startsAt: new Date(Date.now() + hours * HOUR), durationMinutes: 90, seriesId: null, location: null, cancelled: false });
  /** Reports `from`…`to - 1` through the proxy, four at a time; returns the acknowledged texts. */
  const reportRange = async (assignmentId: string, from: number, to: number): Promise<string[]> => {
    const [assignment] = await store.assignments.list({ id: assignmentId });
    const done: string[] = [];
    let next = from;
    const worker = async () => {
      for (let n = next++; n < to; n = next++) if (acknowledged(await submitProgress(proxy.url, channel, connector.serviceUrl, assignment!, n))) done.push(progressText(n));
    };
    await Promise.all(Array.from({ length: 4 }, worker));
    return done;
  };

  it('stores every report once, posts every standing item once, and keeps serving when one instance is killed', async () => {
    // Teams: the bot is added to a team channel; a convener with an assignment reports through the proxy.
    const teams = await groupWithAssignment(proxy.url, database.url, channel, connector.serviceUrl);
    store = teams.store;
    // Slack: the bot is invited to a channel, through the same port.
    const joined = await sendToSlackEndpoint(slackEvents(), botJoinedChannel({ ...SLACK, inviter: SLACK.chair, eventId: 'Ev0000000001' }), { secret: SECRET });
    expect(joined.status).toBe(200);
    await slack.waitFor('chat.postMessage', (call) => call.body.channel === SLACK.channelId, 15_000);
    const groups = await store.groups.list();
    expect(groups).toHaveLength(2);
    const slackGroup = groups.find((group) => group.id !== teams.group.id)!;

    const firstReports = await reportRange(teams.assignment.id, 0, 20);
    expect(firstReports).toHaveLength(20);
    const from = slack.calls.length;
    const helps = await Promise.all([0, 1, 2, 3].map(slackHelp));
    expect(helps.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    // Each command gets its help card, in the channel or only for the chair.
    const answers = () => slack.calls.slice(from).filter((call) => ['chat.postMessage', 'chat.postEphemeral', 'response_url'].includes(call.method) && JSON.stringify(call.body).includes(sv.help.title));
    await waitFor(() => (answers().length >= 4 ? true : undefined), 15_000);
    expect(answers()).toHaveLength(4);
    // Both instances answered requests.
    for (const [backend, count] of proxy.answered) expect(count, backend).toBeGreaterThan(5);

    // A meeting in 40 hours for each group: the standing item (48 h before) is due at once, in both ticks.
    await meetingIn(teams.group, 40);
    await meetingIn(slackGroup, 40);
    await waitFor(() => (teamsStandingItems().length > 0 && slackStandingItems().length > 0 ? true : undefined), 20_000);
    // Each instance ticks every second: a second post would have shown by now.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(teamsStandingItems()).toHaveLength(1);
    expect(slackStandingItems()).toHaveLength(1);
    for (const instance of instances) expect(await metricsOf(instance, 'samverkansbot_scheduler_ticks_total')).toBeGreaterThan(2);

    // One instance dies; the port keeps working.
    const [survivor, killed] = instances as [MainProcess, MainProcess];
    killed.child.kill('SIGKILL');
    await killed.exited;
    const laterReports = await reportRange(teams.assignment.id, 20, 30);
    expect(laterReports).toHaveLength(10);
    expect((await slackHelp(4)).status).toBe(200);
    expect((await fetch(`${proxy.url}/healthz`)).status).toBe(200);
    await meetingIn(teams.group, 41);
    await waitFor(() => (teamsStandingItems().length >= 2 ? true : undefined), 20_000);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(teamsStandingItems()).toHaveLength(2);
    expect(await metricsOf(survivor, 'samverkansbot_requests_total')).toBeGreaterThan(10);

    // No lost report and no report twice.
    const stored = (await store.progressReports.list({ assignmentId: teams.assignment.id })).map((report) => report.progressText);
    expect(stored.sort()).toEqual([...firstReports, ...laterReports].sort());
    const outbox = await store.outbox.list({ kind: 'standing-item' });
    expect(outbox.map((message) => message.status).sort()).toEqual(['sent', 'sent', 'sent']);
    expect(survivor.output().stderr).toBe('');
  }, 180_000);
});
