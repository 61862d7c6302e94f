// Retention (issue 6): a closed assignment's free text is kept in the live database for RETENTION_MONTHS
// after closure (its final report accepted), then moved into ArchivedText and blanked in the live rows:
// progress reports' answers, final reports' texts, the implementation plan, follow-up answers, and any
// draft still lying about. Structure stays (dates, colours, timeline answers, goal met), so the plan's
// history, the roll-up's counts and the reports' timeline remain. Run by every scheduler tick: idempotent,
// and with two instances on one PostgreSQL database the unique ArchivedText.assignmentId lets exactly one
// archive each assignment (the other's transaction rolls back before it blanks anything).
import { DateTime } from 'luxon';
import type { ArchivedTexts, Assignment } from '../domain.js';
import { DuplicateError, type Store } from '../ports.js';
import type { Dependencies } from './context.js';

export const DEFAULT_RETENTION_MONTHS = 36;

export interface RetentionResult {
  archived: number;
}

/** When a closed assignment was closed: its latest accepted final report; null if it has none. */
async function closedAt(store: Store, assignment: Assignment): Promise<Date | null> {
  const accepted = (await store.finalReports.list({ assignmentId: assignment.id })).flatMap((report) => (report.acceptedAt ? [report.acceptedAt] : []));
  return accepted.length > 0 ? new Date(Math.max(...accepted.map((date) => date.getTime()))) : null;
}

/** Closed assignments whose retention time has run out at `now` and that are not archived yet. */
export async function assignmentsPastRetention(store: Store, now: Date, months: number): Promise<{ assignment: Assignment; closedAt: Date }[]> {
  const cutoff = DateTime.fromJSDate(now, { zone: 'utc' }).minus({ months }).toJSDate();
  const due: { assignment: Assignment; closedAt: Date }[] = [];
  for (const assignment of await store.assignments.list({ status: 'avslutat' })) {
    const closed = await closedAt(store, assignment);
    if (!closed || closed > cutoff) continue;
    if ((await store.archivedTexts.list({ assignmentId: assignment.id })).length > 0) continue;
    due.push({ assignment, closedAt: closed });
  }
  return due;
}

async function archiveOne(store: Store, assignment: Assignment, closed: Date): Promise<boolean> {
  return store.transaction(async (tx) => {
    if ((await tx.archivedTexts.list({ assignmentId: assignment.id })).length > 0) return false;
    const [reports, finals, plans, followUps, drafts] = await Promise.all([
      tx.progressReports.list({ assignmentId: assignment.id }),
      tx.finalReports.list({ assignmentId: assignment.id }),
      tx.implementationPlans.list({ assignmentId: assignment.id }),
      tx.followUps.list({ assignmentId: assignment.id }),
      tx.formDrafts.list({ groupId: assignment.groupId }),
    ]);
    const plan = plans[0] ?? null;
    const texts: ArchivedTexts = {
      progressReports: reports.map(({ id, progressText, worksWell, worksLessWell }) => ({ id, progressText, worksWell, worksLessWell })),
      finalReports: finals.map(({ id, goalMetHow, addedValue, resultsJoint, resultsPerParty }) => ({ id, goalMetHow, addedValue, resultsJoint, resultsPerParty })),
      implementationPlan: plan ? { id: plan.id, subGoals: plan.subGoals, tasks: plan.tasks, indicators: plan.indicators } : null,
      followUps: followUps.map(({ id, howUsed, nextSteps }) => ({ id, howUsed, nextSteps })),
    };
    // First the archive row: its unique key decides which of two racing instances goes on.
    await tx.archivedTexts.create({ groupId: assignment.groupId, assignmentId: assignment.id, closedAt: closed, texts });
    for (const report of reports) await tx.progressReports.update(report.id, { progressText: '', worksWell: '', worksLessWell: '' });
    for (const report of finals) await tx.finalReports.update(report.id, { goalMetHow: '', addedValue: '', resultsJoint: '', resultsPerParty: '' });
    if (plan) await tx.implementationPlans.update(plan.id, { subGoals: [], tasks: [], indicators: [] });
    for (const followUp of followUps) await tx.followUps.update(followUp.id, { howUsed: '', nextSteps: '' });
    // Draft keys name their subject (e.g. progress-report:<assignment>): unsent text of a closed assignment goes too.
    for (const draft of drafts.filter((candidate) => candidate.draftKey.includes(assignment.id))) await tx.formDrafts.delete(draft.id);
    return true;
  });
}

/** Archives every closed assignment past the retention time; safe to run any number of times, anywhere. */
export async function archiveExpiredTexts(deps: Pick<Dependencies, 'store'>, now: Date, months: number): Promise<RetentionResult> {
  let archived = 0;
  for (const { assignment, closedAt: closed } of await assignmentsPastRetention(deps.store, now, months)) {
    try {
      if (await archiveOne(deps.store, assignment, closed)) archived += 1;
    } catch (error) {
      // Another instance archived it a moment ago: its transaction won, ours rolled back untouched.
      if (!(error instanceof DuplicateError)) throw error;
    }
  }
  return { archived };
}
