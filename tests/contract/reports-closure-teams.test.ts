// Contract test of steps 6 and 8 and hemuppgifter on Teams: the REAL server and SQLite store, driven with
// Teams-shaped activities; each person's own form opens in their personal chat. The slutrapport (card → Action.Execute → the chair's "Godkänn" → the assignment
// closed and the kansli's copy in the outbox), the utvärdering (a personnummer re-renders the card with the
// error and everything typed; a valid one is stored; the compiled card) and a hemuppgift (the chair sends
// it, a member answers through "Svara", the chair gets the summary per question).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Assignment, Group } from '../../src/core/domain.js';
import { replyFromPayload } from '../../src/core/delivery.js';
import { format } from '../../src/i18n/index.js';
import { sv } from '../../src/i18n/sv.js';
import { fixedClock } from '../support/fixed-clock.js';
import { collectCardTexts } from '../support/fake-bot-connector.js';
import { botInstalled, CHAIR, MEMBER, TENANT_ID, teamChannel, type TeamsUser } from '../support/teams-activities.js';
import { byVerb, field, inputsById, startTeamsHarness, type TeamsHarness } from '../support/teams-harness.js';
import { addAssignment, addMember, VALID_FINAL } from '../support/report-fixtures.js';

const CONVENER: TeamsUser = { id: '29:1cilla', name: 'Cilla Sammankallande', aadObjectId: 'aad-cilla-0003' };
// The kansli channel of the test region file (tests/fixtures/region.test.yaml).
const office = teamChannel({ id: '19:kansli@thread.tacv2', teamName: 'Kansliet Vårdsamverkan' });

let teams: TeamsHarness;
let group: Group;
let assignment: Assignment;

beforeAll(async () => {
  teams = await startTeamsHarness({ name: 'reports-closure-teams', channel: teamChannel({ teamName: 'Samverkan Uddevalla' }), clock: fixedClock('2026-11-25T09:00:00Z') });
  [group] = (await teams.store.groups.list()) as [Group];
  // Anna chairs the group (as the members card would have set it).
  await addMember(teams.store, group.id, { platform: 'teams', tenantId: TENANT_ID, userId: CHAIR.aadObjectId, displayName: CHAIR.name, roles: ['ordforande'] });
  const convener = await addMember(teams.store, group.id, { platform: 'teams', tenantId: TENANT_ID, userId: CONVENER.aadObjectId, displayName: CONVENER.name, roles: ['sammankallande'] });
  ({ assignment } = await addAssignment(teams.store, group.id, { convener }));
  // The bot is in the kansli's channel too, and the group's settings name it.
  expect((await teams.post(botInstalled(office, teams.connector.serviceUrl, { id: '29:1kim', name: 'Kim Kansli', aadObjectId: 'aad-kim-0009' }))).status).toBe(200);
  await teams.store.groups.update(group.id, { officeChannelId: office.id });
});

afterAll(() => teams?.close());

describe('slutrapport on Teams', () => {
  it('is submitted on the card, accepted by the chair, and queued for the kansli channel', async () => {
    // The convener's own form: in their personal chat, the channel gets one neutral line.
    const form = await teams.askPrivately('rapport slutrapport', CONVENER, sv.notice.formSentPrivately);
    expect(Object.keys(inputsById(form))).toEqual(['goalMet', 'goalMetHow', 'addedValue', 'resultsJoint', 'resultsPerParty']);
    teams.connector.clear();
    const submitted = await teams.pressPrivately(byVerb(form, 'final-report'), VALID_FINAL, CONVENER);
    // The group sees the slutrapport come in, as a new message in its channel.
    expect(teams.channelPosts().map((posted) => collectCardTexts(posted.activity.attachments![0]!.content))).toEqual([collectCardTexts(submitted)]);
    expect(collectCardTexts(submitted)).toEqual(expect.arrayContaining(['Slutrapport: SIP-rutin för barn och unga', VALID_FINAL.addedValue, sv.reports.final.pendingNote]));
    expect((await teams.store.assignments.get(assignment.id))!.status).toBe('slutrapporterat');

    // The convener cannot accept; the chair can.
    const refused = await teams.pressForPresser(byVerb(submitted, 'accept-final-report'), {}, CONVENER);
    expect(refused).toBe(format(sv.reports.access.chairOnly, { chairNames: 'Anna Ordförande' }));
    const accepted = await teams.press(byVerb(submitted, 'accept-final-report'), {}, CHAIR);
    expect(collectCardTexts(accepted)[0]).toBe(`${format(sv.reports.final.accepted, { title: assignment.title, name: 'Anna Ordförande' })} ${sv.reports.final.sentToOffice}`);
    expect(byVerb(accepted, 'open-evaluation').title).toBe(sv.reports.buttons.fillInEvaluation);
    expect((await teams.store.assignments.get(assignment.id))!.status).toBe('avslutat');

    const officeLink = await teams.store.channels.findByAddress('teams', TENANT_ID, office.id);
    const [message] = (await teams.store.outbox.list({ kind: 'final-report' })) as any[];
    expect(message).toMatchObject({ channelLinkId: officeLink!.id, status: 'pending' });
    expect(replyFromPayload(message.payload)).toMatchObject({ card: 'final-report-view', data: { canAccept: false, title: `För kännedom: slutrapport från ${group.name}` } });
  });
});

