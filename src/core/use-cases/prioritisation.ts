// Step 2, prioritering, the rådslag way: every member has a budget of votes (default 7) and may put at
// most a cap (default 3) on one area; the ballot can be changed until the deadline; the tally is anonymous,
// optionally split by the voters' party organisations.
import { mentioning, mentionsOf, seatHolders } from '../mentions.js';
import type { AnalysisRound, Ballot, Group, Member, PartyOrganisation, Proposal } from '../domain.js';
import type { FieldErrors, FormValues, Reply } from '../events.js';
import { FORM_FIELDS } from '../form-fields.js';
import { format, type Catalog } from '../../i18n/index.js';
import { formatLongDate } from '../dates.js';
import type { Dependencies, GroupContext } from './context.js';
import { groupNotice, notice } from './show-help.js';
import { chairOnly, endOfLocalDay, groupRound, isChair, latestRound, localDate, planOfYear, recordChange, valuesOf, votingAreas } from './action-plan-common.js';
import { identityNumberErrors } from './form-checks.js';

const DEFAULT_BUDGET = 7;
const DEFAULT_CAP = 3;
const MAX_BUDGET = FORM_FIELDS['voting-round'].voteBudget.number.max;
/** Areas shown in the tally: the card must stay within Slack's 50 blocks and 3000 characters per text. */
const TALLY_LINES = 25;

export interface TallyRow {
  area: Proposal;
  votes: number;
  byOrganisation: Map<string | null, number>;
}

/** Votes per area, most first (ties: the earlier proposal first). Who voted what is never part of it. */
export function tally(areas: Proposal[], ballots: Ballot[]): TallyRow[] {
  const rows = areas.map((area) => ({ area, votes: 0, byOrganisation: new Map<string | null, number>() }));
  for (const ballot of ballots) {
    for (const row of rows) {
      const votes = ballot.votes[row.area.id] ?? 0;
      if (votes <= 0) continue;
      row.votes += votes;
      row.byOrganisation.set(ballot.organisationId, (row.byOrganisation.get(ballot.organisationId) ?? 0) + votes);
    }
  }
  return rows.map((row, index) => ({ row, index })).sort((a, b) => b.row.votes - a.row.votes || a.index - b.index).map(({ row }) => row);
}

/** A party's votes are shown apart only when at least this many of its members voted (ballot secrecy). */
export const MIN_VOTERS_PER_PARTY = 3;

export interface PartySplit {
  /** Parties whose votes are shown on their own. */
  shown: Set<string | null>;
  /** How many voted in the other parties together (0, or at least MIN_VOTERS_PER_PARTY). */
  othersVoters: number;
}

/**
 * Which parties' votes the split may show without revealing a ballot. A party with fewer than three voters
 * is counted with the others, and since every area's total is on the card, the others together must also
 * have at least three voters or be none: otherwise their votes are the total minus what is shown. So the
 * smallest shown parties join the others until that holds (secondary suppression, as statistics offices do).
 */
export function partySplit(ballots: Ballot[]): PartySplit {
  const voters = new Map<string | null, number>();
  for (const ballot of ballots) {
    if (!Object.values(ballot.votes).some((votes) => votes > 0)) continue;
    voters.set(ballot.organisationId, (voters.get(ballot.organisationId) ?? 0) + 1);
  }
  const shown = [...voters.entries()].filter(([, count]) => count >= MIN_VOTERS_PER_PARTY).sort((a, b) => b[1] - a[1]);
  let othersVoters = [...voters.values()].reduce((sum, count) => sum + count, 0) - shown.reduce((sum, [, count]) => sum + count, 0);
  while (othersVoters > 0 && othersVoters < MIN_VOTERS_PER_PARTY && shown.length > 0) othersVoters += shown.pop()![1];
  return { shown: new Set(shown.map(([id]) => id)), othersVoters };
}

/**
 * One voice per seat: an ersättare's ballot counts only while the member they stand in for has cast none
 * (issue 17). Otherwise a party would weigh double whenever both voted. Nothing is deleted: when the
 * ordinary member votes after their ersättare, the ersättare's ballot simply stops counting.
 */
export function countingBallots(ballots: Ballot[], members: Member[]): Ballot[] {
  const voted = new Set(ballots.filter(hasVotes).map((ballot) => ballot.memberId));
  const standsInFor = new Map(members.filter(isSubstitute).map((member) => [member.id, member.substituteForMemberId!]));
  return ballots.filter((ballot) => !voted.has(standsInFor.get(ballot.memberId) ?? ''));
}

