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
  'samordningsforbund',
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
  /** How many days before a progress report is due the convener is prompted to fill it in. */
  reportPromptDaysBefore: number;
  /**
   * When the bot was removed from the group's channel (left, archived, deleted, app uninstalled): nothing
   * is posted for the group and requests there are refused until the bot is added again; the data stays.
   * Null (or absent: groups are created active) while the bot is in the channel.
   */
  deactivatedAt?: Date | null;
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

/** The kinds the guidance names as huvudmän: region and kommun. */
export const DEFAULT_PRINCIPAL_KINDS: readonly OrganisationKind[] = ['region', 'kommun'];

/** Whether a party is a huvudman: as marked, else by its kind. */
export function isPrincipal(organisation: Pick<PartyOrganisation, 'kind' | 'principal'>): boolean {
  return organisation.principal ?? DEFAULT_PRINCIPAL_KINDS.includes(organisation.kind);
}

export interface PartyOrganisation {
  id: string;
  groupId: string;
  name: string;
  kind: OrganisationKind;
  /**
   * Huvudman, as the chair marked it in the settings (a group may mark others than region and kommun, e.g.
   * the parties of a samordningsförbund). Null or absent: by kind (isPrincipal). "Minst en person från
   * vardera huvudmannen" in a working group applies to huvudmän only.
   */
  principal?: boolean | null;
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
  /**
   * The id the platform needs for a private chat with the person where it differs from platformUserId
   * (Teams: the `29:…` id, kept from the last time they acted). Null until known; absent on rows made
   * before it existed.
   */
  chatUserId?: string | null;
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

/**
 * Lokal handlingsplan för psykisk hälsa. The group has one living plan; each row is the plan as decided for
 * a plan year (the year it is in force from, until a later year's plan is decided), revised in versions.
 * While this year's plan is in force, next year's row is the planning version the chair prepares.
 */
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
  /** The prioritised area (a Proposal) of step 2 the activity came from, if any. */
  proposalId: string | null;
  /**
   * "Ta med pågående aktiviteter": the last plan year a running activity was carried into when its dates end
   * before it (null when never carried). The years an activity belongs to are set by its plan, dates and this.
   */
  carriedToYear?: number | null;
  createdAt: Date;
}

/** An activity as a decided version of the plan holds it (dates as ISO strings: the snapshot is JSON). */
export interface PlanSnapshotActivity {
  id: string;
  title: string;
  description: string;
  targetGroup: TargetGroup;
  focusAreaCode: string;
  goalCode: string;
  startDate: string;
  endDate: string;
  status: ActivityStatus;
}

/**
 * A decided version of the local action plan: stored at the decision and never changed, so that what the
 * kansli received and what the minutes refer to stays readable after the plan lives on.
 */
export interface PlanVersion {
  id: string;
  groupId: string;
  planId: string;
  year: number;
  version: number;
  decidedAt: Date;
  decidedByMemberId: string | null;
  /** Protokollsreferens given with the decision ("" when none). */
  minutes: string;
  activities: PlanSnapshotActivity[];
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
  /** Set when the chair merged this proposal into a named area (itself a Proposal). */
  mergedIntoProposalId: string | null;
  /** The analysis round (step 1) it was proposed in; null for areas outside a round. */
  roundId: string | null;
  createdAt: Date;
}

/** forslag: members propose (step 1); rostning: members vote (step 2); avslutad: closed. */
export const ANALYSIS_ROUND_STATUSES = ['forslag', 'rostning', 'avslutad'] as const;
export type AnalysisRoundStatus = (typeof ANALYSIS_ROUND_STATUSES)[number];

/**
 * Lokal analys and prioritering as one round, the rådslag way: proposals until a deadline, then a vote
 * where each member has voteBudget votes and at most maxVotesPerArea on one area (default 7 and 3).
 */
export interface AnalysisRound {
  id: string;
  groupId: string;
  year: number;
  status: AnalysisRoundStatus;
  proposalDeadline: Date;
  votingDeadline: Date | null;
  voteBudget: number;
  maxVotesPerArea: number;
  openedByMemberId: string;
  votingOpenedAt: Date | null;
  closedAt: Date | null;
  createdAt: Date;
}

/** One member's votes in a round (proposal id → votes); replaceable until the voting deadline. */
export interface Ballot {
  id: string;
  roundId: string;
  memberId: string;
  /** The member's organisation when voting: the anonymous tally may be split by organisation. */
  organisationId: string | null;
  votes: Record<string, number>;
  createdAt: Date;
  updatedAt: Date;
}

export const PLAN_CHANGE_ACTIONS = [
  'round-opened',
  'proposals-merged',
  'voting-opened',
  'voting-closed',
  'activity-added',
  'activity-updated',
  'plan-decided',
  'assignment-created',
  'implementation-plan-updated',
  'activity-removed',
  /** Status or dates of an activity changed (follow-up): kept in the history, but no revision of the plan. */
  'activity-followed-up',
  /** An uppdrag changed by the chair: end date, convener or status, with the reason (details). */
  'assignment-changed',
  /** The chair sent a final report back for completion (details: what is missing). */
  'final-report-returned',
  /** "Ta med pågående aktiviteter": running activities carried into the planning version (details: count, year). */
  'activities-carried-over',
] as const;
export type PlanChangeAction = (typeof PLAN_CHANGE_ACTIONS)[number];

