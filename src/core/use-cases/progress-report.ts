// Step 5, avrapportering till uppdragsgivaren: the convener (or ersättare) answers the guidance's
// questions ("Hur fortgår arbetet i förhållande till den tänkta planen? Vad fungerar bra och mindre bra?
// Kommer tidsplanen att hållas?") with a status colour, the current values of the local indicators and
// the status of each delmål from the genomförandeplan. Drafts survive refusals and closed forms; a
// submitted report is corrected by submitting a new version, and every version stays readable.
import {
  STATUS_COLOURS,
  TIMELINE_ANSWERS,
  type Assignment,
  type ImplementationPlan,
  type Member,
  type ProgressReport,
  type Locale,
  type StatusColour,
} from '../domain.js';
import type { CardData, FormValues, Reply } from '../events.js';
import type { Store } from '../ports.js';
import { format, type Catalog } from '../../i18n/index.js';
import { formatDate, formatLongDate, formatDateTime } from '../dates.js';
import { localDate } from './action-plan-common.js';
import type { Dependencies, GroupContext } from './context.js';
import { FieldChecker } from './form-checks.js';
import { draftValues, loadDraft, saveDraft, storeAcceptedForm } from './form-drafts.js';
import { assignmentToReport, isReply } from './report-access.js';
import { notice } from './show-help.js';

const FORM = 'progress-report';
const TEXT_FIELDS = ['progressText', 'worksWell', 'worksLessWell'] as const;
const FIXED_FIELDS = [...TEXT_FIELDS, 'statusColour', 'timelineHolds', 'newEndDate'] as const;
/** Slack allows 50 blocks per message: the version list on the report card stops at the latest few. */
const MAX_VERSION_BUTTONS = 8;

export const COLOUR_SYMBOLS: Record<StatusColour, string> = { gron: '🟢', gul: '🟡', rod: '🔴' };

const indicatorField = (id: string) => `indicator_${id}`;
const subGoalField = (id: string) => `subgoal_${id}`;

function fieldsOf(plan: ImplementationPlan | null): string[] {
  return [...FIXED_FIELDS, ...(plan?.indicators ?? []).map((i) => indicatorField(i.id)), ...(plan?.subGoals ?? []).map((s) => subGoalField(s.id))];
}

/** One draft per assignment for a new report, and one per report being corrected. */
export function progressDraftKey(assignmentId: string, correctsReportId: string | null): string {
  return correctsReportId ? `${FORM}:${assignmentId}:${correctsReportId}` : `${FORM}:${assignmentId}`;
}

async function implementationPlan(store: Store, assignmentId: string): Promise<ImplementationPlan | null> {
  return (await store.implementationPlans.list({ assignmentId }))[0] ?? null;
}

/** The first version's id: the chain every correction of a report belongs to. */
const chainOf = (report: ProgressReport) => report.correctsReportId ?? report.id;

/** Every version of the report `report` belongs to, oldest first. */
async function versionsOf(store: Store, report: ProgressReport): Promise<ProgressReport[]> {
  const chain = chainOf(report);
  return (await store.progressReports.list({ assignmentId: report.assignmentId, submitted: true }))
    .filter((other) => chainOf(other) === chain)
    .sort((a, b) => a.version - b.version);
}

/**
 * When the report `report` belongs to was first handed in (its first version, found in `reports`): a
 * correction keeps its report's place in time, so correcting an old report never makes it this period's.
 */
export function firstSubmittedAt(report: ProgressReport, reports: readonly ProgressReport[]): Date {
  const first = report.correctsReportId ? reports.find((other) => other.id === report.correctsReportId) : report;
  return first?.submittedAt ?? report.submittedAt ?? new Date(0);
}

/** When the assignment last reported: the newest first version; corrections do not count as reporting. */
export function lastReportedAt(reports: readonly ProgressReport[]): Date | null {
  return reports.reduce<Date | null>(
    (latest, report) => (report.submitted && report.correctsReportId === null && report.submittedAt && (!latest || report.submittedAt > latest) ? report.submittedAt : latest),
    null,
  );
}

/**
 * The reports of an assignment as they stand: the latest version of each report, newest first by when each
 * was first handed in. Corrections replace what they correct; the standing item and the summaries should
 * read reports through this, given every version (so each correction finds its first version).
 */
