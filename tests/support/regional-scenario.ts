// A region for the kansli's roll-up and data rights, written to a Store (in-memory or real) through the real
// bot (channels registered by bot-added events) plus rows for a year of work, at REGION_NOW.
// Slack workspace T111: LSG Uddevalla (C_UDD, office channel C_KANSLI) and LSG Lysekil (C_LYS), and the
// kansli channel itself. Two groups that must NEVER appear in T111's roll-up: one in Slack workspace T999
// that even reuses the channel id C_UDD, and one on Teams in a tenant whose id is also "T111".
import type { Activity, ActivityStatus, Assignment, Group, Member, ReportingForm, TargetGroup } from '../../src/core/domain.js';
import type { Bot } from '../../src/core/bot.js';
import type { Actor, ChannelAddress } from '../../src/core/events.js';
import type { Store } from '../../src/core/ports.js';
import { actor, slackChannel } from './events.js';

/** Thursday 15 October 2026, 10:00 in Stockholm. */
export const REGION_NOW = '2026-10-15T08:00:00Z';

export const regionChannels = {
  uddevalla: slackChannel({ channelId: 'C_UDD', channelName: 'LSG Uddevalla' }),
  lysekil: slackChannel({ channelId: 'C_LYS', channelName: 'LSG Lysekil' }),
  kansli: slackChannel({ channelId: 'C_KANSLI', channelName: 'Kansliet' }),
  otherWorkspace: slackChannel({ tenantId: 'T999', channelId: 'C_UDD', channelName: 'LSG Annan arbetsyta' }),
  teams: {
    platform: 'teams',
    tenantId: 'T111',
    channelId: '19:lsg-teams@thread.tacv2',
    channelName: 'LSG Teams',
    conversationReference: null,
    isPersonal: false,
  } satisfies ChannelAddress,
};

export const regionPeople = {
  chair: actor({ userId: 'U_CHAIR', displayName: 'Anna Ordförande' }),
  kansli: actor({ userId: 'U_KANSLI', displayName: 'Karin Kansli' }),
  bo: actor({ userId: 'U_BO', displayName: 'Bo Ek' }),
  otherWorkspaceChair: actor({ tenantId: 'T999', userId: 'U_OTHER', displayName: 'Olle Annan' }),
  /** The same user id as Bo, in the other workspace: another person whom nothing here may touch. */
  otherWorkspaceBo: actor({ tenantId: 'T999', userId: 'U_BO', displayName: 'Bo Ek' }),
  teamsChair: { platform: 'teams', tenantId: 'T111', userId: '29:teams-chair', displayName: 'Tea Teams' } satisfies Actor,
};

export interface RegionScenario {
  groups: Record<'uddevalla' | 'lysekil' | 'kansli' | 'otherWorkspace' | 'teams', Group>;
  members: { bo: Member; boLysekil: Member; otherBo: Member; chair: Member; kansliLysekil: Member };
  assignments: Record<'udd1' | 'uddClosed' | 'uddClosedLastYear' | 'lys1' | 'lys2' | 'lysReported' | 'otherClosed' | 'teamsClosed', Assignment>;
}

async function groupOf(bot: Bot, store: Store, channel: ChannelAddress, chair: Actor): Promise<Group> {
  await bot.handle({ type: 'bot-added', channel, actor: chair });
  const link = await store.channels.findByAddress(channel.platform, channel.tenantId, channel.channelId);
  return (await store.groups.get(link!.groupId))!;
}

async function member(store: Store, group: Group, who: Actor, roles: Member['roles']): Promise<Member> {
  const existing = await store.members.findByPlatformUser(group.id, who.platform, who.userId);
  if (existing) return store.members.update(existing.id, { roles });
  return store.members.create({
    groupId: group.id,
    platform: who.platform,
    tenantId: who.tenantId,
    platformUserId: who.userId,
    displayName: who.displayName,
    organisationId: null,
    roles,
    substituteForMemberId: null,
  });
}

type ActivitySpec = [title: string, focusAreaCode: string, goalCode: string, targetGroup: TargetGroup, status: ActivityStatus];

async function plan(store: Store, group: Group, year: number, version: number, activities: ActivitySpec[]): Promise<Activity[]> {
  const created = await store.plans.create({ groupId: group.id, year, version, decidedAt: new Date(`${year}-02-01T10:00:00Z`), decidedByMemberId: null, sentToOfficeAt: null, lastRevisedAt: null });
  const result: Activity[] = [];
  for (const [title, focusAreaCode, goalCode, targetGroup, status] of activities) {
    result.push(
      await store.activities.create({
        planId: created.id,
        title,
        description: 'Beskrivning',
        targetGroup,
        focusAreaCode,
        goalCode,
        startDate: new Date(`${year}-03-01T00:00:00Z`),
        endDate: new Date(`${year}-12-15T00:00:00Z`),
        status,
        proposalId: null,
      }),
    );
  }
  return result;
}

