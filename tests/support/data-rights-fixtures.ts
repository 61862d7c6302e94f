// Free text that names Bo Ek (regional-scenario.ts) where only names typed by people find him: the owner and
// "who" fields of an implementation plan, the free text archived after retention, and a data-rights request
// he made himself. Also an archive of the other workspace naming its own Bo Ek, which nothing may touch.
import type { ArchivedText, DataRightsRequest, ImplementationPlan, ProgressReport } from '../../src/core/domain.js';
import type { Store } from '../../src/core/ports.js';
import { REGION_NOW, type RegionScenario } from './regional-scenario.js';

export interface BoFreeText {
  plan: ImplementationPlan;
  /** A report Bo wrote, blanked by retention: its archived text names nobody and is still his. */
  written: ProgressReport;
  archive: ArchivedText;
  otherArchive: ArchivedText;
  requestByBo: DataRightsRequest;
}

export async function seedBoFreeText(store: Store, { groups, members, assignments }: RegionScenario): Promise<BoFreeText> {
  const goal = (id: string, owner: string) => ({ id, title: `Delmål ${id}`, owner, dueDate: '2026-12-01', status: 'gron' as const });
  const plan = await store.implementationPlans.create({
    assignmentId: assignments.udd1.id,
    subGoals: [goal('sg1', 'Bo Ek'), goal('sg2', 'Anna Ordförande')],
    tasks: [
      { id: 't1', who: 'Bo Ek och Anna Ordförande', what: 'Skriva rutinen', when: 'november' },
      { id: 't2', who: 'Kommunens samordnare', what: 'Boka lokal', when: 'december' },
    ],
    indicators: [],
  });
  const written = await store.progressReports.create({
    assignmentId: assignments.uddClosed.id,
    authorMemberId: members.bo.id,
    version: 1,
    submitted: true,
    progressText: '',
    statusColour: 'gron',
    worksWell: '',
    worksLessWell: '',
    timelineHolds: 'ja',
    newEndDate: null,
    indicatorValues: {},
    subGoalStatus: {},
    submittedAt: new Date('2026-02-20T10:00:00Z'),
    correctsReportId: null,
  });
  const archive = await store.archivedTexts.create({
    groupId: groups.uddevalla.id,
    assignmentId: assignments.uddClosed.id,
    closedAt: new Date('2026-03-05T10:00:00Z'),
    texts: {
      progressReports: [{ id: written.id, progressText: 'Vi har ringt alla familjer', worksWell: 'Samverkan', worksLessWell: 'Tid' }],
      finalReports: [{ id: 'final-archived', goalMetHow: 'Bo Ek ledde utbildningsdagen', addedValue: 'Färre överlämningar', resultsJoint: 'Rutin', resultsPerParty: 'Kommunen' }],
      implementationPlan: { id: 'plan-archived', subGoals: [goal('sg9', 'Bo Ek')], tasks: [], indicators: [] },
      followUps: [{ id: 'follow-up-archived', howUsed: 'Anna Ordförande använder den', nextSteps: 'Fortsätta' }],
    },
  });
  const otherArchive = await store.archivedTexts.create({
    groupId: groups.otherWorkspace.id,
    assignmentId: assignments.otherClosed.id,
    closedAt: new Date('2026-05-01T10:00:00Z'),
    texts: { progressReports: [], finalReports: [{ id: 'other-final', goalMetHow: 'Bo Ek i andra arbetsytan', addedValue: '', resultsJoint: '', resultsPerParty: '' }], implementationPlan: null, followUps: [] },
  });
  const requestByBo = await store.dataRightsRequests.create({
    platform: 'slack',
    tenantId: 'T111',
    action: 'export',
    subjectUserId: 'U_CHAIR',
    subjectName: 'Anna Ordförande',
    requestedByMemberId: members.bo.id,
    requestedByName: 'Bo Ek',
    status: 'done',
    counts: {},
    completedAt: new Date(REGION_NOW),
  });
  return { plan, written, archive, otherArchive, requestByBo };
}
