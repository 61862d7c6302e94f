// The Prisma store against real SQLite and real PostgreSQL: every repository round-trips exactly the
// domain objects it was given (JSON fields and Dates included), plus finders, constraints and transactions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ActionPlan,
  Activity,
  AnalysisRound,
  ArchivedText,
  Assignment,
  Ballot,
  ChannelLink,
  DataRightsRequest,
  Evaluation,
  FinalReport,
  FormDraft,
  Group,
  Homework,
  HomeworkAnswer,
  ImplementationFollowUp,
  ImplementationPlan,
  Meeting,
  MeetingSeries,
  OutboxMessage,
  Member,
  PartyOrganisation,
  PlanChange,
  PlanVersion,
  ProcessedRequest,
  Installation,
  ProgressReport,
  Proposal,
} from '../../src/core/domain.js';
import { DuplicateError, NotFoundError } from '../../src/core/ports.js';
import type { Filter, NewRecord, Repository, Store } from '../../src/core/ports.js';
import { migrateDatabase } from '../../src/adapters/db/migrate.js';
import { MODELS } from '../../src/adapters/db/model-descriptors.js';
import { createStore } from '../../src/adapters/db/prisma-store.js';
import { TransactionTimeoutError } from '../../src/adapters/db/adapter-client.js';
import { fixedClock } from '../support/fixed-clock.js';
import { backends } from './db-harness.js';
import type { TempDatabase } from './db-harness.js';

interface Parents {
  group: Group;
  organisation: PartyOrganisation;
  member: Member;
  channel: ChannelLink;
  plan: ActionPlan;
  activity: Activity;
  assignment: Assignment;
  round: AnalysisRound;
  homework: Homework;
}

let sequence = 0;
const unique = (prefix: string): string => `${prefix}-${++sequence}-${Math.random().toString(36).slice(2, 8)}`;

const newGroup = (): NewRecord<Group> => ({
  name: unique('Samverkan Södra Älvdalen'),
  timeZone: 'Europe/Stockholm',
  locale: 'sv',
  officeChannelId: null,
  standingItemHoursBefore: 48,
  summaryHoursBefore: 24,
  planningDayReminder: false,
  reportPromptDaysBefore: 5,
});

async function seedParents(store: Store): Promise<Parents> {
  const group = await store.groups.create(newGroup());
  const organisation = await store.organisations.create({ groupId: group.id, name: 'Region Örebro län', kind: 'region' });
  const member = await store.members.create({
    groupId: group.id,
    platform: 'teams',
    tenantId: 'tenant-1',
    platformUserId: unique('user'),
    displayName: 'Åsa Öberg',
    organisationId: organisation.id,
    roles: ['ordforande', 'ledamot'],
    substituteForMemberId: null,
  });
  const channel = await store.channels.create({
    groupId: group.id,
    platform: 'teams',
    tenantId: 'tenant-1',
    channelId: unique('19:channel'),
    channelName: 'Allmänt',
    conversationReference: null,
  });
  const plan = await store.plans.create({
    groupId: group.id,
    year: 2026,
    version: 1,
    decidedAt: null,
    decidedByMemberId: null,
    sentToOfficeAt: null,
    lastRevisedAt: null,
  });
  const activity = await store.activities.create({
    planId: plan.id,
    title: 'Gemensam kartläggning',
    description: 'Kartlägga stöd till unga vuxna',
    targetGroup: 'barn_och_unga',
    focusAreaCode: 'FO2',
    goalCode: 'M2.1',
    startDate: new Date('2026-02-01T00:00:00.000Z'),
    endDate: new Date('2026-11-30T00:00:00.000Z'),
    status: 'planerad',
    proposalId: null,
  });
  const assignment = await store.assignments.create({
    groupId: group.id,
    activityId: activity.id,
    title: 'Arbetsgrupp unga vuxna',
    startDate: new Date('2026-03-01T00:00:00.000Z'),
    endDate: new Date('2026-10-31T00:00:00.000Z'),
    targetGroupText: 'Unga vuxna 18–25',
    purpose: 'Förbättra övergångar',
    activityText: 'Workshoppar',
    memberIds: [member.id],
    convenerMemberId: member.id,
    reportingForm: { kind: 'before_each_meeting' },
    goal: 'Gemensam rutin',
    resources: '10 h/månad',
    finalReportForm: 'Skriftlig',
    status: 'aktivt',
  });
  const round = await store.analysisRounds.create({
    groupId: group.id,
    year: 2026,
    status: 'forslag',
    proposalDeadline: new Date('2026-01-31T22:59:59.999Z'),
    votingDeadline: null,
    voteBudget: 7,
    maxVotesPerArea: 3,
    openedByMemberId: member.id,
    votingOpenedAt: null,
    closedAt: null,
  });
  const homework = await store.homework.create({
    groupId: group.id,
    title: 'Hemuppgift 2',
    questions: ['Synpunkter i sak?'],
    deadline: new Date('2026-04-01T21:59:59.999Z'),
    createdByMemberId: member.id,
  });
  return { group, organisation, member, channel, plan, activity, assignment, round, homework };
}

/** One row of the round-trip table: how to make a record, change it and find it by a filter. */
interface RoundTrip<T extends { id: string }> {
  repository(store: Store): Repository<T>;
  make(parents: Parents): NewRecord<T>;
  patch(parents: Parents): Partial<NewRecord<T>>;
  filter(record: T): Filter<T>;
}
const roundTrip = <T extends { id: string }>(spec: RoundTrip<T>): RoundTrip<{ id: string }> =>
  spec as unknown as RoundTrip<{ id: string }>;

