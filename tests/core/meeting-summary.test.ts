// The chair's meeting-prep summary (issue 6) from a seeded year of data at a fixed clock: every section,
// its empty state, the period, the links to the underlying items, Slack's 50-block limit for a big group,
// and the scheduled summary: enqueued once per meeting and chair, at the right time, privately.
import { describe, expect, it } from 'vitest';
import { createBot } from '../../src/core/bot.js';
import { recipientFromPayload, replyFromPayload } from '../../src/core/delivery.js';
import type { Group, Member } from '../../src/core/domain.js';
import type { Reply } from '../../src/core/events.js';
import { meetingSummary, planMeetingSummaries } from '../../src/core/use-cases/meeting-summary.js';
import { renderCard } from '../../src/cards/render-card.js';
import { SLACK_LIMITS, toMessageBlocks } from '../../src/cards/block-kit-translator.js';
import { startScheduler } from '../../src/scheduler/scheduler.js';
import { createLogger } from '../../src/logger.js';
import { actor, slackChannel } from '../support/events.js';
import { fixedClock } from '../support/fixed-clock.js';
import { createInMemoryStore } from '../support/in-memory-store.js';
import { MEETING_PREP_NOW, seedMeetingPrepYear } from '../support/meeting-summary-scenario.js';

interface Section {
  heading: string;
  chunks: { text: string }[];
  reportLinks: { title: string; id: string }[];
  finalReportLinks: { title: string; id: string }[];
  openVotingLinks: { title: string; id: string }[];
  closeVotingLinks: { title: string; id: string }[];
  decidePlanLinks: { title: string; id: string }[];
  planLinks: { title: string; id: string }[];
  assignmentLinks: { title: string; id: string }[];
}

async function setUp(locale: 'sv' | 'en' = 'sv') {
  const clock = fixedClock(MEETING_PREP_NOW);
  const store = createInMemoryStore(clock.now);
  const deps = { store, clock, defaults: { locale, timeZone: 'Europe/Stockholm' } };
  const bot = createBot(deps);
  const channel = slackChannel({ channelId: 'C_PREP', channelName: 'lsg-uddevalla' });
  await bot.handle({ type: 'bot-added', channel, actor: actor() });
  const [group] = (await store.groups.list()) as [Group];
  const [chair] = (await store.members.list({ groupId: group.id })) as [Member];
  return { clock, store, deps, bot, channel, group, chair };
}

const cardOf = (reply: Reply) => {
  expect(reply.kind).toBe('card');
  return reply as Extract<Reply, { kind: 'card' }>;
};
const sectionsOf = (reply: Reply) => cardOf(reply).data.sections as Section[];
const textOf = (section: Section) => section.chunks.map((chunk) => chunk.text).join('\n');