export function currentVersions(reports: ProgressReport[]): ProgressReport[] {
  const latest = new Map<string, ProgressReport>();
  for (const report of reports.filter((r) => r.submitted)) {
    const known = latest.get(chainOf(report));
    if (!known || report.version > known.version) latest.set(chainOf(report), report);
  }
  return [...latest.values()].sort((a, b) => firstSubmittedAt(b, reports).getTime() - firstSubmittedAt(a, reports).getTime());
}

const NUMBER_FORMATS: Record<Locale, Intl.NumberFormat> = {
  sv: new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }),
};

export function formatNumber(value: number, locale: Locale): string {
  return NUMBER_FORMATS[locale].format(value);
}

/** What the form shows before anything is typed: a correction starts from the version it corrects. */
function startingValues(plan: ImplementationPlan | null, basis: ProgressReport | null, timeZone: string): FormValues {
  const values: FormValues = {};
  for (const subGoal of plan?.subGoals ?? []) values[subGoalField(subGoal.id)] = basis?.subGoalStatus[subGoal.id] ?? subGoal.status;
  if (!basis) return values;
  Object.assign(values, {
    progressText: basis.progressText,
    statusColour: basis.statusColour ?? '',
    worksWell: basis.worksWell,
    worksLessWell: basis.worksLessWell,
    timelineHolds: basis.timelineHolds ?? '',
    newEndDate: basis.newEndDate ? localDate(basis.newEndDate, timeZone) : '',
  });
  for (const [id, value] of Object.entries(basis.indicatorValues)) values[indicatorField(id)] = String(value).replace('.', ',');
  return values;
}

interface FormState {
  assignment: Assignment;
  plan: ImplementationPlan | null;
  /** The version being corrected, when this is a correction. */
  correcting: ProgressReport | null;
}

function formData({ group, t }: GroupContext, state: FormState, values: FormValues, errors: Record<string, string>, draftNote: string): CardData {
  const { assignment, plan, correcting } = state;
  const p = t.reports.progress;
  const value = (field: string) => values[field] ?? '';
  return {
    t,
    title: format(correcting ? p.correctionTitle : p.title, { title: assignment.title }),
    intro: format(p.intro, { start: formatDate(assignment.startDate, group.timeZone), end: formatDate(assignment.endDate, group.timeZone), goal: assignment.goal }),
    correctionNote: correcting ? format(p.correctionNote, { version: correcting.version, date: formatLongDate(correcting.submittedAt!, group.timeZone, group.locale) }) : '',
    draftNote,
    values: Object.fromEntries(FIXED_FIELDS.map((field) => [field, value(field)])),
    colourChoices: STATUS_COLOURS.map((colour) => ({ title: p.colours[colour], value: colour })),
    timelineChoices: TIMELINE_ANSWERS.map((answer) => ({ title: p.timeline[answer], value: answer })),
    noPlan: plan && (plan.indicators.length > 0 || plan.subGoals.length > 0) ? '' : p.noPlan,
    indicatorsHeading: plan?.indicators.length ? p.indicatorsHeading : '',
    indicators: (plan?.indicators ?? []).map((indicator) => ({
      id: indicatorField(indicator.id),
      label: format(p.indicatorLabel, { name: indicator.name, unit: indicator.unit, baseline: formatNumber(indicator.baseline, group.locale), target: formatNumber(indicator.target, group.locale) }),
      value: value(indicatorField(indicator.id)),
      error: errors[indicatorField(indicator.id)] ?? '',
    })),
    subGoalsHeading: plan?.subGoals.length ? p.subGoalsHeading : '',
    subGoals: (plan?.subGoals ?? []).map((subGoal) => ({
      id: subGoalField(subGoal.id),
      label: format(p.subGoalLabel, { title: subGoal.title, dueDate: subGoal.dueDate }),
      value: value(subGoalField(subGoal.id)),
      error: errors[subGoalField(subGoal.id)] ?? '',
    })),
    context: { assignmentId: assignment.id, correctsReportId: correcting?.id ?? '', draftForm: FORM },
  };
}

async function draftNoteOf(store: Store, { group, t }: GroupContext, draftKey: string): Promise<{ values: FormValues; note: string }> {
  const draft = await loadDraft(store, draftKey);
  if (!draft) return { values: {}, note: '' };
  const author = await store.members.get(draft.memberId);
  return {
    values: draft.values,
    note: format(t.reports.draftContinued, {
      date: formatDateTime(draft.updatedAt, group.timeZone, group.locale),
      name: author?.displayName ?? t.reports.access.unknownMember,
    }),
  };
}

