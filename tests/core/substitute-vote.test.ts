// One voice per seat in the rådslag (issue 17 point 6): an ersättare votes only when the ordinary member
// has not, so a party's weight is never doubled, and the card says who voted for whom. Driven through the
// real bot at a fixed clock on the in-memory store.
import { beforeEach, describe, expect, it } from 'vitest';
import type { InboundEvent, Reply } from '../../src/core/events.js';
import { actor } from '../support/events.js';
import { actionPlanBot, people, seedGroup } from '../support/action-plan-scenario.js';

const EVA = actor({ userId: 'U_EVA', displayName: 'Eva Ersättare' });

let world: ReturnType<typeof actionPlanBot>;
let roundId: string;
let areaIds: string[];

const as = (who: typeof EVA, event: Omit<InboundEvent, 'channel' | 'actor'>): Promise<Reply> =>
  world.bot.handle({ ...event, channel: world.channel, actor: who } as InboundEvent);
const ballot = (who: typeof EVA, votes: number[]) =>
  as(who, { type: 'form-submitted', form: 'ballot', values: { roundId, ...Object.fromEntries(areaIds.map((id, index) => [`area-${id}`, String(votes[index] ?? 0)])) } } as never);
const card = async (): Promise<Record<string, any>> => ((await as(people.chair, { type: 'command', command: 'prioritering', text: 'prioritering' } as never)) as any).data;

beforeEach(async () => {
  world = actionPlanBot();
  const { store, clock, send } = world;
  const { group, chair, bo } = await seedGroup(send, store);
  // Eva stands in for Bo (region).
  await store.members.create({
    groupId: group.id, platform: 'slack', tenantId: EVA.tenantId, platformUserId: EVA.userId, displayName: EVA.displayName,
    organisationId: bo.organisationId, roles: ['ersattare'], substituteForMemberId: bo.id,
  } as never);
  const round = await store.analysisRounds.create({
    groupId: group.id, year: 2026, status: 'rostning', proposalDeadline: clock.now(), votingDeadline: new Date('2026-10-20T21:59:59Z'),
    voteBudget: 7, maxVotesPerArea: 3, openedByMemberId: chair.id, votingOpenedAt: clock.now(), closedAt: null,
  } as never);
  roundId = round.id;
  const area = (title: string) => store.proposals.create({ groupId: group.id, title, description: '', targetGroup: 'vuxen', obstacles: '', proposedByMemberId: chair.id, mergedIntoProposalId: null, roundId } as never);
  areaIds = [(await area('Suicidprevention')).id, (await area('SIP för unga')).id];
});

describe('the ersättare in the rådslag', () => {
  it('votes when the ordinary member has not, and the card says for whom', async () => {
    expect((await as(EVA, { type: 'button', action: 'open-ballot', args: { roundId } } as never)).kind).toBe('form');
    expect((await ballot(EVA, [3, 2])).kind).toBe('card');
    const status = (await card()).statusLine as string;
    expect(status).toMatch(/\b1 \S+ har röstat/); // the count, whatever form its noun takes
    expect(status).toContain('Ersättare som röstat i stället för ordinarie ledamot: Eva Ersättare för Bo Region.');
  });

  it('stops counting the ersättare\'s ballot once the ordinary member votes: one voice per seat', async () => {
    await ballot(EVA, [3, 2]);
    await ballot(people.region, [1, 0]);
    const status = (await card()).statusLine as string;
    expect(status).not.toContain('Eva Ersättare');
    await as(people.chair, { type: 'button', action: 'close-voting', args: { roundId } } as never);
    const result = (await card()).result as string;
    // Bo's one vote, not Eva's three added to it.
    expect(result).toMatch(/1\. Suicidprevention \(Vuxen\): 1 röst(er)?(\n|$)/);
  });

  it('refuses the ballot of an ersättare whose ordinary member has voted, keeping what was typed', async () => {
    await ballot(people.region, [2, 2]);
    const opened = await as(EVA, { type: 'button', action: 'open-ballot', args: { roundId } } as never);
    expect(JSON.stringify(opened)).toContain('Bo Region, som du är ersättare för, har redan röstat.');
    const refused = (await ballot(EVA, [3, 1])) as any;
    expect(refused.kind).toBe('form-errors');
    expect(Object.values(refused.errors).join(' ')).toContain('har redan röstat');
    expect(JSON.stringify(refused.data)).toContain('"3"');
    const ballots = await world.store.ballots.list({ roundId });
    expect(ballots).toHaveLength(1);
  });
});
