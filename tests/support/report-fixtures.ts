// Assignments with a genomförandeplan for the report tests (core, cards, contract): written straight to a
// store, as the action-plan steps 1–4 would have left them.
import type { Assignment, ImplementationPlan, Member, Platform, ReportingForm, Role } from '../../src/core/domain.js';
import type { Store } from '../../src/core/ports.js';

export async function addMember(
  store: Store,
  groupId: string,
  person: { platform?: Platform; tenantId?: string; userId: string; displayName: string; roles?: Role[]; substituteFor?: Member | null },
): Promise<Member> {
  const existing = await store.members.findByPlatformUser(groupId, person.platform ?? 'slack', person.userId);
  const fields = { roles: person.roles ?? ['ledamot'], substituteForMemberId: person.substituteFor?.id ?? null, displayName: person.displayName };
  if (existing) return store.members.update(existing.id, fields);
  return store.members.create({
    groupId,
    platform: person.platform ?? 'slack',
    tenantId: person.tenantId ?? 'T111',
    platformUserId: person.userId,
    organisationId: null,
    ...fields,
  });
}

export interface AssignmentOptions {
  title?: string;
  convener: Member;
  reportingForm?: ReportingForm;
  startDate?: string;
  endDate?: string;
  withPlan?: boolean;
}

export async function addAssignment(store: Store, groupId: string, options: AssignmentOptions): Promise<{ assignment: Assignment; plan: ImplementationPlan | null }> {
  const actionPlan = await store.plans.create({ groupId, year: 2026, version: 1, decidedAt: new Date('2026-02-12T13:00:00Z'), decidedByMemberId: null, sentToOfficeAt: null, lastRevisedAt: null });
  const activity = await store.activities.create({
    planId: actionPlan.id,
    title: 'Gemensam rutin för SIP',
    description: 'Samordnad individuell plan för barn och unga',
    targetGroup: 'barn_och_unga',
    focusAreaCode: 'FO2',
    goalCode: 'FO2.1',
    startDate: new Date('2026-03-01T00:00:00Z'),
    endDate: new Date('2026-12-31T00:00:00Z'),
    status: 'pagaende',
    proposalId: null,
  });
  const assignment = await store.assignments.create({
    groupId,
    activityId: activity.id,
    title: options.title ?? 'SIP-rutin för barn och unga',
    startDate: new Date(options.startDate ?? '2026-03-01T00:00:00Z'),
    endDate: new Date(options.endDate ?? '2026-12-31T00:00:00Z'),
    targetGroupText: 'Barn och unga 6–18 år',
    purpose: 'Fler SIP i tid',
    activityText: 'Ta fram och införa en gemensam rutin',
    memberIds: [options.convener.id],
    convenerMemberId: options.convener.id,
    reportingForm: options.reportingForm ?? { kind: 'before_each_meeting' },
    goal: 'En gemensam SIP-rutin används i alla skolor',
    resources: 'Egen insats',
    finalReportForm: 'Skriftlig slutrapport',
    status: 'aktivt',
  });
  const plan =
    options.withPlan === false
      ? null
      : await store.implementationPlans.create({
          assignmentId: assignment.id,
          subGoals: [
            { id: 'sg1', title: 'Rutinen beslutad', owner: 'Cilla', dueDate: '2026-06-30', status: 'gron' },
            { id: 'sg2', title: 'Personalen utbildad', owner: 'Sven', dueDate: '2026-10-31', status: 'gul' },
          ],
          tasks: [{ id: 't1', who: 'Kommunen', what: 'Utkast till rutin', when: 'april' }],
          indicators: [
            { id: 'i1', name: 'Antal SIP', unit: 'st', baseline: 12, target: 30, method: 'Journalgranskning' },
            { id: 'i2', name: 'Andel nöjda familjer', unit: '%', baseline: 55.5, target: 80, method: 'Enkät' },
          ],
        });
  return { assignment, plan };
}

/** A complete, valid progress report as a convener would type it (Slack/Teams send strings). */
export const VALID_PROGRESS: Record<string, string> = {
  progressText: 'Rutinen är beslutad i socialnämnden och hos regionen; utbildningen pågår.',
  statusColour: 'gul',
  worksWell: 'Samarbetet mellan skola och BUP',
  worksLessWell: 'Svårt att hitta tider för gemensam utbildning',
  timelineHolds: 'osakert',
  newEndDate: '',
  indicator_i1: '18',
  indicator_i2: '61,5',
  subgoal_sg1: 'gron',
  subgoal_sg2: 'gul',
};

export const VALID_FINAL: Record<string, string> = {
  goalMet: 'delvis',
  goalMetHow: 'Rutinen används i fyra av fem skolor.',
  addedValue: 'Samsyn mellan skola, socialtjänst och BUP.',
  resultsJoint: 'Rutinen förvaltas av samverkansgruppen och revideras årligen.',
  resultsPerParty: 'Kommunen: rutinen i elevhälsan. Regionen: rutinen i BUP:s introduktion.',
};
