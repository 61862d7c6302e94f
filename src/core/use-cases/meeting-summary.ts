// The chair's meeting preparation (issue 6): what happened since the previous meeting and what waits
// for the chair at the next one. Given privately: on demand (`sammanfattning`) and, through the outbox,
// group.summaryHoursBefore before every meeting to each chair.
import { DateTime } from 'luxon';
import type { ActionPlan, Assignment, ChannelLink, FinalReport, Group, Meeting, Member, ProgressReport } from '../domain.js';
import type { Reply } from '../events.js';
import type { Store } from '../ports.js';
import { catalog, format, type Catalog } from '../../i18n/index.js';
import { formatLongDate, formatDateTime } from '../dates.js';
import { outboxKeys, outboxRecord, recipientOf } from '../delivery.js';
import { activeGroups, hasRole, type Dependencies } from './context.js';
import { failedSendLines } from './failed-sends.js';
import { currentVersions, firstSubmittedAt, lastReportedAt } from './progress-report.js';
import { activitiesOfPlan, groupPlans, latestRound, planInForce, planningPlan, votingAreas } from './action-plan-common.js';
import { revisionDueSince } from './plan-due-posts.js';
import { chunkLines, colourOf, dueReport, latestSubmitted, SEVERITY, worstColour } from './standing-item.js';

/** Without a previous meeting the summary looks back this far. */
export const DEFAULT_PERIOD_DAYS = 30;
/** Assignments ending this soon are listed (final report, implementation). */
export const ENDING_WITHIN_DAYS = 30;
/**
 * Slack refuses a message over 50 blocks. Each section takes a heading, at most MAX_CHUNKS text blocks
 * and one block per item button; five sections, the agenda, the facts and the failed sends stay below 50
 * however big the group is. What does not get a button of its own is reached from the plan.
 */
const MAX_CHUNKS = 2;
const MAX_BUTTONS = 3;
/** Slack cuts button texts at 75 characters; long assignment titles are shortened. */
const MAX_BUTTON_CHARS = 60;
const DAY_MS = 86_400_000;

export interface SummaryOptions {
  /** Who reads it: chairs and the kansli also see failed posts; the scheduled one is addressed to them. */
  viewer: Member;
  /** The meeting prepared for; by default the next one after `now`. */
  meeting?: Meeting;
  /** Slack shows it to the viewer only: the card says so. */
  privateNote?: boolean;
  /** Scheduled: name the chair it is for. */
  addressed?: boolean;
}

interface Link {
  title: string;
  id: string;
}

interface SectionData {
  heading: string;
  chunks: { text: string }[];
  reportLinks: Link[];
  finalReportLinks: Link[];
  openVotingLinks: Link[];
  closeVotingLinks: Link[];
  decidePlanLinks: Link[];
  planLinks: Link[];
  /** The uppdragshandling of an assignment a line is about (no report to show yet). */
  assignmentLinks: Link[];
}

type Links = Partial<Omit<SectionData, 'heading' | 'chunks'>>;

function section(heading: string, lines: string[], empty: string, t: Catalog, links: Links = {}): SectionData {
  const more = (count: number) => format(t.meetingSummary.more, { count });
  const shorten = (title: string) => (title.length > MAX_BUTTON_CHARS ? `${title.slice(0, MAX_BUTTON_CHARS - 1)}…` : title);
  const limited = (list: Link[] = []) => list.slice(0, MAX_BUTTONS).map((link) => ({ ...link, title: shorten(link.title) }));
  return {
    heading,
    chunks: lines.length > 0 ? chunkLines(lines, more, MAX_CHUNKS) : [{ text: empty }],
    reportLinks: limited(links.reportLinks),
    finalReportLinks: limited(links.finalReportLinks),
    openVotingLinks: limited(links.openVotingLinks),
    closeVotingLinks: limited(links.closeVotingLinks),
    decidePlanLinks: limited(links.decidePlanLinks),
    planLinks: limited(links.planLinks),
    assignmentLinks: limited(links.assignmentLinks),
  };
}

interface Loaded {
  members: Member[];
  organisationNames: string[];
  meetings: Meeting[];
  assignments: Assignment[];
  /** The reports as they stand (currentVersions), newest first. */
  reportsByAssignment: Map<string, ProgressReport[]>;
  /** Every version, for when each report was first handed in. */
  allReports: ProgressReport[];
  finalReports: FinalReport[];
}

