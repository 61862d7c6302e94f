// Contract test of the local action plan on Teams: one round from proposal to assignment through the REAL
// server and the REAL SQLite store, with Teams-shaped activities over HTTP. Typed commands answer through
// the fake Bot Connector; Action.Execute answers in the invoke response, pressed with the card's own data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectCardTexts, personalConversationId } from '../support/fake-bot-connector.js';
import { sv } from '../../src/i18n/sv.js';
import { fixedClock } from '../support/fixed-clock.js';
import { CHAIR, MEMBER, teamChannel } from '../support/teams-activities.js';
import { byVerb, cardActions, cardOf, cardInputs as inputs, field, inputsById, startTeamsHarness, type TeamsHarness } from '../support/teams-harness.js';

const clock = fixedClock('2026-09-14T08:00:00Z');

let teams: TeamsHarness;

beforeAll(async () => {
  teams = await startTeamsHarness({
    name: 'plan-teams',
    channel: teamChannel({ teamName: 'LSG Lysekil' }),
    roster: [{ ...CHAIR, givenName: 'Anna', surname: 'Ordförande' }],
    env: { SCHEDULER_ENABLED: 'false' },
    clock,
  });
});

afterAll(() => teams?.close());

const texts = (card: unknown) => collectCardTexts(card).join('\n');
/** The first action with that verb and title: cards repeat Ändra / Ta bort per row. */
const actionOf = (card: unknown, verb: string, title: string) => {
  const found = cardActions(card).find((action) => action.verb === verb && action.title === title);
  if (!found) throw new Error(`no ${verb} "${title}"`);
  return found;
};
const choiceValue = (card: unknown, id: string, label: RegExp) =>
  (inputs(card).find((input) => input.id === id)!.choices as { title: string; value: string }[]).find((c) => label.test(c.title))!.value;

