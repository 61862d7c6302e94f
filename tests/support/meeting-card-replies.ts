// Realistic replies of the meetings feature (list, the three forms with and without errors, confirmations)
// for the card and translator tests, produced by running the real use cases through createBot on the
// in-memory store. The filled list is the worst case for Slack's block limit: more meetings than shown,
// holiday warnings and a cancelled one.
import type { Locale } from '../../src/core/domain.js';
import { createBot } from '../../src/core/bot.js';
import type { InboundEvent, Reply } from '../../src/core/events.js';
import { createInMemoryStore } from './in-memory-store.js';
import { fixedClock } from './fixed-clock.js';
import { actor, slackChannel } from './events.js';
import type { NamedReply } from './card-replies.js';
import { testRegion } from './test-region.js';

export const TEST_LINKS = {
  meetingsCalendar: (groupId: string) => `https://samverkansbot.example.se/exports/meetings/${groupId}.ics?expires=1767225600&signature=abc123`,
};

export async function meetingReplies(locale: Locale): Promise<NamedReply[]> {
  const clock = fixedClock('2026-11-25T09:00:00Z');
  const store = createInMemoryStore(clock.now);
  const bot = createBot({ region: testRegion(), store, clock, defaults: { locale, timeZone: 'Europe/Stockholm' }, links: TEST_LINKS });
  const channel = slackChannel({ channelName: 'Samverkan Uddevalla' });
  const chair = actor();
  const member = actor({ userId: 'U_MEMBER', displayName: 'Bo Ledamot' });
  const replies: NamedReply[] = [];
  const add = async (name: string, event: InboundEvent): Promise<Reply> => {
    const reply = await bot.handle(event);
    replies.push({ name, locale, reply });
    return reply;
  };
  const submit = (form: 'meeting' | 'meeting-series' | 'move-meeting', values: Record<string, string>): InboundEvent => ({
    type: 'form-submitted',
    form,
    values,
    channel,
    actor: chair,
  });

  await bot.handle({ type: 'bot-added', channel, actor: chair });
  await add('meetings (empty)', { type: 'command', command: 'moten', text: 'möten', channel, actor: chair });
  await add('meeting form', { type: 'button', action: 'open-meeting', args: {}, channel, actor: chair });
  await add('meeting form-errors', submit('meeting', { date: '2026-11-20', time: '', durationMinutes: '5', location: 'Stadshuset '.repeat(18) }));
  await add('meeting saved (holiday)', submit('meeting', { date: '2026-12-24', time: '13:00', durationMinutes: '90', location: 'Stadshuset, sal 2 <Uddevalla & Lysekil>' }));
  await add('meeting-series form', { type: 'button', action: 'open-meeting-series', args: {}, channel, actor: chair });
  await add(
    'meeting-series form-errors',
    submit('meeting-series', { firstDate: '2026-12-03', time: '13:00', frequency: 'weekly', endDate: '2026-12-01', count: '', durationMinutes: 'två timmar', location: '' }),
  );
  await add(
    'meeting-series saved',
    submit('meeting-series', { firstDate: '2026-12-03', time: '13:00', frequency: 'weekly', endDate: '', count: '12', durationMinutes: '120', location: 'Teams' }),
  );
  const [first] = (await store.meetings.list()).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  await add('meeting cancelled (undo)', { type: 'button', action: 'cancel-meeting', args: { meetingId: first!.id }, channel, actor: chair });
  await add('meetings (filled)', { type: 'button', action: 'show-meetings', args: {}, channel, actor: chair });
  await add('move-meeting form', { type: 'button', action: 'open-move-meeting', args: { meetingId: first!.id }, channel, actor: chair });
  await add('move-meeting form-errors', submit('move-meeting', { meetingId: first!.id, date: '2026-11-01', time: '' }));
  await add('meeting moved', submit('move-meeting', { meetingId: first!.id, date: '2026-12-04', time: '09:30' }));
  await add('meetings refused', { type: 'button', action: 'open-meeting', args: {}, channel, actor: member });
  return replies;
}
