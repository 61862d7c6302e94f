// Retention at a fixed clock on the in-memory store: exactly the closed assignments past the limit are
// archived, their free text moved into ArchivedText and blanked in the live rows, once.
import { beforeEach, describe, expect, it } from 'vitest';
import { createBot } from '../../src/core/bot.js';
import type { Store } from '../../src/core/ports.js';
import { archiveExpiredTexts, assignmentsPastRetention, DEFAULT_RETENTION_MONTHS } from '../../src/core/use-cases/retention.js';
import { createInMemoryStore } from '../support/in-memory-store.js';
import { fixedClock } from '../support/fixed-clock.js';
import { REGION_NOW, seedRegion, type RegionScenario } from '../support/regional-scenario.js';
import { testRegion } from '../support/test-region.js';

let store: Store;
let scenario: RegionScenario;

beforeEach(async () => {
  const clock = fixedClock(REGION_NOW);
  store = createInMemoryStore(clock.now);
  scenario = await seedRegion(createBot({ region: testRegion(), store, clock, defaults: { locale: 'sv', timeZone: 'Europe/Stockholm' } }), store);
});

const titlesPast = async (now: string, months: number) => (await assignmentsPastRetention(store, new Date(now), months)).map(({ assignment }) => assignment.title).sort();

describe('which assignments are past the retention time', () => {
  it('are closed ones whose final report was accepted at least that many months ago, on every platform', async () => {
    // Accepted: 2025-11-20 (Uddevalla, last year), 2026-03-05 (Uddevalla), 2026-05-01 (other workspace), 2026-06-01 (Teams).
    expect(await titlesPast(REGION_NOW, 12)).toEqual([]);
    expect(await titlesPast(REGION_NOW, 10)).toEqual(['Förra årets uppdrag']);
    expect(await titlesPast(REGION_NOW, 7)).toEqual(['Förra årets uppdrag', 'Utbildningsdag']);
    expect(await titlesPast(REGION_NOW, 4)).toEqual(['Förra årets uppdrag', 'HEMLIGT Teams-uppdrag', 'HEMLIGT uppdrag annan arbetsyta', 'Utbildningsdag']);
    // Never the final-reported one still waiting for acceptance, nor active ones.
    expect(await titlesPast('2040-01-01T00:00:00Z', 1)).not.toContain('Mottagning för unga');
    expect(await titlesPast('2040-01-01T00:00:00Z', 1)).toHaveLength(4);
  });

  it('counts the limit to the millisecond: exactly RETENTION_MONTHS after closure is past it', async () => {
    expect(DEFAULT_RETENTION_MONTHS).toBe(36);
    expect(await titlesPast('2028-11-20T10:00:00.000Z', 36)).toEqual(['Förra årets uppdrag']);
    expect(await titlesPast('2028-11-20T09:59:59.999Z', 36)).toEqual([]);
  });
});

describe('archiving', () => {
  it('moves the free text into the archive, blanks the live rows, keeps their structure, and is idempotent', async () => {
    const target = scenario.assignments.uddClosedLastYear;
    const chair = scenario.members.chair;
    const report = await store.progressReports.create({
      assignmentId: target.id, authorMemberId: chair.id, version: 1, submitted: true, progressText: 'Läget', statusColour: 'gul', worksWell: 'Bra', worksLessWell: 'Mindre bra',
      timelineHolds: 'osakert', newEndDate: null, indicatorValues: { k1: 4 }, subGoalStatus: {}, submittedAt: new Date('2025-06-01T10:00:00Z'), correctsReportId: null,
    });
    const plan = await store.implementationPlans.create({
      assignmentId: target.id, subGoals: [{ id: 'd1', title: 'Kartlägg', owner: 'Anna', dueDate: '2025-05-01', status: 'gron' }], tasks: [{ id: 't1', who: 'Anna', what: 'Enkät', when: 'maj' }],
      indicators: [{ id: 'k1', name: 'Antal SIP', unit: 'st', baseline: 1, target: 5, method: 'Räkna' }],
    });
    const followUp = await store.followUps.create({ groupId: target.groupId, assignmentId: target.id, monthsAfter: 6, authorMemberId: chair.id, inUse: 'delvis', howUsed: 'I två kommuner', nextSteps: 'Utbilda' });
    const draft = await store.formDrafts.create({ groupId: target.groupId, form: 'follow-up', draftKey: `follow-up:${target.id}:12`, memberId: chair.id, values: { howUsed: 'utkast' } });
    const otherDraft = await store.formDrafts.create({ groupId: target.groupId, form: 'progress-report', draftKey: `progress-report:${scenario.assignments.udd1.id}`, memberId: chair.id, values: {} });

    expect(await archiveExpiredTexts({ store }, new Date(REGION_NOW), 10)).toEqual({ archived: 1 });
    const [archive] = await store.archivedTexts.list();
    expect(archive).toMatchObject({ groupId: target.groupId, assignmentId: target.id, closedAt: new Date('2025-11-20T10:00:00Z') });
    expect(archive!.texts).toEqual({
      progressReports: [{ id: report.id, progressText: 'Läget', worksWell: 'Bra', worksLessWell: 'Mindre bra' }],
      finalReports: [expect.objectContaining({ goalMetHow: 'Så här: Förra årets uppdrag', addedValue: 'Gammalt mervärde', resultsJoint: 'Gemensam rutin', resultsPerParty: 'Kommunen: utbildning' })],
      implementationPlan: { id: plan.id, subGoals: plan.subGoals, tasks: plan.tasks, indicators: plan.indicators },
      followUps: [{ id: followUp.id, howUsed: 'I två kommuner', nextSteps: 'Utbilda' }],
    });
    expect(await store.progressReports.get(report.id)).toMatchObject({ progressText: '', worksWell: '', worksLessWell: '', statusColour: 'gul', timelineHolds: 'osakert', indicatorValues: { k1: 4 } });
    const [final] = await store.finalReports.list({ assignmentId: target.id });
    expect(final).toMatchObject({ goalMet: 'helt', goalMetHow: '', addedValue: '', resultsJoint: '', resultsPerParty: '', acceptedAt: new Date('2025-11-20T10:00:00Z') });
    expect(await store.implementationPlans.get(plan.id)).toMatchObject({ subGoals: [], tasks: [], indicators: [] });
    expect(await store.followUps.get(followUp.id)).toMatchObject({ inUse: 'delvis', howUsed: '', nextSteps: '' });
    expect(await store.formDrafts.get(draft.id)).toBeNull();
    expect(await store.formDrafts.get(otherDraft.id)).not.toBeNull();
    // Other closed assignments are untouched, and a second run finds nothing to do.
    const [kept] = await store.finalReports.list({ assignmentId: scenario.assignments.uddClosed.id });
    expect(kept!.addedValue).toBe('Färre överlämningar mellan huvudmännen');
    expect(await archiveExpiredTexts({ store }, new Date(REGION_NOW), 10)).toEqual({ archived: 0 });
    expect(await store.archivedTexts.list()).toHaveLength(1);
  });
});
