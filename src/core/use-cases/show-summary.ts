import type { Reply } from '../events.js';
import type { Dependencies, GroupContext } from './context.js';
import { meetingSummary } from './meeting-summary.js';

/**
 * `sammanfattning`: the meeting-prep summary for the next meeting, for the one who asked. Slack shows it
 * to the asker only (ephemeral, see adapters/slack/deliver.ts); Teams cannot show a card to one person in
 * a channel, so there it answers in the channel, and the scheduled one goes to the chair's personal chat.
 */
export async function showSummary(deps: Dependencies, { group, member }: GroupContext): Promise<Reply> {
  return meetingSummary(deps.store, group, deps.clock.now(), { viewer: member, privateNote: member.platform === 'slack' });
}
