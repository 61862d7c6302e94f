// Shows a core Reply in Slack. Where it goes:
// - cards → chat.postMessage to the channel when the group shares them; cards the core gives the asker
//   only (audienceOf: refusals, personal confirmations, the chair's meeting preparation, the convener's
//   implementation plan, the kansli's roll-up and data-rights cards) → chat.postEphemeral to the asker,
//   after a command, a button and a submitted modal alike. Whether a confirmation is a group event (the
//   group's data changed, naming who did it) is decided in the core, not here;
// - forms → a modal (views.open with the interaction's trigger_id), or, where Slack gave no trigger_id
//   (an @-mention), a message with the button that opens it.
// A slash command's private answers go through its response_url (Bolt's respond()): that reaches the
// person in a DM or a private channel the bot is not in, where chat.postEphemeral fails with
// channel_not_found. Any other post that fails because the bot is not a member there falls back to the
// response_url too, when the request had one. An answer to an @-mention in a thread stays in the thread.
import type { RespondFn, ViewResponseAction, webApi } from '@slack/bolt';
import { fieldRule } from '../../core/form-fields.js';
import { audienceOf, replyOrigin, type ButtonAction, type ChannelAddress, type FormId, type Reply } from '../../core/events.js';
import type { Catalog } from '../../i18n/index.js';
import { escapeMrkdwn, fallbackText, toMessageBlocks, toModal } from '../../cards/block-kit-translator.js';
import { catalogOf, FORM_META, renderCard, type AdaptiveCardJson } from '../../cards/render-card.js';
import { withOriginChannel } from '../../cards/origin-channel.js';
import { isNotMember } from './slack-errors.js';
import { toModalMetadata, type ModalOpener } from './to-event.js';
import { renderFile } from '../../exports/render-file.js';
import type { Logger } from '../../logger.js';
import type { ModalSuggestions } from './suggestions.js';
import { replaceActedOn, type ActedOnMessage } from './replace-message.js';

export interface ReplyTarget {
  client: webApi.WebClient;
  channel: ChannelAddress;
  userId: string;
  /** Slack's short-lived (3 s) permission to open a modal; commands and button clicks have one. */
  triggerId?: string;
  /** Show even cards to the asker only (e.g. "your draft is saved" after closing a modal). */
  privately?: boolean;
  /** Where a failed file upload is logged (the person gets the file's link instead). */
  logger?: Logger;
  /** Where a modal's long lists are kept for block_suggestion. */
  suggestions?: ModalSuggestions;
  /** The message a button sat on, when the button's answer replaces it (see REPLACING_BUTTONS). */
  actedOn?: ActedOnMessage;
  /** The read-only request that opens a modal, if it is one (to-event.ts modalOpenerOf). */
  opener?: ModalOpener;
  /** Bolt's respond() for the request's response_url (commands and buttons have one). */
  respond?: RespondFn;
  /** Private answers go through respond() rather than chat.postEphemeral (slash commands). */
  privateViaResponseUrl?: boolean;
  /** The thread the request was made in (an @-mention in a thread): answers go to that thread. */
  threadTs?: string;
  /**
   * A press in the person's DM on a card the bot sent there for a group: the group's channel. Modals
   * belong to it, and the answer's own buttons name it again (withOriginChannel) so they work too.
   */
  group?: ChannelAddress;
}