describe('the meeting-prep summary (sammanfattning)', () => {
  it('lists each section from a year of data, with the period since the previous meeting and links to the items', async () => {
    const { bot, channel, store, group, chair } = await setUp();
    const year = await seedMeetingPrepYear(store, group, chair);
    const reply = cardOf(await bot.handle({ type: 'command', command: 'sammanfattning', text: '', channel, actor: actor() }));
    expect(reply.card).toBe('summary');
    expect(reply.data.nextMeeting).toBe('Nästa möte: tisdag 15 september 2026 kl. 13.00, Stadshuset, sal 3');
    // The cancelled meeting of 25 August does not count as the previous one.
    expect(reply.data.period).toBe('Perioden sedan förra mötet tisdag 18 augusti 2026 kl. 13.00.');
    expect(reply.data.note).toBe('Den här sammanfattningen visas bara för dig.');
    const [received, missing, atRisk, ending, decisions] = sectionsOf(reply) as [Section, Section, Section, Section, Section];

    expect(received.heading).toBe('Inkomna lägesrapporter');
    expect(textOf(received)).toBe(
      [
        '- 🟢 Grön Rutin för SIP (1 september 2026) · Kommer tidsplanen att hållas? ja',
        '- 🟡 Gul MHFA-utbildning (30 augusti 2026) · Kommer tidsplanen att hållas? osäkert, nytt slutdatum 31 december 2026',
      ].join('\n'),
    );
    expect(received.reportLinks).toEqual([
      { title: 'Rapport: Rutin för SIP', id: year.reportIds.sip },
      { title: 'Rapport: MHFA-utbildning', id: year.reportIds.mhfa },
    ]);

    expect(missing.heading).toBe('Saknade eller försenade rapporter');
    expect(textOf(missing)).toContain('Utbildning för skolpersonal (sammankallande: Anna Ordförande): rapport saknas, skulle ha lämnats 10 september 2026');
    expect(textOf(missing)).toContain('Anhörigstöd (sammankallande: Anna Ordförande): avrapportering före varje möte, ingen rapport sedan förra mötet');
    expect(textOf(missing)).not.toContain('Rutin för SIP');
    // Every line links to its item: a missing report to the assignment it is due for.
    expect(missing.assignmentLinks).toEqual([
      { title: 'Uppdrag: Utbildning för skolpersonal', id: year.assignments.school.id },
      { title: 'Uppdrag: Anhörigstöd', id: year.assignments.relatives.id },
    ]);

    expect(textOf(atRisk)).toBe(
      [
        '- 🔴 Röd Aktivitet: Utbildning i Första hjälpen till psykisk hälsa · tidsplanen: nej',
        '- 🟡 Gul Uppdrag: MHFA-utbildning · tidsplanen: osäkert',
        '- 🔴 Röd Uppdrag: Utbildning för skolpersonal · tidsplanen: nej',
      ].join('\n'),
    );
    expect(atRisk.reportLinks.map((link) => link.id)).toEqual([year.reportIds.mhfa, year.reportIds.schoolOld]);
    // The activity at risk is reached on the plan.
    expect(atRisk.planLinks).toEqual([{ title: 'Visa planen', id: '' }]);

    expect(ending.heading).toBe('Uppdrag som slutar inom 30 dagar');
    expect(textOf(ending)).toBe('- Anhörigstöd (sammankallande: Anna Ordförande) slutar 1 oktober 2026 · slutrapport: inte inlämnad');
    // No report yet: the line's button opens the assignment.
    expect(ending.reportLinks).toEqual([]);
    expect(ending.assignmentLinks).toEqual([{ title: 'Uppdrag: Anhörigstöd', id: year.assignments.relatives.id }]);
    const shown = await bot.handle({ type: 'button', action: 'show-assignment', args: { assignmentId: year.assignments.relatives.id }, channel, actor: actor() });
    expect(shown).toMatchObject({ kind: 'card', card: 'assignment-document', data: { assignmentId: year.assignments.relatives.id } });

    expect(textOf(decisions)).toBe(
      [
        '- Lokal analys 2027: 2 förslag på utvecklingsområden väntar på prioritering (förslagstiden slutade 10 september 2026)',
        '- Slutrapport för Kartläggning av stödet väntar på godkännande (inlämnad 14 september 2026)',
        '- Den lokala handlingsplanen 2025 (version 1) bör revideras: senast ändrad 10 februari 2025',
      ].join('\n'),
    );
    expect(decisions.finalReportLinks).toEqual([{ title: 'Godkänn: Kartläggning av stödet', id: year.finalReportId }]);
    expect(decisions.openVotingLinks).toEqual([{ title: 'Öppna röstningen', id: year.roundId }]);
    expect(decisions.planLinks).toEqual([{ title: 'Visa planen', id: year.plan.id }]);

    expect(reply.data.agenda).toEqual({
      heading: 'Förslag till dagordning',
      text: [
        '1. Stående punkt: Uppföljning av den lokala handlingsplanen för psykisk hälsa',
        '2. Beslut: prioritering av utvecklingsområden, godkänna slutrapporter, den lokala handlingsplanen',
        '3. Uppdrag och aktiviteter i riskzonen (3)',
        '4. Uppdrag som avslutas – slutrapporter och implementering (1 uppdrag)',
        '5. Saknade rapporter (2 rapporter)',
        '6. Övriga frågor',
      ].join('\n'),
    });

    // The buttons on the card reach the real handlers: the final report is accepted from the summary.
    const accepted = await bot.handle({ type: 'button', action: 'accept-final-report', args: { finalReportId: year.finalReportId }, channel, actor: actor() });
    expect(accepted.kind).toBe('card');
    expect((await store.finalReports.get(year.finalReportId))?.acceptedAt).not.toBeNull();
    const after = sectionsOf(await bot.handle({ type: 'command', command: 'sammanfattning', text: '', channel, actor: actor() }));
    expect(textOf(after[4]!)).not.toContain('Kartläggning av stödet');
  });

  it('counts a report for the period it was first handed in: correcting an older report is no new report', async () => {
    const { bot, channel, store, group, chair } = await setUp();
    const year = await seedMeetingPrepYear(store, group, chair);
    const relatives = year.assignments.relatives;
    const base = {
      assignmentId: relatives.id,
      authorMemberId: chair.id,
      submitted: true,
      progressText: 'Arbetet fortgår',
      worksWell: 'Samverkan',
      worksLessWell: 'Tid',
      newEndDate: null,
      indicatorValues: {},
      subGoalStatus: {},
    };
    // Handed in before the previous meeting (18 August), corrected inside the period.
    const first = await store.progressReports.create({ ...base, version: 1, statusColour: 'gron', timelineHolds: 'ja', submittedAt: new Date('2026-08-10T10:00:00Z'), correctsReportId: null });
    await store.progressReports.create({ ...base, version: 2, statusColour: 'rod', timelineHolds: 'nej', submittedAt: new Date('2026-09-05T10:00:00Z'), correctsReportId: first.id });

    const [received, missing, atRisk] = sectionsOf(await bot.handle({ type: 'command', command: 'sammanfattning', text: '', channel, actor: actor() })) as [Section, Section, Section];
    expect(textOf(received)).not.toContain('Anhörigstöd');
    expect(textOf(missing)).toContain('Anhörigstöd (sammankallande: Anna Ordförande): avrapportering före varje möte, ingen rapport sedan förra mötet');
    // What the group knows now is the corrected version: red, the timeline will not hold.
    expect(textOf(atRisk)).toContain('- 🔴 Röd Uppdrag: Anhörigstöd · tidsplanen: nej');

    // A new report inside the period is received, dated when it was handed in, and nothing is missing any more.
    const fresh = await store.progressReports.create({ ...base, version: 1, statusColour: 'gul', timelineHolds: 'osakert', submittedAt: new Date('2026-09-08T10:00:00Z'), correctsReportId: null });
    const after = sectionsOf(await bot.handle({ type: 'command', command: 'sammanfattning', text: '', channel, actor: actor() })) as [Section, Section];
    expect(textOf(after[0])).toContain('- 🟡 Gul Anhörigstöd (8 september 2026) · Kommer tidsplanen att hållas? osäkert');
    expect(after[0].reportLinks).toContainEqual({ title: 'Rapport: Anhörigstöd', id: fresh.id });
    expect(textOf(after[1])).not.toContain('Anhörigstöd');
  });

  it('shows every section empty for a new group, looking back 30 days, in English too', async () => {
    const { bot, channel } = await setUp('en');
    const reply = cardOf(await bot.handle({ type: 'command', command: 'sammanfattning', text: '', channel, actor: actor() }));
    expect(reply.data.nextMeeting).toBe('No upcoming meeting is scheduled.');
    expect(reply.data.period).toBe('The last 30 days (no earlier meeting).');
    expect(sectionsOf(reply).map((section) => [section.heading, textOf(section)])).toEqual([
      ['Progress reports received', 'No progress reports came in during the period.'],
      ['Reports missing or overdue', 'No reports are missing.'],
      ['Activities and assignments at risk', 'No activity or assignment is yellow or red, and no report doubts the timeline.'],
      ['Assignments ending within 30 days', 'No assignment ends within 30 days.'],
      ['Decisions waiting for the chair', 'No decisions are waiting.'],
    ]);
    expect(reply.data.agenda).toEqual({ heading: 'Suggested agenda', text: '1. Standing item: Follow-up of the local action plan for mental health\n2. Any other business' });
  });

  it('keeps a big group within Slack’s 50 blocks, counting what does not fit', async () => {
    const { bot, channel, store, group, chair } = await setUp();
    await seedMeetingPrepYear(store, group, chair, { extra: 200 });
    const reply = cardOf(await bot.handle({ type: 'command', command: 'sammanfattning', text: '', channel, actor: actor() }));
    const blocks = toMessageBlocks(renderCard(reply.card, reply.data));
    expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.messageBlocks);
    const missing = textOf(sectionsOf(reply)[1]!);
    expect(missing).toMatch(/… och \d+ till$/);
    for (const section of sectionsOf(reply)) expect(section.reportLinks.length).toBeLessThanOrEqual(3);
  });
});

