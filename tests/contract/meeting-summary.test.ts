// Contract test of the chair's meeting-prep summary (issue 6) on both platforms: the REAL server with the
// REAL SQLite store over HTTP. On demand, Slack answers the asker only (chat.postEphemeral) and Teams in
// the channel; its buttons reach the real handlers. Scheduled, the production sender delivers it
// privately: a Slack direct message (conversations.open) and a Teams personal chat (POST /v3/conversations).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Group, Member } from '../../src/core/domain.js';
import type { Store } from '../../src/core/ports.js';
import { drainOutbox } from '../../src/core/use-cases/drain-outbox.js';
import { planMeetingSummaries } from '../../src/core/use-cases/meeting-summary.js';
import { createChannelSender } from '../../src/adapters/channel-sender.js';
import type { Config } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { collectCardTexts, personalConversationId, visibleTexts } from '../support/fake-bot-connector.js';
import { fixedClock } from '../support/fixed-clock.js';
import { MEETING_PREP_NOW, seedMeetingPrepYear, type MeetingPrepYear } from '../support/meeting-summary-scenario.js';
import { visibleBlockTexts as visible } from '../support/slack-requests.js';
import { blockButton, startSlackHarness, type SlackHarness } from '../support/slack-harness.js';
import { CHAIR as TEAMS_CHAIR } from '../support/teams-activities.js';
import { byVerb, startTeamsHarness, type TeamsHarness } from '../support/teams-harness.js';
import { clockSleep, depsOf } from '../scheduler/fixtures.js';

const SLACK_CHAIR = 'U0CHAIR';
const CHANNEL = 'C_PREP';
const DAY_BEFORE = '2026-09-14T11:00:00Z';

async function seeded(store: Store): Promise<{ group: Group; chair: Member; year: MeetingPrepYear }> {
  const [group] = (await store.groups.list()) as [Group];
  const chair = (await store.members.list({ groupId: group.id })).find((member) => member.roles.includes('ordforande'))!;
  return { group, chair, year: await seedMeetingPrepYear(store, group, chair) };
}

/** One scheduler round by hand: plan the summaries, then drain the outbox through the production sender. */
async function planAndDeliver(store: Store, config: Config, clock: ReturnType<typeof fixedClock>) {
  const deps = depsOf(store, clock);
  const planned = await planMeetingSummaries(deps, clock.now());
  const sender = createChannelSender({ config, logger: createLogger('silent') });
  const drained = await drainOutbox(deps, sender, clock.now(), { workerId: 'test', sleep: clockSleep(clock), until: new Date(clock.now().getTime() + 10_000) });
  return { planned, drained };
}