/** The button that opens each form when no modal can be opened right away. */
const FORM_OPENERS: Record<FormId, { action: ButtonAction; heading: (t: Catalog) => string; button: (t: Catalog) => string }> = {
  settings: { action: 'open-settings', heading: (t) => t.settings.title, button: (t) => t.common.buttons.settings },
  // Without a member id the button opens the chooser (chairs) or the person's own form.
  member: { action: 'edit-member', heading: (t) => t.members.choose.title, button: (t) => t.members.buttons.edit },
  'choose-member': { action: 'edit-member', heading: (t) => t.members.choose.title, button: (t) => t.members.buttons.edit },
  meeting: { action: 'open-meeting', heading: (t) => t.meetings.form.title, button: (t) => t.meetings.buttons.add },
  'meeting-series': { action: 'open-meeting-series', heading: (t) => t.meetings.seriesForm.title, button: (t) => t.meetings.buttons.addSeries },
  // Which meeting to move is picked on the meetings card again.
  'move-meeting': { action: 'show-meetings', heading: (t) => t.meetings.moveForm.title, button: (t) => t.meetings.buttons.show },
  'analysis-round': { action: 'open-analysis-round', heading: (t) => t.actionPlan.analysis.roundFormTitle, button: (t) => t.actionPlan.buttons.openRound },
  proposal: { action: 'open-proposal', heading: (t) => t.actionPlan.analysis.proposalFormTitle, button: (t) => t.actionPlan.buttons.propose },
  'merge-proposals': { action: 'open-merge', heading: (t) => t.actionPlan.analysis.mergeFormTitle, button: (t) => t.actionPlan.buttons.merge },
  'voting-round': { action: 'open-voting-round', heading: (t) => t.actionPlan.voting.formTitle, button: (t) => t.actionPlan.buttons.openVoting },
  ballot: { action: 'open-ballot', heading: (t) => t.actionPlan.voting.ballotTitle, button: (t) => t.actionPlan.buttons.vote },
  activity: { action: 'open-activity', heading: (t) => t.actionPlan.activity.formTitle, button: (t) => t.actionPlan.buttons.addActivity },
  assignment: { action: 'open-assignment', heading: (t) => t.actionPlan.assignment.formTitle, button: (t) => t.actionPlan.buttons.newAssignment },
  // Without an assignment id the button opens the convener's own (only) assignment.
  'implementation-plan': {
    action: 'open-implementation-plan',
    heading: (t) => t.actionPlan.implementation.modalTitle,
    button: (t) => t.actionPlan.buttons.implementationPlan,
  },
  // Without an assignment the button asks which one, like `/rapport`; drafts are kept either way.
  'choose-assignment': { action: 'open-report', heading: (t) => t.reports.choose.title, button: (t) => t.reports.buttons.fillIn },
  'progress-report': { action: 'open-report', heading: (t) => t.reports.progress.modalTitle, button: (t) => t.reports.buttons.continueDraft },
  'final-report': { action: 'open-report', heading: (t) => t.reports.final.modalTitle, button: (t) => t.reports.buttons.fillInFinal },
  // Without an assignment the button says which follow-up is missing; the prompt's own button carries it.
  'follow-up': { action: 'open-follow-up', heading: (t) => t.reports.followUp.modalTitle, button: (t) => t.reports.buttons.fillInFollowUp },
  evaluation: { action: 'open-evaluation', heading: (t) => t.reports.evaluation.modalTitle, button: (t) => t.reports.buttons.fillInEvaluation },
  'new-homework': { action: 'open-new-homework', heading: (t) => t.reports.homework.formTitle, button: (t) => t.reports.homework.newButton },
  // Which hemuppgift is answered travels on its card's "Svara" button; without it `hemuppgift` shows the latest.
  'homework-answer': { action: 'answer-homework', heading: (t) => t.reports.homework.answerModalTitle, button: (t) => t.reports.buttons.answerHomework },
  export: { action: 'open-export', heading: (t) => t.exports.form.title, button: (t) => t.exports.form.submit },
  // What to remove or which entry to change is picked on the plan card again.
  'confirm-removal': { action: 'show-plan', heading: (t) => t.actionPlan.removal.modalTitle, button: (t) => t.common.buttons.plan },
  'sub-goal': { action: 'open-implementation-plan', heading: (t) => t.actionPlan.implementation.modalTitle, button: (t) => t.actionPlan.buttons.implementationPlan },
  'plan-task': { action: 'open-implementation-plan', heading: (t) => t.actionPlan.implementation.modalTitle, button: (t) => t.actionPlan.buttons.implementationPlan },
  indicator: { action: 'open-implementation-plan', heading: (t) => t.actionPlan.implementation.modalTitle, button: (t) => t.actionPlan.buttons.implementationPlan },
  'confirm-decision': { action: 'decide-plan', heading: (t) => t.actionPlan.decision.modalTitle, button: (t) => t.actionPlan.buttons.decide },
  // Which uppdrag to change is picked on its card again.
  'assignment-change': { action: 'show-plan', heading: (t) => t.assignmentChanges.modalTitle, button: (t) => t.common.buttons.plan },
  'final-report-return': { action: 'show-plan', heading: (t) => t.assignmentChanges.returnReport.modalTitle, button: (t) => t.common.buttons.plan },
};

