// What differs between the repositories: which Prisma delegate serves the entity and which fields need
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
  ImplementationPlan,
  Meeting,
  MeetingSeries,
  Member,
  OutboxMessage,
  PartyOrganisation,
  PlanChange,
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
  /** Key of the model on the Prisma client. */
  delegate: string;
  json: readonly JsonField<T>[];
  /** Whether the domain type has updatedAt, which the store sets on create and update. */
  updatedAt: boolean;
  /** Whether the domain type exposes createdAt; every table has it, to order lists oldest first. */
  createdAt: boolean;
}

function model<T>(
  entity: string,
  delegate: string,
  shape: { json?: readonly JsonField<T>[]; updatedAt?: boolean; createdAt?: boolean } = {},
): ModelDescriptor<T> {
  return {
    entity,
    delegate,
    json: shape.json ?? [],
    updatedAt: shape.updatedAt ?? false,
    createdAt: shape.createdAt ?? true,
  };
}

export const MODELS = {
  groups: model<Group>('Group', 'group', { updatedAt: true }),
  channels: model<ChannelLink>('ChannelLink', 'channelLink'),
  organisations: model<PartyOrganisation>('PartyOrganisation', 'partyOrganisation'),
  members: model<Member>('Member', 'member', { json: ['roles'] }),
  meetings: model<Meeting>('Meeting', 'meeting'),
  meetingSeries: model<MeetingSeries>('MeetingSeries', 'meetingSeries'),
  outbox: model<OutboxMessage>('OutboxMessage', 'outboxMessage', { json: ['payload'] }),
  plans: model<ActionPlan>('ActionPlan', 'actionPlan'),
  activities: model<Activity>('Activity', 'activity'),
  proposals: model<Proposal>('Proposal', 'proposal'),
  assignments: model<Assignment>('Assignment', 'assignment', { json: ['memberIds', 'reportingForm'] }),
  implementationPlans: model<ImplementationPlan>('ImplementationPlan', 'implementationPlan', {
    json: ['subGoals', 'tasks', 'indicators'],
    updatedAt: true,
    createdAt: false,
  }),
  progressReports: model<ProgressReport>('ProgressReport', 'progressReport', {
    json: ['indicatorValues', 'subGoalStatus'],
  }),
  finalReports: model<FinalReport>('FinalReport', 'finalReport'),
  evaluations: model<Evaluation>('Evaluation', 'evaluation'),
  analysisRounds: model<AnalysisRound>('AnalysisRound', 'analysisRound'),
  ballots: model<Ballot>('Ballot', 'ballot', { json: ['votes'], updatedAt: true }),
  planChanges: model<PlanChange>('PlanChange', 'planChange', { json: ['details'] }),
  formDrafts: model<FormDraft>('FormDraft', 'formDraft', { json: ['values'], updatedAt: true }),
  followUps: model<ImplementationFollowUp>('ImplementationFollowUp', 'implementationFollowUp'),
  homework: model<Homework>('Homework', 'homework', { json: ['questions'] }),
  homeworkAnswers: model<HomeworkAnswer>('HomeworkAnswer', 'homeworkAnswer', { json: ['answers'], updatedAt: true }),
  archivedTexts: model<ArchivedText>('ArchivedText', 'archivedText', { json: ['texts'] }),
  dataRightsRequests: model<DataRightsRequest>('DataRightsRequest', 'dataRightsRequest', { json: ['counts'] }),
} as const;