/** The form for a new report on `assignment` (or a correction of `correcting`), continuing any draft. */
export async function progressReportForm(deps: Dependencies, context: GroupContext, assignment: Assignment, correcting: ProgressReport | null = null): Promise<Reply> {
  const plan = await implementationPlan(deps.store, assignment.id);
  const draft = await draftNoteOf(deps.store, context, progressDraftKey(assignment.id, correcting?.id ?? null));
  const values = { ...startingValues(plan, correcting, context.group.timeZone), ...draft.values };
  return { kind: 'form', form: FORM, data: formData(context, { assignment, plan, correcting }, values, {}, draft.note) };
}

/** The version a correction is about, checked to belong to the assignment. */
async function correctedReport(store: Store, assignment: Assignment, reportId: string | undefined): Promise<ProgressReport | null> {
  if (!reportId) return null;
  const report = await store.progressReports.get(reportId);
  return report && report.assignmentId === assignment.id && report.submitted ? report : null;
}

interface ValidReport {
  progressText: string;
  statusColour: StatusColour;
  worksWell: string;
  worksLessWell: string;
  timelineHolds: (typeof TIMELINE_ANSWERS)[number];
  newEndDate: Date | null;
  indicatorValues: Record<string, number>;
  subGoalStatus: Record<string, StatusColour>;
}

export function validateProgressReport(
  t: Catalog,
  values: FormValues,
  plan: ImplementationPlan | null,
  timeZone: string,
  now: Date,
): { ok: true; value: ValidReport } | { ok: false; errors: Record<string, string> } {
  const p = t.reports.progress;
  const check = new FieldChecker(t, values, 'progress-report');
  const progressText = check.text('progressText', p.progressText);
  const statusColour = check.choice('statusColour', p.statusColour, STATUS_COLOURS);
  const worksWell = check.text('worksWell', p.worksWell);
  const worksLessWell = check.text('worksLessWell', p.worksLessWell);
  if (!worksWell && !worksLessWell && !check.errors.worksWell) {
    check.fail('worksWell', format(t.reports.errors.oneOfWorks, { worksWell: p.worksWell, worksLessWell: p.worksLessWell }));
  }
  const timelineHolds = check.choice('timelineHolds', p.timelineHolds, TIMELINE_ANSWERS);
  let newEndDate = timelineHolds && timelineHolds !== 'ja' ? check.futureDate('newEndDate', p.newEndDate, timeZone, now) : null;
  if (timelineHolds === 'nej' && !newEndDate && !check.errors.newEndDate) check.fail('newEndDate', t.reports.errors.newEndDateRequired);
  if (timelineHolds === 'ja') newEndDate = null;

  const indicatorValues: Record<string, number> = {};
  for (const indicator of plan?.indicators ?? []) {
    const field = indicatorField(indicator.id);
    // The personal-data guard (FieldChecker's constructor) has read it already; a number it flags is said
    // to be that, naming the indicator.
    if (check.errors[field]) {
      check.fail(field, format(t.reports.errors.identityNumber, { field: indicator.name }));
      continue;
    }
    const value = check.number(field, indicator.name);
    if (value !== null) indicatorValues[indicator.id] = value;
  }
  const subGoalStatus: Record<string, StatusColour> = {};
  for (const subGoal of plan?.subGoals ?? []) {
    const colour = check.choice(subGoalField(subGoal.id), subGoal.title, STATUS_COLOURS, false);
    if (colour) subGoalStatus[subGoal.id] = colour;
  }
  if (!check.ok || !statusColour || !timelineHolds) return { ok: false, errors: check.errors };
  return { ok: true, value: { progressText, statusColour, worksWell, worksLessWell, timelineHolds, newEndDate, indicatorValues, subGoalStatus } };
}

/** Loads the assignment, plan and corrected version a submitted form or draft is about. */
async function stateOf(deps: Dependencies, context: GroupContext, values: FormValues): Promise<FormState | Reply> {
  const assignment = await assignmentToReport(deps.store, context, values.assignmentId);
  if (isReply(assignment)) return assignment;
  const correcting = await correctedReport(deps.store, assignment, values.correctsReportId);
  if (values.correctsReportId && !correcting) return notice(context.t, context.t.reports.access.reportNotFound);
  return { assignment, plan: await implementationPlan(deps.store, assignment.id), correcting };
}

