// Steps 1–4 of the guidance through the real bot on the in-memory store: each rule of the issue, one test.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/events.js';
import { checkBallot } from '../../src/core/use-cases/prioritisation.js';
import { catalog } from '../../src/i18n/index.js';
import { actionPlanBot, people, runActionPlanScenario, seedGroup } from '../support/action-plan-scenario.js';
import { testRegion } from '../support/test-region.js';

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
    expect(data.groups.map((g: { heading: string }) => g.heading)).toEqual(['Vuxen (1 förslag)', 'Barn och unga (2 förslag)', 'Vuxen samt Barn och unga (1 förslag)']);
    expect(data.groups[1]!.text).toContain('Hinder: Oklart vem som kallar till SIP');
    expect(data.groups[1]!.text).toContain('Föreslaget av Bo Region');
    expect(errorsOf(reply(s, 'proposal form-errors'))).toEqual({ title: 'Utvecklingsområde (rubrik) måste fyllas i.', targetGroup: 'Målgrupp måste fyllas i.' });
  });

  it('step 2: merging makes a named area of the chosen proposals, which then drop out of the vote', async () => {
    expect(errorsOf(reply(s, 'merge-proposals form-errors'))).toMatchObject({ proposalIds: 'Välj minst två förslag att slå ihop (du valde 1 förslag).' });
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
    expect(Object.values(errorsOf(reply(s, 'ballot form-errors (budget)')))).toEqual(['Du har lagt 9 röster men har bara 7. Ta bort 2 röster.']);
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
    // One voter per party: a split would show each ballot, so none is shown and the card says why.
    expect(split.result).not.toContain('Region 3');
    expect(split.result).toContain('Ingen uppdelning per part: den visas bara för parter där minst tre har röstat');
  });

  it('step 2: activities are time-bound and tied to a goal of the regional plan', async () => {
    expect(errorsOf(reply(s, 'activity form-errors'))).toEqual({
      endDate: 'Slutdatum (2027-01-01) ska vara efter startdatum (2027-06-30).',
      goal: 'Målet "SIP/FEL9" finns inte i den regionala handlingsplanen. Välj ett mål i listan.',
    });
    expect(s.activity).toMatchObject({ title: 'Samordnad individuell plan (SIP)', focusAreaCode: 'SIP', goalCode: 'SIP1', targetGroup: 'barn_och_unga' });
    expect(s.activity.startDate.toISOString()).toBe('2027-01-14T23:00:00.000Z');
  });

  it('step 2: the decision is confirmed first, then recorded with date, who and the minutes, and the plan is versioned per year', async () => {
    expect(reply(s, 'confirm-decision form')).toMatchObject({
      kind: 'form',
      form: 'confirm-decision',
      data: {
        title: 'Besluta den lokala handlingsplanen 2027?',
        text: 'Planen har 1 aktivitet och beslutas som version 1. Beslutet sparas med ditt namn och dagens datum.',
        // The office channel is named in the settings but the bot is not in it.
        note: 'Kanslikanalen #kansliet är inte registrerad hos mig, så planen skickas inte dit. Lägg till mig i kanslikanalen först.',
      },
    });
    const refused = reply(s, 'confirm-decision form-errors');
    expect(Object.keys(errorsOf(refused))).toEqual(['minutes']);
    expect(errorsOf(refused).minutes).toContain('innehåller något som ser ut som ett personnummer');
    expect(dataOf(refused).values.minutes).toBe('§ 7, anmälan om 19121212-1212');
    const [plan] = await s.store.plans.list();
    expect(plan).toMatchObject({ year: 2027, version: 1, decidedByMemberId: s.chair.id });
    expect(plan!.decidedAt).toEqual(s.clock.now());
    expect(noticeText(reply(s, 'plan decided'))).toContain('beslutade den lokala handlingsplanen 2027, version 1');
    const decision = (await s.store.planChanges.list({ action: 'plan-decided' }))[0]!;
    expect(decision).toMatchObject({ memberId: s.chair.id, details: { version: 1, activities: 1, minutes: '§ 7, möte 2026-09-14' } });
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
    expect(text).toContain('Former för avrapportering: med 6 veckors mellanrum');
    expect(text).toContain('Mål för uppdraget: En gemensam SIP-rutin är antagen av båda huvudmännen');
    expect(text).toContain('Arbetsgrupp: Bo Region (Region), Cia Kommun (Kommun)');
  });

  it('step 4: the whole plan can still be written as text; bad lines name the line and field', () => {
    expect(errorsOf(reply(s, 'implementation-plan form-errors'))).toEqual({ indicators: 'Rad 1: "utgångsvärde" ska vara ett tal (fick "tolv").' });
    expect(noticeText(reply(s, 'implementation plan saved'))).toContain('(2 delmål, 2 uppgifter, 1 lokal indikator)');
  });

  it('step 4: the convener adds, changes and removes one entry at a time, each field checked on its own', async () => {
    const overview = dataOf(reply(s, 'implementation overview'));
    expect(overview.title).toBe('Genomförandeplan: Arbetsgrupp SIP barn och unga');
    expect(overview.sections.map((x: { heading: string }) => x.heading)).toEqual([
      'Delmål (2 av högst 8)',
      'Uppgifter: vem gör vad och när (2 av högst 8)',
      'Lokala indikatorer (1 av högst 4)',
    ]);
    expect(overview.sections[2].rows[0].text).toBe('Andel barn med SIP (procent): från 12 till 30 · mäts genom uttag ur journalsystemen');
    // Every field names itself; what was typed comes back with the errors.
    const goalErrors = reply(s, 'sub-goal form-errors');
    expect(errorsOf(goalErrors)).toEqual({ title: 'Fyll i "Delmål".', dueDate: '"Klart senast" (2028-01-15) ligger efter uppdragets slut (2027-11-30).' });
    expect(dataOf(goalErrors).values).toEqual({ title: ' ', owner: 'Cia Kommun', dueDate: '2028-01-15' });
    expect(errorsOf(reply(s, 'plan-task form-errors'))).toEqual({ what: 'Fyll i "Gör vad".', when: 'Fyll i "När".' });
    expect(errorsOf(reply(s, 'indicator form-errors'))).toEqual({
      baseline: '"Utgångsvärde" ska vara ett tal, t.ex. 14 eller 3,5 (du skrev "tolv").',
      target: 'Fyll i "Målvärde".',
    });
    // Changing an entry keeps its id (progress reports refer to it) and its status; its form was prefilled.
    expect(dataOf(reply(s, 'sub-goal form (edit)')).values).toEqual({ title: 'Kartläggning klar', owner: 'Bo Region', dueDate: '2027-04-30' });
    const [plan] = await s.store.implementationPlans.list({ assignmentId: s.assignment.id });
    expect(plan!.subGoals.map((g) => [g.title, g.owner, g.dueDate, g.status])).toEqual([
      ['Kartläggning klar', 'Bo Region och elevhälsan', '2027-05-15', 'gron'],
      ['Rutin antagen', 'Cia Kommun', '2027-09-30', 'gron'],
      ['Rutinen införd i skolorna', 'Cia Kommun', '2027-11-15', 'gron'],
    ]);
    expect(new Set(plan!.subGoals.map((g) => g.id)).size).toBe(3);
    expect(plan!.tasks.map((task) => task.what)).toEqual(['skriver rutinen', 'utbildar elevhälsan i SIP']);
    expect(plan!.indicators[1]).toMatchObject({ name: 'Väntetid till SIP', unit: 'dagar', baseline: 45, target: 21.5, method: 'stickprov varje kvartal' });
    expect(dataOf(reply(s, 'indicator saved')).message).toBe('Bo Region sparade indikatorn "Väntetid till SIP".');
    // A removal is confirmed first; a personnummer in the reason is refused and the reason kept.
    const confirm = reply(s, 'confirm-removal form');
    expect(confirm).toMatchObject({ kind: 'form', form: 'confirm-removal', data: { title: 'Ta bort uppgiften "kartlägger SIP 2026"?' } });
    const refused = reply(s, 'confirm-removal form-errors');
    expect(Object.keys(errorsOf(refused))).toEqual(['reason']);
    expect(errorsOf(refused).reason).toContain('personnummer');
    expect(dataOf(refused).values.reason).toBe('Klart, se 19121212-1212');
    expect(dataOf(reply(s, 'task removed')).message).toBe('Bo Region tog bort uppgiften "kartlägger SIP 2026".');
  });

  it('plan shows activities by focus area with names from the regional plan, assignments and implementation plans', () => {
    const data = dataOf(reply(s, 'plan (filled)'));
    expect(data.focusAreas[0]!.heading).toBe('SIP SIP – samordnad individuell plan');
    // An uppdrag was given for it: the activity follows and is under way.
    expect(data.focusAreas[0]!.activities[0]!.line).toBe('Samordnad individuell plan (SIP) (Barn och unga) · 2027-01-15–2027-12-15 · Pågående');
    const details = String(data.focusAreas[0]!.activities[0]!.details);
    expect(details).toContain('Uppdrag: Arbetsgrupp SIP barn och unga · 2027-02-01–2027-11-30 · sammankallande Bo Region · pågående');
    expect(details).toContain('Genomförandeplan: 3 delmål, 2 uppgifter, 2 indikatorer');
    // The implementation plan itself, not only its size.
    expect(details).toContain('Delmål: Kartläggning klar, Bo Region och elevhälsan, senast 2027-05-15');
    expect(details).toContain('Uppgift: Cia Kommun – utbildar elevhälsan i SIP (september 2027)');
    expect(details).toContain('Indikator: Väntetid till SIP (dagar) från 45 till 21,5; mäts genom stickprov varje kvartal');
    expect(details).not.toContain('kartlägger SIP 2026');
    expect(data.history).toContain('Bo Region (genomförandeplan ändrad)');
    // The chair gets Ändra and Ta bort on every activity.
    expect(data.focusAreas[0]!.activities[0]).toMatchObject({ id: s.activity.id, editable: true, removalKind: 'activity' });
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
      'activity-followed-up',
      ...Array(6).fill('implementation-plan-updated'),
    ]);
    expect(changes.slice(-5).map((c) => c.details)).toEqual([
      { item: 'sub-goal', change: 'added', title: 'Rutinen införd i skolorna' },
      { item: 'sub-goal', change: 'updated', title: 'Kartläggning klar' },
      { item: 'task', change: 'added', title: 'utbildar elevhälsan i SIP' },
      { item: 'indicator', change: 'added', title: 'Väntetid till SIP' },
      { item: 'task', change: 'removed', title: 'kartlägger SIP 2026', reason: 'Kartläggningen görs av FoU i stället' },
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
    for (const form of ['analysis-round', 'merge-proposals', 'voting-round', 'activity', 'assignment', 'confirm-decision'] as const) {
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
    expect((await s.store.implementationPlans.list())[0]!.subGoals).toHaveLength(3);
  });

  it('the ballot is closed after the deadline and proposals after theirs', async () => {
    const s = await runActionPlanScenario('sv');
    const late = await s.send('late proposal', 'region', { type: 'button', action: 'open-proposal', args: {} } as never);
    expect(noticeText(late)).toBe('Analysomgången tar inte emot förslag längre (sista dag var 2 oktober 2026).');
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
      'Obs! Planen har nu 9 aktiviteter (gruppens riktmärke är högst 8). Generellt gäller att det är bättre att fokusera på färre aktiviteter och att dessa genomförs väl.',
    );
    s.clock.advance(3600_000);
    expect(noticeText(await s.send('again', 'chair', { type: 'form-submitted', form: 'confirm-decision', values: {} } as never))).toContain('version 2');
    const [plan] = await s.store.plans.list();
    expect(plan).toMatchObject({ version: 2, year: 2027 });
  });

  it('sends the decided plan to the office channel through the outbox, once per version', async () => {
    const s = await runActionPlanScenario('sv');
    await s.store.channels.create({ groupId: 'kansli-group', platform: 'slack', tenantId: 'T111', channelId: 'C0KANSLI', channelName: 'kansliet', conversationReference: null });
    const asked = await s.send('ask', 'chair', { type: 'button', action: 'decide-plan', args: {} } as never);
    expect(dataOf(asked).note).toBe('Planen skickas till kansliet (#kansliet) för kännedom.');
    const decided = await s.send('decide', 'chair', { type: 'form-submitted', form: 'confirm-decision', values: { minutes: '§ 3, möte 2026-09-14' } } as never);
    expect(noticeText(decided)).toContain('Planen har skickats till kansliet för kännedom.');
    await s.send('decide again', 'chair', { type: 'form-submitted', form: 'confirm-decision', values: {} } as never);
    const outbox = await s.store.outbox.list({ groupId: s.group.id, kind: 'notice' });
    expect(outbox).toHaveLength(1);
    expect(JSON.stringify(outbox[0]!.payload)).toContain('LSG Uddevalla har beslutat sin lokala handlingsplan för psykisk hälsa 2027 (version 1)');
    expect(JSON.stringify(outbox[0]!.payload)).toContain('Samordnad individuell plan (SIP) (Barn och unga), 2027-01-15–2027-12-15: SIP – samordnad individuell plan, mål SIP1');
    expect(JSON.stringify(outbox[0]!.payload)).toContain('Protokoll: § 3, möte 2026-09-14');
    // Kansliet gets the plan itself, not only its summary.
    expect(JSON.stringify(outbox[0]!.payload)).toContain(`Hela planen som Word-dokument: https://samverkan.example.se/exports/plans/${s.group.id}/2027.docx?signature=x`);
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
    const bot = createBot({ region: testRegion(), store: createInMemoryStore(clock.now), clock, defaults: { locale: 'sv', timeZone: 'Europe/Stockholm' } });
    await bot.handle({ type: 'bot-added', channel: slackChannel(), actor: people.chair });
    const r = await bot.handle({ type: 'button', action: 'open-activity', args: {}, channel: slackChannel(), actor: people.chair });
    expect(noticeText(r)).toBe(t.actionPlan.activity.noRegionalPlan);
  });
});

