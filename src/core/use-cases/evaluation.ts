// Step 8, utvärdering: "att tillvarata erfarenheter av arbetet". Every member answers the guidance's
// three questions for the year (the first split into Barn och unga and Vuxna, as the domain keeps it):
// one evaluation per member and year, changed by answering again while the year lasts, with drafts and
// the personal-data guard like the report forms. The compiled card shows every answer per question with
// the member's name: the answers are the group's shared learning, meant to be talked through at a meeting,
// and a named answer can be asked about; the form says so before anyone writes.
import type { Evaluation, Group } from '../domain.js';
import type { CardData, FormValues, Reply } from '../events.js';
import type { Store } from '../ports.js';
import { format, type Catalog } from '../../i18n/index.js';
import { DateTime } from 'luxon';
import { formatDateTime, yearIn } from '../dates.js';
import type { Dependencies, GroupContext } from './context.js';
import { compileAnswers } from './compiled-answers.js';
import { FieldChecker } from './form-checks.js';
import { draftValues, loadDraft, saveDraft, storeAcceptedForm } from './form-drafts.js';
import { draftSavedReply } from './progress-report.js';

const FORM = 'evaluation';
export const EVALUATION_FIELDS = ['learnedChildrenAndYouth', 'learnedAdults', 'learnedPrevention', 'learnedCollaboration'] as const;
type EvaluationField = (typeof EVALUATION_FIELDS)[number];

export const evaluationDraftKey = (groupId: string, year: number, memberId: string) => `${FORM}:${groupId}:${year}:${memberId}`;

async function evaluationOf(store: Store, groupId: string, year: number, memberId: string): Promise<Evaluation | null> {
  return (await store.evaluations.list({ groupId, year, authorMemberId: memberId })).at(-1) ?? null;
}

const currentYear = (deps: Dependencies, group: Group) => yearIn(deps.clock.now(), group.timeZone);

/**
 * The year `utvärdering visa` compiles by default: in January the year just ended. The December prompt asks
 * for the year's lessons to be talked through at one of the first meetings of the new year, when the new
 * year has no answers yet (issue 18).
 */
export function summaryYear(now: Date, timeZone: string): number {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  return local.month === 1 ? local.year - 1 : local.year;
}

function formData(t: Catalog, year: number, values: FormValues, notes: { draft: string; yours: string }): CardData {
  const e = t.reports.evaluation;
  return {
    t,
    title: format(e.title, { year }),
    intro: e.intro,
    draftNote: notes.draft,
    yoursNote: notes.yours,
    values: Object.fromEntries(EVALUATION_FIELDS.map((field) => [field, values[field] ?? ''])),
    context: { year: String(year), draftForm: FORM },
  };
}

/** `utvärdering`, "Fyll i utvärderingen": this year's form, continuing a draft or the member's own answers. */
export async function openEvaluation(deps: Dependencies, context: GroupContext): Promise<Reply> {
  const { group, member, t } = context;
  const year = currentYear(deps, group);
  const stored = await evaluationOf(deps.store, group.id, year, member.id);
  const draft = await loadDraft(deps.store, evaluationDraftKey(group.id, year, member.id));
  const values: FormValues = { ...(stored ? Object.fromEntries(EVALUATION_FIELDS.map((field) => [field, stored[field]])) : {}), ...draft?.values };
  const notes = {
    draft: draft ? format(t.reports.draftContinued, { date: formatDateTime(draft.updatedAt, group.timeZone, group.locale), name: member.displayName }) : '',
    yours: stored ? format(t.reports.evaluation.yours, { year }) : '',
  };
  return { kind: 'form', form: FORM, data: formData(t, year, values, notes) };
}

export function validateEvaluation(t: Catalog, values: FormValues) {
  const e = t.reports.evaluation;
  const check = new FieldChecker(t, values, 'evaluation');
  const answers = Object.fromEntries(EVALUATION_FIELDS.map((field) => [field, check.text(field, e[field])])) as Record<EvaluationField, string>;
  // Not everyone has learned something on every question (a member may work with adults only).
  if (check.ok && EVALUATION_FIELDS.every((field) => !answers[field])) check.fail(EVALUATION_FIELDS[0], e.atLeastOne);
  return check.ok ? { ok: true as const, value: answers } : { ok: false as const, errors: check.errors };
}