describe('Slack', () => {
  const clock = fixedClock(MEETING_PREP_NOW);
  let slack: SlackHarness;
  let year: MeetingPrepYear;

  beforeAll(async () => {
    slack = await startSlackHarness({
      name: 'meeting-summary-slack',
      channelId: CHANNEL,
      users: { [SLACK_CHAIR]: { name: 'anna', displayName: 'Anna Ordförande', realName: 'Anna Andersson' } },
      defaultUser: SLACK_CHAIR,
      env: { SCHEDULER_ENABLED: 'false' },
      clock,
    });
    await slack.addBotToChannel(SLACK_CHAIR);
    ({ year } = await seeded(slack.store));
  });
  afterAll(() => slack?.close());

  it('answers /samverkan sammanfattning to the asker only, with every section, and its buttons work', async () => {
    const from = slack.fake.calls.length;
    const posted = await slack.next('chat.postEphemeral', () => slack.send(slack.command('sammanfattning')));
    expect(posted.body).toMatchObject({ channel: CHANNEL, user: SLACK_CHAIR });
    expect(slack.newCalls(from, 'chat.postMessage'), 'nothing in the channel').toEqual([]);
    const texts = visible(posted.body.blocks).join('\n');
    for (const expected of [
      'Nästa möte: tisdag 15 september 2026 kl. 13.00, Stadshuset, sal 3',
      'Perioden sedan förra mötet tisdag 18 augusti 2026 kl. 13.00.',
      'Inkomna lägesrapporter',
      'MHFA-utbildning (30 augusti 2026) · Kommer tidsplanen att hållas? osäkert, nytt slutdatum 31 december 2026',
      'Saknade eller försenade rapporter',
      'Aktiviteter och uppdrag i riskzonen',
      'Uppdrag som slutar inom 30 dagar',
      'Beslut som väntar på ordföranden',
      '1. Stående punkt: Uppföljning av den lokala handlingsplanen för psykisk hälsa',
    ]) {
      expect(texts).toContain(expected);
    }
    expect((posted.body.blocks as unknown[]).length).toBeLessThanOrEqual(50);

    // The acceptance is the group's business: it is announced in the channel.
    await slack.next('chat.postMessage', () => slack.send(slack.click(blockButton(posted.body.blocks, 'Godkänn: Kartläggning av stödet'))), (call) => call.body.channel === CHANNEL);
    expect((await slack.store.finalReports.get(year.finalReportId))?.acceptedAt).not.toBeNull();
  });

  it('sends the scheduled summary to the chair as a direct message, once, 24 hours before the meeting', async () => {
    const from = slack.fake.calls.length;
    expect((await planAndDeliver(slack.store, slack.config, clock)).planned, '27 hours before: not yet').toBe(0);
    clock.set(DAY_BEFORE);
    expect(await planAndDeliver(slack.store, slack.config, clock)).toMatchObject({ planned: 1, drained: { sent: 1 } });
    expect((await planAndDeliver(slack.store, slack.config, clock)).planned, 'only once').toBe(0);

    expect(slack.newCalls(from, 'conversations.open').map((call) => call.body.users)).toEqual([SLACK_CHAIR]);
    const posts = slack.newCalls(from, 'chat.postMessage');
    expect(posts.map((call) => call.body.channel)).toEqual([`D${SLACK_CHAIR}`]);
    const texts = visible(posts[0]!.body.blocks).join('\n');
    expect(texts).toContain('Till Anna Ordförande, ordförande.');
    expect(texts).toContain('Beslut som väntar på ordföranden');
  });
});

describe('Teams', () => {
  const clock = fixedClock(MEETING_PREP_NOW);
  let teams: TeamsHarness;
  let year: MeetingPrepYear;
  let chair: Member;

  beforeAll(async () => {
    teams = await startTeamsHarness({ name: 'meeting-summary-teams', env: { SCHEDULER_ENABLED: 'false' }, clock });
    ({ year, chair } = await seeded(teams.store));
  });
  afterAll(() => teams?.close());

  it('answers "sammanfattning" in the asker\'s private chat, with every section, and its buttons act for the group', async () => {
    const card = await teams.askPrivately('sammanfattning');
    const texts = collectCardTexts(card.body).join('\n');
    expect(texts).toContain('Inför mötet – sammanfattning för ordföranden i');
    expect(texts).toContain('Utbildning för skolpersonal (sammankallande: Anna Ordförande): rapport saknas, skulle ha lämnats 10 september 2026');
    expect(texts).toContain('Slutrapport för Kartläggning av stödet väntar på godkännande');
    expect(texts, 'Teams cannot show it to one person in a channel').not.toContain('visas bara för dig');
    await teams.pressPrivately(byVerb(card, 'accept-final-report'));
    expect((await teams.store.finalReports.get(year.finalReportId))?.acceptedAt).not.toBeNull();
  });

  it('sends the scheduled summary to the chair in a personal chat opened with their stored 29: id', async () => {
    // The chair's 29: id was kept when they asked for the summary above; the Entra id would be refused.
    expect((await teams.store.members.get(chair.id))?.chatUserId).toBe(TEAMS_CHAIR.id);
    teams.connector.clear();
    clock.set(DAY_BEFORE);
    expect(await planAndDeliver(teams.store, teams.config, clock)).toMatchObject({ planned: 1, drained: { sent: 1 } });
    expect(await planAndDeliver(teams.store, teams.config, clock)).toMatchObject({ planned: 0, drained: { sent: 0 } });

    expect(teams.connector.createdConversations).toHaveLength(1);
    expect(teams.connector.createdConversations[0]).toMatchObject({ isGroup: false, members: [{ id: TEAMS_CHAIR.id }], tenantId: chair.tenantId });
    expect(teams.connector.posts.map((post) => post.conversationId)).toEqual([personalConversationId(TEAMS_CHAIR.id)]);
    const texts = visibleTexts(teams.connector.posts[0]!.activity).join('\n');
    expect(texts).toContain('Till Anna Ordförande, ordförande.');
    expect(texts).toContain('Förslag till dagordning');
  });
});
