// Step 1, lokal analys i samverkan: the chair opens a round with a deadline, every member proposes
// development areas (utvecklingsområden) for Vuxen and Barn och unga, and the chair merges proposals about
// the same thing into named areas before the vote (step 2, prioritisation.ts).
import { TARGET_GROUPS, type AnalysisRound, type Group, type Member, type Proposal, type TargetGroup } from '../domain.js';
import { mentioning, mentionsOf, seatHolders } from '../mentions.js';
import type { FieldErrors, FormValues, Reply } from '../events.js';
import { FORM_FIELDS } from '../form-fields.js';
import { format, type Catalog } from '../../i18n/index.js';
import { formatLongDate, yearIn } from '../dates.js';
import { shorten } from '../regional-plan.js';
import type { Dependencies, GroupContext } from './context.js';
import { groupNotice, notice } from './show-help.js';
import {
  chairOnly,
  checkText,
  endOfLocalDay,
  groupRound,
  isChair,
  latestRound,
  localDate,
  memberName,
  planOfYear,
  recordChange,
  valuesOf,
  votingAreas,
} from './action-plan-common.js';
import { identityNumberErrors } from './form-checks.js';

/** A line of the analysis card: the card keeps within Slack's 3000 characters per text. */
const LINE_MAX = 280;

const targetGroupChoices = (t: Catalog) => TARGET_GROUPS.map((value) => ({ title: t.common.targetGroups[value], value }));

/** Whether proposals are still taken: the round collects them and its last day has not passed. */
const collecting = (round: AnalysisRound, now: Date): boolean => round.status === 'forslag' && now <= round.proposalDeadline;

function proposalLines(proposals: Proposal[], all: Proposal[], members: Member[], t: Catalog): string {
  const a = t.actionPlan.analysis;
  return proposals
    .map((proposal) => {
      const children = all.filter((child) => child.mergedIntoProposalId === proposal.id);
      if (children.length > 0) return shorten(format(a.mergedArea, { title: proposal.title, titles: children.map((c) => c.title).join(', ') }), LINE_MAX);
      const lines = [shorten(format(a.proposalLine, { title: proposal.title, description: proposal.description }), LINE_MAX)];
      if (proposal.obstacles) lines.push(shorten(format(a.obstaclesLine, { obstacles: proposal.obstacles }), LINE_MAX));
      lines.push(format(a.proposedBy, { name: memberName(members, proposal.proposedByMemberId, t) }));
      return lines.join('\n');
    })
    .join('\n');
}

/** The analysis card: the question, the deadline, proposals per target group, and what the asker can do next. */
export async function analysisCard(deps: Dependencies, { group, member, t }: GroupContext, round: AnalysisRound): Promise<Reply> {
  const a = t.actionPlan.analysis;
  const now = deps.clock.now();
  const [proposals, members] = await Promise.all([deps.store.proposals.list({ roundId: round.id }), deps.store.members.list({ groupId: group.id })]);
  const shown = proposals.filter((proposal) => proposal.mergedIntoProposalId === null);
  const deadline = formatLongDate(round.proposalDeadline, group.timeZone, group.locale);
  const statusLine =
    round.status === 'rostning'
      ? format(a.statusVoting, { date: round.votingDeadline ? formatLongDate(round.votingDeadline, group.timeZone, group.locale) : '' })
      : round.status === 'avslutad'
        ? a.statusClosed
        : collecting(round, now)
          ? format(a.deadlineLine, { date: deadline, name: memberName(members, round.openedByMemberId, t) })
          : format(a.closedForProposals, { count: proposals.length });
  const chair = isChair(member);
  return {
    kind: 'card',
    card: 'analysis',
    data: {
      t,
      title: format(a.title, { year: round.year }),
      question: a.question,
      statusLine,
      isEmpty: shown.length === 0,
      groups: TARGET_GROUPS.map((targetGroup) => ({ targetGroup, list: shown.filter((p) => p.targetGroup === targetGroup) }))
        .filter(({ list }) => list.length > 0)
        .map(({ targetGroup, list }) => ({
          heading: format(a.groupHeading, { targetGroup: t.common.targetGroups[targetGroup], count: list.length }),
          text: proposalLines(list, proposals, members, t),
        })),
      showPropose: collecting(round, now),
      showMerge: chair && round.status === 'forslag' && shown.length >= 2,
      showOpenVoting: chair && round.status === 'forslag' && shown.length > 0,
      showVote: round.status === 'rostning',
      showPrioritisation: round.status !== 'forslag',
      showNewRound: chair && round.status === 'avslutad',
    },
  };
}

