// Exports as files in the chat (issue 6): the local action plan, an uppdragshandling, a progress or final
// report and the group's halvårsrapport as documents; all activities, assignments and reports as tables.
// The core decides every file's content (sections, rows, Swedish headers); the exports edge writes bytes.
// Any member of the group may export the group's own data (all of it is shared in the channel anyway);
// nothing of another group is ever served: every id a form or link names is checked against the group.
import { DateTime } from 'luxon';
import type { Activity, ActionPlan, Assignment, FinalReport, Group, ImplementationPlan, Member, PartyOrganisation, ProgressReport } from '../domain.js';
import type { CardData, FieldErrors, FormValues, Reply } from '../events.js';
import { MEDIA_TYPES, type FileContent, type FileExport, type FileFormat } from '../file-export.js';
import type { ExportLinks, Store } from '../ports.js';
import type { Sheet } from '../sheet.js';
import { format, type Catalog } from '../../i18n/index.js';
import { formatDate, formatLongDate, yearIn } from '../dates.js';
import type { RegionalPlan } from '../regional-plan.js';
import { shorten } from '../regional-plan.js';
import type { Dependencies, GroupContext } from './context.js';
import { memberName } from './action-plan-common.js';
import { focusAreaName, loadActionPlanDocument, loadAssignmentDocument, reportingText, type DocumentSection, type PlanDocument } from './plan-documents.js';
import { finalReportDocument } from './final-report.js';
import { COLOUR_SYMBOLS, currentVersions, firstSubmittedAt, formatNumber, measuredLines } from './progress-report.js';
import { colourOf, latestSubmitted } from './standing-item.js';
import { notice } from './show-help.js';
import { identityNumberErrors } from './form-checks.js';
import { evaluationContent, radslagContent } from './step-exports.js';

