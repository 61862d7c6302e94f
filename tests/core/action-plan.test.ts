// Steps 1–4 of the guidance through the real bot on the in-memory store: each rule of the issue, one test.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/events.js';
import { checkBallot } from '../../src/core/use-cases/prioritisation.js';
import { catalog } from '../../src/i18n/index.js';
import { actionPlanBot, people, runActionPlanScenario, seedGroup } from '../support/action-plan-scenario.js';

type Scenario = Awaited<ReturnType<typeof runActionPlanScenario>>;
const t = catalog('sv');

function reply(scenario: Scenario, name: string): Reply {
  const found = scenario.replies.find((r) => r.name === name);
  if (!found) throw new Error(`no reply named ${name}`);
  return found.reply;
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const dataOf = (r: Reply): any => r.data;
const noticeText = (r: Reply) => (r.kind === 'card' && r.card === 'notice' ? String(r.data.text) : '');
const errorsOf = (r: Reply) => (r.kind === 'form-errors' ? r.errors : {});

describe('the local action plan, steps 1–4', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await runActionPlanScenario('sv');
  });

  it('step 1: the chair opens a round with a deadline and the card asks the channel for proposals', () => {
    const card = reply(s, 'analysis card');
    expect(card).toMatchObject({ kind: 'card', card: 'analysis', data: { title: 'Lokal analys 2027: förslag till utvecklingsområden', showPropose: true } });
    expect(String(dataOf(card).question)).toContain('Vilka hinder identifieras');
    expect(errorsOf(reply(s, 'analysis-round form-errors'))).toEqual({ proposalDeadline: 'Sista dag för förslag har redan passerat. Välj ett senare datum.' });
  });

  it('step 1: proposals are listed per target group, with their obstacles and who proposed them', () => {
    const data = dataOf(reply(s, 'analysis card (filled)'));
    expect(data.groups.map((g: { heading: string }) => g.heading)).toEqual(['Vuxen (1)', 'Barn och unga (2)', 'Vuxen samt Barn och unga (1)']);
    expect(data.groups[1]!.text).toContain('Hinder: Oklart vem som kallar till SIP');
    expect(data.groups[1]!.text).toContain('Föreslaget av Bo Region');
    expect(errorsOf(reply(s, 'proposal form-errors'))).toEqual({ title: 'Utvecklingsområde (rubrik) måste fyllas i.', targetGroup: 'Målgrupp måste fyllas i.' });
  });

  it('step 2: merging makes a named area of the chosen proposals, which then drop out of the vote', async () => {
    expect(errorsOf(reply(s, 'merge-proposals form-errors'))).toMatchObject({ proposalIds: 'Välj minst två förslag att slå ihop (du valde 1).' });
    const proposals = await s.store.proposals.list({ roundId: s.round.id });
    const area = proposals.find((p) => p.title === 'Samordnad individuell plan (SIP)')!;
    expect(proposals.filter((p) => p.mergedIntoProposalId === area.id).map((p) => p.title).sort()).toEqual(['Fler SIP för unga', 'SIP-samordnare i skolan']);
    const groups = dataOf(reply(s, 'analysis card (merged)')).groups;
    expect(groups.map((g: { text: string }) => g.text).join('\n')).toContain('Område "Samordnad individuell plan (SIP)" (sammanslaget av Fler SIP för unga, SIP-samordnare i skolan)');
  });

  it('step 2: a ballot over the per-area cap is refused naming the area and the numbers', () => {
    expect(Object.values(errorsOf(reply(s, 'ballot form-errors (cap)')))).toEqual(['"Samordnad individuell plan (SIP)": högst 3 röster på samma område (du lade 4).']);
  });

  it('step 2: a ballot over the budget is refused with how many to remove', () => {
    expect(Object.values(errorsOf(reply(s, 'ballot form-errors (budget)')))).toEqual(['Du har lagt 9 röster men har bara 7. Ta bort 2.']);
  });

  it('step 2: budget and cap are per round, and the ballot rules hold for any numbers', () => {
    const area = { id: 'a', title: 'SIP' } as never;
    const other = { id: 'b', title: 'IPS' } as never;
    expect(checkBallot(t, { voteBudget: 5, maxVotesPerArea: 5 }, [area, other], { 'area-a': '5' })).toMatchObject({ ok: true, used: 5 });
    expect(checkBallot(t, { voteBudget: 5, maxVotesPerArea: 5 }, [area, other], { 'area-a': '5', 'area-b': '1' })).toMatchObject({ ok: false });
    expect(checkBallot(t, { voteBudget: 7, maxVotesPerArea: 2 }, [area], { 'area-a': '3' })).toEqual({
      ok: false,
      errors: { 'area-a': '"SIP": högst 2 röster på samma område (du lade 3).' },
    });
    expect(checkBallot(t, { voteBudget: 7, maxVotesPerArea: 3 }, [area], { 'area-a': '1,5' })).toMatchObject({ ok: false });
    expect(checkBallot(t, { voteBudget: 7, maxVotesPerArea: 3 }, [area], { 'area-a': '' })).toEqual({ ok: false, errors: { 'area-a': 'Lägg minst en röst.' } });
  });

  it('step 2: a member changes the ballot until the deadline; one ballot per member', async () => {
    const ballots = await s.store.ballots.list({ roundId: s.round.id });
    expect(ballots).toHaveLength(2);
    expect(Object.values(ballots.find((b) => b.memberId === s.bo.id)!.votes).reduce((a, b) => a + b, 0)).toBe(7);
  });

  it('step 2: the tally is anonymous, hidden until closed, and can be split by organisation', () => {
    const voting = dataOf(reply(s, 'prioritisation card (voting)'));
    expect(voting.result).toBe('Resultatet visas när röstningen är avslutad.');
    expect(voting.statusLine).toContain('2 medlemmar har röstat');
    const closed = dataOf(reply(s, 'prioritisation card (closed)'));
    expect(closed.result.split('\n')).toEqual([
      '1. Samordnad individuell plan (SIP) (Barn och unga): 6 röster',
      // A tie keeps the order the proposals came in.
      '2. Suicidprevention för vuxna (Vuxen): 3 röster',
      '3. Gemensam mottagning för unga (Vuxen samt Barn och unga): 3 röster',
    ]);
    expect(closed.result).not.toContain('Bo Region');
    const split = dataOf(reply(s, 'prioritisation card (split)'));
    expect(split.result).toContain('Region 3, Kommun 3');
  });

  it('step 2: activities are time-bound and tied to a goal of the regional plan', async () => {
    expect(errorsOf(reply(s, 'activity form-errors'))).toEqual({
      endDate: 'Slutdatum (2027-01-01) ska vara efter startdatum (2027-06-30).',
      goal: 'Målet "SIP/FEL9" finns inte i den regionala handlingsplanen. Välj ett mål i listan.',
    });
    expect(s.activity).toMatchObject({ title: 'Samordnad individuell plan (SIP)', focusAreaCode: 'SIP', goalCode: 'SIP1', targetGroup: 'barn_och_unga' });
    expect(s.activity.startDate.toISOString()).toBe('2027-01-14T23:00:00.000Z');
  });

  it('step 2: the decision is recorded with date and who, and the plan is versioned per year', async () => {
    const [plan] = await s.store.plans.list();
    expect(plan).toMatchObject({ year: 2027, version: 1, decidedByMemberId: s.chair.id });
    expect(plan!.decidedAt).toEqual(s.clock.now());
    expect(noticeText(reply(s, 'plan decided'))).toContain('beslutade den lokala handlingsplanen 2027, version 1');
  });

  it('step 3: the assignment needs a member of every party organisation, a convener among them and an end after the start', () => {
    expect(errorsOf(reply(s, 'assignment form-errors'))).toEqual({
      endDate: 'Slutdatum (2027-01-01) ska vara efter startdatum (2027-02-01).',
      memberIds: 'Arbetsgruppen ska ha minst en person från vardera huvudmannen. Saknas: Kommun.',
      convenerMemberId: 'Den sammankallande måste vara en av personerna i arbetsgruppen.',
    });
  });

  it('step 3: the assignment keeps every field, the convener becomes sammankallande, the document names the group', async () => {
    expect(s.assignment).toMatchObject({
      activityId: s.activity.id,
      memberIds: [s.bo.id, s.cia.id],
      convenerMemberId: s.bo.id,
      reportingForm: { kind: 'every_n_weeks', weeks: 6 },
      resources: '20 timmar processledning från FoU',
      status: 'aktivt',
    });
    expect((await s.store.members.get(s.bo.id))!.roles).toContain('sammankallande');
    const card = reply(s, 'assignment document');
    expect(card).toMatchObject({ card: 'assignment-document' });
    expect(dataOf(card).announcement).toBe(
      'Anna Ordförande gav uppdraget "Arbetsgrupp SIP barn och unga" till arbetsgruppen Bo Region, Cia Kommun. Sammankallande: Bo Region.',
    );
    const text = (dataOf(card).sections as { text: string }[]).map((x) => x.text).join('\n');
    expect(text).toContain('Former för avrapportering: var 6:e vecka');
    expect(text).toContain('Mål för uppdraget: En gemensam SIP-rutin är antagen av båda huvudmännen');
    expect(text).toContain('Arbetsgrupp: Bo Region (Region), Cia Kommun (Kommun)');
  });

  it('step 4: the convener records sub-goals, tasks and indicators; bad lines name the line and field', async () => {
    expect(errorsOf(reply(s, 'implementation-plan form-errors'))).toEqual({ indicators: 'Rad 1: "utgångsvärde" ska vara ett tal (fick "tolv").' });
    const [plan] = await s.store.implementationPlans.list({ assignmentId: s.assignment.id });
    expect(plan!.subGoals.map((g) => [g.title, g.owner, g.dueDate])).toEqual([
      ['Kartläggning klar', 'Bo Region', '2027-04-30'],
      ['Rutin antagen', 'Cia Kommun', '2027-09-30'],
    ]);
    expect(plan!.indicators[0]).toMatchObject({ name: 'Andel barn med SIP', unit: 'procent', baseline: 12, target: 30, method: 'uttag ur journalsystemen' });
  });

  it('plan shows activities by focus area with names from the regional plan, assignments and implementation plans', () => {
    const data = dataOf(reply(s, 'plan (filled)'));
    expect(data.focusAreas[0]!.heading).toBe('SIP SIP – samordnad individuell plan');
    expect(data.focusAreas[0]!.activities[0]!.line).toBe('Samordnad individuell plan (SIP) (Barn och unga) · 2027-01-15–2027-12-15 · Planerad');
    expect(data.focusAreas[0]!.activities[0]!.details).toContain('Uppdrag: Arbetsgrupp SIP barn och unga · 2027-02-01–2027-11-30 · sammankallande Bo Region');
    expect(data.focusAreas[0]!.activities[0]!.details).toContain('Genomförandeplan: 2 delmål, 2 uppgifter, 1 indikatorer');
    expect(data.history).toContain('Bo Region (genomförandeplan ändrad)');
  });

  it('keeps every change with who and when', async () => {
    const changes = await s.store.planChanges.list({ groupId: s.group.id });
    expect(changes.map((c) => c.action)).toEqual([
      'round-opened',
      'proposals-merged',
      'voting-opened',
      'voting-closed',
      'activity-added',
      'plan-decided',
      'assignment-created',
      'implementation-plan-updated',
    ]);
    expect(changes.find((c) => c.action === 'assignment-created')!.memberId).toBe(s.chair.id);
    expect(changes.at(-1)!.memberId).toBe(s.bo.id);
  });
});

