// Step 6, slutrapport och avslut: the working group reports the result to the uppdragsgivare ("hur har
// målet för arbetet nåtts?", "vilket mervärde har skapats?", how the results are taken care of jointly and
// by each huvudman). The chair accepts it; the assignment is closed and the report goes to the kansli
// "för kännedom" (the office channel, through the outbox) and can be downloaded as .docx.
import { GOAL_MET_ANSWERS, type Assignment, type FinalReport, type Group, type Member } from '../domain.js';
import type { CardData, FormValues, Reply } from '../events.js';
import type { Store } from '../ports.js';
import { outboxRecord } from '../delivery.js';
import { format, type Catalog } from '../../i18n/index.js';
import { formatDate, formatLongDate, formatDateTime } from '../dates.js';
import { hasRole, type Dependencies, type GroupContext } from './context.js';
import { chairNames } from './chairs.js';
import { FieldChecker } from './form-checks.js';
import { draftValues, loadDraft, saveDraft, storeAcceptedForm } from './form-drafts.js';
import { draftSavedReply } from './progress-report.js';
import { assignmentToReport, isReply } from './report-access.js';
import { notice } from './show-help.js';
import { officeChannelOf, officeLink } from './region.js';
import type { PlanDocument } from './plan-documents.js';
import { followAssignments } from './action-plan-common.js';
import { enqueueKansliMail } from './kansli-mail.js';

const FORM = 'final-report';
/** The final report form's fields, its answers: also what a report sent back for completion returns as the draft. */
export const FIELDS = ['goalMet', 'goalMetHow', 'addedValue', 'resultsJoint', 'resultsPerParty'] as const;
const TEXT_FIELDS = ['goalMetHow', 'addedValue', 'resultsJoint', 'resultsPerParty'] as const;
/** A final report may be corrected until the chair has accepted it. */
const OPEN_STATUSES = ['aktivt', 'slutrapporterat'] as const;

export const finalDraftKey = (assignmentId: string) => `${FORM}:${assignmentId}`;
export const officeOutboxKey = (finalReportId: string, channelLinkId: string) => `final-report:${finalReportId}:${channelLinkId}`;

/** The latest final report of an assignment: the one the chair accepts. */
export async function latestFinalReport(store: Store, assignmentId: string): Promise<FinalReport | null> {
  return (await store.finalReports.list({ assignmentId })).at(-1) ?? null;
}

function formData(t: Catalog, assignment: Assignment, values: FormValues, draftNote: string): CardData {
  const f = t.reports.final;
  return {
    t,
    title: format(f.title, { title: assignment.title }),
    intro: format(f.intro, { goal: assignment.goal, form: assignment.finalReportForm }),
    draftNote,
    values: Object.fromEntries(FIELDS.map((field) => [field, values[field] ?? ''])),
    goalMetChoices: GOAL_MET_ANSWERS.map((answer) => ({ title: f.goalMetAnswers[answer], value: answer })),
    context: { assignmentId: assignment.id, draftForm: FORM },
  };
}

async function draftOf(store: Store, { group, t }: GroupContext, key: string): Promise<{ values: FormValues; note: string }> {
  const draft = await loadDraft(store, key);
  if (!draft) return { values: {}, note: '' };
  const author = await store.members.get(draft.memberId);
  const date = formatDateTime(draft.updatedAt, group.timeZone, group.locale);
  return { values: draft.values, note: format(t.reports.draftContinued, { date, name: author?.displayName ?? t.reports.access.unknownMember }) };
}

export async function finalReportForm(deps: Dependencies, context: GroupContext, assignment: Assignment): Promise<Reply> {
  const previous = await latestFinalReport(deps.store, assignment.id);
  const draft = await draftOf(deps.store, context, finalDraftKey(assignment.id));
  const stored: FormValues = previous ? Object.fromEntries(FIELDS.map((field) => [field, previous[field]])) : {};
  const values: FormValues = { ...stored, ...draft.values };
  return { kind: 'form', form: FORM, data: formData(context.t, assignment, values, draft.note) };
}

export function validateFinalReport(t: Catalog, values: FormValues) {
  const f = t.reports.final;
  const check = new FieldChecker(t, values, 'final-report');
  const goalMet = check.choice('goalMet', f.goalMet, GOAL_MET_ANSWERS);
  const texts = Object.fromEntries(TEXT_FIELDS.map((field) => [field, check.text(field, f[field])])) as Record<(typeof TEXT_FIELDS)[number], string>;
  if (!check.ok || !goalMet) return { ok: false as const, errors: check.errors };
  return { ok: true as const, value: { goalMet, ...texts } };
}

