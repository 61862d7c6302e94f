import { announcesChange, parseCommand, type Actor, type ButtonAction, type ChannelAddress, type CommandName, type FormId, type FormValues, type InboundEvent, type Removal, type Reply } from './events.js';
import type { Store } from './ports.js';
import { format, type Catalog } from '../i18n/index.js';
import { catalogFor, findGroup, keepMemberCurrent, type Dependencies, type GroupContext } from './use-cases/context.js';
import {
  cancelMeeting,
  openMeetingForm,
  openMeetingSeriesForm,
  openMoveMeeting,
  restoreMeeting,
  showMeetings,
  submitMeeting,
  submitMeetingSeries,
  submitMoveMeeting,
} from './use-cases/meetings.js';
import { deactivateGroups, isHomeOf, welcome } from './use-cases/register-channel.js';
import { editMember, importMembers, showMembers, submitChooseMember, submitMember } from './use-cases/members.js';
import { openSettings, submitSettings } from './use-cases/settings.js';
import { helpCard, outsideGroupNotice } from './use-cases/show-help.js';
import { showPlan } from './use-cases/show-plan.js';
import { showSummary } from './use-cases/show-summary.js';
import { openReport, startReport, submitChooseAssignment } from './use-cases/start-report.js';
import { correctReport, showReport, submitProgressReport } from './use-cases/progress-report.js';
import { acceptFinalReport, submitFinalReport } from './use-cases/final-report.js';
import { saveFormDraft } from './use-cases/save-draft.js';
import { openFollowUp, submitFollowUp } from './use-cases/implementation-follow-up.js';
import { evaluationCommand, openEvaluation, showEvaluations, submitEvaluation } from './use-cases/evaluation.js';
import { answerHomework, homeworkCommand, openNewHomework, showHomeworkSummary, submitHomeworkAnswer, submitNewHomework } from './use-cases/homework.js';
import { openAnalysisRound, openMerge, openProposal, showAnalysis, submitAnalysisRound, submitMerge, submitProposal } from './use-cases/analysis.js';
import { closeVoting, openBallot, openVotingRound, showPrioritisation, submitBallot, submitVotingRound } from './use-cases/prioritisation.js';
import { carryOverActivities, decidePlan, openActivity, submitActivity, submitDecision } from './use-cases/plan-activities.js';
import { assignmentCommand, openAssignment, showAssignment, submitAssignment } from './use-cases/assignments.js';
import { openExport, submitExport } from './use-cases/exports.js';
import { openAssignmentChange, submitAssignmentChange } from './use-cases/assignment-changes.js';
import { openFinalReportReturn, submitFinalReportReturn } from './use-cases/final-report-return.js';
import {
  openImplementationPlan,
  openImplementationText,
  openPlanItem,
  submitImplementationPlan,
  submitIndicator,
  submitPlanTask,
  submitSubGoal,
} from './use-cases/implementation-plan.js';
import { showRegionalRollup } from './use-cases/regional-rollup.js';
import { confirmDataRights, personalDataCommand } from './use-cases/data-rights.js';
import { openRemoval, submitRemoval } from './use-cases/removals.js';
import { submitGuarded } from './use-cases/personal-data-guard.js';
import { myTasksEverywhere, myTasksHere } from './use-cases/my-tasks.js';

export type { Dependencies } from './use-cases/context.js';

/** A use case reached from a group channel; `input` is a command's text, a button's args or a form's values. */
type GroupHandler = (deps: Dependencies, context: GroupContext, input: FormValues) => Promise<Reply>;

// One table per kind of event: a feature adds its entries here and nowhere else.
const COMMAND_HANDLERS: Record<Exclude<CommandName, 'hjalp'>, GroupHandler> = {
  uppgifter: myTasksHere,
  rapport: startReport,
  plan: showPlan,
  sammanfattning: showSummary,
  installningar: openSettings,
  medlemmar: showMembers,
  moten: showMeetings,
  analys: showAnalysis,
  prioritering: showPrioritisation,
  uppdrag: assignmentCommand,
  genomforandeplan: openImplementationPlan,
  utvardering: evaluationCommand,
  hemuppgift: homeworkCommand,
  exportera: openExport,
  region: showRegionalRollup,
  personuppgifter: personalDataCommand,
};

