// An in-memory Store for unit tests of the core: same contract as the Prisma store, no database.
import { randomUUID } from 'node:crypto';
import type { ChannelLink, Installation, Meeting, Member, OutboxMessage, Platform, ProcessedRequest } from '../../src/core/domain.js';
import {
  assertNarrowed,
  NotFoundError,
  type ChannelRepository,
  type Filter,
  type MeetingRepository,
  type MemberRepository,
  type OutboxRepository,
  type ProcessedRequestRepository,
  type InstallationRepository,
  type NewRecord,
  type Repository,
  type Store,
} from '../../src/core/ports.js';

type Row = { id: string; createdAt: Date };

function sameValue(a: unknown, b: unknown): boolean {
  return a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
}

function repository<T extends Row>(name: string, rows: Map<string, T>, now: () => Date, stampsUpdates: boolean): Repository<T> {
  const clone = (row: T): T => structuredClone(row);
  return {
    async create(record: NewRecord<T>) {
      const at = now();
      const row = { ...structuredClone(record), id: randomUUID(), createdAt: at, ...(stampsUpdates ? { updatedAt: at } : {}) } as unknown as T;
      rows.set(row.id, row);
      return clone(row);
    },
    async get(id) {
      const row = rows.get(id);
      return row ? clone(row) : null;
    },
    async update(id, patch) {
      const row = rows.get(id);
      if (!row) throw new NotFoundError(name, id);
      const updated = { ...row, ...structuredClone(patch), ...(stampsUpdates ? { updatedAt: now() } : {}) } as T;
      rows.set(id, updated);
      return clone(updated);
    },
    async delete(id) {
      rows.delete(id);
    },
    async deleteWhere(filter) {
      assertNarrowed(filter);
      const doomed = [...rows.values()].filter((row) => Object.entries(filter).every(([key, value]) => sameValue(row[key as keyof T], value)));
      for (const row of doomed) rows.delete(row.id);
      return doomed.length;
    },
    async list(filter: Filter<T> = {}) {
      return [...rows.values()]
        .filter((row) => Object.entries(filter).every(([key, value]) => sameValue(row[key as keyof T], value)))
        .map(clone);
    },
    async listIn(field, values, filter = {}) {
      const wanted = values.map((value) => (value instanceof Date ? value.getTime() : value));
      return [...rows.values()].filter((row) => Object.entries(filter).every(([key, value]) => sameValue(row[key as keyof T], value))).map(clone).filter((row) => {
        const value = row[field as keyof T];
        return wanted.includes((value instanceof Date ? value.getTime() : value) as never);
      });
    },
  };
}

