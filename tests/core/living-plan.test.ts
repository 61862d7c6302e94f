// Issue 17, items 1 and 7: one living plan across years. Two years of one group at a fixed clock, driven
// through the real bot: next year's analysis opens in September while this year's uppdrag report and close,
// a running activity is carried over, a status change makes no new version, next year's plan is decided
// in December and a January meeting's standing item shows it.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Meeting, PlanVersion } from '../../src/core/domain.js';
import type { Reply } from '../../src/core/events.js';
import { standingItem } from '../../src/core/use-cases/standing-item.js';
import { meetingSummary } from '../../src/core/use-cases/meeting-summary.js';
import { buildRegionalRollup } from '../../src/core/use-cases/regional-rollup.js';
import { loadActionPlanDocument } from '../../src/core/use-cases/plan-documents.js';
import { catalog } from '../../src/i18n/index.js';
import { actionPlanBot, sampleRegionalPlan, seedGroup } from '../support/action-plan-scenario.js';
import { VALID_FINAL } from '../support/report-fixtures.js';
import { testRegion } from '../support/test-region.js';

type World = ReturnType<typeof actionPlanBot>;
const data = (reply: Reply) => (reply as Extract<Reply, { kind: 'card' | 'form' | 'form-errors' }>).data as Record<string, any>;
/** What a reply shows, without the catalogue it carries for its template. */
const text = (reply: Reply) => JSON.stringify({ ...data(reply), t: undefined });

