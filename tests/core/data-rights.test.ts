// Data rights for kansli admins at a fixed clock on the in-memory store: export, anonymise and delete one
// person of the workspace, with the confirmation step, the log, and nothing touched in another workspace.
import { beforeEach, describe, expect, it } from 'vitest';
import { createBot, type Bot } from '../../src/core/bot.js';
import type { Actor, ChannelAddress, Reply } from '../../src/core/events.js';
import type { Store } from '../../src/core/ports.js';
import { collectPersonalData, countPersonalData } from '../../src/core/use-cases/data-rights.js';
import { format } from '../../src/i18n/index.js';
import { formatDateTime } from '../../src/core/dates.js';
import { sv } from '../../src/i18n/sv.js';
import { createInMemoryStore } from '../support/in-memory-store.js';
import { fixedClock } from '../support/fixed-clock.js';
import { REGION_NOW, regionChannels, regionPeople, seedRegion, type RegionScenario } from '../support/regional-scenario.js';
import { seedBoFreeText } from '../support/data-rights-fixtures.js';
import { testRegion } from '../support/test-region.js';

let store: Store;
let bot: Bot;
let clock: ReturnType<typeof fixedClock>;
let scenario: RegionScenario;
let ids: Awaited<ReturnType<typeof seedBo>>;

const T111 = { platform: 'slack' as const, tenantId: 'T111' };

async function seedBo() {
  const { groups, members } = scenario;
  const { bo, boLysekil, otherBo } = members;
  const openRound = await store.analysisRounds.create({
    groupId: groups.uddevalla.id, year: 2027, status: 'rostning', proposalDeadline: new Date('2026-10-01T00:00:00Z'), votingDeadline: new Date('2026-10-30T00:00:00Z'),
    voteBudget: 7, maxVotesPerArea: 3, openedByMemberId: members.chair.id, votingOpenedAt: new Date('2026-10-02T00:00:00Z'), closedAt: null,
  });
  const proposal = await store.proposals.create({
    groupId: groups.uddevalla.id, title: 'Stöd till unga vuxna', description: 'Beskrivning', targetGroup: 'vuxen', obstacles: 'Hinder', proposedByMemberId: bo.id, mergedIntoProposalId: null, roundId: openRound.id,
  });
  const openBallot = await store.ballots.create({ roundId: openRound.id, memberId: bo.id, organisationId: null, votes: { [proposal.id]: 3 } });
  const closedRound = await store.analysisRounds.create({
    groupId: groups.lysekil.id, year: 2026, status: 'avslutad', proposalDeadline: new Date('2025-10-01T00:00:00Z'), votingDeadline: new Date('2025-10-30T00:00:00Z'),
    voteBudget: 7, maxVotesPerArea: 3, openedByMemberId: boLysekil.id, votingOpenedAt: new Date('2025-10-02T00:00:00Z'), closedAt: new Date('2025-10-30T00:00:00Z'),
  });
  const closedBallot = await store.ballots.create({ roundId: closedRound.id, memberId: boLysekil.id, organisationId: null, votes: { x: 2 } });
  const draft = await store.formDrafts.create({ groupId: groups.uddevalla.id, form: 'progress-report', draftKey: `progress-report:${scenario.assignments.udd1.id}`, memberId: bo.id, values: { progressText: 'halvfärdigt' } });
  const homework = await store.homework.create({ groupId: groups.uddevalla.id, title: 'Synpunkter', questions: ['Vad tycker du?'], deadline: new Date('2026-10-20T00:00:00Z'), createdByMemberId: members.chair.id });
  const answer = await store.homeworkAnswers.create({ homeworkId: homework.id, memberId: bo.id, answers: ['Bra'] });
  const evaluation = await store.evaluations.create({ groupId: groups.lysekil.id, year: 2026, authorMemberId: boLysekil.id, learnedChildrenAndYouth: 'a', learnedAdults: 'b', learnedPrevention: 'c', learnedCollaboration: 'd' });
  const [uddLink] = await store.channels.list({ groupId: groups.uddevalla.id });
  await store.channels.update(uddLink!.id, { conversationReference: JSON.stringify({ user: { id: 'U_BO', name: 'Bo Ek' }, conversation: { id: 'C_UDD' } }) });
  const outbox = (key: string, status: 'pending' | 'sent', payload: Record<string, unknown>) =>
    store.outbox.create({
      idempotencyKey: key, groupId: groups.uddevalla.id, channelLinkId: uddLink!.id, kind: 'meeting-summary', meetingId: null, payload, status, attempts: 0,
      nextAttemptAt: new Date(REGION_NOW), expiresAt: null, lockedBy: null, lockedUntil: null, lastError: null, sentAt: status === 'sent' ? new Date(REGION_NOW) : null,
    });
  const pendingDm = await outbox('dm-bo', 'pending', { locale: 'sv', reply: { kind: 'card', card: 'summary', data: { note: 'Till Bo Ek, ordförande.' } }, recipient: { platformUserId: 'U_BO', tenantId: 'T111' } });
  const sentPost = await outbox('post-bo', 'sent', { locale: 'sv', reply: { kind: 'card', card: 'notice', data: { text: 'Bo Ek är nu Ledamot. Boden är en ort.' } } });
  // The other workspace's Bo (same user id!) has data of his own that nothing here may touch.
  const otherEvaluation = await store.evaluations.create({ groupId: groups.otherWorkspace.id, year: 2026, authorMemberId: otherBo.id, learnedChildrenAndYouth: 'x', learnedAdults: 'y', learnedPrevention: 'z', learnedCollaboration: 'w' });
  const otherDraft = await store.formDrafts.create({ groupId: groups.otherWorkspace.id, form: 'evaluation', draftKey: 'evaluation:other', memberId: otherBo.id, values: { a: 'b' } });
  return { openBallot: openBallot.id, closedBallot: closedBallot.id, draft: draft.id, answer: answer.id, evaluation: evaluation.id, pendingDm: pendingDm.id, sentPost: sentPost.id, uddLink: uddLink!.id, proposal: proposal.id, otherEvaluation: otherEvaluation.id, otherDraft: otherDraft.id };
}