export async function saveFinalDraft(deps: Dependencies, context: GroupContext, values: FormValues): Promise<Reply> {
  const assignment = await assignmentToReport(deps.store, context, values.assignmentId, OPEN_STATUSES);
  if (isReply(assignment)) return assignment;
  await saveDraft(deps.store, context, FORM, finalDraftKey(assignment.id), draftValues(values, FIELDS));
  return draftSavedReply(context.t, context.t.reports.kinds.final, 'report', { assignmentId: assignment.id, reportKind: 'final' });
}

export async function submitFinalReport(deps: Dependencies, context: GroupContext, values: FormValues): Promise<Reply> {
  const { store } = deps;
  const assignment = await assignmentToReport(store, context, values.assignmentId, OPEN_STATUSES);
  if (isReply(assignment)) return assignment;
  const key = finalDraftKey(assignment.id);
  const typed = draftValues(values, FIELDS);
  const result = validateFinalReport(context.t, values);
  if (!result.ok) {
    await saveDraft(store, context, FORM, key, typed);
    return { kind: 'form-errors', form: FORM, data: formData(context.t, assignment, values, ''), errors: result.errors };
  }
  const report = await storeAcceptedForm(store, context, FORM, key, typed, async (tx) => {
    const created = await tx.finalReports.create({
      assignmentId: assignment.id,
      authorMemberId: context.member.id,
      ...result.value,
      acceptedAt: null,
      acceptedByMemberId: null,
    });
    await tx.assignments.update(assignment.id, { status: 'slutrapporterat' });
    return created;
  });
  const chairs = (await store.members.list({ groupId: context.group.id })).filter((m) => hasRole(m, 'ordforande'));
  return finalReportView(deps, context.group, context.t, report, { banner: format(context.t.reports.final.submitted, { chairNames: chairNames(chairs, context.t) }) });
}

interface ViewOptions {
  banner?: string;
  /** The kansli's copy: no accept button, a "för kännedom" heading. */
  forOffice?: boolean;
}

/** The final report as a card: every answer, who submitted it and whether the chair accepted it. */
export async function finalReportView(deps: Dependencies, group: Group, t: Catalog, report: FinalReport, options: ViewOptions = {}): Promise<Extract<Reply, { kind: 'card' }>> {
  const f = t.reports.final;
  const assignment = await deps.store.assignments.get(report.assignmentId);
  const members = await deps.store.members.list({ groupId: group.id });
  const nameOf = (id: string | null) => members.find((m: Member) => m.id === id)?.displayName ?? t.reports.access.unknownMember;
  const title = assignment?.title ?? '';
  const returned = !report.acceptedAt && assignment?.status === 'aktivt';
  return {
    kind: 'card',
    card: 'final-report-view',
    data: {
      t,
      banner: options.banner ?? '',
      title: options.forOffice ? format(f.officeTitle, { groupName: group.name }) : format(f.title, { title }),
      officeIntro:
        options.forOffice && report.acceptedAt
          ? format(f.officeIntro, { title, date: formatLongDate(report.acceptedAt, group.timeZone, group.locale), name: nameOf(report.acceptedByMemberId) })
          : '',
      submittedLine: format(f.versionLine, { date: formatDateTime(report.createdAt, group.timeZone, group.locale), name: nameOf(report.authorMemberId) }),
      facts: [{ title: f.goalMet, value: f.goalMetAnswers[report.goalMet] }],
      answers: TEXT_FIELDS.map((field) => ({ heading: f[field], text: report[field] })),
      statusLine: report.acceptedAt
        ? format(f.acceptedNote, { date: formatLongDate(report.acceptedAt, group.timeZone, group.locale), name: nameOf(report.acceptedByMemberId) })
        : returned
          ? t.assignmentChanges.returnReport.returnedNote
          : f.pendingNote,
      // Sent back for completion (the uppdrag is ongoing again): nothing to accept until it comes back.
      canAccept: !options.forOffice && !report.acceptedAt && !returned,
      // Step 8 follows the closure: the group's own card invites everyone to the year's utvärdering.
      canEvaluate: !options.forOffice && report.acceptedAt !== null,
      finalReportId: report.id,
      downloadUrl: deps.links?.finalReport?.(report.id) ?? '',
    },
  };
}