/** `analys`: the current round; the chair without a round gets the form to start one. */
export async function showAnalysis(deps: Dependencies, context: GroupContext): Promise<Reply> {
  const round = await latestRound(deps.store, context.group.id);
  if (round) return analysisCard(deps, context, round);
  if (isChair(context.member)) return openAnalysisRound(deps, context);
  return notice(context.t, context.t.actionPlan.analysis.noRound);
}

// ---- Starting a round -------------------------------------------------------------------------------

const ROUND_FIELDS = ['year', 'proposalDeadline'] as const;
type RoundValues = Record<(typeof ROUND_FIELDS)[number], string>;

function roundForm(t: Catalog, values: RoundValues, errors?: FieldErrors): Reply {
  const data = { t, values };
  return errors ? { kind: 'form-errors', form: 'analysis-round', data, errors } : { kind: 'form', form: 'analysis-round', data };
}

export async function openAnalysisRound(deps: Dependencies, context: GroupContext): Promise<Reply> {
  if (!isChair(context.member)) return chairOnly(deps.store, context);
  const now = deps.clock.now();
  const { group } = context;
  // Plans are made in the autumn for the coming year; earlier in the year for the current one.
  const month = Number(localDate(now, group.timeZone).slice(5, 7));
  const year = yearIn(now, group.timeZone) + (month >= 9 ? 1 : 0);
  const deadline = new Date(now.getTime() + 21 * 24 * 3600 * 1000);
  return roundForm(context.t, { year: String(year), proposalDeadline: localDate(deadline, group.timeZone) });
}

export async function submitAnalysisRound(deps: Dependencies, context: GroupContext, submitted: FormValues): Promise<Reply> {
  const { group, member, t } = context;
  if (!isChair(member)) return chairOnly(deps.store, context);
  const a = t.actionPlan.analysis;
  const values = valuesOf(ROUND_FIELDS, submitted);
  const errors = identityNumberErrors(t, values);
  const now = deps.clock.now();
  const current = yearIn(now, group.timeZone);
  const year = Number(values.year.trim());
  if (!Number.isInteger(year) || year < current || year > current + 1) errors.year = format(a.yearRange, { min: current, max: current + 1 });
  const deadline = values.proposalDeadline.trim() ? endOfLocalDay(values.proposalDeadline, group.timeZone) : null;
  if (!values.proposalDeadline.trim()) errors.proposalDeadline = format(t.errors.required, { field: a.deadline });
  else if (!deadline) errors.proposalDeadline = format(t.actionPlan.assignment.badDate, { field: a.deadline, value: values.proposalDeadline.slice(0, 40) });
  else if (deadline < now) errors.proposalDeadline = format(a.deadlinePast, { field: a.deadline });
  const open = (await deps.store.analysisRounds.list({ groupId: group.id })).find((round) => round.status !== 'avslutad');
  if (open) errors.year = format(a.roundOpenAlready, { year: open.year, date: formatLongDate(open.proposalDeadline, group.timeZone, group.locale) });
  if (Object.keys(errors).length > 0 || !deadline) return roundForm(t, values, errors);

  const round = await deps.store.transaction(async (store) => {
    const created = await store.analysisRounds.create({
      groupId: group.id,
      year,
      status: 'forslag',
      proposalDeadline: deadline,
      votingDeadline: null,
      voteBudget: 7,
      maxVotesPerArea: 3,
      openedByMemberId: member.id,
      votingOpenedAt: null,
      closedAt: null,
    });
    const plan = await planOfYear(store, group.id, year, false);
    await recordChange(store, group, member, { plan, action: 'round-opened', entityId: created.id, details: { year, deadline: values.proposalDeadline } }, now);
    return created;
  });
  // The members who are to propose areas are named, so the post reaches them.
  const proposers = seatHolders(await deps.store.members.list({ groupId: group.id }), member);
  return mentioning(await analysisCard(deps, context, round), mentionsOf(proposers, member.platform));
}