export const EXPORT_KINDS = ['plan', 'half-year', 'full-year', 'assignment', 'report', 'radslag', 'evaluation', 'activities', 'assignments', 'reports', 'all-tables'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
const DOCUMENT_KINDS: readonly ExportKind[] = ['plan', 'half-year', 'full-year', 'assignment', 'report'];
const TABLE_FORMATS = ['xlsx', 'csv'] as const;
/** The rådslag and the evaluation: read as a document or worked with in Excel, as the group prefers. */
const STEP_KINDS: readonly ExportKind[] = ['radslag', 'evaluation'];
const STEP_FORMATS = ['docx', 'xlsx'] as const;
/** The form's format choices: tables (xlsx, csv) and the rådslag and evaluation (docx, xlsx). */
const FORM_FORMATS = ['xlsx', 'csv', 'docx'] as const;

/**
 * One export, as a form asks for it and a signed link names it. `subject` says which one: the plan's year,
 * the half-year as YYYY-1 / YYYY-2, the full year as YYYY, an assignment id, a report as p-<id> (progress) or f-<id> (final), and
 * `alla` for the tables.
 */
export interface ExportRequest {
  what: ExportKind;
  subject: string;
  format: FileFormat;
}

export const ALL_ROWS = 'alla';
const FORM = 'export';
const FIELDS = ['what', 'period', 'planYear', 'assignmentId', 'reportId', 'format'] as const;

// ---------------------------------------------------------------------------------------------------------
// Half-years: January–June and July–December in the group's time zone.

export interface HalfYear {
  year: number;
  half: 1 | 2;
}

export function halfYearKey({ year, half }: HalfYear): string {
  return `${year}-${half}`;
}

export function parseHalfYear(key: string): HalfYear | null {
  const match = /^(\d{4})-([12])$/.exec(key.trim());
  return match ? { year: Number(match[1]), half: Number(match[2]) as 1 | 2 } : null;
}

/** The half-year before the one `now` is in: the last one that is over. */
export function lastFullHalfYear(now: Date, timeZone: string): HalfYear {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  return local.month >= 7 ? { year: local.year, half: 1 } : { year: local.year - 1, half: 2 };
}

function previousHalfYear({ year, half }: HalfYear): HalfYear {
  return half === 2 ? { year, half: 1 } : { year: year - 1, half: 2 };
}

/** [start, end) of the half-year, from midnight of its first day in the group's time zone. */
export function halfYearBounds({ year, half }: HalfYear, timeZone: string): { start: Date; end: Date } {
  const start = DateTime.fromObject({ year, month: half === 1 ? 1 : 7, day: 1 }, { zone: timeZone });
  return { start: start.toJSDate(), end: start.plus({ months: 6 }).toJSDate() };
}

export function halfYearLabel(t: Catalog, period: HalfYear): string {
  return format(t.exports.form.halfYear[period.half], { year: period.year });
}

// ---------------------------------------------------------------------------------------------------------
// What the group has, loaded once per export.

interface GroupData {
  plans: ActionPlan[];
  activities: Activity[];
  assignments: Assignment[];
  members: Member[];
  organisations: PartyOrganisation[];
  /** Current versions of submitted progress reports, per assignment, newest first. */
  progress: Map<string, ProgressReport[]>;
  /** Every version, for when each report was first handed in. */
  allReports: ProgressReport[];
  finals: FinalReport[];
  implementations: ImplementationPlan[];
}

async function loadGroupData(store: Store, group: Group): Promise<GroupData> {
  const [plans, assignments, members, organisations] = await Promise.all([
    store.plans.list({ groupId: group.id }),
    store.assignments.list({ groupId: group.id }),
    store.members.list({ groupId: group.id }),
    store.organisations.list({ groupId: group.id }),
  ]);
  plans.sort((a, b) => a.year - b.year);
  const activities = (await Promise.all(plans.map((plan) => store.activities.list({ planId: plan.id })))).flat();
  const perAssignment = await Promise.all(
    assignments.map(async (assignment) => {
      const [reports, finals, implementations] = await Promise.all([
        store.progressReports.list({ assignmentId: assignment.id }),
        store.finalReports.list({ assignmentId: assignment.id }),
        store.implementationPlans.list({ assignmentId: assignment.id }),
      ]);
      return { assignment, reports: currentVersions(reports), versions: reports, finals, implementations };
    }),
  );
  return {
    plans,
    activities,
    assignments,
    members,
    organisations,
    progress: new Map(perAssignment.map(({ assignment, reports }) => [assignment.id, reports])),
    allReports: perAssignment.flatMap(({ versions }) => versions),
    finals: perAssignment.flatMap(({ finals }) => finals),
    implementations: perAssignment.flatMap(({ implementations }) => implementations),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Tables.

function activitiesSheet(t: Catalog, group: Group, data: GroupData, regionalPlan: RegionalPlan | undefined): Sheet {
  const c = t.exports.sheets.columns;
  const date = (value: Date) => formatDate(value, group.timeZone);
  const yearOf = new Map(data.plans.map((plan) => [plan.id, plan.year]));
  return {
    name: t.exports.sheets.activities,
    columns: [
      { key: 'planYear', header: c.planYear, width: 10 },
      { key: 'activity', header: c.activity, width: 40 },
      { key: 'description', header: c.description, width: 50 },
      { key: 'focusArea', header: c.focusArea, width: 40 },
      { key: 'goal', header: c.goal },
      { key: 'targetGroup', header: c.targetGroup, width: 24 },
      { key: 'startDate', header: c.startDate },
      { key: 'endDate', header: c.endDate },
      { key: 'status', header: c.status },
      { key: 'assignmentCount', header: c.assignmentCount },
    ],
    rows: data.activities.map((activity) => ({
      planYear: yearOf.get(activity.planId) ?? null,
      activity: activity.title,
      description: activity.description,
      focusArea: focusAreaName(regionalPlan, activity.focusAreaCode),
      goal: activity.goalCode,
      targetGroup: t.common.targetGroups[activity.targetGroup],
      startDate: date(activity.startDate),
      endDate: date(activity.endDate),
      status: t.common.activityStatuses[activity.status],
      assignmentCount: data.assignments.filter((assignment) => assignment.activityId === activity.id).length,
    })),
  };
}

function assignmentsSheet(t: Catalog, group: Group, data: GroupData): Sheet {
  const c = t.exports.sheets.columns;
  const date = (value: Date) => formatDate(value, group.timeZone);
  const activityTitle = new Map(data.activities.map((activity) => [activity.id, activity.title]));
  return {
    name: t.exports.sheets.assignments,
    columns: [
      { key: 'assignment', header: c.assignment, width: 40 },
      { key: 'activity', header: c.activity, width: 40 },
      { key: 'startDate', header: c.startDate },
      { key: 'endDate', header: c.endDate },
      { key: 'status', header: c.status, width: 24 },
      { key: 'convener', header: c.convener, width: 24 },
      { key: 'workingGroup', header: c.workingGroup, width: 40 },
      { key: 'targetGroup', header: c.targetGroup, width: 24 },
      { key: 'purpose', header: c.purpose, width: 40 },
      { key: 'goal', header: c.assignmentGoal, width: 40 },
      { key: 'reporting', header: c.reporting, width: 28 },
      { key: 'resources', header: c.resources, width: 28 },
      { key: 'finalReportForm', header: c.finalReportForm, width: 28 },
      { key: 'latestColour', header: c.latestColour },
    ],
    rows: data.assignments.map((assignment) => {
      const latest = latestSubmitted(data.progress.get(assignment.id) ?? []);
      return {
        assignment: assignment.title,
        activity: activityTitle.get(assignment.activityId) ?? '',
        startDate: date(assignment.startDate),
        endDate: date(assignment.endDate),
        status: t.reports.assignmentStatuses[assignment.status],
        convener: memberName(data.members, assignment.convenerMemberId, t),
        workingGroup: assignment.memberIds.map((id) => memberName(data.members, id, t)).join(', '),
        targetGroup: assignment.targetGroupText,
        purpose: assignment.purpose,
        goal: assignment.goal,
        reporting: reportingText(t, assignment),
        resources: assignment.resources,
        finalReportForm: assignment.finalReportForm,
        latestColour: latest?.statusColour ? t.common.statusColours[latest.statusColour] : '',
      };
    }),
  };
}

function reportsSheet(t: Catalog, group: Group, data: GroupData): Sheet {
  const c = t.exports.sheets.columns;
  const date = (value: Date | null) => (value ? formatDate(value, group.timeZone) : '');
  const titleOf = new Map(data.assignments.map((assignment) => [assignment.id, assignment.title]));
  const name = (id: string) => memberName(data.members, id, t);
  const progressRows = [...data.progress.values()].flat().map((report) => ({
    at: report.submittedAt!,
    row: {
      kind: t.exports.sheets.kinds.progress,
      assignment: titleOf.get(report.assignmentId) ?? '',
      version: report.version,
      submitted: date(report.submittedAt),
      author: name(report.authorMemberId),
      colour: report.statusColour ? t.common.statusColours[report.statusColour] : '',
      timeline: report.timelineHolds ? t.reports.progress.timeline[report.timelineHolds] : '',
      newEndDate: date(report.newEndDate),
      progress: report.progressText,
      worksWell: report.worksWell,
      worksLessWell: report.worksLessWell,
    },
  }));
  const finalRows = data.finals.map((report) => ({
    at: report.createdAt,
    row: {
      kind: t.exports.sheets.kinds.final,
      assignment: titleOf.get(report.assignmentId) ?? '',
      submitted: date(report.createdAt),
      author: name(report.authorMemberId),
      goalMet: t.reports.final.goalMetAnswers[report.goalMet],
      goalMetHow: report.goalMetHow,
      addedValue: report.addedValue,
      resultsJoint: report.resultsJoint,
      resultsPerParty: report.resultsPerParty,
      accepted: date(report.acceptedAt),
    },
  }));
  return {
    name: t.exports.sheets.reports,
    columns: [
      { key: 'kind', header: c.kind, width: 16 },
      { key: 'assignment', header: c.assignment, width: 40 },
      { key: 'version', header: c.version, width: 10 },
      { key: 'submitted', header: c.submitted },
      { key: 'author', header: c.author, width: 24 },
      { key: 'colour', header: c.colour },
      { key: 'timeline', header: c.timeline, width: 30 },
      { key: 'newEndDate', header: c.newEndDate },
      { key: 'progress', header: c.progress, width: 50 },
      { key: 'worksWell', header: c.worksWell, width: 40 },
      { key: 'worksLessWell', header: c.worksLessWell, width: 40 },
      { key: 'goalMet', header: c.goalMet },
      { key: 'goalMetHow', header: c.goalMetHow, width: 40 },
      { key: 'addedValue', header: c.addedValue, width: 40 },
      { key: 'resultsJoint', header: c.resultsJoint, width: 40 },
      { key: 'resultsPerParty', header: c.resultsPerParty, width: 40 },
      { key: 'accepted', header: c.accepted },
    ],
    // Oldest first: the table reads as the group's history.
    rows: [...progressRows, ...finalRows].sort((a, b) => a.at.getTime() - b.at.getTime()).map(({ row }) => row),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Documents.

/** A progress report (avrapportering) as a document: every answer, indicators and sub-goals. */
export function progressReportDocument(t: Catalog, group: Group, assignment: Assignment, report: ProgressReport, implementation: ImplementationPlan | null, members: Member[]): PlanDocument {
  const d = t.exports.progressDocument;
  const p = t.reports.progress;
  const v = t.reports.view;
  const date = (value: Date) => formatDate(value, group.timeZone);
  const answer = (text: string) => text || v.noAnswer;
  const { indicators, subGoals } = measuredLines(t, group.locale, implementation, report);
  const facts = [
    format(d.assignment, { title: assignment.title }),
    format(d.period, { start: date(assignment.startDate), end: date(assignment.endDate) }),
    format(d.submitted, { version: report.version, date: date(report.submittedAt!), name: memberName(members, report.authorMemberId, t) }),
    format(d.status, { value: report.statusColour ? t.common.statusColours[report.statusColour] : v.noAnswer }),
    format(d.timeline, { value: report.timelineHolds ? p.timeline[report.timelineHolds] : v.noAnswer }),
    ...(report.newEndDate ? [format(d.newEndDate, { date: date(report.newEndDate) })] : []),
  ];
  const sections: DocumentSection[] = [
    { heading: null, paragraphs: facts, bullets: [] },
    { heading: p.progressText, paragraphs: [answer(report.progressText)], bullets: [] },
    { heading: p.worksWell, paragraphs: [answer(report.worksWell)], bullets: [] },
    { heading: p.worksLessWell, paragraphs: [answer(report.worksLessWell)], bullets: [] },
  ];
  if (indicators.length > 0) sections.push({ heading: d.indicators, paragraphs: [], bullets: indicators });
  if (subGoals.length > 0) sections.push({ heading: d.subGoals, paragraphs: [], bullets: subGoals });
  return { title: format(d.title, { title: assignment.title }), subtitle: format(d.subtitle, { groupName: group.name }), sections };
}

const within = (at: Date | null, start: Date, end: Date): at is Date => !!at && at >= start && at < end;
const overlaps = (from: Date, to: Date, start: Date, end: Date) => from < end && to >= start;

/** What happened in [start, end): the activities, assignments and reports a follow-up report of the period covers. */
function periodContent(data: GroupData, start: Date, end: Date, regionalPlan: RegionalPlan | undefined) {
  // A report belongs to the period it was first handed in; a later correction shows its current answers.
  const handedIn = (report: ProgressReport) => firstSubmittedAt(report, data.allReports);
  const assignments = data.assignments.filter((assignment) => {
    const reported = (data.progress.get(assignment.id) ?? []).some((report) => within(handedIn(report), start, end));
    return reported || overlaps(assignment.startDate, assignment.endDate, start, end);
  });
  const reportsIn = (assignment: Assignment) =>
    (data.progress.get(assignment.id) ?? []).filter((report) => within(handedIn(report), start, end)).sort((a, b) => handedIn(a).getTime() - handedIn(b).getTime());
  const finalsIn = (assignment: Assignment) => data.finals.filter((report) => report.assignmentId === assignment.id && (within(report.createdAt, start, end) || within(report.acceptedAt, start, end)));
  const activities = data.activities.filter(
    (activity) => overlaps(activity.startDate, activity.endDate, start, end) || assignments.some((assignment) => assignment.activityId === activity.id),
  );
  const order = (code: string) => regionalPlan?.focusAreas.findIndex((area) => area.code === code) ?? 0;
  activities.sort((a, b) => order(a.focusAreaCode) - order(b.focusAreaCode) || a.startDate.getTime() - b.startDate.getTime());
  const ofActivity = (activity: Activity) => assignments.filter((assignment) => assignment.activityId === activity.id);
  const reported = (activity: Activity) => ofActivity(activity).some((assignment) => reportsIn(assignment).length > 0 || finalsIn(assignment).length > 0);
  return { handedIn, assignments, reportsIn, finalsIn, activities, ofActivity, reported };
}

type PeriodContent = ReturnType<typeof periodContent>;

/** The summary's counts, the same in the half-year and the full-year report. */
function periodCounts(t: Catalog, data: GroupData, content: PeriodContent, start: Date, end: Date, meetingsHeld: number): string[] {
  const c = t.exports.halfYear.counts;
  return [
    format(c.activities, { count: content.activities.length }),
    format(c.assignments, { count: content.assignments.length }),
    format(c.progressReports, { count: content.assignments.reduce((sum, assignment) => sum + content.reportsIn(assignment).length, 0) }),
    format(c.finalReports, { count: data.finals.filter((report) => within(report.createdAt, start, end)).length }),
    format(c.closed, { count: data.finals.filter((report) => within(report.acceptedAt, start, end)).length }),
    format(c.meetings, { count: meetingsHeld }),
  ];
}

/** Fokusområde, mål, målgrupp, dates and status: the paragraph under each activity's heading. */
function activityMeta(t: Catalog, group: Group, activity: Activity, regionalPlan: RegionalPlan | undefined): string {
  return format(t.exports.halfYear.activityMeta, {
    focusArea: focusAreaName(regionalPlan, activity.focusAreaCode),
    goal: activity.goalCode,
    targetGroup: t.common.targetGroups[activity.targetGroup],
    start: formatDate(activity.startDate, group.timeZone),
    end: formatDate(activity.endDate, group.timeZone),
    status: t.common.activityStatuses[activity.status].toLowerCase(),
  });
}

function assignmentSummary(t: Catalog, group: Group, data: GroupData, assignment: Assignment): string {
  return format(t.exports.halfYear.assignmentLine, {
    title: assignment.title,
    start: formatDate(assignment.startDate, group.timeZone),
    end: formatDate(assignment.endDate, group.timeZone),
    convener: memberName(data.members, assignment.convenerMemberId, t),
    status: t.reports.assignmentStatuses[assignment.status],
  });
}

/** Per indicator of the assignment, the latest value measured in `reports` (oldest first): where the work stood at the period's end. */
function latestMeasured(implementation: ImplementationPlan | undefined, reports: ProgressReport[]) {
  return (implementation?.indicators ?? []).flatMap((indicator) => {
    const measured = [...reports].reverse().find((report) => report.indicatorValues[indicator.id] !== undefined);
    return measured ? [{ indicator, value: measured.indicatorValues[indicator.id]! }] : [];
  });
}

/**
 * Halvårsrapport (seed "Verksamhetsbeskrivning Uppdrag Samverkan": results are reported per area in
 * half-yearly reports, "genomförda insatser och uppnådda mål"): per activity of the plan that ran in the
 * period, what was done (the progress reports submitted in it) and achieved (final reports, the latest
 * measured local indicators and sub-goals), after a summary with the period's counts.
 */
export function halfYearReportDocument(input: { t: Catalog; group: Group; period: HalfYear; data: GroupData; meetingsHeld: number; regionalPlan: RegionalPlan | undefined; now: Date }): PlanDocument {
  const { t, group, period, data, regionalPlan } = input;
  const h = t.exports.halfYear;
  const { start, end } = halfYearBounds(period, group.timeZone);
  // Prose has the long Swedish date ("15 mars 2026"); the periods of activities and uppdrag stay ISO, as in tables.
  const longDate = (value: Date) => formatLongDate(value, group.timeZone, group.locale);
  const label = halfYearLabel(t, period);
  const content = periodContent(data, start, end, regionalPlan);
  const { handedIn, reportsIn, finalsIn, activities } = content;
  const sections: DocumentSection[] = [
    { heading: null, paragraphs: [format(h.intro, { period: label })], bullets: [] },
    { heading: h.summary, paragraphs: [], bullets: periodCounts(t, data, content, start, end, input.meetingsHeld) },
  ];
  for (const activity of activities) {
    const bullets: string[] = [];
    for (const assignment of content.ofActivity(activity)) {
      bullets.push(assignmentSummary(t, group, data, assignment));
      const reports = reportsIn(assignment);
      for (const report of reports) {
        bullets.push(
          format(h.doneLine, {
            date: longDate(handedIn(report)),
            colour: colourOf(report, t),
            text: report.progressText || h.noAnswer,
            timeline: report.timelineHolds ? t.reports.progress.timeline[report.timelineHolds] : h.noAnswer,
          }),
        );
      }
      for (const final of finalsIn(assignment)) {
        bullets.push(
          format(h.achievedFinal, {
            date: longDate(final.createdAt),
            title: assignment.title,
            goalMet: t.reports.final.goalMetAnswers[final.goalMet],
            how: final.goalMetHow,
            addedValue: final.addedValue,
          }),
        );
      }
      const implementation = data.implementations.find((plan) => plan.assignmentId === assignment.id);
      for (const { indicator, value } of latestMeasured(implementation, reports)) {
        bullets.push(
          format(h.achievedIndicator, {
            name: indicator.name,
            value: formatNumber(value, group.locale),
            unit: indicator.unit,
            baseline: formatNumber(indicator.baseline, group.locale),
            target: formatNumber(indicator.target, group.locale),
          }),
        );
      }
      const latest = reports.at(-1);
      for (const subGoal of implementation?.subGoals ?? []) {
        const colour = latest?.subGoalStatus[subGoal.id];
        if (colour) bullets.push(format(h.achievedSubGoal, { title: subGoal.title, colour: `${COLOUR_SYMBOLS[colour]} ${t.common.statusColours[colour]}` }));
      }
    }
    if (!content.reported(activity)) bullets.push(h.nothingReported);
    sections.push({ heading: activity.title, paragraphs: [activityMeta(t, group, activity, regionalPlan)], bullets });
  }
  if (activities.length === 0) sections.push({ heading: null, paragraphs: [h.noActivities], bullets: [] });
  return {
    title: format(h.title, { period: label }),
    subtitle: format(h.subtitle, { groupName: group.name, date: longDate(input.now) }),
    sections,
  };
}

/** [start, end) of a calendar year in the group's time zone. */
export function yearBounds(year: number, timeZone: string): { start: Date; end: Date } {
  const start = DateTime.fromObject({ year, month: 1, day: 1 }, { zone: timeZone });
  return { start: start.toJSDate(), end: start.plus({ years: 1 }).toJSDate() };
}

/**
 * Helårsrapport (seed: written reports "vid halv- och helårsskifte"): where each activity stands at the
 * year's end (the latest status with its colour and "Kommer tidsplanen att hållas?"), the local indicators
 * as baseline → value → target, the uppdrag closed in the year with "Har målet nåtts?" and their mervärde,
 * and the meetings held, after the same summary as the half-year report.
 */
export function fullYearReportDocument(input: { t: Catalog; group: Group; year: number; data: GroupData; meetingsHeld: Date[]; regionalPlan: RegionalPlan | undefined; now: Date }): PlanDocument {
  const { t, group, year, data, regionalPlan } = input;
  const h = t.exports.halfYear;
  const y = t.exports.fullYear;
  const { start, end } = yearBounds(year, group.timeZone);
  const longDate = (value: Date) => formatLongDate(value, group.timeZone, group.locale);
  const content = periodContent(data, start, end, regionalPlan);
  const meetings = input.meetingsHeld.map(longDate);
  const sections: DocumentSection[] = [
    { heading: null, paragraphs: [format(y.intro, { year })], bullets: [] },
    { heading: h.summary, paragraphs: [], bullets: periodCounts(t, data, content, start, end, meetings.length) },
    { heading: y.meetingsHeading, paragraphs: [meetings.length > 0 ? format(y.meetingsHeld, { count: meetings.length, dates: meetings.join(', ') }) : y.noMeetings], bullets: [] },
  ];
  for (const activity of content.activities) {
    const assignments = content.ofActivity(activity);
    const reports = assignments.flatMap((assignment) => content.reportsIn(assignment)).sort((a, b) => content.handedIn(a).getTime() - content.handedIn(b).getTime());
    const latest = reports.at(-1);
    const bullets: string[] = [
      latest
        ? format(y.latestStatus, {
            date: longDate(content.handedIn(latest)),
            colour: colourOf(latest, t),
            timeline: latest.timelineHolds ? t.reports.progress.timeline[latest.timelineHolds] : h.noAnswer,
          })
        : y.noProgressReport,
    ];
    for (const assignment of assignments) {
      bullets.push(assignmentSummary(t, group, data, assignment));
      const implementation = data.implementations.find((plan) => plan.assignmentId === assignment.id);
      for (const { indicator, value } of latestMeasured(implementation, content.reportsIn(assignment))) {
        bullets.push(
          format(y.indicator, {
            name: indicator.name,
            unit: indicator.unit,
            baseline: formatNumber(indicator.baseline, group.locale),
            value: formatNumber(value, group.locale),
            target: formatNumber(indicator.target, group.locale),
          }),
        );
      }
      for (const final of data.finals.filter((report) => report.assignmentId === assignment.id && within(report.acceptedAt, start, end))) {
        bullets.push(
          format(y.closed, {
            title: assignment.title,
            date: longDate(final.acceptedAt!),
            goalMet: t.reports.final.goalMetAnswers[final.goalMet],
            addedValue: final.addedValue || h.noAnswer,
          }),
        );
      }
    }
    sections.push({ heading: activity.title, paragraphs: [activityMeta(t, group, activity, regionalPlan)], bullets });
  }
  if (content.activities.length === 0) sections.push({ heading: null, paragraphs: [y.noActivities], bullets: [] });
  return {
    title: format(y.title, { year }),
    subtitle: format(h.subtitle, { groupName: group.name, date: longDate(input.now) }),
    sections,
  };
}

/** Meetings of the group held in [start, end) by `now`, not cancelled, oldest first. */
async function meetingsHeld(store: Store, group: Group, start: Date, end: Date, now: Date): Promise<Date[]> {
  const meetings = await store.meetings.list({ groupId: group.id, cancelled: false });
  return meetings
    .map((meeting) => meeting.startsAt)
    .filter((at) => within(at, start, end) && at <= now)
    .sort((a, b) => a.getTime() - b.getTime());
}

/** The group's halvårsrapport for `period`, from the store. */
export async function loadHalfYearReport(store: Store, group: Group, t: Catalog, period: HalfYear, regionalPlan: RegionalPlan | undefined, now: Date): Promise<PlanDocument> {
  const { start, end } = halfYearBounds(period, group.timeZone);
  const [data, held] = await Promise.all([loadGroupData(store, group), meetingsHeld(store, group, start, end, now)]);
  return halfYearReportDocument({ t, group, period, data, meetingsHeld: held.length, regionalPlan, now });
}

/** The group's helårsrapport for `year`, from the store. */
export async function loadFullYearReport(store: Store, group: Group, t: Catalog, year: number, regionalPlan: RegionalPlan | undefined, now: Date): Promise<PlanDocument> {
  const { start, end } = yearBounds(year, group.timeZone);
  const [data, held] = await Promise.all([loadGroupData(store, group), meetingsHeld(store, group, start, end, now)]);
  return fullYearReportDocument({ t, group, year, data, meetingsHeld: held, regionalPlan, now });
}

// ---------------------------------------------------------------------------------------------------------
// One export as a file.

/** A title as part of a file name: letters (å, ä, ö too), digits and dashes; Windows and Slack take it as is. */
function slug(text: string): string {
  return (
    text
      .normalize('NFC')
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '')
      .toLowerCase() || 'export'
  );
}

export interface ExportSources {
  store: Store;
  regionalPlan: RegionalPlan | undefined;
  links?: ExportLinks;
  now: Date;
}

type Built = { name: string; title: string; content: FileContent };

/**
 * The file `request` names for `group`, or null when it names nothing of this group (another group's
 * assignment or report, a year without a plan, a format the kind has no writer for).
 */
export async function buildExportFile(sources: ExportSources, group: Group, t: Catalog, request: ExportRequest): Promise<FileExport | null> {
  const isDocument = DOCUMENT_KINDS.includes(request.what);
  if (STEP_KINDS.includes(request.what) ? request.format === 'csv' : isDocument !== (request.format === 'docx')) return null;
  if (request.what === 'all-tables' && request.format === 'csv') return null;
  const built = await build(sources, group, t, request);
  if (!built) return null;
  return {
    fileName: `${built.name}.${request.format}`,
    title: built.title,
    format: request.format,
    mediaType: MEDIA_TYPES[request.format],
    content: built.content,
    url: sources.links?.file?.(group.id, request.what, request.subject, request.format) ?? '',
  };
}

async function build(sources: ExportSources, group: Group, t: Catalog, request: ExportRequest): Promise<Built | null> {
  const { store, regionalPlan, now } = sources;
  const names = t.exports.fileNames;
  const choices = t.exports.form.whatChoices;
  const document = (name: string, title: string, value: PlanDocument | null): Built | null => (value ? { name, title, content: { kind: 'document', document: value } } : null);
  switch (request.what) {
    case 'plan': {
      const year = /^\d{4}$/.test(request.subject) ? Number(request.subject) : NaN;
      if (!Number.isInteger(year)) return null;
      const plan = await loadActionPlanDocument(store, group, year, regionalPlan, t);
      return document(format(names.plan, { year }), plan?.title ?? '', plan);
    }
    case 'half-year': {
      const period = parseHalfYear(request.subject);
      if (!period) return null;
      const report = await loadHalfYearReport(store, group, t, period, regionalPlan, now);
      return document(format(names['half-year'], { year: period.year, monthRange: names.halfMonths[period.half] }), report.title, report);
    }
    case 'full-year': {
      if (!/^\d{4}$/.test(request.subject)) return null;
      const year = Number(request.subject);
      const report = await loadFullYearReport(store, group, t, year, regionalPlan, now);
      return document(format(names['full-year'], { year }), report.title, report);
    }
    case 'radslag':
    case 'evaluation': {
      if (!/^\d{4}$/.test(request.subject) || request.format === 'csv') return null;
      const year = Number(request.subject);
      const load = request.what === 'radslag' ? radslagContent : evaluationContent;
      const content = await load(store, group, t, year, request.format, now);
      const title = request.what === 'radslag' ? t.exports.radslag.title : t.exports.evaluation.title;
      return content ? { name: format(names[request.what], { year }), title: format(title, { year }), content } : null;
    }
    case 'assignment': {
      const assignment = await store.assignments.get(request.subject);
      if (assignment?.groupId !== group.id) return null;
      const value = await loadAssignmentDocument(store, assignment.id, regionalPlan, () => t);
      return document(format(names.assignment, { title: slug(assignment.title) }), value?.title ?? '', value);
    }
    case 'report':
      return reportFile(store, group, t, request.subject);
    default: {
      const data = await loadGroupData(store, group);
      const sheets: Record<'activities' | 'assignments' | 'reports', () => Sheet> = {
        activities: () => activitiesSheet(t, group, data, regionalPlan),
        assignments: () => assignmentsSheet(t, group, data),
        reports: () => reportsSheet(t, group, data),
      };
      const kinds = request.what === 'all-tables' ? (['activities', 'assignments', 'reports'] as const) : [request.what];
      return { name: names[request.what], title: choices[request.what], content: { kind: 'sheets', sheets: kinds.map((kind) => sheets[kind]()) } };
    }
  }
}

type GroupReport = { assignment: Assignment } & ({ kind: 'final'; id: string } | { kind: 'progress'; report: ProgressReport });

/** The report a subject names (f-<id> final, p-<id> submitted progress), when it is one of `group`'s. */
async function groupReport(store: Store, group: Group, subject: string): Promise<GroupReport | null> {
  const id = subject.slice(2);
  if (subject.startsWith('f-')) {
    const final = await store.finalReports.get(id);
    const assignment = final ? await store.assignments.get(final.assignmentId) : null;
    return assignment?.groupId === group.id ? { kind: 'final', id, assignment } : null;
  }
  if (!subject.startsWith('p-')) return null;
  const report = await store.progressReports.get(id);
  const assignment = report?.submitted ? await store.assignments.get(report.assignmentId) : null;
  return report && assignment?.groupId === group.id ? { kind: 'progress', report, assignment } : null;
}

async function reportFile(store: Store, group: Group, t: Catalog, subject: string): Promise<Built | null> {
  const names = t.exports.fileNames;
  const found = await groupReport(store, group, subject);
  if (!found) return null;
  const { assignment } = found;
  if (found.kind === 'final') {
    const value = await finalReportDocument(store, t, found.id);
    return value ? { name: format(names.finalReport, { title: slug(assignment.title) }), title: value.title, content: { kind: 'document', document: value } } : null;
  }
  const { report } = found;
  const [implementation, members] = await Promise.all([store.implementationPlans.list({ assignmentId: assignment.id }), store.members.list({ groupId: group.id })]);
  const value = progressReportDocument(t, group, assignment, report, implementation[0] ?? null, members);
  return {
    name: format(names.progressReport, { title: slug(assignment.title), date: formatDate(report.submittedAt!, group.timeZone) }),
    title: value.title,
    content: { kind: 'document', document: value },
  };
}

// ---------------------------------------------------------------------------------------------------------
// The `exportera` command, its form and the answer.

interface Choices {
  periods: { title: string; value: string }[];
  years: { title: string; value: string }[];
  assignments: { title: string; value: string }[];
  reports: { title: string; value: string }[];
}

async function choicesFor(deps: Dependencies, group: Group, t: Catalog): Promise<Choices> {
  const now = deps.clock.now();
  const f = t.exports.form;
  const data = await loadGroupData(deps.store, group);
  const date = (value: Date) => formatDate(value, group.timeZone);
  // The ongoing half-year first (a report so far), then the last full one (the default) and the two before.
  const periods: HalfYear[] = [];
  let period = lastFullHalfYear(now, group.timeZone);
  periods.push(period.half === 1 ? { year: period.year, half: 2 } : { year: period.year + 1, half: 1 });
  for (let index = 0; index < 3; index += 1, period = previousHalfYear(period)) periods.push(period);
  // Every year the group has something of: plans, analysis rounds (rådslag), evaluations; and this year.
  const [rounds, evaluations] = await Promise.all([deps.store.analysisRounds.list({ groupId: group.id }), deps.store.evaluations.list({ groupId: group.id })]);
  const years = [...new Set([...data.plans, ...rounds, ...evaluations].map((item) => item.year).concat(yearIn(now, group.timeZone)))].sort((a, b) => b - a);
  const titleOf = new Map(data.assignments.map((assignment) => [assignment.id, assignment.title]));
  const reports = [
    ...[...data.progress.values()].flat().map((report) => ({
      at: report.submittedAt!,
      title: shorten(format(f.progressChoice, { date: date(report.submittedAt!), title: titleOf.get(report.assignmentId) ?? '' }), 75),
      value: `p-${report.id}`,
    })),
    ...data.finals.map((report) => ({
      at: report.createdAt,
      title: shorten(format(f.finalChoice, { date: date(report.createdAt), title: titleOf.get(report.assignmentId) ?? '' }), 75),
      value: `f-${report.id}`,
    })),
  ].sort((a, b) => b.at.getTime() - a.at.getTime());
  return {
    periods: periods.map((value) => ({ title: halfYearLabel(t, value), value: halfYearKey(value) })),
    years: years.map((year) => ({ title: String(year), value: String(year) })),
    // Every one, newest first: Slack searches a list of more than 100 as the person types (external_select).
    assignments: [...data.assignments].reverse().map((assignment) => ({ title: shorten(assignment.title, 75), value: assignment.id })),
    reports: reports.map(({ title, value }) => ({ title, value })),
  };
}

function formData(t: Catalog, choices: Choices, values: Record<(typeof FIELDS)[number], string>): CardData {
  const f = t.exports.form;
  return {
    t,
    values,
    whatChoices: EXPORT_KINDS.map((kind) => ({ title: f.whatChoices[kind], value: kind })),
    periodChoices: choices.periods,
    yearChoices: choices.years,
    assignmentChoices: choices.assignments,
    reportChoices: choices.reports,
    // Slack refuses a select without options: the inputs are left out while there is nothing to pick.
    hasAssignments: choices.assignments.length > 0,
    hasReports: choices.reports.length > 0,
    formatChoices: FORM_FORMATS.map((value) => ({ title: f.formats[value], value })),
  };
}

/** `exportera`: the form where a member picks what to export (and which period, item and format). */
export async function openExport(deps: Dependencies, { group, t }: GroupContext, args: FormValues): Promise<Reply> {
  // A button may preselect an assignment or a report: one that is not this group's is refused, not echoed into the form.
  const foreignAssignment = !!args.assignmentId && (await deps.store.assignments.get(args.assignmentId))?.groupId !== group.id;
  if (foreignAssignment || (args.reportId && !(await groupReport(deps.store, group, args.reportId)))) return notice(t, t.exports.errors.notInGroup);
  const choices = await choicesFor(deps, group, t);
  const wanted = EXPORT_KINDS.find((kind) => kind === args.what);
  const values = {
    what: wanted ?? 'half-year',
    period: choices.periods[1]!.value,
    planYear: choices.years[0]!.value,
    assignmentId: args.assignmentId ?? '',
    reportId: args.reportId ?? '',
    format: 'xlsx',
  };
  return { kind: 'form', form: FORM, data: formData(t, choices, values) };
}

/** The form's choices checked (one message per field), the file built, and handed over as a 'file' reply. */
export async function submitExport(deps: Dependencies, context: GroupContext, submitted: FormValues): Promise<Reply> {
  const { group, member, t } = context;
  const e = t.exports.errors;
  const values = Object.fromEntries(FIELDS.map((field) => [field, (submitted[field] ?? '').trim()])) as Record<(typeof FIELDS)[number], string>;
  const errors = identityNumberErrors(t, values);
  const what = EXPORT_KINDS.find((kind) => kind === values.what);
  let subject = ALL_ROWS;
  let fileFormat: FileFormat = 'docx';
  if (!what) errors.what = e.chooseWhat;
  else if (what === 'half-year') {
    if (parseHalfYear(values.period)) subject = values.period;
    else errors.period = e.choosePeriod;
  } else if (what === 'plan' || what === 'full-year') {
    if (/^\d{4}$/.test(values.planYear)) subject = values.planYear;
    else errors.planYear = what === 'plan' ? e.choosePlanYear : e.chooseReportYear;
  } else if (what === 'assignment') {
    if (values.assignmentId) subject = values.assignmentId;
    else errors.assignmentId = e.chooseAssignment;
  } else if (what === 'report') {
    if (values.reportId) subject = values.reportId;
    else errors.reportId = e.chooseReport;
  } else if (STEP_KINDS.includes(what)) {
    if (/^\d{4}$/.test(values.planYear)) subject = values.planYear;
    else errors.planYear = e.chooseStepYear;
    const stepFormat = STEP_FORMATS.find((value) => value === values.format);
    if (stepFormat) fileFormat = stepFormat;
    else errors.format = e.chooseStepFormat;
  } else {
    const tableFormat = TABLE_FORMATS.find((value) => value === values.format);
    if (!tableFormat) errors.format = e.chooseFormat;
    else if (tableFormat === 'csv' && what === 'all-tables') errors.format = e.csvOneTable;
    else fileFormat = tableFormat;
  }
  if (!what || Object.keys(errors).length > 0) {
    return { kind: 'form-errors', form: FORM, data: formData(t, await choicesFor(deps, group, t), values), errors };
  }
  const file = await buildExportFile(
    { store: deps.store, regionalPlan: deps.actionPlan?.regionalPlan, links: deps.links, now: deps.clock.now() },
    group,
    t,
    { what, subject, format: fileFormat },
  );
  if (!file) {
    // A plan year without a plan is the group's state; any other miss is an id this group does not own.
    const missing = what === 'plan' ? e.noPlan : what === 'radslag' ? e.noRound : null;
    return notice(t, missing ? format(missing, { year: subject }) : e.notInGroup);
  }
  const r = t.exports.ready;
  const message = format(r.text, { name: member.displayName, what: file.title });
  return {
    kind: 'file',
    file,
    message,
    card: 'export-ready',
    data: {
      t,
      title: format(r.title, { fileName: file.fileName }),
      text: message,
      url: file.url,
      download: format(r.download, { fileName: file.fileName }),
      linkNote: r.linkNote,
      note: '',
    },
  };
}