const BUTTON_HANDLERS: Record<Exclude<ButtonAction, 'show-help'>, GroupHandler> = {
  'open-settings': openSettings,
  'show-plan': showPlan,
  'show-summary': showSummary,
  'open-report': openReport,
  'show-members': showMembers,
  'edit-member': editMember,
  'import-members': importMembers,
  'show-meetings': showMeetings,
  'open-meeting': openMeetingForm,
  'open-meeting-series': openMeetingSeriesForm,
  'open-move-meeting': openMoveMeeting,
  'cancel-meeting': cancelMeeting,
  'restore-meeting': restoreMeeting,
  'show-analysis': showAnalysis,
  'open-analysis-round': openAnalysisRound,
  'open-proposal': openProposal,
  'open-merge': openMerge,
  'open-voting-round': openVotingRound,
  'open-ballot': openBallot,
  'close-voting': closeVoting,
  'show-prioritisation': showPrioritisation,
  'open-activity': openActivity,
  'decide-plan': decidePlan,
  'carry-over-activities': carryOverActivities,
  'open-assignment': openAssignment,
  'open-implementation-plan': openImplementationPlan,
  'save-draft': saveFormDraft,
  'correct-report': correctReport,
  'show-report': showReport,
  'accept-final-report': acceptFinalReport,
  'open-follow-up': openFollowUp,
  'open-evaluation': openEvaluation,
  'show-evaluations': showEvaluations,
  'open-new-homework': openNewHomework,
  'answer-homework': answerHomework,
  'show-homework-summary': showHomeworkSummary,
  'open-export': openExport,
  'show-assignment': showAssignment,
  'confirm-data-rights': confirmDataRights,
  'open-removal': openRemoval,
  'open-plan-item': openPlanItem,
  'open-implementation-text': openImplementationText,
  'open-final-report-return': openFinalReportReturn,
  'open-assignment-change': openAssignmentChange,
  // A group chosen from the private chat ("vilken grupp?"): its command, run for that group.
  'run-command': (deps, context, args) => {
    const command = parseCommand(args.command ?? '');
    if (command === null || command === 'hjalp') return Promise.resolve(helpCard(context.t, context.member.platform));
    return COMMAND_HANDLERS[command](deps, context, { text: args.text ?? '' });
  },
};

const FORM_HANDLERS: Record<FormId, GroupHandler> = {
  settings: submitSettings,
  member: submitMember,
  'choose-member': submitChooseMember,
  meeting: submitMeeting,
  'meeting-series': submitMeetingSeries,
  'move-meeting': submitMoveMeeting,
  'analysis-round': submitAnalysisRound,
  proposal: submitProposal,
  'merge-proposals': submitMerge,
  'voting-round': submitVotingRound,
  ballot: submitBallot,
  activity: submitActivity,
  assignment: submitAssignment,
  'implementation-plan': submitImplementationPlan,
  'choose-assignment': submitChooseAssignment,
  'progress-report': submitProgressReport,
  'final-report': submitFinalReport,
  'follow-up': submitFollowUp,
  evaluation: submitEvaluation,
  'new-homework': submitNewHomework,
  'homework-answer': submitHomeworkAnswer,
  export: submitExport,
  'confirm-removal': submitRemoval,
  'sub-goal': submitSubGoal,
  'plan-task': submitPlanTask,
  indicator: submitIndicator,
  'confirm-decision': submitDecision,
  'assignment-change': submitAssignmentChange,
  'final-report-return': submitFinalReportReturn,
};