beforeEach(async () => {
  clock = fixedClock(REGION_NOW);
  store = createInMemoryStore(clock.now);
  bot = createBot({ region: testRegion(),
    store,
    clock,
    defaults: { locale: 'sv', timeZone: 'Europe/Stockholm' },
    links: { meetingsCalendar: () => '', personalData: (id) => `https://samverkan.example.se/exports/personal-data/${id}.json?signature=x` },
  });
  scenario = await seedRegion(bot, store);
  ids = await seedBo();
});

const command = (text: string, channel: ChannelAddress = regionChannels.kansli, actor: Actor = regionPeople.kansli) =>
  bot.handle({ type: 'command', command: 'personuppgifter', text, channel, actor });
const confirm = (requestId: string, channel: ChannelAddress = regionChannels.kansli, actor: Actor = regionPeople.kansli) =>
  bot.handle({ type: 'button', action: 'confirm-data-rights', args: { requestId }, channel, actor });
const data = (reply: Reply) => (reply.kind === 'card' ? reply.data : {}) as Record<string, string>;

describe('who may use data rights', () => {
  it('refuses members without the kansli role, and changes nothing', async () => {
    const reply = await command('personuppgifter radera Bo Ek', regionChannels.uddevalla, regionPeople.chair);
    expect(reply).toMatchObject({ card: 'notice', data: { text: sv.regional.notAllowed } });
    expect(await store.dataRightsRequests.list()).toEqual([]);
  });

  it('explains the command, an unknown person and an ambiguous name', async () => {
    expect(data(await command('personuppgifter'))).toMatchObject({ text: sv.regional.dataRights.usage });
    expect(data(await command('personuppgifter radera'))).toMatchObject({ text: sv.regional.dataRights.usage });
    expect(data(await command('personuppgifter visa Ingen Alls'))).toMatchObject({ text: format(sv.regional.dataRights.notFound, { who: 'Ingen Alls' }) });
    await store.members.create({ ...scenario.members.bo, id: undefined, platformUserId: 'U_BO2', groupId: scenario.groups.lysekil.id } as never);
    expect(data(await command('personuppgifter visa bo ek')).text).toBe(format(sv.regional.dataRights.ambiguous, { who: 'bo ek', people: 'Bo Ek (U_BO), Bo Ek (U_BO2)' }));
  });
});