describe('permissions', () => {
  it('members propose and vote; only the chair opens rounds, merges, opens and closes votes, adds activities, decides and assigns', async () => {
    const { send, store } = actionPlanBot();
    await seedGroup(send, store);
    const refusal = 'Bara gruppens ordförande kan göra det här. Kontakta Anna Ordförande.';
    for (const action of ['open-analysis-round', 'open-merge', 'open-voting-round', 'close-voting', 'open-activity', 'decide-plan', 'open-assignment'] as const) {
      expect(noticeText(await send(action, 'region', { type: 'button', action, args: {} } as never)), action).toBe(refusal);
    }
    for (const form of ['analysis-round', 'merge-proposals', 'voting-round', 'activity', 'assignment'] as const) {
      expect(noticeText(await send(form, 'kommun', { type: 'form-submitted', form, values: {} } as never)), form).toBe(refusal);
    }
    expect(await store.analysisRounds.list()).toEqual([]);
    expect(noticeText(await send('analys', 'region', { type: 'command', command: 'analys', text: 'analys' } as never))).toContain('Ingen lokal analys pågår');
  });

  it('only the convener edits the implementation plan of their own assignment', async () => {
    const s = await runActionPlanScenario('sv');
    const refused = await s.send('other', 'kommun', { type: 'button', action: 'open-implementation-plan', args: { assignmentId: s.assignment.id } } as never);
    expect(noticeText(refused)).toBe('Bara uppdragets sammankallande (Bo Region) kan ändra genomförandeplanen.');
    const submitted = await s.send('other submit', 'chair', {
      type: 'form-submitted',
      form: 'implementation-plan',
      values: { assignmentId: s.assignment.id, subGoals: '', tasks: '', indicators: '' },
    } as never);
    expect(noticeText(submitted)).toBe('Bara uppdragets sammankallande (Bo Region) kan ändra genomförandeplanen.');
    expect((await s.store.implementationPlans.list())[0]!.subGoals).toHaveLength(2);
  });

  it('the ballot is closed after the deadline and proposals after theirs', async () => {
    const s = await runActionPlanScenario('sv');
    const late = await s.send('late proposal', 'region', { type: 'button', action: 'open-proposal', args: {} } as never);
    expect(noticeText(late)).toBe('Analysomgången tar inte emot förslag längre (sista dag var 2026-10-02).');
    expect(noticeText(await s.send('late ballot', 'region', { type: 'button', action: 'open-ballot', args: {} } as never))).toBe('Det pågår ingen röstning just nu.');
  });
});

