// Contract test, Slack: groups exist only where the bot was invited, keyed on the installation. The REAL
// server over HTTP with signed, full-field payloads based on Slack's own samples (tests/fixtures/slack),
// the REAL SQLite store and the fake Slack Web API (which also takes what the bot sends to response_url).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planDuePosts } from '../../src/core/use-cases/plan-due-posts.js';
import { fixedClock } from '../support/fixed-clock.js';
import { eventCallback, fixture, interaction, slashCommand, visibleBlockTexts as visible } from '../support/slack-requests.js';
import { ANNA_ORDFORANDE, startSlackHarness, type SlackHarness } from '../support/slack-harness.js';

const TEAM = 'T0HOME';
const CHANNEL = 'C0SHARED';
const CHAIR = 'U0ANNA';
const GUEST = 'U0GUEST';
const clock = fixedClock('2026-11-25T09:00:00Z');

let slack: SlackHarness;

beforeAll(async () => {
  slack = await startSlackHarness({
    name: 'invited-slack',
    teamId: TEAM,
    channelId: CHANNEL,
    channelName: 'lsg-delad',
    users: { [CHAIR]: ANNA_ORDFORANDE, [GUEST]: { name: 'gast', displayName: 'Gäst Annanstans', realName: 'Gäst Annanstans' } },
    env: { SCHEDULER_ENABLED: 'false' },
    clock,
  });
});
afterAll(() => slack?.close());

/** A slash command as Slack sends it, from `team` (the caller's workspace) in `channel`. */
function commandFrom(team: string, channel: string, channelName: string, user: string, extra: Record<string, string> = {}) {
  return slashCommand({ command: '/samverkan', text: 'plan', team_id: team, channel_id: channel, channel_name: channelName, user_id: user, user_name: user.toLowerCase(), trigger_id: `t-${Math.random()}`, response_url: slack.fake.responseUrl, ...extra });
}

