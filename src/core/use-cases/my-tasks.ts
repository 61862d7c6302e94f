// "Mina uppgifter": what one person owes in their samverkansgrupper right now — a progress or final
// report as convener (or ersättare), a vote or proposals in the rådslag, a hemuppgift, the year's
// utvärdering, an implementation follow-up — each with the button that opens its form. Derived from the
// same rules the scheduler prompts by (report-prompts.ts, implementation-follow-up.ts), so the list and
// the prompts never disagree. In the private chat it spans every group (each button names its group's
// channel); in a group's channel it lists that group only, since a button there acts for that channel.
import type { Group, Member } from '../domain.js';
import type { ButtonAction, ChannelAddress, Reply } from '../events.js';
import type { Store } from '../ports.js';
import { format, type Catalog } from '../../i18n/index.js';
import { formatDateTime, formatLongDate } from '../dates.js';
import type { Dependencies, GroupContext } from './context.js';
import { finalReportDue, progressReportDue } from './report-prompts.js';
import { mayReport } from './report-access.js';
import { stillToVote, votingClosedReason } from './prioritisation.js';
import { yearlyEvaluationAsked } from './evaluation-prompts.js';
import { closedAt, dueFollowUp, followUpAnswerOf } from './implementation-follow-up.js';

/** Block Kit shows at most 50 blocks in a message; each task takes two. */
export const MAX_TASKS = 20;

export interface Task {
  text: string;
  buttonTitle: string;
  action: ButtonAction;
  args: Partial<Record<'assignmentId' | 'reportKind' | 'roundId' | 'homeworkId' | 'monthsAfter', string>>;
  /** When it is due, for the order of the list; null: no date (last). */
  due: Date | null;
}

/** What `member` owes in `group` at `now`, soonest first. */
export async function tasksOf(store: Store, group: Group, member: Member, t: Catalog, now: Date): Promise<Task[]> {
  const tasks = [
    ...(await reportTasks(store, group, member, t, now)),
    ...(await roundTasks(store, group, member, t, now)),
    ...(await homeworkTasks(store, group, member, t, now)),
    ...(await evaluationTasks(store, group, member, t, now)),
  ];
  return tasks.sort((a, b) => (a.due?.getTime() ?? Infinity) - (b.due?.getTime() ?? Infinity));
}

async function reportTasks(store: Store, group: Group, member: Member, t: Catalog, now: Date): Promise<Task[]> {
  const tasks: Task[] = [];
  // As convener, or as the ersättare of that convener (the rule /rapport applies).
  const assignments = (await store.assignments.list({ groupId: group.id })).filter((assignment) => mayReport(member, assignment));
  const meetings = assignments.some((assignment) => assignment.status === 'aktivt') ? await store.meetings.list({ groupId: group.id, cancelled: false }) : [];
  for (const assignment of assignments) {
    if (assignment.status === 'aktivt') {
      const period = await progressReportDue(store, group, assignment, meetings, now);
      if (period) {
        tasks.push({
          text: format(t.myTasks.items.progressReport, { title: assignment.title, due: formatDateTime(period.due, group.timeZone, group.locale) }),
          buttonTitle: t.reports.buttons.fillIn,
          action: 'open-report',
          args: { assignmentId: assignment.id, reportKind: 'progress' },
          due: period.due,
        });
      }
      if (await finalReportDue(store, group, assignment, now)) {
        tasks.push({
          text: format(t.myTasks.items.finalReport, { title: assignment.title, end: formatLongDate(assignment.endDate, group.timeZone, group.locale) }),
          buttonTitle: t.reports.buttons.fillInFinal,
          action: 'open-report',
          args: { assignmentId: assignment.id, reportKind: 'final' },
          due: assignment.endDate,
        });
      }
    }
    // Implementation follow-ups (steg 7) are the convener's to answer after closure.
    if (assignment.status === 'avslutat' && assignment.convenerMemberId === member.id) {
      const closed = await closedAt(store, assignment);
      const months = closed ? dueFollowUp(closed, group.timeZone, now) : null;
      if (months !== null && !(await followUpAnswerOf(store, assignment.id, months))) {
        tasks.push({
          text: format(t.myTasks.items.followUp, { title: assignment.title, months }),
          buttonTitle: t.reports.buttons.fillInFollowUp,
          action: 'open-follow-up',
          args: { assignmentId: assignment.id, monthsAfter: String(months) },
          due: null,
        });
      }
    }
  }
  return tasks;
}