describe('export of one person', () => {
  it('finds every kind of row in the workspace’s groups and none of the other workspace', async () => {
    const found = await collectPersonalData(store, T111, 'U_BO');
    expect(countPersonalData(found)).toEqual({
      members: 2, ballots: 2, proposals: 1, progressReports: 1, finalReports: 0, followUps: 0, evaluations: 1, homework: 0, homeworkAnswers: 1,
      formDrafts: 1, assignments: 1, analysisRounds: 1, plansDecided: 0, planChanges: 0, outboxMessages: 2, channelReferences: 1, dataRightsRequests: 0,
      implementationPlans: 0, archivedTexts: 0,
    });
    expect(found.groups.map((group) => group.name)).toEqual(['LSG Uddevalla', 'LSG Lysekil']);
    expect(JSON.stringify(found)).not.toContain(scenario.members.otherBo.id);
    expect(JSON.stringify(found)).not.toContain(ids.otherEvaluation);
  });

  it('needs a confirmation like the others (it used to answer at once), logs the request and tells the other kansli people privately', async () => {
    const asked = await command('personuppgifter visa <@U_BO|bo>');
    const [pending] = await store.dataRightsRequests.list();
    expect(pending).toMatchObject({ platform: 'slack', tenantId: 'T111', action: 'export', subjectUserId: 'U_BO', subjectName: 'Bo Ek', requestedByName: 'Karin Kansli', status: 'pending', completedAt: null });
    expect(asked).toMatchObject({ card: 'data-rights', data: { title: 'Lämna ut personuppgifterna om Bo Ek?', downloadUrl: '', requestId: pending!.id } });
    // The region file's other kansli people reachable in a channel of their tenant get a private post: who, what, about whom.
    const posts = (await store.outbox.list()).filter((message) => message.idempotencyKey.startsWith(`data-rights:${pending!.id}:`));
    expect(posts.map((post) => (post.payload as { recipient: { platformUserId: string } }).recipient.platformUserId).sort()).toEqual(['U0KANSLI', 'U_KANSLI2', 'U_OFFICE']);
    const text = JSON.stringify(posts[0]!.payload);
    expect(text).toContain('Karin Kansli har begärt att lämna ut personuppgifterna om Bo Ek');
    expect(text).not.toContain('Medlemskap');
    const reply = await confirm(pending!.id);
    expect(await store.dataRightsRequests.get(pending!.id)).toMatchObject({ status: 'done', completedAt: new Date(REGION_NOW) });
    expect(reply).toMatchObject({ card: 'data-rights', data: { downloadUrl: `https://samverkan.example.se/exports/personal-data/${pending!.id}.json?signature=x`, requestId: '' } });
    expect(data(reply).counts).toContain('Medlemskap: 2');
  });
});

