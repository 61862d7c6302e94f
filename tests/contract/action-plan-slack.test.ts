// Contract test of the local action plan on Slack: one round from proposal to assignment through the REAL
// server and the REAL SQLite store, driven with signed Slack requests; buttons are clicked with the values
// the bot put on its own blocks, modals submitted with the inputs it opened.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../support/fixed-clock.js';
import { visibleBlockTexts as visible } from '../support/slack-requests.js';
import {
  blockButton as button,
  blockButtons,
  datePicked as date,
  multiSelectPicked as options,
  radioPicked as radio,
  selectPicked as option,
  ANNA_ORDFORANDE,
  startSlackHarness,
  textInput as text,
  type SlackHarness,
} from '../support/slack-harness.js';

const CHAIR = 'U0CHAIR';
const MEMBER = 'U0MEMBER';

let slack: SlackHarness;
const clock = fixedClock('2026-09-14T08:00:00Z');

beforeAll(async () => {
  slack = await startSlackHarness({
    name: 'plan-slack',
    users: {
      [CHAIR]: ANNA_ORDFORANDE,
      [MEMBER]: { name: 'cia', displayName: 'Cia Kommun', realName: 'Cia Karlsson' },
    },
    defaultUser: CHAIR,
    env: { SCHEDULER_ENABLED: 'false' },
    clock,
  });
  await slack.addBotToChannel(CHAIR);
});

afterAll(() => slack?.close());

const inputOf = (view: Record<string, any>, id: string) => (view.blocks as Record<string, any>[]).find((b) => b.block_id === id)!;
const optionValue = (view: Record<string, any>, id: string, label: RegExp) =>
  (inputOf(view, id).element.options as { text: { text: string }; value: string }[]).find((o) => label.test(o.text.text))!.value;