export async function saveEvaluationDraft(deps: Dependencies, context: GroupContext, values: FormValues): Promise<Reply> {
  const { group, member, t } = context;
  await saveDraft(deps.store, context, FORM, evaluationDraftKey(group.id, currentYear(deps, group), member.id), draftValues(values, EVALUATION_FIELDS));
  return draftSavedReply(t, t.reports.kinds.evaluation, 'evaluation', {});
}

export async function submitEvaluation(deps: Dependencies, context: GroupContext, values: FormValues): Promise<Reply> {
  const { group, member, t } = context;
  // The year is the one it is now: an evaluation left open over new year counts for the new year.
  const year = currentYear(deps, group);
  const key = evaluationDraftKey(group.id, year, member.id);
  const typed = draftValues(values, EVALUATION_FIELDS);
  const result = validateEvaluation(t, values);
  if (!result.ok) {
    await saveDraft(deps.store, context, FORM, key, typed);
    return { kind: 'form-errors', form: FORM, data: formData(t, year, values, { draft: '', yours: '' }), errors: result.errors };
  }
  await storeAcceptedForm(deps.store, context, FORM, key, typed, async (store) => {
    const existing = await evaluationOf(store, group.id, year, member.id);
    if (existing) await store.evaluations.update(existing.id, result.value);
    else await store.evaluations.create({ groupId: group.id, year, authorMemberId: member.id, ...result.value });
  });
  return evaluationSummary(deps, context, year, format(t.reports.evaluation.saved, { name: member.displayName, year }));
}

/** The compiled card: every answer of the group and year, per question, with the member's name. */
export async function evaluationSummary(deps: Dependencies, { group, t }: GroupContext, year: number, banner = ''): Promise<Reply> {
  const e = t.reports.evaluation;
  const [evaluations, members] = await Promise.all([deps.store.evaluations.list({ groupId: group.id, year }), deps.store.members.list({ groupId: group.id })]);
  const nameOf = (id: string) => members.find((m) => m.id === id)?.displayName ?? t.reports.access.unknownMember;
  return {
    kind: 'card',
    card: 'evaluations',
    data: {
      t,
      banner,
      title: format(e.summaryTitle, { year, groupName: group.name }),
      countLine: evaluations.length ? format(e.summaryCount, { count: evaluations.length }) : format(e.empty, { year }),
      questions: evaluations.length
        ? EVALUATION_FIELDS.map((field) => ({
            heading: e[field],
            text: compileAnswers(
              evaluations.filter((evaluation) => evaluation[field]).map((evaluation) => format(e.answerLine, { name: nameOf(evaluation.authorMemberId), text: evaluation[field] })),
              e.more,
            ) || t.reports.view.noAnswer,
          }))
        : [],
    },
  };
}

/** `utvärdering` opens the form; `utvärdering visa [år]` (or sammanställning) shows the compiled answers. */
export async function evaluationCommand(deps: Dependencies, context: GroupContext, input: FormValues): Promise<Reply> {
  const words = (input.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const rest = words.slice(1);
  if (rest.some((word) => /^(visa|show|sammanst|summary|alla|all)/.test(word))) {
    const year = Number(rest.find((word) => /^\d{4}$/.test(word)) ?? summaryYear(deps.clock.now(), context.group.timeZone));
    return evaluationSummary(deps, context, year);
  }
  return openEvaluation(deps, context);
}

/** "Visa årets utvärderingar" (args.year, default this year). */
export async function showEvaluations(deps: Dependencies, context: GroupContext, args: FormValues): Promise<Reply> {
  const year = /^\d{4}$/.test(args.year ?? '') ? Number(args.year) : summaryYear(deps.clock.now(), context.group.timeZone);
  return evaluationSummary(deps, context, year);
}