const hasVotes = (ballot: Ballot): boolean => Object.values(ballot.votes).some((votes) => votes > 0);
const isSubstitute = (member: Member): boolean => member.roles.includes('ersattare') && member.substituteForMemberId !== null;

/**
 * Whether `member` is still to vote in a round with `ballots`: no ballot with votes of their own, and, for
 * an ersättare, none from the member they stand in for (one voice per seat, as countingBallots counts).
 */
export function stillToVote(ballots: readonly Ballot[], member: Member): boolean {
  const voted = (memberId: string) => ballots.some((ballot) => ballot.memberId === memberId && hasVotes(ballot));
  return !voted(member.id) && !(isSubstitute(member) && voted(member.substituteForMemberId!));
}

/** The member `member` stands in for, when that member has voted in the round (then `member` may not). */
async function ordinaryWhoVoted(deps: Dependencies, roundId: string, member: Member): Promise<Member | null> {
  if (!isSubstitute(member)) return null;
  const ballot = await findBallot(deps, roundId, member.substituteForMemberId!);
  return ballot && hasVotes(ballot) ? deps.store.members.get(member.substituteForMemberId!) : null;
}

/** "Eva Ersättare för Bo Region": the ersättare whose ballots count, for the card's status. */
function substituteVoters(ballots: Ballot[], members: Member[], t: Catalog): string[] {
  const byId = new Map(members.map((member) => [member.id, member]));
  return ballots
    .filter(hasVotes)
    .map((ballot) => byId.get(ballot.memberId))
    .filter((member): member is Member => member !== undefined && isSubstitute(member))
    .map((member) => format(t.actionPlan.voting.substituteFor, { name: member.displayName, ordinary: byId.get(member.substituteForMemberId!)?.displayName ?? '' }));
}

export function splitText(row: TallyRow, split: PartySplit, organisations: PartyOrganisation[], t: Catalog): string {
  const v = t.actionPlan.voting;
  // The parties in the order the group lists them (as everywhere else), not by size.
  const order = (id: string | null) => (id === null ? organisations.length : organisations.findIndex((o) => o.id === id));
  const parts = [...split.shown].sort((a, b) => order(a) - order(b)).map((id) =>
    format(v.splitPart, { organisation: organisations.find((o) => o.id === id)?.name ?? v.noOrganisation, votes: row.byOrganisation.get(id) ?? 0 }),
  );
  if (split.othersVoters > 0) {
    const shownVotes = [...split.shown].reduce((sum, id) => sum + (row.byOrganisation.get(id) ?? 0), 0);
    parts.push(format(v.splitOthers, { votes: row.votes - shownVotes }));
  }
  return format(v.splitLine, { parts: parts.join(', ') });
}

/** The prioritisation card: rules, deadline, how many voted, and (once closed) the anonymous result. */
export async function prioritisationCard(deps: Dependencies, { group, member, t }: GroupContext, round: AnalysisRound, split: boolean): Promise<Reply> {
  const v = t.actionPlan.voting;
  const [areas, allBallots, organisations, members] = await Promise.all([
    votingAreas(deps.store, round.id),
    deps.store.ballots.list({ roundId: round.id }),
    deps.store.organisations.list({ groupId: group.id }),
    deps.store.members.list({ groupId: group.id }),
  ]);
  const ballots = countingBallots(allBallots, members);
  const voters = ballots.filter(hasVotes).length;
  const substitutes = substituteVoters(ballots, members, t);
  const closed = round.status === 'avslutad';
  const statusLine =
    round.status === 'forslag'
      ? v.notOpenYet
      : closed
        ? format(v.closedLine, { date: formatLongDate(round.closedAt ?? deps.clock.now(), group.timeZone, group.locale), count: voters })
        : format(v.deadlineLine, { date: round.votingDeadline ? formatLongDate(round.votingDeadline, group.timeZone, group.locale) : '', count: voters });
  const rows = closed ? tally(areas, ballots).slice(0, TALLY_LINES) : [];
  const parties = split ? partySplit(ballots) : null;
  const splitShown = parties !== null && parties.shown.size > 0;
  const lines = rows.map((row, index) => {
    const line = format(v.resultLine, { rank: index + 1, title: row.area.title, targetGroup: t.common.targetGroups[row.area.targetGroup], votes: row.votes });
    return splitShown && row.votes > 0 ? `${line}\n${splitText(row, parties, organisations, t)}` : line;
  });
  // Said whenever a split was asked for: why a party is missing, or why there is no split at all.
  if (parties) lines.push(splitShown ? v.splitRule : v.splitNone);
  const result = lines.join('\n');
  const chair = isChair(member);
  return {
    kind: 'card',
    card: 'prioritisation',
    data: {
      t,
      title: format(v.title, { year: round.year }),
      intro: format(v.intro, { budget: round.voteBudget, cap: round.maxVotesPerArea }),
      statusLine: substitutes.length > 0 ? `${statusLine}\n${format(v.substitutesLine, { names: substitutes.join(', ') })}` : statusLine,
      result: closed ? result : v.hiddenUntilClosed,
      guidance: v.guidance,
      showVote: round.status === 'rostning',
      showOpenVoting: chair && round.status === 'forslag',
      showClose: chair && round.status === 'rostning',
      showSplit: closed && !split && organisations.length > 0,
      showAddActivity: chair && closed,
      split: 'organisation',
    },
  };
}

