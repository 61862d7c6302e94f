// The avrapportering prompts of the scheduler: a prompt to the convener and the ersättare (privately) some days
// before the report is due, a reminder when it is still missing, the slutrapport prompt near the end date;
// each once, only during working hours, and none when the report is already in.
import { beforeEach, describe, expect, it } from 'vitest';
import { createBot, type Bot } from '../../src/core/bot.js';
import type { Assignment, Group, Member } from '../../src/core/domain.js';
import type { Store } from '../../src/core/ports.js';
import { recipientFromPayload, replyFromPayload } from '../../src/core/delivery.js';
import { planReportPrompts, reportDueDates } from '../../src/core/use-cases/report-prompts.js';
import { format } from '../../src/i18n/index.js';
import { sv } from '../../src/i18n/sv.js';
import { actor, slackChannel } from '../support/events.js';
import { fixedClock } from '../support/fixed-clock.js';
import { createInMemoryStore } from '../support/in-memory-store.js';
import { addAssignment, addMember, VALID_PROGRESS } from '../support/report-fixtures.js';

const clock = fixedClock('2026-11-23T09:30:00Z'); // Monday 10:30 in Stockholm
const channel = slackChannel();
let store: Store;
let bot: Bot;
let group: Group;
let cilla: Member;
let assignment: Assignment;
const deps = () => ({ store, clock, defaults: { locale: 'sv' as const, timeZone: 'Europe/Stockholm' } });

beforeEach(async () => {
  clock.set('2026-11-23T09:30:00Z');
  store = createInMemoryStore(clock.now);
  bot = createBot(deps());
  await bot.handle({ type: 'bot-added', channel, actor: actor() });
  [group] = (await store.groups.list()) as [Group];
  cilla = await addMember(store, group.id, { userId: 'U_CILLA', displayName: 'Cilla Sammankallande', roles: ['sammankallande'] });
  await addMember(store, group.id, { userId: 'U_SVEN', displayName: 'Sven Ersättare', roles: ['ersattare'], substituteFor: cilla });
  ({ assignment } = await addAssignment(store, group.id, { convener: cilla }));
  // The next meeting: Friday 27 November 13:00; its standing item (and the report) is due 48 h before.
  await store.meetings.create({ groupId: group.id, startsAt: new Date('2026-11-27T12:00:00Z'), durationMinutes: 90, seriesId: null, location: null, cancelled: false });
});

const texts = async () => (await store.outbox.list()).map((m) => [m.kind, String((replyFromPayload(m.payload) as any).data.text)]);

