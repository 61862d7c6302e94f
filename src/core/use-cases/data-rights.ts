// Data rights (GDPR) for kansli admins (issue 6): everything stored about one person of the tenant as a
// file, and anonymising or deleting that person after a confirmation. What each does:
// - export: every row that names the person or was written by them, across the tenant's groups.
// - anonymise: the person's member rows get a placeholder name and user id, lose their roles and
//   substitute link; everything they wrote or decided stays with the group, attributed to the placeholder.
//   Their id and name are also replaced in the posts waiting in (or sent from) the outbox, in the channels'
//   stored conversation references and in earlier data-rights requests about them; private posts still
//   waiting for them are dropped.
// - delete: anonymise, and also remove what was only the person's own: form drafts, homework answers,
//   evaluation answers, ballots in votes that are still open (closed votes keep theirs: the tally is the
//   group's decision) and their party organisation on the member rows.
// The group's decisions and documents (proposals, plans, assignments, reports, final reports, follow-ups,
// plan history) always stay intact. Every request is logged with who asked and when.
import type { DataRightsAction, DataRightsRequest, Member } from '../domain.js';
import type { FormValues, Reply } from '../events.js';
import type { Store } from '../ports.js';
import { format, type Catalog } from '../../i18n/index.js';
import { formatDateTime } from '../dates.js';
import type { Dependencies, GroupContext } from './context.js';
import { allTenantGroups, kansliTenant, notKansli, sameTenant, type Tenant } from './region.js';
import { notice } from './show-help.js';

/** A confirmation older than this is refused: the request is made again with fresh counts. */
export const CONFIRMATION_TTL_MS = 24 * 3_600_000;

const ACTION_WORDS: Record<string, DataRightsAction> = {
  visa: 'export',
  exportera: 'export',
  export: 'export',
  anonymisera: 'anonymise',
  anonymise: 'anonymise',
  anonymize: 'anonymise',
  radera: 'delete',
  delete: 'delete',
  erase: 'delete',
};

const fold = (text: string) => text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');

/** Everything stored about one person in one tenant, grouped by kind; every kind is listed, empty or not. */
export interface PersonalData {
  tenant: Tenant;
  platformUserId: string;
  groups: { id: string; name: string }[];
  members: Member[];
  ballots: unknown[];
  proposals: unknown[];
  progressReports: unknown[];
  finalReports: unknown[];
  followUps: unknown[];
  evaluations: unknown[];
  homework: unknown[];
  homeworkAnswers: unknown[];
  formDrafts: unknown[];
  assignments: unknown[];
  analysisRounds: unknown[];
  plansDecided: unknown[];
  planChanges: unknown[];
  outboxMessages: unknown[];
  channelReferences: unknown[];
  dataRightsRequests: unknown[];
}

type Kind = Exclude<keyof PersonalData, 'tenant' | 'platformUserId' | 'groups'>;