describe('anonymising one person', () => {
  it('asks for confirmation first and changes nothing until then', async () => {
    const reply = await command('personuppgifter anonymisera Bo Ek');
    expect(reply).toMatchObject({ card: 'data-rights', data: { title: 'Anonymisera Bo Ek?', text: sv.regional.dataRights.confirmText.anonymise } });
    expect(data(reply).requestId).not.toBe('');
    expect((await store.members.get(scenario.members.bo.id))!.displayName).toBe('Bo Ek');
    expect((await store.dataRightsRequests.list())[0]).toMatchObject({ status: 'pending', completedAt: null });
  });

  it('replaces name and user id everywhere in the workspace, keeps what the person wrote, and logs it', async () => {
    const requestId = data(await command('personuppgifter anonymisera U_BO')).requestId!;
    clock.advance(60_000);
    const reply = await confirm(requestId);
    const placeholder = (await store.dataRightsRequests.get(requestId))!.subjectName;
    expect(placeholder).toMatch(/^Anonymiserad person [0-9a-f]{4,}$/);
    expect(data(reply).title).toBe(`Anonymiserad: nu ${placeholder}`);
    for (const id of [scenario.members.bo.id, scenario.members.boLysekil.id]) {
      expect(await store.members.get(id)).toMatchObject({ displayName: placeholder, platformUserId: `anonymiserad-${id}`, roles: [], substituteForMemberId: null });
    }
    // The group's work stays, attributed to the placeholder.
    const [report] = await store.progressReports.list({ assignmentId: scenario.assignments.lys1.id });
    expect(report).toMatchObject({ authorMemberId: scenario.members.boLysekil.id, progressText: 'Bo Ek skrev att det går bra' });
    expect(await store.proposals.get(ids.proposal)).toMatchObject({ proposedByMemberId: scenario.members.bo.id });
    for (const kept of [ids.openBallot, ids.closedBallot]) expect(await store.ballots.get(kept)).not.toBeNull();
    expect(await store.formDrafts.get(ids.draft)).not.toBeNull();
    // Posts, channel references and the log no longer name the person.
    expect(await store.outbox.get(ids.pendingDm)).toMatchObject({ status: 'expired' });
    expect(JSON.stringify((await store.outbox.get(ids.sentPost))!.payload)).toBe(JSON.stringify({ locale: 'sv', reply: { kind: 'card', card: 'notice', data: { text: `${placeholder} är nu Ledamot. Boden är en ort.` } } }));
    expect((await store.channels.get(ids.uddLink))!.conversationReference).not.toContain('U_BO');
    const [request] = await store.dataRightsRequests.list();
    expect(request).toMatchObject({ status: 'done', completedAt: new Date(clock.now()), requestedByName: 'Karin Kansli', subjectName: placeholder });
    expect(JSON.stringify(await store.dataRightsRequests.list())).not.toContain('U_BO');
    expect(await collectPersonalData(store, T111, 'U_BO')).toMatchObject({ members: [] });
    // The other workspace's Bo is another person.
    expect(await store.members.get(scenario.members.otherBo.id)).toMatchObject({ displayName: 'Bo Ek', platformUserId: 'U_BO', roles: ['ledamot'] });
    // Once only.
    expect(data(await confirm(requestId)).text).toBe(format(sv.regional.dataRights.alreadyDone, { date: formatDateTime(clock.now(), 'Europe/Stockholm', 'sv') }));
  });

  it('refuses a confirmation after 24 hours, and one from another workspace', async () => {
    const requestId = data(await command('personuppgifter anonymisera Bo Ek')).requestId!;
    const otherKansli = await store.members.findByPlatformUser(scenario.groups.otherWorkspace.id, 'slack', 'U_OTHER');
    await store.members.update(otherKansli!.id, { roles: ['kansli'] });
    expect(data(await confirm(requestId, regionChannels.otherWorkspace, regionPeople.otherWorkspaceChair)).text).toBe(sv.regional.notAllowed);
    // Another kansli admin of the same workspace cannot confirm it: the log names who asked.
    const colleague = { ...regionPeople.kansli, userId: 'U_KANSLI2', displayName: 'Kim Kansli' };
    await bot.handle({ type: 'command', command: 'plan', text: 'plan', channel: regionChannels.kansli, actor: colleague });
    expect(data(await confirm(requestId, regionChannels.kansli, colleague)).text).toBe(format(sv.regional.dataRights.onlyRequester, { name: 'Karin Kansli' }));
    clock.advance(24 * 3_600_000 + 1);
    expect(data(await confirm(requestId)).text).toBe(sv.regional.dataRights.expired);
    expect((await store.members.get(scenario.members.bo.id))!.displayName).toBe('Bo Ek');
  });
});

describe('deleting one person', () => {
  it('also removes what was only theirs, keeps closed votes and the group’s reports, and leaves the other workspace alone', async () => {
    const reply = await command('personuppgifter radera Bo Ek');
    expect(data(reply)).toMatchObject({ title: 'Radera Bo Ek?', text: sv.regional.dataRights.confirmText.delete });
    const done = await confirm(data(reply).requestId!);
    expect(data(done).counts).toContain('Utkast: 1');
    expect(await store.formDrafts.get(ids.draft)).toBeNull();
    expect(await store.homeworkAnswers.get(ids.answer)).toBeNull();
    expect(await store.evaluations.get(ids.evaluation)).toBeNull();
    expect(await store.ballots.get(ids.openBallot)).toBeNull();
    expect(await store.ballots.get(ids.closedBallot)).not.toBeNull();
    expect(await store.members.get(scenario.members.bo.id)).toMatchObject({ organisationId: null, roles: [] });
    expect(await store.progressReports.list({ assignmentId: scenario.assignments.lys1.id })).toHaveLength(1);
    expect(await store.proposals.get(ids.proposal)).not.toBeNull();
    expect(await store.evaluations.get(ids.otherEvaluation)).not.toBeNull();
    expect(await store.formDrafts.get(ids.otherDraft)).not.toBeNull();
    expect((await store.dataRightsRequests.list())[0]).toMatchObject({ action: 'delete', status: 'done', counts: expect.objectContaining({ members: 2, ballots: 1, formDrafts: 1, homeworkAnswers: 1, evaluations: 1 }) });
  });
});

