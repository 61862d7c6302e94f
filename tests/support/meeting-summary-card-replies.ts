// Card samples of the chair's meeting-prep summary for tests/cards: a year of data, and a big group whose
// summary must still fit Slack's 50 blocks, produced by running the real command on the in-memory store.
import type { Locale } from '../../src/core/domain.js';
import { createBot } from '../../src/core/bot.js';
import type { NamedReply } from './card-replies.js';
import { actor, slackChannel } from './events.js';
import { fixedClock } from './fixed-clock.js';
import { createInMemoryStore } from './in-memory-store.js';
import { MEETING_PREP_NOW, seedMeetingPrepYear } from './meeting-summary-scenario.js';
import { testRegion } from './test-region.js';

export async function meetingSummaryReplies(locale: Locale): Promise<NamedReply[]> {
  const replies: NamedReply[] = [];
  for (const [name, extra] of [['summary (year of data)', 0], ['summary (big group)', 150]] as const) {
    const clock = fixedClock(MEETING_PREP_NOW);
    const store = createInMemoryStore(clock.now);
    const bot = createBot({ region: testRegion(), store, clock, defaults: { locale, timeZone: 'Europe/Stockholm' } });
    const channel = slackChannel({ channelId: 'C_PREP' });
    const chair = actor();
    await bot.handle({ type: 'bot-added', channel, actor: chair });
    const [group] = await store.groups.list();
    const [chairMember] = await store.members.list({ groupId: group!.id });
    await seedMeetingPrepYear(store, group!, chairMember!, { extra });
    replies.push({ name, locale, reply: await bot.handle({ type: 'command', command: 'sammanfattning', text: '', channel, actor: chair }) });
  }
  return replies;
}
