// Shows a core Reply in Slack. Where it goes:
// - cards (welcome, help, plan, summary) → chat.postMessage to the channel: the group shares them;
// - notice cards (refusals, "you are not a convener", the personal-chat hint) → chat.postEphemeral to the
//   asker only: they answer one person's request, and a refusal in front of the group helps nobody;
//   except `announce`: the result of a submitted form changed group data and names who did it, so the
//   whole channel sees it;
// - forms → a modal (views.open with the interaction's trigger_id), or, where Slack gave no trigger_id
//   (an @-mention), a message with the button that opens it.
import type { webApi } from '@slack/bolt';
import type { ButtonAction, ChannelAddress, FormId, Reply } from '../../core/events.js';
import type { Catalog } from '../../i18n/index.js';
import { fallbackText, toMessageBlocks, toModalView } from '../../cards/block-kit-translator.js';
import { catalogOf, FORM_META, renderCard, type AdaptiveCardJson } from '../../cards/render-card.js';
import { toModalMetadata } from './to-event.js';

export interface ReplyTarget {
  client: webApi.WebClient;
  channel: ChannelAddress;
  userId: string;
  /** Slack's short-lived (3 s) permission to open a modal; commands and button clicks have one. */
  triggerId?: string;
  /** Post notices to the whole channel (see above). */
  announce?: boolean;
}

/** The button that opens each form when no modal can be opened right away. */
const FORM_OPENERS: Record<FormId, { action: ButtonAction; heading: (t: Catalog) => string; button: (t: Catalog) => string }> = {
  settings: { action: 'open-settings', heading: (t) => t.settings.title, button: (t) => t.common.buttons.settings },
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

export function formModal(form: FormId, reply: Extract<Reply, { kind: 'form' | 'form-errors' }>, channel: ChannelAddress) {
  const card = renderCard(form, reply.data, reply.kind === 'form-errors' ? reply.errors : undefined);
  const context = (reply.data.context ?? {}) as Record<string, string>;
  return toModalView(card, { callbackId: form, privateMetadata: toModalMetadata(channel, context), ...FORM_META[form](catalogOf(reply.data)) });
}

async function post(target: ReplyTarget, card: AdaptiveCardJson, ephemeral: boolean): Promise<void> {
  const message = { channel: target.channel.channelId, text: fallbackText(card), blocks: toMessageBlocks(card) };
  if (ephemeral) await target.client.chat.postEphemeral({ ...message, user: target.userId });
  else await target.client.chat.postMessage(message);
}

export async function deliver(reply: Reply, target: ReplyTarget): Promise<void> {
  if (reply.kind === 'card') {
    await post(target, renderCard(reply.card, reply.data), reply.card === 'notice' && !target.announce);
    return;
  }
  if (target.triggerId) {
    await target.client.views.open({ trigger_id: target.triggerId, view: formModal(reply.form, reply, target.channel) });
    return;
  }
  await post(target, formPrompt(reply.form, catalogOf(reply.data)), true);
}

/** The catalog's generic error, to the asker only. Callers catch its own failure: it is the last resort. */
export async function tellGenericError(target: Omit<ReplyTarget, 'triggerId'>, t: Catalog): Promise<void> {
  await target.client.chat.postEphemeral({ channel: target.channel.channelId, user: target.userId, text: t.errors.generic });
}
