// Contract test of steps 6 and 8 and hemuppgifter on Slack: the REAL server and SQLite store, signed
// requests as Slack sends them, a fake Slack Web API. The slutrapport (modal → submitted → the chair's
// "Godkänn" → the assignment closed and the kansli's copy in the outbox), the utvärdering (a personnummer
// keeps the modal open with the error, a valid one is stored, the compiled card is posted) and a hemuppgift
// (the chair sends it, a member answers through "Svara", the chair gets the summary per question).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Assignment, Group } from '../../src/core/domain.js';
import { format } from '../../src/i18n/index.js';
import { sv } from '../../src/i18n/sv.js';
import { replyFromPayload } from '../../src/core/delivery.js';
import { fixedClock } from '../support/fixed-clock.js';
import { visibleBlockTexts as words } from '../support/slack-requests.js';
import { ANNA_ORDFORANDE, blockButton, datePicked, radioPicked, startSlackHarness, textInput, type SlackHarness } from '../support/slack-harness.js';
import { addAssignment, addMember, VALID_FINAL } from '../support/report-fixtures.js';

const TEAM = 'T111';
const CHAIR = 'U0CHAIR';
const CONVENER = 'U0CILLA';
const MEMBER = 'U0BO';
const OFFICE = 'C0KANSLI';

let slack: SlackHarness;
let group: Group;
let assignment: Assignment;

beforeAll(async () => {
  slack = await startSlackHarness({
    name: 'reports-closure-slack',
    teamId: TEAM,
    users: {
      [CHAIR]: ANNA_ORDFORANDE,
      [CONVENER]: { name: 'cilla', displayName: 'Cilla Sammankallande', realName: 'Cilla Berg' },
      [MEMBER]: { name: 'bo', displayName: 'Bo Ledamot', realName: 'Bo Ek' },
    },
    clock: fixedClock('2026-11-25T09:00:00Z'),
  });
  await slack.addBotToChannel(CHAIR);
  [group] = (await slack.store.groups.list()) as [Group];
  const convener = await addMember(slack.store, group.id, { userId: CONVENER, tenantId: TEAM, displayName: 'Cilla Sammankallande', roles: ['sammankallande'] });
  ({ assignment } = await addAssignment(slack.store, group.id, { convener }));
  // The kansli's channel: the bot was invited there too, and the settings name it.
  slack.fake.channels.set(OFFICE, 'kansliet');
  await slack.addBotToChannel('U0KIM', OFFICE);
  await slack.store.groups.update(group.id, { officeChannelId: OFFICE });
});

afterAll(() => slack?.close());

const opened = async (text: string, user: string, command = '/samverkan') =>
  (await slack.next('views.open', () => slack.send(slack.command(text, user, { command })))).body.view as Record<string, any>;
const inputIds = (view: Record<string, any>) => view.blocks.filter((block: any) => block.type === 'input').map((block: any) => block.block_id);

describe('slutrapport on Slack', () => {
  it('is submitted in a modal, accepted by the chair, and queued for the kansli channel', async () => {
    const view = await opened('slutrapport', CONVENER, '/rapport');
    expect(view).toMatchObject({ callback_id: 'final-report', title: { text: sv.reports.final.modalTitle } });
    expect(inputIds(view)).toEqual(['goalMet', 'goalMetHow', 'addedValue', 'resultsJoint', 'resultsPerParty']);

    const values = {
      goalMet: radioPicked(VALID_FINAL.goalMet!),
      goalMetHow: textInput(VALID_FINAL.goalMetHow!),
      addedValue: textInput(VALID_FINAL.addedValue!),
      resultsJoint: textInput(VALID_FINAL.resultsJoint!),
      resultsPerParty: textInput(VALID_FINAL.resultsPerParty!),
    };
    const posted = await slack.next('chat.postMessage', () => slack.send(slack.submitView(view, values, CONVENER)));
    expect(words(posted.body.blocks)).toEqual(expect.arrayContaining(['Slutrapport: SIP-rutin för barn och unga', VALID_FINAL.addedValue, `*${sv.reports.final.pendingNote}*`]));
    expect((await slack.store.assignments.get(assignment.id))!.status).toBe('slutrapporterat');

    const accept = blockButton(posted.body.blocks, sv.reports.buttons.accept);
    const acceptedCard = await slack.next('chat.postMessage', () => slack.send(slack.click(accept, CHAIR)));
    expect(words(acceptedCard.body.blocks)).toEqual(expect.arrayContaining([`${format(sv.reports.final.accepted, { title: assignment.title, name: 'Anna Ordförande' })} ${sv.reports.final.sentToOffice}`]));
    expect(words(acceptedCard.body.blocks)).toContain(sv.reports.buttons.fillInEvaluation);
    expect((await slack.store.assignments.get(assignment.id))!.status).toBe('avslutat');

    const office = await slack.store.channels.findByAddress('slack', TEAM, OFFICE);
    const [message] = (await slack.store.outbox.list({ kind: 'final-report' })) as any[];
    expect(message).toMatchObject({ channelLinkId: office!.id, status: 'pending' });
    expect(replyFromPayload(message.payload)).toMatchObject({ card: 'final-report-view', data: { canAccept: false, title: `För kännedom: slutrapport från ${group.name}` } });
  });
});

