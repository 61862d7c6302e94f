// Exports of steps 1–2 and 8 (issue 18 item 3), as .docx and .xlsx through `exportera`: the rådslag (the
// proposals per target group, the areas they were merged into, and the tally per area and per huvudman, as
// the Västra Götaland rådslag kept it in Excel) and the year's evaluation (every answer per question). The
// tally keeps the ballot secrecy of the prioritisation card: nothing before the vote is closed, and a party's
// votes apart only under partySplit's rule (at least three voters, the rest counted together).
import type { AnalysisRound, Group, Proposal } from '../domain.js';
import type { FileContent } from '../file-export.js';
import type { Store } from '../ports.js';
import type { Sheet } from '../sheet.js';
import { format, type Catalog } from '../../i18n/index.js';
import { formatDate, formatLongDate } from '../dates.js';
import type { DocumentSection } from './plan-documents.js';
import { votingAreas } from './action-plan-common.js';
import { countingBallots, partySplit, splitText, tally } from './prioritisation.js';
import { EVALUATION_FIELDS } from './evaluation.js';
import { TARGET_GROUPS } from '../domain.js';

export type StepFormat = 'docx' | 'xlsx';

/** The group's analysis round of `year` (the latest, when a year had more than one). */
async function roundOfYear(store: Store, group: Group, year: number): Promise<AnalysisRound | null> {
  return (await store.analysisRounds.list({ groupId: group.id })).filter((round) => round.year === year).at(-1) ?? null;
}

/** The rådslag of `year`, or null when the group had no analysis round that year. */
export async function radslagContent(store: Store, group: Group, t: Catalog, year: number, fileFormat: StepFormat, now: Date): Promise<FileContent | null> {
  const round = await roundOfYear(store, group, year);
  if (!round) return null;
  const r = t.exports.radslag;
  const v = t.actionPlan.voting;
  const [proposals, areas, allBallots, members, organisations] = await Promise.all([
    store.proposals.list({ roundId: round.id }),
    votingAreas(store, round.id),
    store.ballots.list({ roundId: round.id }),
    store.members.list({ groupId: group.id }),
    store.organisations.list({ groupId: group.id }),
  ]);
  const byId = new Map(proposals.map((proposal) => [proposal.id, proposal]));
  const areaOf = (proposal: Proposal) => (proposal.mergedIntoProposalId ? (byId.get(proposal.mergedIntoProposalId)?.title ?? '') : '');
  // The proposals members made (a merged area is the chair's name for several of them, listed on its own).
  const proposed = proposals.filter((proposal) => !proposals.some((other) => other.mergedIntoProposalId === proposal.id));
  const closed = round.status === 'avslutad';
  const ballots = countingBallots(allBallots, members);
  const rows = closed ? tally(areas, ballots) : [];
  const split = partySplit(ballots);
  const order = (id: string | null) => (id === null ? organisations.length : organisations.findIndex((o) => o.id === id));
  const shownParties = [...split.shown].sort((a, b) => order(a) - order(b));
  const partyName = (id: string | null) => organisations.find((o) => o.id === id)?.name ?? v.noOrganisation;

  if (fileFormat === 'xlsx') {
    const c = r.columns;
    const proposalSheet: Sheet = {
      name: r.sheets.proposals,
      columns: [
        { key: 'targetGroup', header: c.targetGroup, width: 24 },
        { key: 'title', header: c.title, width: 40 },
        { key: 'description', header: c.description, width: 50 },
        { key: 'obstacles', header: c.obstacles, width: 40 },
        { key: 'area', header: c.area, width: 40 },
        { key: 'proposed', header: c.proposed },
      ],
      rows: proposed.map((proposal) => ({
        targetGroup: t.common.targetGroups[proposal.targetGroup],
        title: proposal.title,
        description: proposal.description,
        obstacles: proposal.obstacles,
        area: areaOf(proposal),
        proposed: formatDate(proposal.createdAt, group.timeZone),
      })),
    };
    const partyColumns = shownParties.map((id, index) => ({ key: `party${index}`, header: format(c.partyVotes, { organisation: partyName(id) }), width: 18 }));
    const tallySheet: Sheet = {
      name: r.sheets.tally,
      columns: [
        { key: 'rank', header: c.rank, width: 8 },
        { key: 'area', header: c.area, width: 40 },
        { key: 'targetGroup', header: c.targetGroup, width: 24 },
        { key: 'votes', header: c.votes, width: 10 },
        ...partyColumns,
        ...(shownParties.length > 0 && split.othersVoters > 0 ? [{ key: 'others', header: c.otherVotes, width: 18 }] : []),
      ],
      rows: rows.map((row, index) => {
        const perParty = Object.fromEntries(shownParties.map((id, column) => [`party${column}`, row.byOrganisation.get(id) ?? 0]));
        const shownVotes = shownParties.reduce((sum, id) => sum + (row.byOrganisation.get(id) ?? 0), 0);
        return {
          rank: index + 1,
          area: row.area.title,
          targetGroup: t.common.targetGroups[row.area.targetGroup],
          votes: row.votes,
          ...perParty,
          ...(shownParties.length > 0 && split.othersVoters > 0 ? { others: row.votes - shownVotes } : {}),
        };
      }),
    };
    return { kind: 'sheets', sheets: [proposalSheet, tallySheet] };
  }

  const sections: DocumentSection[] = [];
  for (const targetGroup of TARGET_GROUPS) {
    const ofGroup = proposed.filter((proposal) => proposal.targetGroup === targetGroup);
    if (ofGroup.length === 0) continue;
    sections.push({
      heading: format(r.proposalsHeading, { targetGroup: t.common.targetGroups[targetGroup] }),
      paragraphs: [],
      bullets: ofGroup.map((proposal) => {
        const line = format(r.proposalLine, { title: proposal.title, description: proposal.description });
        const obstacles = proposal.obstacles ? ` ${format(r.obstaclesLine, { obstacles: proposal.obstacles })}` : '';
        const area = areaOf(proposal) ? ` ${format(r.mergedLine, { area: areaOf(proposal) })}` : '';
        return `${line}${obstacles}${area}`;
      }),
    });
  }
  if (proposed.length === 0) sections.push({ heading: null, paragraphs: [r.noProposals], bullets: [] });
  const merged = areas.filter((area) => proposals.some((proposal) => proposal.mergedIntoProposalId === area.id));
  if (merged.length > 0) {
    sections.push({
      heading: r.areasHeading,
      paragraphs: [],
      bullets: merged.map((area) =>
        format(r.areaLine, {
          area: area.title,
          targetGroup: t.common.targetGroups[area.targetGroup],
          proposals: proposals.filter((proposal) => proposal.mergedIntoProposalId === area.id).map((proposal) => proposal.title).join(', '),
        }),
      ),
    });
  }
  const voters = ballots.filter((ballot) => Object.values(ballot.votes).some((votes) => votes > 0)).length;
  const tallyLines = rows.map((row, index) => {
    const line = format(v.resultLine, { rank: index + 1, title: row.area.title, targetGroup: t.common.targetGroups[row.area.targetGroup], votes: row.votes });
    return split.shown.size > 0 && row.votes > 0 ? `${line} · ${splitText(row, split, organisations, t).trim()}` : line;
  });
  sections.push({
    heading: r.tallyHeading,
    paragraphs: closed
      ? [format(r.tallyIntro, { date: formatLongDate(round.closedAt ?? now, group.timeZone, group.locale), count: voters }), split.shown.size > 0 ? v.splitRule : v.splitNone]
      : [v.hiddenUntilClosed],
    bullets: tallyLines,
  });
  return {
    kind: 'document',
    document: {
      title: format(r.title, { year }),
      subtitle: format(r.subtitle, { groupName: group.name, date: formatLongDate(now, group.timeZone, group.locale) }),
      sections,
    },
  };
}