async function assignment(
  store: Store,
  group: Group,
  activity: Activity,
  title: string,
  convener: Member,
  reportingForm: ReportingForm,
  startDate: string,
  status: Assignment['status'] = 'aktivt',
): Promise<Assignment> {
  return store.assignments.create({
    groupId: group.id,
    activityId: activity.id,
    title,
    startDate: new Date(startDate),
    endDate: new Date('2026-12-31T00:00:00Z'),
    targetGroupText: 'Unga vuxna',
    purpose: 'Syfte',
    activityText: 'Aktivitet',
    memberIds: [convener.id],
    convenerMemberId: convener.id,
    reportingForm,
    goal: 'Mål',
    resources: 'Egen insats',
    finalReportForm: 'Skriftlig',
    status,
  });
}

async function finalReport(store: Store, target: Assignment, author: Member, addedValue: string, acceptedAt: string | null) {
  return store.finalReports.create({
    assignmentId: target.id,
    authorMemberId: author.id,
    goalMet: 'helt',
    goalMetHow: `Så här: ${target.title}`,
    addedValue,
    resultsJoint: 'Gemensam rutin',
    resultsPerParty: 'Kommunen: utbildning',
    acceptedAt: acceptedAt ? new Date(acceptedAt) : null,
    acceptedByMemberId: acceptedAt ? author.id : null,
  });
}