const ROUND_TRIPS: Record<keyof typeof MODELS, RoundTrip<{ id: string }>> = {
  groups: roundTrip<Group>({
    repository: (s) => s.groups,
    make: () => ({ ...newGroup(), locale: 'en', officeChannelId: '19:kansli@thread.tacv2', deactivatedAt: null }),
    patch: () => ({ name: 'Omdöpt grupp', officeChannelId: null, standingItemHoursBefore: 72, planningDayReminder: true, deactivatedAt: new Date('2026-03-05T10:00:00.000Z') }),
    filter: (g) => ({ name: g.name, locale: g.locale }),
  }),
  channels: roundTrip<ChannelLink>({
    repository: (s) => s.channels,
    make: (p) => ({
      groupId: p.group.id,
      platform: 'slack',
      tenantId: 'T0001',
      channelId: unique('C'),
      channelName: null,
      conversationReference: JSON.stringify({ conversation: { id: 'x' }, serviceUrl: 'https://example.test/' }),
    }),
    patch: () => ({ channelName: '#samverkan', conversationReference: null }),
    filter: (c) => ({ groupId: c.groupId, channelName: c.channelName }),
  }),
  organisations: roundTrip<PartyOrganisation>({
    repository: (s) => s.organisations,
    make: (p) => ({ groupId: p.group.id, name: 'Försäkringskassan', kind: 'forsakringskassan', principal: true }),
    patch: () => ({ kind: 'annan', name: 'FK Bergslagen', principal: false }),
    filter: (o) => ({ groupId: o.groupId, kind: o.kind }),
  }),
  members: roundTrip<Member>({
    repository: (s) => s.members,
    make: (p) => ({
      groupId: p.group.id,
      platform: 'slack',
      tenantId: 'T0001',
      platformUserId: unique('U'),
      displayName: 'Jörgen Ärlig',
      organisationId: null,
      roles: ['ersattare'],
      substituteForMemberId: p.member.id,
      chatUserId: null,
    }),
    patch: (p) => ({ roles: ['ledamot', 'kansli'], organisationId: p.organisation.id, substituteForMemberId: null, chatUserId: '29:1jorgen-arlig' }),
    filter: (m) => ({ groupId: m.groupId, platform: m.platform, organisationId: m.organisationId, substituteForMemberId: null }),
  }),
  meetings: roundTrip<Meeting>({
    repository: (s) => s.meetings,
    make: (p) => ({
      groupId: p.group.id,
      startsAt: new Date('2026-04-14T07:30:00.250Z'),
      durationMinutes: 90,
      seriesId: null,
      location: null,
      cancelled: false,
    }),
    patch: () => ({ cancelled: true, location: 'Rådhuset, sal 3', startsAt: new Date('2026-04-15T08:00:00.001Z') }),
    filter: (m) => ({ groupId: m.groupId, startsAt: m.startsAt, cancelled: m.cancelled, durationMinutes: 90 }),
  }),
  meetingSeries: roundTrip<MeetingSeries>({
    repository: (s) => s.meetingSeries,
    make: (p) => ({
      groupId: p.group.id,
      rule: 'FREQ=WEEKLY;INTERVAL=4;BYDAY=TU',
      firstDate: '2026-01-13',
      localTime: '13:00',
      timeZone: 'Europe/Stockholm',
      durationMinutes: 120,
      location: 'Kommunhuset',
      materialisedUntil: '2026-12-31',
    }),
    patch: () => ({ materialisedUntil: '2027-06-30', location: null }),
    filter: (m) => ({ groupId: m.groupId, rule: m.rule }),
  }),
  outbox: roundTrip<OutboxMessage>({
    repository: (s) => s.outbox,
    make: (p) => ({
      idempotencyKey: unique('standing-item'),
      groupId: p.group.id,
      channelLinkId: p.channel.id,
      kind: 'standing-item',
      meetingId: null,
      payload: { kind: 'card', card: 'notice', data: { text: 'Stående punkt: Uppföljning av lokal handlingsplan' } },
      status: 'pending',
      attempts: 0,
      nextAttemptAt: new Date('2026-04-12T07:30:00.000Z'),
      expiresAt: new Date('2026-04-14T07:30:00.000Z'),
      lockedBy: null,
      lockedUntil: null,
      lastError: null,
      sentAt: null,
    }),
    patch: () => ({ status: 'sent', attempts: 2, lastError: 'HTTP 429', sentAt: new Date('2026-04-12T07:31:02.500Z'), lockedBy: 'w1' }),
    filter: (m) => ({ groupId: m.groupId, status: m.status, kind: 'standing-item' }),
  }),
  plans: roundTrip<ActionPlan>({
    repository: (s) => s.plans,
    make: (p) => ({
      groupId: p.group.id,
      year: 2027,
      version: 1,
      decidedAt: new Date('2026-12-10T13:00:00.000Z'),
      decidedByMemberId: p.member.id,
      sentToOfficeAt: null,
      lastRevisedAt: null,
    }),
    patch: () => ({ sentToOfficeAt: new Date('2026-12-11T09:00:00.000Z'), lastRevisedAt: new Date('2026-12-12T10:00:00.000Z') }),
    filter: (a) => ({ groupId: a.groupId, year: 2027, version: 1 }),
  }),
  activities: roundTrip<Activity>({
    repository: (s) => s.activities,
    make: (p) => ({
      planId: p.plan.id,
      title: 'Suicidprevention',
      description: 'Utbildning i "första hjälpen till psykisk hälsa"',
      targetGroup: 'vuxen',
      focusAreaCode: 'FO1',
      goalCode: 'M1.3',
      startDate: new Date('2026-01-15T00:00:00.000Z'),
      endDate: new Date('2026-06-30T00:00:00.000Z'),
      status: 'planerad',
      proposalId: 'area-proposal-1',
      carriedToYear: null,
    }),
    patch: () => ({ status: 'pagaende', endDate: new Date('2026-08-31T00:00:00.000Z'), proposalId: null, carriedToYear: 2027 }),
    filter: (a) => ({ planId: a.planId, status: a.status }),
  }),
  proposals: roundTrip<Proposal>({
    repository: (s) => s.proposals,
    make: (p) => ({
      groupId: p.group.id,
      title: 'Samordnad individuell plan',
      description: 'Fler SIP för unga',
      targetGroup: 'bada',
      obstacles: 'Sekretess; olika journalsystem',
      proposedByMemberId: p.member.id,
      mergedIntoProposalId: null,
      roundId: null,
    }),
    patch: (p) => ({ mergedIntoProposalId: 'some-other-proposal', title: 'SIP', roundId: p.round.id }),
    filter: (x) => ({ groupId: x.groupId, proposedByMemberId: x.proposedByMemberId, roundId: x.roundId }),
  }),
  assignments: roundTrip<Assignment>({
    repository: (s) => s.assignments,
    make: (p) => ({
      groupId: p.group.id,
      activityId: p.activity.id,
      title: 'Uppdrag: SIP-rutin',
      startDate: new Date('2026-05-01T00:00:00.000Z'),
      endDate: new Date('2026-12-31T00:00:00.000Z'),
      targetGroupText: 'Barn och unga',
      purpose: 'Syfte',
      activityText: 'Aktivitet',
      memberIds: [p.member.id, 'someone-else'],
      convenerMemberId: p.member.id,
      reportingForm: { kind: 'dates', dates: ['2026-06-01', '2026-09-01'] },
      goal: 'Mål',
      resources: 'Resurser',
      finalReportForm: 'Muntlig',
      status: 'aktivt',
    }),
    patch: () => ({ reportingForm: { kind: 'every_n_weeks', weeks: 6 }, memberIds: [], status: 'slutrapporterat' }),
    filter: (a) => ({ groupId: a.groupId, activityId: a.activityId, status: a.status }),
  }),
  implementationPlans: roundTrip<ImplementationPlan>({
    repository: (s) => s.implementationPlans,
    make: (p) => ({
      assignmentId: p.assignment.id,
      subGoals: [{ id: 'sg1', title: 'Rutin klar', owner: 'Åsa', dueDate: '2026-06-30', status: 'gul' }],
      tasks: [{ id: 't1', who: 'Kommunen', what: 'Utkast', when: 'maj' }],
      indicators: [{ id: 'i1', name: 'Antal SIP', unit: 'st', baseline: 12, target: 30.5, method: 'Journal' }],
    }),
    patch: () => ({
      subGoals: [{ id: 'sg1', title: 'Rutin klar', owner: 'Åsa', dueDate: '2026-06-30', status: 'gron' }],
      tasks: [],
    }),
    filter: (i) => ({ assignmentId: i.assignmentId }),
  }),
  progressReports: roundTrip<ProgressReport>({
    repository: (s) => s.progressReports,
    make: (p) => ({
      assignmentId: p.assignment.id,
      authorMemberId: p.member.id,
      version: 1,
      submitted: false,
      progressText: 'Utkast…',
      statusColour: null,
      worksWell: '',
      worksLessWell: '',
      timelineHolds: null,
      newEndDate: null,
      indicatorValues: { i1: 14, i2: 0.5 },
      subGoalStatus: { sg1: 'gul' },
      submittedAt: null,
      correctsReportId: null,
    }),
    patch: () => ({
      submitted: true,
      statusColour: 'rod',
      timelineHolds: 'nej',
      newEndDate: new Date('2027-02-28T00:00:00.000Z'),
      indicatorValues: {},
      subGoalStatus: { sg1: 'rod', sg2: 'gron' },
      submittedAt: new Date('2026-06-02T10:11:12.131Z'),
      correctsReportId: 'first-version-id',
    }),
    filter: (r) => ({ assignmentId: r.assignmentId, submitted: r.submitted, statusColour: r.statusColour }),
  }),
  finalReports: roundTrip<FinalReport>({
    repository: (s) => s.finalReports,
    make: (p) => ({
      assignmentId: p.assignment.id,
      authorMemberId: p.member.id,
      goalMet: 'delvis',
      goalMetHow: 'Rutin antagen i två av tre kommuner',
      addedValue: 'Samsyn',
      resultsJoint: 'Gemensam rutin',
      resultsPerParty: 'Region: …',
      acceptedAt: null,
      acceptedByMemberId: null,
    }),
    patch: (p) => ({ acceptedAt: new Date('2026-11-20T12:00:00.000Z'), acceptedByMemberId: p.member.id }),
    filter: (f) => ({ assignmentId: f.assignmentId, acceptedByMemberId: f.acceptedByMemberId }),
  }),
  evaluations: roundTrip<Evaluation>({
    repository: (s) => s.evaluations,
    make: (p) => ({
      groupId: p.group.id,
      year: 2026,
      authorMemberId: p.member.id,
      learnedChildrenAndYouth: 'Tidiga insatser',
      learnedAdults: 'Arbetsträning',
      learnedPrevention: 'Föräldraskapsstöd',
      learnedCollaboration: 'Gemensamma mål',
    }),
    patch: () => ({ learnedAdults: 'IPS' }),
    filter: (e) => ({ groupId: e.groupId, year: 2026 }),
  }),
  analysisRounds: roundTrip<AnalysisRound>({
    repository: (s) => s.analysisRounds,
    make: (p) => ({
      groupId: p.group.id,
      year: 2027,
      status: 'forslag',
      proposalDeadline: new Date('2026-10-15T21:59:59.999Z'),
      votingDeadline: null,
      voteBudget: 7,
      maxVotesPerArea: 3,
      openedByMemberId: p.member.id,
      votingOpenedAt: null,
      closedAt: null,
    }),
    patch: () => ({
      status: 'rostning',
      votingOpenedAt: new Date('2026-10-16T08:00:00.001Z'),
      votingDeadline: new Date('2026-10-30T21:59:59.999Z'),
      voteBudget: 5,
    }),
    filter: (r) => ({ groupId: r.groupId, status: r.status, year: 2027 }),
  }),
  ballots: roundTrip<Ballot>({
    repository: (s) => s.ballots,
    make: (p) => ({ roundId: p.round.id, memberId: p.member.id, organisationId: p.organisation.id, votes: { a1: 3, a2: 2 } }),
    patch: () => ({ votes: { a1: 1, 'område-ö': 3 }, organisationId: null }),
    filter: (b) => ({ roundId: b.roundId, memberId: b.memberId }),
  }),
  planChanges: roundTrip<PlanChange>({
    repository: (s) => s.planChanges,
    make: (p) => ({
      groupId: p.group.id,
      planId: p.plan.id,
      planVersion: 1,
      memberId: p.member.id,
      action: 'activity-added',
      entityId: p.activity.id,
      details: { title: 'Gemensam kartläggning', focusAreaCode: 'FO2', weeks: 6, note: null },
    }),
    patch: () => ({ planVersion: 2, details: {} }),
    filter: (c) => ({ groupId: c.groupId, planId: c.planId, action: 'activity-added' }),
  }),
  planVersions: roundTrip<PlanVersion>({
    repository: (s) => s.planVersions,
    make: (p) => ({
      groupId: p.group.id,
      planId: p.plan.id,
      year: 2027,
      version: Number(unique('v').split('-')[1]),
      decidedAt: new Date('2026-12-10T14:00:00.000Z'),
      decidedByMemberId: p.member.id,
      minutes: '§ 7, möte 2026-12-10',
      activities: [
        {
          id: p.activity.id,
          title: 'Gemensam kartläggning',
          description: 'Med "citat" och åäö',
          targetGroup: 'vuxen',
          focusAreaCode: 'FO2',
          goalCode: 'M2.1',
          startDate: '2027-01-01T00:00:00.000Z',
          endDate: '2027-12-30T23:00:00.000Z',
          status: 'pagaende',
        },
      ],
    }),
    patch: () => ({ minutes: '', activities: [] }),
    filter: (v) => ({ planId: v.planId, version: v.version }),
  }),
  formDrafts: roundTrip<FormDraft>({
    repository: (s) => s.formDrafts,
    make: (p) => ({
      groupId: p.group.id,
      form: 'progress-report',
      draftKey: unique('progress-report'),
      memberId: p.member.id,
      values: { progressText: 'Vi har kommit en bit – “citat” & åäö', indicator_i1: 'fjorton' },
    }),
    patch: () => ({ values: {} }),
    filter: (d) => ({ groupId: d.groupId, draftKey: d.draftKey }),
  }),
  followUps: roundTrip<ImplementationFollowUp>({
    repository: (s) => s.followUps,
    make: (p) => ({
      groupId: p.group.id,
      assignmentId: p.assignment.id,
      monthsAfter: 6,
      authorMemberId: p.member.id,
      inUse: 'delvis',
      howUsed: 'Rutinen används i två kommuner',
      nextSteps: 'Utbilda nyanställda',
    }),
    patch: () => ({ inUse: 'helt', nextSteps: '' }),
    filter: (f) => ({ assignmentId: f.assignmentId, monthsAfter: 6 }),
  }),
  homework: roundTrip<Homework>({
    repository: (s) => s.homework,
    make: (p) => ({
      groupId: p.group.id,
      title: 'Hemuppgift 3: fler synpunkter och mått',
      questions: ['Synpunkter i sak?', 'Hur kan effekten mätas?'],
      deadline: new Date('2026-05-04T21:59:59.999Z'),
      createdByMemberId: p.member.id,
    }),
    patch: () => ({ questions: ['Endast en fråga'], deadline: new Date('2026-05-11T21:59:59.999Z') }),
    filter: (h) => ({ groupId: h.groupId, title: h.title }),
  }),
  homeworkAnswers: roundTrip<HomeworkAnswer>({
    repository: (s) => s.homeworkAnswers,
    make: (p) => ({ homeworkId: p.homework.id, memberId: p.member.id, answers: ['Bra i sak', ''] }),
    patch: () => ({ answers: ['Ändrat svar', 'Antal SIP'] }),
    filter: (a) => ({ homeworkId: a.homeworkId, memberId: a.memberId }),
  }),
  archivedTexts: roundTrip<ArchivedText>({
    repository: (s) => s.archivedTexts,
    make: (p) => ({
      groupId: p.group.id,
      assignmentId: p.assignment.id,
      closedAt: new Date('2023-06-30T10:15:00.123Z'),
      texts: {
        progressReports: [{ id: 'r1', progressText: 'Vi har börjat – “citat” & åäö', worksWell: 'Samarbetet', worksLessWell: '' }],
        finalReports: [{ id: 'f1', goalMetHow: 'Rutinen finns', addedValue: 'Färre överlämningar', resultsJoint: 'SIP-mall', resultsPerParty: 'Kommunen: utbildning' }],
        implementationPlan: {
          id: 'i1',
          subGoals: [{ id: 'd1', title: 'Kartlägg', owner: 'Åsa', dueDate: '2023-03-01', status: 'gron' }],
          tasks: [{ id: 't1', who: 'Bo', what: 'Enkät', when: 'mars' }],
          indicators: [{ id: 'k1', name: 'Antal SIP', unit: 'st', baseline: 4, target: 12.5, method: 'Journal' }],
        },
        followUps: [{ id: 'u1', howUsed: 'I två kommuner', nextSteps: '' }],
      },
    }),
    patch: () => ({ texts: { progressReports: [], finalReports: [], implementationPlan: null, followUps: [] } }),
    filter: (a) => ({ assignmentId: a.assignmentId }),
  }),
  dataRightsRequests: roundTrip<DataRightsRequest>({
    repository: (s) => s.dataRightsRequests,
    make: (p) => ({
      platform: 'teams',
      tenantId: 'tenant-1',
      action: 'anonymise',
      subjectUserId: unique('29:user'),
      subjectName: 'Örjan Ängström',
      requestedByMemberId: p.member.id,
      requestedByName: p.member.displayName,
      status: 'pending',
      counts: { members: 2, ballots: 1 },
      completedAt: null,
    }),
    patch: () => ({ status: 'done', completedAt: new Date('2026-12-01T09:30:00.001Z'), subjectUserId: 'anonymiserad', subjectName: 'Anonymiserad person' }),
    filter: (r) => ({ platform: 'teams', tenantId: 'tenant-1', subjectUserId: r.subjectUserId, status: r.status }),
  }),
  processedRequests: roundTrip<ProcessedRequest>({
    repository: (s) => s.processedRequests,
    make: () => ({ platform: 'slack', key: unique('event:Ev0123') }),
    patch: () => ({ platform: 'teams', key: unique('a:19:abc@thread.tacv2|1710000000000') }),
    filter: (r) => ({ platform: r.platform, key: r.key }),
  }),
  installations: roundTrip<Installation>({
    repository: (s) => s.installations,
    make: () => ({ platform: 'slack', tenantId: unique('T0'), sealed: 'v1.aXY.dGFn.Y2lwaGVy' }),
    patch: () => ({ sealed: 'v1.bmV3.dGFn.bmV3Y2lwaGVy' }),
    filter: (r) => ({ platform: r.platform, tenantId: r.tenantId }),
  }),
};

