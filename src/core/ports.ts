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
  Platform,
  ProcessedRequest,
  ProgressReport,
  Proposal,
} from './domain.js';
import type { Actor, ChannelAddress } from './events.js';

/** Fields the store fills in itself. */
type Generated = 'id' | 'createdAt' | 'updatedAt';
export type NewRecord<T> = Omit<T, Generated>;

/** Equality filter on scalar fields; arrays and objects are not filterable. */
export type Filter<T> = Partial<{
  [K in keyof T as T[K] extends string | number | boolean | Date | null ? K : never]: T[K];
}>;

/** deleteWhere's guard: an empty filter would delete the whole table, never what a caller means. */
export function assertNarrowed(filter: object): void {
  if (Object.values(filter).every((value) => value === undefined)) throw new Error('deleteWhere needs a filter');
}

export interface Repository<T extends { id: string }> {
  create(record: NewRecord<T>): Promise<T>;
  get(id: string): Promise<T | null>;
  /** Throws NotFoundError when the id is unknown. */
  update(id: string, patch: Partial<NewRecord<T>>): Promise<T>;
  delete(id: string): Promise<void>;
  /** Deletes the records matching every field of a non-empty filter, in one query; returns how many. */
  deleteWhere(filter: Filter<T>): Promise<number>;
  /** Records matching every field of the filter, oldest first. */
  list(filter?: Filter<T>): Promise<T[]>;
  /**
   * Records whose `field` is one of `values` and that match the filter, oldest first among those of one
   * value: the reads of many groups' scheduler work in one query instead of one per group.
   */
  listIn<K extends keyof Filter<T>>(field: K, values: readonly NonNullable<T[K]>[], filter?: Filter<T>): Promise<T[]>;
}

export interface ChannelRepository extends Repository<ChannelLink> {
  findByAddress(platform: Platform, tenantId: string, channelId: string): Promise<ChannelLink | null>;
  /** The group of the channel at this address, in one query (every request starts with it). */
  findGroupByAddress(platform: Platform, tenantId: string, channelId: string): Promise<Group | null>;
  /**
   * The group of the channel at this address and the member `platformUserId` is in it (null when they are
   * not yet), in one query: every request but "hjälp" starts with both.
   */
  findGroupAndMember(platform: Platform, tenantId: string, channelId: string, platformUserId: string): Promise<{ group: Group; member: Member | null } | null>;
}

export interface MemberRepository extends Repository<Member> {
  findByPlatformUser(groupId: string, platform: Platform, platformUserId: string): Promise<Member | null>;
}

export interface MeetingRepository extends Repository<Meeting> {
  /** Meetings of every group starting in [from, to), earliest first; cancelled ones included. */
  listStartingBetween(from: Date, to: Date): Promise<Meeting[]>;
}

export interface OutboxRepository extends Repository<OutboxMessage> {
  /** Creates the message unless one with the same idempotency key exists; then returns null. */
  enqueue(record: NewRecord<OutboxMessage>): Promise<OutboxMessage | null>;
  /** enqueue for many messages in a few statements (a fan-out plans a thousand); returns how many were new. */
  enqueueMany(records: readonly NewRecord<OutboxMessage>[]): Promise<number>;
  /**
   * Leases up to `limit` pending messages due at `now` (nextAttemptAt <= now, no live lease) to
   * `workerId` until now + leaseMs. Atomic per message: two workers never get the same one.
   */
  claimDue(now: Date, workerId: string, leaseMs: number, limit: number): Promise<OutboxMessage[]>;
}

export interface ProcessedRequestRepository extends Repository<ProcessedRequest> {
  /**
   * Records that the request `key` of `platform` is being processed, in one insert that does nothing on a
   * conflict: true for the first copy, false when the key was claimed before, here or by another instance.
   */
  claim(platform: Platform, key: string): Promise<boolean>;
  /** Deletes the keys claimed before `cutoff`, in one query; returns how many. */
  deleteOlderThan(cutoff: Date): Promise<number>;
}

export interface InstallationRepository extends Repository<Installation> {
  /** Stores the sealed credentials of (platform, tenantId), replacing earlier ones (a reinstall), in one statement. */
  save(platform: Platform, tenantId: string, sealed: string): Promise<Installation>;
  find(platform: Platform, tenantId: string): Promise<Installation | null>;
}

export interface Store {
  groups: Repository<Group>;
  channels: ChannelRepository;
  organisations: Repository<PartyOrganisation>;
  members: MemberRepository;
  meetings: MeetingRepository;
  meetingSeries: Repository<MeetingSeries>;
  outbox: OutboxRepository;
  plans: Repository<ActionPlan>;
  activities: Repository<Activity>;
  proposals: Repository<Proposal>;
  assignments: Repository<Assignment>;
  implementationPlans: Repository<ImplementationPlan>;
  progressReports: Repository<ProgressReport>;
  finalReports: Repository<FinalReport>;
  evaluations: Repository<Evaluation>;
  analysisRounds: Repository<AnalysisRound>;
  ballots: Repository<Ballot>;
  planChanges: Repository<PlanChange>;
  planVersions: Repository<PlanVersion>;
  formDrafts: Repository<FormDraft>;
  followUps: Repository<ImplementationFollowUp>;
  homework: Repository<Homework>;
  homeworkAnswers: Repository<HomeworkAnswer>;
  archivedTexts: Repository<ArchivedText>;
  dataRightsRequests: Repository<DataRightsRequest>;
  processedRequests: ProcessedRequestRepository;
  installations: InstallationRepository;
  /** Runs fn atomically: every write inside commits together or not at all. */
  transaction<R>(fn: (tx: Store) => Promise<R>): Promise<R>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export class NotFoundError extends Error {
  constructor(entity: string, id: string) {
    super(`${entity} ${id} not found`);
    this.name = 'NotFoundError';
  }
}

/** A write would break a uniqueness rule (e.g. a second ballot, an occurrence another instance just stored). */
export class DuplicateError extends Error {
  constructor(entity: string) {
    super(`${entity} already exists`);
    this.name = 'DuplicateError';
  }
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * Download links for files the core cannot build itself (they need the public address and a signature):
 * the app provides them, the core only puts them on cards.
 */
export interface ExportLinks {
  /** The group's meetings as an .ics calendar file. */
  meetingsCalendar(groupId: string): string;
  /** A final report (slutrapport) as a .docx document; absent where the app serves no such downloads. */
  finalReport?(finalReportId: string): string;
  /** The local action plan of a year (latest version), .docx or Markdown; absent where not served. */
  actionPlan?(groupId: string, year: number, format: 'docx' | 'md'): string;
  /** An assignment's uppdragshandling, .docx or Markdown; absent where not served. */
  assignment?(assignmentId: string, format: 'docx' | 'md'): string;
  /** A file of the `exportera` command (use-cases/exports.ts names `what` and `subject`); absent where not served. */
  file?(groupId: string, what: string, subject: string, format: 'docx' | 'xlsx' | 'csv'): string;
  /** The regional roll-up of a tenant's groups for a year as .xlsx; absent where not served. */
  regionalRollup?(tenant: { platform: Platform; tenantId: string }, year: number): string;
  /** Everything stored about one person (a data-rights export request) as JSON; absent where not served. */
  personalData?(requestId: string): string;
}

/**
 * Who is in a chat channel, as the platform's roster lists them: people only (no bots, no deactivated
 * accounts), with the ids and names the platform uses in events, so they match members created from events.
 */
export interface ChannelDirectory {
  channelMembers(channel: ChannelAddress): Promise<Actor[]>;
}