/** Rådslag: proposals while the analysis is open, then the vote until its deadline. */
async function roundTasks(store: Store, group: Group, member: Member, t: Catalog, now: Date): Promise<Task[]> {
  const tasks: Task[] = [];
  for (const round of await store.analysisRounds.list({ groupId: group.id })) {
    if (round.status === 'forslag' && now <= round.proposalDeadline) {
      const own = (await store.proposals.list({ roundId: round.id })).some((proposal) => proposal.proposedByMemberId === member.id);
      if (own) continue;
      tasks.push({
        text: format(t.myTasks.items.proposal, { year: round.year, deadline: formatLongDate(round.proposalDeadline, group.timeZone, group.locale) }),
        buttonTitle: t.actionPlan.buttons.propose,
        action: 'open-proposal',
        args: { roundId: round.id },
        due: round.proposalDeadline,
      });
    }
    // Open as the ballot itself decides, and only for whoever is still to vote for their seat.
    if (votingClosedReason(t, round, now, group) === null && stillToVote(await store.ballots.list({ roundId: round.id }), member)) {
      tasks.push({
        text: format(t.myTasks.items.ballot, { year: round.year, deadline: round.votingDeadline ? formatLongDate(round.votingDeadline, group.timeZone, group.locale) : 'none' }),
        buttonTitle: t.actionPlan.buttons.vote,
        action: 'open-ballot',
        args: { roundId: round.id },
        due: round.votingDeadline,
      });
    }
  }
  return tasks;
}

async function homeworkTasks(store: Store, group: Group, member: Member, t: Catalog, now: Date): Promise<Task[]> {
  const tasks: Task[] = [];
  for (const homework of await store.homework.list({ groupId: group.id })) {
    if (homework.deadline < now) continue;
    if ((await store.homeworkAnswers.list({ homeworkId: homework.id, memberId: member.id })).length > 0) continue;
    tasks.push({
      text: format(t.myTasks.items.homework, { title: homework.title, deadline: formatLongDate(homework.deadline, group.timeZone, group.locale) }),
      buttonTitle: t.reports.buttons.answerHomework,
      action: 'answer-homework',
      args: { homeworkId: homework.id },
      due: homework.deadline,
    });
  }
  return tasks;
}

/** The year's utvärdering is asked for in December (evaluation-prompts.ts): until the member has answered. */
async function evaluationTasks(store: Store, group: Group, member: Member, t: Catalog, now: Date): Promise<Task[]> {
  const year = yearlyEvaluationAsked(now, group.timeZone);
  if (year === null) return [];
  const answered = (await store.evaluations.list({ groupId: group.id, year })).some((evaluation) => evaluation.authorMemberId === member.id);
  if (answered) return [];
  return [{ text: format(t.myTasks.items.evaluation, { year }), buttonTitle: t.reports.buttons.fillInEvaluation, action: 'open-evaluation', args: {}, due: null }];
}

/** One group's tasks as the card lists them; `channelId`: the group channel its buttons act for ('' = here). */
interface TaskGroup {
  name: string;
  tasks: Task[];
  channelId: string;
}

function tasksCard(t: Catalog, intro: string, groups: TaskGroup[]): Reply {
  let left = MAX_TASKS;
  let hidden = 0;
  const shown = groups
    .filter((group) => group.tasks.length > 0)
    .map((group) => {
      const kept = group.tasks.slice(0, Math.max(0, left));
      hidden += group.tasks.length - kept.length;
      left -= kept.length;
      return {
        name: group.name,
        items: kept.map((task) => ({
          text: task.text,
          buttonTitle: task.buttonTitle,
          action: task.action,
          assignmentId: task.args.assignmentId ?? '',
          reportKind: task.args.reportKind ?? '',
          roundId: task.args.roundId ?? '',
          homeworkId: task.args.homeworkId ?? '',
          monthsAfter: task.args.monthsAfter ?? '',
          originChannelId: group.channelId,
        })),
      };
    })
    .filter((group) => group.items.length > 0);
  return {
    kind: 'card',
    card: 'my-tasks',
    audience: 'asker',
    data: { t, intro, groups: shown, none: shown.length === 0 ? t.myTasks.none : '', more: hidden > 0 ? format(t.myTasks.more, { count: hidden }) : '' },
  };
}

/** "mina uppgifter" in a group's channel: the asker's tasks in this group. */
export async function myTasksHere(deps: Dependencies, { group, member, t }: GroupContext): Promise<Reply> {
  const tasks = await tasksOf(deps.store, group, member, t, deps.clock.now());
  return tasksCard(t, format(t.myTasks.introHere, { groupName: group.name }), [{ name: group.name, tasks, channelId: '' }]);
}

/**
 * "mina uppgifter" in the private chat, and its welcome: the person's tasks in every group they are a
 * member of (`channels`, as bot.ts personalGroups finds them), each button naming its group's channel.
 */
export async function myTasksEverywhere(deps: Dependencies, t: Catalog, userId: string, channels: ChannelAddress[], welcomeName?: string): Promise<Reply> {
  const now = deps.clock.now();
  const groups: TaskGroup[] = [];
  for (const channel of channels) {
    const found = await deps.store.channels.findGroupAndMember(channel.platform, channel.tenantId, channel.channelId, userId);
    if (!found?.member || found.group.deactivatedAt) continue;
    groups.push({ name: found.group.name, tasks: await tasksOf(deps.store, found.group, found.member, t, now), channelId: channel.channelId });
  }
  const intro = welcomeName !== undefined ? format(t.myTasks.welcome, { name: welcomeName }) : t.myTasks.intro;
  return tasksCard(t, intro, groups);
}