/**
 * Teams: the active group of the team a message came from, when it came from another channel of that team.
 * The app is added to a whole team and its group lives in the channel where it was added; a person writing
 * in another channel is told where, rather than to add an app that is already there.
 */
async function teamGroupElsewhere(store: Store, channel: ChannelAddress): Promise<{ groupName: string; channelName: string } | null> {
  if (!channel.teamChannelId) return null;
  const found = await store.channels.findGroupAndMember(channel.platform, channel.tenantId, channel.teamChannelId, '');
  if (!found || found.group.deactivatedAt) return null;
  const [link] = await store.channels.list({ groupId: found.group.id, platform: channel.platform });
  return { groupName: found.group.name, channelName: link?.channelName ?? found.group.name };
}

/**
 * The channels of the active groups `actor` is a member of, as a press from their private chat would name
 * them (viaPersonalChat): where a command typed in that chat can act.
 */
async function personalGroups(store: Store, actor: Actor): Promise<ChannelAddress[]> {
  const members = (await store.members.list({ platform: actor.platform, platformUserId: actor.userId })).filter((member) => member.tenantId === actor.tenantId);
  const channels: ChannelAddress[] = [];
  for (const member of members) {
    const group = await store.groups.get(member.groupId);
    if (!group || group.deactivatedAt) continue;
    const [link] = await store.channels.list({ groupId: group.id, platform: actor.platform });
    if (!link) continue;
    channels.push({ platform: link.platform, tenantId: link.tenantId, channelId: link.channelId, channelName: link.channelName ?? group.name, conversationReference: link.conversationReference, isPersonal: false, viaPersonalChat: true });
  }
  return channels;
}

/** "Vilken grupp?": the command again for each of the person's groups, each button naming its group's channel. */
function chooseGroup(t: Catalog, command: CommandName, text: string, channels: ChannelAddress[]): Reply {
  return {
    kind: 'card',
    card: 'choose-group',
    audience: 'asker',
    data: { t, groups: channels.map((channel) => ({ name: channel.channelName ?? channel.channelId, command, text, originChannelId: channel.channelId })) },
  };
}