describe('changing and removing activities of the plan', () => {
  const activityValues = { title: 'Suicidprevention för vuxna', description: '', targetGroup: 'vuxen', startDate: '2027-03-01', endDate: '2027-10-31', goal: 'KF/KF1', status: 'planerad' };

  async function withSecondActivity() {
    const s = await runActionPlanScenario('sv');
    s.clock.advance(24 * 3600_000);
    await s.send('add', 'chair', { type: 'form-submitted', form: 'activity', values: activityValues } as never);
    const second = (await s.store.activities.list()).find((a) => a.title === 'Suicidprevention för vuxna')!;
    return { s, second };
  }

  it('the chair edits an activity from its own button: the form is prefilled and the change is kept with who and when', async () => {
    const { s, second } = await withSecondActivity();
    const revisedBefore = (await s.store.plans.get(second.planId))!.lastRevisedAt;
    const form = await s.send('edit', 'chair', { type: 'button', action: 'open-activity', args: { activityId: second.id } } as never);
    expect(form).toMatchObject({ kind: 'form', form: 'activity', data: { values: { ...activityValues, proposalId: '' }, context: { activityId: second.id } } });
    s.clock.advance(3600_000);
    const bad = await s.send('bad', 'chair', { type: 'form-submitted', form: 'activity', values: { ...activityValues, activityId: second.id, endDate: '2027-02-01' } } as never);
    expect(errorsOf(bad)).toEqual({ endDate: 'Slutdatum (2027-02-01) ska vara efter startdatum (2027-03-01).' });
    expect(dataOf(bad).values.endDate).toBe('2027-02-01');
    const saved = await s.send('save', 'chair', { type: 'form-submitted', form: 'activity', values: { ...activityValues, activityId: second.id, status: 'pagaende' } } as never);
    expect(noticeText(saved)).toBe('Anna Ordförande ändrade aktiviteten "Suicidprevention för vuxna" i handlingsplanen 2027.');
    expect((await s.store.activities.get(second.id))!.status).toBe('pagaende');
    expect(await s.store.activities.list()).toHaveLength(2);
    const last = (await s.store.planChanges.list({ groupId: s.group.id })).at(-1)!;
    // A status change is follow-up: kept with who and when, but the decided plan is not revised by it.
    expect(last).toMatchObject({ action: 'activity-followed-up', entityId: second.id, memberId: s.chair.id, planVersion: 1 });
    expect(last.createdAt).toEqual(s.clock.now());
    const plan = (await s.store.plans.get(second.planId))!;
    expect(plan.lastRevisedAt).toEqual(revisedBefore);

    // A new title re-scopes the activity: that is a revision, and the next decision is a new version.
    s.clock.advance(3600_000);
    await s.send('rename', 'chair', { type: 'form-submitted', form: 'activity', values: { ...activityValues, activityId: second.id, status: 'pagaende', title: 'Suicidprevention för vuxna och äldre' } } as never);
    expect((await s.store.planChanges.list({ groupId: s.group.id })).at(-1)).toMatchObject({ action: 'activity-updated', entityId: second.id });
    expect((await s.store.plans.get(plan.id))!.lastRevisedAt).toEqual(s.clock.now());
  });

  it('a removal needs a confirmation: the button only asks, the confirmed form removes and keeps it in the history', async () => {
    const { s, second } = await withSecondActivity();
    const asked = await s.send('ask', 'chair', { type: 'button', action: 'open-removal', args: { kind: 'activity', id: second.id } } as never);
    expect(asked).toMatchObject({ kind: 'form', form: 'confirm-removal', data: { title: 'Ta bort aktiviteten "Suicidprevention för vuxna"?', context: { kind: 'activity', id: second.id } } });
    expect(dataOf(asked).text).toBe(
      'Aktiviteten (Vuxen, 2027-03-01–2027-10-31, Kunskapsutveckling och forskning, KF1) tas bort ur den lokala handlingsplanen 2027. Borttagningen sparas i planens historik med ditt namn och dagens datum.',
    );
    expect(dataOf(asked).note).toBe('Planen är redan beslutad (version 1). När du har tagit bort aktiviteten beslutar du planen igen; den blir då version 2.');
    expect(await s.store.activities.get(second.id)).not.toBeNull();
    const tooLong = await s.send('long', 'chair', { type: 'form-submitted', form: 'confirm-removal', values: { kind: 'activity', id: second.id, reason: 'x'.repeat(301) } } as never);
    expect(errorsOf(tooLong)).toEqual({ reason: '"Varför tas den bort? (valfritt, sparas i historiken)" får vara högst 300 tecken (nu 301).' });
    expect(await s.store.activities.get(second.id)).not.toBeNull();
    s.clock.advance(3600_000);
    const removed = await s.send('remove', 'chair', { type: 'form-submitted', form: 'confirm-removal', values: { kind: 'activity', id: second.id, reason: 'Ryms inte i år' } } as never);
    expect(noticeText(removed)).toBe('Anna Ordförande tog bort aktiviteten "Suicidprevention för vuxna" ur handlingsplanen 2027.');
    expect(await s.store.activities.get(second.id)).toBeNull();
    const last = (await s.store.planChanges.list({ groupId: s.group.id })).at(-1)!;
    expect(last).toMatchObject({
      action: 'activity-removed',
      entityId: second.id,
      memberId: s.chair.id,
      planVersion: 1,
      details: { title: 'Suicidprevention för vuxna', focusAreaCode: 'KF', goalCode: 'KF1', reason: 'Ryms inte i år' },
    });
    expect(last.createdAt).toEqual(s.clock.now());
    // The decided plan changed: the card says so and deciding again makes version 2.
    const [plan] = await s.store.plans.list();
    expect(plan!.lastRevisedAt).toEqual(s.clock.now());
    expect(dataOf(await s.send('plan', 'region', { type: 'command', command: 'plan', text: 'plan' } as never)).history).toContain('(aktivitet borttagen)');
    expect(noticeText(await s.send('decide', 'chair', { type: 'form-submitted', form: 'confirm-decision', values: {} } as never))).toContain('version 2 med 1 aktivitet.');
    // A second submit of the same confirmation finds nothing to remove.
    expect(noticeText(await s.send('again', 'chair', { type: 'form-submitted', form: 'confirm-removal', values: { kind: 'activity', id: second.id } } as never))).toBe(
      'Aktiviteten finns inte längre i handlingsplanen. Skriv "plan" för att se planen som den är nu.',
    );
  });

  it('an activity with an assignment is not removed, neither from the button nor when the assignment came after the confirmation opened', async () => {
    const { s, second } = await withSecondActivity();
    const refusal = 'Aktiviteten "Samordnad individuell plan (SIP)" kan inte tas bort eftersom uppdraget "Arbetsgrupp SIP barn och unga" hör till den. Sätt i stället aktivitetens status till "Avbruten" med knappen Ändra.';
    expect(noticeText(await s.send('ask', 'chair', { type: 'button', action: 'open-removal', args: { kind: 'activity', id: s.activity.id } } as never))).toBe(refusal);
    expect(noticeText(await s.send('submit', 'chair', { type: 'form-submitted', form: 'confirm-removal', values: { kind: 'activity', id: s.activity.id } } as never))).toBe(refusal);
    expect(await s.store.activities.get(s.activity.id)).not.toBeNull();
    // The confirmation was open when somebody gave the second activity an assignment.
    expect((await s.send('ask 2', 'chair', { type: 'button', action: 'open-removal', args: { kind: 'activity', id: second.id } } as never)).kind).toBe('form');
    await s.store.assignments.create({ ...s.assignment, activityId: second.id, title: 'Arbetsgrupp suicidprevention' });
    expect(noticeText(await s.send('submit 2', 'chair', { type: 'form-submitted', form: 'confirm-removal', values: { kind: 'activity', id: second.id } } as never))).toContain(
      'kan inte tas bort eftersom uppdraget "Arbetsgrupp suicidprevention" hör till den',
    );
    expect(await s.store.activities.get(second.id)).not.toBeNull();
    expect((await s.store.planChanges.list({ groupId: s.group.id })).some((c) => c.action === 'activity-removed')).toBe(false);
  });

  it('only the chair edits or removes an activity; other members see no buttons and get the refusal', async () => {
    const { s, second } = await withSecondActivity();
    const refusal = 'Bara gruppens ordförande kan göra det här. Kontakta Anna Ordförande.';
    const plan = dataOf(await s.send('plan', 'kommun', { type: 'command', command: 'plan', text: 'plan' } as never));
    expect(plan.focusAreas.flatMap((f: { activities: { editable: boolean }[] }) => f.activities.map((a) => a.editable))).toEqual([false, false]);
    expect(noticeText(await s.send('edit', 'kommun', { type: 'button', action: 'open-activity', args: { activityId: second.id } } as never))).toBe(refusal);
    expect(noticeText(await s.send('save', 'kommun', { type: 'form-submitted', form: 'activity', values: { ...activityValues, activityId: second.id, title: 'Kapad' } } as never))).toBe(refusal);
    expect(noticeText(await s.send('ask', 'region', { type: 'button', action: 'open-removal', args: { kind: 'activity', id: second.id } } as never))).toBe(refusal);
    expect(noticeText(await s.send('remove', 'region', { type: 'form-submitted', form: 'confirm-removal', values: { kind: 'activity', id: second.id } } as never))).toBe(refusal);
    expect(await s.store.activities.get(second.id)).toMatchObject({ title: 'Suicidprevention för vuxna' });
  });
});