for (const backend of backends) {
  describe.skipIf(backend.skip)(`Prisma store on ${backend.name}`, () => {
    const clock = fixedClock('2026-03-02T08:00:00.123Z');
    let database: TempDatabase;
    let store: Store;

    beforeAll(async () => {
      database = await backend.createDatabase();
      await migrateDatabase(database.url);
      store = createStore(database.url, { clock });
    });

    afterAll(async () => {
      await store?.close();
      await database?.drop();
    });

    it('answers ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it.each(Object.entries(ROUND_TRIPS))('round-trips %s through create/get/update/list/delete', async (key, spec) => {
      const descriptor = MODELS[key as keyof typeof MODELS];
      const repository = spec.repository(store);
      const parents = await seedParents(store);
      const input = spec.make(parents);
      const createdAt = clock.now();

      const created = await repository.create(input);
      const stamps = {
        ...(descriptor.createdAt ? { createdAt } : {}),
        ...(descriptor.updatedAt ? { updatedAt: createdAt } : {}),
      };
      expect(created).toStrictEqual({ ...input, id: created.id, ...stamps });
      expect(await repository.get(created.id)).toStrictEqual(created);

      clock.advance(61_000);
      const patch = spec.patch(parents);
      const updated = await repository.update(created.id, patch);
      const expected = { ...created, ...patch, ...(descriptor.updatedAt ? { updatedAt: clock.now() } : {}) };
      expect(updated).toStrictEqual(expected);
      expect(await repository.get(created.id)).toStrictEqual(expected);
      expect(await repository.list(spec.filter(updated))).toStrictEqual([expected]);

      await repository.delete(created.id);
      expect(await repository.get(created.id)).toBeNull();
      await expect(repository.delete(created.id)).resolves.toBeUndefined();
    });

    it('lists meetings of every group starting in a half-open time range, earliest first', async () => {
      const { group } = await seedParents(store);
      const other = await seedParents(store);
      const at = (iso: string, groupId = group.id, cancelled = false) =>
        store.meetings.create({ groupId, startsAt: new Date(iso), durationMinutes: 60, seriesId: null, location: null, cancelled });
      await at('2030-05-05T10:00:00.000Z');
      const inside = await at('2030-05-06T09:59:59.999Z', other.group.id);
      const first = await at('2030-05-05T10:00:00.001Z', group.id, true);
      await at('2030-05-06T10:00:00.000Z');
      const found = await store.meetings.listStartingBetween(new Date('2030-05-05T10:00:00.001Z'), new Date('2030-05-06T10:00:00.000Z'));
      expect(found.map((meeting) => meeting.id)).toEqual([first.id, inside.id]);
    });

    it('enqueues an outbox message once per idempotency key', async () => {
      const parents = await seedParents(store);
      const message = ROUND_TRIPS.outbox.make(parents) as NewRecord<OutboxMessage>;
      const first = await store.outbox.enqueue(message);
      expect(first).not.toBeNull();
      expect(await store.outbox.enqueue({ ...message, payload: { other: true } })).toBeNull();
      expect(await store.outbox.list({ idempotencyKey: message.idempotencyKey })).toStrictEqual([first]);
    });

    it('enqueues many outbox messages at once: new keys only, read back as enqueue writes them, claimable by time', async () => {
      const parents = await seedParents(store);
      const base = ROUND_TRIPS.outbox.make(parents) as NewRecord<OutboxMessage>;
      const existing = await store.outbox.enqueue({ ...base, idempotencyKey: unique('existing') });
      const now = new Date('2026-04-12T08:00:00.000Z');
      // 250 rows: three INSERT statements; one key twice in the batch, one already stored.
      const records = Array.from({ length: 250 }, (_, index) => ({
        ...base,
        idempotencyKey: unique(`many-${index}`),
        payload: { kind: 'card', card: 'notice', data: { text: `Stående punkt ${index}: åäö` } },
        nextAttemptAt: new Date(now.getTime() - index),
      }));
      const created = await store.outbox.enqueueMany([...records, records[7]!, { ...base, idempotencyKey: existing!.idempotencyKey }]);
      expect(created).toBe(250);
      expect(await store.outbox.enqueueMany(records.slice(0, 3))).toBe(0);
      expect(await store.outbox.enqueueMany([])).toBe(0);

      const [stored] = await store.outbox.list({ idempotencyKey: records[42]!.idempotencyKey });
      const viaEnqueue = await store.outbox.enqueue({ ...records[42]!, idempotencyKey: unique('single') });
      expect(stored).toStrictEqual({ ...viaEnqueue, id: stored!.id, idempotencyKey: records[42]!.idempotencyKey, createdAt: stored!.createdAt });
      expect(await store.outbox.get(stored!.id)).toStrictEqual(stored);
      // Range queries of the client read the dates the SQL wrote: the 250 are due, in time order.
      const claimed = (await store.outbox.claimDue(now, 'worker-many', 30_000, 500)).filter((m) => m.idempotencyKey.includes('many-'));
      expect(claimed).toHaveLength(250);
      expect(claimed[0]!.idempotencyKey).toBe(records[249]!.idempotencyKey);
      // (Tests share the database: leave nothing that later claims would find due.)
      expect(await store.outbox.deleteWhere({ groupId: parents.group.id })).toBe(252);
    });

    it('leases each due outbox message to exactly one of two racing workers', async () => {
      const parents = await seedParents(store);
      const now = new Date('2026-04-12T08:00:00.000Z');
      const base = ROUND_TRIPS.outbox.make(parents) as NewRecord<OutboxMessage>;
      const keys: string[] = [];
      for (let index = 0; index < 20; index += 1) {
        const key = unique(`race-${index}`);
        keys.push(key);
        await store.outbox.enqueue({ ...base, idempotencyKey: key, nextAttemptAt: new Date(now.getTime() - index * 1000) });
      }
      await store.outbox.enqueue({ ...base, idempotencyKey: unique('later'), nextAttemptAt: new Date(now.getTime() + 60_000) });
      await store.outbox.enqueue({ ...base, idempotencyKey: unique('sent'), status: 'sent', nextAttemptAt: now });

      const [a, b] = await Promise.all([
        store.outbox.claimDue(now, 'worker-a', 30_000, 50),
        store.outbox.claimDue(now, 'worker-b', 30_000, 50),
      ]);
      const claimed = [...a, ...b].filter((message) => keys.includes(message.idempotencyKey));
      expect(claimed.map((message) => message.idempotencyKey).sort()).toEqual([...keys].sort());
      expect(new Set(claimed.map((message) => message.id)).size).toBe(20);
      for (const message of a) expect(message).toMatchObject({ lockedBy: 'worker-a', lockedUntil: new Date(now.getTime() + 30_000) });

      // A live lease keeps others away; an expired one frees the message again.
      expect((await store.outbox.claimDue(now, 'worker-c', 30_000, 50)).filter((m) => keys.includes(m.idempotencyKey))).toEqual([]);
      const later = new Date(now.getTime() + 31_000);
      const reclaimed = (await store.outbox.claimDue(later, 'worker-c', 30_000, 50)).filter((m) => keys.includes(m.idempotencyKey));
      expect(reclaimed).toHaveLength(20);
    });

    it('throws NotFoundError when updating an unknown id', async () => {
      await expect(store.groups.update('no-such-id', { name: 'x' })).rejects.toBeInstanceOf(NotFoundError);
      await expect(store.progressReports.update('no-such-id', { submitted: true })).rejects.toThrow(
        'ProgressReport no-such-id not found',
      );
    });

    it('lists oldest first, keeping creation order within the same instant', async () => {
      const { group, member } = await seedParents(store);
      const propose = (title: string) =>
        store.proposals.create({
          groupId: group.id,
          title,
          description: '',
          targetGroup: 'vuxen',
          obstacles: '',
          proposedByMemberId: member.id,
          mergedIntoProposalId: null,
          roundId: null,
        });
      const titles = ['första', 'andra', 'tredje', 'fjärde', 'femte'];
      for (const title of titles) await propose(title);
      clock.advance(-3_600_000);
      await propose('äldst');
      clock.advance(3_600_000);
      const listed = await store.proposals.list({ groupId: group.id });
      expect(listed.map((p) => p.title)).toEqual(['äldst', ...titles]);
    });

    it('filters on null, booleans, numbers and dates', async () => {
      const { group } = await seedParents(store);
      const base = { groupId: group.id, seriesId: null, durationMinutes: 60 };
      const early = await store.meetings.create({ ...base, startsAt: new Date('2026-05-05T08:00:00.000Z'), location: null, cancelled: false });
      const late = await store.meetings.create({ ...base, startsAt: new Date('2026-06-05T08:00:00.000Z'), location: 'Kommunhuset', cancelled: true });
      expect(await store.meetings.list({ groupId: group.id })).toStrictEqual([early, late]);
      expect(await store.meetings.list({ groupId: group.id, location: null })).toStrictEqual([early]);
      expect(await store.meetings.list({ groupId: group.id, cancelled: true })).toStrictEqual([late]);
      expect(await store.meetings.list({ groupId: group.id, startsAt: new Date('2026-05-05T08:00:00.000Z') })).toStrictEqual([early]);
      expect(await store.meetings.list({ groupId: group.id, durationMinutes: 45 })).toStrictEqual([]);
      expect((await store.meetings.list()).length).toBeGreaterThanOrEqual(2);
    });

    it('lists the records whose field is one of many values, with the filter, across IN chunks', async () => {
      const { group } = await seedParents(store);
      const other = await store.groups.create(newGroup());
      const base = { seriesId: null, durationMinutes: 60, location: null };
      const mine = await store.meetings.create({ ...base, groupId: group.id, startsAt: new Date('2026-05-05T08:00:00.000Z'), cancelled: false });
      await store.meetings.create({ ...base, groupId: group.id, startsAt: new Date('2026-05-06T08:00:00.000Z'), cancelled: true });
      const theirs = await store.meetings.create({ ...base, groupId: other.id, startsAt: new Date('2026-05-07T08:00:00.000Z'), cancelled: false });
      // More values than one IN list holds (500): every chunk is read.
      const ids = [...Array.from({ length: 700 }, (_, index) => `no-such-group-${index}`), group.id, other.id];
      const listed = await store.meetings.listIn('groupId', ids, { cancelled: false });
      expect(listed.map((meeting) => meeting.id).sort()).toEqual([mine.id, theirs.id].sort());
      expect(await store.meetings.listIn('groupId', [], {})).toEqual([]);
    });

    it('refuses a filter field that is not a column name instead of writing it into SQL', async () => {
      const forged = { 'groupId" = \'x\' OR 1=1 --': 'x' } as unknown as Filter<Meeting>;
      await expect(store.meetings.list(forged)).rejects.toThrow('not a column or table name');
      await expect(store.meetings.listIn('id', ['x'], forged)).rejects.toThrow('not a column or table name');
    });

    it('deletes only the records matching every field of the filter, and refuses an empty filter', async () => {
      const { group } = await seedParents(store);
      const base = { seriesId: null, durationMinutes: 60, location: null };
      const cancelled = await store.meetings.create({ ...base, groupId: group.id, startsAt: new Date('2026-05-05T08:00:00.000Z'), cancelled: true });
      const kept = await store.meetings.create({ ...base, groupId: group.id, startsAt: new Date('2026-05-06T08:00:00.000Z'), cancelled: false });
      expect(await store.meetings.deleteWhere({ groupId: group.id, cancelled: true })).toBe(1);
      expect(await store.meetings.get(cancelled.id)).toBeNull();
      expect(await store.meetings.deleteWhere({ groupId: group.id, cancelled: true })).toBe(0);
      await expect(store.meetings.deleteWhere({})).rejects.toThrow('deleteWhere needs a filter');
      await expect(store.meetings.deleteWhere({ groupId: undefined })).rejects.toThrow('deleteWhere needs a filter');
      expect(await store.meetings.list({ groupId: group.id })).toStrictEqual([kept]);
    });

    it('finds the group of a channel address in one query, and null for an unknown address', async () => {
      const { group } = await seedParents(store);
      const channelId = unique('C');
      await store.channels.create({ groupId: group.id, platform: 'slack', tenantId: 'T_GROUP', channelId, channelName: null, conversationReference: null });
      expect(await store.channels.findGroupByAddress('slack', 'T_GROUP', channelId)).toStrictEqual(await store.groups.get(group.id));
      expect(await store.channels.findGroupByAddress('slack', 'T_OTHER', channelId)).toBeNull();
    });

    it('finds the group of a channel address and the member asking in one query', async () => {
      const { group } = await seedParents(store);
      const other = await store.groups.create(newGroup());
      const channelId = unique('C');
      await store.channels.create({ groupId: group.id, platform: 'slack', tenantId: 'T_GM', channelId, channelName: null, conversationReference: null });
      const member = { platform: 'slack' as const, tenantId: 'T_GM', displayName: 'Åsa Öberg', organisationId: null, substituteForMemberId: null };
      const asa = await store.members.create({ ...member, groupId: group.id, platformUserId: 'U_ASA', roles: ['ordforande', 'kansli'] });
      // The same person in another group, and another platform's user with the same id: neither is this one.
      await store.members.create({ ...member, groupId: other.id, platformUserId: 'U_BO', roles: ['ledamot'] });
      await store.members.create({ ...member, platform: 'teams', groupId: group.id, platformUserId: 'U_BO', roles: ['ledamot'] });

      expect(await store.channels.findGroupAndMember('slack', 'T_GM', channelId, 'U_ASA')).toStrictEqual({ group: await store.groups.get(group.id), member: asa });
      expect(await store.channels.findGroupAndMember('slack', 'T_GM', channelId, 'U_BO')).toStrictEqual({ group: await store.groups.get(group.id), member: null });
      expect(await store.channels.findGroupAndMember('slack', 'T_OTHER', channelId, 'U_ASA')).toBeNull();
    });

    it('finds channels by address and members by platform user', async () => {
      const { group, member } = await seedParents(store);
      const channel = await store.channels.create({
        groupId: group.id,
        platform: 'teams',
        tenantId: 'tenant-A',
        channelId: unique('19:abc'),
        channelName: 'Samverkan',
        conversationReference: null,
      });
      expect(await store.channels.findByAddress('teams', 'tenant-A', channel.channelId)).toStrictEqual(channel);
      expect(await store.channels.findByAddress('teams', 'tenant-B', channel.channelId)).toBeNull();
      expect(await store.channels.findByAddress('slack', 'tenant-A', channel.channelId)).toBeNull();
      expect(await store.members.findByPlatformUser(group.id, 'teams', member.platformUserId)).toStrictEqual(member);
      expect(await store.members.findByPlatformUser(group.id, 'slack', member.platformUserId)).toBeNull();
      expect(await store.members.findByPlatformUser('other-group', 'teams', member.platformUserId)).toBeNull();
    });

    it('enforces the unique constraints', async () => {
      const { group, member, assignment } = await seedParents(store);
      const channel = { groupId: group.id, platform: 'teams' as const, tenantId: 't', channelId: unique('c'), channelName: null, conversationReference: null };
      await store.channels.create(channel);
      await expect(store.channels.create(channel)).rejects.toBeInstanceOf(DuplicateError);
      // Same channel id in another tenant is another channel.
      await expect(store.channels.create({ ...channel, tenantId: 'other' })).resolves.toBeTruthy();

      const { id: _id, createdAt: _createdAt, ...memberInput } = member;
      await expect(store.members.create({ ...memberInput, displayName: 'Dubblett' })).rejects.toBeInstanceOf(DuplicateError);

      const plan = { groupId: group.id, year: 2026, version: 1, decidedAt: null, decidedByMemberId: null, sentToOfficeAt: null, lastRevisedAt: null };
      await expect(store.plans.create(plan)).rejects.toBeInstanceOf(DuplicateError);
      await expect(store.plans.create({ ...plan, version: 2 })).resolves.toBeTruthy();

      const implementation = { assignmentId: assignment.id, subGoals: [], tasks: [], indicators: [] };
      await store.implementationPlans.create(implementation);
      await expect(store.implementationPlans.create(implementation)).rejects.toBeInstanceOf(DuplicateError);

      // One ballot per member and round: changing a vote replaces it.
      const { round } = await seedParents(store);
      const ballot = { roundId: round.id, memberId: member.id, organisationId: null, votes: { a: 1 } };
      await store.ballots.create(ballot);
      await expect(store.ballots.create({ ...ballot, votes: { b: 2 } })).rejects.toBeInstanceOf(DuplicateError);

      // One archive per assignment: a second instance archiving the same assignment is refused.
      const archive = { groupId: group.id, assignmentId: assignment.id, closedAt: new Date(), texts: { progressReports: [], finalReports: [], implementationPlan: null, followUps: [] } };
      await store.archivedTexts.create(archive);
      await expect(store.archivedTexts.create(archive)).rejects.toBeInstanceOf(DuplicateError);
    });

    it('rejects children of unknown parents (foreign keys)', async () => {
      await expect(
        store.organisations.create({ groupId: 'no-such-group', name: 'X', kind: 'kommun' }),
      ).rejects.toBeTruthy();
    });

    it('deletes everything of a group with the group', async () => {
      const { group, member, plan, activity, assignment } = await seedParents(store);
      const report = await store.progressReports.create({ ...ROUND_TRIPS.progressReports.make({ group, member, assignment } as Parents) } as NewRecord<ProgressReport>);
      const archive = await store.archivedTexts.create(ROUND_TRIPS.archivedTexts.make({ group, assignment } as Parents) as NewRecord<ArchivedText>);
      await store.groups.delete(group.id);
      expect(await store.archivedTexts.get(archive.id)).toBeNull();
      expect(await store.members.get(member.id)).toBeNull();
      expect(await store.plans.get(plan.id)).toBeNull();
      expect(await store.activities.get(activity.id)).toBeNull();
      expect(await store.assignments.get(assignment.id)).toBeNull();
      expect(await store.progressReports.get(report.id)).toBeNull();
    });

    describe('transaction', () => {
      it('offers every repository with the same methods as the store, each made once per transaction', async () => {
        const repositories = Object.keys(MODELS) as (keyof typeof MODELS)[];
        await store.transaction(async (tx) => {
          for (const key of repositories) {
            expect(Object.keys(tx[key]).sort(), key).toEqual(Object.keys(store[key]).sort());
            expect(tx[key], key).toBe(tx[key]);
            expect(tx[key], key).not.toBe(store[key]);
          }
          expect(await tx.channels.findGroupAndMember('slack', 'T-none', 'C-none', 'U-none')).toBeNull();
        });
      });

      it('commits every write together and returns the result', async () => {
        const result = await store.transaction(async (tx) => {
          const group = await tx.groups.create(newGroup());
          const organisation = await tx.organisations.create({ groupId: group.id, name: 'Kommunen', kind: 'kommun' });
          // Reads inside see the writes; a nested transaction joins the open one.
          expect(await tx.groups.get(group.id)).toStrictEqual(group);
          await tx.transaction(async (inner) => inner.organisations.update(organisation.id, { name: 'Kommunen i Öst' }));
          return { group, organisation };
        });
        expect(await store.groups.get(result.group.id)).toStrictEqual(result.group);
        expect((await store.organisations.get(result.organisation.id))?.name).toBe('Kommunen i Öst');
      });

      it('rolls back every write when the function throws, and rethrows', async () => {
        const name = unique('rollback');
        const failure = new Error('avbrutet');
        await expect(
          store.transaction(async (tx) => {
            const group = await tx.groups.create({ ...newGroup(), name });
            await tx.organisations.create({ groupId: group.id, name, kind: 'kommun' });
            throw failure;
          }),
        ).rejects.toBe(failure);
        expect(await store.groups.list({ name })).toEqual([]);
      });

      it('rolls back a transaction that runs past its timeout, and refuses its later statements', async () => {
        const short = createStore(database.url, { clock, transactionTimeoutMs: 300 });
        try {
          const name = unique('rollback-timeout');
          let late: Promise<unknown> | undefined;
          await expect(
            short.transaction(async (tx) => {
              await tx.groups.create({ ...newGroup(), name });
              await new Promise((resolve) => setTimeout(resolve, 600));
              late = tx.groups.create({ ...newGroup(), name });
              await late;
            }),
          ).rejects.toBeInstanceOf(TransactionTimeoutError);
          await new Promise((resolve) => setTimeout(resolve, 500));
          await expect(late).rejects.toThrow('the transaction has already ended');
          expect(await short.groups.list({ name })).toEqual([]);
          // The store goes on working after it.
          expect((await short.transaction(async (tx) => tx.groups.create({ ...newGroup(), name }))).name).toBe(name);
        } finally {
          await short.close();
        }
      });

      it('rolls back when a write inside fails', async () => {
        const name = unique('rollback-notfound');
        await expect(
          store.transaction(async (tx) => {
            await tx.groups.create({ ...newGroup(), name });
            await tx.meetings.update('no-such-meeting', { cancelled: true });
          }),
        ).rejects.toBeInstanceOf(NotFoundError);
        expect(await store.groups.list({ name })).toEqual([]);
      });

      it('keeps writes made outside a transaction that rolls back meanwhile', async () => {
        const inside = unique('inside');
        const outside = unique('outside');
        let release!: () => void;
        const held = new Promise<void>((resolve) => (release = resolve));
        let entered!: () => void;
        const open = new Promise<void>((resolve) => (entered = resolve));
        const failing = store.transaction(async (tx) => {
          await tx.groups.create({ ...newGroup(), name: inside });
          entered();
          await held;
          throw new Error('rollback');
        });
        await open;
        // On SQLite's single connection this write would silently join the open transaction without the
        // store's gate, and vanish with its rollback.
        const concurrent = store.groups.create({ ...newGroup(), name: outside });
        // Give the outside write every chance to run before the transaction ends.
        await new Promise((resolve) => setTimeout(resolve, 50));
        release();
        await expect(failing).rejects.toThrow('rollback');
        await concurrent;
        expect(await store.groups.list({ name: inside })).toEqual([]);
        expect(await store.groups.list({ name: outside })).toHaveLength(1);
      });
    });
  });
}
