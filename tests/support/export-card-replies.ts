// Card samples of `exportera` for tests/cards: the form (with a year of data to choose from), the form with
// errors, and the file reply's card, produced by running the real use cases on the in-memory store.
import type { Locale } from '../../src/core/domain.js';
import { createBot } from '../../src/core/bot.js';
import type { NamedReply } from './card-replies.js';
import { actor, slackChannel } from './events.js';
import { fixedClock } from './fixed-clock.js';
import { createInMemoryStore } from './in-memory-store.js';
import { MEETING_PREP_NOW, seedMeetingPrepYear } from './meeting-summary-scenario.js';
import { testRegion } from './test-region.js';

export async function exportReplies(locale: Locale): Promise<NamedReply[]> {
  const clock = fixedClock(MEETING_PREP_NOW);
  const store = createInMemoryStore(clock.now);
  const bot = createBot({ region: testRegion(),
    store,
    clock,
    defaults: { locale, timeZone: 'Europe/Stockholm' },
    links: { meetingsCalendar: () => '', file: (groupId, what, subject, format) => `https://samverkan.example.se/exports/files/${groupId}/${what}/${subject}.${format}?signature=x` },
  });
  const channel = slackChannel({ channelId: 'C_EXPORT' });
  const chair = actor();
  await bot.handle({ type: 'bot-added', channel, actor: chair });
  const empty = await bot.handle({ type: 'command', command: 'exportera', text: '', channel, actor: chair });
  const [group] = await store.groups.list();
  const [chairMember] = await store.members.list({ groupId: group!.id });
  const year = await seedMeetingPrepYear(store, group!, chairMember!);
  const submit = (values: Record<string, string>) => bot.handle({ type: 'form-submitted', form: 'export', values, channel, actor: chair });
  return [
    { name: 'export form (no assignments yet)', locale, reply: empty },
    { name: 'export form', locale, reply: await bot.handle({ type: 'command', command: 'exportera', text: '', channel, actor: chair }) },
    { name: 'export form-errors', locale, reply: await submit({ what: 'all-tables', format: 'csv' }) },
    { name: 'export file', locale, reply: await submit({ what: 'all-tables', format: 'xlsx' }) },
    { name: 'assignment shown', locale, reply: await bot.handle({ type: 'button', action: 'show-assignment', args: { assignmentId: year.assignments.sip.id }, channel, actor: chair }) },
  ];
}