describe('the implementation plan entry by entry', () => {
  it('only the convener adds, changes or removes entries; the chair and other members are refused', async () => {
    const s = await runActionPlanScenario('sv');
    const refusal = 'Bara uppdragets sammankallande (Bo Region) kan ändra genomförandeplanen.';
    const [before] = await s.store.implementationPlans.list();
    const goal = before!.subGoals[0]!;
    const a = s.assignment.id;
    for (const who of ['chair', 'kommun'] as const) {
      expect(noticeText(await s.send('open', who, { type: 'button', action: 'open-plan-item', args: { assignmentId: a, kind: 'sub-goal', itemId: goal.id } } as never))).toBe(refusal);
      expect(noticeText(await s.send('save', who, { type: 'form-submitted', form: 'sub-goal', values: { assignmentId: a, itemId: goal.id, title: 'Kapad', owner: 'X', dueDate: '2027-05-01' } } as never))).toBe(refusal);
      expect(noticeText(await s.send('add', who, { type: 'form-submitted', form: 'indicator', values: { assignmentId: a, itemId: '', name: 'N', unit: 'st', baseline: '1', target: '2', method: 'räkna' } } as never))).toBe(refusal);
      expect(noticeText(await s.send('ask', who, { type: 'button', action: 'open-removal', args: { kind: 'sub-goal', id: goal.id, assignmentId: a } } as never))).toBe(refusal);
      expect(noticeText(await s.send('remove', who, { type: 'form-submitted', form: 'confirm-removal', values: { kind: 'sub-goal', id: goal.id, assignmentId: a } } as never))).toBe(refusal);
      expect(noticeText(await s.send('text', who, { type: 'button', action: 'open-implementation-text', args: { assignmentId: a } } as never))).toBe(refusal);
    }
    expect(noticeText(await s.send('command', 'kommun', { type: 'command', command: 'genomforandeplan', text: 'genomförandeplan' } as never))).toContain('Du är inte sammankallande');
    const [after] = await s.store.implementationPlans.list();
    expect(after).toEqual(before);
  });

  it('refuses more entries than the plan card holds, from the button, the form and the text form', async () => {
    const s = await runActionPlanScenario('sv');
    const a = s.assignment.id;
    const add = (n: number) =>
      s.send(`add ${n}`, 'region', { type: 'form-submitted', form: 'indicator', values: { assignmentId: a, itemId: '', name: `Indikator ${n}`, unit: 'st', baseline: '1', target: '2', method: 'räkna' } } as never);
    expect((await add(3)).kind).toBe('card');
    expect((await add(4)).kind).toBe('card');
    const full = 'Genomförandeplanen har redan 4 lokala indikatorer, fler ryms inte. Ta bort en indikator först.';
    expect(noticeText(await add(5))).toBe(full);
    expect(noticeText(await s.send('open', 'region', { type: 'button', action: 'open-plan-item', args: { assignmentId: a, kind: 'indicator' } } as never))).toBe(full);
    const overview = dataOf(await s.send('overview', 'region', { type: 'button', action: 'open-implementation-plan', args: { assignmentId: a } } as never));
    expect(overview.sections[2]).toMatchObject({ heading: 'Lokala indikatorer (4 av högst 4)', canAdd: false });
    // The text form holds to the same limits.
    const lines = Array.from({ length: 5 }, (_, n) => `I${n} | st | 1 | 2 | räkna`).join('\n');
    const text = await s.send('text', 'region', { type: 'form-submitted', form: 'implementation-plan', values: { assignmentId: a, subGoals: '', tasks: '', indicators: lines } } as never);
    expect(errorsOf(text)).toEqual({ indicators: 'Lokal indikator: högst 4 rader (du skrev 5 rader).' });
    expect((await s.store.implementationPlans.list())[0]!.indicators).toHaveLength(4);
  });
});