function formPrompt(form: FormId, t: Catalog): AdaptiveCardJson {
  const opener = FORM_OPENERS[form];
  return {
    type: 'AdaptiveCard',
    version: '1.5',
    body: [{ type: 'TextBlock', text: opener.heading(t), wrap: true }],
    actions: [{ type: 'Action.Execute', title: opener.button(t), verb: opener.action, data: { action: opener.action } }],
  };
}

/**
 * A form as a modal, with the options of its long lists (see suggestions.ts). `opener`: the read-only
 * request that opened it, kept in private_metadata so that another instance can rebuild those lists.
 */
export function formModal(form: FormId, reply: Extract<Reply, { kind: 'form' | 'form-errors' }>, channel: ChannelAddress, opener?: ModalOpener) {
  const card = renderCard(form, reply.data, reply.kind === 'form-errors' ? reply.errors : undefined);
  const context = (reply.data.context ?? {}) as Record<string, string>;
  return toModal(card, {
    callbackId: form,
    privateMetadata: toModalMetadata(channel, context, opener),
    inputRule: (id) => {
      const rule = fieldRule(form, id);
      return rule && { required: rule.required, ...('number' in rule ? { decimals: rule.number.decimals } : {}) };
    },
    ...FORM_META[form](catalogOf(reply.data)),
  });
}

/** A card as a Slack message to `channel`: Block Kit plus the notification text. */
export function cardMessage(channel: string, card: AdaptiveCardJson) {
  return { channel, text: fallbackText(card), blocks: toMessageBlocks(card) };
}

/** A message for the person only, through the request's response_url: a new message, never a replacement. */
async function respondPrivately(respond: RespondFn, message: { text: string; blocks?: unknown[] }): Promise<void> {
  await respond({ text: message.text, ...(message.blocks ? { blocks: message.blocks as never } : {}), response_type: 'ephemeral', replace_original: false });
}

/**
 * Posts `message` where the target says; where the Web API cannot reach the person (the bot is not a
 * member of that conversation) the response_url still can.
 */
async function send(target: ReplyTarget, message: { text: string; blocks?: unknown[] }, ephemeral: boolean): Promise<void> {
  let respond = target.respond;
  if (ephemeral && respond && target.privateViaResponseUrl) {
    try {
      await respondPrivately(respond, message);
      return;
    } catch (error) {
      // A response_url works 5 times within 30 minutes: past that, the Web API is the way left.
      target.logger?.warn({ err: error }, 'slack: response_url refused; answering through the Web API');
      respond = undefined;
    }
  }
  const where = { channel: target.channel.channelId, ...(target.threadTs ? { thread_ts: target.threadTs } : {}) };
  try {
    if (ephemeral) await target.client.chat.postEphemeral({ ...where, text: message.text, blocks: message.blocks as never, user: target.userId });
    else await target.client.chat.postMessage({ ...where, text: message.text, blocks: message.blocks as never });
  } catch (error) {
    if (!respond || !isNotMember(error)) throw error;
    await respondPrivately(respond, message);
  }
}

