// The world most Slack report tests start from: the REAL server on SQLite behind the Slack harness, the
// chair (Anna) has invited the bot to the channel (so she is ordförande) and Cilla is sammankallande of one
// assignment of the group.
import type { Assignment, Group } from '../../src/core/domain.js';
import { fixedClock } from './fixed-clock.js';
import { ANNA_ORDFORANDE, startSlackHarness, type SlackHarness } from './slack-harness.js';
import { addAssignment, addMember } from './report-fixtures.js';

export const TEAM = 'T111';
export const CHANNEL = 'C111';
export const CHAIR = 'U0CHAIR';
export const CONVENER = 'U0CILLA';

export interface SlackReportWorld {
  slack: SlackHarness;
  group: Group;
  assignment: Assignment;
}

export async function startSlackReportWorld(name: string): Promise<SlackReportWorld> {
  const slack = await startSlackHarness({
    name,
    teamId: TEAM,
    channelId: CHANNEL,
    users: {
      [CHAIR]: ANNA_ORDFORANDE,
      [CONVENER]: { name: 'cilla', displayName: 'Cilla Sammankallande', realName: 'Cilla Berg' },
    },
    clock: fixedClock('2026-11-25T09:00:00Z'),
  });
  // The chair invites the bot: that registers the channel as the group, with her as ordförande.
  await slack.addBotToChannel(CHAIR);
  const [group] = (await slack.store.groups.list()) as [Group];
  const convener = await addMember(slack.store, group.id, { userId: CONVENER, tenantId: TEAM, displayName: 'Cilla Sammankallande', roles: ['sammankallande'] });
  const { assignment } = await addAssignment(slack.store, group.id, { convener });
  return { slack, group, assignment };
}