describe('no personal data in the plan', () => {
  it('refuses a personnummer in a proposal, an activity and the implementation plan as text, keeping everything typed', async () => {
    const s = await runActionPlanScenario('sv');
    const guard = (field: string) =>
      `"${field}" innehåller något som ser ut som ett personnummer eller samordningsnummer. Ta bort det: inga patient- eller personuppgifter hör hemma här. Resten av det du skrivit finns kvar.`;
    const activity = await s.send('activity', 'chair', {
      type: 'form-submitted',
      form: 'activity',
      values: { title: 'Stöd till 19121212-1212', description: '', targetGroup: 'vuxen', startDate: '2027-02-01', endDate: '2027-06-30', goal: 'KF/KF1', status: 'planerad' },
    } as never);
    expect(errorsOf(activity)).toEqual({ title: guard('Aktivitet') });
    expect(dataOf(activity).values.title).toBe('Stöd till 19121212-1212');
    const text = await s.send('text', 'region', {
      type: 'form-submitted',
      form: 'implementation-plan',
      values: { assignmentId: s.assignment.id, subGoals: 'Möte med 121212-1212 | Bo | 2027-04-30', tasks: '', indicators: '' },
    } as never);
    expect(errorsOf(text)).toEqual({ subGoals: guard('Delmål') });
    expect(await s.store.activities.list()).toHaveLength(1);
    expect((await s.store.implementationPlans.list())[0]!.subGoals.map((g) => g.title)).not.toContain('Möte med 121212-1212');
  });

  it('refuses a personnummer in a proposal of a new round', async () => {
    const { send, store } = actionPlanBot();
    await seedGroup(send, store);
    await send('round', 'chair', { type: 'form-submitted', form: 'analysis-round', values: { year: '2027', proposalDeadline: '2026-10-02' } } as never);
    const [round] = await store.analysisRounds.list();
    const refused = await send('proposal', 'region', {
      type: 'form-submitted',
      form: 'proposal',
      values: { roundId: round!.id, title: 'SIP', targetGroup: 'vuxen', description: 'Som för 19121212-1212', obstacles: '' },
    } as never);
    expect(Object.keys(errorsOf(refused))).toEqual(['description']);
    expect(dataOf(refused).values.description).toBe('Som för 19121212-1212');
    expect(await store.proposals.list()).toEqual([]);
  });
});