async function post(target: ReplyTarget, card: AdaptiveCardJson, ephemeral: boolean): Promise<void> {
  const marked = withOriginChannel(card, target.group?.channelId);
  const { channel: _channel, ...message } = cardMessage(target.channel.channelId, marked);
  if (target.actedOn && (await replaceActedOn(target.client, target.actedOn, message, ephemeral, target.logger))) return;
  await send(target, message, ephemeral);
}

/**
 * A file into the channel with Slack's upload flow (files.uploadV2: files.getUploadURLExternal, the bytes
 * POSTed to the upload URL, files.completeUploadExternal with the channel). Where Slack refuses (the bot
 * is not in the channel, an app installed before files:write) the asker gets the signed link instead.
 */
async function uploadFile(reply: Extract<Reply, { kind: 'file' }>, target: ReplyTarget): Promise<void> {
  const { file } = reply;
  try {
    await target.client.files.uploadV2({
      channel_id: target.channel.channelId,
      file: await renderFile(file),
      filename: file.fileName,
      title: file.title,
      // mrkdwn: a group name or title in it must not become a mention or link.
      initial_comment: escapeMrkdwn(reply.message),
    });
  } catch (error) {
    if (!file.url) throw error;
    target.logger?.warn({ err: error, channelId: target.channel.channelId }, 'slack: could not upload an export; sent its link instead');
    const t = catalogOf(reply.data);
    await post(target, renderCard(reply.card, { ...reply.data, note: t.exports.ready.uploadFailed }), true);
  }
}

/**
 * A reply the core gave in the person's DM for one of their groups (a command typed there): its buttons and
 * modals belong to that group, as for a press on a card the bot sent to the DM for a group.
 */
function forItsGroup(reply: Reply, target: ReplyTarget): ReplyTarget {
  const origin = replyOrigin(reply);
  if (!origin || target.group || !target.channel.isPersonal) return target;
  return { ...target, group: { ...target.channel, channelId: origin, channelName: null, isPersonal: false } };
}

export async function deliver(reply: Reply, replyTarget: ReplyTarget): Promise<void> {
  const target = forItsGroup(reply, replyTarget);
  if (reply.kind === 'file') {
    await uploadFile(reply, target);
    return;
  }
  if (reply.kind === 'card') {
    await post(target, renderCard(reply.card, reply.data), target.privately === true || audienceOf(reply) === 'asker');
    return;
  }
  if (target.triggerId) {
    const { view, suggestions } = formModal(reply.form, reply, target.group ?? target.channel, target.opener);
    const opened = await target.client.views.open({ trigger_id: target.triggerId, view });
    if (opened.view?.id) target.suggestions?.remember(opened.view.id, target.userId, suggestions);
    return;
  }
  await post(target, formPrompt(reply.form, catalogOf(reply.data)), true);
}

/** A short text only the person sees, in the channel they are in (or through the response_url, as `send`). */
export async function tellPrivately(target: Omit<ReplyTarget, 'triggerId'>, text: string): Promise<void> {
  await send(target, { text: escapeMrkdwn(text) }, true);
}

/**
 * An ack that shows `text` in the submitted modal: under its first input (Slack keeps everything typed),
 * or, in a modal without inputs, as the modal's new content.
 */
export function modalMessage(view: { blocks?: { type: string; block_id?: string }[] }, text: string, t: Catalog): ViewResponseAction {
  const firstInput = (view.blocks ?? []).find((block) => block.type === 'input')?.block_id;
  if (firstInput) return { response_action: 'errors', errors: { [firstInput]: text } };
  const plain = (value: string) => ({ type: 'plain_text' as const, text: value });
  return { response_action: 'update', view: { type: 'modal', title: plain('Samverkansbot'), close: plain(t.common.buttons.close), blocks: [{ type: 'section', text: plain(text) }] } };
}
