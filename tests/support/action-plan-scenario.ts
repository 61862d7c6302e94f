// One round of the local action plan, steps 1–4, driven through the real bot: the core tests check its
// rules on it and the card tests render every reply it gives. The regional plan is the shipped sample.
import type { Locale } from '../../src/core/domain.js';
import { createBot } from '../../src/core/bot.js';
import type { InboundEvent, Reply } from '../../src/core/events.js';
import type { Store } from '../../src/core/ports.js';
import type { RegionalPlan } from '../../src/core/regional-plan.js';
import { SAMPLE_REGIONAL_PLAN_FILE } from '../../src/config.js';
import { catalog } from '../../src/i18n/index.js';
import { loadRegionalPlan } from '../../src/regional-plan-file.js';
import { createInMemoryStore } from './in-memory-store.js';
import { fixedClock } from './fixed-clock.js';
import { actor, slackChannel } from './events.js';
import { testRegion } from './test-region.js';

export const sampleRegionalPlan = (): RegionalPlan => loadRegionalPlan(SAMPLE_REGIONAL_PLAN_FILE, catalog('sv'));

export const people = {
  chair: actor(),
  region: actor({ userId: 'U_REGION', displayName: 'Bo Region' }),
  kommun: actor({ userId: 'U_KOMMUN', displayName: 'Cia Kommun' }),
};

export function actionPlanBot(locale: Locale = 'sv', activityLimit = 8) {
  const clock = fixedClock('2026-09-14T08:00:00Z');
  const store = createInMemoryStore(clock.now);
  const bot = createBot({ region: testRegion(),
    store,
    clock,
    defaults: { locale, timeZone: 'Europe/Stockholm' },
    actionPlan: { regionalPlan: sampleRegionalPlan(), activityLimit },
    links: {
      meetingsCalendar: (groupId) => `https://samverkan.example.se/exports/meetings/${groupId}.ics?signature=x`,
      actionPlan: (groupId, year, format) => `https://samverkan.example.se/exports/plans/${groupId}/${year}.${format}?signature=x`,
      assignment: (assignmentId, format) => `https://samverkan.example.se/exports/assignments/${assignmentId}.${format}?signature=x`,
    },
  });
  const channel = slackChannel();
  const replies: { name: string; reply: Reply }[] = [];
  const send = async (name: string, who: keyof typeof people, event: Omit<InboundEvent, 'channel' | 'actor'>): Promise<Reply> => {
    const reply = await bot.handle({ ...event, channel, actor: people[who] } as InboundEvent);
    replies.push({ name, reply });
    return reply;
  };
  return { clock, store, bot, channel, replies, send };
}

/** The group, its two party organisations and three members: the chair (region), Bo (region), Cia (kommun). */
export async function seedGroup(send: ReturnType<typeof actionPlanBot>['send'], store: Store) {
  await send('welcome', 'chair', { type: 'bot-added' } as never);
  await send('settings saved', 'chair', {
    type: 'form-submitted',
    form: 'settings',
    values: { groupName: 'LSG Uddevalla', organisations: 'region,kommun', otherOrganisations: '', officeChannelId: 'C0KANSLI' },
  } as never);
  await send('plan (empty)', 'region', { type: 'command', command: 'plan', text: 'plan' } as never);
  await send('plan (empty)', 'kommun', { type: 'command', command: 'plan', text: 'plan' } as never);
  const [group] = await store.groups.list();
  const organisations = await store.organisations.list({ groupId: group!.id });
  const byKind = (kind: string) => organisations.find((o) => o.kind === kind)!.id;
  const members = await store.members.list({ groupId: group!.id });
  const member = (userId: string) => members.find((m) => m.platformUserId === userId)!;
  await store.members.update(member(people.chair.userId).id, { organisationId: byKind('region') });
  await store.members.update(member(people.region.userId).id, { organisationId: byKind('region') });
  await store.members.update(member(people.kommun.userId).id, { organisationId: byKind('kommun') });
  return { group: group!, chair: member(people.chair.userId), bo: member(people.region.userId), cia: member(people.kommun.userId) };
}