/** History of the local action plan: what changed, by whom, when. */
export interface PlanChange {
  id: string;
  groupId: string;
  planId: string | null;
  planVersion: number | null;
  memberId: string;
  action: PlanChangeAction;
  entityId: string | null;
  details: Record<string, string | number | null>;
  createdAt: Date;
}

export type ReportingForm =
  | { kind: 'before_each_meeting' }
  | { kind: 'every_n_weeks'; weeks: number }
  | { kind: 'dates'; dates: string[] };

/** aktivt → slutrapporterat → avslutat; the chair may also pause (pausat) or cancel (avbrutet) an uppdrag. */
export const ASSIGNMENT_STATUSES = ['aktivt', 'slutrapporterat', 'avslutat', 'pausat', 'avbrutet'] as const;
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
  /** A correction is a new version: the id of the report's first version; null on the first version itself. */
  correctsReportId: string | null;
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

export const OUTBOX_KINDS = ['standing-item', 'meeting-summary', 'revision-reminder', 'planning-day-reminder', 'notice', 'report-prompt', 'report-reminder', 'final-report', 'follow-up-prompt', 'homework', 'evaluation-prompt', 'email'] as const;
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

/**
 * What someone typed into a form and did not get accepted yet (closed, timed out, refused by validation),
 * kept as typed (strings) so reopening the form continues it. One per form and subject (draftKey).
 */
export interface FormDraft {
  id: string;
  groupId: string;
  form: string;
  draftKey: string;
  /** Who typed last: a convener's draft may be continued by their ersättare. */
  memberId: string;
  values: Record<string, string>;
  createdAt: Date;
  updatedAt: Date;
}

/** Implementering (step 7): how the results of a closed assignment are put into practice, months later. */
export interface ImplementationFollowUp {
  id: string;
  groupId: string;
  assignmentId: string;
  /** Which follow-up this answers: 6 or 12 months after closure by default. */
  monthsAfter: number;
  authorMemberId: string;
  /** Are the results used in practice: helt / delvis / inte (ännu). */
  inUse: GoalMetAnswer;
  howUsed: string;
  nextSteps: string;
  createdAt: Date;
}

/** Hemuppgift between meetings: the chair's question set to the members, with a deadline. */
export interface Homework {
  id: string;
  groupId: string;
  title: string;
  questions: string[];
  deadline: Date;
  createdByMemberId: string;
  createdAt: Date;
}

/** One member's answers to a hemuppgift (one per question, same order); replaced until the deadline. */
export interface HomeworkAnswer {
  id: string;
  homeworkId: string;
  memberId: string;
  answers: string[];
  createdAt: Date;
  updatedAt: Date;
}

/** The free text of a closed assignment as it was when archived (retention), by the live row it came from. */
export interface ArchivedTexts {
  progressReports: { id: string; progressText: string; worksWell: string; worksLessWell: string }[];
  finalReports: { id: string; goalMetHow: string; addedValue: string; resultsJoint: string; resultsPerParty: string }[];
  implementationPlan: { id: string; subGoals: SubGoal[]; tasks: PlanTask[]; indicators: LocalIndicator[] } | null;
  followUps: { id: string; howUsed: string; nextSteps: string }[];
}

/**
 * Retention: a closed assignment's free text moved out of the live rows once the retention time after
 * closure has passed. One per assignment; the live rows keep their structure (dates, colours, answers).
 */
export interface ArchivedText {
  id: string;
  groupId: string;
  assignmentId: string;
  /** When the assignment was closed (its final report accepted). */
  closedAt: Date;
  texts: ArchivedTexts;
  createdAt: Date;
}

/**
 * A request an edge has begun to process, by a key a replay or a platform's retry repeats (Slack's event_id,
 * a request's signature, Teams' conversation + activity id): the second copy finds it and does nothing.
 */
export interface ProcessedRequest {
  id: string;
  platform: Platform;
  key: string;
  createdAt: Date;
}

/**
 * An installation of the app that carries its own credentials: a Slack workspace or Enterprise Grid org
 * installed through OAuth. tenantId is the key its channels' groups use; `sealed` is opaque to the core
 * (the adapter encrypts the credentials, so the database never holds a token in clear).
 */
export interface Installation {
  id: string;
  platform: Platform;
  tenantId: string;
  sealed: string;
  createdAt: Date;
  updatedAt: Date;
}

export const DATA_RIGHTS_ACTIONS = ['export', 'anonymise', 'delete'] as const;
export type DataRightsAction = (typeof DATA_RIGHTS_ACTIONS)[number];

/**
 * A kansli admin's data-rights request about one person of a tenant (platform + tenantId). Anonymise and
 * delete wait for a confirmation (status pending → done); the log of who did what and when stays, while
 * the subject's id and name are replaced by the placeholder once the person is anonymised or deleted.
 */
export interface DataRightsRequest {
  id: string;
  platform: Platform;
  tenantId: string;
  action: DataRightsAction;
  subjectUserId: string;
  subjectName: string;
  requestedByMemberId: string;
  requestedByName: string;
  status: 'pending' | 'done';
  /** What was found or changed, per kind (members, ballots …). */
  counts: Record<string, number>;
  completedAt: Date | null;
  createdAt: Date;
}