describe('plan size and decision versions', () => {
  it('warns past the configured number of activities, and a changed decided plan is decided as a new version', async () => {
    const s = await runActionPlanScenario('sv');
    s.clock.advance(24 * 3600_000);
    const add = (title: string) =>
      s.send(title, 'chair', {
        type: 'form-submitted',
        form: 'activity',
        values: { title, description: '', targetGroup: 'vuxen', startDate: '2027-02-01', endDate: '2027-06-30', goal: 'KF/KF1', status: 'planerad' },
      } as never);
    for (let n = 2; n <= 8; n++) expect(noticeText(await add(`Aktivitet ${n}`))).not.toContain('Obs');
    expect(noticeText(await add('Aktivitet 9'))).toContain(
      'Obs: planen har nu 9 aktiviteter (gruppens riktmärke är högst 8). Generellt gäller att det är bättre att fokusera på färre aktiviteter och att dessa genomförs väl.',
    );
    s.clock.advance(3600_000);
    expect(noticeText(await s.send('again', 'chair', { type: 'button', action: 'decide-plan', args: {} } as never))).toContain('version 2');
    const [plan] = await s.store.plans.list();
    expect(plan).toMatchObject({ version: 2, year: 2027 });
  });

  it('sends the decided plan to the office channel through the outbox, once per version', async () => {
    const s = await runActionPlanScenario('sv');
    await s.store.channels.create({ groupId: 'kansli-group', platform: 'slack', tenantId: 'T111', channelId: 'C0KANSLI', channelName: 'kansliet', conversationReference: null });
    const decided = await s.send('decide', 'chair', { type: 'button', action: 'decide-plan', args: {} } as never);
    expect(noticeText(decided)).toContain('Planen har skickats till kansliet för kännedom.');
    await s.send('decide again', 'chair', { type: 'button', action: 'decide-plan', args: {} } as never);
    const outbox = await s.store.outbox.list({ groupId: s.group.id, kind: 'notice' });
    expect(outbox).toHaveLength(1);
    expect(JSON.stringify(outbox[0]!.payload)).toContain('LSG Uddevalla har beslutat sin lokala handlingsplan för psykisk hälsa 2027 (version 1)');
    expect(JSON.stringify(outbox[0]!.payload)).toContain('Samordnad individuell plan (SIP) (Barn och unga), 2027-01-15–2027-12-15: SIP – samordnad individuell plan, mål SIP1');
    expect((await s.store.plans.list())[0]!.sentToOfficeAt).not.toBeNull();
  });
});

describe('without a regional plan', () => {
  it('says so instead of letting activities float free of the regional plan', async () => {
    const { createBot } = await import('../../src/core/bot.js');
    const { createInMemoryStore } = await import('../support/in-memory-store.js');
    const { fixedClock } = await import('../support/fixed-clock.js');
    const { slackChannel } = await import('../support/events.js');
    const clock = fixedClock('2026-09-14T08:00:00Z');
    const bot = createBot({ store: createInMemoryStore(clock.now), clock, defaults: { locale: 'sv', timeZone: 'Europe/Stockholm' } });
    const r = await bot.handle({ type: 'button', action: 'open-activity', args: {}, channel: slackChannel(), actor: people.chair });
    expect(noticeText(r)).toBe(t.actionPlan.activity.noRegionalPlan);
  });
});