/** "Godkänn": the chair accepts the latest final report; the assignment is closed and the kansli informed. */
export async function acceptFinalReport(deps: Dependencies, context: GroupContext, args: FormValues): Promise<Reply> {
  const { store } = deps;
  const { group, member, t } = context;
  const f = t.reports.final;
  const report = args.finalReportId ? await store.finalReports.get(args.finalReportId) : null;
  const assignment = report ? await store.assignments.get(report.assignmentId) : null;
  if (!report || !assignment || assignment.groupId !== group.id) return notice(t, t.reports.access.reportNotFound);
  if (!hasRole(member, 'ordforande')) {
    const chairs = (await store.members.list({ groupId: group.id })).filter((m) => hasRole(m, 'ordforande'));
    return notice(t, t.reports.access.chairOnly, { chairNames: chairNames(chairs, t) });
  }
  if (report.acceptedAt || assignment.status === 'avslutat') return notice(t, f.alreadyAccepted, { title: assignment.title });
  if ((await latestFinalReport(store, assignment.id))?.id !== report.id) return notice(t, f.stale);
  if (assignment.status !== 'slutrapporterat') return notice(t, t.assignmentChanges.returnReport.notPending, { title: assignment.title });

  const now = deps.clock.now();
  const office = await officeLink(deps, group);
  const officeChannel = officeChannelOf(deps, group);
  let mailed = false;
  const accepted = await store.transaction(async (tx) => {
    const updated = await tx.finalReports.update(report.id, { acceptedAt: now, acceptedByMemberId: member.id });
    await tx.assignments.update(assignment.id, { status: 'avslutat' });
    await followAssignments(tx, group, member, assignment.activityId, now);
    if (office) {
      const copy = await finalReportView({ ...deps, store: tx }, group, t, updated, { forOffice: true });
      await tx.outbox.enqueue(
        outboxRecord(
          { idempotencyKey: officeOutboxKey(report.id, office.id), kind: 'final-report', groupId: group.id, channelLinkId: office.id, meetingId: null, expiresAt: null },
          copy,
          group.locale,
          now,
        ),
      );
    }
    mailed = await enqueueKansliMail(deps, tx, group, t, {
      key: `final-report:${report.id}`,
      subject: format(t.exports.kansliMail.finalReportSubject, { title: assignment.title, groupName: group.name }),
      text: format(f.officeIntro, { title: assignment.title, date: formatLongDate(now, group.timeZone, group.locale), name: member.displayName }),
      document: { what: 'report', subject: `f-${report.id}`, format: 'docx' },
    });
    return updated;
  });
  const officeNote = office ? f.sentToOffice : officeChannel ? format(f.officeChannelUnknown, { channel: officeChannel.name }) : f.noOfficeChannel;
  const mailNote = mailed ? ` ${t.exports.kansliMail.sentNote}` : '';
  return finalReportView(deps, group, t, accepted, { banner: `${format(f.accepted, { title: assignment.title, name: member.displayName })} ${officeNote}${mailNote}` });
}

/** The slutrapport as a document (for the .docx export): the assignment's frame, then every answer. */
export async function finalReportDocument(store: Store, t: Catalog, finalReportId: string): Promise<PlanDocument | null> {
  const report = await store.finalReports.get(finalReportId);
  const assignment = report ? await store.assignments.get(report.assignmentId) : null;
  const group = assignment ? await store.groups.get(assignment.groupId) : null;
  if (!report || !assignment || !group) return null;
  const f = t.reports.final;
  const d = f.docx;
  const members = await store.members.list({ groupId: group.id });
  const nameOf = (id: string | null) => members.find((m) => m.id === id)?.displayName ?? t.reports.access.unknownMember;
  const section = (heading: string | null, paragraphs: string[]) => ({ heading, paragraphs, bullets: [] });
  return {
    title: `${d.heading}: ${assignment.title}`,
    subtitle: `${d.group}: ${group.name}`,
    sections: [
      section(null, [
        `${d.assignment}: ${assignment.title}`,
        `${d.period}: ${formatDate(assignment.startDate, group.timeZone)}–${formatDate(assignment.endDate, group.timeZone)}`,
        `${d.convener}: ${nameOf(assignment.convenerMemberId)}`,
        `${d.goal}: ${assignment.goal}`,
      ]),
      section(f.goalMet, [f.goalMetAnswers[report.goalMet], report.goalMetHow]),
      section(f.addedValue, [report.addedValue]),
      section(f.resultsJoint, [report.resultsJoint]),
      section(f.resultsPerParty, [report.resultsPerParty]),
      section(null, [
        `${d.author}: ${nameOf(report.authorMemberId)}, ${formatDate(report.createdAt, group.timeZone)}`,
        report.acceptedAt ? `${d.accepted}: ${nameOf(report.acceptedByMemberId)}, ${formatDate(report.acceptedAt, group.timeZone)}` : d.notAccepted,
      ]),
    ],
  };
}
