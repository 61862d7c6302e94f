// A world for authorization and fuzz tests of the core: a group with one of everything a button or form
// can name (assignments with reports, a meeting, an analysis round with proposals, homework …) and one
// member per role, seeded straight into a store. Seed several to have "other groups" and "other tenants".
import type { Actor, ChannelAddress, FormValues } from '../../src/core/events.js';
import type { Role } from '../../src/core/domain.js';
import { createBot } from '../../src/core/bot.js';
import type { Store } from '../../src/core/ports.js';
import { addAssignment, addMember } from './report-fixtures.js';
import { sampleRegionalPlan } from './action-plan-scenario.js';
import { createInMemoryStore } from './in-memory-store.js';
import { fixedClock } from './fixed-clock.js';
import { testRegion } from './test-region.js';

const regionalPlan = sampleRegionalPlan();

/** The real bot on a fresh in-memory store, with the sample regional plan and a fixed clock. */
export function worldBot() {
  const clock = fixedClock('2026-09-14T08:00:00Z');
  const store = createInMemoryStore(clock.now);
  const bot = createBot({ region: testRegion(), store, clock, defaults: { locale: 'sv', timeZone: 'Europe/Stockholm' }, actionPlan: { regionalPlan, activityLimit: 8 } });
  return { clock, store, bot };
}

export const ROLES = ['ordforande', 'sammankallande (eget uppdrag)', 'sammankallande (annat uppdrag)', 'ledamot', 'ersattare (för sammankallande)', 'kansli', 'inte medlem ännu'] as const;
export type Who = (typeof ROLES)[number];

export const USERS: Record<Who, { userId: string; displayName: string; roles: Role[]; substitute?: boolean } | null> = {
  ordforande: { userId: 'U_CHAIR', displayName: 'Anna Ordförande', roles: ['ordforande'] },
  'sammankallande (eget uppdrag)': { userId: 'U_CONVENER', displayName: 'Cilla Sammankallande', roles: ['sammankallande'] },
  'sammankallande (annat uppdrag)': { userId: 'U_OTHER_CONVENER', displayName: 'Olle Sammankallande', roles: ['sammankallande'] },
  ledamot: { userId: 'U_MEMBER', displayName: 'Bo Ledamot', roles: ['ledamot'] },
  'ersattare (för sammankallande)': { userId: 'U_SUBSTITUTE', displayName: 'Sven Ersättare', roles: ['ersattare'], substitute: true },
  // Kansli by the region file of the tests (U_OFFICE in T111), not by a member role: a ledamot row here.
  kansli: { userId: 'U_OFFICE', displayName: 'Kim Kansli', roles: ['ledamot'] },
  'inte medlem ännu': null,
};

export interface World {
  channel: ChannelAddress;
  ids: FormValues;
}

export const channelOf = (tenantId: string, channelId: string, name: string): ChannelAddress => ({
  platform: 'slack',
  tenantId,
  channelId,
  channelName: name,
  conversationReference: null,
  isPersonal: false,
});