async function load(store: Store, group: Group): Promise<Loaded> {
  const [members, organisations, meetings, assignments] = await Promise.all([
    store.members.list({ groupId: group.id }),
    store.organisations.list({ groupId: group.id }),
    store.meetings.list({ groupId: group.id, cancelled: false }),
    store.assignments.list({ groupId: group.id }),
  ]);
  const perAssignment = await Promise.all(
    assignments.map(async (assignment) => {
      const [reports, finals] = await Promise.all([
        store.progressReports.list({ assignmentId: assignment.id }),
        store.finalReports.list({ assignmentId: assignment.id }),
      ]);
      return { assignment, reports: currentVersions(reports), versions: reports, finals };
    }),
  );
  return {
    members,
    organisationNames: organisations.map((organisation) => organisation.name),
    meetings: [...meetings].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()),
    assignments,
    reportsByAssignment: new Map(perAssignment.map(({ assignment, reports }) => [assignment.id, reports])),
    allReports: perAssignment.flatMap(({ versions }) => versions),
    finalReports: perAssignment.flatMap(({ finals }) => finals),
  };
}

const isWorrying = (report: ProgressReport | null): boolean =>
  !!report && ((report.statusColour !== null && SEVERITY[report.statusColour] > 0) || report.timelineHolds === 'nej' || report.timelineHolds === 'osakert');

