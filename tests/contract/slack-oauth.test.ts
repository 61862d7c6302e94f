// Contract test of Slack OAuth installs (issue 15 part C): the real server with SLACK_CLIENT_ID/SECRET on a
// temp SQLite store, driven over HTTP as a browser and Slack drive it, against the fake Slack Web API (which
// answers oauth.v2.access as Slack does for a workspace and for an Enterprise Grid org, and auth.test per
// token). Every Web API call is checked for the token it carried: each workspace is answered with its own.
import { mkdtempSync, readFileSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannelSender } from '../../src/adapters/channel-sender.js';
import { BOT_SCOPES } from '../../src/adapters/slack/scopes.js';
import { outboxRecord } from '../../src/core/delivery.js';
import { createChannelPacer, drainOutbox } from '../../src/core/use-cases/drain-outbox.js';
import { notice } from '../../src/core/use-cases/show-help.js';
import { catalog } from '../../src/i18n/index.js';
import { createLogger } from '../../src/logger.js';
import { startAfter, startAppOnSqlite, type AppOnSqlite } from '../support/app-on-sqlite.js';
import { startFakeSlackApi, type FakeSlackApi, type FakeSlackInstall, type SlackApiCall } from '../support/fake-slack-api.js';
import { fixedClock } from '../support/fixed-clock.js';
import { eventCallback, fixture, sendToSlackEndpoint, slashCommand, type SlackRequest } from '../support/slack-requests.js';
import { clockSleep, depsOf } from '../scheduler/fixtures.js';

const t = catalog('sv');
const logger = createLogger('silent');
const CLIENT = { clientId: '1111111111.2222222222', clientSecret: 'oauth-client-secret-of-the-app' };
const SLACK_SIGNING_SECRET = 'oauth-test-signing-secret';
const INSTALLATION_KEY = 'the-installation-key-of-at-least-32-characters';

const WORKSPACE_A: FakeSlackInstall = { token: 'xoxb-workspace-a-1', teamId: 'T0AAA', teamName: 'Uddevalla kommun', botUserId: 'U0BOTA', installerUserId: 'U0ADMINA' };
const WORKSPACE_B: FakeSlackInstall = { token: 'xoxb-workspace-b-1', teamId: 'T0BBB', teamName: 'Region Väst', botUserId: 'U0BOTB' };
const GRID_ORG: FakeSlackInstall = { token: 'xoxb-grid-org-1', enterpriseId: 'E0ORG', enterpriseName: 'Västkommunerna', isEnterpriseInstall: true, botUserId: 'W0BOTORG' };
const OUTSIDE: FakeSlackInstall = { token: 'xoxb-outside-1', teamId: 'T0OUT', teamName: 'Annan region', botUserId: 'U0BOTOUT' };

const REGION_YAML = `namn: Testregionen
organisationer:
  - plattform: slack
    id: T0AAA
    namn: Uddevalla kommun
  - plattform: slack
    id: T0BBB
    namn: Region Väst
  - plattform: slack
    id: E0ORG
    namn: Västkommunerna (Enterprise Grid)
kansli:
  personer:
    - plattform: slack
      organisation: T0BBB
      användar-id: U0KANSLI
      namn: Karin Kansli
`;

let dir: string;
let fake: FakeSlackApi;
let server: AppOnSqlite;
const clock = fixedClock(new Date().toISOString());
let events = 0;
let codes = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'samverkansbot-oauth-region-'));
  writeFileSync(join(dir, 'region.yaml'), REGION_YAML);
  fake = await startFakeSlackApi();
  server = await startAfter(fake, () =>
    startAppOnSqlite({
      name: 'slack-oauth',
      clock,
      env: {
        SLACK_CLIENT_ID: CLIENT.clientId,
        SLACK_CLIENT_SECRET: CLIENT.clientSecret,
        SLACK_SIGNING_SECRET,
        SLACK_INSTALLATION_KEY: INSTALLATION_KEY,
        SLACK_API_URL: fake.url,
        REGION_FILE: join(dir, 'region.yaml'),
      },
    }),
  );
});

