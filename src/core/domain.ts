// The domain of a local collaboration group (lokal samverkansgrupp) following the eight steps of
// "Vägledning för uppdrag till arbetsgrupper inom lokal samverkan". Platform-neutral on purpose.

export type Platform = 'teams' | 'slack';
export type Locale = 'sv' | 'en';

/** Who a proposal, activity or assignment is for: "Vuxen", "Barn och unga" or both. */
export const TARGET_GROUPS = ['vuxen', 'barn_och_unga', 'bada'] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];

export const ROLES = ['ordforande', 'sammankallande', 'ledamot', 'ersattare', 'kansli'] as const;
export type Role = (typeof ROLES)[number];

/** Party organisations (huvudmän / samverkansparter); the four rehabilitation actors plus user organisations. */
export const ORGANISATION_KINDS = [
  'region',
  'kommun',
  'forsakringskassan',
  'arbetsformedlingen',
  'brukarorganisation',
  'annan',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const STATUS_COLOURS = ['gron', 'gul', 'rod'] as const;
export type StatusColour = (typeof STATUS_COLOURS)[number];

export const TIMELINE_ANSWERS = ['ja', 'osakert', 'nej'] as const;
export type TimelineAnswer = (typeof TIMELINE_ANSWERS)[number];

export const GOAL_MET_ANSWERS = ['helt', 'delvis', 'inte'] as const;
export type GoalMetAnswer = (typeof GOAL_MET_ANSWERS)[number];

export interface Group {
  id: string;
  name: string;
  timeZone: string;
  locale: Locale;
  /** The kansli channel that receives plans and final reports "för kännedom". */
  officeChannelId: string | null;
  /** How long before each meeting the standing follow-up item is posted (seeds: every meeting). */
  standingItemHoursBefore: number;
  /** How long before each meeting chairs get their private meeting-prep summary. */
  summaryHoursBefore: number;
  /** Remind in January about the yearly planning day (Samverk Höglandet's way of working). */
  planningDayReminder: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** One chat channel of a group: a Teams conversation or a Slack channel. */
export interface ChannelLink {
  id: string;
  groupId: string;
  platform: Platform;
  /** Teams tenant id or Slack team (workspace) id: ids are only unique inside it. */
  tenantId: string;
  channelId: string;
  channelName: string | null;
  /** Opaque, platform-specific address for proactive posts (Teams ConversationReference as JSON). */
  conversationReference: string | null;
  createdAt: Date;
}

export interface PartyOrganisation {
  id: string;
  groupId: string;
  name: string;
  kind: OrganisationKind;
  createdAt: Date;
}

export interface Member {
  id: string;
  groupId: string;
  platform: Platform;
  tenantId: string;
  platformUserId: string;
  displayName: string;
  organisationId: string | null;
  roles: Role[];
  /** For an ersättare: the member they stand in for. */
  substituteForMemberId: string | null;
  createdAt: Date;
}

/**
 * A recurring meeting series, e.g. every fourth Tuesday 13:00. The rule is an RFC 5545 RRULE over local
 * dates; each occurrence is materialised as a Meeting at the local time in the group's time zone, so
 * "13:00" stays 13:00 across daylight-saving changes.
 */
export interface MeetingSeries {
  id: string;
  groupId: string;
  rule: string;
  /** First local date, YYYY-MM-DD. */
  firstDate: string;
  /** Local wall-clock time, HH:mm. */
  localTime: string;
  timeZone: string;
  durationMinutes: number;
  location: string | null;
  /** Occurrences are materialised up to this local date (YYYY-MM-DD). */
  materialisedUntil: string;
  createdAt: Date;
}

export interface Meeting {
  id: string;
  groupId: string;
  startsAt: Date;
  durationMinutes: number;
  /** The series this meeting belongs to, if any; a moved occurrence keeps it. */
  seriesId: string | null;
  location: string | null;
  cancelled: boolean;
  createdAt: Date;
}

/** Lokal handlingsplan för psykisk hälsa: one per group and year, revised in versions. */
export interface ActionPlan {
  id: string;
  groupId: string;
  year: number;
  version: number;
  decidedAt: Date | null;
  decidedByMemberId: string | null;
  sentToOfficeAt: Date | null;
  lastRevisedAt: Date | null;
  createdAt: Date;
}

export const ACTIVITY_STATUSES = ['planerad', 'pagaende', 'klar', 'avbruten'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

export interface Activity {
  id: string;
  planId: string;
  title: string;
  description: string;
  targetGroup: TargetGroup;
  /** Fokusområde and mål of the regional action plan this activity serves. */
  focusAreaCode: string;
  goalCode: string;
  startDate: Date;
  endDate: Date;
  status: ActivityStatus;
  createdAt: Date;
}

/** A proposed development area (utvecklingsområde) from step 1, lokal analys. */
export interface Proposal {
  id: string;
  groupId: string;
  title: string;
  description: string;
  targetGroup: TargetGroup;
  /** "Hinder": obstacles seen in support to people with mental ill-health. */
  obstacles: string;
  proposedByMemberId: string;
  mergedIntoProposalId: string | null;
  createdAt: Date;
}

export type ReportingForm =
  | { kind: 'before_each_meeting' }
  | { kind: 'every_n_weeks'; weeks: number }
  | { kind: 'dates'; dates: string[] };

export const ASSIGNMENT_STATUSES = ['aktivt', 'slutrapporterat', 'avslutat'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/** Uppdrag to a working group, with the fields of the uppdragshandling (step 3). */
export interface Assignment {
  id: string;
  groupId: string;
  activityId: string;
  title: string;
  startDate: Date;
  endDate: Date;
  targetGroupText: string;
  purpose: string;
  activityText: string;
  memberIds: string[];
  convenerMemberId: string;
  reportingForm: ReportingForm;
  goal: string;
  resources: string;
  finalReportForm: string;
  status: AssignmentStatus;
  createdAt: Date;
}

export interface SubGoal {
  id: string;
  title: string;
  owner: string;
  dueDate: string;
  status: StatusColour;
}
export interface PlanTask {
  id: string;
  who: string;
  what: string;
  when: string;
}
export interface LocalIndicator {
  id: string;
  name: string;
  unit: string;
  baseline: number;
  target: number;
  method: string;
}

/** Genomförandeplan (step 4): delmål, who does what and when, and the local indicators. */
export interface ImplementationPlan {
  id: string;
  assignmentId: string;
  subGoals: SubGoal[];
  tasks: PlanTask[];
  indicators: LocalIndicator[];
  createdAt: Date;
  updatedAt: Date;
}

/** Avrapportering (step 5). Drafts keep what was typed until submitted. */
export interface ProgressReport {
  id: string;
  assignmentId: string;
  authorMemberId: string;
  version: number;
  submitted: boolean;
  progressText: string;
  statusColour: StatusColour | null;
  worksWell: string;
  worksLessWell: string;
  timelineHolds: TimelineAnswer | null;
  newEndDate: Date | null;
  indicatorValues: Record<string, number>;
  subGoalStatus: Record<string, StatusColour>;
  submittedAt: Date | null;
  createdAt: Date;
}

/** Slutrapport (step 6). */
export interface FinalReport {
  id: string;
  assignmentId: string;
  authorMemberId: string;
  goalMet: GoalMetAnswer;
  goalMetHow: string;
  addedValue: string;
  resultsJoint: string;
  resultsPerParty: string;
  acceptedAt: Date | null;
  acceptedByMemberId: string | null;
  createdAt: Date;
}

/** Utvärdering (step 8): the guidance's three questions. */
export interface Evaluation {
  id: string;
  groupId: string;
  year: number;
  authorMemberId: string;
  learnedChildrenAndYouth: string;
  learnedAdults: string;
  learnedPrevention: string;
  learnedCollaboration: string;
  createdAt: Date;
}

export const OUTBOX_KINDS = ['standing-item', 'meeting-summary', 'revision-reminder', 'planning-day-reminder', 'notice'] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

export const OUTBOX_STATUSES = ['pending', 'sent', 'failed', 'expired'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * A proactive post waiting to go out. The idempotency key (e.g. standing-item:<meeting>:<channel>) is
 * unique in the database and written before the send, so restarts and parallel instances never
 * post twice. Workers lease a message (lockedBy/lockedUntil) before sending it.
 */
export interface OutboxMessage {
  id: string;
  idempotencyKey: string;
  groupId: string;
  channelLinkId: string;
  kind: OutboxKind;
  meetingId: string | null;
  /** The reply to render (a Reply of events.ts), stored as JSON. */
  payload: Record<string, unknown>;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  /** Never send after this moment (e.g. the meeting's start); null = no limit. */
  expiresAt: Date | null;
  lockedBy: string | null;
  lockedUntil: Date | null;
  lastError: string | null;
  sentAt: Date | null;
  createdAt: Date;
}