/** The meeting-prep summary card for `options.viewer`, as things stand at `now`. */
export async function meetingSummary(store: Store, group: Group, now: Date, options: SummaryOptions): Promise<Extract<Reply, { kind: 'card' }>> {
  const t = catalog(group.locale);
  const texts = t.meetingSummary;
  const data = await load(store, group);
  const meeting = options.meeting ?? data.meetings.find((candidate) => candidate.startsAt > now) ?? null;
  const meetingStart = meeting?.startsAt ?? now;
  const previous = data.meetings.filter((candidate) => candidate.startsAt <= now && candidate.startsAt < meetingStart && candidate.id !== meeting?.id).at(-1) ?? null;
  const periodStart = previous?.startsAt ?? new Date(now.getTime() - DEFAULT_PERIOD_DAYS * DAY_MS);
  const names = new Map(data.members.map((member) => [member.id, member.displayName]));
  const convenerOf = (assignment: Assignment) => names.get(assignment.convenerMemberId) ?? t.scheduler.standingItem.unknownConvener;
  const titleOf = new Map(data.assignments.map((assignment) => [assignment.id, assignment.title]));
  const active = data.assignments.filter((assignment) => assignment.status === 'aktivt');
  const latestOf = (assignment: Assignment) => latestSubmitted(data.reportsByAssignment.get(assignment.id) ?? []);
  const date = (value: Date) => formatLongDate(value, group.timeZone, group.locale);
  const answerOf = (report: ProgressReport) => (report.timelineHolds ? t.scheduler.standingItem.timelineAnswers[report.timelineHolds] : texts.received.noAnswer);
  const reportLink = (report: ProgressReport): Link => ({ title: format(texts.buttons.report, { title: titleOf.get(report.assignmentId) ?? '' }), id: report.id });
  const assignmentLink = (assignment: Assignment): Link => ({ title: format(texts.buttons.assignment, { title: assignment.title }), id: assignment.id });

  // Reports received in the period, newest first, with their answer to "Kommer tidsplanen att hållas?".
  // A report counts for the period it was first handed in; a later correction shows its current answers.
  const receivedAt = (report: ProgressReport) => firstSubmittedAt(report, data.allReports);
  const received = [...data.reportsByAssignment.values()]
    .flat()
    .filter((report) => receivedAt(report) > periodStart && receivedAt(report) <= now)
    .sort((a, b) => receivedAt(b).getTime() - receivedAt(a).getTime());
  const receivedLines = received.map((report) => {
    const params = { colour: colourOf(report, t), title: titleOf.get(report.assignmentId) ?? '', date: date(receivedAt(report)), answer: answerOf(report) };
    return report.newEndDate ? format(texts.received.lineNewEnd, { ...params, newEndDate: date(report.newEndDate) }) : format(texts.received.line, params);
  });

  const missing = active.flatMap((assignment) => {
    const versions = data.allReports.filter((report) => report.assignmentId === assignment.id);
    const due = dueReport(assignment, lastReportedAt(versions), { startsAt: meetingStart }, previous?.startsAt ?? null, convenerOf(assignment), group, now, t);
    return due ? [{ assignment, line: due.line }] : [];
  });
  const missingLines = missing.map(({ line }) => line);

  // At risk: yellow or red, or a report doubting the timeline; activities by their assignments' worst colour.
  const risky = active.filter((assignment) => isWorrying(latestOf(assignment)));
  // The colour leads the line; the reason adds the answer to "Kommer tidsplanen att hållas?".
  const reasonOf = (report: ProgressReport) => format(texts.atRisk.timeline, { answer: answerOf(report) });
  // The plan in force on the meeting's date: a plan for next year decided in December serves January meetings.
  const { plans, activities: all } = await groupPlans(store, group.id);
  const plan = planInForce(plans, DateTime.fromJSDate(meetingStart, { zone: group.timeZone }).year);
  const activities = plan ? activitiesOfPlan(plans, all, plan, group.timeZone) : [];
  const activityLines = activities
    .filter((activity) => activity.status === 'planerad' || activity.status === 'pagaende')
    .flatMap((activity) => {
      const worst = worstColour(active.filter((assignment) => assignment.activityId === activity.id).map(latestOf));
      return worst?.statusColour && SEVERITY[worst.statusColour] > 0 ? [format(texts.atRisk.activityLine, { colour: colourOf(worst, t), title: activity.title, reason: reasonOf(worst) })] : [];
    });
  const riskLines = [
    ...activityLines,
    ...risky.map((assignment) => {
      const latest = latestOf(assignment)!;
      return format(texts.atRisk.assignmentLine, { colour: colourOf(latest, t), title: assignment.title, reason: reasonOf(latest) });
    }),
  ];

  // Ending soon (or past its end and still ongoing): the final report and implementation come next.
  const endOf = (assignment: Assignment) => latestOf(assignment)?.newEndDate ?? assignment.endDate;
  const endingLimit = new Date(now.getTime() + ENDING_WITHIN_DAYS * DAY_MS);
  const ending = active.filter((assignment) => endOf(assignment) <= endingLimit).sort((a, b) => endOf(a).getTime() - endOf(b).getTime());
  const endingLines = ending.map((assignment) =>
    format(texts.ending.line, {
      title: assignment.title,
      convener: convenerOf(assignment),
      date: date(endOf(assignment)),
      finalReport: data.finalReports.some((report) => report.assignmentId === assignment.id) ? texts.ending.finalReportSubmitted : texts.ending.finalReportMissing,
    }),
  );

  const planning = planningPlan(plans, plan, DateTime.fromJSDate(meetingStart, { zone: group.timeZone }).year);
  const toDecide = [plan, planning].flatMap((candidate) => (candidate ? [{ plan: candidate, activityCount: activitiesOfPlan(plans, all, candidate, group.timeZone).length }] : []));
  const decisions = await decisionsFor(store, group, toDecide, data, meetingStart, now, t);
  const days = { days: ENDING_WITHIN_DAYS };
  const sections = [
    section(texts.received.heading, receivedLines, texts.received.empty, t, { reportLinks: received.map(reportLink) }),
    // A missing report has nothing to show yet: its button opens the assignment it is due for.
    section(texts.missing.heading, missingLines, texts.missing.empty, t, { assignmentLinks: missing.map(({ assignment }) => assignmentLink(assignment)) }),
    // Activities have no card of their own: an activity at risk is reached on the plan.
    section(texts.atRisk.heading, riskLines, texts.atRisk.empty, t, {
      reportLinks: risky.map((assignment) => reportLink(latestOf(assignment)!)),
      planLinks: activityLines.length > 0 ? [{ title: texts.buttons.plan, id: '' }] : [],
    }),
    // One button per line (its latest report, else the assignment), so the section keeps within Slack's blocks.
    section(format(texts.ending.heading, days), endingLines, format(texts.ending.empty, days), t, {
      reportLinks: ending.slice(0, MAX_BUTTONS).flatMap((assignment) => {
        const latest = latestOf(assignment);
        return latest ? [reportLink(latest)] : [];
      }),
      assignmentLinks: ending.slice(0, MAX_BUTTONS).flatMap((assignment) => (latestOf(assignment) ? [] : [assignmentLink(assignment)])),
    }),
    section(texts.decisions.heading, decisions.lines, texts.decisions.empty, t, decisions.links),
  ];

  const agenda = [
    texts.agenda.standingItem,
    ...(decisions.kinds.length > 0 ? [format(texts.agenda.decisions, { items: decisions.kinds.join(', ') })] : []),
    ...(riskLines.length > 0 ? [format(texts.agenda.atRisk, { count: riskLines.length })] : []),
    ...(endingLines.length > 0 ? [format(texts.agenda.ending, { count: endingLines.length })] : []),
    ...(missingLines.length > 0 ? [format(texts.agenda.missing, { count: missingLines.length })] : []),
    texts.agenda.other,
  ].map((item, index) => `${index + 1}. ${item}`);

  const { viewer } = options;
  const failed = hasRole(viewer, 'ordforande') ? await failedSendLines(store, group, t) : [];
  const meetingDate = meeting ? formatDateTime(meeting.startsAt, group.timeZone, group.locale) : '';
  return {
    kind: 'card',
    card: 'summary',
    audience: 'asker',
    data: {
      t,
      title: format(texts.title, { groupName: group.name }),
      nextMeeting: !meeting
        ? texts.noMeeting
        : meeting.location
          ? format(texts.nextMeetingAt, { date: meetingDate, location: meeting.location })
          : format(texts.nextMeeting, { date: meetingDate }),
      period: previous
        ? format(texts.periodSincePrevious, { date: formatDateTime(previous.startsAt, group.timeZone, group.locale) })
        : format(texts.periodLastDays, { days: DEFAULT_PERIOD_DAYS }),
      note: [options.addressed ? format(texts.addressedTo, { name: viewer.displayName }) : '', options.privateNote ? texts.privateNote : ''].filter(Boolean).join(' '),
      sections,
      agenda: { heading: texts.agenda.heading, text: agenda.join('\n') },
      facts: [
        { title: texts.facts.members, value: String(data.members.length) },
        { title: texts.facts.organisations, value: data.organisationNames.join(', ') || texts.facts.noOrganisations },
        { title: texts.facts.activeAssignments, value: String(active.length) },
      ],
      ...(failed.length > 0
        ? { failedSends: { heading: t.scheduler.delivery.failedHeading, chunks: chunkLines(failed, (count) => format(t.scheduler.delivery.more, { count }), MAX_CHUNKS) } }
        : {}),
    },
  };
}