/** Collects what is stored about `platformUserId` in `tenant`: only groups of that tenant are read. */
export async function collectPersonalData(store: Store, tenant: Tenant, platformUserId: string): Promise<PersonalData> {
  const { groups } = await allTenantGroups(store, tenant);
  const ids = new Set(groups.map((group) => group.id));
  const members = (await store.members.list({ platform: tenant.platform, tenantId: tenant.tenantId, platformUserId })).filter((member) => ids.has(member.groupId));
  const mine = new Set(members.map((member) => member.id));
  const by = (id: string | null) => id !== null && mine.has(id);
  const data: PersonalData = {
    tenant,
    platformUserId,
    groups: groups.filter((group) => members.some((member) => member.groupId === group.id)).map((group) => ({ id: group.id, name: group.name })),
    members,
    ballots: [],
    proposals: [],
    progressReports: [],
    finalReports: [],
    followUps: [],
    evaluations: [],
    homework: [],
    homeworkAnswers: [],
    formDrafts: [],
    assignments: [],
    analysisRounds: [],
    plansDecided: [],
    planChanges: [],
    outboxMessages: [],
    channelReferences: [],
    dataRightsRequests: (await store.dataRightsRequests.list({ platform: tenant.platform, tenantId: tenant.tenantId }))
      .filter((request) => request.subjectUserId === platformUserId || by(request.requestedByMemberId)),
  };
  if (members.length === 0) return data;
  const mentions = (text: string | null) => !!text && matcher([platformUserId, ...members.map((member) => member.displayName)]).test(text);
  for (const group of groups.filter((candidate) => data.groups.some((own) => own.id === candidate.id))) {
    const groupId = group.id;
    const [rounds, proposals, assignments, evaluations, homework, drafts, plans, changes, outbox, links] = await Promise.all([
      store.analysisRounds.list({ groupId }),
      store.proposals.list({ groupId }),
      store.assignments.list({ groupId }),
      store.evaluations.list({ groupId }),
      store.homework.list({ groupId }),
      store.formDrafts.list({ groupId }),
      store.plans.list({ groupId }),
      store.planChanges.list({ groupId }),
      store.outbox.list({ groupId }),
      store.channels.list({ groupId }),
    ]);
    data.analysisRounds.push(...rounds.filter((round) => by(round.openedByMemberId)));
    for (const round of rounds) data.ballots.push(...(await store.ballots.list({ roundId: round.id })).filter((ballot) => by(ballot.memberId)));
    data.proposals.push(...proposals.filter((proposal) => by(proposal.proposedByMemberId)));
    data.assignments.push(...assignments.filter((assignment) => by(assignment.convenerMemberId) || assignment.memberIds.some(by)));
    for (const assignment of assignments) {
      const [reports, finals, followUps] = await Promise.all([
        store.progressReports.list({ assignmentId: assignment.id }),
        store.finalReports.list({ assignmentId: assignment.id }),
        store.followUps.list({ assignmentId: assignment.id }),
      ]);
      data.progressReports.push(...reports.filter((report) => by(report.authorMemberId)));
      data.finalReports.push(...finals.filter((report) => by(report.authorMemberId) || by(report.acceptedByMemberId)));
      data.followUps.push(...followUps.filter((followUp) => by(followUp.authorMemberId)));
    }
    data.evaluations.push(...evaluations.filter((evaluation) => by(evaluation.authorMemberId)));
    data.homework.push(...homework.filter((set) => by(set.createdByMemberId)));
    for (const set of homework) data.homeworkAnswers.push(...(await store.homeworkAnswers.list({ homeworkId: set.id })).filter((answer) => by(answer.memberId)));
    data.formDrafts.push(...drafts.filter((draft) => by(draft.memberId)));
    data.plansDecided.push(...plans.filter((plan) => by(plan.decidedByMemberId)));
    data.planChanges.push(...changes.filter((change) => by(change.memberId)));
    data.outboxMessages.push(
      ...outbox
        .filter((message) => mentions(JSON.stringify(message.payload)))
        .map(({ id, kind, status, createdAt, sentAt, payload }) => ({ id, kind, status, createdAt, sentAt, payload })),
    );
    data.channelReferences.push(
      ...links.filter((link) => mentions(link.conversationReference)).map(({ id, channelId, channelName, conversationReference }) => ({ id, channelId, channelName, conversationReference })),
    );
  }
  return data;
}

export const PERSONAL_DATA_KINDS = [
  'members',
  'ballots',
  'proposals',
  'progressReports',
  'finalReports',
  'followUps',
  'evaluations',
  'homework',
  'homeworkAnswers',
  'formDrafts',
  'assignments',
  'analysisRounds',
  'plansDecided',
  'planChanges',
  'outboxMessages',
  'channelReferences',
  'dataRightsRequests',
] as const satisfies readonly Kind[];

export function countPersonalData(data: PersonalData): Record<string, number> {
  return Object.fromEntries(PERSONAL_DATA_KINDS.map((kind) => [kind, data[kind].length]));
}

/** Whole-word occurrences of any of `words`: "Bo" is found in "Bo Ek" but not in "Boden". */
function matcher(words: string[]): RegExp {
  const escaped = words.filter((word) => word.trim() !== '').map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return escaped.length === 0 ? /(?!)/u : new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'gu');
}

/** Every string inside `value` with each whole-word occurrence of `from` replaced by `to`; objects and arrays are copied. */
function replaceDeep<T>(value: T, from: string[], to: string): T {
  if (typeof value === 'string') return value.replace(matcher(from), to) as T;
  if (Array.isArray(value)) return value.map((item) => replaceDeep(item, from, to)) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, replaceDeep(item, from, to)])) as T;
  }
  return value;
}