describe('planReportPrompts', () => {
  it('prompts the convener and the ersättare privately before the meeting, once', async () => {
    expect(await planReportPrompts(deps(), clock.now())).toEqual({ prompts: 1, reminders: 0, finalPrompts: 0 });
    const messages = await store.outbox.list();
    const link = (await store.channels.list({ groupId: group.id }))[0]!;
    // One private post each, reached through the group's workspace; nothing in the channel.
    expect(messages.map((message) => recipientFromPayload(message.payload)?.platformUserId).sort()).toEqual(['U_CILLA', 'U_SVEN']);
    for (const message of messages) {
      expect(message).toMatchObject({ kind: 'report-prompt', channelLinkId: link.id, expiresAt: new Date('2026-11-25T12:00:00Z'), status: 'pending' });
      const reply = replyFromPayload(message.payload) as any;
      expect(reply).toMatchObject({ card: 'report-prompt', data: { kind: 'report', buttonTitle: sv.reports.buttons.fillIn, args: { assignmentId: assignment.id, reportKind: 'progress' } } });
      expect(reply.data.text).toBe(
        format(sv.reports.prompts.progress, { names: 'Cilla Sammankallande (eller ersättaren Sven Ersättare)', title: assignment.title, due: 'onsdag 25 november 2026 kl. 13.00' }),
      );
    }
    expect(await planReportPrompts(deps(), clock.now())).toEqual({ prompts: 0, reminders: 0, finalPrompts: 0 });
    expect(await store.outbox.list()).toHaveLength(2);
  });

  it('prompts in the group channel, naming them, when one of them cannot be reached privately', async () => {
    // A Teams member the bot has never met: without their 29: id no personal chat can be opened.
    await store.members.update(cilla.id, { platform: 'teams', chatUserId: null });
    expect(await planReportPrompts(deps(), clock.now())).toEqual({ prompts: 1, reminders: 0, finalPrompts: 0 });
    const [message, ...rest] = await store.outbox.list();
    expect(rest).toEqual([]);
    expect(recipientFromPayload(message!.payload)).toBeUndefined();
    expect((replyFromPayload(message!.payload) as any).data.text).toContain('Cilla Sammankallande (eller ersättaren Sven Ersättare)');
    // Once reachable (they pressed a card), the prompt already posted in the channel is not repeated privately.
    await store.members.update(cilla.id, { chatUserId: '29:1cilla' });
    expect(await planReportPrompts(deps(), clock.now())).toEqual({ prompts: 0, reminders: 0, finalPrompts: 0 });
  });

  it('reminds a day before when the report is still missing, and not when it is in', async () => {
    await planReportPrompts(deps(), clock.now());
    clock.set('2026-11-24T13:00:00Z');
    expect(await planReportPrompts(deps(), clock.now())).toEqual({ prompts: 0, reminders: 1, finalPrompts: 0 });
    // Each of the two people gets the prompt and, a day before, the reminder.
    expect((await texts()).map(([kind]) => kind).sort()).toEqual(['report-prompt', 'report-prompt', 'report-reminder', 'report-reminder']);

    // Another assignment whose convener already reported gets neither.
    const other = (await addAssignment(store, group.id, { convener: cilla, title: 'Första hjälpen' })).assignment;
    await bot.handle({ type: 'form-submitted', form: 'progress-report', values: { assignmentId: other.id, ...VALID_PROGRESS }, channel, actor: actor({ userId: 'U_CILLA', displayName: 'Cilla Sammankallande' }) });
    expect(await store.progressReports.list({ assignmentId: other.id })).toHaveLength(1);
    expect(await planReportPrompts(deps(), clock.now())).toEqual({ prompts: 0, reminders: 0, finalPrompts: 0 });
  });

  it('waits for working hours and honours the group’s lead time', async () => {
    clock.set('2026-11-22T10:00:00Z'); // Sunday
    expect((await planReportPrompts(deps(), clock.now())).prompts).toBe(0);
    await store.groups.update(group.id, { reportPromptDaysBefore: 1 });
    clock.set('2026-11-23T09:30:00Z'); // Monday: 2 days before the due moment, lead time 1 day
    expect((await planReportPrompts(deps(), clock.now())).prompts).toBe(0);
    clock.set('2026-11-24T13:00:00Z');
    expect(await planReportPrompts(deps(), clock.now())).toEqual({ prompts: 1, reminders: 0, finalPrompts: 0 });
  });

  it('follows every_n_weeks and fixed dates at 09:00 local time', async () => {
    const weekly = { ...assignment, reportingForm: { kind: 'every_n_weeks' as const, weeks: 6 }, startDate: new Date('2026-09-30T22:00:00Z'), endDate: new Date('2026-12-31T00:00:00Z') };
    expect(reportDueDates(weekly, group, []).map((d) => d.toISOString())).toEqual(['2026-11-12T08:00:00.000Z', '2026-12-24T08:00:00.000Z']);
    const dated = { ...assignment, reportingForm: { kind: 'dates' as const, dates: ['2026-12-01', '2026-06-01'] } };
    expect(reportDueDates(dated, group, []).map((d) => d.toISOString())).toEqual(['2026-06-01T07:00:00.000Z', '2026-12-01T08:00:00.000Z']);
  });

  it('asks for the slutrapport as the end date nears, once, until one is submitted', async () => {
    await store.assignments.update(assignment.id, { endDate: new Date('2026-11-26T23:00:00Z') });
    expect((await planReportPrompts(deps(), clock.now())).finalPrompts).toBe(1);
    expect((await planReportPrompts(deps(), clock.now())).finalPrompts).toBe(0);
    const final = (await texts()).find(([, text]) => text!.includes('slutrapporten'));
    expect(final![1]).toBe(format(sv.reports.prompts.final, { names: 'Cilla Sammankallande (eller ersättaren Sven Ersättare)', title: assignment.title, end: '27 november 2026' }));
  });
});