interface Decisions {
  lines: string[];
  links: Links;
  /** For the agenda: which kinds of decision wait. */
  kinds: string[];
}

/** What only the chair can move on: prioritisation, closing the vote, final reports, the plan itself. */
async function decisionsFor(
  store: Store,
  group: Group,
  /** The plan in force and the planning version beside it, with how many activities each has. */
  plans: { plan: ActionPlan; activityCount: number }[],
  data: Loaded,
  meetingStart: Date,
  now: Date,
  t: Catalog,
): Promise<Decisions> {
  const texts = t.meetingSummary.decisions;
  const kinds = t.meetingSummary.agenda.decisionKinds;
  const result: Decisions = { lines: [], links: { openVotingLinks: [], closeVotingLinks: [], finalReportLinks: [], decidePlanLinks: [], planLinks: [] }, kinds: [] };
  const date = (value: Date) => formatLongDate(value, group.timeZone, group.locale);
  const round = await latestRound(store, group.id);
  // Due by the meeting: the proposals are in (or the vote is over) when the group meets.
  if (round?.status === 'forslag' && round.proposalDeadline <= meetingStart) {
    const count = (await votingAreas(store, round.id)).length;
    result.lines.push(format(texts.prioritise, { year: round.year, count, date: date(round.proposalDeadline) }));
    result.links.openVotingLinks!.push({ title: t.meetingSummary.buttons.openVoting, id: round.id });
    result.kinds.push(kinds.prioritise);
  }
  if (round?.status === 'rostning' && (!round.votingDeadline || round.votingDeadline <= meetingStart)) {
    result.lines.push(format(texts.closeVote, { year: round.year, date: date(round.votingDeadline ?? now) }));
    result.links.closeVotingLinks!.push({ title: t.meetingSummary.buttons.closeVoting, id: round.id });
    result.kinds.push(kinds.closeVote);
  }
  const waiting = data.finalReports.filter((report) => report.acceptedAt === null).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const titleOf = new Map(data.assignments.map((assignment) => [assignment.id, assignment.title]));
  for (const report of waiting) {
    const title = titleOf.get(report.assignmentId) ?? '';
    result.lines.push(format(texts.acceptFinal, { title, date: date(report.createdAt) }));
    result.links.finalReportLinks!.push({ title: format(t.meetingSummary.buttons.acceptFinal, { title }), id: report.id });
  }
  if (waiting.length > 0) result.kinds.push(kinds.acceptFinal);
  for (const { plan, activityCount } of plans) {
    if (plan.decidedAt || activityCount === 0) continue;
    result.lines.push(format(texts.decidePlan, { year: plan.year, version: plan.version }));
    result.links.decidePlanLinks!.push({ title: t.meetingSummary.buttons.decidePlan, id: plan.id });
    if (!result.kinds.includes(kinds.plan)) result.kinds.push(kinds.plan);
  }
  const plan = plans[0]?.plan;
  if (plan?.decidedAt) {
    const changedAt = revisionDueSince(plan, now, group.timeZone);
    if (changedAt) {
      result.lines.push(format(texts.revisePlan, { year: plan.year, version: plan.version, date: date(changedAt) }));
      result.links.planLinks!.push({ title: t.meetingSummary.buttons.plan, id: plan.id });
      if (!result.kinds.includes(kinds.plan)) result.kinds.push(kinds.plan);
    }
  }
  return result;
}

