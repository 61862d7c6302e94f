// Step 6, "Begär komplettering": the chair sends a submitted final report back to the convener with what is
// missing. Nothing written is lost: the report's answers become the convener's draft, so the final report
// form opens with them; the uppdrag is ongoing again until a completed report is submitted, and the
// return is kept in the plan's history (who, when, what was missing) and posted to the group.
import type { FinalReport } from '../domain.js';
import type { FieldErrors, FormValues, Reply } from '../events.js';
import { format } from '../../i18n/index.js';
import { FORM_FIELDS } from '../form-fields.js';
import type { Dependencies, GroupContext } from './context.js';
import { chairOnly, isChair, memberName, recordChange } from './action-plan-common.js';
import { FIELDS, finalDraftKey, latestFinalReport } from './final-report.js';
import { saveDraft } from './form-drafts.js';
import { groupNotice, notice } from './show-help.js';

const MISSING_MAX = FORM_FIELDS['final-report-return'].missing.max;

async function pendingReport(deps: Dependencies, context: GroupContext, finalReportId: string | undefined) {
  const { t, group } = context;
  const report = finalReportId ? await deps.store.finalReports.get(finalReportId) : null;
  const assignment = report ? await deps.store.assignments.get(report.assignmentId) : null;
  if (!report || !assignment || assignment.groupId !== group.id) return notice(t, t.reports.access.reportNotFound);
  const latest = await latestFinalReport(deps.store, assignment.id);
  if (report.acceptedAt || assignment.status !== 'slutrapporterat' || latest?.id !== report.id) {
    return notice(t, t.assignmentChanges.returnReport.notPending, { title: assignment.title });
  }
  return { report, assignment };
}

function returnForm(context: GroupContext, report: FinalReport, title: string, convener: string, values: { missing: string }, errors?: FieldErrors): Reply {
  const r = context.t.assignmentChanges.returnReport;
  const data = { t: context.t, title: format(r.title, { title }), intro: format(r.intro, { convener }), values, context: { finalReportId: report.id } };
  return errors ? { kind: 'form-errors', form: 'final-report-return', data, errors } : { kind: 'form', form: 'final-report-return', data };
}

export async function openFinalReportReturn(deps: Dependencies, context: GroupContext, args: FormValues): Promise<Reply> {
  if (!isChair(context.member)) return chairOnly(deps.store, context);
  const pending = await pendingReport(deps, context, args.finalReportId);
  if ('kind' in pending) return pending;
  const members = await deps.store.members.list({ groupId: context.group.id });
  return returnForm(context, pending.report, pending.assignment.title, memberName(members, pending.report.authorMemberId, context.t), { missing: '' });
}

export async function submitFinalReportReturn(deps: Dependencies, context: GroupContext, submitted: FormValues): Promise<Reply> {
  const { group, member, t } = context;
  if (!isChair(member)) return chairOnly(deps.store, context);
  const pending = await pendingReport(deps, context, submitted.finalReportId);
  if ('kind' in pending) return pending;
  const { report, assignment } = pending;
  const r = t.assignmentChanges.returnReport;
  const members = await deps.store.members.list({ groupId: group.id });
  const convener = memberName(members, report.authorMemberId, t);
  const missing = (submitted.missing ?? '').trim();
  const error = !missing ? format(r.missingRequired, { convener }) : missing.length > MISSING_MAX ? format(t.errors.tooLong, { field: r.missing, max: MISSING_MAX, length: missing.length }) : null;
  if (error) return returnForm(context, report, assignment.title, convener, { missing: submitted.missing ?? '' }, { missing: error });

  const now = deps.clock.now();
  await deps.store.transaction(async (store) => {
    // The convener's draft: what the report said, so the form opens with all of it (written as theirs; the
    // author is a member of the group, the chair only if that row were gone).
    const author = members.find((candidate) => candidate.id === report.authorMemberId) ?? member;
    const values = Object.fromEntries(FIELDS.map((field) => [field, String(report[field] ?? '')]));
    await saveDraft(store, { ...context, member: author }, 'final-report', finalDraftKey(assignment.id), values);
    await store.assignments.update(assignment.id, { status: 'aktivt' });
    const activity = await store.activities.get(assignment.activityId);
    const plan = activity ? await store.plans.get(activity.planId) : null;
    await recordChange(store, group, member, { plan, action: 'final-report-returned', entityId: assignment.id, details: { finalReportId: report.id, missing } }, now);
  });
  return groupNotice(t, r.returned, { name: member.displayName, title: assignment.title, convener, missing });
}