/** "Spara utkast" (Teams) or a closed modal (Slack): keeps what was typed, submits nothing. */
export async function saveProgressDraft(deps: Dependencies, context: GroupContext, values: FormValues): Promise<Reply> {
  const state = await stateOf(deps, context, values);
  if (isReply(state)) return state;
  const key = progressDraftKey(state.assignment.id, state.correcting?.id ?? null);
  await saveDraft(deps.store, context, FORM, key, draftValues(values, fieldsOf(state.plan)));
  return draftSavedReply(context.t, context.t.reports.kinds.progress, 'report', { assignmentId: state.assignment.id, reportKind: 'progress' });
}

/** The confirmation after a saved draft, with the button that reopens the form. */
export function draftSavedReply(t: Catalog, what: string, kind: string, args: Record<string, string>): Reply {
  return { kind: 'card', card: 'report-prompt', data: { t, text: format(t.reports.draftSaved, { what }), kind, buttonTitle: t.reports.buttons.continueDraft, args: { assignmentId: '', reportKind: '', monthsAfter: '', homeworkId: '', ...args } } };
}

export async function submitProgressReport(deps: Dependencies, context: GroupContext, values: FormValues): Promise<Reply> {
  const state = await stateOf(deps, context, values);
  if (isReply(state)) return state;
  const { assignment, plan, correcting } = state;
  const { group, member, t } = context;
  const key = progressDraftKey(assignment.id, correcting?.id ?? null);
  const now = deps.clock.now();
  const typed = draftValues(values, fieldsOf(plan));
  const result = validateProgressReport(t, values, plan, group.timeZone, now);
  if (!result.ok) {
    await saveDraft(deps.store, context, FORM, key, typed);
    return { kind: 'form-errors', form: FORM, data: formData(context, state, values, result.errors, ''), errors: result.errors };
  }
  const versions = await storeAcceptedForm(deps.store, context, FORM, key, typed, async (store) => {
    const chain = correcting ? await versionsOf(store, correcting) : [];
    const created = await store.progressReports.create({
      assignmentId: assignment.id,
      authorMemberId: member.id,
      version: chain.length > 0 ? Math.max(...chain.map((r) => r.version)) + 1 : 1,
      submitted: true,
      ...result.value,
      submittedAt: now,
      correctsReportId: correcting ? chainOf(correcting) : null,
    });
    return [...chain, created];
  });
  return reportView(deps.store, context, versions.at(-1)!, t.reports.view.submitted, { ...state, versions });
}

/** A report's measured local indicators and sub-goal colours as lines: the report card and its .docx say the same. */
export function measuredLines(t: Catalog, locale: Locale, plan: ImplementationPlan | null, report: ProgressReport): { indicators: string[]; subGoals: string[] } {
  const v = t.reports.view;
  const indicators = (plan?.indicators ?? []).map((indicator) => {
    const value = report.indicatorValues[indicator.id];
    return value === undefined
      ? format(v.indicatorNotMeasured, { name: indicator.name })
      : format(v.indicatorLine, {
          name: indicator.name,
          value: formatNumber(value, locale),
          unit: indicator.unit,
          baseline: formatNumber(indicator.baseline, locale),
          target: formatNumber(indicator.target, locale),
        });
  });
  const subGoals = (plan?.subGoals ?? [])
    .filter((subGoal) => report.subGoalStatus[subGoal.id])
    .map((subGoal) => format(v.subGoalLine, { colour: COLOUR_SYMBOLS[report.subGoalStatus[subGoal.id]!], title: subGoal.title }));
  return { indicators, subGoals };
}

/**
 * The report card: one version with all its answers, and the list of every version of it. `loaded`: the
 * assignment and plan the caller has already read (a submit), so they are not read twice.
 */