const HOUR_MS = 3_600_000;

/** The channel a chair's private post goes through: one of the group's on the chair's platform and workspace. */
function linkFor(links: ChannelLink[], chair: Member): ChannelLink | null {
  const platform = links.filter((link) => link.platform === chair.platform);
  return platform.find((link) => link.tenantId === chair.tenantId) ?? platform[0] ?? null;
}

/**
 * One meeting-prep summary per meeting and chair, due group.summaryHoursBefore before the meeting and
 * never after it starts, written to the outbox under meeting-summary:<meeting>:<chair>: derived from the
 * database at every tick, so it is safe to run any number of times on any number of instances.
 */
export async function planMeetingSummaries(deps: Dependencies, now: Date): Promise<number> {
  const { store } = deps;
  const groups = new Map((await activeGroups(store)).map((group) => [group.id, group]));
  const maxLeadMs = Math.max(0, ...[...groups.values()].map((group) => group.summaryHoursBefore)) * HOUR_MS;
  // [now + 1 ms, …): a meeting starting right now has started; its summary is of no use any more.
  const meetings = await store.meetings.listStartingBetween(new Date(now.getTime() + 1), new Date(now.getTime() + maxLeadMs + 1));
  let enqueued = 0;
  for (const meeting of meetings) {
    const group = groups.get(meeting.groupId);
    if (!group || meeting.cancelled || meeting.startsAt.getTime() - group.summaryHoursBefore * HOUR_MS > now.getTime()) continue;
    const [members, links] = await Promise.all([store.members.list({ groupId: group.id }), store.channels.list({ groupId: group.id })]);
    for (const chair of members.filter((member) => hasRole(member, 'ordforande'))) {
      const idempotencyKey = outboxKeys.meetingSummary(meeting.id, chair.id);
      const link = linkFor(links, chair);
      if (!link || (await store.outbox.list({ idempotencyKey })).length > 0) continue;
      const reply = await meetingSummary(store, group, now, { viewer: chair, meeting, addressed: true });
      const created = await store.outbox.enqueue(
        outboxRecord(
          { idempotencyKey, kind: 'meeting-summary', groupId: group.id, channelLinkId: link.id, meetingId: meeting.id, expiresAt: meeting.startsAt },
          reply,
          group.locale,
          now,
          recipientOf(chair),
        ),
      );
      if (created) enqueued += 1;
    }
  }
  return enqueued;
}
