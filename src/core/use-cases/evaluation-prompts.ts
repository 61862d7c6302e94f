// Step 8 arrives by itself: the group is asked to evaluate when an assignment has been closed, and once a
// year in December, so the year's lessons are written down before the plan is revised in January.
import { DateTime } from 'luxon';
import type { Group } from '../domain.js';
import type { Reply } from '../events.js';
import { catalog, format, type Catalog } from '../../i18n/index.js';
import { activeGroups, type Dependencies } from './context.js';
import { closedAt } from './implementation-follow-up.js';
import { isWorkingHours } from './plan-due-posts.js';
import { channelFor, enqueuePrompt } from './report-prompts.js';

/** An assignment closed longer ago than this gets no prompt: a first deployment must not ask about old work. */
const RECENT_CLOSURE_DAYS = 30;

export const evaluationPromptKeys = {
  afterClosure: (assignmentId: string, linkId: string) => `evaluation-prompt:${assignmentId}:${linkId}`,
  yearly: (groupId: string, year: number, linkId: string) => `evaluation-prompt:${groupId}:${year}:${linkId}`,
};

export interface EvaluationPromptResult {
  evaluationPrompts: number;
}

function promptCard(t: Catalog, text: string): Extract<Reply, { kind: 'card' }> {
  return {
    kind: 'card',
    card: 'report-prompt',
    data: {
      t,
      text,
      kind: 'evaluation',
      buttonTitle: t.reports.buttons.fillInEvaluation,
      args: { assignmentId: '', reportKind: '', monthsAfter: '', homeworkId: '' },
    },
  };
}

async function planForGroup(deps: Dependencies, group: Group, now: Date, result: EvaluationPromptResult): Promise<void> {
  const { store } = deps;
  const link = channelFor(await store.channels.list({ groupId: group.id }), undefined);
  if (!link) return;
  const t = catalog(group.locale);
  const ask = async (key: string, text: string) => {
    if (await enqueuePrompt(store, group, link, 'evaluation-prompt', key, promptCard(t, text), now, null)) result.evaluationPrompts += 1;
  };
  for (const assignment of await store.assignments.list({ groupId: group.id, status: 'avslutat' })) {
    const closed = await closedAt(store, assignment);
    if (!closed || closed > now || now.getTime() - closed.getTime() > RECENT_CLOSURE_DAYS * 86_400_000) continue;
    await ask(evaluationPromptKeys.afterClosure(assignment.id, link.id), format(t.reports.prompts.evaluationAfterClosure, { title: assignment.title }));
  }
  const year = yearlyEvaluationAsked(now, group.timeZone);
  if (year !== null) {
    await ask(evaluationPromptKeys.yearly(group.id, year, link.id), format(t.reports.prompts.evaluationYearly, { year }));
  }
}

/** The year whose utvärdering is asked for at `now`: in December, that year's; else null. */
export function yearlyEvaluationAsked(now: Date, timeZone: string): number | null {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  return local.month === 12 ? local.year : null;
}

/** Every evaluation prompt due at `now`, written to the outbox once each. Safe to run any number of times. */
export async function planEvaluationPrompts(deps: Dependencies, now: Date): Promise<EvaluationPromptResult> {
  const result: EvaluationPromptResult = { evaluationPrompts: 0 };
  for (const group of await activeGroups(deps.store)) {
    // Prompts are read during the working day, like the other reminders.
    if (!isWorkingHours(now, group.timeZone)) continue;
    await planForGroup(deps, group, now, result);
  }
  return result;
}
