// A year of a group's work for the chair's meeting-prep summary, written straight to a Store (in-memory
// or the real SQLite one), at the clock MEETING_PREP_NOW: the day before a meeting. Every section of the
// summary has something in it; `extra` adds that many more assignments (and reports, final reports) to
// test a big group against Slack's 50-block limit.
import type { ActionPlan, Assignment, Group, Member, ReportingForm, StatusColour, TimelineAnswer } from '../../src/core/domain.js';
import type { Store } from '../../src/core/ports.js';

/** Monday 14 September 2026, 10:00 in Stockholm; the next meeting is the next day at 13:00. */
export const MEETING_PREP_NOW = '2026-09-14T08:00:00Z';

export interface MeetingPrepYear {
  plan: ActionPlan;
  previousMeetingId: string;
  nextMeetingId: string;
  assignments: Record<'sip' | 'mhfa' | 'school' | 'relatives' | 'closed', Assignment>;
  reportIds: Record<'sip' | 'mhfa' | 'schoolOld', string>;
  finalReportId: string;
  roundId: string;
}

export async function seedMeetingPrepYear(store: Store, group: Group, chair: Member, options: { extra?: number } = {}): Promise<MeetingPrepYear> {
  const meeting = (startsAt: string, cancelled = false) =>
    store.meetings.create({ groupId: group.id, startsAt: new Date(startsAt), durationMinutes: 120, seriesId: null, location: 'Stadshuset, sal 3', cancelled });
  const previous = await meeting('2026-08-18T11:00:00Z');
  await meeting('2026-08-25T11:00:00Z', true);
  const next = await meeting('2026-09-15T11:00:00Z');
  await meeting('2026-10-13T11:00:00Z');
  await meeting('2026-03-10T12:00:00Z');

  // Decided in February 2025 and not revised since: due for its yearly revision.
  const plan = await store.plans.create({
    groupId: group.id,
    year: 2025,
    version: 1,
    decidedAt: new Date('2025-02-10T12:00:00Z'),
    decidedByMemberId: chair.id,
    sentToOfficeAt: null,
    lastRevisedAt: null,
  });
  const activity = (title: string, status: 'planerad' | 'pagaende' = 'pagaende') =>
    store.activities.create({
      planId: plan.id,
      title,
      description: 'Beskrivning',
      targetGroup: 'vuxen',
      focusAreaCode: 'FO1',
      goalCode: 'M1',
      startDate: new Date('2025-03-01T00:00:00Z'),
      endDate: new Date('2026-12-15T00:00:00Z'),
      status,
      proposalId: null,
    });
  const sipActivity = await activity('Gemensam rutin för SIP');
  const trainingActivity = await activity('Utbildning i Första hjälpen till psykisk hälsa');
  await activity('Tidiga insatser för unga vuxna', 'planerad');

  const assignment = (activityId: string, title: string, reportingForm: ReportingForm, endDate: string, status: Assignment['status'] = 'aktivt') =>
    store.assignments.create({
      groupId: group.id,
      activityId,
      title,
      startDate: new Date('2026-01-20T00:00:00Z'),
      endDate: new Date(endDate),
      targetGroupText: 'Unga vuxna 16–25 år',
      purpose: 'Syfte',
      activityText: 'Aktivitet',
      memberIds: [chair.id],
      convenerMemberId: chair.id,
      reportingForm,
      goal: 'Mål',
      resources: 'Egen insats',
      finalReportForm: 'Skriftlig slutrapport',
      status,
    });
  const report = (assignmentId: string, statusColour: StatusColour, timelineHolds: TimelineAnswer, submittedAt: string, newEndDate: string | null = null) =>
    store.progressReports.create({
      assignmentId,
      authorMemberId: chair.id,
      version: 1,
      submitted: true,
      progressText: 'Arbetet fortgår',
      statusColour,
      worksWell: 'Samverkan',
      worksLessWell: 'Tid',
      timelineHolds,
      newEndDate: newEndDate ? new Date(newEndDate) : null,
      indicatorValues: {},
      subGoalStatus: {},
      submittedAt: new Date(submittedAt),
      correctsReportId: null,
    });
  const finalReport = (assignmentId: string, createdAtNote: string) =>
    store.finalReports.create({
      assignmentId,
      authorMemberId: chair.id,
      goalMet: 'delvis',
      goalMetHow: createdAtNote,
      addedValue: 'Mervärde',
      resultsJoint: 'Gemensamt',
      resultsPerParty: 'Per part',
      acceptedAt: null,
      acceptedByMemberId: null,
    });

  const sip = await assignment(sipActivity.id, 'Rutin för SIP', { kind: 'before_each_meeting' }, '2026-12-31T00:00:00Z');
  const mhfa = await assignment(trainingActivity.id, 'MHFA-utbildning', { kind: 'every_n_weeks', weeks: 4 }, '2026-11-30T00:00:00Z');
  const school = await assignment(trainingActivity.id, 'Utbildning för skolpersonal', { kind: 'dates', dates: ['2026-06-30', '2026-09-10'] }, '2026-11-30T00:00:00Z');
  const relatives = await assignment(sipActivity.id, 'Anhörigstöd', { kind: 'before_each_meeting' }, '2026-10-01T00:00:00Z');
  const closed = await assignment(sipActivity.id, 'Kartläggning av stödet', { kind: 'before_each_meeting' }, '2026-06-30T00:00:00Z', 'slutrapporterat');
  const sipReport = await report(sip.id, 'gron', 'ja', '2026-09-01T10:00:00Z');
  const mhfaReport = await report(mhfa.id, 'gul', 'osakert', '2026-08-30T10:00:00Z', '2026-12-31T00:00:00Z');
  // Before the period: not "received", but the latest word on the assignment (red, timeline will not hold).
  const schoolOld = await report(school.id, 'rod', 'nej', '2026-06-20T10:00:00Z');
  const final = await finalReport(closed.id, 'Delvis uppnått');

  const round = await store.analysisRounds.create({
    groupId: group.id,
    year: 2027,
    status: 'forslag',
    proposalDeadline: new Date('2026-09-10T21:59:00Z'),
    votingDeadline: null,
    voteBudget: 7,
    maxVotesPerArea: 3,
    openedByMemberId: chair.id,
    votingOpenedAt: null,
    closedAt: null,
  });
  for (const title of ['Suicidprevention i skolan', 'Stöd till anhöriga']) {
    await store.proposals.create({ groupId: group.id, title, description: 'Beskrivning', targetGroup: 'bada', obstacles: 'Hinder', proposedByMemberId: chair.id, mergedIntoProposalId: null, roundId: round.id });
  }

  for (let index = 0; index < (options.extra ?? 0); index += 1) {
    const extra = await assignment(
      trainingActivity.id,
      `Uppdrag nummer ${index + 1} till arbetsgruppen för en mycket omfattande lokal handlingsplan för psykisk hälsa`,
      { kind: 'before_each_meeting' },
      index % 2 ? '2026-10-10T00:00:00Z' : '2026-12-31T00:00:00Z',
      index % 5 === 4 ? 'slutrapporterat' : 'aktivt',
    );
    if (index % 5 === 4) await finalReport(extra.id, 'Uppnått');
    else if (index % 3 === 0) await report(extra.id, index % 2 ? 'rod' : 'gul', 'osakert', '2026-09-02T10:00:00Z');
  }

  return {
    plan,
    previousMeetingId: previous.id,
    nextMeetingId: next.id,
    assignments: { sip, mhfa, school, relatives, closed },
    reportIds: { sip: sipReport.id, mhfa: mhfaReport.id, schoolOld: schoolOld.id },
    finalReportId: final.id,
    roundId: round.id,
  };
}
