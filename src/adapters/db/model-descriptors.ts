// What differs between the repositories: which model (and table) serves the entity and which fields need
// mapping. Everything else is generic (see prisma-store.ts).
import type {
  ActionPlan,
  Activity,
  AnalysisRound,
  ArchivedText,
  Assignment,
  Ballot,
  ChannelLink,
  DataRightsRequest,
  Evaluation,
  FinalReport,
  FormDraft,
  Group,
  Homework,
  HomeworkAnswer,
  ImplementationFollowUp,
  Installation,
  ImplementationPlan,
  Meeting,
  MeetingSeries,
  Member,
  OutboxMessage,
  PartyOrganisation,
  PlanChange,
  PlanVersion,
  ProcessedRequest,
  ProgressReport,
  Proposal,
} from '../../core/domain.js';

/** Fields holding arrays or objects: stored as JSON text so that SQLite and PostgreSQL share one model. */
export type JsonField<T> = {
  [K in keyof T]-?: NonNullable<T[K]> extends object ? (NonNullable<T[K]> extends Date ? never : K) : never;
}[keyof T];

export interface ModelDescriptor<T> {
  /** The Prisma model, which is also the table's name (no @@map), and the name used in errors. */
  entity: string;
  json: readonly JsonField<T>[];
  /** Whether the domain type has updatedAt, which the store sets on create and update. */
  updatedAt: boolean;
  /** Whether the domain type exposes createdAt; every table has it, to order lists oldest first. */
  createdAt: boolean;
}

function model<T>(
  entity: string,
  shape: { json?: readonly JsonField<T>[]; updatedAt?: boolean; createdAt?: boolean } = {},
): ModelDescriptor<T> {
  return {
    entity,
    json: shape.json ?? [],
    updatedAt: shape.updatedAt ?? false,
    createdAt: shape.createdAt ?? true,
  };
}

export const MODELS = {
  groups: model<Group>('Group', { updatedAt: true }),
  channels: model<ChannelLink>('ChannelLink'),
  organisations: model<PartyOrganisation>('PartyOrganisation'),
  members: model<Member>('Member', { json: ['roles'] }),
  meetings: model<Meeting>('Meeting'),
  meetingSeries: model<MeetingSeries>('MeetingSeries'),
  outbox: model<OutboxMessage>('OutboxMessage', { json: ['payload'] }),
  plans: model<ActionPlan>('ActionPlan'),
  activities: model<Activity>('Activity'),
  proposals: model<Proposal>('Proposal'),
  assignments: model<Assignment>('Assignment', { json: ['memberIds', 'reportingForm'] }),
  implementationPlans: model<ImplementationPlan>('ImplementationPlan', {
    json: ['subGoals', 'tasks', 'indicators'],
    updatedAt: true,
    createdAt: false,
  }),
  progressReports: model<ProgressReport>('ProgressReport', {
    json: ['indicatorValues', 'subGoalStatus'],
  }),
  finalReports: model<FinalReport>('FinalReport'),
  evaluations: model<Evaluation>('Evaluation'),
  analysisRounds: model<AnalysisRound>('AnalysisRound'),
  ballots: model<Ballot>('Ballot', { json: ['votes'], updatedAt: true }),
  planChanges: model<PlanChange>('PlanChange', { json: ['details'] }),
  planVersions: model<PlanVersion>('PlanVersion', { json: ['activities'] }),
  formDrafts: model<FormDraft>('FormDraft', { json: ['values'], updatedAt: true }),
  followUps: model<ImplementationFollowUp>('ImplementationFollowUp'),
  homework: model<Homework>('Homework', { json: ['questions'] }),
  homeworkAnswers: model<HomeworkAnswer>('HomeworkAnswer', { json: ['answers'], updatedAt: true }),
  archivedTexts: model<ArchivedText>('ArchivedText', { json: ['texts'] }),
  dataRightsRequests: model<DataRightsRequest>('DataRightsRequest', { json: ['counts'] }),
  processedRequests: model<ProcessedRequest>('ProcessedRequest'),
  installations: model<Installation>('Installation', { updatedAt: true }),
} as const;