/** `prioritering`: the current round's vote; before it opens the chair gets the form to open it. */
export async function showPrioritisation(deps: Dependencies, context: GroupContext, args: FormValues): Promise<Reply> {
  const round = await latestRound(deps.store, context.group.id);
  if (!round) return notice(context.t, context.t.actionPlan.analysis.noRound);
  if (round.status === 'forslag' && isChair(context.member) && !args.split) return openVotingRound(deps, context);
  return prioritisationCard(deps, context, round, args.split === 'organisation');
}

// ---- Opening the vote -------------------------------------------------------------------------------

const VOTING_FIELDS = ['voteBudget', 'maxVotesPerArea', 'votingDeadline'] as const;
type VotingValues = Record<(typeof VOTING_FIELDS)[number], string>;

function votingForm(t: Catalog, round: AnalysisRound, values: VotingValues, errors?: FieldErrors): Reply {
  const data = { t, values, context: { roundId: round.id } };
  return errors ? { kind: 'form-errors', form: 'voting-round', data, errors } : { kind: 'form', form: 'voting-round', data };
}

const roundOf = (deps: Dependencies, context: GroupContext, roundId: string | undefined) => groupRound(deps.store, context.group.id, roundId);

export async function openVotingRound(deps: Dependencies, context: GroupContext, args: FormValues = {}): Promise<Reply> {
  const { group, t } = context;
  if (!isChair(context.member)) return chairOnly(deps.store, context);
  const round = await roundOf(deps, context, args.roundId);
  if (!round || round.status !== 'forslag') return notice(t, t.actionPlan.voting.notCollecting);
  if ((await votingAreas(deps.store, round.id)).length === 0) return notice(t, t.actionPlan.voting.noAreas);
  const deadline = new Date(Math.max(deps.clock.now().getTime(), round.proposalDeadline.getTime()) + 14 * 24 * 3600 * 1000);
  return votingForm(t, round, { voteBudget: String(DEFAULT_BUDGET), maxVotesPerArea: String(DEFAULT_CAP), votingDeadline: localDate(deadline, group.timeZone) });
}

function wholeNumber(value: string): number | null {
  const trimmed = value.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : null;
}

