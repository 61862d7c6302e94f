// Data rights (GDPR) for the kansli of the region file (issue 6, 13): everything stored about one person of a
// region tenant as a file, and anonymising or deleting that person; each only after the requester's
// confirmation, and every request is logged and told privately to the region's other kansli people. What each does:
// - export: every row that names the person or was written by them, across the tenant's groups.
// - anonymise: the person's member rows get a placeholder name and user id, lose their roles and
//   substitute link; everything they wrote or decided stays with the group, attributed to the placeholder.
//   Their id and name are also replaced in the posts waiting in (or sent from) the outbox, in the channels'
//   stored conversation references, in the free text archived after retention (ArchivedText), in the
//   owner/who fields of implementation plans (names typed as free text), and in earlier data-rights
//   requests about them or made by them; private posts still waiting for them are dropped. Each person gets
//   a placeholder of their own (placeholderRef), so two anonymised people never read as one.
// - delete: anonymise, and also remove what was only the person's own: form drafts, homework answers,
//   evaluation answers, ballots in votes that are still open (closed votes keep theirs: the tally is the
//   group's decision) and their party organisation on the member rows.
// The group's decisions and documents (proposals, plans, assignments, reports, final reports, follow-ups,
// plan history) always stay intact. Every request is logged with who asked and when.
import type { ArchivedTexts, DataRightsAction, DataRightsRequest, Member, PlanTask, SubGoal } from '../domain.js';
import type { FormValues, Reply } from '../events.js';
import type { Store } from '../ports.js';
import { format, type Catalog } from '../../i18n/index.js';
import { formatDateTime } from '../dates.js';
import type { Dependencies, GroupContext } from './context.js';
import { allTenantGroups, kansliHere, notKansli, regionOf, type Tenant } from './region.js';
import { notice } from './show-help.js';
import { outboxRecord } from '../delivery.js';
import { inRegion, type KansliPerson } from '../region.js';

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
  /** Implementation plans whose delmål owner or task "who" names the person: only those delmål and tasks. */
  implementationPlans: { id: string; assignmentId: string; subGoals: SubGoal[]; tasks: PlanTask[] }[];
  /** Free text archived after retention that the person wrote or that names them: only those entries. */
  archivedTexts: { id: string; assignmentId: string; closedAt: Date; texts: Partial<ArchivedTexts> }[];
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
    implementationPlans: [],
    archivedTexts: [],
    dataRightsRequests: (await store.dataRightsRequests.list({ platform: tenant.platform, tenantId: tenant.tenantId }))
      .filter((request) => request.subjectUserId === platformUserId || by(request.requestedByMemberId)),
  };
  if (members.length === 0) return data;
  const mentions = (text: string | null) => !!text && matcher([platformUserId, ...members.map((member) => member.displayName)]).test(text);
  for (const group of groups.filter((candidate) => data.groups.some((own) => own.id === candidate.id))) {
    const groupId = group.id;
    const [rounds, proposals, assignments, evaluations, homework, drafts, plans, changes, outbox, links, archives, versions] = await Promise.all([
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
      store.archivedTexts.list({ groupId }),
      store.planVersions.list({ groupId }),
    ]);
    data.analysisRounds.push(...rounds.filter((round) => by(round.openedByMemberId)));
    for (const round of rounds) data.ballots.push(...(await store.ballots.list({ roundId: round.id })).filter((ballot) => by(ballot.memberId)));
    data.proposals.push(...proposals.filter((proposal) => by(proposal.proposedByMemberId)));
    data.assignments.push(...assignments.filter((assignment) => by(assignment.convenerMemberId) || assignment.memberIds.some(by)));
    // Ids of the reports and follow-ups the person wrote: their archived text is the person's too.
    const written = new Set<string>();
    for (const assignment of assignments) {
      const [reports, finals, followUps, implementationPlans] = await Promise.all([
        store.progressReports.list({ assignmentId: assignment.id }),
        store.finalReports.list({ assignmentId: assignment.id }),
        store.followUps.list({ assignmentId: assignment.id }),
        store.implementationPlans.list({ assignmentId: assignment.id }),
      ]);
      const theirs = [
        ...reports.filter((report) => by(report.authorMemberId)),
        ...finals.filter((report) => by(report.authorMemberId) || by(report.acceptedByMemberId)),
        ...followUps.filter((followUp) => by(followUp.authorMemberId)),
      ];
      for (const row of theirs) written.add(row.id);
      data.progressReports.push(...reports.filter((report) => written.has(report.id)));
      data.finalReports.push(...finals.filter((report) => written.has(report.id)));
      data.followUps.push(...followUps.filter((followUp) => written.has(followUp.id)));
      for (const plan of implementationPlans) {
        const subGoals = plan.subGoals.filter((goal) => mentions(goal.owner));
        const tasks = plan.tasks.filter((task) => mentions(task.who));
        if (subGoals.length + tasks.length > 0) data.implementationPlans.push({ id: plan.id, assignmentId: plan.assignmentId, subGoals, tasks });
      }
    }
    for (const archive of archives) {
      const kept = <T extends { id: string }>(entries: T[]) => entries.filter((entry) => written.has(entry.id) || mentions(JSON.stringify(entry)));
      const plan = archive.texts.implementationPlan;
      const texts: Partial<ArchivedTexts> = {
        progressReports: kept(archive.texts.progressReports),
        finalReports: kept(archive.texts.finalReports),
        followUps: kept(archive.texts.followUps),
        implementationPlan: plan && mentions(JSON.stringify(plan)) ? plan : null,
      };
      if (texts.progressReports!.length + texts.finalReports!.length + texts.followUps!.length > 0 || texts.implementationPlan) {
        data.archivedTexts.push({ id: archive.id, assignmentId: archive.assignmentId, closedAt: archive.closedAt, texts });
      }
    }
    data.evaluations.push(...evaluations.filter((evaluation) => by(evaluation.authorMemberId)));
    data.homework.push(...homework.filter((set) => by(set.createdByMemberId)));
    for (const set of homework) data.homeworkAnswers.push(...(await store.homeworkAnswers.list({ homeworkId: set.id })).filter((answer) => by(answer.memberId)));
    data.formDrafts.push(...drafts.filter((draft) => by(draft.memberId)));
    data.plansDecided.push(...plans.filter((plan) => by(plan.decidedByMemberId)));
    // Earlier decided versions too: the latest is also the plan row above, so only superseded ones are added.
    data.plansDecided.push(...versions.filter((version) => by(version.decidedByMemberId) && !plans.some((plan) => plan.id === version.planId && plan.version === version.version && plan.decidedAt?.getTime() === version.decidedAt.getTime())));
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
  'implementationPlans',
  'archivedTexts',
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

/**
 * What tells this request's placeholder apart ("Anonymiserad person 3f9c"): the end of its id, where ids are
 * random (their start is a timestamp, so two people anonymised the same day used to share one), as long as
 * it takes to differ from the same-length end of every other request of the tenant. Whoever is anonymised
 * later sees the earlier request, so no two placeholders are alike; once made, a placeholder never changes.
 */
export async function placeholderRef(store: Store, request: DataRightsRequest): Promise<string> {
  const hex = (id: string) => id.replace(/-/g, '');
  const others = (await store.dataRightsRequests.list({ platform: request.platform, tenantId: request.tenantId }))
    .filter((other) => other.id !== request.id)
    .map((other) => hex(other.id));
  const own = hex(request.id);
  let length = Math.min(4, own.length);
  while (length < own.length && others.some((other) => other.endsWith(own.slice(-length)))) length += 1;
  return own.slice(-length);
}

/** Anonymises (and for `delete` also removes) the person of `request`; one transaction. */
export async function erasePerson(store: Store, request: DataRightsRequest, placeholder: string, now: Date): Promise<Record<string, number>> {
  const tenant: Tenant = { platform: request.platform, tenantId: request.tenantId };
  return store.transaction(async (tx) => {
    const data = await collectPersonalData(tx, tenant, request.subjectUserId);
    const members = data.members;
    const old = [request.subjectUserId, ...members.map((member) => member.displayName)].filter(Boolean);
    const erase = request.action === 'delete';
    const mine = new Set(members.map((member) => member.id));
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
    // Names typed as free text: the delmål owner and the task's "who" of the plans that name the person.
    for (const found of data.implementationPlans) {
      const plan = (await tx.implementationPlans.get(found.id))!;
      await tx.implementationPlans.update(plan.id, {
        subGoals: plan.subGoals.map((goal) => ({ ...goal, owner: replaceDeep(goal.owner, old, placeholder) })),
        tasks: plan.tasks.map((task) => ({ ...task, who: replaceDeep(task.who, old, placeholder) })),
      });
    }
    counts.implementationPlans = data.implementationPlans.length;
    // What they wrote stays with the group in the archive (as the live reports do), without their name.
    for (const found of data.archivedTexts) {
      const archive = (await tx.archivedTexts.get(found.id))!;
      await tx.archivedTexts.update(archive.id, { texts: replaceDeep(archive.texts, old, placeholder) });
    }
    counts.archivedTexts = data.archivedTexts.length;
    if (erase) {
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
    // The log keeps who did what and when, but no longer who it was about, nor the person's name on the
    // requests they made themselves (their member row, which the log points to, is anonymised above).
    for (const earlier of await tx.dataRightsRequests.list({ platform: tenant.platform, tenantId: tenant.tenantId, subjectUserId: request.subjectUserId })) {
      await tx.dataRightsRequests.update(earlier.id, { subjectUserId: `anonymiserad-${request.id}`, subjectName: placeholder });
    }
    for (const made of data.dataRightsRequests as DataRightsRequest[]) {
      if (mine.has(made.requestedByMemberId)) await tx.dataRightsRequests.update(made.id, { requestedByName: placeholder });
    }
    await tx.dataRightsRequests.update(request.id, { status: 'done', completedAt: now, counts });
    return counts;
  });
}

/** The person a command names in any tenant of the region: a Slack mention <@U…|name>, a user id, or a display name. */
async function findPersonInRegion(deps: Dependencies, text: string): Promise<{ tenant: Tenant; userId: string; name: string }[]> {
  const found = [];
  for (const { platform, tenantId } of regionOf(deps).tenants) {
    const tenant = { platform, tenantId };
    found.push(...(await findPerson(deps.store, tenant, text)).map((person) => ({ tenant, ...person })));
  }
  return found;
}

/** The person a command names in one tenant. */
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
 * The private post to every other kansli person of the region about a request: who asked, what and about
 * whom, never the data. It goes through a channel of the person's own tenant (a kansli channel of the file
 * where the bot is, else any channel the bot is in there); a person the bot cannot reach is skipped.
 */
async function tellOtherKansli(deps: Dependencies, context: GroupContext, asker: KansliPerson, request: DataRightsRequest, now: Date): Promise<void> {
  const { t, group } = context;
  const texts = t.regional.dataRights.kansliNotice;
  const region = regionOf(deps);
  const text = format(texts.text, {
    by: request.requestedByName,
    action: texts.actions[request.action],
    subject: request.subjectName,
    ref: request.id.slice(0, 6),
    date: formatDateTime(now, group.timeZone, group.locale),
  });
  const reply = { kind: 'card', card: 'notice', data: { t, text: `${texts.title}: ${text}` } } as const;
  for (const person of region.kansli) {
    if (person.platform === asker.platform && person.tenantId === asker.tenantId && person.userId === asker.userId) continue;
    const office = region.channels.filter((channel) => channel.platform === person.platform && channel.tenantId === person.tenantId);
    const offices = await Promise.all(office.map((channel) => deps.store.channels.findByAddress(channel.platform, channel.tenantId, channel.channelId)));
    const link = offices.find((found) => found !== null) ?? (await deps.store.channels.list({ platform: person.platform, tenantId: person.tenantId }))[0];
    if (!link) continue;
    await deps.store.outbox.enqueue(
      outboxRecord(
        { idempotencyKey: `data-rights:${request.id}:${person.platform}:${person.tenantId}:${person.userId}`, kind: 'notice', groupId: link.groupId, channelLinkId: link.id, meetingId: null, expiresAt: null },
        reply,
        group.locale,
        now,
        { platformUserId: person.userId, tenantId: person.tenantId },
      ),
    );
  }
}

/**
 * `personuppgifter <visa|anonymisera|radera> <person>`: a data-rights request of the kansli of the region
 * file, about a person of any region tenant. Every action shows what it covers and waits for "Bekräfta";
 * the request is logged and the region's other kansli people are told privately.
 */
export async function personalDataCommand(deps: Dependencies, context: GroupContext, input: FormValues): Promise<Reply> {
  const { t, member } = context;
  const texts = t.regional.dataRights;
  const asker = await kansliHere(deps, context);
  if (!asker) return notKansli(context);
  const [, actionWord = '', ...rest] = (input.text ?? '').trim().split(/\s+/);
  const action = ACTION_WORDS[fold(actionWord)];
  const who = rest.join(' ').trim();
  if (!action || !who) return notice(t, texts.usage);
  const people = await findPersonInRegion(deps, who);
  if (people.length === 0) return notice(t, texts.notFound, { who });
  if (people.length > 1) return notice(t, texts.ambiguous, { who, people: people.map((person) => `${person.name} (${person.userId})`).join(', ') });
  const person = people[0]!;
  const counts = countPersonalData(await collectPersonalData(deps.store, person.tenant, person.userId));
  const now = deps.clock.now();
  const request = await deps.store.dataRightsRequests.create({
    ...person.tenant,
    action,
    subjectUserId: person.userId,
    subjectName: person.name,
    requestedByMemberId: member.id,
    requestedByName: member.displayName,
    status: 'pending',
    counts,
    completedAt: null,
  });
  await tellOtherKansli(deps, context, asker, request, now);
  return dataRightsCard(t, {
    title: format(texts.confirmTitle[action], { name: person.name }),
    text: texts.confirmText[action],
    counts: describeCounts(counts, t),
    requestId: request.id,
  });
}

/** "Bekräfta": carries out a pending request about a person of the region, once: the download link, or the anonymising or deleting. */
export async function confirmDataRights(deps: Dependencies, context: GroupContext, args: FormValues): Promise<Reply> {
  const { t, member, group } = context;
  const texts = t.regional.dataRights;
  if (!(await kansliHere(deps, context))) return notKansli(context);
  const request = args.requestId ? await deps.store.dataRightsRequests.get(args.requestId) : null;
  if (!request || !inRegion(regionOf(deps), request)) return notice(t, texts.requestNotFound);
  if (request.status === 'done') return notice(t, texts.alreadyDone, { date: formatDateTime(request.completedAt!, group.timeZone, group.locale) });
  // The log names one person for each request: the one who asked is the one who confirms.
  if (request.requestedByMemberId !== member.id) return notice(t, texts.onlyRequester, { name: request.requestedByName });
  const now = deps.clock.now();
  if (now.getTime() - request.createdAt.getTime() > CONFIRMATION_TTL_MS) return notice(t, texts.expired);
  if (request.action === 'export') {
    await deps.store.dataRightsRequests.update(request.id, { status: 'done', completedAt: now });
    return dataRightsCard(t, {
      title: format(texts.exportTitle, { name: request.subjectName }),
      text: format(deps.links?.personalData ? texts.exportReady : texts.exportNoLink, { name: request.subjectName }),
      counts: describeCounts(request.counts, t),
      downloadUrl: deps.links?.personalData?.(request.id),
    });
  }
  const placeholder = format(texts.placeholder, { ref: await placeholderRef(deps.store, request) });
  const counts = await erasePerson(deps.store, request, placeholder, now);
  return dataRightsCard(t, {
    title: format(texts.doneTitle[request.action], { placeholder }),
    text: format(texts.doneText, { name: member.displayName, date: formatDateTime(now, group.timeZone, group.locale) }),
    counts: describeCounts(counts, t),
  });
}

/** For the export file: the person's data with the request that asked for it, once the requester confirmed it. */
export async function personalDataExport(store: Store, requestId: string): Promise<{ request: DataRightsRequest; data: PersonalData } | null> {
  const request = await store.dataRightsRequests.get(requestId);
  if (!request || request.action !== 'export' || request.status !== 'done') return null;
  return { request, data: await collectPersonalData(store, { platform: request.platform, tenantId: request.tenantId }, request.subjectUserId) };
}