// ---- Proposals --------------------------------------------------------------------------------------

const PROPOSAL_FIELDS = ['title', 'description', 'targetGroup', 'obstacles'] as const;
type ProposalValues = Record<(typeof PROPOSAL_FIELDS)[number], string>;

function proposalForm(t: Catalog, round: AnalysisRound, values: ProposalValues, errors?: FieldErrors): Reply {
  const data = { t, values, question: t.actionPlan.analysis.question, targetGroupChoices: targetGroupChoices(t), context: { roundId: round.id } };
  return errors ? { kind: 'form-errors', form: 'proposal', data, errors } : { kind: 'form', form: 'proposal', data };
}

const collectingRound = (deps: Dependencies, group: Group, roundId: string | undefined) => groupRound(deps.store, group.id, roundId);

export async function openProposal(deps: Dependencies, context: GroupContext, args: FormValues): Promise<Reply> {
  const { group, t } = context;
  const round = await collectingRound(deps, group, args.roundId);
  if (!round) return notice(t, t.actionPlan.analysis.noRound);
  if (!collecting(round, deps.clock.now())) {
    return notice(t, t.actionPlan.analysis.notCollecting, { date: formatLongDate(round.proposalDeadline, group.timeZone, group.locale) });
  }
  return proposalForm(t, round, { title: '', description: '', targetGroup: '', obstacles: '' });
}

export async function submitProposal(deps: Dependencies, context: GroupContext, submitted: FormValues): Promise<Reply> {
  const { group, member, t } = context;
  const a = t.actionPlan.analysis;
  const round = await collectingRound(deps, group, submitted.roundId);
  if (!round) return notice(t, a.noRound);
  const values = valuesOf(PROPOSAL_FIELDS, submitted);
  const errors = identityNumberErrors(t, values);
  const title = checkText(t, errors, 'title', a.proposalTitle, values.title, FORM_FIELDS.proposal.title);
  const description = checkText(t, errors, 'description', a.description, values.description, FORM_FIELDS.proposal.description);
  const obstacles = checkText(t, errors, 'obstacles', a.obstacles, values.obstacles, FORM_FIELDS.proposal.obstacles);
  if (!(TARGET_GROUPS as readonly string[]).includes(values.targetGroup)) errors.targetGroup = format(t.errors.required, { field: a.targetGroup });
  // Said on the form, so that what was typed stays on screen and can be kept elsewhere.
  if (!collecting(round, deps.clock.now())) errors.title = format(a.notCollecting, { date: formatLongDate(round.proposalDeadline, group.timeZone, group.locale) });
  if (Object.keys(errors).length > 0) return proposalForm(t, round, values, errors);
  const targetGroup = values.targetGroup as TargetGroup;
  await deps.store.proposals.create({
    groupId: group.id,
    title,
    description,
    targetGroup,
    obstacles,
    proposedByMemberId: member.id,
    mergedIntoProposalId: null,
    roundId: round.id,
  });
  return groupNotice(t, a.proposalSaved, {
    name: member.displayName,
    title,
    targetGroup: t.common.targetGroups[targetGroup],
    date: formatLongDate(round.proposalDeadline, group.timeZone, group.locale),
  });
}

// ---- Merging proposals into named areas (rådslag: "lägga samman de som handlade om samma område") ----