/** A group with one of everything a button or form can name; `marker` is in every title it has. */
export async function seedGroup(bot: ReturnType<typeof createBot>, store: Store, channel: ChannelAddress, marker: string, voting: boolean): Promise<World> {
  const chairActor: Actor = { platform: 'slack', tenantId: channel.tenantId, userId: 'U_CHAIR', displayName: 'Anna Ordförande' };
  await bot.handle({ type: 'bot-added', channel, actor: chairActor });
  const group = (await store.groups.list()).at(-1)!;
  const organisation = await store.organisations.create({ groupId: group.id, name: `Region ${marker}`, kind: 'region' });
  const members: Partial<Record<Who, string>> = {};
  let convenerId = '';
  for (const who of ROLES) {
    const user = USERS[who];
    if (!user) continue;
    const substitute = user.substitute ? await store.members.get(convenerId) : null;
    const member = await addMember(store, group.id, { tenantId: channel.tenantId, userId: user.userId, displayName: user.displayName, roles: user.roles, substituteFor: substitute });
    await store.members.update(member.id, { organisationId: organisation.id });
    members[who] = member.id;
    if (who === 'sammankallande (eget uppdrag)') convenerId = member.id;
  }
  const convener = (await store.members.get(convenerId))!;
  const other = (await store.members.get(members['sammankallande (annat uppdrag)']!))!;
  const { assignment, plan: implementation } = await addAssignment(store, group.id, { convener, title: `Uppdrag ${marker}` });
  await addAssignment(store, group.id, { convener: other, title: `Annat uppdrag ${marker}` });
  const { assignment: reported } = await addAssignment(store, group.id, { convener, title: `Slutrapporterat ${marker}` });
  await store.assignments.update(reported.id, { status: 'slutrapporterat' });
  const finalReport = await store.finalReports.create({
    assignmentId: reported.id,
    authorMemberId: convener.id,
    goalMet: 'delvis',
    goalMetHow: `Mål ${marker}`,
    addedValue: 'Samsyn',
    resultsJoint: 'Rutin',
    resultsPerParty: 'Kommunen',
    acceptedAt: null,
    acceptedByMemberId: null,
  });
  const report = await store.progressReports.create({
    assignmentId: assignment.id,
    authorMemberId: convener.id,
    version: 1,
    submitted: true,
    progressText: `Rapport ${marker}`,
    statusColour: 'gul',
    worksWell: 'Samarbetet',
    worksLessWell: '',
    timelineHolds: 'ja',
    newEndDate: null,
    indicatorValues: { i1: 18 },
    subGoalStatus: { sg1: 'gron' },
    submittedAt: new Date('2026-09-01T08:00:00Z'),
    correctsReportId: null,
  });
  const meeting = await store.meetings.create({ groupId: group.id, startsAt: new Date('2026-10-06T11:00:00Z'), durationMinutes: 120, seriesId: null, location: `Stadshuset ${marker}`, cancelled: false });
  const chairId = members.ordforande!;
  const round = await store.analysisRounds.create({
    groupId: group.id,
    year: 2026,
    status: voting ? 'rostning' : 'forslag',
    proposalDeadline: new Date(voting ? '2026-09-01T21:59:59Z' : '2026-10-01T21:59:59Z'),
    votingDeadline: voting ? new Date('2026-10-01T21:59:59Z') : null,
    voteBudget: 7,
    maxVotesPerArea: 3,
    openedByMemberId: chairId,
    votingOpenedAt: voting ? new Date('2026-09-02T08:00:00Z') : null,
    closedAt: null,
  });
  const proposal = (title: string) =>
    store.proposals.create({ groupId: group.id, title, description: 'Beskrivning', targetGroup: 'vuxen', obstacles: '', proposedByMemberId: chairId, mergedIntoProposalId: null, roundId: round.id });
  const first = await proposal(`Förslag ett ${marker}`);
  const second = await proposal(`Förslag två ${marker}`);
  // An activity of the decided plan with no assignment yet: the one a removal can really remove.
  const { planId } = (await store.activities.get(assignment.activityId))!;
  const spare = await store.activities.create({
    planId,
    title: `Fristående aktivitet ${marker}`,
    description: 'Gemensam utbildningsdag',
    targetGroup: 'vuxen',
    focusAreaCode: 'FO2',
    goalCode: 'FO2.1',
    startDate: new Date('2026-10-01T00:00:00Z'),
    endDate: new Date('2026-12-31T00:00:00Z'),
    status: 'planerad',
    proposalId: null,
  });
  // The kansli admin's request to anonymise someone who has left: it waits for the same admin's "Bekräfta".
  const request = await store.dataRightsRequests.create({
    platform: channel.platform,
    tenantId: channel.tenantId,
    action: 'anonymise',
    subjectUserId: `U_LEFT_${marker}`,
    subjectName: 'Lena Lämnat',
    requestedByMemberId: members.kansli!,
    requestedByName: 'Kim Kansli',
    status: 'pending',
    counts: {},
    completedAt: null,
  });
  const homework = await store.homework.create({ groupId: group.id, title: `Hemuppgift ${marker}`, questions: ['Vad har ni gjort?'], deadline: new Date('2026-10-01T21:59:59Z'), createdByMemberId: chairId });
  return {
    channel,
    ids: {
      assignmentId: assignment.id,
      reportId: report.id,
      finalReportId: finalReport.id,
      roundId: round.id,
      activityId: assignment.activityId,
      meetingId: meeting.id,
      memberId: members.ledamot!,
      homeworkId: homework.id,
      proposalId: first.id,
      proposalIds: `${first.id},${second.id}`,
      organisationId: organisation.id,
      substituteForMemberId: '',
      convenerMemberId: convener.id,
      memberIds: convener.id,
      reportKind: 'progress',
      draftForm: 'progress-report',
      correctsReportId: '',
      year: '2026',
      spareActivityId: spare.id,
      subGoalId: implementation!.subGoals[0]!.id,
      taskId: implementation!.tasks[0]!.id,
      indicatorId: implementation!.indicators[0]!.id,
      requestId: request.id,
    },
  };
}