export async function reportView(
  store: Store,
  { group, member, t }: GroupContext,
  report: ProgressReport,
  banner = '',
  loaded?: Pick<FormState, 'assignment' | 'plan'> & { versions: ProgressReport[] },
): Promise<Reply> {
  const v = t.reports.view;
  const p = t.reports.progress;
  // A new report, or a correction of one's own, names only the person asking: no need to read the members.
  const onlyAsker = loaded?.versions.every((version) => version.authorMemberId === member.id) ?? false;
  const [assignment, plan, members, versions] = await Promise.all([
    loaded ? loaded.assignment : store.assignments.get(report.assignmentId),
    loaded ? loaded.plan : implementationPlan(store, report.assignmentId),
    onlyAsker ? [member] : store.members.list({ groupId: group.id }),
    loaded ? [...loaded.versions].sort((a, b) => a.version - b.version) : versionsOf(store, report),
  ]);
  const nameOf = (id: string) => members.find((m: Member) => m.id === id)?.displayName ?? t.reports.access.unknownMember;
  const answer = (text: string) => text || v.noAnswer;
  const { indicators: indicatorLines, subGoals: subGoalLines } = measuredLines(t, group.locale, plan, report);
  const facts = [
    { title: v.status, value: report.statusColour ? `${COLOUR_SYMBOLS[report.statusColour]} ${t.common.statusColours[report.statusColour]}` : v.noAnswer },
    { title: v.timeline, value: report.timelineHolds ? p.timeline[report.timelineHolds] : v.noAnswer },
    ...(report.newEndDate ? [{ title: v.newEndDate, value: formatDate(report.newEndDate, group.timeZone) }] : []),
  ];
  return {
    kind: 'card',
    card: 'report-view',
    data: {
      t,
      banner,
      title: format(v.title, { title: assignment?.title ?? '' }),
      versionLine: format(v.versionLine, { version: report.version, date: formatDateTime(report.submittedAt!, group.timeZone, group.locale), name: nameOf(report.authorMemberId) }),
      correctedNote: report.correctsReportId ? v.correctedNote : '',
      facts,
      answers: [
        { heading: p.progressText, text: answer(report.progressText) },
        { heading: p.worksWell, text: answer(report.worksWell) },
        { heading: p.worksLessWell, text: answer(report.worksLessWell) },
      ],
      indicatorsHeading: indicatorLines.length ? v.indicatorsHeading : '',
      indicatorText: indicatorLines.join('\n'),
      subGoalsHeading: subGoalLines.length ? v.subGoalsHeading : '',
      subGoalText: subGoalLines.join('\n'),
      versionsHeading: versions.length > 1 ? v.versionsHeading : '',
      shownVersion: versions.length > 1 ? format(v.shownVersion, { version: report.version, lastVersion: Math.max(...versions.map((item) => item.version)) }) : '',
      versions: versions.length > 1
        ? versions.slice(-MAX_VERSION_BUTTONS).map((version) => ({
            reportId: version.id,
            label: format(v.versionItem, { version: version.version, date: formatDate(version.submittedAt!, group.timeZone), name: nameOf(version.authorMemberId) }),
            button: format(t.reports.buttons.showVersion, { version: version.version }),
          }))
        : [],
      reportId: versions.at(-1)!.id,
      canCorrect: assignment?.status === 'aktivt',
      // "Nej, nytt slutdatum": the chair (uppdragsgivaren) can extend the uppdrag from here.
      ...extension(t, group.timeZone, assignment, report),
    },
  };
}

/** "Rätta rapporten": the form again, prefilled with the latest version, saved as a new version. */
export async function correctReport(deps: Dependencies, context: GroupContext, args: FormValues): Promise<Reply> {
  const report = args.reportId ? await deps.store.progressReports.get(args.reportId) : null;
  const { t } = context;
  if (!report || !report.submitted) return notice(t, t.reports.access.reportNotFound);
  const assignment = await assignmentToReport(deps.store, context, report.assignmentId);
  if (isReply(assignment)) return assignment;
  const latest = (await versionsOf(deps.store, report)).at(-1)!;
  return progressReportForm(deps, context, assignment, latest);
}

/** Any member of the group may read every version of a report. */
export async function showReport(deps: Dependencies, context: GroupContext, args: FormValues): Promise<Reply> {
  const report = args.reportId ? await deps.store.progressReports.get(args.reportId) : null;
  const assignment = report ? await deps.store.assignments.get(report.assignmentId) : null;
  if (!report || !report.submitted || assignment?.groupId !== context.group.id) return notice(context.t, context.t.reports.access.reportNotFound);
  return reportView(deps.store, context, report);
}


/** The "Förläng uppdraget till …" button's data when the report asks for a later end date than the uppdrag has. */
function extension(t: Catalog, timeZone: string, assignment: Assignment | null, report: ProgressReport): { extendLabel: string; extendTo: string; assignmentId: string } | Record<string, never> {
  const wanted = report.timelineHolds === 'nej' ? report.newEndDate : null;
  if (!assignment || !wanted || wanted <= assignment.endDate || assignment.status === 'avslutat' || assignment.status === 'avbrutet') return {};
  return { extendLabel: format(t.assignmentChanges.extendButton, { date: formatDate(wanted, timeZone) }), extendTo: localDate(wanted, timeZone), assignmentId: assignment.id };
}