/** The year's evaluation: every answer per question with the member's name (as the compiled card shows them). */
export async function evaluationContent(store: Store, group: Group, t: Catalog, year: number, fileFormat: StepFormat, now: Date): Promise<FileContent | null> {
  const e = t.reports.evaluation;
  const x = t.exports.evaluation;
  const [evaluations, members] = await Promise.all([store.evaluations.list({ groupId: group.id, year }), store.members.list({ groupId: group.id })]);
  const nameOf = (id: string) => members.find((member) => member.id === id)?.displayName ?? t.reports.access.unknownMember;
  if (fileFormat === 'xlsx') {
    return {
      kind: 'sheets',
      sheets: [
        {
          name: x.sheet,
          columns: [
            { key: 'year', header: x.columns.year, width: 8 },
            { key: 'name', header: x.columns.name, width: 24 },
            ...EVALUATION_FIELDS.map((field) => ({ key: field, header: e[field], width: 50 })),
            { key: 'answered', header: x.columns.answered },
          ],
          rows: evaluations.map((evaluation) => ({
            year,
            name: nameOf(evaluation.authorMemberId),
            ...Object.fromEntries(EVALUATION_FIELDS.map((field) => [field, evaluation[field]])),
            answered: formatDate(evaluation.createdAt, group.timeZone),
          })),
        },
      ],
    };
  }
  const sections: DocumentSection[] = [
    { heading: null, paragraphs: [evaluations.length > 0 ? format(e.summaryCount, { count: evaluations.length }) : format(e.empty, { year })], bullets: [] },
    ...(evaluations.length > 0
      ? EVALUATION_FIELDS.map((field) => {
          const answers = evaluations.filter((evaluation) => evaluation[field]).map((evaluation) => format(e.answerLine, { name: nameOf(evaluation.authorMemberId), text: evaluation[field] }));
          return { heading: e[field], paragraphs: answers.length > 0 ? [] : [t.reports.view.noAnswer], bullets: answers };
        })
      : []),
  ];
  return {
    kind: 'document',
    document: { title: format(x.title, { year }), subtitle: format(t.exports.radslag.subtitle, { groupName: group.name, date: formatLongDate(now, group.timeZone, group.locale) }), sections },
  };
}