afterAll(async () => {
  await server?.close();
  await fake?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface InstallFlow {
  location: URL;
  state: string;
  cookie: string;
}

/** The admin opens /slack/install: the bot answers with Slack's consent page and the state in a cookie. */
async function startInstall(): Promise<InstallFlow> {
  const response = await fetch(`${server.app.url}/slack/install`, { redirect: 'manual' });
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get('location')!);
  const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
  return { location, state: location.searchParams.get('state')!, cookie };
}

/** Slack sends the admin's browser back with a code and the state (and the browser sends its cookie). */
async function finishInstall(flow: Pick<InstallFlow, 'state' | 'cookie'>, code: string): Promise<{ status: number; text: string }> {
  const url = `${server.app.url}/slack/oauth_redirect?code=${encodeURIComponent(code)}&state=${encodeURIComponent(flow.state)}`;
  const response = await fetch(url, { headers: flow.cookie ? { cookie: flow.cookie } : {}, redirect: 'manual' });
  return { status: response.status, text: await response.text() };
}

/** A whole install of `install` through the browser and Slack; `code` is the one Slack grants. */
async function install(what: FakeSlackInstall): Promise<{ status: number; text: string }> {
  const code = `code-${(codes += 1)}`;
  fake.grant(code, what, CLIENT);
  return finishInstall(await startInstall(), code);
}

const send = (request: SlackRequest) => sendToSlackEndpoint(`${server.app.url}/slack/events`, request, { secret: SLACK_SIGNING_SECRET });

interface Place {
  install: FakeSlackInstall;
  /** The workspace the event happens in (for an org install: one of the org's workspaces). */
  teamId: string;
  channelId: string;
}

/** An event as Slack delivers it to the installation of `place` (org-wide: authorizations name the org). */
function eventAt(place: Place, event: Record<string, unknown>): SlackRequest {
  const body = fixture<Record<string, any>>('docs/event_member_joined_channel.json');
  const org = place.install.isEnterpriseInstall === true;
  body.team_id = place.teamId;
  body.enterprise_id = place.install.enterpriseId ?? undefined;
  body.event_id = `EvOAUTH${(events += 1)}`;
  body.authorizations = [
    { enterprise_id: place.install.enterpriseId ?? null, team_id: org ? null : place.teamId, user_id: place.install.botUserId, is_bot: true, is_enterprise_install: org },
  ];
  body.event = event;
  return eventCallback(body);
}

const botJoined = (place: Place, inviter: string) =>
  eventAt(place, { type: 'member_joined_channel', user: place.install.botUserId, channel: place.channelId, channel_type: 'C', team: place.teamId, inviter });

const helpCommand = (place: Place, user: string) =>
  slashCommand({
    command: '/samverkan',
    text: 'hjälp',
    team_id: place.teamId,
    ...(place.install.enterpriseId ? { enterprise_id: place.install.enterpriseId, is_enterprise_install: String(place.install.isEnterpriseInstall === true) } : {}),
    channel_id: place.channelId,
    channel_name: `kanal-${place.channelId.toLowerCase()}`,
    user_id: user,
    user_name: user.toLowerCase(),
    trigger_id: `trigger-${Math.random()}`,
    response_url: fake.responseUrl,
  });

/** Runs `action` and returns the Web API calls it caused, once a chat.postMessage/postEphemeral to the channel came. */
async function callsOf(action: () => Promise<unknown>, channelId: string, method = 'chat.postMessage'): Promise<SlackApiCall[]> {
  const from = fake.calls.length;
  await action();
  await fake.waitFor(method, (call) => fake.calls.indexOf(call) >= from && call.body.channel === channelId);
  return fake.calls.slice(from).filter((call) => call.method !== 'response_url');
}

const A: Place = { install: WORKSPACE_A, teamId: 'T0AAA', channelId: 'C0AAA' };
const B: Place = { install: WORKSPACE_B, teamId: 'T0BBB', channelId: 'C0BBB' };
const ORG_1: Place = { install: GRID_ORG, teamId: 'T0ORG1', channelId: 'C0ORG1' };
const ORG_2: Place = { install: GRID_ORG, teamId: 'T0ORG2', channelId: 'C0ORG2' };

describe('Slack OAuth installs', () => {
  it('sends the admin to Slack with the app, its scopes and a state the browser also keeps in a cookie', async () => {
    const flow = await startInstall();
    expect(`${flow.location.origin}${flow.location.pathname}`).toBe(new URL('../oauth/v2/authorize', fake.url).toString());
    expect(flow.location.searchParams.get('client_id')).toBe(CLIENT.clientId);
    expect(flow.location.searchParams.get('scope')!.split(',').sort()).toEqual([...BOT_SCOPES].sort());
    expect(flow.state.length).toBeGreaterThan(40);
    expect(flow.cookie).toBe(`slack-app-oauth-state=${flow.state}`);
    // A second visit gets a state of its own.
    expect((await startInstall()).state).not.toBe(flow.state);
  });

  it('stores a workspace install with its token sealed: the database file does not contain the token', async () => {
    const answer = await install(WORKSPACE_A);
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('Samverkansbot är installerad i Uddevalla kommun');
    expect(fake.calls.filter((call) => call.method === 'oauth.v2.access')).toHaveLength(1);
    const row = await server.store.installations.find('slack', 'T0AAA');
    expect(row).not.toBeNull();
    expect(row!.sealed).not.toContain(WORKSPACE_A.token);
    expect(row!.sealed).not.toContain('workspace-a');
    const file = server.databaseUrl.replace(/^file:/, '');
    for (const part of [file, `${file}-wal`].filter(existsSync)) {
      expect(readFileSync(part).includes(Buffer.from(WORKSPACE_A.token)), part).toBe(false);
    }
  });

  it('refuses a forged, a replayed, an expired and a cookie-less state, and stores nothing', async () => {
    const exchanges = () => fake.calls.filter((call) => call.method === 'oauth.v2.access').length;
    const before = exchanges();
    fake.grant('code-refused', WORKSPACE_B, CLIENT);

    // Forged: another signature (the cookie matches, so the state store itself must refuse it).
    const flow = await startInstall();
    const forged = `${flow.state.slice(0, -2)}${flow.state.endsWith('AA') ? 'BB' : 'AA'}`;
    const forgedAnswer = await finishInstall({ state: forged, cookie: `slack-app-oauth-state=${forged}` }, 'code-refused');
    expect(forgedAnswer.status).toBe(400);
    expect(forgedAnswer.text).toContain(t.slackInstall.badState);

    // Without the cookie of the browser that started the install.
    expect((await finishInstall({ state: flow.state, cookie: '' }, 'code-refused')).status).toBe(400);

    // Expired: 11 minutes after /slack/install.
    const late = await startInstall();
    clock.advance(11 * 60_000);
    expect((await finishInstall(late, 'code-refused')).status).toBe(400);

    // Replayed: a state that finished an install once does not work again, even with a fresh code.
    fake.grant('code-first', WORKSPACE_B, CLIENT);
    const used = await startInstall();
    expect((await finishInstall(used, 'code-first')).status).toBe(200);
    await server.store.installations.deleteWhere({ platform: 'slack', tenantId: 'T0BBB' });
    const replay = await finishInstall(used, 'code-refused');
    expect(replay.status).toBe(400);
    expect(replay.text).toContain(t.slackInstall.badState);

    // The admin pressed Cancel on Slack's page: Slack comes back with error=access_denied and no code.
    const cancel = await startInstall();
    const cancelled = await fetch(`${server.app.url}/slack/oauth_redirect?error=access_denied&state=${encodeURIComponent(cancel.state)}`, { headers: { cookie: cancel.cookie } });
    expect(cancelled.status).toBe(400);
    expect(await cancelled.text()).toContain(t.slackInstall.cancelled);

    // A valid state with a code Slack does not accept: Slack's refusal becomes a page, nothing is stored.
    const unknownCode = await finishInstall(await startInstall(), 'code-never-granted');
    expect(unknownCode.status).toBe(502);
    expect(unknownCode.text).toContain(t.slackInstall.failed);

    expect(exchanges()).toBe(before + 2);
    expect(await server.store.installations.find('slack', 'T0BBB')).toBeNull();
  });

  it('refuses a workspace outside the region with a page naming it, stores nothing and gives the token back', async () => {
    const answer = await install(OUTSIDE);
    expect(answer.status).toBe(403);
    expect(answer.text).toContain('Annan region (T0OUT) hör inte till regionen');
    expect(await server.store.installations.find('slack', 'T0OUT')).toBeNull();
    expect(fake.revoked.has(OUTSIDE.token)).toBe(true);
  });

  it('answers each workspace with its own token, and keys each group on its workspace', async () => {
    expect((await install(WORKSPACE_B)).status).toBe(200);
    const inA = await callsOf(() => send(botJoined(A, 'U0CHAIRA')), A.channelId);
    const inB = await callsOf(() => send(botJoined(B, 'U0CHAIRB')), B.channelId);
    expect(inA.length).toBeGreaterThan(0);
    expect(new Set(inA.map((call) => call.token))).toEqual(new Set([WORKSPACE_A.token]));
    expect(new Set(inB.map((call) => call.token))).toEqual(new Set([WORKSPACE_B.token]));

    const helpInB = await callsOf(() => send(helpCommand(B, 'U0CHAIRB')), B.channelId);
    expect(new Set(helpInB.map((call) => call.token))).toEqual(new Set([WORKSPACE_B.token]));

    const links = await server.store.channels.list({ platform: 'slack' });
    expect(links.map((link) => [link.tenantId, link.channelId]).sort()).toEqual([
      ['T0AAA', 'C0AAA'],
      ['T0BBB', 'C0BBB'],
    ]);
  });

  it("posts from the outbox to workspace B with B's token", async () => {
    const [link] = await server.store.channels.list({ platform: 'slack', tenantId: 'T0BBB' });
    const reply = notice(t, 'Påminnelse till Region Väst') as Parameters<typeof outboxRecord>[1];
    await server.store.outbox.enqueue(
      outboxRecord({ idempotencyKey: 'oauth:b', kind: 'notice', groupId: link!.groupId, channelLinkId: link!.id, meetingId: null, expiresAt: null }, reply, 'sv', clock.now()),
    );
    const from = fake.calls.length;
    const sender = createChannelSender({ config: server.config, logger, store: server.store });
    await drainOutbox(depsOf(server.store, clock), sender, clock.now(), {
      workerId: 'oauth-test',
      pacer: createChannelPacer(),
      sleep: clockSleep(clock),
      random: () => 0.5,
      until: new Date(clock.now().getTime() + 45_000),
    });
    const posts = fake.calls.slice(from).filter((call) => call.method === 'chat.postMessage');
    expect(posts.map((call) => [call.body.channel, call.token])).toEqual([[B.channelId, WORKSPACE_B.token]]);
    expect((await server.store.outbox.list({ idempotencyKey: 'oauth:b' }))[0]!.status).toBe('sent');
  });

  it('serves every workspace of a Grid org with the org-wide token, one installation keyed on the org', async () => {
    const answer = await install(GRID_ORG);
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('Samverkansbot är installerad i hela organisationen Västkommunerna. Lägg nu till appen i de arbetsytor');
    expect(await server.store.installations.find('slack', 'E0ORG')).not.toBeNull();
    for (const place of [ORG_1, ORG_2]) {
      const calls = await callsOf(() => send(botJoined(place, 'W0CHAIR')), place.channelId);
      expect(new Set(calls.map((call) => call.token))).toEqual(new Set([GRID_ORG.token]));
    }
    const links = await server.store.channels.list({ platform: 'slack', tenantId: 'E0ORG' });
    expect(links.map((link) => link.channelId).sort()).toEqual(['C0ORG1', 'C0ORG2']);
  });

  it('deletes the installation when the app is uninstalled, answers nothing there, and a reinstall restores it', async () => {
    const [groupA] = await server.store.groups.list().then(async (groups) => {
      const [link] = await server.store.channels.list({ platform: 'slack', tenantId: 'T0AAA' });
      return groups.filter((group) => group.id === link!.groupId);
    });
    expect((await send(eventAt(A, { type: 'app_uninstalled' }))).status).toBe(200);
    await expect.poll(() => server.store.installations.find('slack', 'T0AAA')).toBeNull();
    await expect.poll(async () => (await server.store.groups.get(groupA!.id))!.deactivatedAt).not.toBeNull();
    // B and the org keep theirs.
    expect(await server.store.installations.find('slack', 'T0BBB')).not.toBeNull();
    expect(await server.store.installations.find('slack', 'E0ORG')).not.toBeNull();

    // A command from A finds no installation: Bolt authorizes nothing and no Web API call is made.
    const from = fake.calls.length;
    await send(helpCommand(A, 'U0CHAIRA'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.calls.slice(from).filter((call) => call.method !== 'response_url')).toEqual([]);

    // Reinstalled (Slack issues a new token) and invited again: the group is back, answered with the new token.
    const reinstalled = { ...WORKSPACE_A, token: 'xoxb-workspace-a-2' };
    expect((await install(reinstalled)).status).toBe(200);
    const calls = await callsOf(() => send(botJoined(A, 'U0CHAIRA')), A.channelId);
    expect(new Set(calls.map((call) => call.token))).toEqual(new Set([reinstalled.token]));
    expect((await server.store.groups.get(groupA!.id))!.deactivatedAt).toBeNull();
  });

  it('forgets an installation whose bot token was revoked', async () => {
    await send(eventAt(B, { type: 'tokens_revoked', tokens: { oauth: [], bot: [WORKSPACE_B.botUserId] } }));
    await expect.poll(() => server.store.installations.find('slack', 'T0BBB')).toBeNull();
  });
});

describe('one SLACK_BOT_TOKEN', () => {
  it('has no install pages', async () => {
    const single = await startAppOnSqlite({ name: 'slack-single', env: { SLACK_BOT_TOKEN: 'xoxb-single', SLACK_SIGNING_SECRET, SLACK_API_URL: fake.url } });
    try {
      expect(single.config.slack).toEqual({ mode: 'http', oauth: false });
      expect((await fetch(`${single.app.url}/slack/install`, { redirect: 'manual' })).status).toBe(404);
      expect((await fetch(`${single.app.url}/slack/oauth_redirect?code=x&state=y`, { redirect: 'manual' })).status).toBe(404);
    } finally {
      await single.close();
    }
  });
});