export function createInMemoryStore(now: () => Date = () => new Date()): Store {
  const tables = new Map<string, Map<string, Row>>();
  const table = <T extends Row>(name: string, stampsUpdates = false) => {
    const rows = new Map<string, T>();
    tables.set(name, rows as unknown as Map<string, Row>);
    return repository<T>(name, rows, now, stampsUpdates);
  };
  const channels = table<ChannelLink>('ChannelLink');
  const members = table<Member>('Member');
  const outbox = table<OutboxMessage>('OutboxMessage');
  const meetings = table<Meeting>('Meeting');
  const processedRequests = table<ProcessedRequest>('ProcessedRequest');
  const installations = table<Installation>('Installation', true);
  const store: Store = {
    groups: table('Group', true),
    channels: {
      ...channels,
      async findByAddress(platform: Platform, tenantId: string, channelId: string) {
        return (await channels.list({ platform, tenantId, channelId }))[0] ?? null;
      },
      async findGroupByAddress(platform: Platform, tenantId: string, channelId: string) {
        const link = (await channels.list({ platform, tenantId, channelId }))[0];
        return link ? store.groups.get(link.groupId) : null;
      },
      async findGroupAndMember(platform: Platform, tenantId: string, channelId: string, platformUserId: string) {
        const group = await this.findGroupByAddress(platform, tenantId, channelId);
        if (!group) return null;
        return { group, member: (await members.list({ groupId: group.id, platform, platformUserId }))[0] ?? null };
      },
    } satisfies ChannelRepository,
    organisations: table('PartyOrganisation'),
    members: {
      ...members,
      async findByPlatformUser(groupId: string, platform: Platform, platformUserId: string) {
        return (await members.list({ groupId, platform, platformUserId }))[0] ?? null;
      },
    } satisfies MemberRepository,
    meetings: {
      ...meetings,
      async listStartingBetween(from: Date, to: Date) {
        return (await meetings.list())
          .filter((meeting) => meeting.startsAt >= from && meeting.startsAt < to)
          .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
      },
    } satisfies MeetingRepository,
    meetingSeries: table('MeetingSeries'),
    outbox: {
      ...outbox,
      async enqueue(record) {
        if ((await outbox.list({ idempotencyKey: record.idempotencyKey })).length > 0) return null;
        return outbox.create(record);
      },
      async enqueueMany(records) {
        let created = 0;
        for (const record of records) if (await this.enqueue(record)) created += 1;
        return created;
      },
      async claimDue(now, workerId, leaseMs, limit) {
        const due = (await outbox.list({ status: 'pending' }))
          .filter((message) => message.nextAttemptAt <= now && (!message.lockedUntil || message.lockedUntil < now))
          .sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime())
          .slice(0, limit);
        const lockedUntil = new Date(now.getTime() + leaseMs);
        return Promise.all(due.map((message) => outbox.update(message.id, { lockedBy: workerId, lockedUntil })));
      },
    } satisfies OutboxRepository,
    plans: table('ActionPlan'),
    activities: table('Activity'),
    proposals: table('Proposal'),
    assignments: table('Assignment'),
    implementationPlans: table('ImplementationPlan', true),
    progressReports: table('ProgressReport'),
    finalReports: table('FinalReport'),
    evaluations: table('Evaluation'),
    analysisRounds: table('AnalysisRound'),
    ballots: table('Ballot', true),
    planChanges: table('PlanChange'),
    planVersions: table('PlanVersion'),
    formDrafts: table('FormDraft', true),
    followUps: table('ImplementationFollowUp'),
    homework: table('Homework'),
    homeworkAnswers: table('HomeworkAnswer', true),
    archivedTexts: table('ArchivedText'),
    dataRightsRequests: table('DataRightsRequest'),
    processedRequests: {
      ...processedRequests,
      async claim(platform: Platform, key: string) {
        if ((await processedRequests.list({ platform, key })).length > 0) return false;
        await processedRequests.create({ platform, key });
        return true;
      },
      async deleteOlderThan(cutoff: Date) {
        const old = (await processedRequests.list()).filter((row) => row.createdAt < cutoff);
        for (const row of old) await processedRequests.delete(row.id);
        return old.length;
      },
    } satisfies ProcessedRequestRepository,
    installations: {
      ...installations,
      async find(platform: Platform, tenantId: string) {
        return (await installations.list({ platform, tenantId }))[0] ?? null;
      },
      async save(platform: Platform, tenantId: string, sealed: string) {
        const found = await this.find(platform, tenantId);
        return found ? installations.update(found.id, { sealed }) : installations.create({ platform, tenantId, sealed });
      },
    } satisfies InstallationRepository,
    async transaction(fn) {
      // Snapshot and restore gives the same all-or-nothing outcome as a database transaction.
      const snapshot = [...tables].map(([name, rows]) => [name, structuredClone([...rows])] as const);
      try {
        return await fn(store);
      } catch (error) {
        for (const [name, rows] of snapshot) {
          const live = tables.get(name)!;
          live.clear();
          for (const [id, row] of rows) live.set(id, row);
        }
        throw error;
      }
    },
    async ping() {},
    async close() {},
  };
  return store;
}