const MERGE_FIELDS = ['proposalIds', 'areaName', 'targetGroup'] as const;
type MergeValues = Record<(typeof MERGE_FIELDS)[number], string>;

function mergeForm(t: Catalog, round: AnalysisRound, areas: Proposal[], values: MergeValues, errors?: FieldErrors): Reply {
  const data = {
    t,
    values,
    proposalChoices: areas.map((p) => ({ title: shorten(`${p.title} (${t.common.targetGroups[p.targetGroup]})`, 75), value: p.id })),
    targetGroupChoices: targetGroupChoices(t),
    context: { roundId: round.id },
  };
  return errors ? { kind: 'form-errors', form: 'merge-proposals', data, errors } : { kind: 'form', form: 'merge-proposals', data };
}

async function mergeableRound(deps: Dependencies, context: GroupContext, roundId: string | undefined): Promise<{ round: AnalysisRound; areas: Proposal[] } | Reply> {
  const { group, t } = context;
  const round = await collectingRound(deps, group, roundId);
  if (!round) return notice(t, t.actionPlan.analysis.noRound);
  if (round.status !== 'forslag') return notice(t, t.actionPlan.analysis.mergeTooLate);
  return { round, areas: await votingAreas(deps.store, round.id) };
}

export async function openMerge(deps: Dependencies, context: GroupContext, args: FormValues): Promise<Reply> {
  if (!isChair(context.member)) return chairOnly(deps.store, context);
  const found = await mergeableRound(deps, context, args.roundId);
  if ('kind' in found) return found;
  if (found.areas.length < 2) return notice(context.t, context.t.actionPlan.analysis.nothingToMerge);
  return mergeForm(context.t, found.round, found.areas, { proposalIds: '', areaName: '', targetGroup: '' });
}

export async function submitMerge(deps: Dependencies, context: GroupContext, submitted: FormValues): Promise<Reply> {
  const { group, member, t } = context;
  if (!isChair(member)) return chairOnly(deps.store, context);
  const a = t.actionPlan.analysis;
  const found = await mergeableRound(deps, context, submitted.roundId);
  if ('kind' in found) return found;
  const { round, areas } = found;
  const values = valuesOf(MERGE_FIELDS, submitted);
  const errors = identityNumberErrors(t, values);
  const ids = [...new Set(values.proposalIds.split(',').map((id) => id.trim()).filter(Boolean))];
  const chosen = ids.map((id) => areas.find((area) => area.id === id));
  if (chosen.some((proposal) => !proposal)) errors.proposalIds = a.mergeUnknown;
  else if (ids.length < 2) errors.proposalIds = format(a.mergeAtLeastTwo, { count: ids.length });
  const areaName = checkText(t, errors, 'areaName', a.areaName, values.areaName, FORM_FIELDS['merge-proposals'].areaName);
  if (!(TARGET_GROUPS as readonly string[]).includes(values.targetGroup)) errors.targetGroup = format(t.errors.required, { field: a.targetGroup });
  if (Object.keys(errors).length > 0) return mergeForm(t, round, areas, values, errors);

  const merged = chosen as Proposal[];
  const now = deps.clock.now();
  await deps.store.transaction(async (store) => {
    const area = await store.proposals.create({
      groupId: group.id,
      title: areaName,
      description: merged.map((p) => p.description).filter(Boolean).join('\n'),
      targetGroup: values.targetGroup as TargetGroup,
      obstacles: merged.map((p) => p.obstacles).filter(Boolean).join('\n'),
      proposedByMemberId: member.id,
      mergedIntoProposalId: null,
      roundId: round.id,
    });
    for (const proposal of merged) await store.proposals.update(proposal.id, { mergedIntoProposalId: area.id });
    const plan = await planOfYear(store, group.id, round.year, false);
    await recordChange(store, group, member, { plan, action: 'proposals-merged', entityId: area.id, details: { title: areaName, count: merged.length } }, now);
  });
  return groupNotice(t, a.merged, { name: member.displayName, count: merged.length, title: areaName });
}