describe('the local action plan on Teams over HTTP, proposal to assignment', () => {
  it('walks steps 1–3 as the chair and a member would', async () => {
    // Step 1: "@Samverkansbot analys" gives the chair the form; the answer is the card asking for proposals.
    const roundForm = await teams.say('analys');
    expect(texts(roundForm)).toContain('Starta lokal analys');
    const analysis = await teams.press(byVerb(roundForm, 'analysis-round'), { year: '2027', proposalDeadline: '2026-10-02' });
    expect(texts(analysis)).toContain('Lokal analys 2027: förslag till utvecklingsområden');

    const [group] = await teams.store.groups.list();
    const region = await teams.store.organisations.create({ groupId: group!.id, name: 'Region', kind: 'region' });
    const kommun = await teams.store.organisations.create({ groupId: group!.id, name: 'Kommun', kind: 'kommun' });

    // A proposal is the member's own: the form opens in their personal chat, where they fill it in.
    const proposalForm = await teams.openPrivately(byVerb(analysis, 'open-proposal'), MEMBER);
    const refused = await teams.pressPrivately(byVerb(proposalForm, 'proposal'), { title: 'SIP', targetGroup: '', description: 'Fler SIP' }, MEMBER);
    expect(texts(refused)).toContain('Målgrupp måste fyllas i.');
    expect(inputs(refused).find((input) => input.id === 'title')!.value).toBe('SIP');
    teams.connector.clear();
    const saved = await teams.pressPrivately(byVerb(refused, 'proposal'), { title: 'Fler SIP för unga', targetGroup: 'barn_och_unga', description: 'SIP i tid', obstacles: 'Oklart vem som kallar' }, MEMBER);
    expect(texts(saved)).toContain('Bo Ledamot lämnade förslaget "Fler SIP för unga" (Barn och unga)');
    // The group learns of the proposal in its channel.
    expect(teams.channelPosts().map((posted) => texts(posted.activity.attachments![0]!.content))).toEqual([texts(saved)]);
    const members = await teams.store.members.list({ groupId: group!.id });
    const chair = members.find((m) => m.displayName === CHAIR.name)!;
    const bo = members.find((m) => m.displayName === MEMBER.name)!;
    await teams.store.members.update(chair.id, { organisationId: region.id });
    await teams.store.members.update(bo.id, { organisationId: kommun.id });

    // Step 2: open the vote, a ballot over the budget is refused, then counted; the chair closes.
    const votingForm = await teams.say('prioritering');
    teams.connector.clear();
    await teams.press(byVerb(votingForm, 'voting-round'), { voteBudget: '2', maxVotesPerArea: '2', votingDeadline: '2026-10-20' });
    // The vote opened is posted in the channel and @mentions the member who is to vote (not the chair who opened it).
    const [opened] = teams.channelPosts();
    const openedCard = opened!.activity.attachments![0]!.content as Record<string, any>;
    expect(openedCard.msteams.entities).toEqual([{ type: 'mention', text: `<at>${MEMBER.name}</at>`, mentioned: { id: MEMBER.aadObjectId, name: MEMBER.name } }]);
    expect(texts(openedCard)).toContain(`<at>${MEMBER.name}</at>`);
    const card = await teams.say('prioritering', MEMBER);
    // The ballot opens in the member's personal chat: nobody else sees it or can press "Rösta" on it.
    const ballot = await teams.openPrivately(byVerb(card, 'open-ballot'), MEMBER);
    const area = inputs(ballot)[0]!;
    expect(area.label).toBe('Fler SIP för unga (Barn och unga)');
    const overBudget = await teams.pressPrivately(byVerb(ballot, 'ballot'), { [area.id]: '3' }, MEMBER);
    expect(texts(overBudget)).toContain('"Fler SIP för unga": högst 2 röster på samma område (du lade 3).');
    // A ballot's confirmation is the voter's own: shown in the personal chat, nothing in the channel.
    teams.connector.clear();
    expect(texts(await teams.pressPrivately(byVerb(overBudget, 'ballot'), { [area.id]: '2' }, MEMBER))).toContain('Bo Ledamot har lämnat sin röstsedel (2 röster av 2 möjliga)');
    expect(teams.channelPosts()).toEqual([]);
    const closed = await teams.press(byVerb(await teams.say('prioritering'), 'close-voting'));
    expect(texts(closed)).toContain('1. Fler SIP för unga (Barn och unga): 2 röster');

    const activityForm = await teams.press(byVerb(closed, 'open-activity'));
    const added = await teams.press(byVerb(activityForm, 'activity'), {
      proposalId: choiceValue(activityForm, 'proposalId', /Fler SIP/),
      targetGroup: 'barn_och_unga',
      startDate: '2027-01-15',
      endDate: '2027-12-15',
      goal: choiceValue(activityForm, 'goal', /^SIP1 /),
      status: 'planerad',
    });
    expect(texts(added)).toContain('lade till aktiviteten "Fler SIP för unga" i handlingsplanen 2027');

    // Step 3: the assignment from the plan card's button.
    const plan = await teams.say('plan');
    expect(texts(plan)).toContain('SIP SIP – samordnad individuell plan');
    const assignmentForm = await teams.press(byVerb(plan, 'open-assignment'));
    const values = {
      activityId: inputs(assignmentForm).find((input) => input.id === 'activityId')!.value,
      title: 'Arbetsgrupp SIP',
      startDate: '2027-02-01',
      endDate: '2027-11-30',
      targetGroupText: 'Barn och unga',
      purpose: 'Fler SIP i tid',
      activityText: 'Gemensam SIP-rutin',
      memberIds: `${chair.id},${bo.id}`,
      convenerMemberId: `${chair.id},${bo.id}`,
      reportingKind: 'dates',
      reportingDates: '2027-05-01\n2027-09-01',
      goal: 'Rutin antagen',
      finalReportForm: 'Skriftlig',
    };
    const twoConveners = await teams.press(byVerb(assignmentForm, 'assignment'), values);
    expect(texts(twoConveners)).toContain('Välj exakt en sammankallande.');
    const document = await teams.press(byVerb(twoConveners, 'assignment'), { ...values, convenerMemberId: bo.id });
    expect(texts(document)).toContain('Uppdragshandling: Arbetsgrupp SIP');
    expect(texts(document)).toContain('Former för avrapportering: på datumen 2027-05-01, 2027-09-01');
    const [assignment] = await teams.store.assignments.list();
    expect(assignment).toMatchObject({ convenerMemberId: bo.id, reportingForm: { kind: 'dates', dates: ['2027-05-01', '2027-09-01'] } });

    // Step 4 starts from the same card: the convener's implementation plan, one entry at a time.
    // The convener's working view is theirs: it opens in their private chat, the channel's card stays.
    expect(await teams.pressForPresser(byVerb(document, 'open-implementation-plan'), {}, MEMBER)).toBe(sv.notice.sentPrivately);
    const implementation = cardOf(teams.connector.postsIn(personalConversationId(MEMBER.id))[0]);
    expect(texts(implementation)).toContain('Inga uppgifter ännu.');
    const addTask = cardActions(implementation).find((a) => a.verb === 'open-plan-item' && a.data.kind === 'task')!;
    expect(addTask.title).toBe('Lägg till uppgift');
    const taskForm = await teams.pressPrivately(addTask, {}, MEMBER);
    expect(inputs(taskForm).map((input) => input.id)).toEqual(['who', 'what', 'when']);
    const taskErrors = await teams.pressPrivately(byVerb(taskForm, 'plan-task'), { who: 'Bo och Anna', what: '', when: 'februari–april' }, MEMBER);
    expect(field(taskErrors, 'what').errors).toEqual(['Fyll i "Gör vad".']);
    expect(field(taskErrors, 'who').errors).toEqual([]);
    expect(inputsById(taskErrors).who.value).toBe('Bo och Anna');
    expect(inputsById(taskErrors).when.value).toBe('februari–april');
    const withTask = await teams.pressPrivately(byVerb(taskErrors, 'plan-task'), { who: 'Bo och Anna', what: 'kartlägger SIP 2026', when: 'februari–april' }, MEMBER);
    expect(texts(withTask)).toContain('Bo Ledamot sparade uppgiften "kartlägger SIP 2026".');
    expect(texts(withTask)).toContain('Bo och Anna: kartlägger SIP 2026 · när: februari–april');
    const taskEdit = await teams.pressPrivately(actionOf(withTask, 'open-plan-item', 'Ändra'), {}, MEMBER);
    expect(inputsById(taskEdit).what.value).toBe('kartlägger SIP 2026');
    const edited = await teams.pressPrivately(byVerb(taskEdit, 'plan-task'), { who: 'Bo och Anna', what: 'kartlägger SIP 2025–2026', when: 'februari–april' }, MEMBER);
    expect(texts(edited)).toContain('Bo och Anna: kartlägger SIP 2025–2026 · när: februari–april');
    const confirm = await teams.pressPrivately(actionOf(edited, 'open-removal', 'Ta bort'), {}, MEMBER);
    expect(texts(confirm)).toContain('Ta bort uppgiften "kartlägger SIP 2025–2026"?');
    expect((await teams.store.implementationPlans.list())[0]!.tasks).toHaveLength(1);
    const afterRemoval = await teams.pressPrivately(byVerb(confirm, 'confirm-removal'), { reason: '' }, MEMBER);
    expect(texts(afterRemoval)).toContain('Bo Ledamot tog bort uppgiften "kartlägger SIP 2025–2026".');
    expect((await teams.store.implementationPlans.list())[0]!.tasks).toEqual([]);
    // The whole plan as text still works for a convener pasting it from elsewhere.
    const textForm = await teams.pressPrivately(byVerb(afterRemoval, 'open-implementation-text'), {}, MEMBER);
    const savedPlan = await teams.pressPrivately(byVerb(textForm, 'implementation-plan'), { subGoals: 'Kartläggning klar | Bo | 2027-04-30', tasks: '', indicators: '' }, MEMBER);
    expect(texts(savedPlan)).toContain('Bo Ledamot sparade genomförandeplanen för "Arbetsgrupp SIP"');
    expect(await teams.pressForPresser(byVerb(document, 'open-implementation-plan'), {}, CHAIR)).toContain('Bara uppdragets sammankallande (Bo Ledamot)');
    const changes = await teams.store.planChanges.list({ groupId: group!.id });
    expect(changes.slice(-4).map((c) => [c.action, c.memberId, c.details.change ?? null])).toEqual([
      ['implementation-plan-updated', bo.id, 'added'],
      ['implementation-plan-updated', bo.id, 'updated'],
      ['implementation-plan-updated', bo.id, 'removed'],
      ['implementation-plan-updated', bo.id, null],
    ]);

    // The plan shows the implementation plan; the chair edits and removes activities from it.
    const withPlan = await teams.say('plan');
    expect(texts(withPlan)).toContain('Delmål: Kartläggning klar, Bo, senast 2027-04-30');
    expect(texts(withPlan)).toContain('Uppdrag: Arbetsgrupp SIP · 2027-02-01–2027-11-30 · sammankallande Bo Ledamot · pågående');
    expect(await teams.pressForPresser(actionOf(withPlan, 'open-removal', 'Ta bort'))).toContain(
      'Aktiviteten "Fler SIP för unga" kan inte tas bort eftersom uppdraget "Arbetsgrupp SIP" hör till den.',
    );
    const secondForm = await teams.press(actionOf(withPlan, 'open-activity', 'Lägg till aktivitet'));
    await teams.press(byVerb(secondForm, 'activity'), {
      title: 'Suicidprevention för vuxna',
      targetGroup: 'vuxen',
      startDate: '2027-03-01',
      endDate: '2027-10-31',
      goal: choiceValue(secondForm, 'goal', /^KF1 /),
      status: 'planerad',
    });
    const second = (await teams.store.activities.list()).find((a) => a.title === 'Suicidprevention för vuxna')!;
    const planAgain = await teams.say('plan');
    const forSecond = (verb: string) => cardActions(planAgain).find((a) => a.verb === verb && (a.data.activityId ?? a.data.id) === second.id)!;
    const editForm = await teams.press(forSecond('open-activity'));
    expect(inputsById(editForm)).toMatchObject({ title: { value: 'Suicidprevention för vuxna' }, startDate: { value: '2027-03-01' }, status: { value: 'planerad' } });
    const typed = Object.fromEntries(inputs(editForm).map((input) => [input.id, String(input.value ?? '')]));
    expect(texts(await teams.press(byVerb(editForm, 'activity'), { ...typed, status: 'avbruten' }))).toContain(
      'Anna Ordförande ändrade aktiviteten "Suicidprevention för vuxna" i handlingsplanen 2027.',
    );
    expect((await teams.store.activities.get(second.id))!.status).toBe('avbruten');
    // Members see no such buttons, and pressing the chair's is refused.
    expect(cardActions(await teams.say('plan', MEMBER)).filter((a) => a.verb === 'open-removal')).toEqual([]);
    expect(await teams.pressForPresser(forSecond('open-removal'), {}, MEMBER)).toContain('Bara gruppens ordförande kan göra det här.');
    const removal = await teams.press(forSecond('open-removal'));
    expect(texts(removal)).toContain('Ta bort aktiviteten "Suicidprevention för vuxna"?');
    expect(await teams.store.activities.get(second.id)).not.toBeNull();
    const removed = await teams.press(byVerb(removal, 'confirm-removal'), { reason: 'Ryms inte i år' });
    expect(texts(removed)).toBe('Anna Ordförande tog bort aktiviteten "Suicidprevention för vuxna" ur handlingsplanen 2027.');
    expect(await teams.store.activities.get(second.id)).toBeNull();
    expect((await teams.store.planChanges.list({ groupId: group!.id })).at(-1)).toMatchObject({
      action: 'activity-removed',
      memberId: chair.id,
      details: { title: 'Suicidprevention för vuxna', reason: 'Ryms inte i år' },
    });

    // The decision is confirmed on a card of its own before it is recorded.
    const confirmDecision = await teams.press(byVerb(await teams.say('plan'), 'decide-plan'));
    expect(texts(confirmDecision)).toContain('Besluta den lokala handlingsplanen 2027?');
    expect((await teams.store.plans.list())[0]!.decidedAt).toBeNull();
    const decided = await teams.press(byVerb(confirmDecision, 'confirm-decision'), { minutes: '§ 4' });
    expect(texts(decided)).toContain('Anna Ordförande beslutade den lokala handlingsplanen 2027, version 1 med 1 aktivitet.');
    expect((await teams.store.planChanges.list({ groupId: group!.id })).at(-1)).toMatchObject({ action: 'plan-decided', memberId: chair.id, details: { minutes: '§ 4' } });
  });
});