describe('one living plan over two years', () => {
  let world: World;
  let seeded: Awaited<ReturnType<typeof seedGroup>>;
  const activityId = async (title: string) => (await world.store.activities.list()).find((activity) => activity.title === title)!.id;
  const addActivity = (title: string, startDate: string, endDate: string, goal = 'SIP/SIP1') =>
    world.send(`add ${title}`, 'chair', {
      type: 'form-submitted',
      form: 'activity',
      values: { proposalId: '', title, description: `Om ${title}`, targetGroup: 'barn_och_unga', startDate, endDate, goal, status: 'planerad' },
    } as never);
  const meeting = (startsAt: string): Promise<Meeting> =>
    world.store.meetings.create({ groupId: seeded.group.id, startsAt: new Date(startsAt), durationMinutes: 90, seriesId: null, location: null, cancelled: false });
  const versions = async (): Promise<PlanVersion[]> => (await world.store.planVersions.list({ groupId: seeded.group.id })).sort((a, b) => a.year - b.year || a.version - b.version);

  beforeAll(async () => {
    world = actionPlanBot();
    seeded = await seedGroup(world.send, world.store);
    const { clock, send } = world;

    // November 2026: the analysis for 2027 and its plan, decided in December with a minutes reference.
    clock.set('2026-11-10T09:00:00Z');
    await send('round 2027', 'chair', { type: 'form-submitted', form: 'analysis-round', values: { year: '2027', proposalDeadline: '2026-11-30' } } as never);
    await addActivity('SIP-rutin i skolan', '2027-01-15', '2027-12-15');
    await addActivity('Suicidprevention för unga', '2027-02-01', '2028-06-30');
    await addActivity('Kartläggning av väntetider', '2027-01-15', '2027-06-30');
    // The 2027 round's vote is held and closed, as it is before the decision.
    const [round] = await world.store.analysisRounds.list({ groupId: seeded.group.id });
    await send('proposal', 'region', { type: 'form-submitted', form: 'proposal', values: { roundId: round!.id, title: 'Fler SIP', targetGroup: 'barn_och_unga', description: 'Fler SIP för unga', obstacles: '' } } as never);
    await send('voting 2027', 'chair', { type: 'form-submitted', form: 'voting-round', values: { roundId: round!.id, voteBudget: '7', maxVotesPerArea: '3', votingDeadline: '2026-11-30' } } as never);
    await send('close 2027', 'chair', { type: 'button', action: 'close-voting', args: { roundId: round!.id } } as never);
    clock.set('2026-12-10T14:00:00Z');
    await send('decide 2027', 'chair', { type: 'form-submitted', form: 'confirm-decision', values: { minutes: '§ 4, möte 2026-12-10' } } as never);
  });

  it('keeps the decided version as a snapshot with who, when and the minutes', async () => {
    const [first] = await versions();
    expect(first).toMatchObject({ year: 2027, version: 1, decidedByMemberId: seeded.chair.id, minutes: '§ 4, möte 2026-12-10', decidedAt: new Date('2026-12-10T14:00:00Z') });
    expect(first!.activities.map((activity) => activity.title)).toEqual(['SIP-rutin i skolan', 'Suicidprevention för unga', 'Kartläggning av väntetider']);
  });

  it('shows the plan decided in December at a January meeting', async () => {
    world.clock.set('2027-01-18T09:00:00Z');
    const january = await meeting('2027-01-20T12:00:00Z');
    const item = await standingItem(world.store, seeded.group, january, world.clock.now());
    expect(data(item).planLine).toContain('2027');
    expect(data(item).planLine).toContain('version 1');
    expect(text(item)).toContain('Kartläggning av väntetider');
  });

  it('year 1: an uppdrag and a status change follow the plan up without a new version', async () => {
    const { send, store } = world;
    world.clock.set('2027-01-21T09:00:00Z');
    await send('uppdrag', 'chair', {
      type: 'form-submitted',
      form: 'assignment',
      values: {
        activityId: await activityId('Kartläggning av väntetider'),
        title: 'Arbetsgrupp väntetider',
        startDate: '2027-01-25',
        endDate: '2027-06-30',
        targetGroupText: 'Barn och unga som väntar på BUP',
        purpose: 'Att se var väntan uppstår',
        activityText: 'Kartlägga väntetider',
        memberIds: `${seeded.bo.id},${seeded.cia.id}`,
        convenerMemberId: seeded.bo.id,
        reportingKind: 'before_each_meeting',
        reportingWeeks: '',
        reportingDates: '',
        goal: 'En kartläggning som båda huvudmännen godkänt',
        resources: 'Tio timmar var',
        finalReportForm: 'Skriftlig slutrapport',
      },
    } as never);
    // The chair sets an activity going by hand: status is follow-up.
    const sip = await activityId('SIP-rutin i skolan');
    await send('status', 'chair', {
      type: 'form-submitted',
      form: 'activity',
      values: { activityId: sip, proposalId: '', title: 'SIP-rutin i skolan', description: 'Om SIP-rutin i skolan', targetGroup: 'barn_och_unga', startDate: '2027-01-15', endDate: '2027-12-15', goal: 'SIP/SIP1', status: 'pagaende' },
    } as never);
    const [plan] = await store.plans.list({ groupId: seeded.group.id, year: 2027 });
    expect(plan).toMatchObject({ version: 1, lastRevisedAt: null });
    expect((await store.activities.get(await activityId('Kartläggning av väntetider')))!.status).toBe('pagaende');
    const actions = (await store.planChanges.list({ planId: plan!.id })).map((change) => change.action);
    expect(actions.filter((action) => action === 'activity-followed-up')).toHaveLength(2);
    expect(actions).not.toContain('activity-updated');
    expect(await versions()).toHaveLength(1);
    // Deciding again now would still be version 1: nothing was revised.
    const confirm = await send('confirm', 'chair', { type: 'button', action: 'decide-plan', args: { year: '2027' } } as never);
    expect(data(confirm).text).toContain('version 1');
  });

  it('September: next year’s analysis and activities sit beside this year’s plan, which keeps working', async () => {
    const { send, store, clock } = world;
    clock.set('2027-09-01T08:00:00Z');
    await send('round 2028', 'chair', { type: 'form-submitted', form: 'analysis-round', values: { year: '2028', proposalDeadline: '2027-09-30' } } as never);
    expect((await store.analysisRounds.list({ groupId: seeded.group.id })).map((round) => [round.year, round.status])).toEqual([[2027, 'avslutad'], [2028, 'forslag']]);
    await addActivity('Gemensam mottagning för unga', '2028-02-01', '2028-11-30');
    const plan2028 = (await store.plans.list({ groupId: seeded.group.id, year: 2028 }))[0]!;
    expect((await store.activities.get(await activityId('Gemensam mottagning för unga')))!.planId).toBe(plan2028.id);

    const chairView = await send('plan (chair)', 'chair', { type: 'command', command: 'plan', text: 'plan' } as never);
    expect(data(chairView).title).toContain('2027');
    const lines = data(chairView).focusAreas.flatMap((area: { activities: { line: string }[] }) => area.activities.map((activity) => activity.line)).join('\n');
    expect(lines).toContain('Kartläggning av väntetider');
    expect(lines).not.toContain('Gemensam mottagning');
    const [planning] = data(chairView).planning;
    expect(planning.title).toBe('Planeringsversion: lokal handlingsplan 2028');
    // Activities run over years: the one ending in June 2028 is part of 2028 by its dates.
    expect(planning.lines).toContain('Suicidprevention för unga');
    expect(planning.lines).toContain('Gemensam mottagning för unga');
    expect(planning.lines).not.toContain('SIP-rutin i skolan');
    expect(planning.canCarryOver).toBe(true);

    const memberView = await send('plan (member)', 'region', { type: 'command', command: 'plan', text: 'plan' } as never);
    expect(data(memberView).title).toContain('2027');
    expect(data(memberView).planning).toEqual([]);

    // uppdrag still offers this year's activities (and next year's), never "no activities yet".
    const form = await send('uppdrag form', 'chair', { type: 'command', command: 'uppdrag', text: 'uppdrag' } as never);
    expect(text(form)).not.toContain('Planen har inga aktiviteter ännu');
    const choices = data(form).activityChoices.map((choice: { title: string }) => choice.title).join('\n');
    expect(choices).toContain('Kartläggning av väntetider');
    expect(choices).toContain('Gemensam mottagning för unga');

    // A meeting in September works by the plan in force, 2027.
    const september = await meeting('2027-09-15T12:00:00Z');
    expect(data(await standingItem(store, seeded.group, september, clock.now())).planLine).toContain('2027');
  });

  it('September: the year-1 uppdrag reports and closes, and its activity follows', async () => {
    const { send, store, clock } = world;
    clock.set('2027-09-02T08:00:00Z');
    const [assignment] = await store.assignments.list({ groupId: seeded.group.id });
    const submitted = await send('final report', 'region', { type: 'form-submitted', form: 'final-report', values: { assignmentId: assignment!.id, draftForm: 'final-report', ...VALID_FINAL } } as never);
    expect(submitted).toMatchObject({ kind: 'card' });
    const [report] = await store.finalReports.list({ assignmentId: assignment!.id });
    await send('accept', 'chair', { type: 'button', action: 'accept-final-report', args: { finalReportId: report!.id } } as never);
    expect((await store.assignments.get(assignment!.id))!.status).toBe('avslutat');
    expect((await store.activities.get(await activityId('Kartläggning av väntetider')))!.status).toBe('klar');
    expect((await store.plans.list({ groupId: seeded.group.id, year: 2027 }))[0]).toMatchObject({ version: 1, lastRevisedAt: null });
  });

  it('"Ta med pågående aktiviteter" carries the running activity into next year, once', async () => {
    const { send, store } = world;
    const carried = await send('carry over', 'chair', { type: 'button', action: 'carry-over-activities', args: {} } as never);
    expect(data(carried).text).toContain('tog med 1 pågående aktivitet till den lokala handlingsplanen 2028');
    expect(data(carried).text).toContain('SIP-rutin i skolan');
    expect((await store.activities.get(await activityId('SIP-rutin i skolan')))!.carriedToYear).toBe(2028);
    // The finished one stays in 2027.
    expect((await store.activities.get(await activityId('Kartläggning av väntetider')))!.carriedToYear ?? null).toBeNull();
    const again = await send('carry over again', 'chair', { type: 'button', action: 'carry-over-activities', args: {} } as never);
    expect(data(again).text).toContain('finns redan med i planen för 2028');
    const refused = await send('carry over (member)', 'region', { type: 'button', action: 'carry-over-activities', args: {} } as never);
    expect(data(refused).text).toContain('Bara gruppens ordförande');
    const view = await send('plan (chair)', 'chair', { type: 'command', command: 'plan', text: 'plan' } as never);
    expect(data(view).planning[0].lines).toContain('SIP-rutin i skolan');
    expect(data(view).planning[0].canCarryOver).toBe(false);
  });

  it('December: deciding 2028 keeps 2027 in force until January, then the January meeting shows 2028', async () => {
    const { send, store, clock } = world;
    clock.set('2027-12-08T13:00:00Z');
    const confirm = await send('confirm 2028', 'chair', { type: 'button', action: 'decide-plan', args: { year: '2028' } } as never);
    expect(data(confirm).title).toContain('2028');
    expect(data(confirm).context).toEqual({ year: '2028' });
    await send('decide 2028', 'chair', { type: 'form-submitted', form: 'confirm-decision', values: { year: '2028', minutes: '§ 9, möte 2027-12-08' } } as never);
    const all = await versions();
    expect(all.map((version) => [version.year, version.version])).toEqual([[2027, 1], [2028, 1]]);
    expect(all[1]!.activities.map((activity) => activity.title).sort()).toEqual(['Gemensam mottagning för unga', 'SIP-rutin i skolan', 'Suicidprevention för unga']);
    // The decided 2027 version is untouched.
    expect(all[0]!.activities.map((activity) => activity.status)).toEqual(['planerad', 'planerad', 'planerad']);
    expect((await store.plans.list({ groupId: seeded.group.id, year: 2027 }))[0]!.version).toBe(1);

    const december = await meeting('2027-12-15T12:00:00Z');
    const decemberItem = await standingItem(store, seeded.group, december, clock.now());
    expect(data(decemberItem).planLine).toContain('2027');

    clock.set('2028-01-17T09:00:00Z');
    const january = await meeting('2028-01-19T12:00:00Z');
    const item = await standingItem(store, seeded.group, january, clock.now());
    expect(data(item).planLine).toContain('2028');
    expect(text(item)).toContain('Gemensam mottagning för unga');
    expect(text(item)).toContain('SIP-rutin i skolan');
    expect(text(item)).not.toContain('Kartläggning av väntetider');
    // The chair's summary for that meeting works by the same plan: nothing left to decide.
    const summary = await meetingSummary(store, seeded.group, clock.now(), { viewer: seeded.chair, meeting: january });
    expect(text(summary)).not.toContain('Besluta den lokala handlingsplanen');
    expect(data(summary).decidePlanLinks ?? []).toEqual([]);

    // plan in January: 2028 is in force, no planning version beside it.
    const view = await send('plan (january)', 'chair', { type: 'command', command: 'plan', text: 'plan' } as never);
    expect(data(view).title).toContain('2028');
    expect(data(view).planning).toEqual([]);
  });

  it('the plan document shows the decided version and what changed between versions; region <år> counts that year', async () => {
    const { store, clock } = world;
    const document = (await loadActionPlanDocument(store, seeded.group, 2028, sampleRegionalPlan(), catalog('sv')))!;
    const all = JSON.stringify(document);
    expect(all).toContain('Protokoll: § 9, möte 2027-12-08');
    const versionsSection = document.sections.find((section) => section.heading === 'Beslutade versioner')!;
    expect(versionsSection.bullets).toEqual([
      'Lokal handlingsplan 2027, version 1: beslutad 2026-12-10 av Anna Ordförande · Protokoll: § 4, möte 2026-12-10 · Första beslutade versionen.',
      'Lokal handlingsplan 2028, version 1: beslutad 2027-12-08 av Anna Ordförande · Protokoll: § 9, möte 2027-12-08 · Tillagd: Gemensam mottagning för unga · Borttagen: Kartläggning av väntetider',
    ]);
    const rollup = (year: number) => buildRegionalRollup(store, testRegion(), year, clock.now(), catalog('sv'), { regionalPlan: sampleRegionalPlan(), timeZone: 'Europe/Stockholm' });
    const titles = async (year: number) => (await rollup(year)).activities.map((activity) => activity.title).sort();
    expect(await titles(2027)).toEqual(['Kartläggning av väntetider', 'SIP-rutin i skolan', 'Suicidprevention för unga']);
    expect(await titles(2028)).toEqual(['Gemensam mottagning för unga', 'SIP-rutin i skolan', 'Suicidprevention för unga']);
  });
});