describe('the scheduled meeting-prep summary', () => {
  it('is enqueued once per meeting and chair, summaryHoursBefore ahead, expiring at the start, for the chair only', async () => {
    const { clock, store, deps, group, chair } = await setUp();
    const year = await seedMeetingPrepYear(store, group, chair);
    const second = await store.members.create({
      groupId: group.id,
      platform: 'slack',
      tenantId: 'T111',
      platformUserId: 'U_CHAIR2',
      displayName: 'Cecilia Vice',
      organisationId: null,
      roles: ['ordforande'],
      substituteForMemberId: null,
    });
    await store.members.create({ ...second, platformUserId: 'U_MEMBER', displayName: 'Bo Ledamot', roles: ['ledamot'] });

    // 27 hours before the meeting of 15 September 13:00: not yet (24 hours by default).
    expect(await planMeetingSummaries(deps, clock.now())).toBe(0);
    clock.set('2026-09-14T11:00:00Z');
    expect(await planMeetingSummaries(deps, clock.now())).toBe(2);
    expect(await planMeetingSummaries(deps, clock.now())).toBe(0);
    clock.advance(3_600_000);
    expect(await planMeetingSummaries(deps, clock.now())).toBe(0);

    const queued = (await store.outbox.list({ kind: 'meeting-summary' })).sort((a, b) => a.idempotencyKey.localeCompare(b.idempotencyKey));
    expect(queued.map((message) => message.idempotencyKey).sort()).toEqual(
      [`meeting-summary:${year.nextMeetingId}:${chair.id}`, `meeting-summary:${year.nextMeetingId}:${second.id}`].sort(),
    );
    for (const message of queued) {
      expect(message.expiresAt).toEqual(new Date('2026-09-15T11:00:00Z'));
      expect(message.meetingId).toBe(year.nextMeetingId);
    }
    const byRecipient = new Map(queued.map((message) => [recipientFromPayload(message.payload)?.platformUserId, message]));
    expect([...byRecipient.keys()].sort()).toEqual(['U_CHAIR', 'U_CHAIR2']);
    const forSecond = replyFromPayload(byRecipient.get('U_CHAIR2')!.payload) as Extract<Reply, { kind: 'card' }>;
    expect(forSecond.data.note).toBe('Till Cecilia Vice, ordförande.');
    expect(forSecond.data.nextMeeting).toBe('Nästa möte: tisdag 15 september 2026 kl. 13.00, Stadshuset, sal 3');
  });

  it('skips cancelled and started meetings and follows the group’s summaryHoursBefore', async () => {
    const { clock, store, deps, group, chair } = await setUp();
    const year = await seedMeetingPrepYear(store, group, chair);
    await store.groups.update(group.id, { summaryHoursBefore: 48 });
    await store.meetings.update(year.nextMeetingId, { cancelled: true });
    clock.set('2026-10-11T11:00:00Z');
    expect(await planMeetingSummaries(deps, clock.now()), 'the 13 October meeting, 48 h ahead').toBe(1);
    clock.set('2026-10-13T11:00:00Z');
    await store.outbox.delete((await store.outbox.list({ kind: 'meeting-summary' }))[0]!.id);
    expect(await planMeetingSummaries(deps, clock.now()), 'the meeting starts now').toBe(0);
    expect(await store.outbox.list({ kind: 'meeting-summary' })).toEqual([]);
  });

  it('goes out from the scheduler tick to the chair privately, next to the standing item for the channel', async () => {
    const { clock, store, deps, group, chair } = await setUp();
    await seedMeetingPrepYear(store, group, chair);
    clock.set('2026-09-14T11:00:00Z');
    const sent: { channelId: string; card: string; recipient?: string }[] = [];
    const scheduler = startScheduler({
      deps,
      sender: {
        async send(link, reply, recipient) {
          sent.push({ channelId: link.channelId, card: reply.kind === 'card' ? reply.card : reply.kind, recipient: recipient?.platformUserId });
        },
      },
      logger: createLogger('silent'),
      config: { SCHEDULER_CRON: '* * * * *', TEAMS_PACING_MS: 500, instanceId: 'test' },
      cron: false,
      drainWindowMs: 10_000,
      sleep: async (ms) => clock.advance(ms),
    });
    const result = await scheduler.tick();
    await scheduler.stop();
    expect(result?.summaries).toBe(1);
    expect(sent).toContainEqual({ channelId: 'C_PREP', card: 'summary', recipient: 'U_CHAIR' });
    expect(sent.filter((post) => post.card === 'summary')).toHaveLength(1);
  });
});