/** Anonymises (and for `delete` also removes) the person of `request`; one transaction. */
export async function erasePerson(store: Store, request: DataRightsRequest, placeholder: string, now: Date): Promise<Record<string, number>> {
  const tenant: Tenant = { platform: request.platform, tenantId: request.tenantId };
  return store.transaction(async (tx) => {
    const data = await collectPersonalData(tx, tenant, request.subjectUserId);
    const members = data.members;
    const old = [request.subjectUserId, ...members.map((member) => member.displayName)].filter(Boolean);
    const erase = request.action === 'delete';
    const counts: Record<string, number> = { members: members.length };
    for (const member of members) {
      await tx.members.update(member.id, {
        displayName: placeholder,
        platformUserId: `anonymiserad-${member.id}`,
        roles: [],
        substituteForMemberId: null,
        ...(erase ? { organisationId: null } : {}),
      });
    }
    // Private posts still waiting for the person can no longer reach anyone.
    let outbox = 0;
    for (const raw of data.outboxMessages as { id: string }[]) {
      const message = (await tx.outbox.get(raw.id))!;
      const recipient = (message.payload as { recipient?: { platformUserId?: string } }).recipient;
      const forThem = recipient?.platformUserId === request.subjectUserId;
      await tx.outbox.update(message.id, {
        payload: replaceDeep(message.payload, old, placeholder),
        ...(forThem && message.status === 'pending' ? { status: 'expired' as const } : {}),
      });
      outbox += 1;
    }
    counts.outboxMessages = outbox;
    for (const raw of data.channelReferences as { id: string; conversationReference: string }[]) {
      await tx.channels.update(raw.id, { conversationReference: replaceDeep(raw.conversationReference, old, placeholder) });
    }
    counts.channelReferences = data.channelReferences.length;
    if (erase) {
      const mine = new Set(members.map((member) => member.id));
      for (const draft of data.formDrafts as { id: string }[]) await tx.formDrafts.delete(draft.id);
      for (const answer of data.homeworkAnswers as { id: string }[]) await tx.homeworkAnswers.delete(answer.id);
      for (const evaluation of data.evaluations as { id: string }[]) await tx.evaluations.delete(evaluation.id);
      let ballots = 0;
      for (const ballot of data.ballots as { id: string; roundId: string; memberId: string }[]) {
        const round = await tx.analysisRounds.get(ballot.roundId);
        if (round && round.status !== 'avslutad' && mine.has(ballot.memberId)) {
          await tx.ballots.delete(ballot.id);
          ballots += 1;
        }
      }
      Object.assign(counts, { formDrafts: data.formDrafts.length, homeworkAnswers: data.homeworkAnswers.length, evaluations: data.evaluations.length, ballots });
    }
    // The log keeps who did what and when, but no longer who it was about.
    for (const earlier of await tx.dataRightsRequests.list({ platform: tenant.platform, tenantId: tenant.tenantId, subjectUserId: request.subjectUserId })) {
      await tx.dataRightsRequests.update(earlier.id, { subjectUserId: `anonymiserad-${request.id}`, subjectName: placeholder });
    }
    await tx.dataRightsRequests.update(request.id, { status: 'done', completedAt: now, counts });
    return counts;
  });
}

/** The person a command names: a Slack mention <@U…|name>, a user id, or a display name. */
async function findPerson(store: Store, tenant: Tenant, text: string): Promise<{ userId: string; name: string }[]> {
  const mention = /^<@([^|>]+)(?:\|[^>]*)?>$/.exec(text);
  const wanted = (mention?.[1] ?? text).replace(/^@/, '').trim();
  const { groups } = await allTenantGroups(store, tenant);
  const people = new Map<string, string>();
  for (const group of groups) {
    for (const member of await store.members.list({ groupId: group.id, platform: tenant.platform, tenantId: tenant.tenantId })) {
      if (member.platformUserId === wanted || fold(member.displayName) === fold(wanted)) people.set(member.platformUserId, member.displayName);
    }
  }
  return [...people].map(([userId, name]) => ({ userId, name }));
}