describe('the local action plan on Slack over HTTP, proposal to assignment', () => {
  it('walks steps 1–3 as the chair and a member would', async () => {
    // Step 1: the chair starts the analysis; the card asks the channel for proposals.
    const roundModal = (await slack.next('views.open', () => slack.send(slack.command('analys')))).body.view as Record<string, any>;
    expect(roundModal).toMatchObject({ callback_id: 'analysis-round', title: { text: 'Lokal analys' } });
    const analysisCard = await slack.next('chat.postMessage', () => slack.send(slack.submitView(roundModal, { year: text('2027'), proposalDeadline: date('2026-10-02') })), (c) => c.body.channel === slack.place.channelId);
    expect(visible(analysisCard.body.blocks)[0]).toBe('Lokal analys 2027: förslag till utvecklingsområden');

    // The party organisations and who belongs to which (set in the settings and member forms elsewhere).
    const [group] = await slack.store.groups.list();
    const region = await slack.store.organisations.create({ groupId: group!.id, name: 'Region', kind: 'region' });
    const kommun = await slack.store.organisations.create({ groupId: group!.id, name: 'Kommun', kind: 'kommun' });

    // A member proposes through the card's button.
    const proposalModal = (await slack.next('views.open', () => slack.send(slack.click(button(analysisCard.body.blocks, 'Lämna förslag'), MEMBER)))).body.view as Record<string, any>;
    expect(proposalModal.callback_id).toBe('proposal');
    const empty = await slack.send(slack.submitView(proposalModal, { title: text(''), targetGroup: radio('barn_och_unga'), description: text('x'), obstacles: text('') }, MEMBER));
    expect(empty.json).toEqual({ response_action: 'errors', errors: { title: 'Utvecklingsområde (rubrik) måste fyllas i.' } });
    const saved = await slack.next('chat.postMessage', () =>
      slack.send(slack.submitView(proposalModal, { title: text('Fler SIP för unga'), targetGroup: radio('barn_och_unga'), description: text('SIP i tid'), obstacles: text('Oklart vem som kallar') }, MEMBER)),
    );
    expect(visible(saved.body.blocks).join('\n')).toContain('Cia Kommun lämnade förslaget "Fler SIP för unga" (Barn och unga)');
    const members = await slack.store.members.list({ groupId: group!.id });
    const chair = members.find((m) => m.platformUserId === CHAIR)!;
    const cia = members.find((m) => m.platformUserId === MEMBER)!;
    await slack.store.members.update(chair.id, { organisationId: region.id });
    await slack.store.members.update(cia.id, { organisationId: kommun.id });

    // Step 2: the chair opens the vote; the member votes, over the cap first.
    const votingModal = (await slack.next('views.open', () => slack.send(slack.command('prioritering')))).body.view as Record<string, any>;
    expect(votingModal.callback_id).toBe('voting-round');
    const votingOpened = await slack.next('chat.postMessage', () => slack.send(slack.submitView(votingModal, { voteBudget: text('7'), maxVotesPerArea: text('3'), votingDeadline: date('2026-10-20') })));
    // The post names the member who is to vote, as a Slack mention.
    expect(JSON.stringify(votingOpened.body.blocks)).toContain(`<@${MEMBER}>`);
    const prioritisation = await slack.next('chat.postMessage', () => slack.send(slack.command('prioritering', MEMBER)), (c) => c.body.channel === slack.place.channelId);
    const ballot = (await slack.next('views.open', () => slack.send(slack.click(button(prioritisation.body.blocks, 'Rösta'), MEMBER)))).body.view as Record<string, any>;
    const areaInput = (ballot.blocks as Record<string, any>[]).find((b) => b.type === 'input')!;
    expect(areaInput.label.text).toBe('Fler SIP för unga (Barn och unga)');
    const overCap = await slack.send(slack.submitView(ballot, { [areaInput.block_id]: text('4') }, MEMBER));
    expect(overCap.json).toEqual({ response_action: 'errors', errors: { [areaInput.block_id]: '"Fler SIP för unga": högst 3 röster på samma område (du lade 4).' } });
    // A ballot is the voter's own: its confirmation is for them only, not the channel.
    const ballotSaved = await slack.next('chat.postEphemeral', () => slack.send(slack.submitView(ballot, { [areaInput.block_id]: text('3') }, MEMBER)));
    expect(ballotSaved.body.user).toBe(MEMBER);
    expect(visible(ballotSaved.body.blocks).join('\n')).toContain('röstsedel (3 röster av 7 möjliga)');

    // The chair closes the vote and turns the area into an activity tied to the regional plan.
    const open = await slack.next('chat.postMessage', () => slack.send(slack.command('prioritering')), (c) => c.body.channel === slack.place.channelId);
    const closed = await slack.next('chat.postMessage', () => slack.send(slack.click(button(open.body.blocks, 'Avsluta röstningen'))), (c) => c.body.channel === slack.place.channelId);
    expect(visible(closed.body.blocks).join('\n')).toContain('1. Fler SIP för unga (Barn och unga): 3 röster');
    const activityModal = (await slack.next('views.open', () => slack.send(slack.click(button(closed.body.blocks, 'Lägg till aktivitet'))))).body.view as Record<string, any>;
    const area = optionValue(activityModal, 'proposalId', /Fler SIP/);
    const goal = optionValue(activityModal, 'goal', /^SIP1 /);
    const added = await slack.next('chat.postMessage', () =>
      slack.send(slack.submitView(activityModal, { proposalId: option(area), title: text(''), description: text(''), targetGroup: radio('barn_och_unga'), startDate: date('2027-01-15'), endDate: date('2027-12-15'), goal: option(goal), status: option('planerad') })),
    );
    expect(visible(added.body.blocks).join('\n')).toContain('Anna Ordförande lade till aktiviteten "Fler SIP för unga" i handlingsplanen 2027: SIP – samordnad individuell plan, mål SIP1');

    // Step 3: the assignment; a working group without the region is refused, then given.
    const assignmentModal = (await slack.next('views.open', () => slack.send(slack.command('uppdrag')))).body.view as Record<string, any>;
    expect(assignmentModal).toMatchObject({ callback_id: 'assignment', title: { text: 'Nytt uppdrag' } });
    const fields = {
      activityId: option(inputOf(assignmentModal, 'activityId').element.initial_option.value),
      title: text('Arbetsgrupp SIP'),
      startDate: date('2027-02-01'),
      endDate: date('2027-11-30'),
      targetGroupText: text('Barn och unga'),
      purpose: text('Fler SIP i tid'),
      activityText: text('Gemensam SIP-rutin'),
      memberIds: options([cia.id]),
      convenerMemberId: option(cia.id),
      reportingKind: radio('before_each_meeting'),
      reportingWeeks: text(''),
      reportingDates: text(''),
      goal: text('Rutin antagen'),
      resources: text(''),
      finalReportForm: text('Skriftlig'),
    };
    const refused = await slack.send(slack.submitView(assignmentModal, fields));
    expect(refused.json).toEqual({ response_action: 'errors', errors: { memberIds: 'Arbetsgruppen ska ha minst en person från vardera huvudmannen. Saknas: Region.' } });
    const documentCard = await slack.next('chat.postMessage', () => slack.send(slack.submitView(assignmentModal, { ...fields, memberIds: options([chair.id, cia.id]) })), (c) => c.body.channel === slack.place.channelId);
    const shown = visible(documentCard.body.blocks).join('\n');
    expect(shown).toContain('Uppdragshandling: Arbetsgrupp SIP');
    expect(shown).toContain('till arbetsgruppen Anna Ordförande, Cia Kommun. Sammankallande: Cia Kommun.');
    expect(button(documentCard.body.blocks, 'Ladda ned (Word)').url).toMatch(new RegExp(`^${slack.app.url}/exports/assignments/[\\w-]+\\.docx\\?expires=\\d+&signature=`));
    const [assignment] = await slack.store.assignments.list();
    expect(assignment).toMatchObject({ memberIds: [chair.id, cia.id], convenerMemberId: cia.id, reportingForm: { kind: 'before_each_meeting' } });
    expect((await slack.store.members.get(cia.id))!.roles).toContain('sammankallande');

    // The document link serves a real .docx.
    const download = await fetch(button(documentCard.body.blocks, 'Ladda ned (Word)').url);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toContain('wordprocessingml');
    expect(Buffer.from(await download.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');

    // Step 4: the convener keeps the implementation plan entry by entry; the plan card is hers only.
    // The command's private answer goes through its response_url (to the asker only).
    const overview = await slack.next('response_url', () => slack.send(slack.command('genomförandeplan', MEMBER)));
    expect(overview.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(visible(overview.body.blocks)).toEqual(expect.arrayContaining(['Genomförandeplan: Arbetsgrupp SIP', 'Inga delmål ännu.']));
    const goalModal = (await slack.next('views.open', () => slack.send(slack.click(button(overview.body.blocks, 'Lägg till delmål'), MEMBER)))).body.view as Record<string, any>;
    expect(goalModal).toMatchObject({ callback_id: 'sub-goal', title: { text: 'Delmål' }, submit: { text: 'Spara' } });
    expect((goalModal.blocks as Record<string, any>[]).filter((b) => b.type === 'input').map((b) => [b.block_id, b.label.text, b.element.type])).toEqual([
      ['title', 'Delmål', 'plain_text_input'],
      ['owner', 'Ansvarig', 'plain_text_input'],
      ['dueDate', 'Klart senast', 'datepicker'],
    ]);
    const goalErrors = await slack.send(slack.submitView(goalModal, { title: text('Kartläggning klar'), owner: text(''), dueDate: date('2028-02-01') }, MEMBER));
    expect(goalErrors.json).toEqual({
      response_action: 'errors',
      errors: { owner: 'Fyll i "Ansvarig".', dueDate: '"Klart senast" (2028-02-01) ligger efter uppdragets slut (2027-11-30).' },
    });
    const withGoal = await slack.next('chat.postEphemeral', () =>
      slack.send(slack.submitView(goalModal, { title: text('Kartläggning klar'), owner: text('Cia'), dueDate: date('2027-04-30') }, MEMBER)),
    );
    expect(visible(withGoal.body.blocks)).toEqual(
      expect.arrayContaining(['Cia Kommun sparade delmålet "Kartläggning klar".', 'Kartläggning klar · ansvarig: Cia · klart senast 2027-04-30']),
    );
    const editModal = (await slack.next('views.open', () => slack.send(slack.click(button(withGoal.body.blocks, 'Ändra'), MEMBER)))).body.view as Record<string, any>;
    expect(inputOf(editModal, 'owner').element.initial_value).toBe('Cia');
    expect(inputOf(editModal, 'dueDate').element.initial_date).toBe('2027-04-30');
    const edited = await slack.next('chat.postEphemeral', () =>
      slack.send(slack.submitView(editModal, { title: text('Kartläggning klar'), owner: text('Cia och Anna'), dueDate: date('2027-04-30') }, MEMBER)),
    );
    const indicatorModal = (await slack.next('views.open', () => slack.send(slack.click(button(edited.body.blocks, 'Lägg till indikator'), MEMBER)))).body.view as Record<string, any>;
    const notANumber = await slack.send(
      slack.submitView(indicatorModal, { name: text('Andel unga med SIP'), unit: text('procent'), baseline: text('tolv'), target: text('30'), method: text('journaluttag') }, MEMBER),
    );
    expect(notANumber.json).toEqual({ response_action: 'errors', errors: { baseline: '"Utgångsvärde" ska vara ett tal, t.ex. 14 eller 3,5 (du skrev "tolv").' } });
    const withIndicator = await slack.next('chat.postEphemeral', () =>
      slack.send(
        slack.submitView(indicatorModal, { name: text('Andel unga med SIP'), unit: text('procent'), baseline: text('12,5'), target: text('30'), method: text('journaluttag') }, MEMBER),
      ),
    );
    expect(visible(withIndicator.body.blocks)).toContain('Andel unga med SIP (procent): från 12,5 till 30 · mäts genom journaluttag');
    // Removing an entry asks first, in a modal of its own.
    const removeGoal = blockButtons(withIndicator.body.blocks).find((b) => b.text.text === 'Ta bort' && JSON.parse(b.value).kind === 'sub-goal');
    const confirmModal = (await slack.next('views.open', () => slack.send(slack.click(removeGoal, MEMBER)))).body.view as Record<string, any>;
    expect(confirmModal).toMatchObject({ callback_id: 'confirm-removal', title: { text: 'Ta bort' }, submit: { text: 'Ta bort' }, close: { text: 'Avbryt' } });
    expect(visible(confirmModal.blocks)[0]).toBe('Ta bort delmålet "Kartläggning klar"?');
    expect((await slack.store.implementationPlans.list())[0]!.subGoals).toHaveLength(1);
    const afterRemoval = await slack.next('chat.postEphemeral', () => slack.send(slack.submitView(confirmModal, { reason: text('Görs av FoU') }, MEMBER)));
    expect(visible(afterRemoval.body.blocks)).toEqual(expect.arrayContaining(['Cia Kommun tog bort delmålet "Kartläggning klar".', 'Inga delmål ännu.']));
    const [implementation] = await slack.store.implementationPlans.list();
    expect(implementation).toMatchObject({ subGoals: [], indicators: [{ name: 'Andel unga med SIP', baseline: 12.5, target: 30 }] });
    // The chair may not change the convener's plan.
    const notConvener = await slack.next('chat.postEphemeral', () => slack.send(slack.clickAction('open-plan-item', CHAIR, { assignmentId: assignment!.id, kind: 'task' })));
    expect(visible(notConvener.body.blocks)).toEqual(['Bara uppdragets sammankallande (Cia Kommun) kan ändra genomförandeplanen.']);

    // The plan card: Ändra / Ta bort per activity for the chair; an activity with an assignment stays.
    const planCard = await slack.next('chat.postMessage', () => slack.send(slack.command('plan')), (c) => c.body.channel === slack.place.channelId);
    expect(visible(planCard.body.blocks).join('\n')).toContain('Genomförandeplan: 0 delmål, 0 uppgifter, 1 indikator');
    const refusedRemoval = await slack.next('chat.postEphemeral', () => slack.send(slack.click(button(planCard.body.blocks, 'Ta bort'))));
    expect(visible(refusedRemoval.body.blocks)[0]).toBe(
      'Aktiviteten "Fler SIP för unga" kan inte tas bort eftersom uppdraget "Arbetsgrupp SIP" hör till den. Sätt i stället aktivitetens status till "Avbruten" med knappen Ändra.',
    );
    const secondModal = (await slack.next('views.open', () => slack.send(slack.click(button(planCard.body.blocks, 'Lägg till aktivitet'))))).body.view as Record<string, any>;
    // The same activity typed into the add form and, later, its edit form.
    const suicidePrevention = (goal: string, status: string) => ({
      proposalId: option(null),
      title: text('Suicidprevention för vuxna'),
      description: text(''),
      targetGroup: radio('vuxen'),
      startDate: date('2027-03-01'),
      endDate: date('2027-10-31'),
      goal: option(goal),
      status: option(status),
    });
    await slack.next('chat.postMessage', () => slack.send(slack.submitView(secondModal, suicidePrevention(optionValue(secondModal, 'goal', /^KF1 /), 'planerad'))));
    const second = (await slack.store.activities.list()).find((a) => a.title === 'Suicidprevention för vuxna')!;
    const twoActivities = await slack.next('chat.postMessage', () => slack.send(slack.command('plan')), (c) => c.body.channel === slack.place.channelId);
    const ofSecond = (label: string) => blockButtons(twoActivities.body.blocks).find((b) => b.text.text === label && [JSON.parse(b.value).activityId, JSON.parse(b.value).id].includes(second.id));
    const secondEdit = (await slack.next('views.open', () => slack.send(slack.click(ofSecond('Ändra'))))).body.view as Record<string, any>;
    expect(inputOf(secondEdit, 'title').element.initial_value).toBe('Suicidprevention för vuxna');
    expect(inputOf(secondEdit, 'startDate').element.initial_date).toBe('2027-03-01');
    const changed = await slack.next('chat.postMessage', () =>
      slack.send(slack.submitView(secondEdit, suicidePrevention(inputOf(secondEdit, 'goal').element.initial_option.value, 'pagaende'))),
    );
    expect(visible(changed.body.blocks)[0]).toBe('Anna Ordförande ändrade aktiviteten "Suicidprevention för vuxna" i handlingsplanen 2027.');
    // A member clicking the chair's button is refused; the chair confirms in a modal and the channel is told.
    const memberRemoval = await slack.next('chat.postEphemeral', () => slack.send(slack.click(ofSecond('Ta bort'), MEMBER)));
    expect(visible(memberRemoval.body.blocks)[0]).toBe('Bara gruppens ordförande kan göra det här. Kontakta Anna Ordförande.');
    const removeModal = (await slack.next('views.open', () => slack.send(slack.click(ofSecond('Ta bort'))))).body.view as Record<string, any>;
    expect(visible(removeModal.blocks).slice(0, 2)).toEqual([
      'Ta bort aktiviteten "Suicidprevention för vuxna"?',
      'Aktiviteten (Vuxen, 2027-03-01–2027-10-31, Kunskapsutveckling och forskning, KF1) tas bort ur den lokala handlingsplanen 2027. Borttagningen sparas i planens historik med ditt namn och dagens datum.',
    ]);
    const removedNotice = await slack.next('chat.postMessage', () => slack.send(slack.submitView(removeModal, { reason: text('') })), (c) => c.body.channel === slack.place.channelId);
    expect(visible(removedNotice.body.blocks)[0]).toBe('Anna Ordförande tog bort aktiviteten "Suicidprevention för vuxna" ur handlingsplanen 2027.');
    expect(await slack.store.activities.get(second.id)).toBeNull();
    const history = await slack.store.planChanges.list({ groupId: group!.id });
    expect(history.at(-1)).toMatchObject({ action: 'activity-removed', entityId: second.id, memberId: chair.id });
    // The edit set the status only: follow-up, kept in the history, no revision.
    expect(history.at(-2)).toMatchObject({ action: 'activity-followed-up', entityId: second.id, memberId: chair.id });

    // The decision: confirmed in a modal saying what it does, then told to the whole channel.
    const finalPlan = await slack.next('chat.postMessage', () => slack.send(slack.command('plan')), (c) => c.body.channel === slack.place.channelId);
    const decideModal = (await slack.next('views.open', () => slack.send(slack.click(button(finalPlan.body.blocks, 'Besluta planen'))))).body.view as Record<string, any>;
    expect(decideModal).toMatchObject({ callback_id: 'confirm-decision', title: { text: 'Besluta planen' }, submit: { text: 'Besluta' } });
    expect(visible(decideModal.blocks).slice(0, 3)).toEqual([
      'Besluta den lokala handlingsplanen 2027?',
      'Planen har 1 aktivitet och beslutas som version 1. Beslutet sparas med ditt namn och dagens datum.',
      '*Ingen kanslikanal är angiven i inställningarna, så planen skickas inte till kansliet. Kanslikanalen anges under "inställningar".*',
    ]);
    expect((await slack.store.plans.list())[0]!.decidedAt).toBeNull();
    const decidedNotice = await slack.next('chat.postMessage', () => slack.send(slack.submitView(decideModal, { minutes: text('§ 4') })), (c) => c.body.channel === slack.place.channelId);
    expect(visible(decidedNotice.body.blocks)[0]).toContain('Anna Ordförande beslutade den lokala handlingsplanen 2027, version 1 med 1 aktivitet.');
    expect((await slack.store.plans.list())[0]).toMatchObject({ version: 1, decidedByMemberId: chair.id });
  });
});
