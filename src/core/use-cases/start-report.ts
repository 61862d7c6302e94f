// `rapport` (Slack: /rapport): the convener of an ongoing assignment, or the ersättare standing in for
// them, picks the assignment when there are several and gets the avrapportering or slutrapport form.
// Everyone else is told who reports and how. `rapport slutrapport` goes straight to the final report.
import type { FieldErrors, FormValues, Reply } from '../events.js';
import { format } from '../../i18n/index.js';
import { formatLongDate } from '../dates.js';
import type { Dependencies, GroupContext } from './context.js';
import { progressReportForm } from './progress-report.js';
import { assignmentToReport, isReply, reportableAssignments, whoReports } from './report-access.js';
import { finalReportForm } from './final-report.js';
import { FieldChecker } from './form-checks.js';

export const REPORT_KINDS = ['progress', 'final'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** The word after "rapport", folded: "rapport slutrapport" → "slutrapport". */
export function reportWord(text: string): string {
  const words = text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/\s+/)
    .filter(Boolean);
  const rest = ['rapport', 'report'].includes(words[0] ?? '') ? words.slice(1) : words;
  return (rest[0] ?? '').replace(/[^a-z]/g, '');
}

function kindOf(word: string): ReportKind {
  return word.startsWith('slut') || word.startsWith('final') ? 'final' : 'progress';
}

async function openForm(deps: Dependencies, context: GroupContext, assignmentId: string | undefined, kind: ReportKind): Promise<Reply> {
  const assignment = await assignmentToReport(deps.store, context, assignmentId);
  if (isReply(assignment)) return assignment;
  return kind === 'final' ? finalReportForm(deps, context, assignment) : progressReportForm(deps, context, assignment);
}

async function chooser(deps: Dependencies, context: GroupContext, kind: ReportKind, errors?: FieldErrors, typed?: FormValues): Promise<Reply> {
  const { group, t } = context;
  const mine = await reportableAssignments(deps.store, context);
  if (mine.length === 0) return whoReports(deps.store, context);
  if (mine.length === 1 && !errors) return openForm(deps, context, mine[0]!.id, kind);
  const c = t.reports.choose;
  const data = {
    t,
    values: { assignmentId: typed?.assignmentId ?? mine[0]!.id, reportKind: typed?.reportKind ?? kind },
    assignmentChoices: mine.map((assignment) => ({
      title: format(c.assignmentChoice, { title: assignment.title, endDate: formatLongDate(assignment.endDate, group.timeZone, group.locale) }),
      value: assignment.id,
    })),
    kindChoices: [
      { title: c.kindProgress, value: 'progress' },
      { title: c.kindFinal, value: 'final' },
    ],
    context: {},
  };
  return errors ? { kind: 'form-errors', form: 'choose-assignment', data, errors } : { kind: 'form', form: 'choose-assignment', data };
}

export async function startReport(deps: Dependencies, context: GroupContext, input: FormValues): Promise<Reply> {
  return chooser(deps, context, kindOf(reportWord(input.text ?? '')));
}

/** "Fyll i rapporten" on prompts and the standing item; without an assignment it asks like `rapport`. */
export async function openReport(deps: Dependencies, context: GroupContext, args: FormValues): Promise<Reply> {
  const kind: ReportKind = args.reportKind === 'final' ? 'final' : 'progress';
  if (!args.assignmentId) return chooser(deps, context, kind);
  return openForm(deps, context, args.assignmentId, kind);
}

export async function submitChooseAssignment(deps: Dependencies, context: GroupContext, values: FormValues): Promise<Reply> {
  const c = context.t.reports.choose;
  const check = new FieldChecker(context.t, values, 'choose-assignment');
  const mine = (await reportableAssignments(deps.store, context)).map((assignment) => assignment.id);
  const assignmentId = check.choice('assignmentId', c.assignment, mine);
  const kind = check.choice('reportKind', c.kind, REPORT_KINDS);
  if (!assignmentId || !kind) return chooser(deps, context, kind ?? 'progress', check.errors, { assignmentId: values.assignmentId ?? '', reportKind: values.reportKind ?? '' });
  return openForm(deps, context, assignmentId, kind);
}