function describeCounts(counts: Record<string, number>, t: Catalog): string {
  const labels = t.regional.dataRights.kinds as Record<string, string>;
  const lines = Object.entries(counts)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${labels[kind] ?? kind}: ${count}`);
  return lines.join('\n') || t.regional.dataRights.nothingStored;
}

function dataRightsCard(t: Catalog, fields: { title: string; text: string; counts: string; downloadUrl?: string; requestId?: string }): Reply {
  return {
    kind: 'card',
    card: 'data-rights',
    audience: 'asker',
    data: { t, title: fields.title, text: fields.text, counts: fields.counts, downloadUrl: fields.downloadUrl ?? '', requestId: fields.requestId ?? '' },
  };
}

/**
 * `personuppgifter <visa|anonymisera|radera> <person>`: a kansli admin's data-rights request. An export
 * answers with a download link at once; anonymise and delete show what will change and wait for "Bekräfta".
 */
export async function personalDataCommand(deps: Dependencies, context: GroupContext, input: FormValues): Promise<Reply> {
  const { t, member } = context;
  const texts = t.regional.dataRights;
  const tenant = await kansliTenant(deps.store, context);
  if (!tenant) return notKansli(context);
  const [, actionWord = '', ...rest] = (input.text ?? '').trim().split(/\s+/);
  const action = ACTION_WORDS[fold(actionWord)];
  const who = rest.join(' ').trim();
  if (!action || !who) return notice(t, texts.usage);
  const people = await findPerson(deps.store, tenant, who);
  if (people.length === 0) return notice(t, texts.notFound, { who });
  if (people.length > 1) return notice(t, texts.ambiguous, { who, people: people.map((person) => `${person.name} (${person.userId})`).join(', ') });
  const person = people[0]!;
  const counts = countPersonalData(await collectPersonalData(deps.store, tenant, person.userId));
  const now = deps.clock.now();
  const request = await deps.store.dataRightsRequests.create({
    ...tenant,
    action,
    subjectUserId: person.userId,
    subjectName: person.name,
    requestedByMemberId: member.id,
    requestedByName: member.displayName,
    status: action === 'export' ? 'done' : 'pending',
    counts,
    completedAt: action === 'export' ? now : null,
  });
  if (action === 'export') {
    return dataRightsCard(t, {
      title: format(texts.exportTitle, { name: person.name }),
      text: format(deps.links?.personalData ? texts.exportReady : texts.exportNoLink, { name: person.name }),
      counts: describeCounts(counts, t),
      downloadUrl: deps.links?.personalData?.(request.id),
    });
  }
  return dataRightsCard(t, {
    title: format(texts.confirmTitle[action], { name: person.name }),
    text: texts.confirmText[action],
    counts: describeCounts(counts, t),
    requestId: request.id,
  });
}

/** "Bekräfta": carries out a pending anonymise or delete request of this tenant, once. */
export async function confirmDataRights(deps: Dependencies, context: GroupContext, args: FormValues): Promise<Reply> {
  const { t, member, group } = context;
  const texts = t.regional.dataRights;
  const tenant = await kansliTenant(deps.store, context);
  if (!tenant) return notKansli(context);
  const request = args.requestId ? await deps.store.dataRightsRequests.get(args.requestId) : null;
  if (!request || !sameTenant(request, tenant) || request.action === 'export') return notice(t, texts.requestNotFound);
  if (request.status === 'done') return notice(t, texts.alreadyDone, { date: formatDateTime(request.completedAt!, group.timeZone, group.locale) });
  // The log names one person for each request: the one who asked is the one who confirms.
  if (request.requestedByMemberId !== member.id) return notice(t, texts.onlyRequester, { name: request.requestedByName });
  const now = deps.clock.now();
  if (now.getTime() - request.createdAt.getTime() > CONFIRMATION_TTL_MS) return notice(t, texts.expired);
  const placeholder = format(texts.placeholder, { ref: request.id.slice(0, 6) });
  const counts = await erasePerson(deps.store, request, placeholder, now);
  return dataRightsCard(t, {
    title: format(texts.doneTitle[request.action], { placeholder }),
    text: format(texts.doneText, { name: member.displayName, date: formatDateTime(now, group.timeZone, group.locale) }),
    counts: describeCounts(counts, t),
  });
}

/** For the export file: the person's data with the request that asked for it. */
export async function personalDataExport(store: Store, requestId: string): Promise<{ request: DataRightsRequest; data: PersonalData } | null> {
  const request = await store.dataRightsRequests.get(requestId);
  if (!request || request.action !== 'export') return null;
  return { request, data: await collectPersonalData(store, { platform: request.platform, tenantId: request.tenantId }, request.subjectUserId) };
}