describe('utvärdering on Slack', () => {
  const EVALUATION = { learnedChildrenAndYouth: 'Tidiga insatser i skolan når fler.', learnedAdults: '', learnedPrevention: 'Föräldrastöd förebygger.', learnedCollaboration: 'Vi ringer varandra nu.' };
  const state = (values: Record<string, string>) => Object.fromEntries(Object.entries(values).map(([id, value]) => [id, textInput(value || null)]));

  it('keeps the modal open with the personnummer error and stores nothing but a masked draft', async () => {
    const view = await opened('utvärdering', MEMBER);
    expect(view).toMatchObject({ callback_id: 'evaluation', notify_on_close: true, title: { text: sv.reports.evaluation.modalTitle } });
    expect(inputIds(view)).toEqual(['learnedChildrenAndYouth', 'learnedAdults', 'learnedPrevention', 'learnedCollaboration']);
    const answer = await slack.send(slack.submitView(view, state({ ...EVALUATION, learnedAdults: 'Han med 19121212-1212' }), MEMBER));
    expect(answer.json).toEqual({ response_action: 'errors', errors: { learnedAdults: format(sv.reports.errors.identityNumber, { field: sv.reports.evaluation.learnedAdults }) } });
    expect(await slack.store.evaluations.list({ groupId: group.id })).toEqual([]);
    const [draft] = await slack.store.formDrafts.list({ form: 'evaluation' });
    expect(draft!.values.learnedAdults).toBe('Han med XXXXXXXX-XXXX');
  });

  it('stores a valid evaluation and posts the compiled card; `utvärdering visa` compiles it again', async () => {
    const view = await opened('utvärdering', MEMBER);
    // The reopened modal continues the draft.
    expect(view.blocks.find((block: any) => block.block_id === 'learnedPrevention').element.initial_value).toBe(EVALUATION.learnedPrevention);
    const posted = await slack.next('chat.postMessage', () => slack.send(slack.submitView(view, state(EVALUATION), MEMBER)));
    expect(words(posted.body.blocks)).toEqual(expect.arrayContaining([format(sv.reports.evaluation.saved, { name: 'Bo Ledamot', year: 2026 }), `Bo Ledamot: ${EVALUATION.learnedPrevention}`]));
    const bo = await slack.store.members.findByPlatformUser(group.id, 'slack', MEMBER);
    expect(await slack.store.evaluations.list({ groupId: group.id })).toMatchObject([{ year: 2026, authorMemberId: bo!.id, ...EVALUATION }]);

    const compiled = await slack.next('chat.postMessage', () => slack.send(slack.command('utvärdering visa', CHAIR)));
    expect(words(compiled.body.blocks)).toEqual(
      expect.arrayContaining([format(sv.reports.evaluation.summaryTitle, { year: 2026, groupName: group.name }), `*${sv.reports.evaluation.learnedCollaboration}*`, `Bo Ledamot: ${EVALUATION.learnedCollaboration}`]),
    );
  });
});

describe('hemuppgift on Slack', () => {
  it('the chair sends it, a member answers through "Svara", and the chair gets the summary per question', async () => {
    const view = await opened('hemuppgift ny', CHAIR);
    expect(view).toMatchObject({ callback_id: 'new-homework', title: { text: sv.reports.homework.modalTitle } });
    const refused = await slack.send(slack.submitView(view, { title: textInput('Samla synpunkter'), questions: textInput('a\nb\nc\nd\ne\nf'), deadline: datePicked('2026-12-04') }, CHAIR));
    expect(refused.json).toEqual({ response_action: 'errors', errors: { questions: format(sv.reports.errors.tooManyQuestions, { max: 5, count: 6 }) } });

    const questions = 'Vilka verksamheter har ni frågat?\nVad saknas i utkastet?';
    const card = await slack.next('chat.postMessage', () =>
      slack.send(slack.submitView(view, { title: textInput('Samla synpunkter'), questions: textInput(questions), deadline: datePicked('2026-12-04') }, CHAIR)),
    );
    expect(words(card.body.blocks)).toEqual(expect.arrayContaining([format(sv.reports.homework.sent, { chair: 'Anna Ordförande', title: 'Samla synpunkter', deadline: '4 december 2026' }), 'Fråga 1: Vilka verksamheter har ni frågat?']));
    const [homework] = await slack.store.homework.list({ groupId: group.id });

    const answerView = (await slack.next('views.open', () => slack.send(slack.click(blockButton(card.body.blocks, sv.reports.buttons.answerHomework), MEMBER)))).body.view as Record<string, any>;
    expect(answerView).toMatchObject({ callback_id: 'homework-answer' });
    expect(inputIds(answerView)).toEqual(['answer_0', 'answer_1']);
    const bad = await slack.send(slack.submitView(answerView, { answer_0: textInput('BUP'), answer_1: textInput('Fallet 121212-1212') }, MEMBER));
    expect(bad.json).toEqual({ response_action: 'errors', errors: { answer_1: format(sv.reports.errors.identityNumber, { field: 'Fråga 2: Vad saknas i utkastet?' }) } });
    const saved = await slack.next('chat.postMessage', () => slack.send(slack.submitView(answerView, { answer_0: textInput('BUP och elevhälsan'), answer_1: textInput('Exempel') }, MEMBER)));
    expect(words(saved.body.blocks)).toContain(format(sv.reports.homework.answerSaved, { name: 'Bo Ledamot', title: 'Samla synpunkter', deadline: '4 december 2026' }));
    expect(await slack.store.homeworkAnswers.list({ homeworkId: homework!.id })).toMatchObject([{ answers: ['BUP och elevhälsan', 'Exempel'] }]);

    const summary = await slack.next('chat.postMessage', () => slack.send(slack.click(blockButton(saved.body.blocks, sv.reports.buttons.showHomework), CHAIR)));
    expect(words(summary.body.blocks)).toEqual(
      expect.arrayContaining([format(sv.reports.homework.summaryTitle, { title: 'Samla synpunkter' }), '*Fråga 1: Vilka verksamheter har ni frågat?*', 'Bo Ledamot: BUP och elevhälsan', 'Bo Ledamot: Exempel']),
    );
  });
});
