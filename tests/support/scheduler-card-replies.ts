// Card samples of the scheduler's posts for tests/cards: the standing item (empty, filled and a big plan
// that must still fit Slack's 50 blocks, posted late) and the chair's summary listing failed posts,
// produced by running the real use cases on the in-memory store.
import type { Assignment, Locale, ReportingForm, StatusColour, TimelineAnswer } from '../../src/core/domain.js';
import { createBot } from '../../src/core/bot.js';
import { outboxRecord } from '../../src/core/delivery.js';
import { standingItem } from '../../src/core/use-cases/standing-item.js';
import { notice } from '../../src/core/use-cases/show-help.js';
import { catalog } from '../../src/i18n/index.js';
import type { NamedReply } from './card-replies.js';
import { actor, slackChannel } from './events.js';
import { fixedClock } from './fixed-clock.js';
import { createInMemoryStore } from './in-memory-store.js';
import { testRegion } from './test-region.js';

export async function schedulerReplies(locale: Locale): Promise<NamedReply[]> {
  const clock = fixedClock('2026-03-08T09:00:00Z');
  const store = createInMemoryStore(clock.now);
  const bot = createBot({ region: testRegion(), store, clock, defaults: { locale, timeZone: 'Europe/Stockholm' } });
  const channel = slackChannel({ channelId: 'C_STANDING', channelName: 'lsg-uddevalla' });
  const chair = actor();
  await bot.handle({ type: 'bot-added', channel, actor: chair });
  const [group] = await store.groups.list();
  const [link] = await store.channels.list({ groupId: group!.id });
  const [chairMember] = await store.members.list({ groupId: group!.id });
  const replies: NamedReply[] = [];
  const meeting = await store.meetings.create({
    groupId: group!.id,
    startsAt: new Date('2026-03-10T12:00:00Z'),
    durationMinutes: 120,
    seriesId: null,
    location: 'Stadshuset, sal 3',
    cancelled: false,
  });
  replies.push({ name: 'standing-item (no plan)', locale, reply: await standingItem(store, group!, meeting, clock.now()) });

  const plan = await store.plans.create({ groupId: group!.id, year: 2026, version: 1, decidedAt: new Date('2026-02-10T12:00:00Z'), decidedByMemberId: chairMember!.id, sentToOfficeAt: null, lastRevisedAt: null });
  const activity = (title: string, index = 0) =>
    store.activities.create({
      planId: plan.id,
      title,
      description: 'Beskrivning',
      targetGroup: index % 2 ? 'vuxen' : 'barn_och_unga',
      focusAreaCode: `FO${(index % 4) + 1}`,
      goalCode: 'M1',
      startDate: new Date('2026-01-15T00:00:00Z'),
      endDate: new Date('2026-12-15T00:00:00Z'),
      status: 'pagaende',
      proposalId: null,
    });
  const assignment = (activityId: string, title: string, reportingForm: ReportingForm): Promise<Assignment> =>
    store.assignments.create({
      groupId: group!.id,
      activityId,
      title,
      startDate: new Date('2026-01-20T00:00:00Z'),
      endDate: new Date('2026-11-30T00:00:00Z'),
      targetGroupText: 'Unga vuxna 16–25 år',
      purpose: 'Syfte',
      activityText: 'Aktivitet',
      memberIds: [chairMember!.id],
      convenerMemberId: chairMember!.id,
      reportingForm,
      goal: 'Mål',
      resources: 'Egen insats',
      finalReportForm: 'Skriftlig slutrapport',
      status: 'aktivt',
    });
  const report = (assignmentId: string, statusColour: StatusColour, timelineHolds: TimelineAnswer, submittedAt: string, newEndDate: Date | null = null) =>
    store.progressReports.create({
      assignmentId,
      authorMemberId: chairMember!.id,
      version: 1,
      submitted: true,
      progressText: 'Arbetet fortgår',
      statusColour,
      worksWell: 'Samverkan',
      worksLessWell: 'Tid',
      timelineHolds,
      newEndDate,
      indicatorValues: {},
      subGoalStatus: {},
      submittedAt: new Date(submittedAt),
      correctsReportId: null,
    });
  const sip = await activity('Gemensam rutin för SIP & samordnad individuell plan <barn>');
  const mhfa = await activity('Utbildning i Första hjälpen till psykisk hälsa', 1);
  await activity('Tidiga insatser för unga vuxna', 2);
  const a1 = await assignment(sip.id, 'Rutin för SIP', { kind: 'before_each_meeting' });
  const a2 = await assignment(mhfa.id, 'MHFA-utbildning', { kind: 'every_n_weeks', weeks: 4 });
  const a3 = await assignment(mhfa.id, 'Utbildning för skolpersonal', { kind: 'dates', dates: ['2026-02-27', '2026-05-29'] });
  await report(a1.id, 'gron', 'ja', '2026-01-30T10:00:00Z');
  await report(a2.id, 'gul', 'osakert', '2026-02-10T10:00:00Z', new Date('2027-02-28T00:00:00Z'));
  await report(a3.id, 'rod', 'nej', '2026-03-02T10:00:00Z');
  replies.push({ name: 'standing-item (filled)', locale, reply: await standingItem(store, group!, meeting, clock.now()) });

  for (let index = 0; index < 120; index += 1) {
    const extra = await activity(`Aktivitet nummer ${index + 1} i en mycket omfattande lokal handlingsplan för psykisk hälsa`, index);
    if (index < 60) await assignment(extra.id, `Uppdrag nummer ${index + 1} till arbetsgruppen`, { kind: 'before_each_meeting' });
  }
  replies.push({
    name: 'standing-item (big plan, late)',
    locale,
    reply: await standingItem(store, group!, meeting, clock.now(), { lateSince: new Date('2026-03-08T08:00:00Z') }),
  });

  // A post that failed for good: the chair's summary lists it.
  const t = catalog(locale);
  const failed = await store.outbox.enqueue(
    outboxRecord({ idempotencyKey: 'sample', kind: 'standing-item', groupId: group!.id, channelLinkId: link!.id, meetingId: meeting.id, expiresAt: meeting.startsAt }, notice(t, 'Samverkansbot') as never, locale, clock.now()),
  );
  await store.outbox.update(failed!.id, { status: 'failed', attempts: 8, lastError: 'server-error: slack: HTTP 503' });
  replies.push({ name: 'summary (failed sends)', locale, reply: await bot.handle({ type: 'command', command: 'sammanfattning', text: '', channel, actor: chair }) });
  return replies;
}
