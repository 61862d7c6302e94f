// Ballot secrecy in the split per huvudman (issue 16 point 8): a party's votes are shown apart only when at
// least three of its members voted, and the parties left out together also have three voters or none, since
// every area's total is on the card and their votes would otherwise be the total minus what is shown.
import { describe, expect, it } from 'vitest';
import type { Ballot } from '../../src/core/domain.js';
import { partySplit } from '../../src/core/use-cases/prioritisation.js';
import { actionPlanBot, seedGroup } from '../support/action-plan-scenario.js';

let sequence = 0;
function ballots(perParty: Record<string, number>, votes: Record<string, number> = { area: 1 }): Ballot[] {
  return Object.entries(perParty).flatMap(([organisationId, count]) =>
    Array.from({ length: count }, () => ({ id: `b${++sequence}`, roundId: 'r', memberId: `m${sequence}`, organisationId, votes, createdAt: new Date(0), updatedAt: new Date(0) }) as Ballot),
  );
}

const shown = (split: ReturnType<typeof partySplit>) => [...split.shown].sort();

describe('partySplit', () => {
  it('shows every party with at least three voters', () => {
    const split = partySplit(ballots({ region: 4, kommun: 3 }));
    expect(shown(split)).toEqual(['kommun', 'region']);
    expect(split.othersVoters).toBe(0);
  });

  it('counts parties with one or two voters together when they are at least three', () => {
    const split = partySplit(ballots({ region: 3, kommun: 1, brukare: 2 }));
    expect(shown(split)).toEqual(['region']);
    expect(split.othersVoters).toBe(3);
  });

  it('hides the smallest shown party too when the others alone would be fewer than three (the total gives them away)', () => {
    const split = partySplit(ballots({ region: 5, kommun: 3, brukare: 1 }));
    expect(shown(split)).toEqual(['region']);
    expect(split.othersVoters).toBe(4);
  });

  it('shows no party when one of two has a single voter', () => {
    const split = partySplit(ballots({ region: 3, kommun: 1 }));
    expect(shown(split)).toEqual([]);
    expect(split.othersVoters).toBe(4);
  });

  it('does not count a ballot without votes as a voter', () => {
    const split = partySplit([...ballots({ region: 3, kommun: 3 }), ...ballots({ kommun: 1 }, {})]);
    expect(shown(split)).toEqual(['kommun', 'region']);
  });
});

describe('the prioritisation card split per huvudman', () => {
  async function closedVote(perParty: Record<'region' | 'kommun', number>) {
    const { send, store, clock } = actionPlanBot();
    const { group, chair } = await seedGroup(send, store);
    const organisations = await store.organisations.list({ groupId: group.id });
    const idOf = (kind: string) => organisations.find((o) => o.kind === kind)!.id;
    const round = await store.analysisRounds.create({
      groupId: group.id, year: 2026, status: 'avslutad', proposalDeadline: clock.now(), votingDeadline: clock.now(), voteBudget: 7, maxVotesPerArea: 3,
      openedByMemberId: chair.id, votingOpenedAt: clock.now(), closedAt: clock.now(),
    } as never);
    const area = await store.proposals.create({
      groupId: group.id, title: 'Suicidprevention', description: '', targetGroup: 'vuxen', obstacles: '', proposedByMemberId: chair.id, mergedIntoProposalId: null, roundId: round.id,
    } as never);
    const votes = { region: 2, kommun: 3 } as const;
    for (const kind of ['region', 'kommun'] as const) {
      for (let index = 0; index < perParty[kind]; index += 1) {
        await store.ballots.create({ roundId: round.id, memberId: `${kind}-${index}`, organisationId: idOf(kind), votes: { [area.id]: votes[kind] } } as never);
      }
    }
    const reply = await send('split', 'chair', { type: 'button', action: 'show-prioritisation', args: { split: 'organisation' } } as never);
    return String((reply as unknown as { data: { result: string } }).data.result);
  }

  it('shows each party with at least three voters, and says the rule', async () => {
    const result = await closedVote({ region: 3, kommun: 4 });
    expect(result).toContain('1. Suicidprevention (Vuxen): 18 röster');
    expect(result).toContain('Region 6 röster, Kommun 12 röster');
    expect(result).toContain('Per part visas bara parter där minst tre har röstat');
  });

  it('shows no split when a party has two voters, as its ballots would follow from the total', async () => {
    const result = await closedVote({ region: 2, kommun: 4 });
    expect(result).not.toMatch(/Region \d|Kommun \d/);
    expect(result).toContain('Ingen uppdelning per part');
  });
});
