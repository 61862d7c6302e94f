// "Spara utkast" (Teams) and a closed Slack modal: one action for every form that keeps drafts; the form's
// hidden context names which form it is (draftForm), and that form's own use case keeps the draft.
import type { FormValues, Reply } from '../events.js';
import type { Dependencies, GroupContext } from './context.js';
import { saveFinalDraft } from './final-report.js';
import { saveProgressDraft } from './progress-report.js';
import { saveEvaluationDraft } from './evaluation.js';
import { notice } from './show-help.js';

type DraftSaver = (deps: Dependencies, context: GroupContext, values: FormValues) => Promise<Reply>;

const DRAFT_SAVERS: Record<string, DraftSaver> = {
  'progress-report': saveProgressDraft,
  'final-report': saveFinalDraft,
  evaluation: saveEvaluationDraft,
};

export async function saveFormDraft(deps: Dependencies, context: GroupContext, args: FormValues): Promise<Reply> {
  const saver = DRAFT_SAVERS[args.draftForm ?? ''];
  if (!saver) return notice(context.t, context.t.errors.generic);
  return saver(deps, context, args);
}
