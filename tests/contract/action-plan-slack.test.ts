// Contract test of the local action plan on Slack: one round from proposal to assignment through the REAL
// server and the REAL SQLite store, driven with signed Slack requests; buttons are clicked with the values
// the bot put on its own blocks, modals submitted with the inputs it opened.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../support/fixed-clock.js';
import { visibleBlockTexts as visible } from '../support/slack-requests.js';
import {
  blockButton as button,
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
    await slack.next('chat.postMessage', () => slack.send(slack.submitView(votingModal, { voteBudget: text('7'), maxVotesPerArea: text('3'), votingDeadline: date('2026-10-20') })));
    const prioritisation = await slack.next('chat.postMessage', () => slack.send(slack.command('prioritering', MEMBER)), (c) => c.body.channel === slack.place.channelId);
    const ballot = (await slack.next('views.open', () => slack.send(slack.click(button(prioritisation.body.blocks, 'Rösta'), MEMBER)))).body.view as Record<string, any>;
    const areaInput = (ballot.blocks as Record<string, any>[]).find((b) => b.type === 'input')!;
    expect(areaInput.label.text).toBe('Fler SIP för unga (Barn och unga)');
    const overCap = await slack.send(slack.submitView(ballot, { [areaInput.block_id]: text('4') }, MEMBER));
    expect(overCap.json).toEqual({ response_action: 'errors', errors: { [areaInput.block_id]: '"Fler SIP för unga": högst 3 röster på samma område (du lade 4).' } });
    await slack.next('chat.postMessage', () => slack.send(slack.submitView(ballot, { [areaInput.block_id]: text('3') }, MEMBER)));

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
    expect(button(documentCard.body.blocks, 'Ladda ner (Word)').url).toMatch(new RegExp(`^${slack.app.url}/exports/assignments/[\\w-]+\\.docx\\?expires=\\d+&signature=`));
    const [assignment] = await slack.store.assignments.list();
    expect(assignment).toMatchObject({ memberIds: [chair.id, cia.id], convenerMemberId: cia.id, reportingForm: { kind: 'before_each_meeting' } });
    expect((await slack.store.members.get(cia.id))!.roles).toContain('sammankallande');

    // The document link serves a real .docx.
    const download = await fetch(button(documentCard.body.blocks, 'Ladda ner (Word)').url);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toContain('wordprocessingml');
    expect(Buffer.from(await download.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
  });
});