export async function submitVotingRound(deps: Dependencies, context: GroupContext, submitted: FormValues): Promise<Reply> {
  const { group, member, t } = context;
  if (!isChair(member)) return chairOnly(deps.store, context);
  const v = t.actionPlan.voting;
  const round = await roundOf(deps, context, submitted.roundId);
  if (!round || round.status !== 'forslag') return notice(t, v.notCollecting);
  const values = valuesOf(VOTING_FIELDS, submitted);
  const errors = identityNumberErrors(t, values);
  const now = deps.clock.now();
  const budget = wholeNumber(values.voteBudget);
  if (budget === null || budget < 1 || budget > MAX_BUDGET) errors.voteBudget = format(v.budgetRange, { max: MAX_BUDGET, value: values.voteBudget.slice(0, 20) });
  const cap = wholeNumber(values.maxVotesPerArea);
  if (cap === null || cap < 1 || (budget !== null && cap > budget)) {
    errors.maxVotesPerArea = format(v.capRange, { budget: budget ?? MAX_BUDGET, value: values.maxVotesPerArea.slice(0, 20) });
  }
  const deadline = endOfLocalDay(values.votingDeadline, group.timeZone);
  if (!values.votingDeadline.trim()) errors.votingDeadline = format(t.errors.required, { field: v.deadline });
  else if (!deadline) errors.votingDeadline = format(t.actionPlan.assignment.badDate, { field: v.deadline, value: values.votingDeadline.slice(0, 40) });
  else if (deadline < now) errors.votingDeadline = format(t.actionPlan.analysis.deadlinePast, { field: v.deadline });
  if ((await votingAreas(deps.store, round.id)).length === 0) errors.voteBudget = v.noAreas;
  if (Object.keys(errors).length > 0 || budget === null || cap === null || !deadline) return votingForm(t, round, values, errors);

  await deps.store.transaction(async (store) => {
    await store.analysisRounds.update(round.id, { status: 'rostning', voteBudget: budget, maxVotesPerArea: cap, votingDeadline: deadline, votingOpenedAt: now });
    const plan = await planOfYear(store, group.id, round.year, false);
    await recordChange(store, group, member, { plan, action: 'voting-opened', entityId: round.id, details: { budget, cap, deadline: values.votingDeadline } }, now);
  });
  // The members who are to vote are named, so the post reaches them.
  const voters = seatHolders(await deps.store.members.list({ groupId: group.id }), member);
  return mentioning(groupNotice(t, v.opened, { name: member.displayName, budget, cap, date: formatLongDate(deadline, group.timeZone, group.locale) }), mentionsOf(voters, member.platform));
}

// ---- The ballot -------------------------------------------------------------------------------------

/** Input ids of the ballot: one per area, so errors land under the area they are about. */
const areaField = (area: Proposal): string => `area-${area.id}`;

interface BallotArea {
  area: Proposal;
  value: string;
}

function ballotForm(t: Catalog, round: AnalysisRound, group: Group, areas: BallotArea[], used: number, errors?: FieldErrors): Reply {
  const v = t.actionPlan.voting;
  const data = {
    t,
    intro: format(v.ballotIntro, {
      left: Math.max(0, round.voteBudget - used),
      budget: round.voteBudget,
      cap: round.maxVotesPerArea,
      date: round.votingDeadline ? formatLongDate(round.votingDeadline, group.timeZone, group.locale) : '',
    }),
    areas: areas.map(({ area, value }) => ({
      id: areaField(area),
      label: format(v.ballotArea, { title: area.title, targetGroup: t.common.targetGroups[area.targetGroup] }),
      value,
      max: round.maxVotesPerArea,
      // Teams shows the error from the data (templates cannot index errors by a computed id); Slack uses `errors`.
      error: errors?.[areaField(area)] ?? '',
    })),
    context: { roundId: round.id },
  };
  return errors ? { kind: 'form-errors', form: 'ballot', data, errors } : { kind: 'form', form: 'ballot', data };
}

/** Refusal when the vote is not open for this member now; null when they may vote. */
export function votingClosedReason(t: Catalog, round: AnalysisRound | null, now: Date, group: Group): string | null {
  if (!round || round.status !== 'rostning') return t.actionPlan.voting.notVoting;
  if (round.votingDeadline && now > round.votingDeadline) return format(t.actionPlan.voting.votingOver, { date: formatLongDate(round.votingDeadline, group.timeZone, group.locale) });
  return null;
}

export async function openBallot(deps: Dependencies, context: GroupContext, args: FormValues): Promise<Reply> {
  const { group, member, t } = context;
  const round = await roundOf(deps, context, args.roundId);
  const closedReason = votingClosedReason(t, round, deps.clock.now(), group);
  if (closedReason || !round) return notice(t, closedReason ?? t.actionPlan.voting.notVoting);
  const ordinary = await ordinaryWhoVoted(deps, round.id, member);
  if (ordinary) return notice(t, t.actionPlan.voting.ordinaryVoted, { ordinary: ordinary.displayName });
  const [areas, ballot] = await Promise.all([votingAreas(deps.store, round.id), findBallot(deps, round.id, member.id)]);
  const votes = ballot?.votes ?? {};
  const used = Object.values(votes).reduce((sum, n) => sum + n, 0);
  return ballotForm(t, round, group, areas.map((area) => ({ area, value: String(votes[area.id] ?? 0) })), used);
}