export async function seedRegion(bot: Bot, store: Store): Promise<RegionScenario> {
  const p = regionPeople;
  const uddevalla = await groupOf(bot, store, regionChannels.uddevalla, p.chair);
  const lysekil = await groupOf(bot, store, regionChannels.lysekil, p.chair);
  const kansli = await groupOf(bot, store, regionChannels.kansli, p.kansli);
  const otherWorkspace = await groupOf(bot, store, regionChannels.otherWorkspace, p.otherWorkspaceChair);
  const teams = await groupOf(bot, store, regionChannels.teams, p.teamsChair);
  await store.groups.update(uddevalla.id, { name: 'LSG Uddevalla', officeChannelId: 'C_KANSLI' });
  await store.groups.update(otherWorkspace.id, { name: 'LSG Annan arbetsyta', officeChannelId: 'C_KANSLI' });

  const chair = (await store.members.findByPlatformUser(uddevalla.id, 'slack', p.chair.userId))!;
  const chairLysekil = (await store.members.findByPlatformUser(lysekil.id, 'slack', p.chair.userId))!;
  const kansliLysekil = await member(store, lysekil, p.kansli, ['kansli']);
  const bo = await member(store, uddevalla, p.bo, ['ledamot', 'sammankallande']);
  const boLysekil = await member(store, lysekil, p.bo, ['ledamot']);
  const otherBo = await member(store, otherWorkspace, p.otherWorkspaceBo, ['ledamot']);
  const otherChair = (await store.members.findByPlatformUser(otherWorkspace.id, 'slack', p.otherWorkspaceChair.userId))!;
  const teamsChair = (await store.members.findByPlatformUser(teams.id, 'teams', p.teamsChair.userId))!;

  // Uddevalla: last year's plan and this year's two versions; only the latest version of 2026 counts.
  await plan(store, uddevalla, 2025, 1, [['Förra årets aktivitet', 'SA', 'SA1', 'vuxen', 'klar']]);
  await plan(store, uddevalla, 2026, 1, [['Utkast som ersatts', 'LS', 'LS1', 'vuxen', 'planerad']]);
  const [udSip, , udTraining] = await plan(store, uddevalla, 2026, 2, [
    ['Gemensam rutin för SIP', 'SIP', 'SIP1', 'vuxen', 'pagaende'],
    ['Skolnära stöd', 'SIP', 'SIP2', 'barn_och_unga', 'planerad'],
    ['Gemensam utbildning', 'SA', 'SA2', 'bada', 'klar'],
  ]);
  const [lyFirst, lySecond] = await plan(store, lysekil, 2026, 1, [
    ['Anhörigstöd', 'SIP', 'SIP1', 'vuxen', 'pagaende'],
    ['Ungdomsmottagning', 'IM', 'IM1', 'barn_och_unga', 'avbruten'],
  ]);
  const [otherActivity] = await plan(store, otherWorkspace, 2026, 1, [['HEMLIG annan arbetsyta', 'SIP', 'SIP1', 'vuxen', 'pagaende']]);
  const [teamsActivity] = await plan(store, teams, 2026, 1, [['HEMLIG Teams', 'SIP', 'SIP1', 'vuxen', 'pagaende']]);

  // Every fourth week from 1 August: due 29 August and 26 September, nothing reported -> missing.
  const udd1 = await assignment(store, uddevalla, udSip!, 'Rutin för SIP', bo, { kind: 'every_n_weeks', weeks: 4 }, '2026-08-01T00:00:00Z');
  const uddClosed = await assignment(store, uddevalla, udTraining!, 'Utbildningsdag', chair, { kind: 'before_each_meeting' }, '2026-01-10T00:00:00Z', 'avslutat');
  await finalReport(store, uddClosed, chair, 'Färre överlämningar mellan huvudmännen', '2026-03-05T10:00:00Z');
  const uddClosedLastYear = await assignment(store, uddevalla, udTraining!, 'Förra årets uppdrag', chair, { kind: 'before_each_meeting' }, '2025-01-10T00:00:00Z', 'avslutat');
  await finalReport(store, uddClosedLastYear, chair, 'Gammalt mervärde', '2025-11-20T10:00:00Z');

  // Lysekil meets on 1 September and 6 October; "before each meeting" is due at the 6 October meeting.
  for (const startsAt of ['2026-09-01T11:00:00Z', '2026-10-06T11:00:00Z', '2026-11-03T12:00:00Z']) {
    await store.meetings.create({ groupId: lysekil.id, startsAt: new Date(startsAt), durationMinutes: 120, seriesId: null, location: null, cancelled: false });
  }
  const lys1 = await assignment(store, lysekil, lyFirst!, 'Stöd till anhöriga', chairLysekil, { kind: 'before_each_meeting' }, '2026-06-01T00:00:00Z');
  await store.progressReports.create({
    assignmentId: lys1.id,
    authorMemberId: boLysekil.id,
    version: 1,
    submitted: true,
    progressText: 'Bo Ek skrev att det går bra',
    statusColour: 'gron',
    worksWell: 'Samverkan',
    worksLessWell: 'Tid',
    timelineHolds: 'ja',
    newEndDate: null,
    indicatorValues: {},
    subGoalStatus: {},
    submittedAt: new Date('2026-09-20T10:00:00Z'),
    correctsReportId: null,
  });
  const lys2 = await assignment(store, lysekil, lyFirst!, 'Kartläggning av väntetider', chairLysekil, { kind: 'before_each_meeting' }, '2026-06-01T00:00:00Z');
  const lysReported = await assignment(store, lysekil, lySecond!, 'Mottagning för unga', chairLysekil, { kind: 'before_each_meeting' }, '2026-02-01T00:00:00Z', 'slutrapporterat');
  await finalReport(store, lysReported, chairLysekil, 'Inväntar godkännande', null);

  const otherClosed = await assignment(store, otherWorkspace, otherActivity!, 'HEMLIGT uppdrag annan arbetsyta', otherChair, { kind: 'every_n_weeks', weeks: 2 }, '2026-01-01T00:00:00Z', 'avslutat');
  await finalReport(store, otherClosed, otherChair, 'HEMLIGT mervärde', '2026-05-01T10:00:00Z');
  await assignment(store, otherWorkspace, otherActivity!, 'HEMLIGT saknas', otherChair, { kind: 'every_n_weeks', weeks: 2 }, '2026-08-01T00:00:00Z');
  const teamsClosed = await assignment(store, teams, teamsActivity!, 'HEMLIGT Teams-uppdrag', teamsChair, { kind: 'every_n_weeks', weeks: 2 }, '2026-01-01T00:00:00Z', 'avslutat');
  await finalReport(store, teamsClosed, teamsChair, 'HEMLIGT Teams-mervärde', '2026-06-01T10:00:00Z');

  const groups = {
    uddevalla: (await store.groups.get(uddevalla.id))!,
    lysekil: (await store.groups.get(lysekil.id))!,
    kansli,
    otherWorkspace: (await store.groups.get(otherWorkspace.id))!,
    teams,
  };
  return {
    groups,
    members: { bo, boLysekil, otherBo, chair, kansliLysekil },
    assignments: { udd1, uddClosed, uddClosedLastYear, lys1, lys2, lysReported, otherClosed, teamsClosed },
  };
}