/** Steps 1–4 end to end with one bad submission per form, as a chair and two members would do them. */
export async function runActionPlanScenario(locale: Locale = 'sv') {
  const world = actionPlanBot(locale);
  const { send, store } = world;
  const seeded = await seedGroup(send, store);

  // Step 1: the chair opens the round, members propose.
  await send('analysis-round form', 'chair', { type: 'command', command: 'analys', text: 'analys' } as never);
  await send('analysis-round form-errors', 'chair', { type: 'form-submitted', form: 'analysis-round', values: { year: '2026', proposalDeadline: '2026-09-01' } } as never);
  await send('analysis card', 'chair', { type: 'form-submitted', form: 'analysis-round', values: { year: '2027', proposalDeadline: '2026-10-02' } } as never);
  const [round] = await store.analysisRounds.list();
  await send('proposal form', 'region', { type: 'button', action: 'open-proposal', args: {} } as never);
  await send('proposal form-errors', 'region', { type: 'form-submitted', form: 'proposal', values: { roundId: round!.id, title: ' ', targetGroup: 'alla', description: 'x' } } as never);
  const propose = (who: keyof typeof people, title: string, targetGroup: string, obstacles: string) =>
    send(`proposal saved ${title}`, who, {
      type: 'form-submitted',
      form: 'proposal',
      values: { roundId: round!.id, title, targetGroup, description: `Beskrivning av ${title}`, obstacles },
    } as never);
  await propose('region', 'Fler SIP för unga', 'barn_och_unga', 'Oklart vem som kallar till SIP');
  await propose('kommun', 'SIP-samordnare i skolan', 'barn_och_unga', 'Elevhälsan saknar kontakt med BUP');
  await propose('kommun', 'Suicidprevention för vuxna', 'vuxen', 'Få utbildade i första hjälpen');
  await propose('region', 'Gemensam mottagning för unga', 'bada', '');
  await send('analysis card (filled)', 'chair', { type: 'command', command: 'analys', text: 'analys' } as never);
  const proposals = await store.proposals.list({ roundId: round!.id });
  const id = (title: string) => proposals.find((p) => p.title === title)!.id;

  // Step 2: merge, vote, close, activity, decision.
  await send('merge-proposals form', 'chair', { type: 'button', action: 'open-merge', args: {} } as never);
  await send('merge-proposals form-errors', 'chair', {
    type: 'form-submitted',
    form: 'merge-proposals',
    values: { roundId: round!.id, proposalIds: id('Fler SIP för unga'), areaName: '', targetGroup: 'barn_och_unga' },
  } as never);
  await send('merged', 'chair', {
    type: 'form-submitted',
    form: 'merge-proposals',
    values: { roundId: round!.id, proposalIds: `${id('Fler SIP för unga')},${id('SIP-samordnare i skolan')}`, areaName: 'Samordnad individuell plan (SIP)', targetGroup: 'barn_och_unga' },
  } as never);
  await send('analysis card (merged)', 'region', { type: 'button', action: 'show-analysis', args: {} } as never);
  await send('voting-round form', 'chair', { type: 'command', command: 'prioritering', text: 'prioritering' } as never);
  await send('voting-round form-errors', 'chair', { type: 'form-submitted', form: 'voting-round', values: { roundId: round!.id, voteBudget: '7', maxVotesPerArea: '9', votingDeadline: '2026-13-01' } } as never);
  await send('voting opened', 'chair', { type: 'form-submitted', form: 'voting-round', values: { roundId: round!.id, voteBudget: '7', maxVotesPerArea: '3', votingDeadline: '2026-10-20' } } as never);
  const areas = (await store.proposals.list({ roundId: round!.id })).filter((p) => !p.mergedIntoProposalId);
  const area = (title: string) => `area-${areas.find((p) => p.title === title)!.id}`;
  await send('ballot form', 'region', { type: 'button', action: 'open-ballot', args: {} } as never);
  await send('ballot form-errors (cap)', 'region', { type: 'form-submitted', form: 'ballot', values: { roundId: round!.id, [area('Samordnad individuell plan (SIP)')]: '4' } } as never);
  await send('ballot form-errors (budget)', 'region', {
    type: 'form-submitted',
    form: 'ballot',
    values: { roundId: round!.id, [area('Samordnad individuell plan (SIP)')]: '3', [area('Suicidprevention för vuxna')]: '3', [area('Gemensam mottagning för unga')]: '3' },
  } as never);
  await send('ballot saved', 'region', {
    type: 'form-submitted',
    form: 'ballot',
    values: { roundId: round!.id, [area('Samordnad individuell plan (SIP)')]: '3', [area('Suicidprevention för vuxna')]: '1', [area('Gemensam mottagning för unga')]: '3' },
  } as never);
  await send('ballot saved (kommun)', 'kommun', {
    type: 'form-submitted',
    form: 'ballot',
    values: { roundId: round!.id, [area('Samordnad individuell plan (SIP)')]: '3', [area('Suicidprevention för vuxna')]: '2' },
  } as never);
  await send('prioritisation card (voting)', 'kommun', { type: 'command', command: 'prioritering', text: 'prioritering' } as never);
  await send('prioritisation card (closed)', 'chair', { type: 'button', action: 'close-voting', args: {} } as never);
  await send('prioritisation card (split)', 'chair', { type: 'button', action: 'show-prioritisation', args: { split: 'organisation' } } as never);
  const sip = areas.find((p) => p.title === 'Samordnad individuell plan (SIP)')!;
  await send('activity form', 'chair', { type: 'button', action: 'open-activity', args: {} } as never);
  await send('activity form-errors', 'chair', {
    type: 'form-submitted',
    form: 'activity',
    values: { proposalId: sip.id, title: '', targetGroup: '', startDate: '2027-06-30', endDate: '2027-01-01', goal: 'SIP/FEL9', status: 'planerad' },
  } as never);
  await send('activity added', 'chair', {
    type: 'form-submitted',
    form: 'activity',
    values: { proposalId: sip.id, title: '', description: 'SIP-rutin för barn och unga', targetGroup: '', startDate: '2027-01-15', endDate: '2027-12-15', goal: 'SIP/SIP1', status: 'planerad' },
  } as never);
  await send('confirm-decision form', 'chair', { type: 'button', action: 'decide-plan', args: {} } as never);
  await send('confirm-decision form-errors', 'chair', { type: 'form-submitted', form: 'confirm-decision', values: { minutes: '§ 7, anmälan om 19121212-1212' } } as never);
  await send('plan decided', 'chair', { type: 'form-submitted', form: 'confirm-decision', values: { minutes: '§ 7, möte 2026-09-14' } } as never);

  // Step 3: the assignment.
  const [activity] = await store.activities.list();
  const assignmentValues = {
    activityId: activity!.id,
    title: 'Arbetsgrupp SIP barn och unga',
    startDate: '2027-02-01',
    endDate: '2027-11-30',
    targetGroupText: 'Barn och unga 6–18 år med behov av samordnade insatser',
    purpose: 'Att fler barn och unga får en SIP i tid',
    activityText: 'Ta fram och införa en gemensam SIP-rutin',
    memberIds: `${seeded.bo.id},${seeded.cia.id}`,
    convenerMemberId: seeded.bo.id,
    reportingKind: 'every_n_weeks',
    reportingWeeks: '6',
    reportingDates: '',
    goal: 'En gemensam SIP-rutin är antagen av båda huvudmännen',
    resources: '20 timmar processledning från FoU',
    finalReportForm: 'Skriftlig slutrapport och dragning på samverkansgruppens möte',
  };
  await send('assignment form', 'chair', { type: 'command', command: 'uppdrag', text: 'uppdrag' } as never);
  await send('assignment form-errors', 'chair', {
    type: 'form-submitted',
    form: 'assignment',
    values: { ...assignmentValues, memberIds: seeded.bo.id, convenerMemberId: seeded.cia.id, endDate: '2027-01-01' },
  } as never);
  await send('assignment document', 'chair', { type: 'form-submitted', form: 'assignment', values: assignmentValues } as never);
  const [assignment] = await store.assignments.list();

  // Step 4: the convener's implementation plan.
  await send('implementation-plan form', 'region', { type: 'button', action: 'open-implementation-text', args: { assignmentId: assignment!.id } } as never);
  const plan = {
    assignmentId: assignment!.id,
    subGoals: 'Kartläggning klar | Bo Region | 2027-04-30\nRutin antagen | Cia Kommun | 2027-09-30',
    tasks: 'Bo och Cia | kartlägger SIP 2026 | februari–april\nArbetsgruppen | skriver rutinen | maj–augusti',
    indicators: 'Andel barn med SIP | procent | 12 | 30 | uttag ur journalsystemen',
  };
  await send('implementation-plan form-errors', 'region', { type: 'form-submitted', form: 'implementation-plan', values: { ...plan, indicators: 'Andel | procent | tolv | 30 | uttag' } } as never);
  await send('implementation plan saved', 'region', { type: 'form-submitted', form: 'implementation-plan', values: plan } as never);

  // Step 4 entry by entry, as a convener would keep the plan up to date from its card.
  const a = assignment!.id;
  await send('implementation overview', 'region', { type: 'command', command: 'genomforandeplan', text: 'genomförandeplan' } as never);
  const item = (kind: string, itemId = '') => send(`${kind} form${itemId ? ' (edit)' : ''}`, 'region', { type: 'button', action: 'open-plan-item', args: { assignmentId: a, kind, ...(itemId ? { itemId } : {}) } } as never);
  const submitItem = (name: string, form: string, values: Record<string, string>) =>
    send(name, 'region', { type: 'form-submitted', form, values: { assignmentId: a, itemId: '', ...values } } as never);
  await item('sub-goal');
  await submitItem('sub-goal form-errors', 'sub-goal', { title: ' ', owner: 'Cia Kommun', dueDate: '2028-01-15' });
  await submitItem('sub-goal saved', 'sub-goal', { title: 'Rutinen införd i skolorna', owner: 'Cia Kommun', dueDate: '2027-11-15' });
  const stored = () => store.implementationPlans.list({ assignmentId: a }).then((plans) => plans[0]!);
  const firstGoal = (await stored()).subGoals[0]!;
  await item('sub-goal', firstGoal.id);
  await submitItem('sub-goal changed', 'sub-goal', { itemId: firstGoal.id, title: 'Kartläggning klar', owner: 'Bo Region och elevhälsan', dueDate: '2027-05-15' });
  await item('task');
  await submitItem('plan-task form-errors', 'plan-task', { who: 'Bo', what: '', when: ' ' });
  await submitItem('plan-task saved', 'plan-task', { who: 'Cia Kommun', what: 'utbildar elevhälsan i SIP', when: 'september 2027' });
  await item('indicator');
  await submitItem('indicator form-errors', 'indicator', { name: 'Väntetid till SIP', unit: 'dagar', baseline: 'tolv', target: '', method: 'stickprov' });
  await submitItem('indicator saved', 'indicator', { name: 'Väntetid till SIP', unit: 'dagar', baseline: '45', target: '21,5', method: 'stickprov varje kvartal' });
  const mapping = (await stored()).tasks.find((task) => task.what === 'kartlägger SIP 2026')!;
  const removal = { kind: 'task', id: mapping.id, assignmentId: a };
  await send('confirm-removal form', 'region', { type: 'button', action: 'open-removal', args: removal } as never);
  await send('confirm-removal form-errors', 'region', { type: 'form-submitted', form: 'confirm-removal', values: { ...removal, reason: 'Klart, se 19121212-1212' } } as never);
  await send('task removed', 'region', { type: 'form-submitted', form: 'confirm-removal', values: { ...removal, reason: 'Kartläggningen görs av FoU i stället' } } as never);
  await send('plan (filled)', 'chair', { type: 'command', command: 'plan', text: 'plan' } as never);
  return { ...world, ...seeded, round: round!, activity: activity!, assignment: assignment! };
}