async function findBallot(deps: Dependencies, roundId: string, memberId: string): Promise<Ballot | null> {
  return (await deps.store.ballots.list({ roundId, memberId }))[0] ?? null;
}

export type BallotCheck = { ok: true; votes: Record<string, number>; used: number } | { ok: false; errors: FieldErrors };

/** The rules of the ballot: whole numbers, at most `cap` on one area, at most `budget` in all, at least one vote. */
export function checkBallot(t: Catalog, round: Pick<AnalysisRound, 'voteBudget' | 'maxVotesPerArea'>, areas: Proposal[], values: FormValues): BallotCheck {
  const v = t.actionPlan.voting;
  const errors = identityNumberErrors(t, values);
  const votes: Record<string, number> = {};
  for (const area of areas) {
    const raw = (values[areaField(area)] ?? '').trim();
    const count = raw === '' ? 0 : wholeNumber(raw);
    if (count === null) errors[areaField(area)] = format(v.notWhole, { area: area.title, value: raw.slice(0, 20) });
    else if (count > round.maxVotesPerArea) errors[areaField(area)] = format(v.overCap, { area: area.title, cap: round.maxVotesPerArea, votes: count });
    else if (count > 0) votes[area.id] = count;
  }
  const used = Object.values(votes).reduce((sum, n) => sum + n, 0);
  const first = areas[0];
  if (first && Object.keys(errors).length === 0) {
    if (used > round.voteBudget) {
      // The budget is about the whole ballot: shown under the first area that got votes.
      const at = areas.find((area) => votes[area.id]) ?? first;
      errors[areaField(at)] = format(v.overBudget, { used, budget: round.voteBudget, excess: used - round.voteBudget });
    } else if (used === 0) errors[areaField(first)] = v.noVotes;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, votes, used };
}

export async function submitBallot(deps: Dependencies, context: GroupContext, submitted: FormValues): Promise<Reply> {
  const { group, member, t } = context;
  const round = await roundOf(deps, context, submitted.roundId);
  const now = deps.clock.now();
  const closedReason = votingClosedReason(t, round, now, group);
  if (closedReason || !round) return notice(t, closedReason ?? t.actionPlan.voting.notVoting);
  const areas = await votingAreas(deps.store, round.id);
  // The ordinary member may have voted since this ersättare opened the ballot: refused with what was typed kept.
  const ordinary = await ordinaryWhoVoted(deps, round.id, member);
  const checked: BallotCheck =
    ordinary && areas[0]
      ? { ok: false, errors: { [areaField(areas[0])]: format(t.actionPlan.voting.ordinaryVoted, { ordinary: ordinary.displayName }) } }
      : checkBallot(t, round, areas, submitted);
  if (!checked.ok) {
    const typed = areas.map((area) => ({ area, value: submitted[areaField(area)] ?? '' }));
    const typedTotal = typed.reduce((sum, { value }) => sum + (wholeNumber(value) ?? 0), 0);
    return ballotForm(t, round, group, typed, typedTotal, checked.errors);
  }
  const existing = await findBallot(deps, round.id, member.id);
  if (existing) await deps.store.ballots.update(existing.id, { votes: checked.votes, organisationId: member.organisationId });
  else await deps.store.ballots.create({ roundId: round.id, memberId: member.id, organisationId: member.organisationId, votes: checked.votes });
  return notice(t, t.actionPlan.voting.ballotSaved, {
    name: member.displayName,
    used: checked.used,
    budget: round.voteBudget,
    date: round.votingDeadline ? formatLongDate(round.votingDeadline, group.timeZone, group.locale) : '',
  });
}

export async function closeVoting(deps: Dependencies, context: GroupContext, args: FormValues): Promise<Reply> {
  const { group, member, t } = context;
  if (!isChair(member)) return chairOnly(deps.store, context);
  const round = await roundOf(deps, context, args.roundId);
  if (!round || round.status !== 'rostning') return notice(t, t.actionPlan.voting.notVoting);
  const now = deps.clock.now();
  const closed = await deps.store.transaction(async (store) => {
    const updated = await store.analysisRounds.update(round.id, { status: 'avslutad', closedAt: now });
    const plan = await planOfYear(store, group.id, round.year, false);
    await recordChange(store, group, member, { plan, action: 'voting-closed', entityId: round.id, details: {} }, now);
    return updated;
  });
  return prioritisationCard(deps, context, closed, false);
}