async function refusedPrivately(request: ReturnType<typeof slashCommand>, expected: string): Promise<void> {
  const from = slack.fake.calls.length;
  expect((await slack.send(request)).status).toBe(200);
  const answer = await slack.fake.waitFor('response_url', slack.after(from));
  expect(answer.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
  expect(visible(answer.body.blocks).join(' ')).toContain(expected);
  // Nothing in the channel, and no chat.postEphemeral (channel_not_found where the bot is not).
  expect(slack.newCalls(from, 'chat.postMessage')).toEqual([]);
  expect(slack.newCalls(from, 'chat.postEphemeral')).toEqual([]);
}

/** An Events API callback from Slack's member_joined_channel sample, for the installing workspace. */
function event(fields: Record<string, unknown>, authorization: Record<string, unknown> = {}) {
  const body = fixture<Record<string, any>>('docs/event_member_joined_channel.json');
  body.team_id = TEAM;
  body.authorizations = [{ ...body.authorizations[0], team_id: TEAM, user_id: 'U0BOT', is_bot: true, ...authorization }];
  body.event = { ...fields };
  body.event_id = `Ev${Math.random()}`;
  return eventCallback(body);
}

describe('Slack: only where the bot was invited', () => {
  it('answers a command in a private channel and in a DM through response_url and registers nothing', async () => {
    await refusedPrivately(commandFrom(TEAM, 'G0PRIVATE', 'privategroup', CHAIR), '/invite @Samverkansbot');
    await refusedPrivately(commandFrom(TEAM, 'D0DIRECT', 'directmessage', CHAIR), 'du är inte medlem i någon ännu');
    await refusedPrivately(commandFrom(TEAM, CHANNEL, 'lsg-delad', CHAIR), '/invite @Samverkansbot');
    expect(await slack.store.groups.list()).toEqual([]);
    expect(await slack.store.channels.list()).toEqual([]);
    expect(await slack.store.members.list()).toEqual([]);
  });

  it('keeps help working in a channel without a group', async () => {
    const from = slack.fake.calls.length;
    await slack.send(commandFrom(TEAM, 'C0ELSEWHERE', 'annan', CHAIR, { text: 'hjälp' }));
    await slack.fake.waitFor('chat.postMessage', slack.after(from));
    expect(await slack.store.groups.list()).toEqual([]);
  });

  it('registers the group on the bot joining, keyed on the installation, with the inviter as ordförande', async () => {
    await slack.addBotToChannel(CHAIR);
    const [link] = await slack.store.channels.list();
    expect(link).toMatchObject({ platform: 'slack', tenantId: TEAM, channelId: CHANNEL });
    expect((await slack.store.members.list()).map((m) => [m.platformUserId, m.roles])).toEqual([[CHAIR, ['ordforande']]]);
  });

  it('answers a member\'s command in a DM for their group, its buttons naming the group\'s channel', async () => {
    const from = slack.fake.calls.length;
    expect((await slack.send(commandFrom(TEAM, 'D0DIRECT', 'directmessage', CHAIR))).status).toBe(200);
    const answered = () => slack.fake.calls.slice(from).find((call) => call.method === 'chat.postMessage' || call.method === 'response_url');
    for (let waited = 0; waited < 3000 && !answered(); waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    const answer = answered()!;
    const shown = JSON.stringify(answer.body.blocks);
    expect(visible(answer.body.blocks as never).join(' ')).toContain('Lokal handlingsplan');
    // Buttons on the answer act for the group, as buttons on cards the bot sends to a DM for a group do.
    expect(shown).toContain(`\\"originChannelId\\":\\"${CHANNEL}\\"`);
    expect(slack.newCalls(from, 'chat.postMessage').filter((call) => call.body.channel === CHANNEL)).toEqual([]);
  });

  it('refuses a Slack Connect guest from another workspace by command, button and crafted modal, adding nobody', async () => {
    // Slack Connect: the command names the guest's own workspace and org.
    await refusedPrivately(commandFrom('T0OTHER', CHANNEL, 'lsg-delad', GUEST, { enterprise_id: 'E0OTHER', is_ext_shared_channel: 'true' }), 'annan arbetsyta');

    const click = fixture<Record<string, any>>('bolt-python/block_actions.json');
    click.user = { ...click.user, id: GUEST, team_id: 'T0OTHER' };
    click.team = { ...click.team, id: TEAM };
    click.channel = { id: CHANNEL, name: 'lsg-delad' };
    click.container = { ...click.container, channel_id: CHANNEL, is_ephemeral: false };
    click.response_url = slack.fake.responseUrl;
    click.actions = [{ ...click.actions[0], action_id: 'show-members', value: JSON.stringify({ action: 'show-members' }) }];
    let from = slack.fake.calls.length;
    await slack.send(interaction(click));
    const told = await slack.fake.waitFor('response_url', slack.after(from));
    expect(visible(told.body.blocks).join(' ')).toContain('annan arbetsyta');

    // private_metadata claims the guest's workspace as the channel's: the signed user.team_id decides.
    const crafted = fixture<Record<string, any>>('bolt-python/view_submission.json');
    crafted.team = { ...crafted.team, id: 'T0OTHER' };
    crafted.user = { ...crafted.user, id: GUEST, team_id: 'T0OTHER' };
    crafted.view = {
      ...crafted.view,
      callback_id: 'settings',
      private_metadata: JSON.stringify({ channel: { platform: 'slack', tenantId: 'T0OTHER', channelId: CHANNEL, channelName: 'lsg-delad', conversationReference: null, isPersonal: false }, context: {} }),
      blocks: [{ type: 'input', block_id: 'groupName', label: { type: 'plain_text', text: 'Namn' }, element: { type: 'plain_text_input', action_id: 'groupName' } }],
      state: { values: { groupName: { groupName: { type: 'plain_text_input', value: 'Kapad grupp' } } } },
    };
    from = slack.fake.calls.length;
    const answer = await slack.send(interaction(crafted));
    expect(answer.json).toMatchObject({ response_action: 'errors', errors: { groupName: expect.stringContaining('annan arbetsyta') } });
    expect(await slack.store.groups.list()).toMatchObject([{ name: 'lsg-delad' }]);
    expect((await slack.store.members.list()).map((m) => m.platformUserId)).toEqual([CHAIR]);
  });

  it('lets the guest act as the member the chair added', async () => {
    const [group] = await slack.store.groups.list();
    await slack.store.members.create({ groupId: group!.id, platform: 'slack', tenantId: 'T0OTHER', platformUserId: GUEST, displayName: 'Gäst', organisationId: null, roles: ['ledamot'], substituteForMemberId: null });
    const from = slack.fake.calls.length;
    await slack.send(commandFrom('T0OTHER', CHANNEL, 'lsg-delad', GUEST));
    const posted = await slack.fake.waitFor('chat.postMessage', slack.after(from));
    expect(posted.body.channel).toBe(CHANNEL);
  });

  it('deactivates the group when the channel is archived: the scheduler plans and sends nothing for it', async () => {
    const [group] = await slack.store.groups.list();
    await slack.store.meetings.create({ groupId: group!.id, startsAt: new Date('2026-11-26T09:00:00Z'), durationMinutes: 60, seriesId: null, location: 'Digitalt', cancelled: false });
    // A post already waiting in the outbox before the removal.
    const [link] = await slack.store.channels.list();
    await slack.store.outbox.create({ idempotencyKey: 'waiting-1', groupId: group!.id, channelLinkId: link!.id, kind: 'notice', meetingId: null, payload: { reply: { kind: 'card', card: 'notice', data: { text: 'x' } }, locale: 'sv' }, status: 'pending', attempts: 0, nextAttemptAt: clock.now(), expiresAt: null, lockedBy: null, lockedUntil: null, lastError: null, sentAt: null });

    await slack.send(event({ type: 'channel_archive', channel: CHANNEL, user: CHAIR, is_moved: 0, event_ts: '1.0' }));
    await expect.poll(async () => (await slack.store.groups.get(group!.id))!.deactivatedAt).toEqual(clock.now());

    const deps = { store: slack.store, clock, defaults: { locale: 'sv' as const, timeZone: 'Europe/Stockholm' } };
    expect((await planDuePosts(deps, clock.now())).standingItems).toBe(0);
    const { drainOutbox } = await import('../../src/core/use-cases/drain-outbox.js');
    const sent: unknown[] = [];
    const drained = await drainOutbox(deps, { send: async (...args: unknown[]) => void sent.push(args) } as never, clock.now(), { workerId: 'test' });
    expect(sent).toEqual([]);
    expect(drained.sent).toBe(0);
    expect((await slack.store.outbox.list({ idempotencyKey: 'waiting-1' }))[0]).toMatchObject({ status: 'expired' });
    await refusedPrivately(commandFrom(TEAM, CHANNEL, 'lsg-delad', CHAIR), '/invite @Samverkansbot');
  });

  it('reactivates the group with all its data when the bot is invited again', async () => {
    const [group] = await slack.store.groups.list();
    await slack.addBotToChannel(CHAIR);
    expect(await slack.store.groups.list()).toHaveLength(1);
    expect((await slack.store.groups.get(group!.id))!.deactivatedAt).toBeNull();
    expect(await slack.store.meetings.list({ groupId: group!.id })).toHaveLength(1);
    const deps = { store: slack.store, clock, defaults: { locale: 'sv' as const, timeZone: 'Europe/Stockholm' } };
    expect((await planDuePosts(deps, clock.now())).standingItems).toBe(1);
  });

  it.each([
    ['member_left_channel (the bot)', () => ({ type: 'member_left_channel', user: 'U0BOT', channel: CHANNEL, channel_type: 'C', team: TEAM }), {}],
    ['channel_deleted', () => ({ type: 'channel_deleted', channel: CHANNEL }), {}],
    ['app_uninstalled', () => ({ type: 'app_uninstalled' }), {}],
    ['tokens_revoked (bot token)', () => ({ type: 'tokens_revoked', tokens: { oauth: [], bot: ['U0BOT'] } }), {}],
    ['app_uninstalled of an org-wide install (Enterprise Grid)', () => ({ type: 'app_uninstalled' }), { enterprise_id: 'E0ORG', is_enterprise_install: true }],
  ])('%s deactivates the group (or leaves it when another installation is named)', async (name, fields, authorization) => {
    const [group] = await slack.store.groups.list();
    await slack.store.groups.update(group!.id, { deactivatedAt: null });
    await slack.send(event(fields(), authorization));
    if (name.includes('Enterprise')) {
      // Another installation (the org E0ORG) than this group's workspace: nothing here changes.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await slack.store.groups.get(group!.id))!.deactivatedAt).toBeNull();
    } else {
      await expect.poll(async () => (await slack.store.groups.get(group!.id))!.deactivatedAt).not.toBeNull();
    }
  });

  it('ignores another member leaving the channel', async () => {
    const [group] = await slack.store.groups.list();
    await slack.store.groups.update(group!.id, { deactivatedAt: null });
    await slack.send(event({ type: 'member_left_channel', user: CHAIR, channel: CHANNEL, channel_type: 'C', team: TEAM }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await slack.store.groups.get(group!.id))!.deactivatedAt).toBeNull();
  });
});