describe('names typed as free text, the archive, and the requests a person made', () => {
  it('exports the delmål and tasks naming the person, the archived text they wrote or that names them, and their own requests', async () => {
    const seeded = await seedBoFreeText(store, scenario);
    const found = await collectPersonalData(store, T111, 'U_BO');
    expect(found.implementationPlans).toEqual([{ id: seeded.plan.id, assignmentId: scenario.assignments.udd1.id, subGoals: [seeded.plan.subGoals[0]], tasks: [seeded.plan.tasks[0]] }]);
    expect(found.archivedTexts).toEqual([
      {
        id: seeded.archive.id,
        assignmentId: scenario.assignments.uddClosed.id,
        closedAt: seeded.archive.closedAt,
        texts: {
          progressReports: seeded.archive.texts.progressReports,
          finalReports: seeded.archive.texts.finalReports,
          implementationPlan: seeded.archive.texts.implementationPlan,
          followUps: [],
        },
      },
    ]);
    expect(found.dataRightsRequests).toEqual([seeded.requestByBo]);
    expect(countPersonalData(found)).toMatchObject({ implementationPlans: 1, archivedTexts: 1, dataRightsRequests: 1 });
    expect(JSON.stringify(found)).not.toContain(seeded.otherArchive.id);
  });

  it.each(['anonymisera', 'radera'])('%s: replaces the person in owner/who fields, the archive and the requests they made, and nowhere else', async (word) => {
    const seeded = await seedBoFreeText(store, scenario);
    const requestId = data(await command(`personuppgifter ${word} Bo Ek`)).requestId!;
    const done = await confirm(requestId);
    expect(data(done).counts).toContain(`${sv.regional.dataRights.kinds.implementationPlans}: 1`);
    expect(data(done).counts).toContain(`${sv.regional.dataRights.kinds.archivedTexts}: 1`);
    const placeholder = (await store.dataRightsRequests.get(requestId))!.subjectName;
    const plan = (await store.implementationPlans.get(seeded.plan.id))!;
    expect(plan.subGoals.map((goal) => goal.owner)).toEqual([placeholder, 'Anna Ordförande']);
    expect(plan.tasks.map((task) => task.who)).toEqual([`${placeholder} och Anna Ordförande`, 'Kommunens samordnare']);
    expect(plan.subGoals.map((goal) => goal.title)).toEqual(['Delmål sg1', 'Delmål sg2']);
    const archive = (await store.archivedTexts.get(seeded.archive.id))!;
    expect(JSON.stringify(archive)).not.toContain('Bo Ek');
    expect(archive.texts).toEqual({
      ...seeded.archive.texts,
      finalReports: [{ ...seeded.archive.texts.finalReports[0]!, goalMetHow: `${placeholder} ledde utbildningsdagen` }],
      implementationPlan: { ...seeded.archive.texts.implementationPlan!, subGoals: [{ ...seeded.archive.texts.implementationPlan!.subGoals[0]!, owner: placeholder }] },
    });
    expect(await store.dataRightsRequests.get(seeded.requestByBo.id)).toMatchObject({ requestedByName: placeholder, subjectName: 'Anna Ordförande', subjectUserId: 'U_CHAIR' });
    expect(await store.archivedTexts.get(seeded.otherArchive.id)).toEqual(seeded.otherArchive);
    expect(JSON.stringify(await collectPersonalData(store, T111, 'U_BO'))).not.toContain('Bo Ek');
  });

  it('gives every anonymised person a placeholder of their own', async () => {
    const anonymise = async (who: string) => {
      const requestId = data(await command(`personuppgifter anonymisera ${who}`)).requestId!;
      clock.advance(1000);
      await confirm(requestId);
      return (await store.dataRightsRequests.get(requestId))!.subjectName;
    };
    const bo = await anonymise('Bo Ek');
    const anna = await anonymise('Anna Ordförande');
    expect(bo).not.toBe(anna);
    expect(await store.members.get(scenario.members.bo.id)).toMatchObject({ displayName: bo });
    expect(await store.members.get(scenario.members.chair.id)).toMatchObject({ displayName: anna });
  });
});
