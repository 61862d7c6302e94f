// Contract test, Teams: a group exists only where the app was added; a sender from another tenant in a
// (shared) channel is refused; removing the bot or uninstalling the app deactivates the group, adding it
// again reactivates it. The REAL server over HTTP with activities shaped as msteams sends them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../support/fixed-clock.js';
import { BOT, CHAIR, botInstalled, installationUpdate, message, teamChannel, type TeamsUser } from '../support/teams-activities.js';
import { startTeamsHarness, type TeamsHarness } from '../support/teams-harness.js';

const GUEST: TeamsUser = { id: '29:1gast-annan-tenant', name: 'Gäst Annan Tenant', aadObjectId: 'aad-guest-0009' };
let teams: TeamsHarness;

beforeAll(async () => {
  teams = await startTeamsHarness({ name: 'invited-teams', installer: null, env: { SCHEDULER_ENABLED: 'false' }, clock: fixedClock('2026-11-25T09:00:00Z') });
});
afterAll(() => teams?.close());

const texts = (card: Record<string, any>) => JSON.stringify(card);
const group = async () => (await teams.store.groups.list())[0]!;

describe('Teams: only where the app was added', () => {
  it('answers a message in a channel without a group with how to add the app, and registers nothing', async () => {
    const card = await teams.say('plan');
    expect(texts(card)).toContain('lägg till appen Samverkansbot i teamet');
    expect(await teams.store.groups.list()).toEqual([]);
    expect(await teams.store.members.list()).toEqual([]);
  });

  it('registers the group when the app is added, and refuses a sender from another tenant without adding them', async () => {
    expect((await teams.post(botInstalled(teams.channel, teams.connector.serviceUrl, CHAIR))).status).toBe(200);
    expect(await teams.store.groups.list()).toHaveLength(1);
    // A shared channel: the conversation stays the host tenant's, channelData.tenant names the guest's own.
    const activity = message(teams.channel, teams.connector.serviceUrl, GUEST, 'plan') as Record<string, any>;
    activity.channelData = { ...activity.channelData, tenant: { id: 'other-tenant-0000' } };
    teams.connector.clear();
    expect((await teams.post(activity)).status).toBe(200);
    expect(JSON.stringify(teams.connector.posts)).toContain('annan arbetsyta');
    expect((await teams.store.members.list()).map((m) => m.platformUserId)).toEqual([CHAIR.aadObjectId]);
  });

  it('tells someone writing in another channel of the same team where the team\'s group is, and registers nothing', async () => {
    const other = teamChannel({ teamId: teams.channel.id, teamName: teams.channel.teamName, channelName: 'Arbetsgrupp psykisk hälsa' });
    teams.connector.clear();
    const answer = await teams.post(message(other, teams.connector.serviceUrl, CHAIR, 'plan'));
    expect(answer.status).toBe(200);
    const said = JSON.stringify(teams.connector.posts) + JSON.stringify(answer.body ?? '');
    expect(said).toContain(`finns i kanalen ${teams.channel.teamName}`);
    expect(said).not.toContain('lägg till appen');
    expect(await teams.store.groups.list()).toHaveLength(1);
    expect((await teams.store.channels.list()).map((link) => link.channelId)).toEqual([teams.channel.id]);
  });

  it('deactivates the group when the bot is removed, and reactivates it with its data when added again', async () => {
    const removed: Record<string, any> = { ...botInstalled(teams.channel, teams.connector.serviceUrl, CHAIR), membersAdded: undefined, membersRemoved: [{ id: BOT.id }] };
    removed.channelData = { ...removed.channelData, eventType: 'teamMemberRemoved' };
    expect((await teams.post(removed)).status).toBe(200);
    expect((await group()).deactivatedAt).not.toBeNull();
    expect(texts(await teams.say('plan'))).toContain('lägg till appen');

    expect((await teams.post(botInstalled(teams.channel, teams.connector.serviceUrl, CHAIR))).status).toBe(200);
    expect((await group()).deactivatedAt).toBeNull();
    expect(await teams.store.groups.list()).toHaveLength(1);
    expect((await teams.store.members.list()).map((m) => m.roles)).toEqual([['ordforande']]);
  });

  it('deactivates the group when the app is uninstalled (installationUpdate remove)', async () => {
    expect((await teams.post(installationUpdate(teams.channel, teams.connector.serviceUrl, CHAIR, 'remove'))).status).toBe(200);
    expect((await group()).deactivatedAt).not.toBeNull();
  });
});