describe('utvärdering on Teams', () => {
  const EVALUATION = { learnedChildrenAndYouth: 'Tidiga insatser i skolan når fler.', learnedAdults: '', learnedPrevention: 'Föräldrastöd förebygger.', learnedCollaboration: 'Vi ringer varandra nu.' };

  it('re-renders the card with the personnummer error and everything typed; a valid one is stored and compiled', async () => {
    const form = await teams.askPrivately('utvärdering', MEMBER, sv.notice.formSentPrivately);
    expect(Object.keys(inputsById(form))).toEqual(['learnedChildrenAndYouth', 'learnedAdults', 'learnedPrevention', 'learnedCollaboration']);
    const typed = { ...EVALUATION, learnedAdults: 'Han med 19121212-1212' };
    const refused = await teams.pressPrivately(byVerb(form, 'evaluation'), typed, MEMBER);
    expect(field(refused, 'learnedAdults')).toMatchObject({
      input: { value: typed.learnedAdults },
      errors: [format(sv.reports.errors.identityNumber, { field: sv.reports.evaluation.learnedAdults })],
    });
    expect(field(refused, 'learnedPrevention').input.value).toBe(EVALUATION.learnedPrevention);
    expect(await teams.store.evaluations.list({ groupId: group.id })).toEqual([]);

    const saved = await teams.pressPrivately(byVerb(refused, 'evaluation'), EVALUATION, MEMBER);
    expect(collectCardTexts(saved)).toEqual(expect.arrayContaining([format(sv.reports.evaluation.saved, { name: 'Bo Ledamot', year: 2026 }), `Bo Ledamot: ${EVALUATION.learnedCollaboration}`]));
    const bo = await teams.store.members.findByPlatformUser(group.id, 'teams', MEMBER.aadObjectId);
    expect(await teams.store.evaluations.list({ groupId: group.id })).toMatchObject([{ year: 2026, authorMemberId: bo!.id, ...EVALUATION }]);
    expect(await teams.store.formDrafts.list({ form: 'evaluation' })).toEqual([]);

    const compiled = await teams.say('utvärdering visa', CHAIR);
    expect(collectCardTexts(compiled)).toEqual(
      expect.arrayContaining([format(sv.reports.evaluation.summaryTitle, { year: 2026, groupName: group.name }), sv.reports.evaluation.learnedPrevention, `Bo Ledamot: ${EVALUATION.learnedPrevention}`]),
    );
  });
});

describe('hemuppgift on Teams', () => {
  it('the chair sends it, a member answers through "Svara", and the chair gets the summary per question', async () => {
    const members = await teams.say('hemuppgift', MEMBER);
    expect(collectCardTexts(members)[0]).toBe(sv.reports.homework.none);
    const refusedToMember = await teams.pressForPresser(byVerb(members, 'open-new-homework'), {}, MEMBER);
    expect(refusedToMember).toBe(format(sv.reports.homework.chairOnly, { chairNames: 'Anna Ordförande' }));

    const form = await teams.say('hemuppgift ny', CHAIR);
    const bad = await teams.press(byVerb(form, 'new-homework'), { title: '', questions: 'En fråga', deadline: '2026-12-04' }, CHAIR);
    expect(field(bad, 'title').errors).toEqual([format(sv.reports.errors.required, { field: sv.reports.homework.titleField })]);
    expect(field(bad, 'questions').input.value).toBe('En fråga');
    const card = await teams.press(byVerb(bad, 'new-homework'), { title: 'Samla synpunkter', questions: 'Vilka verksamheter har ni frågat?\nVad saknas i utkastet?', deadline: '2026-12-04' }, CHAIR);
    expect(collectCardTexts(card)).toEqual(expect.arrayContaining([format(sv.reports.homework.sent, { chair: 'Anna Ordförande', title: 'Samla synpunkter', deadline: '4 december 2026' })]));
    const [homework] = await teams.store.homework.list({ groupId: group.id });

    const answerForm = await teams.openPrivately(byVerb(card, 'answer-homework'), MEMBER);
    expect(Object.keys(inputsById(answerForm))).toEqual(['answer_0', 'answer_1']);
    const refused = await teams.pressPrivately(byVerb(answerForm, 'homework-answer'), { answer_0: 'BUP', answer_1: 'Fallet 121212-1212' }, MEMBER);
    // The answer fields are repeated per question (nested in containers): the error follows its field.
    const texts = collectCardTexts(refused);
    expect(texts.indexOf(format(sv.reports.errors.identityNumber, { field: 'Fråga 2: Vad saknas i utkastet?' }))).toBe(texts.indexOf('Fråga 2: Vad saknas i utkastet?') + 1);
    expect(inputsById(refused).answer_0.value).toBe('BUP');
    expect(inputsById(refused).answer_1.value).toBe('Fallet 121212-1212');
    const saved = await teams.pressPrivately(byVerb(refused, 'homework-answer'), { answer_0: 'BUP och elevhälsan', answer_1: 'Exempel' }, MEMBER);
    expect(collectCardTexts(saved)[0]).toBe(format(sv.reports.homework.answerSaved, { name: 'Bo Ledamot', title: 'Samla synpunkter', deadline: '4 december 2026' }));
    expect(await teams.store.homeworkAnswers.list({ homeworkId: homework!.id })).toMatchObject([{ answers: ['BUP och elevhälsan', 'Exempel'] }]);

    const summary = await teams.press(byVerb(saved, 'show-homework-summary'), {}, CHAIR);
    expect(collectCardTexts(summary)).toEqual([
      format(sv.reports.homework.summaryTitle, { title: 'Samla synpunkter' }),
      format(sv.reports.homework.summaryIntro, { answered: 1, memberCount: 3, deadline: '4 december 2026' }),
      'Fråga 1: Vilka verksamheter har ni frågat?',
      'Bo Ledamot: BUP och elevhälsan',
      'Fråga 2: Vad saknas i utkastet?',
      'Bo Ledamot: Exempel',
    ]);
  });
});