/** The one entry point of every adapter: a neutral event in, a neutral reply out. */
export function createBot(deps: Dependencies) {
  async function groupContext(event: Exclude<InboundEvent, { type: 'bot-added' }>): Promise<GroupContext | Reply> {
    if (event.channel.isPersonal) return outsideGroupNotice(catalogFor(null, deps.defaults), catalogFor(null, deps.defaults).notice.personalChat);
    const { channel, actor } = event;
    const found = await deps.store.channels.findGroupAndMember(channel.platform, channel.tenantId, channel.channelId, actor.userId);
    // Only adding the bot registers a group (a Slack command works in any channel, DM or private channel,
    // the bot's or not); a removed bot's group stays quiet until it is added again. Nothing is registered.
    if (!found || found.group.deactivatedAt) {
      const t = catalogFor(found?.group ?? null, deps.defaults);
      const teamGroup = found ? null : await teamGroupElsewhere(deps.store, channel);
      if (teamGroup) return outsideGroupNotice(t, format(t.notice.teamGroupInOtherChannel, teamGroup));
      return outsideGroupNotice(t, channel.platform === 'slack' ? t.notice.inviteFirstSlack : t.notice.inviteFirstTeams);
    }
    const { group } = found;
    const t = catalogFor(group, deps.defaults);
    // Someone from another workspace or tenant in a shared channel acts only as the member the chair added
    // from there (the same user id in another tenant is another person).
    if (!isHomeOf(channel, actor) && found.member?.tenantId !== actor.tenantId) return outsideGroupNotice(t, t.notice.otherWorkspace);
    // A card from a 1:1 chat names its channel itself: nobody joins a group that way.
    if (channel.viaPersonalChat && !found.member) return outsideGroupNotice(t, t.notice.notAMemberHere);
    const member = await keepMemberCurrent(deps.store, group, actor, found.member);
    return { group, member, t };
  }

  function groupReply(event: Exclude<InboundEvent, { type: 'bot-added' }>, context: GroupContext): Promise<Reply> {
    switch (event.type) {
      case 'command':
        return COMMAND_HANDLERS[event.command as Exclude<CommandName, 'hjalp'>](deps, context, { text: event.text });
      case 'button':
        return BUTTON_HANDLERS[event.action as Exclude<ButtonAction, 'show-help'>](deps, context, event.args);
      case 'form-submitted':
        return submitGuarded(FORM_HANDLERS[event.form], deps, context, event.values);
    }
  }

  const bot = {
    async handle(event: InboundEvent): Promise<Reply> {
      // A one-to-one chat is no samverkansgrupp: show what the bot can do instead of registering it.
      if (event.type === 'bot-added') {
        if (!event.channel.isPersonal) return welcome(deps, event.channel, event.actor);
        // The personal chat's welcome: what the chat is for, and what the person owes in their groups.
        const t = catalogFor(null, deps.defaults);
        if (!event.actor) return helpCard(t, event.channel.platform);
        return myTasksEverywhere(deps, t, event.actor.userId, await personalGroups(deps.store, event.actor), event.actor.displayName);
      }
      const wantsHelp =
        (event.type === 'command' && (event.command === null || event.command === 'hjalp')) ||
        (event.type === 'button' && event.action === 'show-help');
      if (wantsHelp) {
        return helpCard(catalogFor(event.channel.isPersonal ? null : await findGroup(deps, event.channel), deps.defaults), event.channel.platform);
      }
      // A command typed in the person's private chat acts for their group; with several, they choose.
      if (event.type === 'command' && event.channel.isPersonal) {
        const channels = await personalGroups(deps.store, event.actor);
        // What the person owes spans all their groups: no "vilken grupp?".
        if (event.command === 'uppgifter') {
          const t = catalogFor(null, deps.defaults);
          return channels.length > 0 ? myTasksEverywhere(deps, t, event.actor.userId, channels) : outsideGroupNotice(t, t.notice.personalChat);
        }
        if (channels.length > 1) return chooseGroup(catalogFor(null, deps.defaults), event.command!, event.text, channels);
        if (channels.length === 1) {
          const reply = await bot.handle({ ...event, channel: channels[0]! });
          return reply.kind === 'card' || reply.kind === 'form' ? { ...reply, origin: channels[0]!.channelId } : reply;
        }
      }
      const context = await groupContext(event);
      if ('kind' in context) return context;
      const reply = await groupReply(event, context);
      return announcesChange(event, reply) ? { ...reply, announce: true } : reply;
    },

    /**
     * The person's name as the platform's directory gives it, learnt after an answer that could not wait
     * for it (Actor.provisionalName): their member row in the channel's group, if any, takes it.
     */
    async renamed(channel: ChannelAddress, actor: Actor): Promise<void> {
      if (channel.isPersonal || !actor.displayName) return;
      const found = await deps.store.channels.findGroupAndMember(channel.platform, channel.tenantId, channel.channelId, actor.userId);
      if (!found?.member || found.group.deactivatedAt || found.member.tenantId !== actor.tenantId) return;
      await keepMemberCurrent(deps.store, found.group, { ...actor, provisionalName: false }, found.member);
    },

    /**
     * The stored conversation reference (Teams) of the group channel an event names: where a change made
     * through a card in a person's private chat is posted for the group. Null when none is stored.
     */
    async channelReference(channel: ChannelAddress): Promise<string | null> {
      const link = await deps.store.channels.findByAddress(channel.platform, channel.tenantId, channel.channelId);
      return link?.conversationReference ?? null;
    },

    /** The bot was removed (see Removal): the groups there are deactivated; returns how many. */
    removed(removal: Removal): Promise<number> {
      return deactivateGroups(deps, removal);
    },
  };
  return bot;
}

export type Bot = ReturnType<typeof createBot>;
